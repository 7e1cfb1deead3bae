//! Bureau officers (教育局管理员) are created by the platform admin or by an
//! officer of a higher region, never by self-registration.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::super::api::officers::OfficerForm;
use super::super::audit::{self, Action};
use super::super::entity::organisation;
use super::super::policy::{self, Permission};
use super::super::validate::{FieldErrors, check_password_policy, normalize_phone, normalize_username, required_text};
use super::super::{OrgKind, Role, password};
use super::context::{Auth, RequestInfo};
use super::registration::insert_approved;
use super::users::{NewUser, insert_membership, insert_user};
use crate::error::AppError;
use crate::server::state::AppState;

/// Name of the bureau organisation of a region: 北京市海淀区教育局.
pub fn bureau_name(region_full_name: &str) -> String {
    format!("{region_full_name}教育局")
}

/// Finds the bureau organisation of a region, creating it when missing.
///
/// # Errors
///
/// Database errors.
pub async fn bureau_of(
    conn: &impl sea_orm::ConnectionTrait,
    region_code: &str,
    region_full_name: &str,
    is_demo: bool,
) -> Result<i64, AppError> {
    let existing = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Bureau.code()))
        .filter(organisation::Column::RegionCode.eq(region_code))
        .one(conn)
        .await?;
    match existing {
        Some(row) => Ok(row.id),
        None => {
            insert_approved(
                conn,
                OrgKind::Bureau,
                &bureau_name(region_full_name),
                region_code,
                None,
                None,
                is_demo,
            )
            .await
        }
    }
}

/// Creates an officer for `form.region`, with an initial password to change.
///
/// # Errors
///
/// Permission denials, field errors; database errors.
pub async fn create(state: &AppState, request: &RequestInfo, auth: &Auth, form: OfficerForm) -> Result<i64, AppError> {
    let region_code = form.chosen_region();
    let mut errors = FieldErrors::default();
    let region = if region_code.is_empty() {
        None
    } else {
        crate::regions::service::find(&state.db, &region_code)
            .await
            .ok()
            .flatten()
    };
    if region.is_none() {
        errors.add(
            "region",
            "请选择该教育局管理员负责的地区",
            "Choose the region this officer is responsible for",
        );
    }
    let display_name = required_text(&form.display_name, "姓名", "Name", 50)
        .map_err(|m| errors.add_text("display_name", m))
        .ok();
    let username = normalize_username(&form.username)
        .map_err(|m| errors.add_text("username", m))
        .ok();
    let phone = normalize_phone(&form.phone);
    if phone.is_none() {
        errors.add("phone", "请填写 11 位手机号码", "Enter an 11-digit mobile number");
    }
    if let Err(message) = check_password_policy(&form.initial_password, username.as_deref().unwrap_or_default()) {
        errors.add_text("initial_password", message);
    }
    errors.finish()?;
    let (Some(region), Some(display_name), Some(username)) = (region, display_name, username) else {
        return Err(AppError::Internal);
    };
    policy::check(
        &auth.actor,
        &Permission::CreateOfficer {
            region_code: region.code.clone(),
        },
    )?;

    let password_hash = password::hash(form.initial_password).await?;
    let txn = state.db.begin_write().await?;
    let bureau_id = bureau_of(&*txn, &region.code, &region.full_name, false).await?;
    let user_id = insert_user(
        &*txn,
        NewUser {
            username: username.clone(),
            phone,
            display_name,
            password_hash,
            must_change_password: true,
            platform_admin: false,
        },
    )
    .await?;
    insert_membership(&*txn, user_id, bureau_id, Role::BureauOfficer, Some(auth.user.user_id)).await?;
    audit::record(
        &*txn,
        audit::Record {
            actor_user_id: Some(auth.user.user_id),
            actor_name: &auth.audit_name(),
            actor_organisation_id: auth.organisation_id(),
            action: Action::OfficerCreated,
            target_type: "user",
            target_id: Some(user_id.to_string()),
            region_code: Some(region.code.clone()),
            detail: json!({ "username": username, "bureau_id": bureau_id }),
            ip: &request.ip,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(user_id)
}
