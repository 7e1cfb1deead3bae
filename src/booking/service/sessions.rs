//! Sessions (场次) of a programme: created one by one or from a recurring
//! schedule by the provider, and listed publicly as a calendar.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{FIRST_COME, LOTTERY, org_ref};
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::Auth;
use crate::booking::api::{ProgrammeCalendar, SessionView};
use crate::booking::entity::session;
use crate::booking::rules::Allocation;
use crate::booking::schedule::{Closures, Occurrence, RecurringRule, Schedule, generate_sessions};
use crate::calendar::data::china_calendar;
use crate::calendar::time::to_china;
use crate::error::AppError;
use crate::resources::entity::{programme, resource};
use crate::resources::opening_hours::OpeningHours;
use crate::server::state::AppState;

/// Maximum calendar range one request may list, in days.
pub const MAX_LIST_DAYS: u32 = 62;

/// Booking settings shared by the sessions created at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionSettings {
    /// Pupils per day over the resource's sessions that day, if limited.
    pub day_capacity: Option<u32>,
    pub allocation: Allocation,
    /// Booking opens this many days before the session starts.
    pub opens_days_before: u32,
    /// Booking closes this many hours before the session starts.
    pub closes_hours_before: u32,
    /// Schools may cancel a confirmed booking until this many hours before.
    pub cancel_hours_before: u32,
}

impl Default for SessionSettings {
    fn default() -> Self {
        SessionSettings {
            day_capacity: None,
            allocation: Allocation::FirstCome { waitlist: true },
            opens_days_before: 30,
            closes_hours_before: 24,
            cancel_hours_before: 24,
        }
    }
}

