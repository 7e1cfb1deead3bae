//! Text normalisation shared by documents and queries, so that both sides
//! compare the same characters.
//!
//! Full-width forms become ASCII (ＡＢＣ１２３ is abc123), letters are
//! lowercased, and every character that is neither a CJK ideograph nor a
//! letter or digit separates words. CJK ideographs are kept as a run across
//! spaces and punctuation, because Chinese is written without spaces and a
//! stray space (科技　馆) should not split a word.

/// Returns whether `c` is a CJK ideograph, including extension blocks
/// and 〇.
pub fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF
    )
}

/// Folds full-width ASCII and the ideographic space to ASCII, and
/// lowercases letters.
pub fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if c.is_uppercase() {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// A piece of normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Consecutive CJK ideographs; separators inside the run are dropped.
    Cjk(Vec<char>),
    /// A run of letters and digits other than CJK, lowercased.
    Word(String),
}

/// Splits `text` into CJK runs and words. A word ends at any separator; a
/// CJK run ends only at a word character.
pub fn segments(text: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut word = String::new();

    for c in text.chars().map(fold) {
        if is_cjk(c) {
            if !word.is_empty() {
                segments.push(Segment::Word(std::mem::take(&mut word)));
            }
            run.push(c);
        } else if c.is_alphanumeric() {
            if !run.is_empty() {
                segments.push(Segment::Cjk(std::mem::take(&mut run)));
            }
            word.push(c);
        } else if !word.is_empty() {
            segments.push(Segment::Word(std::mem::take(&mut word)));
        }
    }

    if !run.is_empty() {
        segments.push(Segment::Cjk(run));
    }
    if !word.is_empty() {
        segments.push(Segment::Word(word));
    }
    segments
}

/// Removes separators and folds the rest, keeping CJK and word characters.
/// Used to compare a query with a name as a whole.
pub fn compact(text: &str) -> String {
    text.chars()
        .map(fold)
        .filter(|c| is_cjk(*c) || c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_folds_to_ascii() {
        assert_eq!(compact("ＡＢＣ１２３"), "abc123");
        assert_eq!(compact("科技　馆（浦东）！"), "科技馆浦东");
    }

    #[test]
    fn cjk_run_spans_separators() {
        assert_eq!(segments("科技　馆"), vec![Segment::Cjk(vec!['科', '技', '馆'])]);
        assert_eq!(
            segments("3D打印，VR体验"),
            vec![
                Segment::Word("3d".into()),
                Segment::Cjk(vec!['打', '印']),
                Segment::Word("vr".into()),
                Segment::Cjk(vec!['体', '验']),
            ]
        );
    }

    #[test]
    fn words_split_on_space() {
        assert_eq!(
            segments("Ke Ji  guan"),
            vec![
                Segment::Word("ke".into()),
                Segment::Word("ji".into()),
                Segment::Word("guan".into())
            ]
        );
    }

    #[test]
    fn cjk_detection() {
        assert!(is_cjk('馆'));
        assert!(is_cjk('〇'));
        assert!(is_cjk('\u{20000}'));
        assert!(!is_cjk('、'));
        assert!(!is_cjk('a'));
    }
}
