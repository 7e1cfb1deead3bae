use chrono::{DateTime, TimeDelta, Utc};

use super::*;
use crate::booking::prng::SplitMix64;

fn base_time() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-09-20T01:00:00Z")
        .expect("valid instant")
        .with_timezone(&Utc)
}

fn group(booking_id: BookingId, pupils: u32, minutes_after_open: i64) -> WaitingGroup {
    WaitingGroup {
        booking_id,
        pupils,
        requested_at: base_time() + TimeDelta::minutes(minutes_after_open),
        draw_rank: None,
    }
}

fn promoted_ids(free: u32, queue: &[WaitingGroup]) -> Vec<BookingId> {
    promote(free, queue).into_iter().map(|p| p.booking_id).collect()
}

#[test]
fn freed_places_go_to_two_smaller_groups() {
    // A 40-pupil booking was cancelled; the 45-pupil group at the front does not fit.
    let queue = [group(1, 45, 0), group(2, 20, 5), group(3, 20, 10), group(4, 10, 15)];
    assert_eq!(promoted_ids(40, &queue), [2, 3]);
}

#[test]
fn skipped_group_is_offered_next_places_first() {
    let queue = [group(1, 45, 0), group(2, 20, 5)];
    // Later 50 places free up at once: the skipped group is still first.
    assert_eq!(promoted_ids(50, &queue), [1]);
}

#[test]
fn input_order_does_not_matter() {
    let queue = [group(3, 20, 10), group(1, 30, 0), group(2, 20, 5)];
    assert_eq!(promoted_ids(40, &queue), [1]);
    assert_eq!(promoted_ids(50, &queue), [1, 2]);
}

#[test]
fn same_time_ordered_by_id() {
    let queue = [group(9, 30, 0), group(4, 30, 0)];
    assert_eq!(promoted_ids(30, &queue), [4]);
}

#[test]
fn draw_rank_comes_before_request_time() {
    let mut late_winner = group(7, 30, 60);
    late_winner.draw_rank = Some(1);
    let mut second = group(8, 30, 0);
    second.draw_rank = Some(2);
    let unranked = group(9, 30, -60);
    assert_eq!(promoted_ids(90, &[unranked, second, late_winner]), [7, 8, 9]);
}

#[test]
fn no_places_promote_nobody() {
    assert!(promote(0, &[group(1, 1, 0)]).is_empty());
    assert!(promote(100, &[]).is_empty());
}

#[test]
fn rule_text_states_skip_rule() {
    assert!(waitlist_rule_text(Locale::Zh).contains("仍保留原来的位置"));
    assert!(waitlist_rule_text(Locale::En).contains("keeps its place"));
}

/// Builds a random queue of up to 12 groups, some with draw ranks.
fn random_queue(rng: &mut SplitMix64) -> Vec<WaitingGroup> {
    let len = rng.below(13);
    (0..len)
        .map(|i| {
            let id = i64::try_from(i).unwrap_or(0) + 1;
            let pupils = u32::try_from(rng.below(60) + 1).unwrap_or(1);
            let minutes = i64::try_from(rng.below(500)).unwrap_or(0);
            let mut waiting = group(id, pupils, minutes);
            if rng.below(4) == 0 {
                waiting.draw_rank = u32::try_from(i + 1).ok();
            }
            waiting
        })
        .collect()
}

#[test]
fn random_queues_keep_invariants() {
    let mut rng = SplitMix64::new(2025);
    for _ in 0..2_000 {
        let queue = random_queue(&mut rng);
        let free = u32::try_from(rng.below(150)).unwrap_or(0);
        let promotions = promote(free, &queue);

        let mut ordered = queue.clone();
        sort_queue(&mut ordered);
        let is_promoted = |id| promotions.iter().any(|p| p.booking_id == id);

        // Never more pupils than free places.
        let used: u32 = promotions.iter().map(|p| p.pupils).sum();
        assert!(used <= free, "{used} > {free} for {queue:?}");

        // Promotions come in queue order.
        let expected_order: Vec<BookingId> = ordered
            .iter()
            .map(|g| g.booking_id)
            .filter(|id| is_promoted(*id))
            .collect();
        let actual_order: Vec<BookingId> = promotions.iter().map(|p| p.booking_id).collect();
        assert_eq!(actual_order, expected_order);

        // No waiting group fits in the places left over.
        let left = free - used;
        for waiting in ordered.iter().filter(|g| !is_promoted(g.booking_id)) {
            assert!(waiting.pupils > left, "{waiting:?} fits in {left}");
        }

        // A promoted group never overtakes a group of the same size or smaller ahead of it.
        for (i, ahead) in ordered.iter().enumerate() {
            for behind in ordered.iter().skip(i + 1) {
                if is_promoted(behind.booking_id) && ahead.pupils <= behind.pupils {
                    assert!(is_promoted(ahead.booking_id), "{behind:?} overtook {ahead:?}");
                }
            }
        }
    }
}
