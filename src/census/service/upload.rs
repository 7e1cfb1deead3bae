//! Receiving a census sheet: read and validate it off the async runtime,
//! then keep the outcome for 24 hours under a random token, so the result
//! page, the error report and the confirmation all use the same checked
//! rows.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, Utc};
use rand::RngCore as _;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::lookup::{existing_resources, region_index};
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::Auth;
use crate::census::entity::upload;
use crate::census::read::read_sheet;
use crate::census::upload::{CheckedSheet, PAGE_ERRORS, UPLOAD_LIFETIME_HOURS, UploadOutcome, UploadView};
use crate::census::write::{error_report_csv, error_report_xlsx};
use crate::census::{SheetError, SheetFormat, TextEncoding, ValidationReport, validate};
use crate::error::AppError;
use crate::i18n::Text;
use crate::server::state::AppState;

/// `census_uploads.status` of an upload waiting for confirmation.
pub const STATUS_CHECKED: &str = "checked";
/// `census_uploads.status` of an imported upload.
pub const STATUS_IMPORTED: &str = "imported";

/// Longest file name kept, in characters.
const MAX_FILE_NAME_CHARS: usize = 100;

/// Download format of the error report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Xlsx,
    Csv,
}

/// Checks an uploaded sheet for the caller's provider organisation and
/// stores the outcome; returns the upload's token. A file that cannot be
/// read at all is stored too, with its sheet-level message.
///
/// # Errors
///
/// [`AppError::Forbidden`] unless the caller is admin or staff of an
/// approved provider; [`AppError::Busy`]; database errors.
pub async fn receive(state: &AppState, auth: &Auth, file_name: &str, bytes: Vec<u8>) -> Result<String, AppError> {
    policy::check(&auth.actor, &Permission::ImportCensus)?;
    let organisation_id = provider_of(auth)?;
    let file_name = clean_file_name(file_name);

    let regions = region_index(state.db.conn()).await?;
    let existing = existing_resources(state.db.conn()).await?;
    let name = file_name.clone();
    // Reading and validating 20,000 rows takes up to a second of CPU.
    let checked = tokio::task::spawn_blocking(move || {
        read_sheet(&name, &bytes).map(|sheet| (sheet.format, validate(&sheet, &regions, &existing)))
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "census sheet check panicked or was cancelled");
        AppError::Internal
    })?;

    let now = Utc::now();
    let token = new_token();
    let mut row = upload::ActiveModel {
        token: Set(token.clone()),
        uploader_user_id: Set(auth.user.user_id),
        organisation_id: Set(organisation_id),
        file_name: Set(file_name),
        format: Set(String::new()),
        sheet_error: Set(None),
        report: Set(None),
        status: Set(STATUS_CHECKED.to_owned()),
        imported_count: Set(None),
        imported_at: Set(None),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(UPLOAD_LIFETIME_HOURS)),
    };
    match &checked {
        Ok((format, report)) => {
            tracing::info!(
                organisation_id,
                rows = report.total_rows,
                errors = report.errors.len() + report.errors_omitted,
                "census sheet checked"
            );
            row.format = Set(format_code(*format).to_owned());
            row.report = Set(Some(to_json(report)?));
        }
        Err(error) => {
            tracing::info!(organisation_id, %error, "census sheet rejected");
            row.sheet_error = Set(Some(to_json(error)?));
        }
    }

    let txn = state.db.begin_write().await?;
    purge_expired(&*txn).await?;
    upload::Entity::insert(row).exec_without_returning(&*txn).await?;
    txn.commit().await?;
    Ok(token)
}

/// Returns the upload named by `token` if the caller may see it and it has
/// not expired.
///
/// # Errors
///
/// [`AppError::NotFound`] for an unknown, expired or foreign upload;
/// database errors.
pub async fn find(conn: &impl ConnectionTrait, auth: &Auth, token: &str) -> Result<upload::Model, AppError> {
    if token.is_empty() || token.len() > 64 {
        return Err(AppError::NotFound);
    }
    let row = upload::Entity::find_by_id(token.to_owned())
        .one(conn)
        .await?
        .filter(|row| row.expires_at > Utc::now())
        .ok_or(AppError::NotFound)?;
    policy::check(
        &auth.actor,
        &Permission::ViewCensusUpload {
            organisation_id: row.organisation_id,
        },
    )?;
    Ok(row)
}

/// Builds the result page's view of an upload.
///
/// # Errors
///
/// As [`find`]; [`AppError::Internal`] for a stored report that no longer
/// parses.
pub async fn view(state: &AppState, auth: &Auth, token: &str) -> Result<UploadView, AppError> {
    let row = find(state.db.conn(), auth, token).await?;
    let outcome = outcome_of(&row)?;
    Ok(UploadView {
        token: row.token,
        file_name: row.file_name,
        created_at: row.created_at,
        expires_at: row.expires_at,
        outcome,
    })
}

