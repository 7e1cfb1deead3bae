//! Users and their memberships.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::super::entity::{membership, organisation, user};
use super::super::validate::normalize_phone;
use super::super::{ActiveMembership, CurrentUser, OrgKind, OrgStatus, Role};
use crate::db::{Db, is_unique_violation};
use crate::error::AppError;
use crate::regions::entity as region;

/// Loads a user with every membership; the active one is `membership_id`
/// when it is still theirs, else their first. `None` for an unknown or
/// disabled user.
///
/// # Errors
///
/// Database errors.
pub async fn load_current_user(
    db: &Db,
    user_id: i64,
    membership_id: Option<i64>,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(row) = user::Entity::find_by_id(user_id).one(db.conn()).await? else {
        return Ok(None);
    };
    if !row.is_active {
        return Ok(None);
    }

    let memberships = memberships_of(db.conn(), user_id).await?;
    let active = membership_id
        .and_then(|id| memberships.iter().find(|m| m.membership_id == id))
        .or_else(|| memberships.first())
        .cloned();

    Ok(Some(CurrentUser {
        user_id: row.id,
        display_name: row.display_name,
        username: row.username,
        must_change_password: row.must_change_password,
        platform_admin: row.is_platform_admin,
        active,
        memberships,
    }))
}

/// Every membership of a user with its organisation, oldest first.
///
/// # Errors
///
/// Database errors.
pub async fn memberships_of(conn: &impl ConnectionTrait, user_id: i64) -> Result<Vec<ActiveMembership>, AppError> {
    let rows = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .order_by_asc(membership::Column::Id)
        .all(conn)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }

    let org_ids: Vec<i64> = rows.iter().map(|m| m.organisation_id).collect();
    let orgs: HashMap<i64, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let codes: Vec<String> = orgs.values().map(|o| o.region_code.clone()).collect();
    let regions: HashMap<String, String> = region::Entity::find()
        .filter(region::Column::Code.is_in(codes))
        .all(conn)
        .await?
        .into_iter()
        .map(|r| (r.code, r.full_name))
        .collect();

    Ok(rows
        .into_iter()
        .filter_map(|m| {
            let org = orgs.get(&m.organisation_id)?;
            Some(ActiveMembership {
                membership_id: m.id,
                organisation_id: org.id,
                organisation_name: org.name.clone(),
                kind: OrgKind::from_code(&org.kind)?,
                status: OrgStatus::from_code(&org.status)?,
                role: Role::from_code(&m.role)?,
                region_code: org.region_code.clone(),
                region_name: regions.get(&org.region_code).cloned().unwrap_or_default(),
            })
        })
        .collect())
}

/// Finds a user by phone number or username, as typed at login.
///
/// # Errors
///
/// Database errors.
pub async fn find_by_identifier(db: &Db, identifier: &str) -> Result<Option<user::Model>, AppError> {
    let query = match normalize_phone(identifier) {
        Some(phone) => user::Entity::find().filter(user::Column::Phone.eq(phone)),
        None => user::Entity::find().filter(user::Column::Username.eq(identifier.trim().to_ascii_lowercase())),
    };
    Ok(query.one(db.conn()).await?)
}

/// A new account's fields, already validated.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub phone: Option<String>,
    pub display_name: String,
    pub password_hash: String,
    pub must_change_password: bool,
    pub platform_admin: bool,
}

/// Inserts a user. A taken username or phone number becomes a field error.
///
/// # Errors
///
/// [`AppError::Validation`] on `username` or `phone` when taken; database
/// errors.
pub async fn insert_user(conn: &impl ConnectionTrait, new: NewUser) -> Result<i64, AppError> {
    let now = Utc::now();
    let row = user::ActiveModel {
        username: Set(new.username.clone()),
        phone: Set(new.phone.clone()),
        display_name: Set(new.display_name),
        password_hash: Set(new.password_hash),
        must_change_password: Set(new.must_change_password),
        is_platform_admin: Set(new.platform_admin),
        is_active: Set(true),
        password_changed_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    match user::Entity::insert(row).exec(conn).await {
        Ok(result) => Ok(result.last_insert_id),
        Err(err) if is_unique_violation(&err) => Err(taken_field(conn, &new.username, new.phone.as_deref()).await),
        Err(err) => Err(err.into()),
    }
}

/// Works out which unique field a failed insert collided on.
async fn taken_field(conn: &impl ConnectionTrait, username: &str, phone: Option<&str>) -> AppError {
    let username_taken = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(conn)
        .await
        .map(|row| row.is_some())
        .unwrap_or(true);
    if username_taken {
        return AppError::field(
            "username",
            "该用户名已被使用，请换一个",
            "This username is taken; choose another",
        );
    }
    if phone.is_some() {
        return AppError::field(
            "phone",
            "该手机号已注册。如果是您本人，请直接登录",
            "This phone number is already registered; log in if it is yours",
        );
    }
    AppError::Internal
}

/// Adds a membership.
///
/// # Errors
///
/// [`AppError::Conflict`] when the user already belongs to the
/// organisation; database errors.
pub async fn insert_membership(
    conn: &impl ConnectionTrait,
    user_id: i64,
    organisation_id: i64,
    role: Role,
    created_by: Option<i64>,
) -> Result<i64, AppError> {
    let row = membership::ActiveModel {
        user_id: Set(user_id),
        organisation_id: Set(organisation_id),
        role: Set(role.code().to_owned()),
        created_by: Set(created_by),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    match membership::Entity::insert(row).exec(conn).await {
        Ok(result) => Ok(result.last_insert_id),
        Err(err) if is_unique_violation(&err) => Err(AppError::Conflict(crate::i18n::Text::new(
            "该用户已是本机构成员",
            "This user is already a member of the organisation",
        ))),
        Err(err) => Err(err.into()),
    }
}

/// Replaces a user's password hash.
///
/// # Errors
///
/// Database errors.
pub async fn set_password(
    conn: &impl ConnectionTrait,
    user_id: i64,
    password_hash: String,
    must_change: bool,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let row = user::ActiveModel {
        id: Set(user_id),
        password_hash: Set(password_hash),
        must_change_password: Set(must_change),
        password_changed_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    user::Entity::update(row).exec(conn).await?;
    Ok(())
}
