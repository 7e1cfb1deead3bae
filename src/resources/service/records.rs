//! Loading, creating and editing resource records, and their history.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::super::entity::{resource, resource_history};
use super::super::form::{ResourceDetails, ResourceList, ResourceRecord, ResourceRow};
use super::super::model::{FeeKind, ResourceStatus, ResourceType, Stage, Theme};
use super::super::validate::NewResource;
use super::super::workflow::{Step, next_status};
use super::directory;
use crate::accounts::OrgKind;
use crate::accounts::entity::organisation;
use crate::accounts::policy::{self, OrgRef, Permission, ResourceRef};
use crate::accounts::service::context::Auth;
use crate::error::AppError;
use crate::i18n::Text;
use crate::server::state::AppState;

/// Rows per page of resource lists.
pub const PER_PAGE: u64 = 20;

/// The author of a change, as the history records it.
#[derive(Debug, Clone)]
pub struct ChangeBy {
    pub user_id: Option<i64>,
    pub name: String,
}

impl ChangeBy {
    pub fn of(auth: &Auth) -> ChangeBy {
        ChangeBy {
            user_id: Some(auth.user.user_id),
            name: auth.audit_name(),
        }
    }
}

fn codes<T: Copy>(values: &[T], code: fn(T) -> &'static str) -> String {
    let list: Vec<&str> = values.iter().map(|v| code(*v)).collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_owned())
}

/// Reads a JSON array of vocabulary codes; unknown codes are skipped.
pub fn parse_codes<T>(json: &str, from_code: fn(&str) -> Option<T>) -> Vec<T> {
    serde_json::from_str::<Vec<String>>(json)
        .unwrap_or_default()
        .iter()
        .filter_map(|code| from_code(code))
        .collect()
}

pub fn theme_codes(themes: &[Theme]) -> String {
    codes(themes, Theme::code)
}

pub fn stage_codes(stages: &[Stage]) -> String {
    codes(stages, Stage::code)
}

/// Returns the editable content of a stored resource.
pub fn record_of(row: &resource::Model) -> ResourceRecord {
    ResourceRecord {
        name: row.name.clone(),
        resource_type: ResourceType::from_code(&row.resource_type),
        themes: parse_codes(&row.themes, Theme::from_code),
        stages: parse_codes(&row.stages, Stage::from_code),
        summary: row.summary.clone(),
        strengths: row.strengths.clone(),
        services: row.services.clone(),
        opening_hours_text: row.opening_hours_text.clone(),
        contact_name: row.contact_name.clone(),
        contact_phone: row.contact_phone.clone(),
        region_code: row.region_code.clone(),
        address: row.address.clone(),
        latitude: row.latitude,
        longitude: row.longitude,
        group_capacity: row.group_capacity,
        fee_kind: FeeKind::from_code(&row.fee_kind),
        fee_note: row.fee_note.clone(),
        accessibility_notes: row.accessibility_notes.clone(),
        safety_notes: row.safety_notes.clone(),
    }
}

pub fn status_of(row: &resource::Model) -> ResourceStatus {
    ResourceStatus::from_code(&row.status).unwrap_or(ResourceStatus::Draft)
}

pub fn reference_of(row: &resource::Model) -> ResourceRef {
    ResourceRef {
        provider_id: row.provider_id,
        region_code: row.region_code.clone(),
    }
}

/// Loads the resource with `id`.
///
/// # Errors
///
/// [`AppError::NotFound`]; database errors.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<resource::Model, AppError> {
    resource::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Loads the provider the caller acts for and checks that the caller may
/// manage its resources.
///
/// # Errors
///
/// [`AppError::Forbidden`] when the caller acts for no provider; policy
/// denials; database errors.
pub async fn acting_provider(state: &AppState, auth: &Auth) -> Result<organisation::Model, AppError> {
    let id = auth.organisation_id().ok_or(AppError::Forbidden)?;
    let org = organisation::Entity::find_by_id(id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::Forbidden)?;
    let reference = OrgRef {
        id: org.id,
        kind: OrgKind::from_code(&org.kind).ok_or(AppError::Internal)?,
        region_code: org.region_code.clone(),
    };
    policy::check(&auth.actor, &Permission::ManageResources(reference))?;
    Ok(org)
}

/// Checks that the region is a county (区县) of the region tree.
async fn ensure_county(state: &AppState, code: &str) -> Result<(), AppError> {
    let region = crate::regions::service::find(&state.db, code).await.ok().flatten();
    match region {
        None => Err(AppError::field("region", "请选择所在地区", "Choose the region")),
        Some(region) if region.level != crate::regions::RegionLevel::County => Err(AppError::field(
            "region",
            "请继续选择到区县一级",
            "Continue down to the county",
        )),
        Some(_) => Ok(()),
    }
}

