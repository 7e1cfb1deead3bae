//! Maps database errors to [`AppError`]: lock contention and exhausted pools
//! become [`AppError::Busy`] (503); everything else is logged here and
//! becomes [`AppError::Internal`].

use sea_orm::{ConnAcquireErr, DbErr, RuntimeErr, SqlErr};

use crate::error::AppError;

/// SQLite result codes for a locked database (SQLITE_BUSY, SQLITE_LOCKED and
/// their extended codes), as text because sqlx reports codes as strings.
const SQLITE_BUSY_CODES: [&str; 6] = ["5", "6", "261", "262", "517", "773"];

/// PostgreSQL SQLSTATEs worth retrying: serialization_failure,
/// deadlock_detected, lock_not_available, too_many_connections.
const POSTGRES_RETRY_STATES: [&str; 4] = ["40001", "40P01", "55P03", "53300"];

pub(super) fn classify(err: &DbErr) -> AppError {
    if is_busy(err) {
        tracing::warn!(error = %err, "database busy");
        return AppError::Busy;
    }
    tracing::error!(error = %err, "database error");
    AppError::Internal
}

fn is_busy(err: &DbErr) -> bool {
    match err {
        DbErr::ConnectionAcquire(ConnAcquireErr::Timeout) => true,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => match e.as_ref() {
            sea_orm::sqlx::Error::PoolTimedOut => true,
            sea_orm::sqlx::Error::Database(db) => {
                let code = db.code().unwrap_or_default();
                SQLITE_BUSY_CODES.contains(&code.as_ref()) || POSTGRES_RETRY_STATES.contains(&code.as_ref())
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether the error is a unique-constraint violation, for turning it into
/// a field error ("该手机号已注册") instead of a 500.
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}
