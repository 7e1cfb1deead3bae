//! Toneless pinyin readings of every CJK ideograph in the `pinyin` crate
//! (0.11) data, interned once per process.
//!
//! Polyphones (多音字) keep every reading the crate gives, so 长 reads both
//! chang and zhang and a query in either reading finds it. ü is spelled
//! both v (as pinyin keyboards type it) and u, so 绿 is lv and lu.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use pinyin::ToPinyinMulti;

/// Blocks scanned for readings: CJK Unified Ideographs, Extension A, the
/// compatibility block and the supplementary-plane extensions.
const BLOCKS: [(u32, u32); 4] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF)];

/// Id of a distinct set of readings; several characters share one set.
pub type ReadingSetId = u32;

pub struct PinyinTable {
    /// Readings in ASCII, by reading id.
    readings: Vec<Box<str>>,
    /// Reading ids of each distinct set, by set id.
    sets: Vec<Box<[u16]>>,
    set_of_char: HashMap<char, ReadingSetId>,
    /// Reading id of every spelling, for splitting a query into syllables.
    syllables: HashMap<Box<str>, u16>,
    /// Every non-empty prefix of every reading, for the last, unfinished
    /// syllable of a query.
    prefixes: HashSet<Box<str>>,
}

impl PinyinTable {
    /// Returns the table, built on first use. Building scans about 100,000
    /// code points and takes tens of milliseconds (an estimate).
    pub fn get() -> &'static PinyinTable {
        static TABLE: OnceLock<PinyinTable> = OnceLock::new();
        TABLE.get_or_init(PinyinTable::build)
    }

    fn build() -> PinyinTable {
        let mut table = PinyinTable {
            readings: Vec::new(),
            sets: Vec::new(),
            set_of_char: HashMap::new(),
            syllables: HashMap::new(),
            prefixes: HashSet::new(),
        };
        let mut reading_ids: HashMap<String, u16> = HashMap::new();
        let mut set_ids: HashMap<Vec<u16>, ReadingSetId> = HashMap::new();

        let chars = BLOCKS
            .iter()
            .flat_map(|(first, last)| *first..=*last)
            .filter_map(char::from_u32);
        for c in chars {
            let Some(multi) = c.to_pinyin_multi() else {
                continue;
            };

            let mut set: Vec<u16> = Vec::new();
            for reading in multi {
                for spelling in ascii_spellings(reading.plain()) {
                    let next_id = reading_ids.len();
                    let Ok(next_id) = u16::try_from(next_id) else {
                        continue;
                    };
                    let id = *reading_ids.entry(spelling).or_insert(next_id);
                    if !set.contains(&id) {
                        set.push(id);
                    }
                }
            }
            if set.is_empty() {
                continue;
            }

            let next_set = set_ids.len() as ReadingSetId;
            let set_id = *set_ids.entry(set).or_insert(next_set);
            table.set_of_char.insert(c, set_id);
        }

        table.readings = vec![Box::from(""); reading_ids.len()];
        for (spelling, id) in reading_ids {
            for end in 1..=spelling.len() {
                table.prefixes.insert(Box::from(&spelling[..end]));
            }
            table.syllables.insert(Box::from(spelling.as_str()), id);
            table.readings[usize::from(id)] = spelling.into_boxed_str();
        }
        table.sets = vec![Box::from([]); set_ids.len()];
        for (set, id) in set_ids {
            table.sets[id as usize] = set.into_boxed_slice();
        }
        table
    }

    /// Returns the reading set of `c`, or `None` for a character without
    /// pinyin.
    pub fn set_of(&self, c: char) -> Option<ReadingSetId> {
        self.set_of_char.get(&c).copied()
    }

    /// Lists the readings of a set as ASCII bytes.
    pub fn readings(&self, set: ReadingSetId) -> impl Iterator<Item = &[u8]> {
        let ids = self.sets.get(set as usize).map_or(&[][..], |ids| &ids[..]);
        ids.iter().map(|id| self.readings[usize::from(*id)].as_bytes())
    }

    /// Returns a reading by id, in ASCII bytes; empty for an unknown id.
    pub fn reading(&self, id: u16) -> &[u8] {
        self.readings
            .get(usize::from(id))
            .map_or(&[][..], |reading| reading.as_bytes())
    }

    /// Returns the reading ids of a set.
    pub fn reading_ids(&self, set: ReadingSetId) -> &[u16] {
        self.sets.get(set as usize).map_or(&[][..], |ids| &ids[..])
    }

    /// Looks up the id of a whole reading; `None` if `text` is not a
    /// syllable.
    pub fn syllable_id(&self, text: &[u8]) -> Option<u16> {
        let text = std::str::from_utf8(text).ok()?;
        self.syllables.get(text).copied()
    }

    pub fn is_syllable(&self, text: &[u8]) -> bool {
        self.syllable_id(text).is_some()
    }

    pub fn is_prefix(&self, text: &[u8]) -> bool {
        std::str::from_utf8(text).is_ok_and(|text| self.prefixes.contains(text))
    }
}

/// ASCII spellings of a toneless reading: ü as v and as u, ê as e.
/// Readings with other non-ASCII letters are dropped.
fn ascii_spellings(plain: &str) -> Vec<String> {
    let mut spellings = Vec::with_capacity(2);
    if plain.contains('ü') {
        spellings.push(plain.replace('ü', "v"));
        spellings.push(plain.replace('ü', "u"));
    } else {
        spellings.push(plain.replace('ê', "e"));
    }
    spellings.retain(|spelling| !spelling.is_empty() && spelling.bytes().all(|b| b.is_ascii_lowercase()));
    spellings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readings_of(c: char) -> Vec<String> {
        let table = PinyinTable::get();
        let set = table.set_of(c).expect("character has pinyin");
        table
            .readings(set)
            .map(|reading| String::from_utf8_lossy(reading).into_owned())
            .collect()
    }

    #[test]
    fn polyphones_keep_all_readings() {
        let chang = readings_of('长');
        assert!(chang.contains(&"chang".to_owned()), "{chang:?}");
        assert!(chang.contains(&"zhang".to_owned()), "{chang:?}");
        let xing = readings_of('行');
        assert!(
            xing.contains(&"xing".to_owned()) && xing.contains(&"hang".to_owned()),
            "{xing:?}"
        );
    }

    #[test]
    fn u_umlaut_has_two_spellings() {
        let lv = readings_of('绿');
        assert!(lv.contains(&"lv".to_owned()), "{lv:?}");
        assert!(lv.contains(&"lu".to_owned()), "{lv:?}");
    }

    #[test]
    fn syllables_and_prefixes() {
        let table = PinyinTable::get();
        assert!(table.is_syllable(b"guan"));
        assert!(!table.is_syllable(b"gua n"));
        assert!(table.is_prefix(b"gua"));
        assert!(!table.is_prefix(b"kj"));
        assert_eq!(table.set_of('a'), None);
    }
}
