//! Running a query: candidates from posting lists, filters, scores, order
//! and the requested page.

use std::cmp::Ordering;

use super::document::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Query, SearchResult, SortOrder};
use super::filter::Filter;
use super::index::{Entry, SearchIndex, bigram_key};
use super::pinyin_match::{self, PinyinMatch};
use super::pinyin_table::PinyinTable;
use super::postings::{Postings, intersect_all, union_all};
use super::terms::{Term, compact_query, terms};

/// Score of a term found as the whole name; the other tiers follow.
const SCORE_WHOLE_NAME: u32 = 1000;
const SCORE_PINYIN_WHOLE_NAME: u32 = 900;
const SCORE_NAME_PREFIX: u32 = 500;
const SCORE_IN_NAME: u32 = 200;
const SCORE_OTHER_FIELD: u32 = 50;
/// Extra score when a query of several terms, joined, is the whole name.
const SCORE_JOINED_WHOLE_NAME: u32 = 1000;

/// A term with the slots that may match it.
struct TermMatch<'q> {
    term: &'q Term,
    candidates: Postings,
    /// Slots whose words start with every Latin word of the term.
    literal: Postings,
}

/// A match with its sort keys copied from the entry, so ordering reads
/// only this array and not scattered entries.
struct Hit {
    id: i64,
    score: u32,
    distance_m: Option<f64>,
    name_chars: u32,
    published_at: Option<i64>,
}

impl SearchIndex {
    /// Runs `query` and returns the requested page.
    pub fn search(&self, query: &Query) -> SearchResult {
        let page_size = match query.page_size {
            0 => DEFAULT_PAGE_SIZE,
            size => size.min(MAX_PAGE_SIZE),
        };
        let page = query.page.max(1);

        let terms = terms(&query.text);
        let matches: Vec<TermMatch> = terms.iter().map(|term| self.term_match(term)).collect();
        let candidates: Option<Postings> = if matches.is_empty() {
            None
        } else {
            Some(intersect_all(matches.iter().map(|m| &m.candidates[..]).collect()))
        };

        let joined = compact_query(&query.text);
        let filter = Filter::new(query, &self.schedules);
        let mut hits = Vec::new();
        let mut consider = |slot: u32| {
            let Some(Some(entry)) = self.entries.get(slot as usize) else {
                return;
            };
            if !filter.keeps(entry) {
                return;
            }
            let Some(score) = score(entry, slot, &matches, &joined) else {
                return;
            };
            let distance_m = query
                .origin
                .zip(entry.location)
                .map(|(origin, at)| origin.distance_m(at));
            hits.push(Hit {
                id: entry.id,
                score,
                distance_m,
                name_chars: entry.name_chars,
                published_at: entry.published_at,
            });
        };
        match &candidates {
            Some(slots) => slots.iter().copied().for_each(&mut consider),
            None => (0..self.entries.len() as u32).for_each(&mut consider),
        }

        let total = hits.len();
        let has_text = !terms.is_empty();
        let order = |a: &Hit, b: &Hit| compare(a, b, query, has_text);
        let start = (page - 1).saturating_mul(page_size);
        cut_page(&mut hits, start, start.saturating_add(page_size), order);

        SearchResult {
            total,
            page,
            page_size,
            ids: hits.iter().map(|hit| hit.id).collect(),
            distances_m: hits.iter().map(|hit| hit.distance_m).collect(),
        }
    }

