//! Helpers that keep server functions thin.

use std::future::Future;

use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use super::state::AppState;
use crate::error::AppError;

/// The shared state that the router provides to every request.
///
/// # Errors
///
/// [`AppError::Internal`] when called outside a request.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState is missing from the request context");
        AppError::Internal
    })
}

/// Runs the body of a server function with the app state, and sets the HTTP
/// status of the response from the error it returns, if any.
///
/// During server rendering the status applies to the page, so a page whose
/// record is missing answers 404.
///
/// # Errors
///
/// Whatever `body` returns.
pub async fn run<T, F, Fut>(body: F) -> Result<T, AppError>
where
    F: FnOnce(AppState) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let result = match app_state() {
        Ok(state) => body(state).await,
        Err(err) => Err(err),
    };

    if let Err(err) = &result
        && let Some(response) = use_context::<ResponseOptions>()
    {
        let status = http::StatusCode::from_u16(err.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        response.set_status(status);
    }
    result
}
