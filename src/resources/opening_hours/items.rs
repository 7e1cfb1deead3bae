//! The phrases of one clause: weekdays, time ranges, dates and keywords.

use chrono::{NaiveDate, Weekday};

use super::lexer::{Lexeme, Token, Word};
use super::{AnnualClosure, ClockTime, MonthDay, TimeRange};

mod dates;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    Days(Vec<Weekday>),
    /// 每天, 全年: all seven weekdays.
    AllWeek,
    Range(TimeRange),
    Time(ClockTime),
    /// 全天, 24小时.
    AllDay,
    /// A date or an expanded range of dates.
    Dates(Vec<NaiveDate>),
    MonthDay(MonthDay),
    /// A range of days of the year, as in a season header.
    MonthDays(MonthDay, MonthDay),
    Lunar(Vec<AnnualClosure>),
    Festival(&'static str),
    Season(&'static str),
    Word(Word),
}

/// Reason a clause cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ItemError {
    Unreadable,
    /// A time range that ends before it starts.
    Backwards(ClockTime, ClockTime),
    /// A date that does not exist, or a range of dates that runs backwards
    /// or is too long.
    BadDate,
}

/// Reads the phrases of a clause.
pub(crate) fn read_items(lexemes: &[Lexeme]) -> Result<Vec<Item>, ItemError> {
    let mut cursor = Cursor {
        tokens: lexemes.iter().map(|l| l.token).collect(),
        at: 0,
    };
    let mut items = Vec::new();
    while let Some(token) = cursor.peek() {
        let item = match token {
            Token::ListSep | Token::Colon => {
                cursor.at += 1;
                continue;
            }
            Token::Weekday(_) => Item::Days(cursor.days()?),
            Token::Word(Word::EveryWeek) => {
                cursor.at += 1;
                match cursor.peek() {
                    Some(Token::Weekday(_)) => Item::Days(cursor.days()?),
                    _ => Item::AllWeek,
                }
            }
            Token::Word(Word::EveryDay | Word::AllYear) => cursor.single(Item::AllWeek),
            Token::Word(Word::Workdays) => cursor.single(Item::Days(vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ])),
            Token::Word(Word::Weekend) => cursor.single(Item::Days(vec![Weekday::Sat, Weekday::Sun])),
            Token::Word(Word::AllDay) => cursor.single(Item::AllDay),
            Token::Word(Word::Eve | Word::FirstMonth | Word::LunarDay(_)) => Item::Lunar(cursor.lunar()?),
            Token::Word(Word::Festival(name)) => cursor.single(Item::Festival(name)),
            Token::Word(Word::Season(name)) => cursor.single(Item::Season(name)),
            Token::Number(_) if cursor.peek_at(1) == Some(Token::Word(Word::Hours)) => {
                if cursor.peek() != Some(Token::Number(24)) {
                    return Err(ItemError::Unreadable);
                }
                cursor.at += 2;
                Item::AllDay
            }
            Token::Number(_) if is_date_start(&cursor) => cursor.dates()?,
            Token::Time(_) | Token::Number(_) | Token::Word(Word::Morning | Word::Noon | Word::Afternoon) => {
                cursor.time_or_range()?
            }
            Token::Word(
                word @ (Word::Closed
                | Word::Open
                | Word::LastEntry
                | Word::Holiday
                | Word::Except
                | Word::AsUsual
                | Word::Follow
                | Word::Makeup),
            ) => cursor.single(Item::Word(word)),
            _ => return Err(ItemError::Unreadable),
        };
        items.push(item);
    }
    Ok(items)
}

fn is_date_start(cursor: &Cursor) -> bool {
    let next = cursor.peek_at(1);
    let iso = matches!(cursor.peek(), Some(Token::Number(year)) if year >= 1000) && next == Some(Token::Dash);
    iso || matches!(next, Some(Token::Word(Word::Year | Word::Month)))
}

struct Cursor {
    tokens: Vec<Token>,
    at: usize,
}

