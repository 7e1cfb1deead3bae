//! The bureau's audit queue (审核): registrations of schools and providers
//! in the officer's region, approved or returned with a reason.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::super::api::review::{QueueFilter, QueuePage, QueueRow};
use super::super::audit::{self, Action};
use super::super::entity::organisation;
use super::super::policy::{self, Permission};
use super::super::validate::mask_phone;
use super::super::{OrgKind, OrgStatus};
use super::context::{Auth, RequestInfo};
use super::registration::org_ref;
use crate::error::AppError;
use crate::i18n::Text;
use crate::regions::scope_prefix;
use crate::server::state::AppState;

/// Longest return reason, in characters.
const MAX_REASON: usize = 500;

/// Registrations in the caller's region with the given status.
///
/// # Errors
///
/// Permission denials; database errors.
pub async fn queue(state: &AppState, auth: &Auth, filter: QueueFilter) -> Result<QueuePage, AppError> {
    policy::check(&auth.actor, &Permission::ViewReviewQueue)?;
    let scope = policy::region_scope(&auth.actor)?;

    let status = OrgStatus::from_code(&filter.status).unwrap_or(OrgStatus::Pending);
    let mut query = organisation::Entity::find()
        .filter(organisation::Column::Status.eq(status.code()))
        .filter(organisation::Column::Kind.ne(OrgKind::Bureau.code()));
    if let Some(scope) = scope.as_deref() {
        query = query.filter(organisation::Column::RegionCode.starts_with(scope_prefix(scope)));
    }
    let per_page = 20;
    let paginator = query
        .order_by_asc(organisation::Column::SubmittedAt)
        .paginate(state.db.conn(), per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(filter.page).await?;

    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let region_name = crate::regions::service::find(&state.db, &row.region_code)
            .await?
            .map(|r| r.full_name)
            .unwrap_or_default();
        out.push(QueueRow {
            id: row.id,
            kind: OrgKind::from_code(&row.kind).ok_or(AppError::Internal)?,
            name: row.name,
            region_name,
            contact_name: row.contact_name.unwrap_or_default(),
            contact_phone_masked: row.contact_phone.as_deref().map(mask_phone).unwrap_or_default(),
            submitted_at: row.submitted_at,
            status,
        });
    }
    Ok(QueuePage {
        total,
        page: filter.page,
        per_page,
        rows: out,
    })
}

/// Approves (`reason` = `None`) or returns a pending registration.
///
/// # Errors
///
/// [`AppError::Conflict`] when it is no longer pending; a field error for
/// a missing reason; permission denials; database errors.
pub async fn decide(
    state: &AppState,
    request: &RequestInfo,
    auth: &Auth,
    id: i64,
    reason: Option<String>,
) -> Result<(), AppError> {
    let (row, reference) = org_ref(state, id).await?;
    policy::check(&auth.actor, &Permission::ReviewOrganisation(reference))?;

    let reason = reason.map(|r| r.trim().to_owned());
    if let Some(reason) = &reason {
        if reason.is_empty() {
            return Err(AppError::field(
                "reason",
                "请填写退回原因，申请人将看到它",
                "Give a reason; the applicant sees it",
            ));
        }
        if reason.chars().count() > MAX_REASON {
            return Err(AppError::field(
                "reason",
                format!("退回原因不能超过 {MAX_REASON} 个字").as_str(),
                format!("The reason can have at most {MAX_REASON} characters").as_str(),
            ));
        }
    }
    if row.status != OrgStatus::Pending.code() {
        return Err(AppError::Conflict(Text::new(
            "该注册已被其他审核人处理，请刷新页面",
            "Another reviewer has already decided this registration; reload the page",
        )));
    }

    let (status, action) = match &reason {
        None => (OrgStatus::Approved, Action::OrganisationApproved),
        Some(_) => (OrgStatus::Returned, Action::OrganisationReturned),
    };
    let now = Utc::now();
    let txn = state.db.begin_write().await?;
    // Only a registration still pending changes: a second reviewer's
    // decision made meanwhile wins and this one reports a conflict.
    let result = organisation::Entity::update_many()
        .set(organisation::ActiveModel {
            status: Set(status.code().to_owned()),
            return_reason: Set(reason.clone()),
            reviewed_at: Set(Some(now)),
            reviewed_by: Set(Some(auth.user.user_id)),
            updated_at: Set(now),
            ..Default::default()
        })
        .filter(organisation::Column::Id.eq(id))
        .filter(organisation::Column::Status.eq(OrgStatus::Pending.code()))
        .exec(&*txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::Conflict(Text::new(
            "该注册已被其他审核人处理，请刷新页面",
            "Another reviewer has already decided this registration; reload the page",
        )));
    }
    audit::record(
        &*txn,
        audit::Record {
            actor_user_id: Some(auth.user.user_id),
            actor_name: &auth.audit_name(),
            actor_organisation_id: auth.organisation_id(),
            action,
            target_type: "organisation",
            target_id: Some(id.to_string()),
            region_code: Some(row.region_code.clone()),
            detail: json!({ "name": row.name, "reason": reason }),
            ip: &request.ip,
        },
    )
    .await?;
    txn.commit().await
}
