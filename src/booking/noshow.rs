//! No-shows (爽约): confirmed bookings whose class never checked in.
//!
//! A booking is marked only after its session has ended and a grace period
//! has passed, so that a phone that checked classes in offline can come
//! back online first. A check-in that arrives even later still turns the
//! no-show into CheckedIn (see `state`).

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::BookingId;
use super::state::BookingState;

/// Time after a session's end before its unchecked bookings become
/// no-shows: long enough for staff phones to sync the same working day.
pub const NO_SHOW_GRACE: TimeDelta = TimeDelta::hours(6);

/// A booking's state and session end, the input of the no-show sweep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceRecord {
    pub booking_id: BookingId,
    pub state: BookingState,
    pub session_ends_at: DateTime<Utc>,
}

/// Computes the instant from which an unchecked booking of a session ending at
/// `session_ends_at` is a no-show.
pub fn no_show_due_at(session_ends_at: DateTime<Utc>) -> DateTime<Utc> {
    session_ends_at
        .checked_add_signed(NO_SHOW_GRACE)
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// Picks the bookings to mark as no-shows at `now`: confirmed bookings
/// whose session ended at least [`NO_SHOW_GRACE`] ago. Apply each as
/// `BookingEvent::MarkNoShow` by the system.
///
/// NOTE: a request the provider never confirmed or declined is not a no-show, and is
/// left as it is once its session has passed.
pub fn bookings_to_mark_no_show(bookings: &[AttendanceRecord], now: DateTime<Utc>) -> Vec<BookingId> {
    bookings
        .iter()
        .filter(|booking| booking.state == BookingState::Confirmed)
        .filter(|booking| now >= no_show_due_at(booking.session_ends_at))
        .map(|booking| booking.booking_id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ends_at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2025-10-15T03:00:00Z")
            .expect("valid instant")
            .with_timezone(&Utc)
    }

    fn record(booking_id: BookingId, state: BookingState) -> AttendanceRecord {
        AttendanceRecord {
            booking_id,
            state,
            session_ends_at: ends_at(),
        }
    }

    #[test]
    fn confirmed_unchecked_marked_after_grace() {
        let bookings = [
            record(1, BookingState::Confirmed),
            record(2, BookingState::CheckedIn),
            record(3, BookingState::Cancelled),
            record(4, BookingState::Requested),
            record(5, BookingState::Confirmed),
            record(6, BookingState::NoShow),
        ];
        assert_eq!(bookings_to_mark_no_show(&bookings, ends_at() + NO_SHOW_GRACE), [1, 5]);
    }

    #[test]
    fn nothing_marked_within_grace() {
        let bookings = [record(1, BookingState::Confirmed)];
        let just_before = ends_at() + NO_SHOW_GRACE - TimeDelta::seconds(1);
        assert!(bookings_to_mark_no_show(&bookings, just_before).is_empty());
        assert!(bookings_to_mark_no_show(&bookings, ends_at()).is_empty());
    }

    #[test]
    fn due_time_saturates_at_range_end() {
        assert_eq!(no_show_due_at(DateTime::<Utc>::MAX_UTC), DateTime::<Utc>::MAX_UTC);
        assert_eq!(no_show_due_at(ends_at()).to_rfc3339(), "2025-10-15T09:00:00+00:00");
    }
}
