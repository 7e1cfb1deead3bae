//! Matching a Latin query against the pinyin of a name.
//!
//! A query matches consecutive syllables of the name, starting anywhere.
//! Each syllable is typed in full (ke), by its first letter (k) or by its
//! initial zh, ch or sh. The last one may also be unfinished (gu for guan).
//! So kejiguan, kjg, kejig and ke ji guan (spaces removed) all find 科技馆.
//!
//! Candidates come from four kinds of keys per name: the first letter of a
//! syllable, the first two letters of a syllable, the first letters of two
//! consecutive syllables, and two consecutive whole readings. A query is
//! split into syllables every way the rules allow, and each split
//! intersects the keys it implies.

use std::borrow::Cow;

use super::pinyin_table::{PinyinTable, ReadingSetId};
use super::postings::{Postings, SlotSet, intersect_all};

/// Maximum query length in letters for pinyin matching, so that query
/// positions fit the bits of a `u64`.
pub const MAX_QUERY_LETTERS: usize = 63;

/// Marks a character of a name that has no pinyin; nothing matches it.
pub const NO_READING: ReadingSetId = ReadingSetId::MAX;

/// Most splits of a query explored before falling back to the first-letter
/// key alone, which is slower to verify but still finds every match.
const MAX_SPLIT_STEPS: usize = 4096;

/// Position of a pinyin match within the syllables of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PinyinMatch {
    /// Somewhere after the first syllable.
    Inside,
    /// From the first syllable.
    Prefix,
    /// Every syllable, the last one typed in full or by its initial.
    Whole,
}

fn first_letter_key(a: u8) -> u64 {
    1 << 32 | u64::from(a)
}

fn two_letter_key(a: u8, b: u8) -> u64 {
    2 << 32 | u64::from(a) << 8 | u64::from(b)
}

fn pair_key(a: u8, b: u8) -> u64 {
    3 << 32 | u64::from(a) << 8 | u64::from(b)
}

/// Two consecutive whole readings, by reading id: far more selective than
/// letters for queries typed in full (kejiguan).
fn reading_pair_key(a: u16, b: u16) -> u64 {
    4 << 32 | u64::from(a) << 16 | u64::from(b)
}

/// Computes the candidate keys of a name's syllables, sorted and without
/// duplicates.
pub fn name_keys(table: &PinyinTable, syllables: &[ReadingSetId]) -> Vec<u64> {
    let mut keys = Vec::new();
    let mut previous: &[u16] = &[];

    for set in syllables {
        let ids: &[u16] = if *set == NO_READING {
            &[]
        } else {
            table.reading_ids(*set)
        };
        for id in ids {
            let reading = table.reading(*id);
            let Some(&first) = reading.first() else {
                continue;
            };
            keys.push(first_letter_key(first));
            if let [a, b, ..] = reading {
                keys.push(two_letter_key(*a, *b));
            }
            for before in previous {
                if let Some(&before_first) = table.reading(*before).first() {
                    keys.push(pair_key(before_first, first));
                }
                keys.push(reading_pair_key(*before, *id));
            }
        }
        previous = ids;
    }

    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Matches `query` (lowercase ASCII letters, at most
/// [`MAX_QUERY_LETTERS`]) against the name's syllables; `None` when it
/// does not match.
pub fn match_name(table: &PinyinTable, syllables: &[ReadingSetId], query: &[u8]) -> Option<PinyinMatch> {
    if query.is_empty() || query.len() > MAX_QUERY_LETTERS {
        return None;
    }
    for start in 0..syllables.len() {
        let Some((end, complete)) = match_from(table, &syllables[start..], query) else {
            continue;
        };
        return Some(match start {
            0 if complete && end == syllables.len() - 1 => PinyinMatch::Whole,
            0 => PinyinMatch::Prefix,
            _ => PinyinMatch::Inside,
        });
    }
    None
}

/// Matches `query` from the first of `syllables`. Returns the index of the
/// last syllable the query can end on, and whether it ends there with a
/// full reading or an initial rather than an unfinished syllable.
fn match_from(table: &PinyinTable, syllables: &[ReadingSetId], query: &[u8]) -> Option<(usize, bool)> {
    let length = query.len();
    // Bit p set: the first p letters of the query are matched.
    let mut reached: u64 = 1;
    let mut best: Option<(usize, bool)> = None;

    for (index, set) in syllables.iter().enumerate() {
        if *set == NO_READING {
            break;
        }
        let mut next: u64 = 0;
        let mut ends: Option<bool> = None;
        let mut advance = |to: usize, complete: bool| {
            if to == length {
                ends = Some(ends.unwrap_or(false) || complete);
            } else {
                next |= 1 << to;
            }
        };

        for reading in table.readings(*set) {
            let mut positions = reached;
            while positions != 0 {
                let at = positions.trailing_zeros() as usize;
                positions &= positions - 1;
                let rest = &query[at..];

                if rest.starts_with(reading) {
                    advance(at + reading.len(), true);
                }
                if rest[0] == reading[0] {
                    advance(at + 1, true);
                }
                if reading.len() > 2
                    && matches!(&reading[..2], b"zh" | b"ch" | b"sh")
                    && rest.starts_with(&reading[..2])
                {
                    advance(at + 2, true);
                }
                if reading.starts_with(rest) {
                    advance(length, false);
                }
            }
        }

        if let Some(complete) = ends {
            best = Some((index, complete));
        }
        if next == 0 {
            break;
        }
        reached = next;
    }
    best
}

/// Slots whose names may match `query`: a superset that
/// [`match_name`] verifies. `postings` returns the list of a key.
pub fn candidates<'a>(
    table: &PinyinTable,
    query: &[u8],
    postings: impl Fn(u64) -> &'a [u32],
    slot_count: usize,
) -> Postings {
    let Some(&first) = query.first() else {
        return Vec::new();
    };
    let mut search = SplitSearch {
        table,
        query,
        postings: &postings,
        found: SlotSet::new(slot_count),
        steps: 0,
    };
    if search.split(0, None, None, None) {
        search.found.into_postings()
    } else {
        postings(first_letter_key(first)).to_vec()
    }
}

struct SplitSearch<'a, 'p, F: Fn(u64) -> &'p [u32]> {
    table: &'a PinyinTable,
    query: &'a [u8],
    postings: &'a F,
    found: SlotSet,
    steps: usize,
}

