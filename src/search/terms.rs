//! A query's text split into terms, each of which a result must match.

use super::normalize::{Segment, compact, fold, segments};
use super::pinyin_match::MAX_QUERY_LETTERS;

/// Maximum query length read, in characters; the rest is ignored.
const MAX_QUERY_CHARS: usize = 100;

/// Most terms read; later ones are ignored.
const MAX_TERMS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Term {
    /// CJK characters, all of whose bigrams (or the single character) a
    /// result must contain.
    Cjk(String),
    /// Consecutive Latin words and numbers. A result matches when the
    /// letters, joined, match its name as pinyin, or when each word starts
    /// a word of the result.
    Latin {
        words: Vec<String>,
        /// The words joined, when they are ASCII letters only and short
        /// enough to match as pinyin.
        letters: Option<Vec<u8>>,
    },
}

/// Normalises the query text for comparison with whole names, without
/// separators.
pub(super) fn compact_query(text: &str) -> String {
    compact(&truncated(text))
}

fn truncated(text: &str) -> String {
    text.chars().take(MAX_QUERY_CHARS).collect()
}

/// Splits the text into terms. Spaces separate CJK terms (上海 科技馆 is
/// two terms, and so is 科技　馆), while Latin words separated by spaces
/// stay one term, so `ke ji guan` matches as pinyin.
pub(super) fn terms(text: &str) -> Vec<Term> {
    let text: String = truncated(text).chars().map(fold).collect();
    let mut terms: Vec<Term> = Vec::new();
    let mut latin: Vec<String> = Vec::new();

    for piece in text.split_whitespace() {
        for segment in segments(piece) {
            match segment {
                Segment::Word(word) => latin.push(word),
                Segment::Cjk(run) => {
                    flush_latin(&mut latin, &mut terms);
                    terms.push(Term::Cjk(run.into_iter().collect()));
                }
            }
        }
    }
    flush_latin(&mut latin, &mut terms);
    terms.truncate(MAX_TERMS);
    terms
}

fn flush_latin(words: &mut Vec<String>, terms: &mut Vec<Term>) {
    if words.is_empty() {
        return;
    }
    let joined: String = words.concat();
    let pinyin_like = joined.bytes().all(|b| b.is_ascii_lowercase()) && joined.len() <= MAX_QUERY_LETTERS;
    terms.push(Term::Latin {
        words: std::mem::take(words),
        letters: pinyin_like.then(|| joined.into_bytes()),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin(words: &[&str]) -> Term {
        let joined: String = words.concat();
        Term::Latin {
            words: words.iter().map(|word| (*word).to_owned()).collect(),
            letters: Some(joined.into_bytes()),
        }
    }

    #[test]
    fn spaced_pinyin_is_one_term() {
        assert_eq!(terms("ke ji guan"), vec![latin(&["ke", "ji", "guan"])]);
        assert_eq!(terms("ＫＪＧ"), vec![latin(&["kjg"])]);
    }

    #[test]
    fn mixed_query_splits_by_script() {
        assert_eq!(terms("上海kjg"), vec![Term::Cjk("上海".into()), latin(&["kjg"])]);
        assert_eq!(
            terms("科技　馆"),
            vec![Term::Cjk("科技".into()), Term::Cjk("馆".into())]
        );
        assert_eq!(compact_query("科技　馆"), "科技馆");
    }

    #[test]
    fn numbers_are_not_pinyin() {
        assert_eq!(
            terms("3D 打印"),
            vec![
                Term::Latin {
                    words: vec!["3d".into()],
                    letters: None
                },
                Term::Cjk("打印".into())
            ]
        );
        assert!(terms("，。！").is_empty());
    }
}
