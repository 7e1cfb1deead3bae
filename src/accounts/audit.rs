//! The audit log of sensitive actions: who, for which organisation, did
//! what to which record, when and from which address.
//!
//! Entries are only ever inserted. The application edits none and deletes
//! only through [`purge_older_than`], which removes entries past the
//! retention period (at least 180 days, see `audit.retention_days`).

use chrono::{DateTime, Duration, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use super::api::audit::{AuditEntry, AuditFilter, AuditPage};
use super::entity::audit_log;
use crate::db::Db;
use crate::error::AppError;

/// Actions written to the log. The codes are stable; pages translate them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Login,
    LoginFailed,
    Lockout,
    Logout,
    LogoutAll,
    PasswordChanged,
    PasswordReset,
    OrganisationRegistered,
    OrganisationResubmitted,
    OrganisationApproved,
    OrganisationReturned,
    MemberAdded,
    OfficerCreated,
    PlatformAdminCreated,
    PersonalDataViewed,
    Export,
    CensusImported,
    LotteryDrawn,
    QuotaSet,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Login => "login",
            Action::LoginFailed => "login_failed",
            Action::Lockout => "lockout",
            Action::Logout => "logout",
            Action::LogoutAll => "logout_all",
            Action::PasswordChanged => "password_changed",
            Action::PasswordReset => "password_reset",
            Action::OrganisationRegistered => "organisation_registered",
            Action::OrganisationResubmitted => "organisation_resubmitted",
            Action::OrganisationApproved => "organisation_approved",
            Action::OrganisationReturned => "organisation_returned",
            Action::MemberAdded => "member_added",
            Action::OfficerCreated => "officer_created",
            Action::PlatformAdminCreated => "platform_admin_created",
            Action::PersonalDataViewed => "personal_data_viewed",
            Action::Export => "export",
            Action::CensusImported => "census_imported",
            Action::LotteryDrawn => "lottery_drawn",
            Action::QuotaSet => "quota_set",
        }
    }
}

/// One entry to write.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    pub actor_user_id: Option<i64>,
    pub actor_name: &'a str,
    pub actor_organisation_id: Option<i64>,
    pub action: Action,
    pub target_type: &'a str,
    pub target_id: Option<String>,
    /// The region the entry belongs to; bureau officers see entries of
    /// their region and below.
    pub region_code: Option<String>,
    pub detail: Value,
    pub ip: &'a str,
}

/// Writes one entry, inside the caller's transaction when given one.
///
/// # Errors
///
/// Database errors.
pub async fn record(conn: &impl ConnectionTrait, entry: Record<'_>) -> Result<(), AppError> {
    let row = audit_log::ActiveModel {
        at: Set(Utc::now()),
        actor_user_id: Set(entry.actor_user_id),
        actor_name: Set(entry.actor_name.chars().take(64).collect()),
        actor_organisation_id: Set(entry.actor_organisation_id),
        action: Set(entry.action.code().to_owned()),
        target_type: Set(entry.target_type.to_owned()),
        target_id: Set(entry.target_id),
        region_code: Set(entry.region_code),
        detail: Set(entry.detail.to_string()),
        ip: Set(entry.ip.chars().take(45).collect()),
        ..Default::default()
    };
    audit_log::Entity::insert(row).exec_without_returning(conn).await?;
    Ok(())
}

/// Entries matching `filter` within `scope` (a region prefix; `None` for
/// the whole install), newest first.
///
/// # Errors
///
/// Database errors.
pub async fn list(db: &Db, scope: Option<&str>, filter: &AuditFilter) -> Result<AuditPage, AppError> {
    let mut query = audit_log::Entity::find();
    if let Some(scope) = scope {
        query = query.filter(audit_log::Column::RegionCode.starts_with(crate::regions::scope_prefix(scope)));
    }
    if let Some(action) = filter.action.as_deref().filter(|a| !a.is_empty()) {
        query = query.filter(audit_log::Column::Action.eq(action));
    }
    if let Some(actor) = filter.actor.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        query = query.filter(audit_log::Column::ActorName.contains(actor));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_log::Column::At.gte(from));
    }
    if let Some(until) = filter.until {
        query = query.filter(audit_log::Column::At.lt(until));
    }

    let per_page = filter.per_page.clamp(10, 100);
    let paginator = query.order_by_desc(audit_log::Column::Id).paginate(db.conn(), per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(filter.page).await?;
    Ok(AuditPage {
        total,
        page: filter.page,
        per_page,
        entries: rows.into_iter().map(entry_of).collect(),
    })
}

fn entry_of(row: audit_log::Model) -> AuditEntry {
    AuditEntry {
        id: row.id,
        at: row.at,
        actor_name: row.actor_name,
        actor_organisation_id: row.actor_organisation_id,
        action: row.action,
        target_type: row.target_type,
        target_id: row.target_id,
        region_code: row.region_code,
        detail: row.detail,
        ip: row.ip,
    }
}

/// Removes entries older than `retention_days` (at least 180); returns how
/// many.
///
/// # Errors
///
/// Database errors.
pub async fn purge_older_than(
    conn: &impl ConnectionTrait,
    retention_days: u64,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let days = retention_days.max(180) as i64;
    let result = audit_log::Entity::delete_many()
        .filter(audit_log::Column::At.lt(now - Duration::days(days)))
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}