fn opening_hours_json(resource: &NewResource) -> Result<String, AppError> {
    serde_json::to_string(&resource.opening_hours).map_err(|err| {
        tracing::error!(error = %err, "serialising opening hours failed");
        AppError::Internal
    })
}

/// Writes one history row for `row` as it is after a change.
///
/// # Errors
///
/// Database errors.
pub async fn record_history(
    db: &impl ConnectionTrait,
    row: &resource::Model,
    by: &ChangeBy,
    action: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let snapshot = serde_json::to_string(&record_of(row)).map_err(|err| {
        tracing::error!(error = %err, resource_id = row.id, "serialising a resource snapshot failed");
        AppError::Internal
    })?;
    let entry = resource_history::ActiveModel {
        resource_id: Set(row.id),
        version: Set(row.version),
        at: Set(at),
        actor_user_id: Set(by.user_id),
        actor_name: Set(by.name.chars().take(64).collect()),
        action: Set(action.to_owned()),
        status: Set(row.status.clone()),
        snapshot: Set(snapshot),
        ..Default::default()
    };
    resource_history::Entity::insert(entry).exec(db).await?;
    Ok(())
}

/// Sets the editable columns of a row from a validated resource.
fn content_of(resource: &NewResource) -> Result<resource::ActiveModel, AppError> {
    let record = &resource.record;
    Ok(resource::ActiveModel {
        name: Set(record.name.clone()),
        resource_type: Set(record.resource_type.unwrap_or(ResourceType::Other).code().to_owned()),
        themes: Set(theme_codes(&record.themes)),
        stages: Set(stage_codes(&record.stages)),
        summary: Set(record.summary.clone()),
        strengths: Set(record.strengths.clone()),
        services: Set(record.services.clone()),
        opening_hours: Set(opening_hours_json(resource)?),
        opening_hours_text: Set(record.opening_hours_text.clone()),
        contact_name: Set(record.contact_name.clone()),
        contact_phone: Set(record.contact_phone.clone()),
        region_code: Set(record.region_code.clone()),
        address: Set(record.address.clone()),
        latitude: Set(record.latitude),
        longitude: Set(record.longitude),
        source_datum: Set(resource.source_datum.code().to_owned()),
        group_capacity: Set(record.group_capacity),
        fee_kind: Set(record.fee_kind.unwrap_or(FeeKind::Free).code().to_owned()),
        fee_note: Set(record.fee_note.clone()),
        accessibility_notes: Set(record.accessibility_notes.clone()),
        safety_notes: Set(record.safety_notes.clone()),
        ..Default::default()
    })
}

/// Inserts a draft resource of `provider_id` and its first history row.
///
/// # Errors
///
/// Database errors.
pub async fn insert_draft(
    db: &impl ConnectionTrait,
    provider_id: i64,
    resource: &NewResource,
    by: &ChangeBy,
    action: &str,
) -> Result<resource::Model, AppError> {
    let now = Utc::now();
    let row = resource::ActiveModel {
        provider_id: Set(provider_id),
        status: Set(ResourceStatus::Draft.code().to_owned()),
        return_reason: Set(None),
        last_verified_at: Set(Some(now)),
        last_approved_version: Set(None),
        version: Set(1),
        published_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..content_of(resource)?
    };
    let id = resource::Entity::insert(row).exec(db).await?.last_insert_id;
    let inserted = find(db, id).await?;
    record_history(db, &inserted, by, action, now).await?;
    Ok(inserted)
}

/// Creates a draft resource for the caller's provider.
///
/// # Errors
///
/// Field errors; policy denials; database errors.
pub async fn create(state: &AppState, auth: &Auth, resource: NewResource) -> Result<i64, AppError> {
    let provider = acting_provider(state, auth).await?;
    ensure_county(state, &resource.record.region_code).await?;

    let txn = state.db.begin_write().await?;
    let row = insert_draft(&*txn, provider.id, &resource, &ChangeBy::of(auth), Step::Create.code()).await?;
    txn.commit().await?;
    tracing::info!(resource_id = row.id, provider_id = provider.id, "resource created");
    Ok(row.id)
}

/// Saves an edit. The version must be the one the editor loaded, so an
/// edit made meanwhile by someone else is not overwritten.
///
/// # Errors
///
/// [`AppError::Conflict`] for a stale version; field errors; policy
/// denials; database errors.
pub async fn update(
    state: &AppState,
    auth: &Auth,
    id: i64,
    version: i32,
    resource: NewResource,
) -> Result<(), AppError> {
    let row = find(state.db.conn(), id).await?;
    let provider = acting_provider(state, auth).await?;
    if row.provider_id != provider.id {
        return Err(AppError::NotFound);
    }
    ensure_county(state, &resource.record.region_code).await?;
    let status = next_status(status_of(&row), Step::Edit)?;

    let now = Utc::now();
    let txn = state.db.begin_write().await?;
    let changed = resource::Entity::update_many()
        .set(resource::ActiveModel {
            status: Set(status.code().to_owned()),
            version: Set(version + 1),
            updated_at: Set(now),
            ..content_of(&resource)?
        })
        .filter(resource::Column::Id.eq(id))
        .filter(resource::Column::Version.eq(version))
        .exec(&*txn)
        .await?;
    if changed.rows_affected == 0 {
        return Err(stale());
    }
    let saved = find(&*txn, id).await?;
    record_history(&*txn, &saved, &ChangeBy::of(auth), Step::Edit.code(), now).await?;
    txn.commit().await?;

    if status == ResourceStatus::Published {
        directory::refresh(state, &saved).await;
    }
    Ok(())
}

