//! Booking services: plain async functions over the database that ask the
//! policy, apply the rules of [`crate::booking`] and write inside
//! `Db::begin_write`.
//!
//! Confirmed places never exceed capacity: every change of a booking that
//! takes or frees places updates the session's `places_held` counter in the
//! same write transaction, and the session row is locked first (SQLite:
//! the single writer of `begin_write`; PostgreSQL: `SELECT … FOR UPDATE`).
//! Taking places is also an UPDATE conditional on the capacity, so a
//! mistake in the locking would fail the request and never overbook.

pub mod attendance;
pub mod book;
pub mod bureau;
pub mod change;
pub mod events;
pub mod feeds;
pub mod lists;
pub mod lottery;
pub mod notify;
pub mod quotas;
pub mod session_form;
pub mod sessions;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::entity::{booking, session};
use super::rules::{Allocation, DayLoad, SessionSnapshot};
use super::state::{ActorKind, BookingState};
use crate::accounts::Role;
use crate::accounts::policy::OrgRef;
use crate::accounts::service::context::Auth;
use crate::error::AppError;
use crate::i18n::Text;
use crate::resources::entity::programme;
use crate::resources::model::Stage;

/// `allocation` codes of a session.
pub const FIRST_COME: &str = "first_come";
pub const LOTTERY: &str = "lottery";

/// Returns the kind of actor the state machine uses for a logged-in caller.
pub fn actor_kind(auth: &Auth) -> ActorKind {
    match auth.user.role() {
        Some(Role::Teacher | Role::SchoolAdmin) => ActorKind::School,
        Some(Role::ProviderAdmin) => ActorKind::ProviderAdmin,
        Some(Role::ProviderStaff) => ActorKind::ProviderStaff,
        Some(Role::BureauOfficer) | None => ActorKind::Bureau,
    }
}

/// Whether a booking in `state` holds places of `row`. Requests of a
/// lottery session hold none until the draw.
pub fn holds_places(row: &session::Model, state: BookingState) -> bool {
    if row.allocation == LOTTERY && row.lottery_drawn_at.is_none() && state == BookingState::Requested {
        return false;
    }
    state.holds_places()
}

/// Parses a stored state code.
///
/// # Errors
///
/// [`AppError::Internal`] for a code no state has, which only a damaged
/// row can contain.
pub fn state_of(row: &booking::Model) -> Result<BookingState, AppError> {
    BookingState::from_code(&row.state).ok_or_else(|| {
        tracing::error!(booking_id = row.id, state = %row.state, "unknown booking state in the database");
        AppError::Internal
    })
}

/// Loads a session and locks its row until the transaction ends (on
/// PostgreSQL; on SQLite the write transaction already holds the only
/// write lock).
///
/// # Errors
///
/// [`AppError::NotFound`] for an unknown session; database errors.
pub async fn lock_session(conn: &impl ConnectionTrait, id: i64) -> Result<session::Model, AppError> {
    let mut query = session::Entity::find_by_id(id);
    if conn.get_database_backend() == DbBackend::Postgres {
        query = query.lock_exclusive();
    }
    query.one(conn).await?.ok_or(AppError::NotFound)
}

/// Locks every session of the resource on the session's date, in id order
/// so that two transactions locking the same day cannot deadlock.
///
/// # Errors
///
/// Database errors.
pub async fn lock_day(conn: &impl ConnectionTrait, row: &session::Model) -> Result<Vec<session::Model>, AppError> {
    let mut query = session::Entity::find()
        .filter(session::Column::ResourceId.eq(row.resource_id))
        .filter(session::Column::ServiceDate.eq(row.service_date.clone()))
        .order_by_asc(session::Column::Id);
    if conn.get_database_backend() == DbBackend::Postgres {
        query = query.lock_exclusive();
    }
    Ok(query.all(conn).await?)
}

/// Builds the rules' view of a session. `day_held` is the pupils holding
/// places in all the resource's sessions that day.
pub fn snapshot(row: &session::Model, programme: &programme::Model, day_held: Option<i32>) -> SessionSnapshot {
    let count = |value: i32| u32::try_from(value).unwrap_or(0);
    let stages = serde_json::from_str::<Vec<String>>(&programme.stages)
        .unwrap_or_default()
        .iter()
        .filter_map(|code| Stage::from_code(code))
        .collect();
    SessionSnapshot {
        starts_at: row.starts_at,
        capacity: count(row.capacity),
        places_held: count(row.places_held),
        day: row.day_capacity.map(|capacity| DayLoad {
            capacity: count(capacity),
            places_held: count(day_held.unwrap_or(row.places_held)),
        }),
        booking_opens_at: row.booking_opens_at,
        booking_closes_at: row.booking_closes_at,
        cancellation_deadline: row.cancellation_deadline,
        stages,
        pupils_per_teacher: (programme.pupils_per_teacher > 0).then(|| count(programme.pupils_per_teacher)),
        auto_confirm: row.auto_confirm,
        allocation: if row.allocation == LOTTERY {
            Allocation::Lottery
        } else {
            Allocation::FirstCome { waitlist: row.waitlist }
        },
    }
}

/// Adds `delta` pupils to the session's held places. A positive delta is
/// applied only if the session keeps within capacity.
///
/// # Errors
///
/// [`AppError::Conflict`] (本场次已满) when the places are not free;
/// database errors.
pub async fn add_places(
    conn: &impl ConnectionTrait,
    session_id: i64,
    delta: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut update = session::Entity::update_many()
        .col_expr(
            session::Column::PlacesHeld,
            Expr::col(session::Column::PlacesHeld).add(delta),
        )
        .col_expr(session::Column::UpdatedAt, Expr::value(now))
        .filter(session::Column::Id.eq(session_id));
    if delta > 0 {
        update = update.filter(
            Expr::col(session::Column::PlacesHeld)
                .add(delta)
                .lte(Expr::col(session::Column::Capacity)),
        );
    }
    let result = update.exec(conn).await?;
    if result.rows_affected != 1 {
        return Err(AppError::Conflict(Text::new("本场次已满", "This session is full")));
    }
    Ok(())
}

/// Loads organisation `id` in the form the policy checks.
///
/// # Errors
///
/// [`AppError::NotFound`]; database errors.
pub async fn org_ref(conn: &impl ConnectionTrait, id: i64) -> Result<OrgRef, AppError> {
    use crate::accounts::OrgKind;
    use crate::accounts::entity::organisation;

    let row = organisation::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(OrgRef {
        id: row.id,
        kind: OrgKind::from_code(&row.kind).ok_or(AppError::Internal)?,
        region_code: row.region_code,
    })
}
