//! Reads the provider's session form into one session or a recurring rule.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};

use super::sessions::{SessionSettings, create_recurring};
use crate::accounts::service::context::Auth;
use crate::booking::api::sessions::{SessionForm, SessionsCreated};
use crate::booking::request::push_error;
use crate::booking::rules::Allocation;
use crate::booking::schedule::{MakeupWorkdays, RecurringRule};
use crate::error::AppError;
use crate::resources::entity::programme;
use crate::server::state::AppState;
use sea_orm::EntityTrait;

/// Creates the sessions the form describes. One date without `last_date`
/// is a one-day schedule on that date's weekday.
///
/// # Errors
///
/// [`AppError::Validation`] naming each invalid field; permission
/// denials; database errors.
pub async fn create(
    state: &AppState,
    auth: &Auth,
    programme_id: i64,
    form: &SessionForm,
    now: DateTime<Utc>,
) -> Result<SessionsCreated, AppError> {
    let programme = programme::Entity::find_by_id(programme_id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    let default_capacity = u32::try_from(programme.capacity_per_session).unwrap_or(0);
    let (rule, settings) = parse(form, default_capacity)?;

    let schedule = create_recurring(state, auth, programme_id, &rule, settings, now).await?;
    Ok(SessionsCreated {
        created: u32::try_from(schedule.occurrences.len()).unwrap_or(u32::MAX),
        skipped: schedule
            .skipped
            .iter()
            .map(|skip| (skip.date.to_string(), skip.reason.text()))
            .collect(),
    })
}

/// Converts the form, or lists every invalid field.
///
/// # Errors
///
/// [`AppError::Validation`].
pub fn parse(form: &SessionForm, default_capacity: u32) -> Result<(RecurringRule, SessionSettings), AppError> {
    let mut errors = Vec::new();
    let date = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();

    let first = date(&form.date);
    if first.is_none() {
        push_error(
            &mut errors,
            "date",
            "请填写日期，例如 2026-03-10".into(),
            "Enter a date such as 2026-03-10".into(),
        );
    }
    let last = if form.last_date.trim().is_empty() {
        first
    } else {
        let last = date(&form.last_date);
        if last.is_none() {
            push_error(
                &mut errors,
                "last_date",
                "结束日期格式应为 2026-06-30，只添加一场则留空".into(),
                "Write the last date as 2026-06-30, or leave it empty for one session".into(),
            );
        }
        last
    };
    let start_time = NaiveTime::parse_from_str(form.start_time.trim(), "%H:%M").ok();
    if start_time.is_none() {
        push_error(
            &mut errors,
            "start_time",
            "开始时间格式应为 09:30".into(),
            "Write the start time as 09:30".into(),
        );
    }
    let duration = form.duration_minutes.trim().parse::<u32>().ok();
    if duration.is_none() {
        push_error(
            &mut errors,
            "duration_minutes",
            "时长请填写分钟数，例如 90".into(),
            "Enter the duration in minutes, for example 90".into(),
        );
    }
    let capacity = if form.capacity.trim().is_empty() {
        Some(default_capacity)
    } else {
        form.capacity.trim().parse::<u32>().ok()
    };
    if capacity.is_none() {
        push_error(
            &mut errors,
            "capacity",
            "每场人数请填写整数，留空则用课程的人数".into(),
            "Enter the pupils per session as a whole number, or leave it empty for the programme's".into(),
        );
    }
    let weekdays = if form.last_date.trim().is_empty() {
        first.map(|d| vec![chrono::Datelike::weekday(&d)]).unwrap_or_default()
    } else {
        let parsed: Option<Vec<Weekday>> = form
            .weekdays
            .split([',', '，', ' '])
            .filter(|part| !part.trim().is_empty())
            .map(|part| part.trim().parse::<u8>().ok().and_then(weekday_of))
            .collect();
        parsed.unwrap_or_default()
    };
    let allocation = match form.allocation.trim() {
        "" | "first_come" => Allocation::FirstCome { waitlist: true },
        "lottery" => Allocation::Lottery,
        _ => {
            push_error(
                &mut errors,
                "allocation",
                "请选择分配方式".into(),
                "Choose how places are allocated".into(),
            );
            Allocation::FirstCome { waitlist: true }
        }
    };

    let (Some(first), Some(last), Some(start_time), Some(duration), Some(capacity)) =
        (first, last, start_time, duration, capacity)
    else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let rule = RecurringRule {
        weekdays,
        start_time,
        duration_minutes: duration,
        first_date: first,
        last_date: last,
        capacity,
        makeup_workdays: MakeupWorkdays::FollowWeekday,
    };
    let settings = SessionSettings {
        allocation,
        ..SessionSettings::default()
    };
    Ok((rule, settings))
}

/// Weekday of an ISO number, 1 (Monday) to 7 (Sunday).
fn weekday_of(number: u8) -> Option<Weekday> {
    match number {
        1 => Some(Weekday::Mon),
        2 => Some(Weekday::Tue),
        3 => Some(Weekday::Wed),
        4 => Some(Weekday::Thu),
        5 => Some(Weekday::Fri),
        6 => Some(Weekday::Sat),
        7 => Some(Weekday::Sun),
        _ => None,
    }
}
