//! Reads the short Chinese form of opening hours used in census sheets.
//!
//! The text is a list of sentences (split by ；。 or line breaks), each a
//! list of clauses (split by commas). Text in brackets is a clause of its
//! own that follows the clause it is in, except a date range after a
//! season name. Each clause is one of:
//!
//! - periods for some days: `周二至周日 09:00-17:00`, `每天 9点-17点`,
//!   `上午9:00-12:00`, `全天开放`. A clause without days continues the
//!   days of the clause before it, or else means every day;
//! - a season header and its periods: `夏季（5月1日-10月31日）：09:00-18:00`.
//!   Periods that follow belong to the season until the next header;
//! - last entry: `16:30停止入场`, applied to the period that contains it;
//! - closures: `周一闭馆`, `除夕至正月初二闭馆`, `春节期间闭馆`,
//!   `每年1月1日闭馆`, `2025年10月1日闭馆`. A closing weekday applies to
//!   the regular week and to every season;
//! - public holidays: `法定节假日闭馆`, `法定节假日 09:00-16:00`,
//!   `（法定节假日除外）`, `节假日照常开放`. 照常开放 in the same sentence as
//!   a closing weekday (`周一闭馆，节假日照常开放`) means the closing weekday
//!   opens on holidays, as 除外 does. In a sentence of its own it keeps the
//!   regular schedule;
//! - make-up workdays: `调休上班日闭馆`, `调休上班日按周五开放`;
//! - dated periods: `2025年12月31日 09:00-12:00`.

use chrono::Weekday;

use super::items::{Item, ItemError, read_items};
use super::lexer::{Lexeme, Token, Word, lex};
use super::{HolidayRule, OpeningHours};
use crate::i18n::Text;

mod closures;
mod draft;
mod periods;

use draft::Draft;

/// A complete example, shown in every error.
pub const EXAMPLE: &str = "周二至周日 09:00-17:00（16:30停止入场）；周一闭馆（法定节假日除外）";

/// Maximum text length accepted, in characters.
const MAX_TEXT_CHARS: usize = 500;

/// One clause and its character span in the input.
struct Clause {
    lexemes: Vec<Lexeme>,
    start: usize,
    end: usize,
}

/// Parses the Chinese text form; see the module documentation for the
/// phrases it reads.
///
/// # Errors
///
/// Returns a message that quotes the part that could not be read and shows
/// an example, or names the invalid period or date.
pub fn parse(text: &str) -> Result<OpeningHours, Text> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > MAX_TEXT_CHARS {
        return Err(Text::new(
            format!("开放时间过长（{} 字），请精简到 {MAX_TEXT_CHARS} 字以内", chars.len()),
            format!(
                "The opening hours are too long ({} characters); shorten them to {MAX_TEXT_CHARS}",
                chars.len()
            ),
        ));
    }
    if text.trim().is_empty() {
        return Err(Text::new(
            format!("开放时间为空。请按示例填写：{EXAMPLE}"),
            format!("The opening hours are empty. Follow the example: {EXAMPLE}"),
        ));
    }

    let quote = |start: usize, end: usize| -> String { chars[start..end.min(chars.len())].iter().collect() };
    let lexemes = lex(text).map_err(|at| {
        let (start, end) = surrounding_clause(&chars, at);
        unreadable(&quote(start, end))
    })?;
    let sentences = split(&lexemes).map_err(|(start, end)| unreadable(&quote(start, end)))?;

    let mut draft = Draft::default();
    for sentence in sentences {
        draft.start_sentence();
        for clause in sentence {
            let part = quote(clause.start, clause.end);
            let items = read_items(&clause.lexemes).map_err(|error| item_error(&part, error))?;
            draft.apply(items, &part)?;
        }
    }
    draft.finish()
}

/// Builds the message for a part that could not be read.
pub(crate) fn unreadable(part: &str) -> Text {
    Text::new(
        format!("无法识别“{}”。请按示例填写：{EXAMPLE}", part.trim()),
        format!("Could not read \"{}\". Follow the example: {EXAMPLE}", part.trim()),
    )
}

fn item_error(part: &str, error: ItemError) -> Text {
    match error {
        ItemError::Unreadable => unreadable(part),
        ItemError::Backwards(start, end) => Text::new(
            format!("“{part}”中的时段 {start}-{end} 结束时间不晚于开始时间，请写成 09:00-17:00 这样的时段"),
            format!("The period {start}-{end} in \"{part}\" does not end after it starts; write it like 09:00-17:00"),
        ),
        ItemError::BadDate => Text::new(
            format!("“{part}”中的日期无效，请写成 2025年10月1日、2025年10月1日至7日 或 5月1日"),
            format!("The date in \"{part}\" is invalid; write it like 2025年10月1日, 2025年10月1日至7日 or 5月1日"),
        ),
    }
}

