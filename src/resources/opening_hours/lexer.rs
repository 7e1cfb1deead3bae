//! Tokens of the Chinese opening-hours text form.
//!
//! Full-width forms count as their ASCII twins (０９：００ is 09:00), the
//! dashes - – — ~ ～ 〜 and the words 至 and 到 all join ranges, and filler
//! words such as 开放时间 or 如遇 are dropped. Offsets are in characters of
//! the input, so errors can quote what the user wrote.

use chrono::Weekday;

use super::clock::ClockTime;
use super::words::{LUNAR_DAYS, WORDS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    Number(u32),
    /// `H:MM` or `H.MM`.
    Time(ClockTime),
    Colon,
    /// A range joiner: - – — ~ 至 到.
    Dash,
    /// 、 和 及 与 /
    ListSep,
    /// Comma; separates clauses.
    ClauseSep,
    /// ；。 and line breaks; separate sentences.
    SentenceSep,
    OpenParen,
    CloseParen,
    Weekday(Weekday),
    Word(Word),
}

/// Keywords; each variant lists the words that produce it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    /// 每周: lets a bare 一 … 日 that follows name a weekday.
    EveryWeek,
    EveryDay,
    Workdays,
    Weekend,
    AllYear,
    AllDay,
    /// 小时, as in 24小时开放.
    Hours,
    Closed,
    Open,
    LastEntry,
    Holiday,
    Except,
    AsUsual,
    /// 按 or 同, as in 调休上班日按周五开放.
    Follow,
    Makeup,
    Eve,
    FirstMonth,
    /// 初一 … 初十 of the first lunar month.
    LunarDay(u32),
    /// A public holiday by the name the State Council notice uses.
    Festival(&'static str),
    /// A season name, as written.
    Season(&'static str),
    Year,
    Month,
    Day,
    /// 点 or 时, as in 9点.
    Hour,
    Minute,
    /// 半, as in 9点半.
    Half,
    Morning,
    Noon,
    Afternoon,
    /// Dropped after lexing.
    Filler,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lexeme {
    pub token: Token,
    /// Character offsets in the input, end exclusive.
    pub start: usize,
    pub end: usize,
}

/// Folds full-width ASCII forms and the ideographic space to ASCII.
pub(crate) fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

fn weekday_of(c: char) -> Option<Weekday> {
    Some(match c {
        '一' => Weekday::Mon,
        '二' => Weekday::Tue,
        '三' => Weekday::Wed,
        '四' => Weekday::Thu,
        '五' => Weekday::Fri,
        '六' => Weekday::Sat,
        '日' | '天' => Weekday::Sun,
        _ => return None,
    })
}

/// Splits `text` into lexemes without fillers.
///
/// # Errors
///
/// Returns the character offset of the first character that no token
/// starts with.
pub(crate) fn lex(text: &str) -> Result<Vec<Lexeme>, usize> {
    let chars: Vec<char> = text.chars().map(fold_width).collect();
    let mut lexemes: Vec<Lexeme> = Vec::new();
    let mut at = 0;

    while at < chars.len() {
        let (token, length) = match next_token(&chars, at, day_context(&lexemes)) {
            Some(found) => found,
            None if chars[at].is_whitespace() && chars[at] != '\n' => {
                at += 1;
                continue;
            }
            None => return Err(at),
        };
        if token != Token::Word(Word::Filler) {
            lexemes.push(Lexeme {
                token,
                start: at,
                end: at + length,
            });
        }
        at += length;
    }
    Ok(lexemes)
}

/// Returns whether a bare 一 … 日 here names a weekday: right after a weekday, after
/// 每周, or after a weekday and a joiner (周一至五, 周六、日).
fn day_context(lexemes: &[Lexeme]) -> bool {
    let is_day = |lexeme: Option<&Lexeme>| {
        matches!(
            lexeme.map(|l| l.token),
            Some(Token::Weekday(_) | Token::Word(Word::EveryWeek))
        )
    };
    match lexemes.last().map(|l| l.token) {
        Some(Token::Dash | Token::ListSep) => is_day(lexemes.len().checked_sub(2).and_then(|i| lexemes.get(i))),
        _ => is_day(lexemes.last()),
    }
}

/// Reads the token at `at` and returns it with its length in characters.
fn next_token(chars: &[char], at: usize, day_context: bool) -> Option<(Token, usize)> {
    let c = chars[at];
    if c.is_ascii_digit() {
        return Some(number_or_time(chars, at));
    }

    let punctuation = match c {
        ':' => Some(Token::Colon),
        '-' | '–' | '—' | '~' | '〜' | '至' | '到' => Some(Token::Dash),
        '、' | '和' | '及' | '与' | '/' | '&' => Some(Token::ListSep),
        ',' => Some(Token::ClauseSep),
        ';' | '。' | '\n' => Some(Token::SentenceSep),
        '(' | '【' | '[' => Some(Token::OpenParen),
        ')' | '】' | ']' => Some(Token::CloseParen),
        _ => None,
    };
    if let Some(token) = punctuation {
        return Some((token, 1));
    }

    let rest: String = chars[at..chars.len().min(at + 6)].iter().collect();
    let mut best: Option<(Token, usize)> = None;
    let mut consider = |token: Token, length: usize| {
        if best.is_none_or(|(_, longest)| length > longest) {
            best = Some((token, length));
        }
    };

    for prefix in ["周", "星期", "礼拜"] {
        if let Some(after) = rest.strip_prefix(prefix)
            && let Some(weekday) = after.chars().next().and_then(weekday_of)
        {
            consider(Token::Weekday(weekday), prefix.chars().count() + 1);
        }
    }
    if day_context && let Some(weekday) = weekday_of(c) {
        consider(Token::Weekday(weekday), 1);
    }
    for (day, word) in LUNAR_DAYS.iter().zip(1..) {
        if rest.starts_with(day) {
            consider(Token::Word(Word::LunarDay(word)), 2);
        }
    }
    for (word, token) in WORDS {
        if rest.starts_with(word) {
            consider(Token::Word(*token), word.chars().count());
        }
    }
    best
}

/// Reads a number, or a time written `H:MM` or `H.MM`.
fn number_or_time(chars: &[char], at: usize) -> (Token, usize) {
    let digits = |from: usize| chars[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let value = |from: usize, length: usize| {
        chars[from..from + length].iter().fold(0u32, |acc, c| {
            acc.saturating_mul(10).saturating_add(c.to_digit(10).unwrap_or(0))
        })
    };

    let length = digits(at);
    let hour = value(at, length);
    let separator = chars.get(at + length).copied();
    if length <= 2 && matches!(separator, Some(':' | '.')) {
        let minute_length = digits(at + length + 1);
        if minute_length == 2
            && let Some(time) = ClockTime::new(hour, value(at + length + 1, 2))
        {
            return (Token::Time(time), length + 3);
        }
    }
    (Token::Number(hour), length)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<Token> {
        lex(text).expect("lexes").into_iter().map(|l| l.token).collect()
    }

    #[test]
    fn full_width_time_and_range() {
        let time = |h, m| Token::Time(ClockTime::new(h, m).expect("valid"));
        assert_eq!(
            tokens("０９：００～１７：００"),
            vec![time(9, 0), Token::Dash, time(17, 0)]
        );
        assert_eq!(tokens("9.30至16.00"), vec![time(9, 30), Token::Dash, time(16, 0)]);
    }

    #[test]
    fn bare_weekday_after_joiner() {
        assert_eq!(
            tokens("周一至五"),
            vec![Token::Weekday(Weekday::Mon), Token::Dash, Token::Weekday(Weekday::Fri)]
        );
        assert_eq!(
            tokens("每周六、日"),
            vec![
                Token::Word(Word::EveryWeek),
                Token::Weekday(Weekday::Sat),
                Token::ListSep,
                Token::Weekday(Weekday::Sun)
            ]
        );
        assert_eq!(tokens("星期天"), vec![Token::Weekday(Weekday::Sun)]);
    }

    #[test]
    fn longest_word_wins() {
        assert_eq!(
            tokens("法定节假日除外"),
            vec![Token::Word(Word::Holiday), Token::Word(Word::Except)]
        );
        assert_eq!(
            tokens("开放时间：全年开放"),
            vec![Token::Colon, Token::Word(Word::AllYear), Token::Word(Word::Open)]
        );
        assert_eq!(tokens("周末"), vec![Token::Word(Word::Weekend)]);
    }

    #[test]
    fn unknown_character_offset() {
        assert_eq!(lex("周一闭馆，遇雨顺延"), Err(6));
    }
}
