//! Steps of the workflow after editing: submit, review (审核), publish,
//! take offline and mark verified. Each step writes a history row in the
//! same transaction and bumps the version.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::super::diff;
use super::super::entity::{resource, resource_history};
use super::super::form::{HistoryEntry, ResourceRecord, ReviewView};
use super::super::model::ResourceStatus;
use super::super::workflow::{Step, next_status};
use super::directory;
use super::records::{self, ChangeBy, find, reference_of, status_of};
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::Auth;
use crate::error::AppError;
use crate::server::state::AppState;

/// Applies `step` to resource `id`, which must still be at `row.version`.
async fn apply(
    state: &AppState,
    auth: &Auth,
    row: &resource::Model,
    step: Step,
    reason: Option<String>,
) -> Result<resource::Model, AppError> {
    let status = next_status(status_of(row), step)?;
    let now = Utc::now();
    let mut change = resource::ActiveModel {
        status: Set(status.code().to_owned()),
        version: Set(row.version + 1),
        updated_at: Set(now),
        ..Default::default()
    };
    match step {
        Step::Return => change.return_reason = Set(reason),
        Step::Approve => {
            change.return_reason = Set(None);
            change.last_approved_version = Set(Some(row.version + 1));
        }
        Step::Publish => change.published_at = Set(Some(now)),
        Step::Verify => change.last_verified_at = Set(Some(now)),
        _ => {}
    }

    let txn = state.db.begin_write().await?;
    let result = resource::Entity::update_many()
        .set(change)
        .filter(resource::Column::Id.eq(row.id))
        .filter(resource::Column::Version.eq(row.version))
        .exec(&*txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(records::stale());
    }
    let saved = find(&*txn, row.id).await?;
    records::record_history(&*txn, &saved, &ChangeBy::of(auth), step.code(), now).await?;
    txn.commit().await?;
    tracing::info!(resource_id = row.id, action = step.code(), "resource workflow step");
    Ok(saved)
}

/// Submits a draft, returned or offline resource for review.
///
/// # Errors
///
/// [`AppError::Conflict`] from the wrong status; policy denials; database
/// errors.
pub async fn submit(state: &AppState, auth: &Auth, id: i64) -> Result<(), AppError> {
    let row = find(state.db.conn(), id).await?;
    let provider = records::acting_provider(state, auth).await?;
    if provider.id != row.provider_id {
        return Err(AppError::NotFound);
    }
    apply(state, auth, &row, Step::Submit, None).await?;
    Ok(())
}

/// Approves (`reason` = `None`) or returns a submitted resource.
///
/// # Errors
///
/// [`AppError::Conflict`] when it is no longer submitted; a field error
/// for an empty reason; policy denials; database errors.
pub async fn decide(state: &AppState, auth: &Auth, id: i64, reason: Option<String>) -> Result<(), AppError> {
    let row = find(state.db.conn(), id).await?;
    policy::check(&auth.actor, &Permission::ReviewResource(reference_of(&row)))?;
    let reason = match reason {
        Some(reason) => Some(super::super::validate::check_reason(&reason)?),
        None => None,
    };
    let step = if reason.is_some() { Step::Return } else { Step::Approve };
    apply(state, auth, &row, step, reason).await?;
    Ok(())
}

/// Publishes an approved resource and adds it to the directory.
///
/// # Errors
///
/// [`AppError::Conflict`] unless approved; policy denials; database errors.
pub async fn publish(state: &AppState, auth: &Auth, id: i64) -> Result<(), AppError> {
    let row = find(state.db.conn(), id).await?;
    policy::check(&auth.actor, &Permission::PublishResource(reference_of(&row)))?;
    let saved = apply(state, auth, &row, Step::Publish, None).await?;
    directory::refresh(state, &saved).await;
    Ok(())
}

/// Takes a published resource offline and out of the directory.
///
/// # Errors
///
/// [`AppError::Conflict`] unless published; policy denials; database
/// errors.
pub async fn take_offline(state: &AppState, auth: &Auth, id: i64) -> Result<(), AppError> {
    let row = find(state.db.conn(), id).await?;
    policy::check(&auth.actor, &Permission::PublishResource(reference_of(&row)))?;
    let saved = apply(state, auth, &row, Step::TakeOffline, None).await?;
    directory::refresh(state, &saved).await;
    Ok(())
}

/// Records that the provider or a bureau confirmed the record is true.
///
/// # Errors
///
/// Policy denials; database errors.
pub async fn verify(state: &AppState, auth: &Auth, id: i64) -> Result<(), AppError> {
    let row = find(state.db.conn(), id).await?;
    policy::check(&auth.actor, &Permission::VerifyResource(reference_of(&row)))?;
    apply(state, auth, &row, Step::Verify, None).await?;
    Ok(())
}

/// The history of a resource, newest first.
///
/// # Errors
///
/// Database errors.
pub async fn history(state: &AppState, id: i64) -> Result<Vec<resource_history::Model>, AppError> {
    Ok(resource_history::Entity::find()
        .filter(resource_history::Column::ResourceId.eq(id))
        .order_by_desc(resource_history::Column::Version)
        .order_by_desc(resource_history::Column::Id)
        .all(state.db.conn())
        .await?)
}

/// The record as it was at the last approval, from the history.
pub fn approved_snapshot(history: &[resource_history::Model], approved_version: Option<i32>) -> Option<ResourceRecord> {
    let version = approved_version?;
    history
        .iter()
        .find(|entry| entry.version == version)
        .and_then(|entry| serde_json::from_str(&entry.snapshot).ok())
}

/// A resource for review: its record, what changed since the last
/// approval, and its history.
///
/// # Errors
///
/// [`AppError::NotFound`] outside the caller's scope; database errors.
pub async fn review_view(state: &AppState, auth: &Auth, id: i64) -> Result<ReviewView, AppError> {
    let row = find(state.db.conn(), id).await?;
    policy::check(&auth.actor, &Permission::ViewResource(reference_of(&row)))?;
    let entries = history(state, id).await?;
    let approved = approved_snapshot(&entries, row.last_approved_version);
    let details = records::details_of(state, row).await?;
    let changes = diff::changes(approved.as_ref(), &details.record);
    Ok(ReviewView {
        approved_before: approved.is_some(),
        changes,
        history: entries
            .into_iter()
            .map(|entry| HistoryEntry {
                version: entry.version,
                at: entry.at,
                actor_name: entry.actor_name,
                action: entry.action,
                status: ResourceStatus::from_code(&entry.status).unwrap_or(ResourceStatus::Draft),
            })
            .collect(),
        details,
    })
}
