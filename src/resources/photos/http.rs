//! Photos over plain HTTP: the upload form's multipart post (which works
//! without JavaScript) and the stored versions under `/media/`.

use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::service::{MediaAccess, UploadError, media_access, upload};
use super::store::is_valid_key;
use super::{MAX_PHOTO_BYTES, PhotoProblem};
use crate::accounts::service::context::authenticate;
use crate::error::AppError;
use crate::i18n::locale_from_headers;
use crate::server::context::authenticate_form_post;
use crate::server::download::error_response;
use crate::server::state::AppState;

/// Cache lifetime of published photos. Keys are random and never reused,
/// so a photo under a key never changes.
const MEDIA_CACHE: &str = "public, max-age=31536000, immutable";
/// Photos of unpublished resources: kept by no cache, because the response
/// depends on the caller.
const PRIVATE_MEDIA_CACHE: &str = "private, no-store";

/// Routes of the photos, merged into the app router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/provider/resources/{id}/photos/upload",
            post(upload_form).layer(DefaultBodyLimit::max(MAX_PHOTO_BYTES + 64 * 1024)),
        )
        .route("/media/{*key}", get(media))
}

/// Path of a resource's photo page.
pub fn photos_page(resource_id: i64) -> String {
    format!("/provider/resources/{resource_id}/photos")
}

/// Receives the photo form and redirects back to the photo page, with
/// `?uploaded=1` or `?error=<code>`.
async fn upload_form(
    State(state): State<AppState>,
    parts: Parts,
    Path(resource_id): Path<i64>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let page = photos_page(resource_id);
    let back = |problem: PhotoProblem| Redirect::to(&format!("{page}?error={}", problem.code())).into_response();

    let auth = match authenticate_form_post(&state, &parts, &page, back(PhotoProblem::NotAllowed)).await {
        Ok(auth) => auth,
        Err(response) => return response,
    };

    let (bytes, caption) = match read_fields(multipart).await {
        Ok(fields) => fields,
        Err(problem) => return back(problem),
    };

    match upload(&state, &auth, resource_id, bytes, &caption).await {
        Ok(_) => Redirect::to(&format!("{page}?uploaded=1")).into_response(),
        Err(UploadError::Photo(problem)) => back(problem),
        Err(UploadError::App(AppError::Forbidden)) => back(PhotoProblem::NotAllowed),
        Err(UploadError::App(AppError::Busy)) => back(PhotoProblem::Busy),
        Err(UploadError::App(error)) => error_response(&error, locale_from_headers(&parts.headers)),
    }
}

/// Reads the `file` and `caption` fields.
async fn read_fields(multipart: Result<Multipart, MultipartRejection>) -> Result<(Vec<u8>, String), PhotoProblem> {
    let mut multipart = multipart.map_err(|_| PhotoProblem::Unreadable)?;
    let mut file = None;
    let mut caption = String::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => return Err(problem_of(error.status())),
        };
        match field.name() {
            Some("file") => {
                let bytes = field.bytes().await.map_err(|error| problem_of(error.status()))?;
                file = Some(bytes.to_vec());
            }
            Some("caption") => {
                caption = field.text().await.map_err(|error| problem_of(error.status()))?;
            }
            _ => {}
        }
    }
    match file {
        Some(bytes) if !bytes.is_empty() => Ok((bytes, caption)),
        _ => Err(PhotoProblem::NoFile),
    }
}

fn problem_of(status: StatusCode) -> PhotoProblem {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        PhotoProblem::TooLarge
    } else {
        PhotoProblem::Unreadable
    }
}

/// Sends a stored photo: to anyone when its resource is published, else
/// only to a caller who may view the resource.
async fn media(State(state): State<AppState>, parts: Parts, Path(key): Path<String>) -> Response {
    let locale = locale_from_headers(&parts.headers);
    if !is_valid_key(&key) || !key.ends_with(".jpg") {
        return error_response(&AppError::NotFound, locale);
    }
    let auth = match authenticate(&state, &parts).await {
        Ok(auth) => auth,
        Err(error) => return error_response(&error, locale),
    };
    let access = match media_access(&state, auth.as_ref(), &key).await {
        Ok(access) => access,
        Err(error) => return error_response(&error, locale),
    };
    match state.objects.get(&key).await {
        Ok(Some(bytes)) => {
            let mut response = (StatusCode::OK, bytes).into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
            let cache = match access {
                MediaAccess::Public => MEDIA_CACHE,
                MediaAccess::Private => PRIVATE_MEDIA_CACHE,
            };
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            response
        }
        Ok(None) => error_response(&AppError::NotFound, locale),
        Err(error) => error_response(&error.into(), locale),
    }
}
