//! The background job runner: jobs are rows of the `jobs` table, so they
//! survive restarts, and any number of server instances may run them.
//!
//! A runner claims a due job with an UPDATE guarded by its state (pending,
//! or running with an expired lease), so only one runner wins a claim. It
//! then does the work and marks the job done in one write transaction,
//! guarded by its own lease. If the lease was lost meanwhile (the runner
//! stalled past it and another runner claimed the job), the transaction
//! rolls back. So a reminder is stored at most once per booking, and a
//! runner that dies mid-job leaves it to be claimed again after the lease.
//!
//! Jobs: `reminder` (an in-app reminder the day before a confirmed
//! booking's session) and `no_show` (marks a session's unchecked bookings
//! as no-shows after it ends).

use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

use super::entity::{booking, job, session};
use super::noshow::no_show_due_at;
use super::service::attendance::mark_no_shows;
use super::service::notify;
use super::state::BookingState;
use super::{china_to_utc, format_china_minute};
use crate::error::AppError;
use crate::i18n::Text;
use crate::server::state::AppState;

/// Job kinds.
pub const REMINDER: &str = "reminder";
pub const NO_SHOW: &str = "no_show";

/// How long a claim lasts before another runner may take the job over.
pub const LEASE: TimeDelta = TimeDelta::minutes(5);
/// Attempts before a failing job is given up.
pub const MAX_ATTEMPTS: i32 = 5;
/// Jobs claimed per poll.
const BATCH: u64 = 20;
/// China Standard Time at which reminders go out the day before.
const REMINDER_HOUR: u32 = 9;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct BookingPayload {
    booking_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct SessionPayload {
    session_id: i64,
}

/// Queues a job unless one with the same `dedupe_key` exists.
///
/// # Errors
///
/// Database errors.
pub async fn enqueue(
    conn: &impl ConnectionTrait,
    kind: &str,
    dedupe_key: String,
    payload: String,
    run_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = job::ActiveModel {
        kind: Set(kind.to_owned()),
        dedupe_key: Set(dedupe_key),
        payload: Set(payload),
        run_at: Set(run_at),
        state: Set("pending".to_owned()),
        attempts: Set(0),
        locked_by: Set(None),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        finished_at: Set(None),
        ..Default::default()
    };
    job::Entity::insert(row)
        .on_conflict(OnConflict::column(job::Column::DedupeKey).do_nothing().to_owned())
        .try_insert()
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// When the reminder of a session starting at `starts_at` goes out: 09:00
/// China time the day before, or at once when that has passed.
pub fn reminder_at(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    let date = crate::calendar::time::to_china(starts_at).date_naive();
    let day_before = date.pred_opt().unwrap_or(NaiveDate::MIN);
    let hour = NaiveTime::from_hms_opt(REMINDER_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    Ord::max(china_to_utc(day_before, hour).unwrap_or(now), now)
}

/// Queues the day-before reminder of a confirmed booking.
///
/// # Errors
///
/// Database errors.
pub async fn schedule_reminder(
    conn: &impl ConnectionTrait,
    row: &booking::Model,
    session: &session::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if session.starts_at <= now {
        return Ok(());
    }
    let payload = serde_json::to_string(&BookingPayload { booking_id: row.id }).map_err(|_| AppError::Internal)?;
    let run_at = reminder_at(session.starts_at, now);
    enqueue(conn, REMINDER, format!("reminder:{}", row.id), payload, run_at, now).await
}

/// Queues the no-show sweep of a session, due after its end and grace period.
///
/// # Errors
///
/// Database errors.
pub async fn schedule_no_show(
    conn: &impl ConnectionTrait,
    session: &session::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let payload = serde_json::to_string(&SessionPayload { session_id: session.id }).map_err(|_| AppError::Internal)?;
    let run_at = no_show_due_at(session.ends_at);
    enqueue(conn, NO_SHOW, format!("no_show:{}", session.id), payload, run_at, now).await
}

/// One job runner, named for its leases.
#[derive(Debug, Clone)]
pub struct Runner {
    pub name: String,
}

impl Runner {
    /// Creates a runner with a random name, so instances never share leases.
    pub fn new() -> Runner {
        let suffix: u64 = rand::random();
        Runner {
            name: format!("runner-{}-{suffix:016x}", std::process::id()),
        }
    }

    /// Claims and runs the jobs due at `now`; returns how many it finished.
    ///
    /// # Errors
    ///
    /// Database errors while looking for jobs; a failing job is logged,
    /// rescheduled and does not stop the others.
    pub async fn run_due(&self, state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
        let due = job::Entity::find()
            .filter(claimable(now))
            .order_by_asc(job::Column::RunAt)
            .limit(BATCH)
            .all(state.db.conn())
            .await?;

        let mut finished = 0;
        for candidate in due {
            if !self.claim(state, candidate.id, now).await? {
                continue;
            }
            match self.run_one(state, &candidate, now).await {
                Ok(true) => finished += 1,
                Ok(false) => {
                    tracing::warn!(job_id = candidate.id, runner = %self.name, "job lease lost, result discarded")
                }
                Err(err) => self.fail(state, &candidate, &err, now).await,
            }
        }
        Ok(finished)
    }

    async fn claim(&self, state: &AppState, id: i64, now: DateTime<Utc>) -> Result<bool, AppError> {
        let txn = state.db.begin_write().await?;
        let result = job::Entity::update_many()
            .col_expr(job::Column::State, Expr::value("running"))
            .col_expr(job::Column::LockedBy, Expr::value(self.name.clone()))
            .col_expr(job::Column::LockedUntil, Expr::value(now + LEASE))
            .col_expr(job::Column::Attempts, Expr::col(job::Column::Attempts).add(1))
            .filter(job::Column::Id.eq(id))
            .filter(claimable(now))
            .exec(&*txn)
            .await?;
        txn.commit().await?;
        Ok(result.rows_affected == 1)
    }

    /// Does the job's work and marks it done, in one transaction. Returns
    /// `false` when this runner no longer holds the lease.
    async fn run_one(&self, state: &AppState, row: &job::Model, now: DateTime<Utc>) -> Result<bool, AppError> {
        let txn = state.db.begin_write().await?;
        match row.kind.as_str() {
            REMINDER => {
                let payload: BookingPayload = serde_json::from_str(&row.payload).map_err(|_| AppError::Internal)?;
                remind(&*txn, payload.booking_id, now).await?;
            }
            NO_SHOW => {
                let payload: SessionPayload = serde_json::from_str(&row.payload).map_err(|_| AppError::Internal)?;
                mark_no_shows(&*txn, payload.session_id, now).await?;
            }
            other => {
                tracing::error!(job_id = row.id, kind = other, "unknown job kind");
                return Err(AppError::Internal);
            }
        }

        let done = job::Entity::update_many()
            .col_expr(job::Column::State, Expr::value("done"))
            .col_expr(job::Column::FinishedAt, Expr::value(Utc::now()))
            .filter(job::Column::Id.eq(row.id))
            .filter(job::Column::State.eq("running"))
            .filter(job::Column::LockedBy.eq(self.name.clone()))
            .exec(&*txn)
            .await?;
        if done.rows_affected != 1 {
            return Ok(false);
        }
        txn.commit().await?;
        Ok(true)
    }

    async fn fail(&self, state: &AppState, row: &job::Model, err: &AppError, now: DateTime<Utc>) {
        let attempts = row.attempts + 1;
        let give_up = attempts >= MAX_ATTEMPTS;
        tracing::warn!(job_id = row.id, kind = %row.kind, attempts, give_up, error = %err, "job failed");

        let backoff = TimeDelta::minutes(i64::from(attempts.clamp(1, 60)));
        let result = async {
            let txn = state.db.begin_write().await?;
            job::Entity::update_many()
                .col_expr(
                    job::Column::State,
                    Expr::value(if give_up { "failed" } else { "pending" }),
                )
                .col_expr(job::Column::RunAt, Expr::value(now + backoff))
                .col_expr(job::Column::LockedBy, Expr::value(Option::<String>::None))
                .col_expr(job::Column::LastError, Expr::value(err.to_string()))
                .filter(job::Column::Id.eq(row.id))
                .filter(job::Column::LockedBy.eq(self.name.clone()))
                .exec(&*txn)
                .await?;
            txn.commit().await
        }
        .await;
        if let Err(err) = result {
            tracing::warn!(job_id = row.id, error = %err, "recording the job failure failed; the lease will expire");
        }
    }
}

impl Default for Runner {
    fn default() -> Self {
        Runner::new()
    }
}

/// Jobs a runner may claim at `now`: pending and due, or running with an
/// expired lease and attempts left.
fn claimable(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(job::Column::State.eq("pending"))
                .add(job::Column::RunAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(job::Column::State.eq("running"))
                .add(job::Column::LockedUntil.lt(now))
                .add(job::Column::Attempts.lt(MAX_ATTEMPTS)),
        )
}

/// Sends the reminder of a booking that is still confirmed.
async fn remind(conn: &impl ConnectionTrait, booking_id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    let Some(row) = booking::Entity::find_by_id(booking_id).one(conn).await? else {
        return Ok(());
    };
    if row.state != BookingState::Confirmed.code() {
        return Ok(());
    }
    let Some(session) = session::Entity::find_by_id(row.session_id).one(conn).await? else {
        return Ok(());
    };
    let when = format_china_minute(session.starts_at);
    let message = Text::new(
        format!("提醒：{}的活动将于 {when} 开始，请携带签到码准时到达", row.class_name),
        format!(
            "Reminder: the visit of {} starts at {when}; bring the check-in code",
            row.class_name
        ),
    );
    notify::send(conn, row.booked_by, Some(row.id), notify::REMINDER, &message, now).await
}

/// Runs due jobs every `interval` until the process ends.
pub async fn run_forever(state: AppState, interval: Duration) {
    let runner = Runner::new();
    tracing::info!(runner = %runner.name, interval_seconds = interval.as_secs(), "job runner started");
    let mut tick = tokio::time::interval(interval);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match runner.run_due(&state, Utc::now()).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "jobs finished"),
            Err(err) => tracing::warn!(error = %err, "looking for due jobs failed"),
        }
    }
}
