//! Photos of resources: uploads are checked by their content, re-encoded
//! to web sizes without their metadata (EXIF, including GPS location), and
//! kept in an object store (a local folder, or an S3-compatible bucket).

pub mod api;
pub mod page;
pub mod texts;

#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod process;
#[cfg(feature = "ssr")]
mod s3;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// Largest photo upload, in mebibytes.
pub const MAX_PHOTO_MIB: usize = 10;

/// Largest photo upload in bytes.
pub const MAX_PHOTO_BYTES: usize = MAX_PHOTO_MIB * 1024 * 1024;

/// Most photos one resource may have.
pub const MAX_PHOTOS_PER_RESOURCE: usize = 20;

/// One stored photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoView {
    pub id: i64,
    pub resource_id: i64,
    /// Path of the large version (at most 1600 px on its long edge).
    pub url: String,
    /// Path of the thumbnail (at most 400 px on its long edge).
    pub thumb_url: String,
    pub width: i32,
    pub height: i32,
    pub caption: String,
}

/// Problem with a photo upload, found before anything was stored. The
/// redirect back to the photo page carries it in the `error` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoProblem {
    NoFile,
    TooLarge,
    Unreadable,
    NotImage,
    Damaged,
    TooManyPixels,
    TooManyPhotos,
    CaptionTooLong,
    NotAllowed,
    Busy,
}

impl PhotoProblem {
    pub const ALL: [PhotoProblem; 10] = [
        PhotoProblem::NoFile,
        PhotoProblem::TooLarge,
        PhotoProblem::Unreadable,
        PhotoProblem::NotImage,
        PhotoProblem::Damaged,
        PhotoProblem::TooManyPixels,
        PhotoProblem::TooManyPhotos,
        PhotoProblem::CaptionTooLong,
        PhotoProblem::NotAllowed,
        PhotoProblem::Busy,
    ];

    /// Value of the `error` query parameter.
    pub fn code(self) -> &'static str {
        match self {
            PhotoProblem::NoFile => "no_file",
            PhotoProblem::TooLarge => "too_large",
            PhotoProblem::Unreadable => "unreadable",
            PhotoProblem::NotImage => "not_image",
            PhotoProblem::Damaged => "damaged",
            PhotoProblem::TooManyPixels => "too_many_pixels",
            PhotoProblem::TooManyPhotos => "too_many_photos",
            PhotoProblem::CaptionTooLong => "caption_too_long",
            PhotoProblem::NotAllowed => "not_allowed",
            PhotoProblem::Busy => "busy",
        }
    }

    pub fn from_code(code: &str) -> Option<PhotoProblem> {
        Self::ALL.into_iter().find(|problem| problem.code() == code)
    }

    /// The message shown above the upload form.
    pub fn message(self) -> Text {
        match self {
            PhotoProblem::NoFile => Text::new("请选择要上传的照片", "Choose a photo to upload"),
            PhotoProblem::TooLarge => Text::new(
                format!("照片太大，上限为 {MAX_PHOTO_MIB} MB，请压缩后再上传"),
                format!("The photo is too large (limit {MAX_PHOTO_MIB} MB); make it smaller and upload it again"),
            ),
            PhotoProblem::Unreadable => Text::new(
                "上传没有完成，请重新选择照片后再试",
                "The upload did not complete; choose the photo and try again",
            ),
            PhotoProblem::NotImage => Text::new(
                "文件内容不是 JPEG、PNG、WebP 或 GIF 图片，请选择照片文件（与文件扩展名无关）",
                "The file is not a JPEG, PNG, WebP or GIF image (whatever its name says); choose a photo",
            ),
            PhotoProblem::Damaged => Text::new(
                "照片已损坏或不完整，无法读取，请重新导出后再上传",
                "The photo is damaged or incomplete; export it again and upload it",
            ),
            PhotoProblem::TooManyPixels => Text::new(
                "照片尺寸过大（超过 10000 像素或 4000 万像素），请缩小后再上传",
                "The photo has too many pixels (over 10,000 px wide or tall, or 40 megapixels); scale it down",
            ),
            PhotoProblem::TooManyPhotos => Text::new(
                format!("每个资源最多 {MAX_PHOTOS_PER_RESOURCE} 张照片，请先删除不需要的照片"),
                format!("A resource has at most {MAX_PHOTOS_PER_RESOURCE} photos; delete one first"),
            ),
            PhotoProblem::CaptionTooLong => Text::new(
                "照片说明最多 100 个字，请缩短",
                "The caption has more than 100 characters; shorten it",
            ),
            PhotoProblem::NotAllowed => Text::new(
                "只有该资源所属资源单位的管理员和工作人员可以上传照片",
                "Only administrators and staff of the resource's provider can upload photos",
            ),
            PhotoProblem::Busy => Text::new("系统繁忙，请稍后重试", "The system is busy; please try again shortly"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_codes_round_trip() {
        for problem in PhotoProblem::ALL {
            assert_eq!(PhotoProblem::from_code(problem.code()), Some(problem));
        }
    }
}
