//! An organisation's members: listing them (phones masked) and adding
//! staff with an initial password they must change at first login.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::super::api::members::{MemberForm, MemberView};
use super::super::audit::{self, Action};
use super::super::entity::{membership, user};
use super::super::policy::{self, Permission};
use super::super::validate::{
    FieldErrors, check_password_policy, mask_phone, normalize_phone, normalize_username, required_text,
};
use super::super::{OrgKind, Role, password};
use super::context::{Auth, RequestInfo};
use super::registration::org_ref;
use super::users::{NewUser, insert_membership, insert_user};
use crate::error::AppError;
use crate::server::state::AppState;

/// Members of organisation `id`, oldest first, phones masked.
///
/// # Errors
///
/// Permission denials; database errors.
pub async fn list(state: &AppState, auth: &Auth, id: i64) -> Result<Vec<MemberView>, AppError> {
    let (_, reference) = org_ref(state, id).await?;
    policy::check(&auth.actor, &Permission::ManageMembers(reference))?;

    let memberships = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(id))
        .order_by_asc(membership::Column::Id)
        .all(state.db.conn())
        .await?;
    let user_ids: Vec<i64> = memberships.iter().map(|m| m.user_id).collect();
    let users: HashMap<i64, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(state.db.conn())
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();

    Ok(memberships
        .into_iter()
        .filter_map(|m| {
            let account = users.get(&m.user_id)?;
            Some(MemberView {
                membership_id: m.id,
                user_id: account.id,
                display_name: account.display_name.clone(),
                username: account.username.clone(),
                phone_masked: account.phone.as_deref().map(mask_phone),
                role: Role::from_code(&m.role)?,
                must_change_password: account.must_change_password,
                added_at: m.created_at,
            })
        })
        .collect())
}

/// Creates a user and adds them to organisation `id` with the chosen role.
///
/// # Errors
///
/// Permission denials, field errors, a taken username or phone; database
/// errors.
pub async fn add(
    state: &AppState,
    request: &RequestInfo,
    auth: &Auth,
    id: i64,
    form: MemberForm,
) -> Result<MemberView, AppError> {
    let (row, reference) = org_ref(state, id).await?;
    policy::check(&auth.actor, &Permission::ManageMembers(reference.clone()))?;

    let mut errors = FieldErrors::default();
    let display_name = required_text(&form.display_name, "姓名", "Name", 50)
        .map_err(|m| errors.add_text("display_name", m))
        .ok();
    let username = normalize_username(&form.username)
        .map_err(|m| errors.add_text("username", m))
        .ok();
    let phone = if form.phone.trim().is_empty() {
        None
    } else {
        let phone = normalize_phone(&form.phone);
        if phone.is_none() {
            errors.add(
                "phone",
                "手机号应为 11 位数字，可不填",
                "A mobile number has 11 digits; it may be left empty",
            );
        }
        phone
    };
    let role = Role::from_code(&form.role).filter(|r| Role::staff_roles(reference.kind).contains(r));
    if role.is_none() {
        errors.add("role", "请选择角色", "Choose a role");
    }
    if let Err(message) = check_password_policy(&form.initial_password, username.as_deref().unwrap_or_default()) {
        errors.add_text("initial_password", message);
    }
    errors.finish()?;
    let (Some(display_name), Some(username), Some(role)) = (display_name, username, role) else {
        return Err(AppError::Internal);
    };
    if reference.kind == OrgKind::Bureau && !auth.user.platform_admin {
        // Officers are created through the officer page, for a region below.
        return Err(AppError::Forbidden);
    }

    let password_hash = password::hash(form.initial_password).await?;
    let txn = state.db.begin_write().await?;
    let user_id = insert_user(
        &*txn,
        NewUser {
            username: username.clone(),
            phone: phone.clone(),
            display_name: display_name.clone(),
            password_hash,
            must_change_password: true,
            platform_admin: false,
        },
    )
    .await?;
    let membership_id = insert_membership(&*txn, user_id, id, role, Some(auth.user.user_id)).await?;
    audit::record(
        &*txn,
        audit::Record {
            actor_user_id: Some(auth.user.user_id),
            actor_name: &auth.audit_name(),
            actor_organisation_id: auth.organisation_id(),
            action: Action::MemberAdded,
            target_type: "user",
            target_id: Some(user_id.to_string()),
            region_code: Some(row.region_code.clone()),
            detail: json!({ "organisation_id": id, "username": username, "role": role.code() }),
            ip: &request.ip,
        },
    )
    .await?;
    txn.commit().await?;

    Ok(MemberView {
        membership_id,
        user_id,
        display_name,
        username,
        phone_masked: phone.as_deref().map(mask_phone),
        role,
        must_change_password: true,
        added_at: chrono::Utc::now(),
    })
}

/// Checks that the caller manages organisation `id` and that `user_id`
/// belongs to it. Returns the organisation's region for the audit log.
async fn managed_member(
    state: &AppState,
    auth: &Auth,
    id: i64,
    user_id: i64,
) -> Result<(String, user::Model), AppError> {
    let (row, reference) = org_ref(state, id).await?;
    policy::check(&auth.actor, &Permission::ManageMembers(reference))?;
    let member = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(state.db.conn())
        .await?;
    if member.is_none() {
        return Err(AppError::NotFound);
    }
    let account = user::Entity::find_by_id(user_id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((row.region_code, account))
}

/// Returns a member's full phone number and writes the view to the audit log.
///
/// # Errors
///
/// Permission denials; [`AppError::NotFound`] for a non-member; database
/// errors.
pub async fn reveal_phone(
    state: &AppState,
    request: &RequestInfo,
    auth: &Auth,
    id: i64,
    user_id: i64,
) -> Result<String, AppError> {
    let (region_code, account) = managed_member(state, auth, id, user_id).await?;
    audit::record(
        state.db.conn(),
        audit::Record {
            actor_user_id: Some(auth.user.user_id),
            actor_name: &auth.audit_name(),
            actor_organisation_id: auth.organisation_id(),
            action: Action::PersonalDataViewed,
            target_type: "user",
            target_id: Some(user_id.to_string()),
            region_code: Some(region_code),
            detail: json!({ "field": "phone", "organisation_id": id }),
            ip: &request.ip,
        },
    )
    .await?;
    Ok(account.phone.unwrap_or_default())
}

/// Gives a member a new initial password they must change, and logs them
/// out everywhere.
///
/// # Errors
///
/// Permission denials, a field error on `new_password`; database errors.
pub async fn reset_password(
    state: &AppState,
    request: &RequestInfo,
    auth: &Auth,
    id: i64,
    user_id: i64,
    new_password: String,
) -> Result<(), AppError> {
    let (region_code, account) = managed_member(state, auth, id, user_id).await?;
    check_password_policy(&new_password, &account.username).map_err(|m| {
        AppError::Validation(vec![crate::error::FieldError {
            field: "new_password".into(),
            message: m,
        }])
    })?;

    let hash = password::hash(new_password).await?;
    let txn = state.db.begin_write().await?;
    super::users::set_password(&*txn, user_id, hash, true).await?;
    super::super::session::revoke_all(&*txn, user_id, None).await?;
    audit::record(
        &*txn,
        audit::Record {
            actor_user_id: Some(auth.user.user_id),
            actor_name: &auth.audit_name(),
            actor_organisation_id: auth.organisation_id(),
            action: Action::PasswordReset,
            target_type: "user",
            target_id: Some(user_id.to_string()),
            region_code: Some(region_code),
            detail: json!({ "organisation_id": id }),
            ip: &request.ip,
        },
    )
    .await?;
    txn.commit().await
}