/// Returns the error for a record changed by someone else since it was loaded.
pub fn stale() -> AppError {
    AppError::Conflict(Text::new(
        "该资源已被他人修改，请刷新页面后重新编辑",
        "Someone else changed this resource meanwhile; reload the page and edit again",
    ))
}

/// Region full names by code, for lists.
///
/// # Errors
///
/// Database errors.
pub async fn region_names(
    state: &AppState,
    codes: impl IntoIterator<Item = String>,
) -> Result<std::collections::HashMap<String, String>, AppError> {
    let mut codes: Vec<String> = codes.into_iter().collect();
    codes.sort();
    codes.dedup();
    let rows = crate::regions::entity::Entity::find()
        .filter(crate::regions::entity::Column::Code.is_in(codes))
        .all(state.db.conn())
        .await?;
    Ok(rows.into_iter().map(|r| (r.code, r.full_name)).collect())
}

/// Provider names by id, for lists.
///
/// # Errors
///
/// Database errors.
pub async fn provider_names(
    state: &AppState,
    ids: impl IntoIterator<Item = i64>,
) -> Result<std::collections::HashMap<i64, String>, AppError> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let rows = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(state.db.conn())
        .await?;
    Ok(rows.into_iter().map(|o| (o.id, o.name)).collect())
}

/// Builds list rows with region and provider names.
///
/// # Errors
///
/// Database errors.
pub async fn rows_of(state: &AppState, models: Vec<resource::Model>) -> Result<Vec<ResourceRow>, AppError> {
    let regions = region_names(state, models.iter().map(|m| m.region_code.clone())).await?;
    let providers = provider_names(state, models.iter().map(|m| m.provider_id)).await?;
    Ok(models
        .into_iter()
        .map(|m| ResourceRow {
            id: m.id,
            status: status_of(&m),
            resource_type: ResourceType::from_code(&m.resource_type),
            region_name: regions.get(&m.region_code).cloned().unwrap_or_default(),
            provider_name: providers.get(&m.provider_id).cloned().unwrap_or_default(),
            name: m.name,
            updated_at: m.updated_at,
            last_verified_at: m.last_verified_at,
        })
        .collect())
}

/// Lists the caller's provider's resources, most recently changed first.
///
/// # Errors
///
/// Policy denials; database errors.
pub async fn list_own(state: &AppState, auth: &Auth, page: u64) -> Result<ResourceList, AppError> {
    let provider = acting_provider(state, auth).await?;
    let paginator = resource::Entity::find()
        .filter(resource::Column::ProviderId.eq(provider.id))
        .order_by_desc(resource::Column::UpdatedAt)
        .paginate(state.db.conn(), PER_PAGE);
    let total = paginator.num_items().await?;
    let models = paginator.fetch_page(page).await?;
    Ok(ResourceList {
        total,
        page,
        per_page: PER_PAGE,
        rows: rows_of(state, models).await?,
    })
}

/// Loads a resource with its region and provider names, for the editor and
/// the reviewer.
///
/// # Errors
///
/// [`AppError::NotFound`] outside the caller's scope; database errors.
pub async fn details(state: &AppState, auth: &Auth, id: i64) -> Result<ResourceDetails, AppError> {
    let row = find(state.db.conn(), id).await?;
    policy::check(&auth.actor, &Permission::ViewResource(reference_of(&row)))?;
    details_of(state, row).await
}

/// Names and record of a loaded resource.
///
/// # Errors
///
/// Database errors.
pub async fn details_of(state: &AppState, row: resource::Model) -> Result<ResourceDetails, AppError> {
    let region_name = region_names(state, [row.region_code.clone()])
        .await?
        .remove(&row.region_code)
        .unwrap_or_default();
    let provider_name = provider_names(state, [row.provider_id])
        .await?
        .remove(&row.provider_id)
        .unwrap_or_default();
    Ok(ResourceDetails {
        id: row.id,
        provider_id: row.provider_id,
        provider_name,
        region_name,
        record: record_of(&row),
        status: status_of(&row),
        return_reason: row.return_reason.clone(),
        version: row.version,
        last_verified_at: row.last_verified_at,
        published_at: row.published_at,
        updated_at: row.updated_at,
    })
}
