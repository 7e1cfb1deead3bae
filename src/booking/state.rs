//! Booking states (预约状态) and who may move a booking between them.
//!
//! A new booking starts as Requested, Confirmed or Waitlisted, as
//! [`crate::booking::rules::Decision::initial_state`] decides. From there:
//!
//! | from | event | who | to |
//! | --- | --- | --- | --- |
//! | Requested | Confirm | provider admin, system (auto-confirm, lottery) | Confirmed |
//! | Requested, Waitlisted | Decline | provider admin | Declined |
//! | Requested | Waitlist | system (lottery draw) | Waitlisted |
//! | Waitlisted | Promote | system | Confirmed (auto-confirm) or Requested |
//! | Requested, Waitlisted | Cancel | school, bureau | Cancelled |
//! | Confirmed | Cancel | school before the cancellation deadline; provider admin, bureau | Cancelled |
//! | Confirmed, NoShow | CheckIn | provider staff, provider admin | CheckedIn |
//! | Confirmed | MarkNoShow | system | NoShow (爽约) |
//! | CheckedIn | Complete | provider staff, provider admin, system | Completed |
//! | Completed | Evaluate | school | Evaluated |
//!
//! NoShow → CheckedIn exists because staff may check a class in on a phone
//! that is offline, and the check-in reaches the server after the no-show
//! sweep has run.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::format_china_minute;
use crate::i18n::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingState {
    /// Sent to the provider, waiting for confirmation, or entered in a lottery.
    Requested,
    /// In the 候补 queue, holding no places.
    Waitlisted,
    Confirmed,
    /// The class arrived and was checked in (签到).
    CheckedIn,
    /// The visit took place; attendance is confirmed.
    Completed,
    /// The school evaluated the visit (评价).
    Evaluated,
    Declined,
    Cancelled,
    /// Confirmed, but the class never checked in (爽约).
    NoShow,
}

impl BookingState {
    pub const ALL: [BookingState; 9] = [
        BookingState::Requested,
        BookingState::Waitlisted,
        BookingState::Confirmed,
        BookingState::CheckedIn,
        BookingState::Completed,
        BookingState::Evaluated,
        BookingState::Declined,
        BookingState::Cancelled,
        BookingState::NoShow,
    ];

    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            BookingState::Requested => "requested",
            BookingState::Waitlisted => "waitlisted",
            BookingState::Confirmed => "confirmed",
            BookingState::CheckedIn => "checked_in",
            BookingState::Completed => "completed",
            BookingState::Evaluated => "evaluated",
            BookingState::Declined => "declined",
            BookingState::Cancelled => "cancelled",
            BookingState::NoShow => "no_show",
        }
    }

    pub fn from_code(code: &str) -> Option<BookingState> {
        BookingState::ALL.into_iter().find(|state| state.code() == code)
    }

    pub fn label(self) -> Text {
        let (zh, en) = match self {
            BookingState::Requested => ("待确认", "requested"),
            BookingState::Waitlisted => ("候补中", "waitlisted"),
            BookingState::Confirmed => ("已确认", "confirmed"),
            BookingState::CheckedIn => ("已签到", "checked in"),
            BookingState::Completed => ("已完成", "completed"),
            BookingState::Evaluated => ("已评价", "evaluated"),
            BookingState::Declined => ("已拒绝", "declined"),
            BookingState::Cancelled => ("已取消", "cancelled"),
            BookingState::NoShow => ("爽约", "no-show"),
        };
        Text::new(zh, en)
    }

    /// Whether the booking's pupils count against the session's capacity.
    /// A request waiting for the provider keeps its places, so a school is never
    /// shown "sent" followed by a decline for lack of room. Exception: in a
    /// lottery session, requests take no places until the draw.
    pub fn holds_places(self) -> bool {
        !matches!(
            self,
            BookingState::Waitlisted | BookingState::Declined | BookingState::Cancelled
        )
    }

    /// Whether the booking uses the school's term quota. Waitlisted bookings
    /// count, so that a promotion can never take a school over its quota.
    /// A no-show counts because its places were blocked for other schools.
    pub fn counts_toward_quota(self) -> bool {
        !matches!(self, BookingState::Declined | BookingState::Cancelled)
    }

    /// Whether no event can change the state any more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            BookingState::Evaluated | BookingState::Declined | BookingState::Cancelled
        )
    }
}

/// Something that happens to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookingEvent {
    Confirm,
    Decline,
    /// A lottery draw left the request without places.
    Waitlist,
    /// Places freed up for a waiting group; `auto_confirm` is the session's flag.
    Promote {
        auto_confirm: bool,
    },
    /// A cancellation made at `at`; `deadline` is the session's cancellation deadline.
    Cancel {
        at: DateTime<Utc>,
        deadline: DateTime<Utc>,
    },
    CheckIn,
    Complete,
    Evaluate,
    MarkNoShow,
}