impl<'p, F: Fn(u64) -> &'p [u32]> SplitSearch<'_, 'p, F> {
    /// Explores the splits of `query[at..]`. `previous_first` is the first
    /// letter of the piece before, `previous_reading` its reading id when it
    /// is a whole syllable, and `slots` the candidates so far (`None` while
    /// no key has narrowed them). Returns `false` when the step budget ran
    /// out.
    fn split(
        &mut self,
        at: usize,
        previous_first: Option<u8>,
        previous_reading: Option<u16>,
        slots: Option<&[u32]>,
    ) -> bool {
        if at == self.query.len() {
            if let Some(slots) = slots {
                self.found.insert_all(slots);
            }
            return true;
        }
        self.steps += 1;
        if self.steps > MAX_SPLIT_STEPS {
            return false;
        }

        for length in self.piece_lengths(at) {
            let piece = &self.query[at..at + length];
            let last = at + length == self.query.len();
            // A piece other than the last is a whole syllable when it is long
            // and spells one; zh, ch and sh alone are initials.
            let reading = if !last && length >= 2 {
                self.table.syllable_id(piece)
            } else {
                None
            };

            let mut lists: Vec<&[u32]> = Vec::with_capacity(3);
            match (previous_reading, reading) {
                (Some(before), Some(current)) => lists.push((self.postings)(reading_pair_key(before, current))),
                _ => {
                    if let Some(a) = previous_first {
                        lists.push((self.postings)(pair_key(a, piece[0])));
                    }
                    if let [a, b, ..] = piece {
                        lists.push((self.postings)(two_letter_key(*a, *b)));
                    } else if previous_first.is_none() && last {
                        // A first letter followed by more pieces is implied by
                        // the pair key of the next piece.
                        lists.push((self.postings)(first_letter_key(piece[0])));
                    }
                }
            }
            if let Some(slots) = slots {
                lists.push(slots);
            }

            let narrowed = match lists.len() {
                0 => None,
                1 => Some(Cow::Borrowed(lists[0])),
                _ => Some(Cow::Owned(intersect_all(lists))),
            };
            if narrowed.as_ref().is_some_and(|slots| slots.is_empty()) {
                continue;
            }
            if !self.split(at + length, Some(piece[0]), reading, narrowed.as_deref()) {
                return false;
            }
        }
        true
    }

    /// Lengths of the syllable pieces that may start at `at`.
    fn piece_lengths(&self, at: usize) -> Vec<usize> {
        let rest = &self.query[at..];
        let mut lengths = Vec::new();
        if self.table.is_prefix(&rest[..1]) {
            lengths.push(1);
        }
        if matches!(rest.get(..2), Some(b"zh" | b"ch" | b"sh")) {
            lengths.push(2);
        }
        for length in 2..=rest.len().min(6) {
            if self.table.is_syllable(&rest[..length]) && !lengths.contains(&length) {
                lengths.push(length);
            }
        }
        if self.table.is_prefix(rest) && !lengths.contains(&rest.len()) {
            lengths.push(rest.len());
        }
        lengths
    }
}

#[cfg(test)]
#[path = "pinyin_match_tests.rs"]
mod tests;
