//! Recurring schedules: the sessions (场次) a rule such as "every Tuesday
//! and Thursday at 09:30 for 90 minutes, 2025-09-01 to 2026-01-16" creates.
//!
//! A date of the rule gets no session when the resource is closed on that
//! weekday, on a blackout date and on a public holiday. It gets none either
//! when the holiday notice that decides it is not published yet, because
//! such a date is reported, never guessed. Every date left out is returned
//! with its reason, for the provider to read.
//!
//! Make-up workdays (调休上班日) are weekend days on which schools work.
//! By default ([`MakeupWorkdays::FollowWeekday`]) they are treated by their
//! weekday, like any Saturday or Sunday, because a provider's staff plan
//! follows its own weekly pattern, and a session the provider did not ask
//! for is worse than one it can add. They are still reported, except on
//! the resource's closing days, so the provider can choose
//! [`MakeupWorkdays::Include`]. That adds a session on each make-up workday
//! as if it were a day of the rule.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};

use super::china_to_utc;
use super::request::push_error;
use crate::calendar::{DayStatus, SchoolCalendar};
use crate::error::AppError;
use crate::resources::opening_hours::{ClosedReason, OpenStatus, OpeningHours, WEEK};

pub use super::schedule_types::{MakeupWorkdays, Occurrence, Schedule, SkipReason, SkippedDate};

/// Maximum date range of one rule, in days: a school year with margin.
pub const MAX_SCHEDULE_DAYS: i64 = 400;
/// Maximum session length, in minutes.
pub const MAX_DURATION_MINUTES: u32 = 12 * 60;

/// Form field names of the schedule form.
pub mod fields {
    pub const WEEKDAYS: &str = "weekdays";
    pub const DURATION: &str = "duration_minutes";
    pub const FIRST_DATE: &str = "first_date";
    pub const LAST_DATE: &str = "last_date";
    pub const CAPACITY: &str = "capacity";
}

/// A provider's rule for repeating sessions; dates and times are China
/// Standard Time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecurringRule {
    pub weekdays: Vec<Weekday>,
    pub start_time: NaiveTime,
    pub duration_minutes: u32,
    pub first_date: NaiveDate,
    /// Last date included.
    pub last_date: NaiveDate,
    /// Pupils per session.
    pub capacity: u32,
    pub makeup_workdays: MakeupWorkdays,
}

/// When the resource is closed, from its opening hours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closures {
    /// Weekly closing days (闭馆日), for example Monday.
    pub closed_weekdays: Vec<Weekday>,
    /// Single dates with no sessions (暂停开放), for example an exhibition change.
    pub blackout_dates: BTreeSet<NaiveDate>,
}

impl Closures {
    /// Reads the closing days of a resource's opening hours for the dates
    /// of `rule`. The regular week's closing weekdays (闭馆日) become
    /// closed weekdays. Every other date the hours close becomes a
    /// blackout date, for example a dated exception, 除夕 or a season
    /// without opening days. Public holidays are left to the rule, because
    /// it skips them anyway.
    ///
    /// Hours with no opening day at all count as not filled in, so they
    /// close nothing.
    pub fn from_opening_hours(hours: &OpeningHours, rule: &RecurringRule, calendar: &SchoolCalendar) -> Closures {
        if hours.weekly.is_closed_all_week() && hours.seasons.is_empty() {
            return Closures::default();
        }
        let closed_weekdays: Vec<Weekday> = if hours.weekly.is_closed_all_week() {
            Vec::new()
        } else {
            WEEK.into_iter()
                .filter(|day| hours.weekly.hours(*day).is_empty())
                .collect()
        };
        let blackout_dates = rule
            .first_date
            .iter_days()
            .take_while(|date| *date <= rule.last_date)
            .take(usize::try_from(MAX_SCHEDULE_DAYS).unwrap_or(usize::MAX))
            .filter(|date| !closed_weekdays.contains(&date.weekday()))
            .filter(|date| match hours.status_on(*date, calendar) {
                OpenStatus::Closed { reason } => !matches!(reason, ClosedReason::Holiday { .. }),
                OpenStatus::Open { .. } | OpenStatus::Unknown { .. } => false,
            })
            .collect();
        Closures {
            closed_weekdays,
            blackout_dates,
        }
    }
}