/// Loads a programme and checks that the caller manages its provider.
async fn managed_programme(state: &AppState, auth: &Auth, programme_id: i64) -> Result<programme::Model, AppError> {
    let row = programme::Entity::find_by_id(programme_id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    let provider = org_ref(state.db.conn(), row.provider_id).await?;
    policy::check(&auth.actor, &Permission::ManageSessions(provider))?;
    Ok(row)
}

/// Creates the sessions of `rule` for a programme, skipping the dates the
/// resource's opening hours close and public holidays. Returns the schedule with the
/// skipped dates and their reasons.
///
/// # Errors
///
/// Permission denials; [`AppError::Validation`] for an invalid rule;
/// database errors.
pub async fn create_recurring(
    state: &AppState,
    auth: &Auth,
    programme_id: i64,
    rule: &RecurringRule,
    settings: SessionSettings,
    now: DateTime<Utc>,
) -> Result<Schedule, AppError> {
    let programme = managed_programme(state, auth, programme_id).await?;
    let resource = resource::Entity::find_by_id(programme.resource_id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    let hours: OpeningHours = serde_json::from_str(&resource.opening_hours).unwrap_or_default();
    let calendar = china_calendar();
    let closures = Closures::from_opening_hours(&hours, rule, calendar);
    let schedule = generate_sessions(rule, &closures, calendar)?;

    let txn = state.db.begin_write().await?;
    for occurrence in &schedule.occurrences {
        insert(&*txn, &programme, occurrence, settings, now).await?;
    }
    txn.commit().await?;
    tracing::info!(
        programme_id,
        created = schedule.occurrences.len(),
        skipped = schedule.skipped.len(),
        "sessions created"
    );
    Ok(schedule)
}

/// Inserts one session and queues its no-show sweep.
///
/// # Errors
///
/// Database errors.
pub async fn insert(
    conn: &impl ConnectionTrait,
    programme: &programme::Model,
    occurrence: &Occurrence,
    settings: SessionSettings,
    now: DateTime<Utc>,
) -> Result<session::Model, AppError> {
    let to_db = |value: u32| i32::try_from(value).unwrap_or(i32::MAX);
    let starts_at = occurrence.starts_at;
    let (allocation, waitlist) = match settings.allocation {
        Allocation::FirstCome { waitlist } => (FIRST_COME, waitlist),
        Allocation::Lottery => (LOTTERY, true),
    };
    let row = session::ActiveModel {
        programme_id: Set(programme.id),
        resource_id: Set(programme.resource_id),
        provider_id: Set(programme.provider_id),
        starts_at: Set(starts_at),
        ends_at: Set(occurrence.ends_at),
        service_date: Set(to_china(starts_at).date_naive().to_string()),
        capacity: Set(to_db(occurrence.capacity)),
        day_capacity: Set(settings.day_capacity.map(to_db)),
        places_held: Set(0),
        booking_opens_at: Set(starts_at - TimeDelta::days(i64::from(settings.opens_days_before))),
        booking_closes_at: Set(starts_at - TimeDelta::hours(i64::from(settings.closes_hours_before))),
        cancellation_deadline: Set(starts_at - TimeDelta::hours(i64::from(settings.cancel_hours_before))),
        allocation: Set(allocation.to_owned()),
        waitlist: Set(waitlist),
        auto_confirm: Set(programme.auto_confirm),
        lottery_seed: Set(None),
        lottery_drawn_at: Set(None),
        status: Set("open".to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let saved = session::Entity::insert(row).exec_with_returning(conn).await?;
    crate::booking::jobs::schedule_no_show(conn, &saved, now).await?;
    Ok(saved)
}

/// Converts a session row for calendars.
pub fn view_of(row: &session::Model) -> SessionView {
    let count = |value: i32| u32::try_from(value).unwrap_or(0);
    SessionView {
        id: row.id,
        programme_id: row.programme_id,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        capacity: count(row.capacity),
        places_held: count(row.places_held),
        lottery: row.allocation == LOTTERY,
        waitlist: row.waitlist,
        auto_confirm: row.auto_confirm,
        booking_opens_at: row.booking_opens_at,
        booking_closes_at: row.booking_closes_at,
        cancellation_deadline: row.cancellation_deadline,
        lottery_drawn: row.lottery_drawn_at.is_some(),
    }
}

/// Lists the open sessions of a published programme from `first` (China date)
/// for `days` days. The provider's own members also see unpublished ones.
///
/// # Errors
///
/// [`AppError::NotFound`] for an unknown or unpublished programme;
/// database errors.
pub async fn calendar(
    state: &AppState,
    auth: Option<&crate::accounts::service::context::Auth>,
    programme_id: i64,
    first: NaiveDate,
    days: u32,
) -> Result<ProgrammeCalendar, AppError> {
    let conn = state.db.conn();
    let programme = programme::Entity::find_by_id(programme_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let provider = org_ref(conn, programme.provider_id).await?;
    let can_manage =
        auth.is_some_and(|auth| policy::check(&auth.actor, &Permission::ManageSessions(provider.clone())).is_ok());
    if programme.status != "published" && !can_manage {
        return Err(AppError::NotFound);
    }
    let resource = resource::Entity::find_by_id(programme.resource_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;

    let last = first + TimeDelta::days(i64::from(days.clamp(1, MAX_LIST_DAYS)));
    let rows = session::Entity::find()
        .filter(session::Column::ProgrammeId.eq(programme_id))
        .filter(session::Column::Status.eq("open"))
        .filter(session::Column::ServiceDate.gte(first.to_string()))
        .filter(session::Column::ServiceDate.lt(last.to_string()))
        .order_by_asc(session::Column::StartsAt)
        .all(conn)
        .await?;

    Ok(ProgrammeCalendar {
        programme_id,
        programme_name: programme.name,
        resource_name: resource.name,
        address: resource.address,
        provider_id: programme.provider_id,
        pupils_per_teacher: u32::try_from(programme.pupils_per_teacher).unwrap_or(0),
        can_manage,
        sessions: rows.iter().map(view_of).collect(),
    })
}

/// Programmes shown in the list of what can be booked.
pub const OPEN_LIST_LIMIT: usize = 50;

/// Published programmes with a session whose booking window is open at
/// `now`, soonest session first.
///
/// # Errors
///
/// Database errors.
pub async fn open_programmes(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<Vec<crate::booking::api::OpenProgramme>, AppError> {
    use std::collections::HashMap;

    let conn = state.db.conn();
    let sessions = session::Entity::find()
        .filter(session::Column::Status.eq("open"))
        .filter(session::Column::BookingOpensAt.lte(now))
        .filter(session::Column::BookingClosesAt.gt(now))
        .order_by_asc(session::Column::StartsAt)
        .all(conn)
        .await?;
    let mut next: Vec<(i64, DateTime<Utc>)> = Vec::new();
    for row in &sessions {
        if !next.iter().any(|(id, _)| *id == row.programme_id) {
            next.push((row.programme_id, row.starts_at));
        }
    }
    let programmes: HashMap<i64, programme::Model> = programme::Entity::find()
        .filter(programme::Column::Id.is_in(next.iter().map(|(id, _)| *id)))
        .filter(programme::Column::Status.eq("published"))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let resources: HashMap<i64, String> = resource::Entity::find()
        .filter(resource::Column::Id.is_in(programmes.values().map(|p| p.resource_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();

    Ok(next
        .into_iter()
        .filter_map(|(id, starts_at)| {
            let programme = programmes.get(&id)?;
            Some(crate::booking::api::OpenProgramme {
                programme_id: id,
                programme_name: programme.name.clone(),
                resource_name: resources.get(&programme.resource_id).cloned().unwrap_or_default(),
                next_session: starts_at,
            })
        })
        .take(OPEN_LIST_LIMIT)
        .collect())
}