impl BookingEvent {
    pub fn label(self) -> Text {
        let (zh, en) = match self {
            BookingEvent::Confirm => ("确认预约", "confirm this booking"),
            BookingEvent::Decline => ("拒绝预约", "decline this booking"),
            BookingEvent::Waitlist => ("转入候补", "move this booking to the waitlist"),
            BookingEvent::Promote { .. } => ("候补转正", "promote this booking from the waitlist"),
            BookingEvent::Cancel { .. } => ("取消预约", "cancel this booking"),
            BookingEvent::CheckIn => ("签到", "check this booking in"),
            BookingEvent::Complete => ("完成活动", "complete this booking"),
            BookingEvent::Evaluate => ("评价", "evaluate this booking"),
            BookingEvent::MarkNoShow => ("标记爽约", "mark this booking as a no-show"),
        };
        Text::new(zh, en)
    }
}

/// The kind of user, or the system, causing an event. Permission to act on
/// this particular booking (own school, own provider, region) is checked by
/// the policy module before the transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActorKind {
    /// A teacher or school admin of the booking school.
    School,
    /// 资源单位管理员: confirms and declines bookings.
    ProviderAdmin,
    /// 工作人员 / 讲解员: checks classes in at the venue.
    ProviderStaff,
    /// 教育局管理员 of the school's or provider's region.
    Bureau,
    /// Scheduled jobs and automatic rules.
    System,
}

impl ActorKind {
    pub const ALL: [ActorKind; 5] = [
        ActorKind::School,
        ActorKind::ProviderAdmin,
        ActorKind::ProviderStaff,
        ActorKind::Bureau,
        ActorKind::System,
    ];

    pub fn label(self) -> Text {
        let (zh, en) = match self {
            ActorKind::School => ("学校", "A school"),
            ActorKind::ProviderAdmin => ("资源单位管理员", "A provider admin"),
            ActorKind::ProviderStaff => ("资源单位工作人员", "Provider staff"),
            ActorKind::Bureau => ("教育局", "The bureau"),
            ActorKind::System => ("系统", "The system"),
        };
        Text::new(zh, en)
    }
}

/// Looks up the target state of `event` from `from` and the actors allowed
/// to cause it. Returns `None` when the event does not apply in that state.
fn table(from: BookingState, event: BookingEvent) -> Option<(BookingState, &'static [ActorKind])> {
    use ActorKind::*;
    use BookingEvent as E;
    use BookingState as S;

    match (from, event) {
        (S::Requested, E::Confirm) => Some((S::Confirmed, &[ProviderAdmin, System])),
        (S::Requested | S::Waitlisted, E::Decline) => Some((S::Declined, &[ProviderAdmin])),
        (S::Requested, E::Waitlist) => Some((S::Waitlisted, &[System])),
        (S::Waitlisted, E::Promote { auto_confirm: true }) => Some((S::Confirmed, &[System])),
        (S::Waitlisted, E::Promote { auto_confirm: false }) => Some((S::Requested, &[System])),
        (S::Requested | S::Waitlisted, E::Cancel { .. }) => Some((S::Cancelled, &[School, Bureau])),
        (S::Confirmed, E::Cancel { .. }) => Some((S::Cancelled, &[School, ProviderAdmin, Bureau])),
        (S::Confirmed | S::NoShow, E::CheckIn) => Some((S::CheckedIn, &[ProviderStaff, ProviderAdmin])),
        (S::Confirmed, E::MarkNoShow) => Some((S::NoShow, &[System])),
        (S::CheckedIn, E::Complete) => Some((S::Completed, &[ProviderStaff, ProviderAdmin, System])),
        (S::Completed, E::Evaluate) => Some((S::Evaluated, &[School])),
        _ => None,
    }
}

/// Applies `event`, caused by `actor`, to a booking in state `from`.
///
/// # Errors
///
/// Returns a message for the user when the event does not apply in this
/// state, when this kind of actor may not cause it, or when a school
/// cancels a confirmed booking at or after the cancellation deadline.
pub fn transition(from: BookingState, event: BookingEvent, actor: ActorKind) -> Result<BookingState, Text> {
    let state = from.label();
    let action = event.label();

    let Some((to, allowed)) = table(from, event) else {
        return Err(Text::new(
            format!("预约当前为“{}”，不能{}", state.zh, action.zh),
            format!("Cannot {}: it is {}", action.en, state.en),
        ));
    };

    if !allowed.contains(&actor) {
        let who = actor.label();
        return Err(Text::new(
            format!("{}无权{}", who.zh, action.zh),
            format!("{} cannot {}", who.en, action.en),
        ));
    }

    if let (BookingState::Confirmed, BookingEvent::Cancel { at, deadline }, ActorKind::School) = (from, event, actor)
        && at >= deadline
    {
        let deadline = format_china_minute(deadline);
        return Err(Text::new(
            format!("已过取消截止时间（{deadline}），如需取消请联系资源单位"),
            format!("The cancellation deadline ({deadline}) has passed; contact the provider to cancel"),
        ));
    }

    Ok(to)
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
