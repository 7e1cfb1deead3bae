//! Login sessions stored in the database, so every server instance shares
//! them.
//!
//! The cookie carries 32 random bytes (base64url); the table stores only
//! their SHA-256, so a leaked database does not leak usable sessions. A
//! session ends after `session.idle_minutes` without requests or
//! `session.absolute_hours` after login, whichever comes first.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use http::{HeaderMap, HeaderValue, header};
use rand::RngCore as _;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use sha2::{Digest, Sha256};

use super::entity::session;
use crate::db::Db;
use crate::error::AppError;
use crate::server::config::SessionSettings;

pub const SESSION_COOKIE: &str = "xieyu_session";

/// `last_seen_at` is written at most this often, to spare the database a
/// write on every request.
const TOUCH_INTERVAL_SECONDS: i64 = 60;

/// Longest user agent kept, in characters.
const MAX_USER_AGENT: usize = 200;

fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Who a session belongs to and how it was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub id: String,
    pub user_id: i64,
    pub membership_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub ip: String,
    pub user_agent: String,
}

impl From<session::Model> for SessionRecord {
    fn from(row: session::Model) -> Self {
        Self {
            id: row.id,
            user_id: row.user_id,
            membership_id: row.membership_id,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
            ip: row.ip,
            user_agent: row.user_agent,
        }
    }
}

/// Opens a session and returns the cookie token.
///
/// # Errors
///
/// Database errors.
pub async fn create(
    conn: &impl ConnectionTrait,
    settings: &SessionSettings,
    user_id: i64,
    membership_id: Option<i64>,
    ip: &str,
    user_agent: &str,
) -> Result<String, AppError> {
    let token = new_token();
    let now = Utc::now();
    let agent: String = user_agent.chars().take(MAX_USER_AGENT).collect();
    let row = session::ActiveModel {
        id: Set(token_hash(&token)),
        user_id: Set(user_id),
        membership_id: Set(membership_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + Duration::hours(settings.absolute_hours as i64)),
        ip: Set(ip.chars().take(45).collect()),
        user_agent: Set(agent),
    };
    session::Entity::insert(row).exec_without_returning(conn).await?;
    Ok(token)
}

/// Finds the live session of `token`, ending it when it has expired, and
/// records activity.
///
/// # Errors
///
/// Database errors.
pub async fn lookup(db: &Db, settings: &SessionSettings, token: &str) -> Result<Option<SessionRecord>, AppError> {
    let id = token_hash(token);
    let Some(row) = session::Entity::find_by_id(id.clone()).one(db.conn()).await? else {
        return Ok(None);
    };

    let now = Utc::now();
    let idle_limit = row.last_seen_at + Duration::minutes(settings.idle_minutes as i64);
    if now >= row.expires_at || now >= idle_limit {
        session::Entity::delete_by_id(id).exec(db.conn()).await?;
        return Ok(None);
    }

    if (now - row.last_seen_at).num_seconds() >= TOUCH_INTERVAL_SECONDS {
        let touch = session::ActiveModel {
            id: Set(row.id.clone()),
            last_seen_at: Set(now),
            ..Default::default()
        };
        // A lost touch only shortens the idle window, so a busy database
        // must not fail the request.
        if let Err(err) = session::Entity::update(touch).exec(db.conn()).await {
            tracing::warn!(error = %err, "recording session activity failed");
        }
    }
    Ok(Some(row.into()))
}

/// Sets the organisation a session acts for.
///
/// # Errors
///
/// Database errors.
pub async fn set_membership(conn: &impl ConnectionTrait, session_id: &str, membership_id: i64) -> Result<(), AppError> {
    let row = session::ActiveModel {
        id: Set(session_id.to_owned()),
        membership_id: Set(Some(membership_id)),
        ..Default::default()
    };
    session::Entity::update(row).exec(conn).await?;
    Ok(())
}

/// Live sessions of a user, newest activity first.
///
/// # Errors
///
/// Database errors.
pub async fn list_for_user(db: &Db, user_id: i64) -> Result<Vec<SessionRecord>, AppError> {
    let rows = session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db.conn())
        .await?;
    Ok(rows.into_iter().map(SessionRecord::from).collect())
}

/// Ends one session of `user_id`; returns whether it existed.
///
/// # Errors
///
/// Database errors.
pub async fn revoke(conn: &impl ConnectionTrait, user_id: i64, session_id: &str) -> Result<bool, AppError> {
    let result = session::Entity::delete_many()
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Ends every session of `user_id`, except `keep` when given. Returns how
/// many ended.
///
/// # Errors
///
/// Database errors.
pub async fn revoke_all(conn: &impl ConnectionTrait, user_id: i64, keep: Option<&str>) -> Result<u64, AppError> {
    let mut query = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        query = query.filter(session::Column::Id.ne(keep));
    }
    Ok(query.exec(conn).await?.rows_affected)
}

/// Deletes expired sessions; returns how many.
///
/// # Errors
///
/// Database errors.
pub async fn purge_expired(conn: &impl ConnectionTrait) -> Result<u64, AppError> {
    let result = session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lte(Utc::now()))
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}

/// The session token from the request's cookies.
pub fn token_from_headers(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == SESSION_COOKIE && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

/// The session id (hash) of a cookie token.
pub fn id_of_token(token: &str) -> String {
    token_hash(token)
}

/// `Set-Cookie` value that stores `token` for `max_age_seconds`.
pub fn cookie(token: &str, secure: bool, max_age_seconds: u64) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}");
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("xieyu_session=; Path=/; Max-Age=0"))
}

/// `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    cookie("", secure, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashed() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43, "32 bytes in unpadded base64url");
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn cookie_attributes() {
        let value = cookie("abc", true, 3600);
        let text = value.to_str().expect("ascii");
        assert!(text.contains("HttpOnly"));
        assert!(text.contains("SameSite=Lax"));
        assert!(text.contains("Secure"));
        assert!(text.contains("Max-Age=3600"));
        assert!(!cookie("abc", false, 10).to_str().expect("ascii").contains("Secure"));
    }

    #[test]
    fn token_found_among_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("xieyu_lang=en; xieyu_session=tok"),
        );
        assert_eq!(token_from_headers(&headers).as_deref(), Some("tok"));
        headers.insert(header::COOKIE, HeaderValue::from_static("xieyu_session="));
        assert_eq!(token_from_headers(&headers), None);
    }
}