/// Character span of the clause around offset `at`.
fn surrounding_clause(chars: &[char], at: usize) -> (usize, usize) {
    let is_separator = |c: &char| matches!(c, '，' | ',' | '；' | ';' | '。' | '\n');
    let start = chars[..at].iter().rposition(is_separator).map_or(0, |i| i + 1);
    let end = chars[at..]
        .iter()
        .position(is_separator)
        .map_or(chars.len(), |i| at + i);
    (start, end)
}

/// Splits lexemes into sentences of clauses.
///
/// A clause also ends where a new list of days starts after a time, so
/// `周一至周五 9:00-17:00 周六 10:00-16:00` reads as two clauses.
///
/// # Errors
///
/// Returns the span of an unmatched or nested bracket.
fn split(lexemes: &[Lexeme]) -> Result<Vec<Vec<Clause>>, (usize, usize)> {
    let mut sentences = Vec::new();
    let mut sentence = Vec::new();
    let mut current: Vec<Lexeme> = Vec::new();
    let mut asides: Vec<Vec<Lexeme>> = Vec::new();

    let mut index = 0;
    while index < lexemes.len() {
        let lexeme = lexemes[index];
        match lexeme.token {
            Token::OpenParen => {
                let close = lexemes[index + 1..]
                    .iter()
                    .position(|l| matches!(l.token, Token::OpenParen | Token::CloseParen))
                    .map(|offset| index + 1 + offset)
                    .filter(|close| lexemes[*close].token == Token::CloseParen)
                    .ok_or((lexeme.start, lexeme.end))?;
                let inner = &lexemes[index + 1..close];
                if is_date_range(inner) {
                    current.extend_from_slice(inner);
                } else {
                    let parts = inner.split(|l| matches!(l.token, Token::ClauseSep | Token::SentenceSep));
                    asides.extend(parts.filter(|part| !part.is_empty()).map(<[Lexeme]>::to_vec));
                }
                index = close + 1;
                continue;
            }
            Token::CloseParen => return Err((lexeme.start, lexeme.end)),
            Token::ClauseSep => flush(&mut current, &mut asides, &mut sentence),
            Token::SentenceSep => {
                flush(&mut current, &mut asides, &mut sentence);
                if !sentence.is_empty() {
                    sentences.push(std::mem::take(&mut sentence));
                }
            }
            token => {
                if starts_days(token, current.last()) && current.iter().any(|l| is_time(l.token)) {
                    flush(&mut current, &mut asides, &mut sentence);
                }
                current.push(lexeme);
            }
        }
        index += 1;
    }

    flush(&mut current, &mut asides, &mut sentence);
    if !sentence.is_empty() {
        sentences.push(sentence);
    }
    Ok(sentences)
}

fn flush(current: &mut Vec<Lexeme>, asides: &mut Vec<Vec<Lexeme>>, sentence: &mut Vec<Clause>) {
    let parts = std::iter::once(std::mem::take(current)).chain(asides.drain(..));
    for lexemes in parts {
        if let (Some(first), Some(last)) = (lexemes.first(), lexemes.last()) {
            let (start, end) = (first.start, last.end);
            sentence.push(Clause { lexemes, start, end });
        }
    }
}

fn is_time(token: Token) -> bool {
    matches!(token, Token::Time(_) | Token::Word(Word::Hour))
}

/// Returns whether `token` starts a new list of days, given the token before it.
fn starts_days(token: Token, previous: Option<&Lexeme>) -> bool {
    let continues_list = matches!(
        previous.map(|l| l.token),
        Some(Token::Dash | Token::ListSep | Token::Weekday(_) | Token::Word(Word::EveryWeek))
    );
    match token {
        Token::Weekday(_) => !continues_list,
        Token::Word(Word::EveryDay | Word::EveryWeek | Word::Workdays | Word::Weekend) => true,
        _ => false,
    }
}

/// Returns whether bracketed lexemes are only a range of days of the year, as in
/// 夏季（5月1日-10月31日）.
fn is_date_range(inner: &[Lexeme]) -> bool {
    let allowed = |l: &Lexeme| {
        matches!(
            l.token,
            Token::Number(_) | Token::Dash | Token::Word(Word::Year | Word::Month | Word::Day)
        )
    };
    inner.iter().all(allowed) && inner.iter().any(|l| l.token == Token::Word(Word::Month))
}

/// Returns all seven weekdays, for clauses without days.
fn every_day() -> Vec<Weekday> {
    super::WEEK.to_vec()
}

/// Returns the holiday rule a clause with the holiday keyword sets.
fn holiday_rule(items: &[Item], closing_in_sentence: bool) -> Option<HolidayRule> {
    let has = |word| items.contains(&Item::Word(word));
    if has(Word::Except) {
        return Some(HolidayRule::OpenOnClosingWeekdays);
    }
    if has(Word::Closed) {
        return Some(HolidayRule::Closed);
    }
    if has(Word::Open) || has(Word::AsUsual) {
        return Some(if closing_in_sentence {
            HolidayRule::OpenOnClosingWeekdays
        } else {
            HolidayRule::AsUsual
        });
    }
    None
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