impl Cursor {
    fn peek(&self) -> Option<Token> {
        self.tokens.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<Token> {
        self.tokens.get(self.at + offset).copied()
    }

    fn eat(&mut self, token: Token) -> bool {
        let found = self.peek() == Some(token);
        if found {
            self.at += 1;
        }
        found
    }

    fn single(&mut self, item: Item) -> Item {
        self.at += 1;
        item
    }

    fn number(&mut self) -> Result<u32, ItemError> {
        match self.peek() {
            Some(Token::Number(value)) => {
                self.at += 1;
                Ok(value)
            }
            _ => Err(ItemError::Unreadable),
        }
    }

    fn expect(&mut self, token: Token) -> Result<(), ItemError> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(ItemError::Unreadable)
        }
    }

    /// 周一、周三至周五: a list of weekdays and weekday ranges, which may
    /// wrap the week end (周五至周一).
    fn days(&mut self) -> Result<Vec<Weekday>, ItemError> {
        let mut days = Vec::new();
        while let Some(Token::Weekday(first)) = self.peek() {
            self.at += 1;
            let mut last = first;
            if let (Some(Token::Dash), Some(Token::Weekday(end))) = (self.peek(), self.peek_at(1)) {
                self.at += 2;
                last = end;
            }
            let mut day = first;
            loop {
                if !days.contains(&day) {
                    days.push(day);
                }
                if day == last {
                    break;
                }
                day = day.succ();
            }
            if self.peek() == Some(Token::ListSep) && matches!(self.peek_at(1), Some(Token::Weekday(_))) {
                self.at += 1;
            }
        }
        Ok(days)
    }

    /// 除夕, 正月初一, 除夕至正月初三, 初一至初三.
    fn lunar(&mut self) -> Result<Vec<AnnualClosure>, ItemError> {
        let start = self.lunar_day()?;
        let end = if self.eat(Token::Dash) {
            self.lunar_day()?
        } else {
            start
        };
        if end < start {
            return Err(ItemError::BadDate);
        }
        Ok((start..=end)
            .map(|day| match day {
                0 => AnnualClosure::LunarNewYearEve,
                day => AnnualClosure::LunarFirstMonth { day },
            })
            .collect())
    }

    /// 0 for 除夕, else the day of the first lunar month.
    fn lunar_day(&mut self) -> Result<u32, ItemError> {
        if self.eat(Token::Word(Word::Eve)) {
            return Ok(0);
        }
        self.eat(Token::Word(Word::FirstMonth));
        match self.peek() {
            Some(Token::Word(Word::LunarDay(day))) => {
                self.at += 1;
                Ok(day)
            }
            _ => Err(ItemError::Unreadable),
        }
    }

    /// Reads a time, or a range of two. 下午 and 中午 add 12 hours to times
    /// before noon, and the end inherits the period of the start when it
    /// has none (下午2点-5点).
    fn time_or_range(&mut self) -> Result<Item, ItemError> {
        let (start, period) = self.time(None)?;
        if !self.eat(Token::Dash) {
            return Ok(Item::Time(start));
        }
        let (end, _) = self.time(period)?;
        TimeRange::new(start, end)
            .map(Item::Range)
            .ok_or(ItemError::Backwards(start, end))
    }

    fn time(&mut self, inherited: Option<Word>) -> Result<(ClockTime, Option<Word>), ItemError> {
        let period = match self.peek() {
            Some(Token::Word(word @ (Word::Morning | Word::Noon | Word::Afternoon))) => {
                self.at += 1;
                Some(word)
            }
            _ => inherited,
        };

        let (hour, minute) = match self.peek() {
            Some(Token::Time(time)) => {
                self.at += 1;
                (time.hour(), time.minute())
            }
            Some(Token::Number(hour)) => {
                self.at += 1;
                self.expect(Token::Word(Word::Hour))?;
                let minute = if self.eat(Token::Word(Word::Half)) {
                    30
                } else if let Some(Token::Number(minute)) = self.peek() {
                    self.at += 1;
                    self.eat(Token::Word(Word::Minute));
                    minute
                } else {
                    0
                };
                (hour, minute)
            }
            _ => return Err(ItemError::Unreadable),
        };

        let hour = match period {
            Some(Word::Afternoon) if hour < 12 => hour + 12,
            Some(Word::Noon) if hour < 6 => hour + 12,
            _ => hour,
        };
        let time = ClockTime::new(hour, minute).ok_or(ItemError::Unreadable)?;
        Ok((time, period))
    }
}
