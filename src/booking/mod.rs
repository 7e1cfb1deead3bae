//! Activity booking (活动预约): the business rules, as plain functions.
//!
//! A school books a session (场次) of a programme for one class group. The
//! rules here decide whether a request is valid and what happens to it:
//! confirmed, sent to the provider, or put on the waitlist (候补). They also
//! set which state changes each role may make and how freed places go to
//! waiting groups. Further rules draw the lottery of an over-subscribed
//! session, create the dates of a recurring schedule, and build check-in
//! codes and calendar exports. They read no database: the caller loads a
//! snapshot, calls a rule and stores the result. Keeping confirmed places within capacity under
//! concurrency is the caller's job, with an atomic update in the database.
//!
//! Every instant is UTC; every date and time shown or compared with the
//! school calendar is China Standard Time (`calendar::time`).

pub mod api;
pub mod checkin;
pub mod grade;
pub mod lottery;
pub mod noshow;
pub mod pages;
pub mod prng;
pub mod quota;
pub mod request;
pub mod rules;
pub mod schedule;
mod schedule_types;
pub mod state;
pub mod texts;
pub mod waitlist;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod feed_route;
#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod service;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::calendar::time::{china_offset, to_china};

/// Database id of a booking.
pub type BookingId = i64;

/// Formats an instant as China Standard Time to the minute, for example
/// "2025-09-20 09:00", the form used in booking messages of both locales.
pub fn format_china_minute(instant: DateTime<Utc>) -> String {
    to_china(instant).format("%Y-%m-%d %H:%M").to_string()
}

/// Converts a date and time of day in China Standard Time to a UTC instant.
/// Returns `None` only for dates at the very ends of chrono's range.
pub fn china_to_utc(date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    date.and_time(time)
        .and_local_timezone(china_offset())
        .single()
        .map(|instant| instant.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn china_minute_is_utc_plus_eight() {
        let instant = DateTime::parse_from_rfc3339("2025-09-30T16:30:00Z")
            .expect("valid instant")
            .with_timezone(&Utc);
        assert_eq!(format_china_minute(instant), "2025-10-01 00:30");
    }

    #[test]
    fn china_time_converts_to_utc() {
        let date = NaiveDate::from_ymd_opt(2025, 9, 2).expect("valid date");
        let time = NaiveTime::from_hms_opt(9, 30, 0).expect("valid time");
        let instant = china_to_utc(date, time).expect("in range");
        assert_eq!(instant.to_rfc3339(), "2025-09-02T01:30:00+00:00");
    }

    #[test]
    fn china_time_at_range_end_is_none() {
        let time = NaiveTime::from_hms_opt(0, 0, 0).expect("valid time");
        assert_eq!(china_to_utc(NaiveDate::MIN, time), None);
    }
}
