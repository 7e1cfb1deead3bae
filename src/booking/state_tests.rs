use chrono::{DateTime, TimeDelta, Utc};

use super::*;
use ActorKind::*;
use BookingState as S;

fn deadline() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-10-09T10:00:00Z")
        .expect("valid instant")
        .with_timezone(&Utc)
}

fn cancel_before_deadline() -> BookingEvent {
    BookingEvent::Cancel {
        at: deadline() - TimeDelta::hours(1),
        deadline: deadline(),
    }
}

/// Lists one event of each kind, with Cancel before the deadline.
fn all_events() -> Vec<BookingEvent> {
    vec![
        BookingEvent::Confirm,
        BookingEvent::Decline,
        BookingEvent::Waitlist,
        BookingEvent::Promote { auto_confirm: true },
        BookingEvent::Promote { auto_confirm: false },
        cancel_before_deadline(),
        BookingEvent::CheckIn,
        BookingEvent::Complete,
        BookingEvent::Evaluate,
        BookingEvent::MarkNoShow,
    ]
}

/// Looks up the allowed transitions, written out independently of `table`.
fn expected(from: BookingState, event: BookingEvent, actor: ActorKind) -> Option<BookingState> {
    let allowed: &[(BookingState, BookingEvent, ActorKind, BookingState)] = &[
        (S::Requested, BookingEvent::Confirm, ProviderAdmin, S::Confirmed),
        (S::Requested, BookingEvent::Confirm, System, S::Confirmed),
        (S::Requested, BookingEvent::Decline, ProviderAdmin, S::Declined),
        (S::Waitlisted, BookingEvent::Decline, ProviderAdmin, S::Declined),
        (S::Requested, BookingEvent::Waitlist, System, S::Waitlisted),
        (
            S::Waitlisted,
            BookingEvent::Promote { auto_confirm: true },
            System,
            S::Confirmed,
        ),
        (
            S::Waitlisted,
            BookingEvent::Promote { auto_confirm: false },
            System,
            S::Requested,
        ),
        (S::Requested, cancel_before_deadline(), School, S::Cancelled),
        (S::Requested, cancel_before_deadline(), Bureau, S::Cancelled),
        (S::Waitlisted, cancel_before_deadline(), School, S::Cancelled),
        (S::Waitlisted, cancel_before_deadline(), Bureau, S::Cancelled),
        (S::Confirmed, cancel_before_deadline(), School, S::Cancelled),
        (S::Confirmed, cancel_before_deadline(), ProviderAdmin, S::Cancelled),
        (S::Confirmed, cancel_before_deadline(), Bureau, S::Cancelled),
        (S::Confirmed, BookingEvent::CheckIn, ProviderStaff, S::CheckedIn),
        (S::Confirmed, BookingEvent::CheckIn, ProviderAdmin, S::CheckedIn),
        (S::NoShow, BookingEvent::CheckIn, ProviderStaff, S::CheckedIn),
        (S::NoShow, BookingEvent::CheckIn, ProviderAdmin, S::CheckedIn),
        (S::Confirmed, BookingEvent::MarkNoShow, System, S::NoShow),
        (S::CheckedIn, BookingEvent::Complete, ProviderStaff, S::Completed),
        (S::CheckedIn, BookingEvent::Complete, ProviderAdmin, S::Completed),
        (S::CheckedIn, BookingEvent::Complete, System, S::Completed),
        (S::Completed, BookingEvent::Evaluate, School, S::Evaluated),
    ];
    allowed
        .iter()
        .find(|(f, e, a, _)| *f == from && *e == event && *a == actor)
        .map(|(_, _, _, to)| *to)
}

#[test]
fn transitions_match_table_exhaustively() {
    let mut allowed_count = 0;
    for from in BookingState::ALL {
        for event in all_events() {
            for actor in ActorKind::ALL {
                let result = transition(from, event, actor);
                match expected(from, event, actor) {
                    Some(to) => {
                        allowed_count += 1;
                        assert_eq!(result, Ok(to), "{from:?} {event:?} by {actor:?}");
                    }
                    None => assert!(result.is_err(), "{from:?} {event:?} by {actor:?} should fail"),
                }
            }
        }
    }
    assert_eq!(allowed_count, 23);
}

#[test]
fn final_states_accept_no_event() {
    for from in BookingState::ALL.into_iter().filter(|s| s.is_final()) {
        for event in all_events() {
            for actor in ActorKind::ALL {
                assert!(transition(from, event, actor).is_err(), "{from:?} {event:?} {actor:?}");
            }
        }
    }
}

#[test]
fn school_cancel_after_deadline_rejected() {
    let at_deadline = BookingEvent::Cancel {
        at: deadline(),
        deadline: deadline(),
    };
    let err = transition(S::Confirmed, at_deadline, School).unwrap_err();
    assert_eq!(err.zh, "已过取消截止时间（2025-10-09 18:00），如需取消请联系资源单位");
    assert!(err.en.contains("2025-10-09 18:00"));
}

#[test]
fn late_cancel_by_others_allowed() {
    let late = BookingEvent::Cancel {
        at: deadline() + TimeDelta::days(1),
        deadline: deadline(),
    };
    assert_eq!(transition(S::Confirmed, late, ProviderAdmin), Ok(S::Cancelled));
    assert_eq!(transition(S::Confirmed, late, Bureau), Ok(S::Cancelled));
    // A request the provider has not confirmed can be withdrawn at any time.
    assert_eq!(transition(S::Requested, late, School), Ok(S::Cancelled));
    assert_eq!(transition(S::Waitlisted, late, School), Ok(S::Cancelled));
}

#[test]
fn wrong_actor_message_names_actor() {
    let err = transition(S::Requested, BookingEvent::Confirm, School).unwrap_err();
    assert_eq!(err.zh, "学校无权确认预约");
    assert_eq!(err.en, "A school cannot confirm this booking");
}

#[test]
fn wrong_state_message_names_state() {
    let err = transition(S::Cancelled, BookingEvent::CheckIn, ProviderStaff).unwrap_err();
    assert_eq!(err.zh, "预约当前为“已取消”，不能签到");
    assert_eq!(err.en, "Cannot check this booking in: it is cancelled");
}

#[test]
fn sample_forbidden_transitions() {
    // Skipping states is not possible.
    assert!(transition(S::Requested, BookingEvent::CheckIn, ProviderStaff).is_err());
    assert!(transition(S::Confirmed, BookingEvent::Evaluate, School).is_err());
    // A school cannot check itself in or mark a no-show.
    assert!(transition(S::Confirmed, BookingEvent::CheckIn, School).is_err());
    assert!(transition(S::Confirmed, BookingEvent::MarkNoShow, ProviderAdmin).is_err());
    // A checked-in class cannot be cancelled.
    assert!(transition(S::CheckedIn, cancel_before_deadline(), Bureau).is_err());
    // Staff cannot confirm or decline.
    assert!(transition(S::Requested, BookingEvent::Decline, ProviderStaff).is_err());
}

#[test]
fn codes_round_trip() {
    for state in BookingState::ALL {
        assert_eq!(BookingState::from_code(state.code()), Some(state));
    }
    assert_eq!(BookingState::from_code("pending"), None);
}

#[test]
fn place_and_quota_counting() {
    assert!(S::Requested.holds_places());
    assert!(S::Confirmed.holds_places());
    assert!(!S::Waitlisted.holds_places());
    assert!(!S::Cancelled.holds_places());
    assert!(S::Waitlisted.counts_toward_quota());
    assert!(S::NoShow.counts_toward_quota());
    assert!(!S::Declined.counts_toward_quota());
}
