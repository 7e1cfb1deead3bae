//! The in-memory index: document entries by slot, and posting lists from
//! CJK unigrams and bigrams, Latin words and pinyin keys to slots.
//!
//! Slots only grow: an inserted or updated document gets the next slot, so
//! appending keeps every posting list sorted. A removed document leaves a
//! dead slot that searches skip. When dead slots pass a quarter of all
//! slots, the index renumbers the live ones and drops the dead.

use std::collections::{BTreeMap, HashMap};

use crate::i18n::Locale;
use crate::resources::model::{FeeKind, ResourceType, Stage, Theme};
use crate::resources::opening_hours::OpeningHours;

use super::document::{GeoPoint, SearchDocument};
use super::normalize::{Segment, compact, is_cjk, segments};
use super::pinyin_match::{NO_READING, name_keys};
use super::pinyin_table::{PinyinTable, ReadingSetId};
use super::postings::{KeyMap, Postings};

/// Dead slots tolerated before compaction is considered.
const MIN_DEAD_FOR_COMPACTION: usize = 1024;

/// A document as the index keeps it: what filters, ranking and pinyin
/// matching need, without the searchable text of other fields.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub id: i64,
    /// The name, normalised and without separators.
    pub name: Box<str>,
    pub name_chars: u32,
    /// Reading set of each CJK character of the name, in order.
    pub syllables: Box<[ReadingSetId]>,
    pub region_code: Box<str>,
    pub resource_type: ResourceType,
    /// Bit i set: `Theme::ALL[i]`.
    pub themes: u32,
    /// Bit i set: `Stage::ALL[i]`.
    pub stages: u32,
    pub fee: Option<FeeKind>,
    pub location: Option<GeoPoint>,
    /// Seconds since the Unix epoch.
    pub published_at: Option<i64>,
    /// Index into `SearchIndex::schedules`.
    pub schedule: Option<u32>,
}

/// A searchable index of published resources. Not synchronised; share it
/// through [`SharedSearchIndex`](super::SharedSearchIndex).
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub(super) entries: Vec<Option<Entry>>,
    slot_of: HashMap<i64, u32>,
    dead: usize,
    /// CJK unigram (the code point) or bigram (first << 32 | second).
    pub(super) cjk: KeyMap<u64>,
    /// Pinyin keys of names; see `pinyin_match`.
    pub(super) pinyin: KeyMap<u64>,
    /// Latin words and numbers of every field, for prefix lookups.
    pub(super) words: BTreeMap<Box<str>, Postings>,
    /// Distinct opening hours. Many resources share a schedule (周二至周日
    /// 9:00-17:00，周一闭馆), so the open-on-date filter decides each
    /// schedule once per query instead of once per resource.
    pub(super) schedules: Vec<OpeningHours>,
    schedule_ids: HashMap<OpeningHours, u32>,
}

/// Bit mask of the positions of `values` in `all`.
pub(super) fn mask_of<T: PartialEq>(values: &[T], all: &[T]) -> u32 {
    let mut mask = 0;
    for value in values {
        if let Some(index) = all.iter().position(|candidate| candidate == value) {
            mask |= 1 << index;
        }
    }
    mask
}

