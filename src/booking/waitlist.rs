//! The 候补 queue: which waiting groups get places that free up.
//!
//! The queue is ordered by draw rank for groups ranked by a lottery draw,
//! then by request time, then by booking id. When places free up, the
//! groups are offered them from the front of the queue. A group that fits
//! the places still free gets them. A group that does not fit is skipped
//! but keeps its place in the queue, so the next places that free up are
//! offered to it first. So a cancelled 40-pupil booking can promote two
//! 20-pupil groups behind a 45-pupil group.
//!
//! The rule text states the consequences for users. A smaller group may get
//! places before a larger group ahead of it. A group of the same size or
//! larger never overtakes one ahead of it. A large group is promoted only
//! when enough places are free at the same time.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::BookingId;
use crate::i18n::Locale;

/// A waitlisted booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingGroup {
    pub booking_id: BookingId,
    pub pupils: u32,
    pub requested_at: DateTime<Utc>,
    /// Position from a lottery draw (1 = first), for groups the draw
    /// waitlisted; it orders them before groups that joined later.
    pub draw_rank: Option<u32>,
}

/// A waiting group that gets places now. Apply it as
/// `BookingEvent::Promote { auto_confirm }` of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promotion {
    pub booking_id: BookingId,
    pub pupils: u32,
}

/// Sorts waiting groups into queue order: draw rank first (unranked groups
/// last), then request time, then booking id.
pub fn sort_queue(queue: &mut [WaitingGroup]) {
    queue.sort_by_key(|group| {
        (
            group.draw_rank.is_none(),
            group.draw_rank,
            group.requested_at,
            group.booking_id,
        )
    });
}

/// Walks group sizes in queue order and marks each group that fits in the
/// places still free, as the module documentation describes.
pub(crate) fn fill_in_order(free_places: u32, sizes: impl IntoIterator<Item = u32>) -> Vec<bool> {
    let mut remaining = free_places;
    sizes
        .into_iter()
        .map(|pupils| {
            let fits = pupils <= remaining;
            if fits {
                remaining -= pupils;
            }
            fits
        })
        .collect()
}

/// Chooses the waiting groups that get `free_places`, in queue order.
/// `free_places` is [`super::rules::free_places`] after the change that
/// freed them; `queue` may be in any order.
pub fn promote(free_places: u32, queue: &[WaitingGroup]) -> Vec<Promotion> {
    let mut ordered = queue.to_vec();
    sort_queue(&mut ordered);

    let taken = fill_in_order(free_places, ordered.iter().map(|group| group.pupils));
    ordered
        .iter()
        .zip(taken)
        .filter(|(_, taken)| *taken)
        .map(|(group, _)| Promotion {
            booking_id: group.booking_id,
            pupils: group.pupils,
        })
        .collect()
}

/// Returns the waitlist rule as shown to schools and providers.
pub fn waitlist_rule_text(locale: Locale) -> &'static str {
    match locale {
        Locale::Zh => {
            "候补按提交预约的时间排队（抽签场次按抽签顺位排队）。有名额空出时，系统从队首开始依次安排：\
             空出的名额够哪个班组的人数，就安排哪个班组。名额不够的班组不会被移出队列，仍保留原来的位置，\
             下次有名额空出时优先为它安排。因此人数较少的班组可能先于排在前面的班组获得名额，\
             但人数相同或更多的班组不会越过排在前面的班组。"
        }
        Locale::En => {
            "The waitlist is ordered by request time (by draw rank in lottery sessions). When places free up, \
             they are offered from the front of the queue: each class group that fits in the free places gets \
             them. A group that does not fit keeps its place in the queue and is offered the next places that \
             free up first. So a smaller group may get places before a group ahead of it, but a group of the \
             same size or larger never overtakes one ahead of it."
        }
    }
}

#[cfg(test)]
#[path = "waitlist_tests.rs"]
mod tests;
