//! `GET /calendar/<token>.ics`: the private ICS feed, read by calendar apps
//! without a login.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::server::state::AppState;

/// Serves the feed named by the token, or 404 for an unknown token.
pub async fn ics(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let domain = state
        .settings
        .server
        .public_origin
        .as_deref()
        .and_then(|origin| origin.split_once("://").map(|(_, host)| host.to_owned()))
        .unwrap_or_else(|| "xieyu.local".to_owned());

    match crate::booking::service::feeds::ics(&state, token, &domain).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            body,
        )
            .into_response(),
        Err(err) => StatusCode::from_u16(err.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
    }
}
