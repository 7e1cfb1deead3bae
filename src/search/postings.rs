//! Sorted posting lists of document slots, and a fast hasher for the
//! integer keys that address them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A posting list: slots in ascending order, without duplicates.
pub type Postings = Vec<u32>;

/// Map from integer key to posting list. Keys come from the index itself,
/// not from users, so a hash without flooding protection is safe here.
pub type KeyMap<K> = HashMap<K, Postings, BuildHasherDefault<IntHasher>>;

/// Multiplicative (Fibonacci) hashing for integer keys; several times
/// faster than SipHash when building the index.
#[derive(Default)]
pub struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u32(&mut self, value: u32) {
        self.write_u64(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Slots in both lists. Gallops through the longer list when one list is
/// much shorter, so a rare bigram intersected with a common one costs
/// O(short · log long).
pub fn intersect(a: &[u32], b: &[u32]) -> Postings {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut result = Vec::with_capacity(short.len());

    if short.len() * 16 < long.len() {
        let mut rest = long;
        for slot in short {
            match rest.binary_search(slot) {
                Ok(found) => {
                    result.push(*slot);
                    rest = &rest[found + 1..];
                }
                Err(insert_at) => rest = &rest[insert_at..],
            }
        }
        return result;
    }

    let (mut i, mut j) = (0, 0);
    while i < short.len() && j < long.len() {
        match short[i].cmp(&long[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                result.push(short[i]);
                i += 1;
                j += 1;
            }
        }
    }
    result
}

/// Intersection of several lists, smallest first; empty when `lists` is.
pub fn intersect_all(mut lists: Vec<&[u32]>) -> Postings {
    lists.sort_by_key(|list| list.len());
    let Some((first, rest)) = lists.split_first() else {
        return Vec::new();
    };
    let mut result = first.to_vec();
    for list in rest {
        if result.is_empty() {
            break;
        }
        result = intersect(&result, list);
    }
    result
}

/// A set of slots below a fixed bound, for unions of many lists.
pub struct SlotSet {
    words: Vec<u64>,
}

impl SlotSet {
    pub fn new(slot_count: usize) -> SlotSet {
        SlotSet {
            words: vec![0; slot_count.div_ceil(64)],
        }
    }

    pub fn insert_all(&mut self, slots: &[u32]) {
        for slot in slots {
            if let Some(word) = self.words.get_mut(*slot as usize / 64) {
                *word |= 1 << (slot % 64);
            }
        }
    }

    /// Lists the slots in ascending order.
    pub fn into_postings(self) -> Postings {
        let mut result = Vec::new();
        for (index, word) in self.words.into_iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                let bit = bits.trailing_zeros();
                result.push(index as u32 * 64 + bit);
                bits &= bits - 1;
            }
        }
        result
    }
}

/// Union of sorted lists.
pub fn union_all(lists: &[&[u32]], slot_count: usize) -> Postings {
    match lists {
        [] => Vec::new(),
        [single] => single.to_vec(),
        _ => {
            let mut set = SlotSet::new(slot_count);
            for list in lists {
                set.insert_all(list);
            }
            set.into_postings()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersect_merges_and_gallops() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[3, 4, 5, 8]), vec![3, 5]);
        let long: Vec<u32> = (0..1000).collect();
        assert_eq!(intersect(&[5, 500, 2000], &long), vec![5, 500]);
        assert_eq!(intersect(&long, &[]), Vec::<u32>::new());
    }

    #[test]
    fn intersect_all_and_union() {
        let a: &[u32] = &[1, 2, 3, 9];
        let b: &[u32] = &[2, 3, 4];
        let c: &[u32] = &[3, 9];
        assert_eq!(intersect_all(vec![a, b, c]), vec![3]);
        assert_eq!(union_all(&[a, b], 10), vec![1, 2, 3, 4, 9]);
        assert_eq!(intersect_all(vec![]), Vec::<u32>::new());
    }
}