impl SearchIndex {
    /// Builds an index of `documents`. A later document replaces an earlier
    /// one with the same id.
    pub fn build(documents: impl IntoIterator<Item = SearchDocument>) -> SearchIndex {
        let mut index = SearchIndex::default();
        for document in documents {
            index.upsert(document);
        }
        index.shrink();
        index
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    pub fn contains(&self, id: i64) -> bool {
        self.slot_of.contains_key(&id)
    }

    /// Adds a document, or replaces the one with the same id (publish and
    /// update are the same operation for the index).
    pub fn upsert(&mut self, document: SearchDocument) {
        self.remove(document.id);

        let Ok(slot) = u32::try_from(self.entries.len()) else {
            // NOTE: four billion slots; a directory never gets near it.
            return;
        };
        let table = PinyinTable::get();

        let mut texts: Vec<&str> = vec![&document.name];
        texts.extend(document.fields.iter().map(String::as_str));
        texts.push(document.resource_type.label(Locale::Zh));
        texts.extend(document.themes.iter().map(|theme| theme.label(Locale::Zh)));
        texts.extend(document.stages.iter().map(|stage| stage.label(Locale::Zh)));

        let mut cjk_keys: Vec<u64> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        for text in texts {
            for segment in segments(text) {
                match segment {
                    Segment::Cjk(run) => {
                        cjk_keys.extend(run.iter().map(|c| u64::from(*c)));
                        cjk_keys.extend(run.windows(2).map(|pair| bigram_key(pair[0], pair[1])));
                    }
                    Segment::Word(word) => words.push(word),
                }
            }
        }
        cjk_keys.sort_unstable();
        cjk_keys.dedup();
        words.sort_unstable();
        words.dedup();

        let syllables: Box<[ReadingSetId]> = document
            .name
            .chars()
            .map(super::normalize::fold)
            .filter(|c| is_cjk(*c))
            .map(|c| table.set_of(c).unwrap_or(NO_READING))
            .collect();

        let pinyin_keys = name_keys(table, &syllables);
        let name = compact(&document.name);
        let entry = Entry {
            id: document.id,
            name_chars: name.chars().count() as u32,
            name: name.into_boxed_str(),
            syllables,
            region_code: document.region_code.into_boxed_str(),
            resource_type: document.resource_type,
            themes: mask_of(&document.themes, Theme::ALL),
            stages: mask_of(&document.stages, Stage::ALL),
            fee: document.fee,
            location: document.location.and_then(|point| GeoPoint::new(point.lat, point.lon)),
            published_at: document.published_at.map(|at| at.timestamp()),
            schedule: document.opening_hours.map(|hours| self.intern_schedule(hours)),
        };
        self.entries.push(Some(entry));
        self.slot_of.insert(document.id, slot);

        for key in cjk_keys {
            self.cjk.entry(key).or_default().push(slot);
        }
        for key in pinyin_keys {
            self.pinyin.entry(key).or_default().push(slot);
        }
        for word in words {
            self.words.entry(word.into_boxed_str()).or_default().push(slot);
        }
    }

    /// Returns the id of `hours` in the schedule table and adds it if new.
    /// Schedules stay until the next compaction or rebuild, even when no
    /// resource uses them any more.
    fn intern_schedule(&mut self, hours: OpeningHours) -> u32 {
        if let Some(id) = self.schedule_ids.get(&hours) {
            return *id;
        }
        let id = self.schedules.len() as u32;
        self.schedules.push(hours.clone());
        self.schedule_ids.insert(hours, id);
        id
    }

    /// Releases the spare capacity of posting lists, about a third of their
    /// memory after a bulk build.
    fn shrink(&mut self) {
        self.cjk.values_mut().for_each(Vec::shrink_to_fit);
        self.pinyin.values_mut().for_each(Vec::shrink_to_fit);
        self.words.values_mut().for_each(Vec::shrink_to_fit);
    }

    /// Removes a document (taken offline); returns whether it was indexed.
    pub fn remove(&mut self, id: i64) -> bool {
        let Some(slot) = self.slot_of.remove(&id) else {
            return false;
        };
        if let Some(entry) = self.entries.get_mut(slot as usize) {
            *entry = None;
        }
        self.dead += 1;
        if self.dead >= MIN_DEAD_FOR_COMPACTION && self.dead * 4 > self.entries.len() {
            self.compact();
        }
        true
    }

    /// Renumbers live slots in order and drops dead ones from every list.
    fn compact(&mut self) {
        let mut new_slot: Vec<Option<u32>> = Vec::with_capacity(self.entries.len());
        let mut next = 0u32;
        for entry in &self.entries {
            new_slot.push(entry.as_ref().map(|_| {
                next += 1;
                next - 1
            }));
        }
        let renumber = |list: &mut Postings| {
            list.retain_mut(|slot| match new_slot[*slot as usize] {
                Some(renumbered) => {
                    *slot = renumbered;
                    true
                }
                None => false,
            });
            list.shrink_to_fit();
        };

        self.cjk.values_mut().for_each(renumber);
        self.cjk.retain(|_, list| !list.is_empty());
        self.pinyin.values_mut().for_each(renumber);
        self.pinyin.retain(|_, list| !list.is_empty());
        self.words.values_mut().for_each(renumber);
        self.words.retain(|_, list| !list.is_empty());

        self.entries.retain(Option::is_some);
        self.compact_schedules();
        for (slot, entry) in self.entries.iter().enumerate() {
            if let Some(entry) = entry {
                self.slot_of.insert(entry.id, slot as u32);
            }
        }
        self.dead = 0;
    }

    /// Drops schedules no live entry uses and renumbers the rest.
    fn compact_schedules(&mut self) {
        let old = std::mem::take(&mut self.schedules);
        self.schedule_ids.clear();
        let mut new_id: Vec<Option<u32>> = vec![None; old.len()];
        let mut old_schedules: Vec<Option<OpeningHours>> = old.into_iter().map(Some).collect();
        for index in 0..self.entries.len() {
            let Some(Some(old_id)) = self.entries[index].as_ref().map(|entry| entry.schedule) else {
                continue;
            };
            let id = match new_id[old_id as usize] {
                Some(id) => id,
                None => {
                    let hours = old_schedules[old_id as usize].take().unwrap_or_default();
                    let id = self.intern_schedule(hours);
                    new_id[old_id as usize] = Some(id);
                    id
                }
            };
            if let Some(entry) = self.entries[index].as_mut() {
                entry.schedule = Some(id);
            }
        }
    }

    /// Estimated heap and inline bytes of the index: entries, posting lists
    /// and map slots. An estimate, because allocator overhead and hash-map
    /// control bytes are approximated.
    pub fn memory_estimate(&self) -> usize {
        const MAP_ENTRY_OVERHEAD: usize = 8;
        let postings = |list: &Postings| std::mem::size_of::<Postings>() + list.capacity() * 4;

        let mut bytes = self.entries.capacity() * std::mem::size_of::<Option<Entry>>();
        for entry in self.entries.iter().flatten() {
            bytes += entry.name.len() + entry.syllables.len() * 4 + entry.region_code.len();
        }
        // NOTE: counts each schedule's struct twice (table and map key), not
        // its period lists.
        bytes += self.schedules.capacity() * std::mem::size_of::<OpeningHours>();
        bytes += self.schedule_ids.capacity() * (std::mem::size_of::<OpeningHours>() + 4 + MAP_ENTRY_OVERHEAD);
        bytes += self.slot_of.capacity() * (12 + MAP_ENTRY_OVERHEAD);
        bytes += self.cjk.capacity() * (8 + MAP_ENTRY_OVERHEAD) + self.cjk.values().map(postings).sum::<usize>();
        bytes += self.pinyin.capacity() * (8 + MAP_ENTRY_OVERHEAD) + self.pinyin.values().map(postings).sum::<usize>();
        bytes += self
            .words
            .iter()
            .map(|(word, list)| word.len() + 16 + 32 + postings(list))
            .sum::<usize>();
        bytes
    }
}

/// Key of the bigram `first second`; unigram keys are below 2^32.
pub(super) fn bigram_key(first: char, second: char) -> u64 {
    u64::from(first) << 32 | u64::from(second)
}
