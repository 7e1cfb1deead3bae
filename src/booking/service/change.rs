//! Changes to a booking after it was made: the provider confirms or
//! declines; the school, the provider or the bureau cancels. Places freed
//! go to waitlisted groups by the waitlist rule.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::events::{self, ChangedBy};
use super::{actor_kind, add_places, holds_places, lock_day, lock_session, org_ref, snapshot, state_of};
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::Auth;
use crate::booking::entity::{booking, session};
use crate::booking::rules::free_places;
use crate::booking::state::{BookingEvent, BookingState, transition};
use crate::booking::waitlist::{WaitingGroup, promote};
use crate::error::AppError;
use crate::resources::entity::programme;
use crate::server::state::AppState;

/// A change a user asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Confirm,
    Decline,
    Cancel,
}

/// Applies `change` to booking `booking_id` for the caller, at `now`, and
/// returns the new state.
///
/// # Errors
///
/// Permission denials; [`AppError::Conflict`] when the change does not
/// apply in the booking's state or the cancellation deadline has passed;
/// database errors.
pub async fn change(
    state: &AppState,
    auth: &Auth,
    booking_id: i64,
    change: Change,
    note: &str,
    now: DateTime<Utc>,
) -> Result<BookingState, AppError> {
    let found = booking::Entity::find_by_id(booking_id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    let unlocked = session::Entity::find_by_id(found.session_id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    let school = org_ref(state.db.conn(), found.school_id).await?;
    let provider = org_ref(state.db.conn(), unlocked.provider_id).await?;
    let permission = match change {
        Change::Confirm | Change::Decline => Permission::DecideBooking(provider),
        Change::Cancel => Permission::CancelBooking { school, provider },
    };
    policy::check(&auth.actor, &permission)?;

    let txn = state.db.begin_write().await?;
    let session = if unlocked.day_capacity.is_some() {
        lock_day(&*txn, &unlocked)
            .await?
            .into_iter()
            .find(|s| s.id == unlocked.id)
            .ok_or(AppError::NotFound)?
    } else {
        lock_session(&*txn, unlocked.id).await?
    };
    let row = booking::Entity::find_by_id(booking_id)
        .one(&*txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = state_of(&row)?;
    let event = match change {
        Change::Confirm => BookingEvent::Confirm,
        Change::Decline => BookingEvent::Decline,
        Change::Cancel => BookingEvent::Cancel {
            at: now,
            deadline: session.cancellation_deadline,
        },
    };
    let kind = actor_kind(auth);
    let to = transition(from, event, kind).map_err(AppError::Conflict)?;
    let by = ChangedBy {
        user_id: Some(auth.user.user_id),
        kind,
    };
    events::apply(&*txn, &row, from, to, by, note, now).await?;

    if holds_places(&session, from) && !holds_places(&session, to) {
        add_places(&*txn, session.id, -row.pupils, now).await?;
        promote_waiting(&*txn, session.id, now).await?;
    }
    if to == BookingState::Confirmed {
        crate::booking::jobs::schedule_reminder(&*txn, &row, &session, now).await?;
    }
    txn.commit().await?;

    tracing::info!(booking_id, from = from.code(), to = to.code(), "booking changed");
    Ok(to)
}

/// Gives the session's free places to waitlisted groups, in queue order
/// with the skip rule of [`crate::booking::waitlist`]. The session row must
/// be locked by the caller's transaction.
///
/// # Errors
///
/// Database errors.
pub async fn promote_waiting(conn: &impl ConnectionTrait, session_id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    let session = session::Entity::find_by_id(session_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    if session.starts_at <= now {
        return Ok(());
    }
    let programme = programme::Entity::find_by_id(session.programme_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let day_held = if session.day_capacity.is_some() {
        Some(
            session::Entity::find()
                .filter(session::Column::ResourceId.eq(session.resource_id))
                .filter(session::Column::ServiceDate.eq(session.service_date.clone()))
                .all(conn)
                .await?
                .iter()
                .map(|s| s.places_held)
                .sum::<i32>(),
        )
    } else {
        None
    };
    let free = free_places(&snapshot(&session, &programme, day_held));
    if free == 0 {
        return Ok(());
    }

    let waiting = booking::Entity::find()
        .filter(booking::Column::SessionId.eq(session_id))
        .filter(booking::Column::State.eq(BookingState::Waitlisted.code()))
        .all(conn)
        .await?;
    let queue: Vec<WaitingGroup> = waiting
        .iter()
        .map(|row| WaitingGroup {
            booking_id: row.id,
            pupils: u32::try_from(row.pupils).unwrap_or(u32::MAX),
            requested_at: row.requested_at,
            draw_rank: row.draw_rank.and_then(|rank| u32::try_from(rank).ok()),
        })
        .collect();

    let event = BookingEvent::Promote {
        auto_confirm: session.auto_confirm,
    };
    for promotion in promote(free, &queue) {
        let Some(row) = waiting.iter().find(|row| row.id == promotion.booking_id) else {
            continue;
        };
        let to = transition(BookingState::Waitlisted, event, ChangedBy::SYSTEM.kind).map_err(AppError::Conflict)?;
        add_places(conn, session_id, row.pupils, now).await?;
        events::apply(
            conn,
            row,
            BookingState::Waitlisted,
            to,
            ChangedBy::SYSTEM,
            "候补转正",
            now,
        )
        .await?;
        if to == BookingState::Confirmed {
            crate::booking::jobs::schedule_reminder(conn, row, &session, now).await?;
        }
    }
    Ok(())
}