    fn term_match<'q>(&self, term: &'q Term) -> TermMatch<'q> {
        let lookup = |key: u64| self.cjk.get(&key).map_or(&[][..], |list| &list[..]);
        match term {
            Term::Cjk(text) => {
                let chars: Vec<char> = text.chars().collect();
                let candidates = match chars[..] {
                    [single] => lookup(u64::from(single)).to_vec(),
                    _ => intersect_all(
                        chars
                            .windows(2)
                            .map(|pair| lookup(bigram_key(pair[0], pair[1])))
                            .collect(),
                    ),
                };
                TermMatch {
                    term,
                    candidates,
                    literal: Vec::new(),
                }
            }
            Term::Latin { words, letters } => {
                let word_slots: Vec<Postings> = words.iter().map(|word| self.word_prefix_slots(word)).collect();
                let literal = intersect_all(word_slots.iter().map(Vec::as_slice).collect());
                let pinyin = letters.as_deref().map_or_else(Vec::new, |letters| {
                    pinyin_match::candidates(
                        PinyinTable::get(),
                        letters,
                        |key| self.pinyin.get(&key).map_or(&[][..], |list| &list[..]),
                        self.entries.len(),
                    )
                });
                let candidates = union_all(&[&literal, &pinyin], self.entries.len());
                TermMatch {
                    term,
                    candidates,
                    literal,
                }
            }
        }
    }

    /// Slots with a word that starts with `prefix`.
    fn word_prefix_slots(&self, prefix: &str) -> Postings {
        let lists: Vec<&[u32]> = self
            .words
            .range::<str, _>((std::ops::Bound::Included(prefix), std::ops::Bound::Unbounded))
            .take_while(|(word, _)| word.starts_with(prefix))
            .map(|(_, list)| &list[..])
            .collect();
        union_all(&lists, self.entries.len())
    }
}

/// Keeps hits `start..end` of the sorted order, sorting only the hits
/// that end before `end`.
fn cut_page(hits: &mut Vec<Hit>, start: usize, end: usize, order: impl Fn(&Hit, &Hit) -> Ordering + Copy) {
    let end = end.min(hits.len());
    if start >= end {
        hits.clear();
        return;
    }
    if end < hits.len() {
        hits.select_nth_unstable_by(end, order);
        hits.truncate(end);
    }
    hits.sort_unstable_by(order);
    hits.drain(..start);
}

/// Order of two hits for the query's sort; ties end on the id, so pages
/// are stable.
fn compare(a: &Hit, b: &Hit, query: &Query, has_text: bool) -> Ordering {
    let by_distance = || match (a.distance_m, b.distance_m) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let by_newest = || b.published_at.cmp(&a.published_at);
    let by_score = || b.score.cmp(&a.score);
    let by_id = || a.id.cmp(&b.id);

    match query.sort {
        SortOrder::Distance if query.origin.is_some() => by_distance().then_with(by_score).then_with(by_id),
        SortOrder::Newest => by_newest().then_with(by_id),
        _ if !has_text => by_newest().then_with(by_distance).then_with(by_id),
        _ => by_score()
            .then_with(by_distance)
            .then_with(|| a.name_chars.cmp(&b.name_chars))
            .then_with(by_newest)
            .then_with(by_id),
    }
}

/// Sum of the term scores, or `None` when a term does not match after all
/// (pinyin candidates are a superset).
fn score(entry: &Entry, slot: u32, matches: &[TermMatch], joined: &str) -> Option<u32> {
    let mut total = 0;
    for term_match in matches {
        total += term_score(entry, slot, term_match)?;
    }
    if matches.len() > 1 && !joined.is_empty() && *entry.name == *joined {
        total += SCORE_JOINED_WHOLE_NAME;
    }
    Some(total)
}

fn term_score(entry: &Entry, slot: u32, term_match: &TermMatch) -> Option<u32> {
    let in_name = |text: &str| {
        if *entry.name == *text {
            SCORE_WHOLE_NAME
        } else if entry.name.starts_with(text) {
            SCORE_NAME_PREFIX
        } else if entry.name.contains(text) {
            SCORE_IN_NAME
        } else {
            SCORE_OTHER_FIELD
        }
    };

    match term_match.term {
        Term::Cjk(text) => Some(in_name(text)),
        Term::Latin { words, letters } => {
            let pinyin = letters
                .as_deref()
                .and_then(|letters| pinyin_match::match_name(PinyinTable::get(), &entry.syllables, letters))
                .map(|found| match found {
                    PinyinMatch::Whole => SCORE_PINYIN_WHOLE_NAME,
                    PinyinMatch::Prefix => SCORE_NAME_PREFIX,
                    PinyinMatch::Inside => SCORE_IN_NAME,
                });
            let literal = term_match
                .literal
                .binary_search(&slot)
                .is_ok()
                .then(|| in_name(&words.concat()));
            pinyin.max(literal)
        }
    }
}
