//! The census files over plain HTTP: the template, the upload form's
//! multipart post (which works without JavaScript), the error report of an
//! upload and the directory export.

use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::service::export::{ExportFilter, export};
use super::service::upload::{ReportFormat, error_report, receive};
use super::upload::{MAX_UPLOAD_BYTES, UploadProblem};
use super::write::template_xlsx;
use crate::error::AppError;
use crate::i18n::locale_from_headers;
use crate::server::context::{authenticate_approved, authenticate_form_post};
use crate::server::download::{CSV, XLSX, attachment, error_response};
use crate::server::state::AppState;

/// Path of the upload page.
pub const UPLOAD_PAGE: &str = "/provider/census";

/// Routes of the census files, merged into the app router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/census/template.xlsx", get(template))
        .route(
            "/census/upload",
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/census/uploads/{token}/{file}", get(upload_report))
        .route("/resources/export.xlsx", get(directory_export))
}

/// Sends the blank template. It holds no data, so anyone may download it.
async fn template(parts: Parts) -> Response {
    match template_xlsx() {
        Ok(bytes) => attachment(bytes, XLSX, "资源普查表模板.xlsx"),
        Err(error) => error_response(&error.into(), locale_from_headers(&parts.headers)),
    }
}

/// Receives the upload form and redirects to the upload's result page, or
/// back to the form with a problem code.
async fn upload(
    State(state): State<AppState>,
    parts: Parts,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let back =
        |problem: UploadProblem| Redirect::to(&format!("{UPLOAD_PAGE}?error={}", problem.code())).into_response();

    let auth = match authenticate_form_post(&state, &parts, UPLOAD_PAGE, back(UploadProblem::NotAllowed)).await {
        Ok(auth) => auth,
        Err(response) => return response,
    };

    let (file_name, bytes) = match read_file_field(multipart).await {
        Ok(file) => file,
        Err(problem) => return back(problem),
    };

    match receive(&state, &auth, &file_name, bytes).await {
        Ok(token) => Redirect::to(&format!("{UPLOAD_PAGE}/{token}")).into_response(),
        Err(AppError::Forbidden | AppError::NotFound) => back(UploadProblem::NotAllowed),
        Err(AppError::Busy) => back(UploadProblem::Busy),
        Err(error) => error_response(&error, locale_from_headers(&parts.headers)),
    }
}

/// Reads the form's `file` field; other fields are skipped.
async fn read_file_field(multipart: Result<Multipart, MultipartRejection>) -> Result<(String, Vec<u8>), UploadProblem> {
    let mut multipart = multipart.map_err(|_| UploadProblem::Unreadable)?;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err(UploadProblem::NoFile),
            Err(error) => return Err(problem_of(error.status())),
        };
        if field.name() != Some("file") {
            continue;
        }
        let file_name = field.file_name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(|error| problem_of(error.status()))?;
        if file_name.is_empty() && bytes.is_empty() {
            return Err(UploadProblem::NoFile);
        }
        return Ok((file_name, bytes.to_vec()));
    }
}

fn problem_of(status: StatusCode) -> UploadProblem {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        UploadProblem::TooLarge
    } else {
        UploadProblem::Unreadable
    }
}

/// Sends the error report of an upload: `errors.xlsx` or `errors.csv`.
async fn upload_report(
    State(state): State<AppState>,
    parts: Parts,
    Path((token, file)): Path<(String, String)>,
) -> Response {
    let locale = locale_from_headers(&parts.headers);
    let format = match file.as_str() {
        "errors.xlsx" => ReportFormat::Xlsx,
        "errors.csv" => ReportFormat::Csv,
        _ => return error_response(&AppError::NotFound, locale),
    };
    let result = async {
        let (_, auth) = authenticate_approved(&state, &parts).await?;
        error_report(&state, &auth, &token, format).await
    }
    .await;
    match result {
        Ok((bytes, name)) => {
            let content_type = if format == ReportFormat::Xlsx { XLSX } else { CSV };
            attachment(bytes, content_type, &name)
        }
        Err(error) => error_response(&error, locale),
    }
}

/// Sends the published directory, filtered like the directory page.
async fn directory_export(
    State(state): State<AppState>,
    parts: Parts,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let filter = ExportFilter::from_query(&pairs);
    let result = async {
        let (request, auth) = authenticate_approved(&state, &parts).await?;
        export(&state, &request, &auth, &filter).await
    }
    .await;
    match result {
        Ok(bytes) => {
            let date = crate::calendar::time::china_today().format("%Y%m%d");
            attachment(bytes, XLSX, &format!("教育资源目录-{date}.xlsx"))
        }
        Err(error) => error_response(&error, locale_from_headers(&parts.headers)),
    }
}
