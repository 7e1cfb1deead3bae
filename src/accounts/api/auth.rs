//! Logging in and out, the current user, password and sessions.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::super::CurrentUser;
use crate::error::AppError;

/// One of the caller's live sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: String,
    pub current: bool,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub ip: String,
    pub user_agent: String,
}

/// Where to go after logging in: a local path, else the home page.
pub fn safe_next(next: &str) -> String {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains(['\\', '\r', '\n']);
    if local { next.to_owned() } else { "/".to_owned() }
}

/// Logs in with a phone number or username and a password, then goes to
/// `next` (or to the password page when the password must be changed).
#[server(prefix = "/api", endpoint = "accounts/login")]
pub async fn login(identifier: String, password: String, next: String) -> Result<CurrentUser, AppError> {
    use crate::server::context::run_public;
    run_public(|ctx| async move {
        crate::forms::remember(&[("identifier", identifier.clone()), ("next", next.clone())]);
        let done = super::super::service::login::login(&ctx.state, &ctx.request, &identifier, password).await?;
        ctx.set_session_cookie(&done.token);
        let target = if done.user.must_change_password {
            format!(
                "/account/password?next={}",
                crate::shell::layout::urlencode(&safe_next(&next))
            )
        } else {
            safe_next(&next)
        };
        leptos_axum::redirect(&target);
        Ok(done.user)
    })
    .await
}

/// Ends this session, or every session of the user.
#[server(prefix = "/api", endpoint = "accounts/logout")]
pub async fn logout(everywhere: bool) -> Result<(), AppError> {
    use crate::server::context::run_as_login;
    run_as_login(|ctx, auth| async move {
        super::super::service::login::logout(&ctx.state, &ctx.request, &auth, everywhere).await?;
        ctx.clear_session_cookie();
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

/// The logged-in user, or `None`.
#[server(prefix = "/api", endpoint = "accounts/me")]
pub async fn who_am_i() -> Result<Option<CurrentUser>, AppError> {
    use crate::server::context::run_public;
    run_public(|ctx| async move {
        let Some(parts) = use_context::<http::request::Parts>() else {
            return Ok(None);
        };
        let auth = super::super::service::context::authenticate(&ctx.state, &parts).await?;
        Ok(auth.map(|a| a.user))
    })
    .await
}

/// Changes the caller's password; other sessions end.
#[server(prefix = "/api", endpoint = "accounts/password")]
pub async fn change_password(current_password: String, new_password: String, next: String) -> Result<(), AppError> {
    use crate::server::context::run_as_login;
    run_as_login(|ctx, auth| async move {
        super::super::service::login::change_password(&ctx.state, &ctx.request, &auth, current_password, new_password)
            .await?;
        crate::forms::flash_notice(crate::i18n::Text::new("密码已修改", "Your password has been changed"));
        leptos_axum::redirect(&safe_next(&next));
        Ok(())
    })
    .await
}

/// The caller's live sessions.
#[server(prefix = "/api", endpoint = "accounts/sessions")]
pub async fn my_sessions() -> Result<Vec<SessionView>, AppError> {
    use crate::server::context::run_as_login;
    run_as_login(|ctx, auth| async move {
        let sessions = super::super::session::list_for_user(&ctx.state.db, auth.user.user_id).await?;
        Ok(sessions
            .into_iter()
            .map(|s| SessionView {
                current: s.id == auth.session_id,
                id: s.id,
                created_at: s.created_at,
                last_seen_at: s.last_seen_at,
                ip: s.ip,
                user_agent: s.user_agent,
            })
            .collect())
    })
    .await
}

/// Ends one of the caller's other sessions.
#[server(prefix = "/api", endpoint = "accounts/revoke-session")]
pub async fn revoke_session(id: String) -> Result<(), AppError> {
    use crate::server::context::run_as_login;
    run_as_login(|ctx, auth| async move {
        let txn = ctx.state.db.begin_write().await?;
        let found = super::super::session::revoke(&*txn, auth.user.user_id, &id).await?;
        txn.commit().await?;
        if !found {
            return Err(AppError::NotFound);
        }
        crate::forms::flash_notice(crate::i18n::Text::new(
            "已退出该设备",
            "That device has been logged out",
        ));
        leptos_axum::redirect("/account");
        Ok(())
    })
    .await
}

/// Chooses which of the caller's organisations the session acts for.
#[server(prefix = "/api", endpoint = "accounts/switch")]
pub async fn switch_organisation(membership_id: i64) -> Result<(), AppError> {
    use crate::server::context::run_as_login;
    run_as_login(|ctx, auth| async move {
        if !auth.user.memberships.iter().any(|m| m.membership_id == membership_id) {
            return Err(AppError::NotFound);
        }
        let txn = ctx.state.db.begin_write().await?;
        super::super::session::set_membership(&*txn, &auth.session_id, membership_id).await?;
        txn.commit().await?;
        leptos_axum::redirect("/account");
        Ok(())
    })
    .await
}
