//! Rules for single cells: required text, lengths, vocabularies, numbers.
//! Each rule records a [`RowError`] that names the column and explains what
//! to write instead, and returns `None` when the cell is unusable.

use super::super::columns::Column;
use super::super::raw::{RawCell, RawRow};
use super::super::report::RowError;
use crate::i18n::{Locale, Text};

/// Maximum characters of names, contact names and other one-line texts.
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_ADDRESS_CHARS: usize = 200;
pub const MAX_OPENING_HOURS_CHARS: usize = 500;
/// Maximum characters of the free-text columns (特色优势 …).
pub const MAX_LONG_TEXT_CHARS: usize = 2000;

/// Range of 团体接待人数上限.
pub const MIN_GROUP_CAPACITY: u32 = 1;
pub const MAX_GROUP_CAPACITY: u32 = 10_000;

/// Separators between several themes or stages in one cell.
const LIST_SEPARATORS: [char; 8] = ['、', ',', '，', ';', '；', '/', '／', '|'];

/// The cells of one row and the errors found in them so far.
pub struct RowCheck<'a> {
    row: &'a RawRow,
    pub errors: Vec<RowError>,
}

impl<'a> RowCheck<'a> {
    pub fn new(row: &'a RawRow) -> Self {
        Self {
            row,
            errors: Vec::new(),
        }
    }

    /// Records an error in `column`.
    pub fn error(&mut self, column: Column, zh: String, en: String) {
        self.errors.push(RowError {
            row: self.row.row,
            column: column.header().to_owned(),
            message: Text::new(zh, en),
            duplicate: false,
        });
    }

    /// Returns the trimmed cell text, or `None` when the reader already
    /// reported the cell.
    pub fn raw(&self, column: Column) -> Option<&'a str> {
        match self.row.cell(column) {
            RawCell::Text(text) => Some(text.trim()),
            RawCell::Rejected => None,
        }
    }

    /// Reads a required one-line text. Whitespace runs (line breaks
    /// included) become one space.
    pub fn required_line(&mut self, column: Column, max_chars: usize) -> Option<String> {
        let text = collapse_whitespace(self.raw(column)?);
        if text.is_empty() {
            self.missing(column);
            return None;
        }
        self.within_length(column, text, max_chars)
    }

    /// Reads a required text, kept as written apart from trimming.
    pub fn required_text(&mut self, column: Column, max_chars: usize) -> Option<String> {
        let text = self.raw(column)?;
        if text.is_empty() {
            self.missing(column);
            return None;
        }
        self.within_length(column, text.to_owned(), max_chars)
    }

    /// Reads an optional text: `Some(None)` when blank, `None` when invalid.
    pub fn optional_text(&mut self, column: Column, max_chars: usize) -> Option<Option<String>> {
        let text = self.raw(column)?;
        if text.is_empty() {
            return Some(None);
        }
        self.within_length(column, text.to_owned(), max_chars).map(Some)
    }

    pub fn missing(&mut self, column: Column) {
        let spec = column.spec();
        self.error(
            column,
            format!("“{}”为必填项，请填写", spec.header),
            format!("{} is required; fill it in", spec.english),
        );
    }

    fn within_length(&mut self, column: Column, text: String, max_chars: usize) -> Option<String> {
        let chars = text.chars().count();
        if chars <= max_chars {
            return Some(text);
        }
        let spec = column.spec();
        self.error(
            column,
            format!("“{}”太长（{chars} 字），最多 {max_chars} 字，请精简", spec.header),
            format!(
                "{} is too long ({chars} characters, max {max_chars}); shorten it",
                spec.english
            ),
        );
        None
    }

    /// Parses one value of a closed vocabulary by its Chinese label.
    pub fn one_of<T: Copy>(&mut self, column: Column, parse: fn(&str) -> Option<T>, labels: &[&str]) -> Option<T> {
        let text = self.raw(column)?;
        if text.is_empty() {
            self.missing(column);
            return None;
        }
        match parse(text) {
            Some(value) => Some(value),
            None => {
                self.not_allowed(column, text, labels);
                None
            }
        }
    }

    /// Parses one or more values of a closed vocabulary, separated by 、 or
    /// commas. Repeats are dropped and the order is kept.
    pub fn several_of<T: Copy + PartialEq>(
        &mut self,
        column: Column,
        parse: fn(&str) -> Option<T>,
        labels: &[&str],
    ) -> Option<Vec<T>> {
        let text = self.raw(column)?;
        let mut values = Vec::new();
        let mut unknown = Vec::new();
        for part in text.split(|c: char| LIST_SEPARATORS.contains(&c) || c.is_whitespace()) {
            if part.is_empty() {
                continue;
            }
            match parse(part) {
                Some(value) if !values.contains(&value) => values.push(value),
                Some(_) => {}
                None => unknown.push(part),
            }
        }

        if !unknown.is_empty() {
            self.not_allowed(column, &unknown.join("、"), labels);
            return None;
        }
        if values.is_empty() {
            self.missing(column);
            return None;
        }
        Some(values)
    }

    fn not_allowed(&mut self, column: Column, value: &str, labels: &[&str]) {
        let spec = column.spec();
        let value = excerpt(value);
        self.error(
            column,
            format!("{}“{value}”不在可选范围内，请填写：{}", spec.header, labels.join("、")),
            format!(
                "{} \"{value}\" is not allowed; use one of: {}",
                spec.english,
                labels.join(", ")
            ),
        );
    }

    /// 团体接待人数上限: a whole number in range; a trailing 人 is allowed.
    pub fn group_capacity(&mut self) -> Option<u32> {
        let column = Column::GroupCapacity;
        let raw = self.raw(column)?;
        if raw.is_empty() {
            self.missing(column);
            return None;
        }
        let text = excerpt(raw);

        // Digits, optionally followed by ".0" as a number cell may show.
        let digits = half_width(raw.trim_end_matches('人').trim());
        let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
        let is_whole_number =
            !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) && fraction.bytes().all(|b| b == b'0');
        // Too many digits for u64 is still a whole number, just out of range.
        let value = is_whole_number.then(|| whole.parse::<u64>().unwrap_or(u64::MAX));

        match value {
            Some(n) if (u64::from(MIN_GROUP_CAPACITY)..=u64::from(MAX_GROUP_CAPACITY)).contains(&n) => {
                u32::try_from(n).ok()
            }
            Some(_) => {
                self.error(
                    column,
                    format!("团体接待人数上限“{text}”超出范围，应在 {MIN_GROUP_CAPACITY} 到 {MAX_GROUP_CAPACITY} 之间"),
                    format!(
                        "Max group size \"{text}\" is out of range; use {MIN_GROUP_CAPACITY} to {MAX_GROUP_CAPACITY}"
                    ),
                );
                None
            }
            None => {
                self.error(
                    column,
                    format!("团体接待人数上限“{text}”不是整数，请只填数字，如 200"),
                    format!("Max group size \"{text}\" is not a whole number; write digits only, e.g. 200"),
                );
                None
            }
        }
    }
}

