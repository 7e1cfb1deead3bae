//! Logging in and out, and changing passwords.
//!
//! Failed attempts are counted per identifier typed (phone or username),
//! whether or not an account has it: after five failures the identifier is
//! locked for 15 minutes. Unknown accounts, wrong passwords and disabled
//! accounts get the same response, and the password is verified (against a
//! dummy hash when there is no account) so timing does not tell them apart.

use std::time::Instant;

use chrono::{Duration, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::EntityTrait;
use sea_orm::sea_query::OnConflict;
use serde_json::json;

use super::super::audit::{self, Action};
use super::super::entity::login_failure;
use super::super::validate::{check_password_policy, normalize_phone};
use super::super::{CurrentUser, password, rate_limit, session};
use super::context::{Auth, RequestInfo};
use super::users::{find_by_identifier, load_current_user, set_password};
use crate::error::AppError;
use crate::server::state::AppState;

/// Failures before the identifier is locked.
pub const MAX_FAILURES: i32 = 5;
/// Lockout length in minutes.
pub const LOCK_MINUTES: i64 = 15;

/// A successful login: the cookie token and the user.
#[derive(Debug, Clone)]
pub struct LoggedIn {
    pub token: String,
    pub user: CurrentUser,
}

fn wrong_credentials() -> AppError {
    AppError::field(
        "password",
        "手机号/用户名或密码不正确",
        "The phone number, username or password is wrong",
    )
}

/// Returns the key that failures are counted under: the phone number or the
/// lower-case username, at most 64 characters.
fn failure_key(identifier: &str) -> String {
    normalize_phone(identifier)
        .unwrap_or_else(|| identifier.trim().to_lowercase())
        .chars()
        .take(64)
        .collect()
}

/// Returns the logins allowed per address per minute. A school's staff often
/// share one public address behind NAT, so the default (60) is sized for a
/// morning rush. The lockout stops guessing one account's password.
fn login_limit(state: &AppState) -> u32 {
    u32::try_from(state.settings.login.per_ip_per_minute).unwrap_or(u32::MAX)
}

/// Checks credentials and opens a session.
///
/// # Errors
///
/// Field errors for empty fields or wrong credentials (the same for every
/// cause), [`AppError::RateLimited`] when the address or the identifier is
/// locked; database errors.
pub async fn login(
    state: &AppState,
    request: &RequestInfo,
    identifier: &str,
    password: String,
) -> Result<LoggedIn, AppError> {
    let mut errors = super::super::validate::FieldErrors::default();
    if identifier.trim().is_empty() {
        errors.add(
            "identifier",
            "请输入手机号或用户名",
            "Enter your phone number or username",
        );
    }
    if password.is_empty() {
        errors.add("password", "请输入密码", "Enter your password");
    }
    errors.finish()?;

    rate_limit::login_limiter()
        .hit(
            &request.ip,
            login_limit(state),
            rate_limit::LOGIN_WINDOW,
            Instant::now(),
        )
        .map_err(|retry_after_seconds| AppError::RateLimited { retry_after_seconds })?;

    let key = failure_key(identifier);
    let now = Utc::now();
    let failures = login_failure::Entity::find_by_id(key.clone())
        .one(state.db.conn())
        .await?;
    if let Some(locked_until) = failures
        .as_ref()
        .and_then(|f| f.locked_until)
        .filter(|until| *until > now)
    {
        let retry_after_seconds = u64::try_from((locked_until - now).num_seconds()).unwrap_or(60).max(1);
        return Err(AppError::RateLimited { retry_after_seconds });
    }

    let account = find_by_identifier(&state.db, identifier).await?.filter(|u| u.is_active);
    let verified = password::verify(password, account.as_ref().map(|u| u.password_hash.clone())).await?;

    let Some(account) = account.filter(|_| verified) else {
        return Err(record_failure(state, request, &key).await);
    };

    let user = load_current_user(&state.db, account.id, None)
        .await?
        .ok_or_else(wrong_credentials)?;
    let membership_id = user.active.as_ref().map(|m| m.membership_id);

    let txn = state.db.begin_write().await?;
    login_failure::Entity::delete_by_id(key).exec(&*txn).await?;
    let token = session::create(
        &*txn,
        &state.settings.session,
        account.id,
        membership_id,
        &request.ip,
        &request.user_agent,
    )
    .await?;
    audit::record(
        &*txn,
        audit::Record {
            actor_user_id: Some(account.id),
            actor_name: &format!("{}（{}）", user.display_name, user.username),
            actor_organisation_id: user.active.as_ref().map(|m| m.organisation_id),
            action: Action::Login,
            target_type: "user",
            target_id: Some(account.id.to_string()),
            region_code: user.active.as_ref().map(|m| m.region_code.clone()),
            detail: json!({ "user_agent": request.user_agent.chars().take(120).collect::<String>() }),
            ip: &request.ip,
        },
    )
    .await?;
    txn.commit().await?;

    tracing::info!(user_id = account.id, "login");
    Ok(LoggedIn { token, user })
}

/// Counts a failure and locks the identifier at the limit. Returns the
/// error to show.
async fn record_failure(state: &AppState, request: &RequestInfo, key: &str) -> AppError {
    let now = Utc::now();

    let result: Result<bool, AppError> = async {
        let txn = state.db.begin_write().await?;
        // Read inside the write transaction so concurrent failures count.
        let previous = login_failure::Entity::find_by_id(key.to_owned())
            .one(&*txn)
            .await?
            .map_or(0, |row| row.failures);
        let failures = previous + 1;
        let locks = failures >= MAX_FAILURES;
        let row = login_failure::ActiveModel {
            identifier: Set(key.to_owned()),
            failures: Set(if locks { 0 } else { failures }),
            locked_until: Set(locks.then(|| now + Duration::minutes(LOCK_MINUTES))),
            updated_at: Set(now),
        };
        login_failure::Entity::insert(row)
            .on_conflict(
                OnConflict::column(login_failure::Column::Identifier)
                    .update_columns([
                        login_failure::Column::Failures,
                        login_failure::Column::LockedUntil,
                        login_failure::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&*txn)
            .await?;

        let masked = super::super::validate::mask_phone(key);
        let shown = if normalize_phone(key).is_some() {
            masked
        } else {
            key.to_owned()
        };
        audit::record(
            &*txn,
            audit::Record {
                actor_user_id: None,
                actor_name: &shown,
                actor_organisation_id: None,
                action: if locks { Action::Lockout } else { Action::LoginFailed },
                target_type: "login",
                target_id: None,
                region_code: None,
                detail: json!({ "failures": failures }),
                ip: &request.ip,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(locks)
    }
    .await;

    let locks = match result {
        Ok(locks) => locks,
        Err(err) => return err,
    };
    if locks {
        tracing::warn!(ip = %request.ip, "login locked after repeated failures");
        AppError::RateLimited {
            retry_after_seconds: (LOCK_MINUTES * 60) as u64,
        }
    } else {
        wrong_credentials()
    }
}

/// Ends the caller's session.
///
/// # Errors
///
/// Database errors.
pub async fn logout(state: &AppState, request: &RequestInfo, auth: &Auth, everywhere: bool) -> Result<(), AppError> {
    let txn = state.db.begin_write().await?;
    if everywhere {
        session::revoke_all(&*txn, auth.user.user_id, None).await?;
    } else {
        session::revoke(&*txn, auth.user.user_id, &auth.session_id).await?;
    }
    audit::record(
        &*txn,
        audit::Record {
            actor_user_id: Some(auth.user.user_id),
            actor_name: &auth.audit_name(),
            actor_organisation_id: auth.organisation_id(),
            action: if everywhere { Action::LogoutAll } else { Action::Logout },
            target_type: "user",
            target_id: Some(auth.user.user_id.to_string()),
            region_code: auth.user.active.as_ref().map(|m| m.region_code.clone()),
            detail: json!({}),
            ip: &request.ip,
        },
    )
    .await?;
    txn.commit().await
}

/// Changes the caller's password and ends their other sessions.
///
/// # Errors
///
/// Field errors on `current_password` or `new_password`; database errors.
pub async fn change_password(
    state: &AppState,
    request: &RequestInfo,
    auth: &Auth,
    current: String,
    new: String,
) -> Result<(), AppError> {
    let mut errors = super::super::validate::FieldErrors::default();
    if let Err(message) = check_password_policy(&new, &auth.user.username) {
        errors.add_text("new_password", message);
    }
    if new == current {
        errors.add(
            "new_password",
            "新密码不能与当前密码相同",
            "The new password must differ from the current one",
        );
    }
    errors.finish()?;

    let account = super::super::entity::user::Entity::find_by_id(auth.user.user_id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !password::verify(current, Some(account.password_hash)).await? {
        return Err(AppError::field(
            "current_password",
            "当前密码不正确",
            "The current password is wrong",
        ));
    }

    let hash = password::hash(new).await?;
    let txn = state.db.begin_write().await?;
    set_password(&*txn, auth.user.user_id, hash, false).await?;
    session::revoke_all(&*txn, auth.user.user_id, Some(&auth.session_id)).await?;
    audit::record(
        &*txn,
        audit::Record {
            actor_user_id: Some(auth.user.user_id),
            actor_name: &auth.audit_name(),
            actor_organisation_id: auth.organisation_id(),
            action: Action::PasswordChanged,
            target_type: "user",
            target_id: Some(auth.user.user_id.to_string()),
            region_code: auth.user.active.as_ref().map(|m| m.region_code.clone()),
            detail: json!({}),
            ip: &request.ip,
        },
    )
    .await?;
    txn.commit().await
}
