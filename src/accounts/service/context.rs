//! Who is calling: the request's address and agent, and the logged-in user
//! with the organisation their session acts for.

use http::header;
use http::request::Parts;

use super::super::policy::{ActingFor, Actor};
use super::super::session;
use super::super::{CurrentUser, OrgStatus};
use super::users::load_current_user;
use crate::error::AppError;
use crate::server::config::Settings;
use crate::server::state::AppState;

/// Facts about the HTTP request that accounts code records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInfo {
    pub ip: String,
    pub user_agent: String,
    /// Whether cookies should be marked `Secure`.
    pub secure: bool,
}

impl RequestInfo {
    pub fn from_parts(parts: &Parts, settings: &Settings) -> Self {
        let forwarded = settings
            .server
            .trust_proxy
            .then(|| parts.headers.get("x-forwarded-for"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty());
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip().to_string());
        let ip = forwarded.or(peer).unwrap_or_else(|| "unknown".to_owned());

        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();

        let forwarded_https = settings.server.trust_proxy
            && parts.headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https");
        let secure = settings
            .server
            .public_origin
            .as_deref()
            .is_some_and(|origin| origin.starts_with("https://"))
            || forwarded_https;

        Self { ip, user_agent, secure }
    }
}

/// A logged-in caller.
#[derive(Debug, Clone)]
pub struct Auth {
    pub user: CurrentUser,
    pub actor: Actor,
    pub session_id: String,
}

impl Auth {
    /// The organisation id the session acts for, if any.
    pub fn organisation_id(&self) -> Option<i64> {
        self.user.active.as_ref().map(|m| m.organisation_id)
    }

    /// Name written to the audit log: display name and username.
    pub fn audit_name(&self) -> String {
        format!("{}（{}）", self.user.display_name, self.user.username)
    }
}

/// Builds the policy actor of a user.
pub fn actor_of(user: &CurrentUser) -> Actor {
    Actor {
        user_id: user.user_id,
        platform_admin: user.platform_admin,
        acting_for: user.active.as_ref().map(|m| ActingFor {
            organisation_id: m.organisation_id,
            kind: m.kind,
            status: m.status,
            role: m.role,
            region_code: m.region_code.clone(),
        }),
    }
}

/// The caller of this request, if their session is live.
///
/// # Errors
///
/// Database errors.
pub async fn authenticate(state: &AppState, parts: &Parts) -> Result<Option<Auth>, AppError> {
    let Some(token) = session::token_from_headers(&parts.headers) else {
        return Ok(None);
    };
    let Some(record) = session::lookup(&state.db, &state.settings.session, &token).await? else {
        return Ok(None);
    };
    let Some(user) = load_current_user(&state.db, record.user_id, record.membership_id).await? else {
        return Ok(None);
    };
    Ok(Some(Auth {
        actor: actor_of(&user),
        user,
        session_id: record.id,
    }))
}

/// Whether the active organisation is approved; pending and returned
/// organisations may only see their own registration.
pub fn organisation_approved(user: &CurrentUser) -> bool {
    user.platform_admin || user.active.as_ref().is_some_and(|m| m.status == OrgStatus::Approved)
}
