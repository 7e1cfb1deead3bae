//! Dates in a clause: 2025年10月1日, 2025-10-01, 5月1日 and their ranges.

use chrono::{Datelike, Days, NaiveDate};

use super::{Cursor, Item, ItemError};
use crate::resources::opening_hours::MonthDay;
use crate::resources::opening_hours::lexer::{Token, Word};

/// Maximum run of dates one exception phrase may name, in days.
const MAX_DATE_RUN_DAYS: u64 = 366;

impl Cursor {
    /// 2025年10月1日, 2025-10-01, 5月1日, and ranges of them.
    pub(super) fn dates(&mut self) -> Result<Item, ItemError> {
        if self.peek_at(1) == Some(Token::Word(Word::Month)) {
            let from = self.month_day()?;
            if !self.eat(Token::Dash) {
                return Ok(Item::MonthDay(from));
            }
            let to = if self.peek_at(1) == Some(Token::Word(Word::Day)) {
                let day = self.number()?;
                self.expect(Token::Word(Word::Day))?;
                MonthDay::new(from.month, day).ok_or(ItemError::BadDate)?
            } else {
                self.month_day()?
            };
            return Ok(Item::MonthDays(from, to));
        }

        let first = self.date()?;
        if !self.eat(Token::Dash) {
            return Ok(Item::Dates(vec![first]));
        }
        let last = if self.peek_at(1) == Some(Token::Word(Word::Day)) {
            let day = self.number()?;
            self.expect(Token::Word(Word::Day))?;
            NaiveDate::from_ymd_opt(first.year(), first.month(), day).ok_or(ItemError::BadDate)?
        } else if self.peek_at(1) == Some(Token::Word(Word::Month)) {
            let to = self.month_day()?;
            NaiveDate::from_ymd_opt(first.year(), to.month, to.day).ok_or(ItemError::BadDate)?
        } else {
            self.date()?
        };

        let length = (last - first).num_days();
        if length < 0 || length as u64 >= MAX_DATE_RUN_DAYS {
            return Err(ItemError::BadDate);
        }
        let dates = (0..=length as u64).filter_map(|offset| first.checked_add_days(Days::new(offset)));
        Ok(Item::Dates(dates.collect()))
    }

    pub(super) fn date(&mut self) -> Result<NaiveDate, ItemError> {
        let year = self.number()?;
        let iso = self.eat(Token::Dash);
        if !iso {
            self.expect(Token::Word(Word::Year))?;
        }
        let month = self.number()?;
        if iso {
            self.expect(Token::Dash)?;
        } else {
            self.expect(Token::Word(Word::Month))?;
        }
        let day = self.number()?;
        if !iso {
            self.expect(Token::Word(Word::Day))?;
        }
        let year = i32::try_from(year).map_err(|_| ItemError::BadDate)?;
        NaiveDate::from_ymd_opt(year, month, day).ok_or(ItemError::BadDate)
    }

    pub(super) fn month_day(&mut self) -> Result<MonthDay, ItemError> {
        let month = self.number()?;
        self.expect(Token::Word(Word::Month))?;
        let day = self.number()?;
        self.expect(Token::Word(Word::Day))?;
        MonthDay::new(month, day).ok_or(ItemError::BadDate)
    }
}