/// Writes the row-by-row error report of an upload; returns the file and
/// its download name.
///
/// # Errors
///
/// As [`find`]; [`AppError::BadRequest`] for a file that was rejected as a
/// whole, which has no rows to report.
pub async fn error_report(
    state: &AppState,
    auth: &Auth,
    token: &str,
    format: ReportFormat,
) -> Result<(Vec<u8>, String), AppError> {
    let row = find(state.db.conn(), auth, token).await?;
    let report = stored_report(&row)?.ok_or_else(|| {
        AppError::BadRequest(Text::new(
            "这个文件无法读取，没有逐行的错误报告，请按页面上的提示修改文件",
            "This file could not be read, so it has no row-by-row report; follow the message on the page",
        ))
    })?;

    let stem = row
        .file_name
        .rsplit_once('.')
        .map_or(row.file_name.as_str(), |(stem, _)| stem)
        .to_owned();
    let file = match format {
        ReportFormat::Xlsx => (error_report_xlsx(&report)?, format!("{stem}-错误报告.xlsx")),
        ReportFormat::Csv => (error_report_csv(&report)?, format!("{stem}-错误报告.csv")),
    };
    Ok(file)
}

/// Parses the stored report; `None` for a file rejected as a whole.
///
/// # Errors
///
/// [`AppError::Internal`] when the stored JSON does not parse.
pub fn stored_report(row: &upload::Model) -> Result<Option<ValidationReport>, AppError> {
    let Some(text) = &row.report else {
        return Ok(None);
    };
    serde_json::from_str(text).map(Some).map_err(|error| {
        tracing::error!(%error, "stored census report does not parse");
        AppError::Internal
    })
}

fn outcome_of(row: &upload::Model) -> Result<UploadOutcome, AppError> {
    if row.status == STATUS_IMPORTED {
        return Ok(UploadOutcome::Imported {
            count: row.imported_count.and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
            at: row.imported_at.unwrap_or(row.created_at),
        });
    }
    if let Some(text) = &row.sheet_error {
        let error: SheetError = serde_json::from_str(text).map_err(|error| {
            tracing::error!(%error, "stored census sheet error does not parse");
            AppError::Internal
        })?;
        return Ok(UploadOutcome::Rejected {
            message: error.message(),
        });
    }
    let report = stored_report(row)?.ok_or(AppError::Internal)?;
    Ok(UploadOutcome::Checked(checked_sheet(&report)))
}

/// Summarises a report for the page.
pub fn checked_sheet(report: &ValidationReport) -> CheckedSheet {
    let mut duplicate_rows: Vec<u32> = report.errors.iter().filter(|e| e.duplicate).map(|e| e.row).collect();
    duplicate_rows.dedup();
    CheckedSheet {
        total_rows: report.total_rows,
        valid_rows: report.valid_rows,
        errors: report.errors.iter().take(PAGE_ERRORS).cloned().collect(),
        error_count: report.errors.len() + report.errors_omitted,
        duplicate_rows: duplicate_rows.len(),
        importable: report.is_importable(),
    }
}

/// The provider organisation the caller acts for.
///
/// # Errors
///
/// [`AppError::Forbidden`] when the session does not act for a provider
/// (a platform admin passes the policy but belongs to none).
pub fn provider_of(auth: &Auth) -> Result<i64, AppError> {
    match &auth.user.active {
        Some(active) if active.kind == crate::accounts::OrgKind::Provider => Ok(active.organisation_id),
        _ => Err(AppError::Forbidden),
    }
}

async fn purge_expired(conn: &impl ConnectionTrait) -> Result<(), AppError> {
    let removed = upload::Entity::delete_many()
        .filter(upload::Column::ExpiresAt.lt(Utc::now()))
        .exec(conn)
        .await?
        .rows_affected;
    if removed > 0 {
        tracing::info!(removed, "expired census uploads deleted");
    }
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|error| {
        tracing::error!(%error, "census result could not be serialised");
        AppError::Internal
    })
}

fn format_code(format: SheetFormat) -> &'static str {
    match format {
        SheetFormat::Xlsx => "xlsx",
        SheetFormat::Csv(TextEncoding::Utf8) => "csv_utf8",
        SheetFormat::Csv(TextEncoding::Gbk) => "csv_gbk",
    }
}

/// Keeps the last path segment of a browser-sent name (old browsers send
/// `C:\…\name.xlsx`), without control characters, cut to a length the
/// column holds.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_FILE_NAME_CHARS)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        "普查表".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// 32 random bytes as base64url: 43 characters.
fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_keeps_last_segment() {
        assert_eq!(clean_file_name("C:\\Users\\王\\普查表.xlsx"), "普查表.xlsx");
        assert_eq!(clean_file_name("a/b/museums.csv"), "museums.csv");
        assert_eq!(clean_file_name("  \u{7}  "), "普查表");
        assert_eq!(clean_file_name(&"长".repeat(300)).chars().count(), MAX_FILE_NAME_CHARS);
    }

    #[test]
    fn tokens_are_url_safe() {
        let token = new_token();
        assert_eq!(token.len(), 43);
        assert!(token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(token, new_token());
    }
}
