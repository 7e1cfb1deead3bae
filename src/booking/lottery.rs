//! The lottery (抽签) for an over-subscribed session.
//!
//! While booking is open, requests of a lottery session are collected
//! without taking places. After it closes, the draw orders them at random
//! from a seed. The places go to the groups in that order with the
//! waitlist's skip rule (see `waitlist`). So a group that does not fit in
//! the places left is skipped, and the next group that fits gets them. The
//! groups left over form the 候补 queue in draw order.
//!
//! The draw is reproducible: the same seed and the same entries give the
//! same result on any machine and with any crate version, so anyone holding
//! the seed from the audit log can repeat it. The algorithm, exactly:
//!
//! 1. Sort the entries by booking id, then request time, then pupils, all
//!    ascending, so the input order does not matter.
//! 2. Start [`SplitMix64`] with the seed.
//! 3. Shuffle with Fisher–Yates (Durstenfeld): for `i` from `n - 1` down to
//!    1, take `j = below(i + 1)` and swap the entries at `i` and `j`.
//!    `below` is the generator's unbiased bounded draw (rejection sampling).
//! 4. The entry at position `k` (from 0) gets draw rank `k + 1`.
//! 5. Walk the entries in draw order. An entry whose pupils fit in the
//!    places still free wins them; the others are waitlisted.
//!
//! The seed must come from a secure random source at the moment of the
//! draw and be recorded in the audit log with the result.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::BookingId;
use super::prng::SplitMix64;
use super::waitlist::fill_in_order;

/// A request collected for the draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotteryEntry {
    pub booking_id: BookingId,
    pub pupils: u32,
    pub requested_at: DateTime<Utc>,
}

/// An entry with its position in the draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawnEntry {
    pub booking_id: BookingId,
    pub pupils: u32,
    /// 1 for the first entry drawn.
    pub draw_rank: u32,
}

/// The outcome of a draw, for the audit log and for applying to bookings.
///
/// Apply `winners` as `BookingEvent::Confirm` by the system when the
/// session confirms automatically; otherwise they stay Requested, now
/// holding places, for the provider to confirm. Apply `waitlist` as
/// `BookingEvent::Waitlist` and store each `draw_rank` for the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotteryResult {
    pub seed: u64,
    pub places: u32,
    /// Winners in draw order.
    pub winners: Vec<DrawnEntry>,
    /// The others in draw order, which is their 候补 queue order.
    pub waitlist: Vec<DrawnEntry>,
}

/// Draws `places` among `entries` with `seed`, as the module documentation
/// describes. `places` is the session's capacity less any places held by
/// bookings made outside the lottery.
pub fn draw(seed: u64, places: u32, entries: &[LotteryEntry]) -> LotteryResult {
    let mut order = entries.to_vec();
    order.sort_by_key(|entry| (entry.booking_id, entry.requested_at, entry.pupils));

    let mut rng = SplitMix64::new(seed);
    for i in (1..order.len()).rev() {
        let bound = u64::try_from(i + 1).unwrap_or(u64::MAX);
        let j = usize::try_from(rng.below(bound)).unwrap_or(i);
        order.swap(i, j);
    }

    let won = fill_in_order(places, order.iter().map(|entry| entry.pupils));
    let mut winners = Vec::new();
    let mut waitlist = Vec::new();
    for (position, (entry, won)) in order.iter().zip(won).enumerate() {
        let drawn = DrawnEntry {
            booking_id: entry.booking_id,
            pupils: entry.pupils,
            draw_rank: u32::try_from(position + 1).unwrap_or(u32::MAX),
        };
        if won {
            winners.push(drawn);
        } else {
            waitlist.push(drawn);
        }
    }

    LotteryResult {
        seed,
        places,
        winners,
        waitlist,
    }
}

#[cfg(test)]
#[path = "lottery_tests.rs"]
mod tests;
