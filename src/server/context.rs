//! Helpers that keep server functions thin: they give the body the app
//! state, the request facts and the caller, and turn the error it returns
//! into the response status (and, for a form posted without JavaScript,
//! into a flash the page shows after the redirect).

use std::future::Future;

use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use super::state::AppState;
use crate::accounts::service::context::{Auth, RequestInfo, authenticate, organisation_approved};
use crate::accounts::session;
use crate::error::AppError;

/// What a server function body gets.
#[derive(Clone)]
pub struct Ctx {
    pub state: AppState,
    pub request: RequestInfo,
}

impl Ctx {
    /// Stores the session cookie in the response.
    pub fn set_session_cookie(&self, token: &str) {
        if let Some(response) = use_context::<ResponseOptions>() {
            let max_age = self.state.settings.session.absolute_hours * 3600;
            response.append_header(
                http::header::SET_COOKIE,
                session::cookie(token, self.request.secure, max_age),
            );
        }
    }

    /// Removes the session cookie.
    pub fn clear_session_cookie(&self) {
        if let Some(response) = use_context::<ResponseOptions>() {
            response.append_header(http::header::SET_COOKIE, session::clear_cookie(self.request.secure));
        }
    }
}

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

fn request_parts() -> Result<http::request::Parts, AppError> {
    use_context::<http::request::Parts>().ok_or_else(|| {
        tracing::error!("request parts are missing from the context");
        AppError::Internal
    })
}

/// Sets the response status from the error. A plain form post keeps the
/// redirect Leptos answers it with (a browser does not follow a redirect
/// with an error status); its error and values go into the flash instead.
fn finish<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result {
        if crate::forms::is_plain_form_post() {
            crate::forms::flash_error(err);
        } else if let Some(response) = use_context::<ResponseOptions>() {
            let status = http::StatusCode::from_u16(err.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
            response.set_status(status);
        }
    }
    result
}

/// Runs a public server function that needs only the app state.
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
    finish(result)
}

fn context() -> Result<Ctx, AppError> {
    let state = app_state()?;
    let parts = request_parts()?;
    let request = RequestInfo::from_parts(&parts, &state.settings);
    Ok(Ctx { state, request })
}

/// Runs a public server function that needs the request facts.
///
/// # Errors
///
/// Whatever `body` returns.
pub async fn run_public<T, F, Fut>(body: F) -> Result<T, AppError>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let result = match context() {
        Ok(ctx) => body(ctx).await,
        Err(err) => Err(err),
    };
    finish(result)
}

/// Looks up the logged-in caller of a public server function, if any. A
/// failed lookup counts as no caller, so the function returns what anyone
/// would get.
pub async fn caller(state: &AppState) -> Option<Auth> {
    let parts = request_parts().ok()?;
    authenticate(state, &parts).await.ok().flatten()
}

/// How much of an account a server function requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Logged in, even with an initial password still to change.
    Login,
    /// Logged in with a changed password; the organisation may still be
    /// under review.
    Member,
    /// Logged in, password changed, organisation approved.
    Approved,
}

async fn authenticated(need: Need) -> Result<(Ctx, Auth), AppError> {
    let ctx = context()?;
    let parts = request_parts()?;
    let auth = authenticate(&ctx.state, &parts)
        .await?
        .ok_or(AppError::Unauthenticated)?;

    if need != Need::Login && auth.user.must_change_password {
        return Err(AppError::PasswordChangeRequired);
    }
    if need == Need::Approved && !organisation_approved(&auth.user) {
        return Err(AppError::Forbidden);
    }
    Ok((ctx, auth))
}

async fn run_needing<T, F, Fut>(need: Need, body: F) -> Result<T, AppError>
where
    F: FnOnce(Ctx, Auth) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let result = match authenticated(need).await {
        Ok((ctx, auth)) => body(ctx, auth).await,
        Err(err) => Err(err),
    };
    finish(result)
}

/// Runs a server function for any logged-in user, including one who must
/// still change an initial password (changing it, logging out).
///
/// # Errors
///
/// [`AppError::Unauthenticated`] without a live session; else whatever
/// `body` returns.
pub async fn run_as_login<T, F, Fut>(body: F) -> Result<T, AppError>
where
    F: FnOnce(Ctx, Auth) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    run_needing(Need::Login, body).await
}

/// Runs a server function for a logged-in user whose organisation may
/// still be under review.
///
/// # Errors
///
/// [`AppError::Unauthenticated`], [`AppError::Forbidden`] while the
/// password must be changed; else whatever `body` returns.
pub async fn run_as_member<T, F, Fut>(body: F) -> Result<T, AppError>
where
    F: FnOnce(Ctx, Auth) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    run_needing(Need::Member, body).await
}

/// Runs a server function for a user of an approved organisation (or a
/// platform admin). The body still asks the policy about the record.
///
/// # Errors
///
/// [`AppError::Unauthenticated`], [`AppError::Forbidden`]; else whatever
/// `body` returns.
pub async fn run_as<T, F, Fut>(body: F) -> Result<T, AppError>
where
    F: FnOnce(Ctx, Auth) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    run_needing(Need::Approved, body).await
}

/// Authenticates a plain axum handler (a file download or a multipart
/// upload) as [`run_as`] does a server function: logged in, password
/// changed, organisation approved. The handler still asks the policy.
///
/// # Errors
///
/// [`AppError::Unauthenticated`], [`AppError::PasswordChangeRequired`],
/// [`AppError::Forbidden`]; database errors.
pub async fn authenticate_approved(
    state: &AppState,
    parts: &http::request::Parts,
) -> Result<(RequestInfo, Auth), AppError> {
    let auth = authenticate(state, parts).await?.ok_or(AppError::Unauthenticated)?;
    if auth.user.must_change_password {
        return Err(AppError::PasswordChangeRequired);
    }
    if !organisation_approved(&auth.user) {
        return Err(AppError::Forbidden);
    }
    Ok((RequestInfo::from_parts(parts, &state.settings), auth))
}

/// Authenticates a plain form post (a multipart upload) that answers with
/// redirects. On failure returns the response to send: the login or
/// password page with a way back to `page`, `forbidden` for a caller whose
/// organisation is not approved, or an error page.
///
/// # Errors
///
/// The response to send instead of handling the post.
pub async fn authenticate_form_post(
    state: &AppState,
    parts: &http::request::Parts,
    page: &str,
    forbidden: axum::response::Response,
) -> Result<Auth, axum::response::Response> {
    use axum::response::{IntoResponse, Redirect};

    match authenticate_approved(state, parts).await {
        Ok((_, auth)) => Ok(auth),
        Err(AppError::Unauthenticated) => Err(Redirect::to(&format!("/login?next={page}")).into_response()),
        Err(AppError::PasswordChangeRequired) => {
            Err(Redirect::to(&format!("/account/password?next={page}")).into_response())
        }
        Err(AppError::Forbidden) => Err(forbidden),
        Err(error) => Err(super::download::error_response(
            &error,
            crate::i18n::locale_from_headers(&parts.headers),
        )),
    }
}
