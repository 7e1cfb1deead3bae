//! Full-text search of the public resource directory (资源展示), in memory.
//!
//! Chinese text is indexed as CJK unigrams and bigrams, so two-character
//! words (科技, 博物) and whole names match without a dictionary. A query
//! of Chinese characters matches documents that contain all of its
//! bigrams. Latin queries match names as pinyin, in full (kejiguan, also
//! `ke ji guan`) or by initials (kjg), and words such as VR or 3D literally.
//! Results are ranked: the whole name, then a name prefix, then anywhere in
//! the name, then other fields.
//!
//! The index is built at start-up from published resources and updated on
//! publish and take-down; see [`SharedSearchIndex`].

mod document;
mod execute;
mod filter;
mod index;
mod normalize;
mod pinyin_match;
mod pinyin_table;
mod postings;
mod results;
mod terms;

#[cfg(test)]
mod tests;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

pub use document::{
    DEFAULT_PAGE_SIZE, GeoPoint, MAX_PAGE_SIZE, OpenOn, Query, SearchDocument, SearchResult, SortOrder,
};
pub use index::SearchIndex;
pub use normalize::{compact as normalize_compact, is_cjk};

/// The index shared by request handlers.
///
/// A read-write lock rather than swapping immutable snapshots: publishing
/// one resource changes a few hundred posting lists in microseconds, while
/// a snapshot would copy the whole index (tens of megabytes) per change.
/// Searches take the read lock for about a millisecond and run in
/// parallel. A full rebuild is built outside the lock and swapped in with
/// [`replace`](Self::replace), so readers wait only for the swap.
///
/// A search is CPU work of a few milliseconds at most, so handlers may call
/// it directly on the async runtime.
#[derive(Debug, Clone, Default)]
pub struct SharedSearchIndex {
    inner: Arc<RwLock<SearchIndex>>,
    /// Counts the changes, so cached pages know they are out of date.
    generation: Arc<AtomicU64>,
    /// Recent results, each valid at the generation it was computed at.
    results: Arc<Mutex<results::ResultCache>>,
}

impl SharedSearchIndex {
    pub fn new(index: SearchIndex) -> SharedSearchIndex {
        SharedSearchIndex {
            inner: Arc::new(RwLock::new(index)),
            generation: Arc::default(),
            results: Arc::default(),
        }
    }

    /// Runs `query`, or returns its result from an identical search made
    /// since the index last changed.
    pub fn search(&self, query: &Query) -> SearchResult {
        // The generation is read before the search and raised only after a
        // change is complete, so a result is never kept under a generation
        // newer than the index it was computed on.
        let generation = self.generation();
        let key = results::key_of(query);
        let cached = self
            .results
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key, generation);
        if let Some(result) = cached {
            return result;
        }
        // Writers compute a document's keys before they change the index, so
        // a writer that panicked leaves at worst some keys of one document
        // missing. The lock stays usable rather than failing every search.
        let result = self.inner.read().unwrap_or_else(PoisonError::into_inner).search(query);
        self.results
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .put(key, generation, result.clone());
        result
    }

    /// Adds or replaces a published resource.
    pub fn upsert(&self, document: SearchDocument) {
        self.inner
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .upsert(document);
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Removes a resource taken offline; returns whether it was indexed.
    pub fn remove(&self, id: i64) -> bool {
        let removed = self.inner.write().unwrap_or_else(PoisonError::into_inner).remove(id);
        if removed {
            self.generation.fetch_add(1, Ordering::AcqRel);
        }
        removed
    }

    /// Swaps in a rebuilt index.
    pub fn replace(&self, index: SearchIndex) {
        *self.inner.write().unwrap_or_else(PoisonError::into_inner) = index;
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Returns the number of changes so far, which grows with every change.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Number of indexed resources.
    pub fn len(&self) -> usize {
        self.inner.read().unwrap_or_else(PoisonError::into_inner).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