/// Creates the sessions of `rule`, leaving out closed dates, holidays and
/// dates the calendar cannot decide, as the module documentation describes.
///
/// # Errors
///
/// [`AppError::Validation`] for no weekdays, a zero or too long duration,
/// zero capacity, a last date before the first, a range longer than
/// [`MAX_SCHEDULE_DAYS`], or dates outside the years 2000 to 2100.
pub fn generate_sessions(
    rule: &RecurringRule,
    closures: &Closures,
    calendar: &SchoolCalendar,
) -> Result<Schedule, AppError> {
    check_rule(rule)?;

    let mut schedule = Schedule::default();
    let duration = TimeDelta::minutes(i64::from(rule.duration_minutes));

    for date in rule.first_date.iter_days().take_while(|date| *date <= rule.last_date) {
        let status = calendar.status(date);
        let in_pattern = rule.weekdays.contains(&date.weekday());
        let include_makeup = rule.makeup_workdays == MakeupWorkdays::Include;
        let closed = closures.closed_weekdays.contains(&date.weekday());

        // A date off the rule's weekdays matters only as a make-up workday.
        // When make-up workdays are not included, one on a closing day is
        // not worth reporting.
        if !in_pattern {
            let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
            match &status {
                DayStatus::MakeupWorkday { name } if !include_makeup && !closed => {
                    let name = name.clone();
                    schedule.skipped.push(SkippedDate {
                        date,
                        reason: SkipReason::MakeupWorkday { name },
                    });
                    continue;
                }
                // Included: the make-up workday is treated as a day of the rule.
                DayStatus::MakeupWorkday { .. } if include_makeup => {}
                // Only a weekend day can be a make-up workday, so only then
                // can an undecided date matter when make-up workdays are included.
                DayStatus::Unknown { year } if include_makeup && weekend && !closed => {
                    schedule.skipped.push(SkippedDate {
                        date,
                        reason: SkipReason::Unknown { year: *year },
                    });
                    continue;
                }
                _ => continue,
            }
        }

        let reason = if closed {
            Some(SkipReason::ClosedWeekday {
                weekday: date.weekday(),
            })
        } else if closures.blackout_dates.contains(&date) {
            Some(SkipReason::Blackout)
        } else {
            match status {
                DayStatus::Holiday { name } => Some(SkipReason::Holiday { name }),
                DayStatus::Unknown { year } => Some(SkipReason::Unknown { year }),
                DayStatus::Workday | DayStatus::Weekend | DayStatus::MakeupWorkday { .. } => None,
            }
        };
        if let Some(reason) = reason {
            schedule.skipped.push(SkippedDate { date, reason });
            continue;
        }

        // The years are checked above, so both instants exist.
        let Some(starts_at) = china_to_utc(date, rule.start_time) else {
            continue;
        };
        let Some(ends_at) = starts_at.checked_add_signed(duration) else {
            continue;
        };
        schedule.occurrences.push(Occurrence {
            date,
            starts_at,
            ends_at,
            capacity: rule.capacity,
        });
    }

    Ok(schedule)
}

fn check_rule(rule: &RecurringRule) -> Result<(), AppError> {
    let mut errors = Vec::new();

    if rule.weekdays.is_empty() {
        push_error(
            &mut errors,
            fields::WEEKDAYS,
            "请至少选择一个星期几".into(),
            "Choose at least one weekday".into(),
        );
    }
    if rule.duration_minutes == 0 || rule.duration_minutes > MAX_DURATION_MINUTES {
        push_error(
            &mut errors,
            fields::DURATION,
            format!("每场时长应为 1 到 {MAX_DURATION_MINUTES} 分钟"),
            format!("A session lasts 1 to {MAX_DURATION_MINUTES} minutes"),
        );
    }
    if rule.capacity == 0 {
        push_error(
            &mut errors,
            fields::CAPACITY,
            "每场可接待人数至少为 1".into(),
            "Capacity must be at least 1 pupil".into(),
        );
    }

    let supported = |date: NaiveDate| (2000..=2100).contains(&date.year());
    if !supported(rule.first_date) {
        push_error(
            &mut errors,
            fields::FIRST_DATE,
            "开始日期应在 2000 年到 2100 年之间".into(),
            "The first date must be between 2000 and 2100".into(),
        );
    }
    if !supported(rule.last_date) {
        push_error(
            &mut errors,
            fields::LAST_DATE,
            "结束日期应在 2000 年到 2100 年之间".into(),
            "The last date must be between 2000 and 2100".into(),
        );
    } else if rule.last_date < rule.first_date {
        push_error(
            &mut errors,
            fields::LAST_DATE,
            "结束日期不能早于开始日期".into(),
            "The last date cannot be before the first date".into(),
        );
    } else if (rule.last_date - rule.first_date).num_days() >= MAX_SCHEDULE_DAYS {
        push_error(
            &mut errors,
            fields::LAST_DATE,
            format!("一次最多安排 {MAX_SCHEDULE_DAYS} 天内的场次，请缩短日期范围"),
            format!("A schedule can cover at most {MAX_SCHEDULE_DAYS} days; shorten the date range"),
        );
    }

    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

#[cfg(all(test, feature = "ssr"))]
#[path = "schedule_tests.rs"]
mod tests;
