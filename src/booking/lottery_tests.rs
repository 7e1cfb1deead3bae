use chrono::{DateTime, TimeDelta, Utc};

use super::*;

/// Ten class groups, ids 101 to 110, requested a minute apart.
fn entries() -> Vec<LotteryEntry> {
    let opened = DateTime::parse_from_rfc3339("2025-09-20T01:00:00Z")
        .expect("valid instant")
        .with_timezone(&Utc);
    let pupils = [45, 40, 38, 30, 50, 42, 20, 36, 44, 25];
    (101..)
        .zip(pupils)
        .enumerate()
        .map(|(i, (booking_id, pupils))| LotteryEntry {
            booking_id,
            pupils,
            requested_at: opened + TimeDelta::minutes(i64::try_from(i).unwrap_or(0)),
        })
        .collect()
}

/// (booking id, pupils, draw rank) of each entry.
fn summary(entries: &[DrawnEntry]) -> Vec<(BookingId, u32, u32)> {
    entries.iter().map(|e| (e.booking_id, e.pupils, e.draw_rank)).collect()
}

#[test]
fn fixed_seed_gives_fixed_result() {
    // Expected values from an independent Python implementation of the
    // documented algorithm. The 45-pupil group drawn third does not fit
    // in the 40 places left and is skipped; the 25-pupil group wins.
    let result = draw(20_250_925, 120, &entries());
    assert_eq!(summary(&result.winners), [(109, 44, 1), (108, 36, 2), (110, 25, 4)]);
    assert_eq!(
        summary(&result.waitlist),
        [
            (101, 45, 3),
            (105, 50, 5),
            (104, 30, 6),
            (107, 20, 7),
            (103, 38, 8),
            (106, 42, 9),
            (102, 40, 10),
        ]
    );
    assert_eq!(result.seed, 20_250_925);
    assert_eq!(result.places, 120);
}

#[test]
fn other_seed_gives_other_fixed_result() {
    let result = draw(20_250_920, 120, &entries());
    assert_eq!(summary(&result.winners), [(109, 44, 1), (107, 20, 2), (105, 50, 3)]);
    let waitlist: Vec<BookingId> = result.waitlist.iter().map(|e| e.booking_id).collect();
    assert_eq!(waitlist, [106, 101, 103, 102, 108, 110, 104]);
}

#[test]
fn input_order_does_not_matter() {
    let mut reversed = entries();
    reversed.reverse();
    assert_eq!(draw(99, 120, &reversed), draw(99, 120, &entries()));
}

#[test]
fn same_seed_repeats_draw() {
    for seed in [0, 1, u64::MAX] {
        assert_eq!(draw(seed, 100, &entries()), draw(seed, 100, &entries()));
    }
}

#[test]
fn every_entry_drawn_once() {
    let result = draw(7, 120, &entries());
    let mut ranks: Vec<u32> = result
        .winners
        .iter()
        .chain(&result.waitlist)
        .map(|e| e.draw_rank)
        .collect();
    ranks.sort_unstable();
    assert_eq!(ranks, (1..=10).collect::<Vec<u32>>());

    let used: u32 = result.winners.iter().map(|e| e.pupils).sum();
    assert!(used <= 120);
}

#[test]
fn undersubscribed_draw_admits_all() {
    let result = draw(5, 1_000, &entries());
    assert_eq!(result.winners.len(), 10);
    assert!(result.waitlist.is_empty());
}

#[test]
fn empty_and_zero_places() {
    let empty = draw(5, 120, &[]);
    assert!(empty.winners.is_empty());
    assert!(empty.waitlist.is_empty());

    let none = draw(5, 0, &entries());
    assert!(none.winners.is_empty());
    assert_eq!(none.waitlist.len(), 10);
}
