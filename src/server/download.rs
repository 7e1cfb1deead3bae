//! Responses of plain axum handlers that send files: the file itself with
//! a download name, or an error as a short plain-text page.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::i18n::Locale;

/// Content type of XLSX workbooks.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Content type of the CSV files we write (UTF-8 with a byte order mark).
pub const CSV: &str = "text/csv; charset=utf-8";

/// Sends `bytes` as an attachment named `file_name`. The response is
/// private and not stored, because census files and exports name people
/// and phone numbers.
pub fn attachment(bytes: Vec<u8>, content_type: &'static str, file_name: &str) -> Response {
    let disposition = content_disposition(file_name);
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// Builds `Content-Disposition` with an ASCII fallback name and the UTF-8
/// name of RFC 6266 / RFC 5987, so browsers save Chinese file names.
pub fn content_disposition(file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for byte in file_name.bytes() {
        if byte.is_ascii_alphanumeric() || b".-_~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// Answers with the error's status and its message in `locale`, as plain
/// text a browser shows when a download link fails.
pub fn error_response(error: &AppError, locale: Locale) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{}\n", error.message(locale)),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disposition_keeps_chinese_name() {
        let value = content_disposition("错误报告.xlsx");
        assert!(value.starts_with("attachment; filename=\"____.xlsx\""), "{value}");
        assert!(
            value.ends_with("filename*=UTF-8''%E9%94%99%E8%AF%AF%E6%8A%A5%E5%91%8A.xlsx"),
            "{value}"
        );
    }

    #[test]
    fn error_uses_status() {
        let response = error_response(&AppError::NotFound, Locale::Zh);
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
}
