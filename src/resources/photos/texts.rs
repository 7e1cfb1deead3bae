//! Screen text of the photo page.

pub struct PhotoTexts {
    pub page_title: &'static str,
    pub intro: &'static str,
    pub upload_heading: &'static str,
    pub file_label: &'static str,
    pub file_hint: &'static str,
    pub caption_label: &'static str,
    pub caption_hint: &'static str,
    pub upload_button: &'static str,
    pub uploaded: &'static str,
    pub empty: &'static str,
    pub delete: &'static str,
    pub deleted: &'static str,
}

pub const ZH: PhotoTexts = PhotoTexts {
    page_title: "资源照片",
    intro: "照片会按内容检查，并缩放为网页尺寸（长边 1600 像素和 400 像素）；拍摄时间、设备和地理位置等信息会被删除。",
    upload_heading: "上传照片",
    file_label: "照片文件",
    file_hint: "JPEG、PNG、WebP 或 GIF，不超过 10 MB",
    caption_label: "照片说明（选填）",
    caption_hint: "最多 100 个字，如“主展厅”",
    upload_button: "上传",
    uploaded: "照片已上传",
    empty: "还没有照片。",
    delete: "删除",
    deleted: "照片已删除",
};

pub const EN: PhotoTexts = PhotoTexts {
    page_title: "Resource photos",
    intro: "Photos are checked by their content and scaled to web sizes (1600 px and 400 px on the long edge); the time, camera and location they carry are removed.",
    upload_heading: "Upload a photo",
    file_label: "Photo",
    file_hint: "JPEG, PNG, WebP or GIF, at most 10 MB",
    caption_label: "Caption (optional)",
    caption_hint: "At most 100 characters, e.g. \"Main hall\"",
    upload_button: "Upload",
    uploaded: "Photo uploaded",
    empty: "No photos yet.",
    delete: "Delete",
    deleted: "Photo deleted",
};
