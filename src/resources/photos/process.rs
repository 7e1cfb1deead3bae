//! Checking an uploaded photo by its content and re-encoding it to the two
//! web sizes. Re-encoding writes only pixels, so EXIF, XMP and other
//! metadata (camera, time, GPS location) are dropped. The EXIF orientation
//! is applied to the pixels first, so the photo stays upright.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::{MAX_PHOTO_BYTES, PhotoProblem};

/// Long edge of the large version, in pixels.
pub const LARGE_EDGE: u32 = 1600;

/// Long edge of the thumbnail, in pixels.
pub const THUMB_EDGE: u32 = 400;

/// Largest width or height accepted, in pixels.
pub const MAX_EDGE: u32 = 10_000;

/// Largest image accepted, in pixels (40 megapixels, beyond any phone
/// camera of 2025 in its default mode).
pub const MAX_PIXELS: u64 = 40_000_000;

/// JPEG quality of both versions; 82 keeps photos sharp at about a third
/// of the size of quality 95.
const JPEG_QUALITY: u8 = 82;

/// One encoded version of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendition {
    /// JPEG bytes.
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The two versions stored for every photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    pub large: Rendition,
    pub thumb: Rendition,
}

/// Checks `bytes` and re-encodes them as JPEG in both sizes. CPU-bound: run
/// it with `spawn_blocking`.
///
/// # Errors
///
/// The [`PhotoProblem`] to show: empty or too large, not an image of an
/// accepted format, damaged, or too many pixels.
pub fn process(bytes: &[u8]) -> Result<Processed, PhotoProblem> {
    if bytes.is_empty() {
        return Err(PhotoProblem::NoFile);
    }
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoProblem::TooLarge);
    }

    // The content decides the format; the file name is never consulted.
    let format = image::guess_format(bytes).map_err(|_| PhotoProblem::NotImage)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif
    ) {
        return Err(PhotoProblem::NotImage);
    }
    // The JPEG decoder fills a cut-off file with grey instead of failing,
    // so a JPEG without its end-of-image marker is rejected here. A marker
    // inside an embedded EXIF thumbnail still lets a cut file through.
    if format == ImageFormat::Jpeg && !bytes.windows(2).any(|pair| pair == [0xFF, 0xD9]) {
        return Err(PhotoProblem::Damaged);
    }

    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_EDGE);
    limits.max_image_height = Some(MAX_EDGE);
    // Four bytes per pixel plus the decoder's working memory.
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);

    let mut decoder = reader.into_decoder().map_err(problem_of)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoProblem::TooManyPixels);
    }
    let orientation = decoder.orientation().map_err(problem_of)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(problem_of)?;
    image.apply_orientation(orientation);

    Ok(Processed {
        large: render(&image, LARGE_EDGE)?,
        thumb: render(&image, THUMB_EDGE)?,
    })
}

/// Scales `image` down to fit `edge` (never up) and encodes it as JPEG.
fn render(image: &DynamicImage, edge: u32) -> Result<Rendition, PhotoProblem> {
    let scaled = if image.width() > edge || image.height() > edge {
        image.resize(edge, edge, FilterType::Lanczos3)
    } else {
        image.clone()
    };
    // JPEG has no alpha channel; transparent areas become black, which is
    // acceptable for photos of venues.
    let rgb = DynamicImage::ImageRgb8(scaled.to_rgb8());

    let mut bytes = Vec::new();
    let encoder = JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
    rgb.write_with_encoder(encoder).map_err(|error| {
        tracing::error!(%error, "encoding a photo as JPEG failed");
        PhotoProblem::Damaged
    })?;
    Ok(Rendition {
        bytes,
        width: rgb.width(),
        height: rgb.height(),
    })
}

fn problem_of(error: image::ImageError) -> PhotoProblem {
    match error {
        image::ImageError::Limits(_) => PhotoProblem::TooManyPixels,
        image::ImageError::Unsupported(_) => PhotoProblem::NotImage,
        _ => PhotoProblem::Damaged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = RgbImage::from_fn(width, height, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
        let mut bytes = Vec::new();
        DynamicImage::ImageRgb8(image)
            .write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, 90))
            .expect("encode test JPEG");
        bytes
    }

    #[test]
    fn large_photo_is_scaled_down() {
        let processed = process(&jpeg(3200, 1800)).expect("valid photo");
        assert_eq!((processed.large.width, processed.large.height), (1600, 900));
        assert_eq!((processed.thumb.width, processed.thumb.height), (400, 225));
        assert_eq!(
            image::guess_format(&processed.large.bytes).ok(),
            Some(ImageFormat::Jpeg)
        );
    }

    #[test]
    fn small_photo_is_not_enlarged() {
        let processed = process(&jpeg(300, 200)).expect("valid photo");
        assert_eq!((processed.large.width, processed.large.height), (300, 200));
        assert_eq!((processed.thumb.width, processed.thumb.height), (300, 200));
    }

    #[test]
    fn name_does_not_matter_content_does() {
        // A 16 × 16 GIF header with nothing after its colour table flag.
        assert_eq!(
            process(b"GIF89a\x10\x00\x10\x00\x80\x00\x00"),
            Err(PhotoProblem::Damaged)
        );
        assert_eq!(process(b"%PDF-1.7 a document"), Err(PhotoProblem::NotImage));
        assert_eq!(process(b""), Err(PhotoProblem::NoFile));
    }

    #[test]
    fn truncated_jpeg_is_damaged() {
        let bytes = jpeg(640, 480);
        let cut = bytes.get(..bytes.len() / 3).expect("prefix");
        assert!(matches!(process(cut), Err(PhotoProblem::Damaged)));
    }
}
