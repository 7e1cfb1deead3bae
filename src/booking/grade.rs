//! School grades (年级) as teachers write them, and their school stage (学段).
//!
//! Grades are numbered 1 to 12 across primary (小学 1–6), junior secondary
//! (初中 7–9, also written 初一…初三 or 七…九年级) and senior secondary
//! (高中 10–12, written 高一…高三).
//!
//! NOTE: the stage mapping follows the 六三制 used in most regions. Regions
//! on the 五四制 (five primary years) put 六年级 in junior secondary.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::resources::model::Stage;

/// A grade from 1 (一年级) to 12 (高三).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Grade(u8);

const NUMERALS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

impl Grade {
    /// Builds the grade with this number, if it is between 1 and 12.
    pub fn new(number: u8) -> Option<Grade> {
        (1..=12).contains(&number).then_some(Grade(number))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// Parses the forms teachers write: 三年级, 3年级, 小学三年级, 初一,
    /// 初中一年级, 七年级, 高二, 高中二年级. Spaces and full-width digits are
    /// accepted.
    pub fn parse(text: &str) -> Option<Grade> {
        let text: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '０'..='９' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
                other => other,
            })
            .collect();

        if let Some(rest) = text.strip_prefix("小学") {
            return year_of_school(rest).filter(|n| *n <= 6).and_then(Grade::new);
        }
        for (prefix, offset) in [("初中", 6), ("高中", 9)] {
            if let Some(rest) = text.strip_prefix(prefix) {
                return year_of_school(rest)
                    .filter(|n| *n <= 3)
                    .and_then(|n| Grade::new(n + offset));
            }
        }
        for (prefix, offset) in [('初', 6), ('高', 9)] {
            if let Some(rest) = text.strip_prefix(prefix) {
                return single_numeral(rest)
                    .filter(|n| *n <= 3)
                    .and_then(|n| Grade::new(n + offset));
            }
        }
        year_of_school(&text).and_then(Grade::new)
    }

    pub fn stage(self) -> Stage {
        match self.0 {
            1..=2 => Stage::PrimaryLower,
            3..=4 => Stage::PrimaryMiddle,
            5..=6 => Stage::PrimaryUpper,
            7..=9 => Stage::JuniorSecondary,
            _ => Stage::SeniorSecondary,
        }
    }

    /// The usual name: 三年级, 初一, 高二.
    pub fn label(self) -> Text {
        let n = self.0;
        let numeral = |k: u8| NUMERALS.get(usize::from(k).saturating_sub(1)).copied().unwrap_or('?');
        match n {
            1..=6 => Text::new(format!("{}年级", numeral(n)), format!("grade {n}")),
            7..=9 => Text::new(format!("初{}", numeral(n - 6)), format!("grade {n}")),
            _ => Text::new(format!("高{}", numeral(n - 9)), format!("grade {n}")),
        }
    }
}

/// Reads "N年级" where N is one numeral, 一…九 or 1…9.
fn year_of_school(text: &str) -> Option<u8> {
    single_numeral(text.strip_suffix("年级")?)
}

fn single_numeral(text: &str) -> Option<u8> {
    let mut chars = text.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    if let Some(digit) = c.to_digit(10) {
        return u8::try_from(digit).ok().filter(|d| *d >= 1);
    }
    let index = NUMERALS.iter().position(|numeral| *numeral == c)?;
    u8::try_from(index + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<u8> {
        Grade::parse(text).map(Grade::number)
    }

    #[test]
    fn primary_forms_parse() {
        assert_eq!(parse("一年级"), Some(1));
        assert_eq!(parse("六年级"), Some(6));
        assert_eq!(parse("3年级"), Some(3));
        assert_eq!(parse("３年级"), Some(3));
        assert_eq!(parse("小学五年级"), Some(5));
        assert_eq!(parse(" 二 年级 "), Some(2));
    }

    #[test]
    fn secondary_forms_parse() {
        assert_eq!(parse("初一"), Some(7));
        assert_eq!(parse("初三"), Some(9));
        assert_eq!(parse("七年级"), Some(7));
        assert_eq!(parse("九年级"), Some(9));
        assert_eq!(parse("初中二年级"), Some(8));
        assert_eq!(parse("高一"), Some(10));
        assert_eq!(parse("高3"), Some(12));
        assert_eq!(parse("高中三年级"), Some(12));
    }

    #[test]
    fn invalid_forms_rejected() {
        for text in [
            "",
            "年级",
            "十年级",
            "初四",
            "高中四年级",
            "小学七年级",
            "0年级",
            "12年级",
            "三班",
            "高",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn stages_follow_six_three_system() {
        let stage = |n| Grade::new(n).map(Grade::stage);
        assert_eq!(stage(1), Some(Stage::PrimaryLower));
        assert_eq!(stage(2), Some(Stage::PrimaryLower));
        assert_eq!(stage(3), Some(Stage::PrimaryMiddle));
        assert_eq!(stage(4), Some(Stage::PrimaryMiddle));
        assert_eq!(stage(5), Some(Stage::PrimaryUpper));
        assert_eq!(stage(6), Some(Stage::PrimaryUpper));
        assert_eq!(stage(7), Some(Stage::JuniorSecondary));
        assert_eq!(stage(9), Some(Stage::JuniorSecondary));
        assert_eq!(stage(10), Some(Stage::SeniorSecondary));
        assert_eq!(stage(12), Some(Stage::SeniorSecondary));
        assert_eq!(Grade::new(0), None);
        assert_eq!(Grade::new(13), None);
    }

    #[test]
    fn labels_use_usual_names() {
        let label = |n| Grade::new(n).map(|g| g.label().zh);
        assert_eq!(label(3).as_deref(), Some("三年级"));
        assert_eq!(label(7).as_deref(), Some("初一"));
        assert_eq!(label(11).as_deref(), Some("高二"));
        assert_eq!(Grade::new(11).map(|g| g.label().en).as_deref(), Some("grade 11"));
    }
}
