//! Programmes (课程 / 活动项目) offered at a resource, kept by its provider.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::super::entity::programme;
use super::super::form::ProgrammeView;
use super::super::model::{FeeKind, ProgrammeStatus, Stage, Theme};
use super::super::validate::NewProgramme;
use super::records::{self, parse_codes, stage_codes, theme_codes};
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::Auth;
use crate::error::AppError;
use crate::server::state::AppState;

fn view_of(row: programme::Model) -> ProgrammeView {
    ProgrammeView {
        id: row.id,
        resource_id: row.resource_id,
        themes: parse_codes(&row.themes, Theme::from_code),
        stages: parse_codes(&row.stages, Stage::from_code),
        duration_minutes: row.duration_minutes,
        capacity_per_session: row.capacity_per_session,
        pupils_per_teacher: row.pupils_per_teacher,
        fee_kind: FeeKind::from_code(&row.fee_kind),
        fee_note: row.fee_note,
        published: row.status == ProgrammeStatus::Published.code(),
        name: row.name,
        description: row.description,
    }
}

fn status_code(programme: &NewProgramme) -> &'static str {
    if programme.published {
        ProgrammeStatus::Published.code()
    } else {
        ProgrammeStatus::Draft.code()
    }
}

/// Checks that the caller's provider owns resource `resource_id`.
async fn own_resource(state: &AppState, auth: &Auth, resource_id: i64) -> Result<i64, AppError> {
    let row = records::find(state.db.conn(), resource_id).await?;
    policy::check(&auth.actor, &Permission::ViewResource(records::reference_of(&row)))?;
    let provider = records::acting_provider(state, auth).await?;
    if provider.id != row.provider_id {
        return Err(AppError::NotFound);
    }
    Ok(provider.id)
}

/// Every programme of a resource, for its provider.
///
/// # Errors
///
/// [`AppError::NotFound`] outside the caller's provider; database errors.
pub async fn list(state: &AppState, auth: &Auth, resource_id: i64) -> Result<Vec<ProgrammeView>, AppError> {
    own_resource(state, auth, resource_id).await?;
    let rows = programme::Entity::find()
        .filter(programme::Column::ResourceId.eq(resource_id))
        .order_by_asc(programme::Column::Id)
        .all(state.db.conn())
        .await?;
    Ok(rows.into_iter().map(view_of).collect())
}

/// Published programmes of a resource, for the public page.
///
/// # Errors
///
/// Database errors.
pub async fn published_of(state: &AppState, resource_id: i64) -> Result<Vec<ProgrammeView>, AppError> {
    let rows = programme::Entity::find()
        .filter(programme::Column::ResourceId.eq(resource_id))
        .filter(programme::Column::Status.eq(ProgrammeStatus::Published.code()))
        .order_by_asc(programme::Column::Id)
        .all(state.db.conn())
        .await?;
    Ok(rows.into_iter().map(view_of).collect())
}

/// Adds a programme to a resource of the caller's provider.
///
/// # Errors
///
/// [`AppError::NotFound`] outside the caller's provider; database errors.
pub async fn create(state: &AppState, auth: &Auth, resource_id: i64, programme: NewProgramme) -> Result<i64, AppError> {
    let provider_id = own_resource(state, auth, resource_id).await?;
    let now = Utc::now();
    let row = programme::ActiveModel {
        resource_id: Set(resource_id),
        provider_id: Set(provider_id),
        name: Set(programme.name.clone()),
        description: Set(programme.description.clone()),
        themes: Set(theme_codes(&programme.themes)),
        stages: Set(stage_codes(&programme.stages)),
        duration_minutes: Set(programme.duration_minutes),
        capacity_per_session: Set(programme.capacity_per_session),
        pupils_per_teacher: Set(programme.pupils_per_teacher),
        fee_kind: Set(programme.fee_kind.code().to_owned()),
        fee_note: Set(programme.fee_note.clone()),
        auto_confirm: Set(false),
        status: Set(status_code(&programme).to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let txn = state.db.begin_write().await?;
    let id = programme::Entity::insert(row).exec(&*txn).await?.last_insert_id;
    txn.commit().await?;
    Ok(id)
}

/// Replaces a programme's fields.
///
/// # Errors
///
/// [`AppError::NotFound`] outside the caller's provider; database errors.
pub async fn update(state: &AppState, auth: &Auth, id: i64, programme: NewProgramme) -> Result<i64, AppError> {
    let existing = programme::Entity::find_by_id(id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    own_resource(state, auth, existing.resource_id).await?;
    let txn = state.db.begin_write().await?;
    programme::Entity::update(programme::ActiveModel {
        id: Set(id),
        name: Set(programme.name.clone()),
        description: Set(programme.description.clone()),
        themes: Set(theme_codes(&programme.themes)),
        stages: Set(stage_codes(&programme.stages)),
        duration_minutes: Set(programme.duration_minutes),
        capacity_per_session: Set(programme.capacity_per_session),
        pupils_per_teacher: Set(programme.pupils_per_teacher),
        fee_kind: Set(programme.fee_kind.code().to_owned()),
        fee_note: Set(programme.fee_note.clone()),
        status: Set(status_code(&programme).to_owned()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&*txn)
    .await?;
    txn.commit().await?;
    Ok(existing.resource_id)
}

/// Deletes a programme; returns its resource id.
///
/// # Errors
///
/// [`AppError::NotFound`] outside the caller's provider; database errors.
pub async fn delete(state: &AppState, auth: &Auth, id: i64) -> Result<i64, AppError> {
    let existing = programme::Entity::find_by_id(id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    own_resource(state, auth, existing.resource_id).await?;
    let txn = state.db.begin_write().await?;
    programme::Entity::delete_by_id(id).exec(&*txn).await?;
    txn.commit().await?;
    Ok(existing.resource_id)
}
