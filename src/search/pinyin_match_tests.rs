use std::collections::HashMap;

use super::*;
use crate::search::normalize::is_cjk;

fn syllables(name: &str) -> Vec<ReadingSetId> {
    let table = PinyinTable::get();
    name.chars()
        .filter(|c| is_cjk(*c))
        .map(|c| table.set_of(c).unwrap_or(NO_READING))
        .collect()
}

fn matched(name: &str, query: &str) -> Option<PinyinMatch> {
    match_name(PinyinTable::get(), &syllables(name), query.as_bytes())
}

#[test]
fn full_spelling_and_initials() {
    assert_eq!(matched("科技馆", "kejiguan"), Some(PinyinMatch::Whole));
    assert_eq!(matched("科技馆", "kjg"), Some(PinyinMatch::Whole));
    assert_eq!(matched("科技馆", "kejig"), Some(PinyinMatch::Whole));
    assert_eq!(matched("科技馆", "kejigu"), Some(PinyinMatch::Prefix));
    assert_eq!(matched("科技馆", "kj"), Some(PinyinMatch::Prefix));
}

#[test]
fn match_inside_name() {
    assert_eq!(matched("上海科技馆", "kjg"), Some(PinyinMatch::Inside));
    assert_eq!(matched("上海科技馆", "shkjg"), Some(PinyinMatch::Whole));
    assert_eq!(matched("上海科技馆", "shanghaikejiguan"), Some(PinyinMatch::Whole));
    assert_eq!(matched("上海科技馆", "kgj"), None);
    assert_eq!(matched("上海科技馆", "haik"), Some(PinyinMatch::Inside));
}

#[test]
fn polyphone_either_reading() {
    assert_eq!(matched("长沙博物馆", "changsha"), Some(PinyinMatch::Prefix));
    assert_eq!(matched("长沙博物馆", "zhangsha"), Some(PinyinMatch::Prefix));
    assert_eq!(matched("中国银行", "yinhang"), Some(PinyinMatch::Inside));
    assert_eq!(matched("中国银行", "zgyh"), Some(PinyinMatch::Whole));
}

#[test]
fn syllable_boundaries_matter() {
    // xian is one syllable (先) or two (西安).
    assert_eq!(matched("西安", "xian"), Some(PinyinMatch::Whole));
    assert_eq!(matched("先锋", "xian"), Some(PinyinMatch::Prefix));
    // A match may not skip a syllable.
    assert_eq!(matched("科学技术馆", "kejiguan"), None);
}

#[test]
fn long_or_empty_query_never_matches() {
    assert_eq!(matched("科技馆", ""), None);
    let long = "k".repeat(MAX_QUERY_LETTERS + 1);
    assert_eq!(matched("科技馆", &long), None);
}

/// Builds key postings for `names` (slot = position) and returns the
/// candidates of `query`.
fn candidate_slots(names: &[&str], query: &str) -> Vec<u32> {
    let table = PinyinTable::get();
    let mut map: HashMap<u64, Vec<u32>> = HashMap::new();
    for (slot, name) in names.iter().enumerate() {
        for key in name_keys(table, &syllables(name)) {
            map.entry(key).or_default().push(slot as u32);
        }
    }
    candidates(
        table,
        query.as_bytes(),
        |key| map.get(&key).map_or(&[][..], |list| &list[..]),
        names.len(),
    )
}

#[test]
fn candidates_cover_matches() {
    let names = [
        "上海科技馆",
        "中国科学技术馆",
        "北京天文馆",
        "长沙博物馆",
        "科技实践基地",
    ];
    for query in [
        "kjg", "kejiguan", "kejig", "kj", "changsha", "zhangsha", "bwg", "shkjg", "k",
    ] {
        let found = candidate_slots(&names, query);
        for (slot, name) in names.iter().enumerate() {
            if matched(name, query).is_some() {
                assert!(found.contains(&(slot as u32)), "{query} should keep {name}");
            }
        }
    }
    assert_eq!(candidate_slots(&names, "kjg"), vec![0]);
    assert_eq!(candidate_slots(&names, "bwg"), vec![3]);
}
