//! HTTP status of server-function errors raised before the function runs.
//!
//! A request with a missing or malformed argument fails while Leptos
//! decodes it, so the function, which would set the status from its
//! `AppError`, never runs, and the response goes out as 500. Such a body is
//! still an encoded `AppError` (here `BadRequest`), so this layer reads it
//! back and sets the status that error maps to.

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// Largest error body read; encoded errors are a few hundred bytes.
const MAX_ERROR_BYTES: usize = 64 * 1024;

/// Sets the status of a server function's 500 response from the encoded
/// `AppError` in its body.
pub async fn error_status(request: Request, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BYTES).await else {
        tracing::error!("reading a server function's error body failed");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}
