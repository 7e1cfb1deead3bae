//! Recent search results, reused while the index is unchanged.
//!
//! The same search comes again and again: the first page of the directory,
//! a class following one link, a popular word such as 科技. A broad query
//! costs a few milliseconds, its result page a few hundred bytes. A result
//! is reused only at the index generation it was computed at, so it is
//! always what a new search would return.

use std::collections::HashMap;

use super::document::{Query, SearchResult};

/// Results kept at most; a full cache is emptied, not evicted one by one.
const MAX_RESULTS: usize = 1024;

#[derive(Debug, Default)]
pub(crate) struct ResultCache {
    results: HashMap<String, (u64, SearchResult)>,
}

impl ResultCache {
    /// Returns the result of the search under `key` if it was computed at
    /// `generation`.
    pub(crate) fn get(&self, key: &str, generation: u64) -> Option<SearchResult> {
        match self.results.get(key) {
            Some((at, result)) if *at == generation => Some(result.clone()),
            _ => None,
        }
    }

    /// Keeps a result computed at `generation`.
    pub(crate) fn put(&mut self, key: String, generation: u64, result: SearchResult) {
        if self.results.len() >= MAX_RESULTS && !self.results.contains_key(&key) {
            self.results.clear();
        }
        self.results.insert(key, (generation, result));
    }
}

/// Builds the cache key from every part of a query that changes its
/// result. The calendar of an "open on" filter counts by its address,
/// because the directory always passes the one static calendar.
pub(crate) fn key_of(query: &Query) -> String {
    let open_on = query
        .open_on
        .as_ref()
        .map(|open| (open.date, std::ptr::from_ref(open.calendar) as usize));
    format!(
        "{:?}",
        (
            &query.text,
            &query.region_scope,
            &query.resource_types,
            &query.themes,
            &query.stages,
            &query.fees,
            open_on,
            query.origin,
            query.sort,
            query.page,
            query.page_size,
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{GeoPoint, SortOrder};

    fn result(total: usize) -> SearchResult {
        SearchResult {
            total,
            page: 1,
            page_size: 20,
            ids: vec![1, 2],
            distances_m: vec![None, None],
        }
    }

    #[test]
    fn results_are_kept_per_generation() {
        let mut cache = ResultCache::default();
        cache.put("a".into(), 4, result(2));
        assert_eq!(cache.get("a", 4), Some(result(2)));
        assert_eq!(cache.get("a", 5), None, "the index changed since");
        assert_eq!(cache.get("b", 4), None);
    }

    #[test]
    fn every_query_part_changes_the_key() {
        let base = Query {
            text: "科技".into(),
            ..Query::default()
        };
        let variants = [
            Query {
                text: "科技馆".into(),
                ..base.clone()
            },
            Query {
                region_scope: Some("110000".into()),
                ..base.clone()
            },
            Query {
                origin: GeoPoint::new(39.9, 116.4),
                ..base.clone()
            },
            Query {
                sort: SortOrder::Newest,
                ..base.clone()
            },
            Query {
                page: 2,
                ..base.clone()
            },
        ];
        for variant in &variants {
            assert_ne!(key_of(variant), key_of(&base), "{variant:?}");
        }
        assert_eq!(key_of(&base.clone()), key_of(&base));
    }
}