/// Most characters of a cell value quoted in a message.
const EXCERPT_CHARS: usize = 30;

/// Shortens a cell value for quoting in a message, so a pasted essay does
/// not make the report unreadable or exceed Excel's cell size.
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => format!("{}…", text.get(..end).unwrap_or_default()),
        None => text.to_owned(),
    }
}

/// Chinese labels of a vocabulary, for "use one of" messages.
pub fn zh_labels<T: Copy>(all: &[T], label: fn(T, Locale) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|value| label(*value, Locale::Zh)).collect()
}

/// Maps full-width ASCII forms (digits, ．, －) to ASCII.
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::model::Theme;

    fn row_with(column: Column, text: &str) -> RawRow {
        let mut row = RawRow::blank(7);
        row.set(column, RawCell::Text(text.to_owned()));
        row
    }

    #[test]
    fn required_line_collapses_whitespace() {
        let row = row_with(Column::ResourceName, "  故宫\n博物院  ");
        let mut check = RowCheck::new(&row);
        assert_eq!(
            check.required_line(Column::ResourceName, 100).as_deref(),
            Some("故宫 博物院")
        );
        assert!(check.errors.is_empty());
    }

    #[test]
    fn missing_required_names_column() {
        let row = RawRow::blank(7);
        let mut check = RowCheck::new(&row);
        assert_eq!(check.required_line(Column::ResourceName, 100), None);
        assert_eq!(check.errors.len(), 1);
        assert_eq!(check.errors[0].row, 7);
        assert_eq!(check.errors[0].column, "资源名称");
        assert_eq!(check.errors[0].message.zh, "“资源名称”为必填项，请填写");
    }

    #[test]
    fn too_long_text_is_rejected() {
        let row = row_with(Column::Address, &"路".repeat(201));
        let mut check = RowCheck::new(&row);
        assert_eq!(check.required_line(Column::Address, MAX_ADDRESS_CHARS), None);
        assert!(check.errors[0].message.zh.contains("最多 200 字"));
    }

    #[test]
    fn rejected_cell_adds_no_error() {
        let mut row = RawRow::blank(7);
        row.set(Column::ResourceName, RawCell::Rejected);
        let mut check = RowCheck::new(&row);
        assert_eq!(check.required_line(Column::ResourceName, 100), None);
        assert!(check.errors.is_empty());
    }

    #[test]
    fn themes_split_on_separators() {
        let labels = zh_labels(Theme::ALL, Theme::label);
        let row = row_with(Column::Themes, "科学探究、劳动实践，科学探究, 艺术体验");
        let mut check = RowCheck::new(&row);
        let themes = check.several_of(Column::Themes, Theme::from_label, &labels);
        assert_eq!(
            themes,
            Some(vec![Theme::ScienceInquiry, Theme::LabourPractice, Theme::ArtExperience])
        );
    }

    #[test]
    fn unknown_theme_lists_allowed() {
        let labels = zh_labels(Theme::ALL, Theme::label);
        let row = row_with(Column::Themes, "科学探究、科普");
        let mut check = RowCheck::new(&row);
        assert_eq!(check.several_of(Column::Themes, Theme::from_label, &labels), None);
        let message = &check.errors[0].message.zh;
        assert!(message.starts_with("主题“科普”不在可选范围内"), "{message}");
        assert!(message.contains("红色教育、科学探究"), "{message}");
    }

    #[test]
    fn excerpt_shortens_long_values() {
        assert_eq!(excerpt("博物馆"), "博物馆");
        let long = "字".repeat(31);
        assert_eq!(excerpt(&long), format!("{}…", "字".repeat(30)));
    }

    #[test]
    fn capacity_accepts_integers() {
        for (text, expected) in [
            ("200", Some(200)),
            ("200.0", Some(200)),
            ("１５０人", Some(150)),
            ("10000", Some(10_000)),
        ] {
            let row = row_with(Column::GroupCapacity, text);
            let mut check = RowCheck::new(&row);
            assert_eq!(check.group_capacity(), expected, "{text}");
        }
    }

    #[test]
    fn capacity_rejects_bad_values() {
        for text in ["0", "10001", "200.5", "约200", "-5", "1e3", "99999999999999999999999"] {
            let row = row_with(Column::GroupCapacity, text);
            let mut check = RowCheck::new(&row);
            assert_eq!(check.group_capacity(), None, "{text}");
            assert_eq!(check.errors.len(), 1, "{text}");
        }
    }
}
