//! The schedule being assembled, clause by clause.

use chrono::{NaiveDate, Weekday};

use super::{EXAMPLE, unreadable};
use crate::i18n::Text;
use crate::resources::opening_hours::items::Item;
use crate::resources::opening_hours::lexer::Word;
use crate::resources::opening_hours::{ClockTime, HolidayRule, OpeningHours, Season, TimeRange, WeeklyHours};

/// Destination of the periods of a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    /// The regular week (`None`) or a season, by index.
    Week(Option<usize>),
    Dates(Vec<NaiveDate>),
    Holidays,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Selection {
    pub(super) target: Target,
    pub(super) days: Vec<Weekday>,
}

#[derive(Debug, Default)]
pub(super) struct Draft {
    pub(super) hours: OpeningHours,
    /// Index of the season whose header came last.
    pub(super) season: Option<usize>,
    pub(super) closing: Vec<Weekday>,
    /// Days of the previous clause when it set periods or named open days,
    /// for a following clause without days.
    pub(super) previous: Option<Selection>,
    /// Destination of the last periods, for a following 停止入场.
    pub(super) last_periods: Option<Selection>,
    /// An opening time waiting for its closing time (9:00开馆，17:00闭馆).
    pub(super) pending_open: Option<(Selection, ClockTime)>,
    pub(super) closing_in_sentence: bool,
}

impl Draft {
    pub(super) fn start_sentence(&mut self) {
        self.closing_in_sentence = false;
    }

    /// Applies one clause; `part` is its text, quoted in errors.
    pub(super) fn apply(&mut self, mut items: Vec<Item>, part: &str) -> Result<(), Text> {
        // A season header alone, or 冬季（11月1日-次年3月31日）：闭馆, leaves the
        // season's week closed.
        if self.take_season_header(&mut items, part)? && only(&items, |item| *item == Item::Word(Word::Closed)) {
            return Ok(());
        }

        let has = |word| items.contains(&Item::Word(word));
        let has_periods = items.iter().any(|item| matches!(item, Item::Range(_) | Item::AllDay));
        if has(Word::Makeup) {
            self.previous = None;
            return self.apply_makeup(&items, part);
        }
        if has(Word::LastEntry) {
            return self.apply_last_entry(items, part);
        }
        if has(Word::Holiday) {
            self.previous = None;
            return self.apply_holiday(&items, part);
        }
        if has(Word::Closed) && !has_periods {
            return self.apply_closure(&items, part);
        }
        if has_periods {
            return self.apply_periods(&items, part);
        }
        if has(Word::Open) || has(Word::AsUsual) {
            return self.apply_open(&items, part);
        }
        Err(unreadable(part))
    }

    /// Starts a season when the clause begins with `[name] 5月1日-10月31日`,
    /// and removes the header from `items`.
    pub(super) fn take_season_header(&mut self, items: &mut Vec<Item>, part: &str) -> Result<bool, Text> {
        let named = matches!(items.first(), Some(Item::Season(_)));
        let dates_at = usize::from(named);
        let Some(Item::MonthDays(from, to)) = items.get(dates_at).cloned() else {
            if named
                || items
                    .iter()
                    .any(|item| matches!(item, Item::Season(_) | Item::MonthDays(..)))
            {
                return Err(Text::new(
                    format!("“{part}”缺少季节的起止日期，请写成 夏季（5月1日-10月31日）：09:00-18:00"),
                    format!("\"{part}\" lacks the season's dates; write it like 夏季（5月1日-10月31日）：09:00-18:00"),
                ));
            }
            return Ok(false);
        };

        let name = match items.first() {
            Some(Item::Season(name)) => (*name).to_owned(),
            _ => String::new(),
        };
        self.hours.seasons.push(Season {
            name,
            from,
            to,
            weekly: WeeklyHours::default(),
        });
        self.season = Some(self.hours.seasons.len() - 1);
        self.previous = None;
        items.drain(..=dates_at);
        Ok(true)
    }

    /// Applies the closing weekdays, orders periods and validates.
    pub(super) fn finish(mut self) -> Result<OpeningHours, Text> {
        let closing = std::mem::take(&mut self.closing);
        let hours = &mut self.hours;
        for day in &closing {
            hours.weekly.set(*day, Vec::new());
            for season in &mut hours.seasons {
                season.weekly.set(*day, Vec::new());
            }
        }

        let weeks = std::iter::once(&mut hours.weekly).chain(hours.seasons.iter_mut().map(|s| &mut s.weekly));
        let mut any_open = false;
        let mut any_closing_weekday = false;
        for week in weeks {
            for ranges in week_lists(week) {
                ranges.sort_by_key(|range| range.start);
            }
            any_open |= !week.is_closed_all_week();
            any_closing_weekday |= week.days_mut().any(|ranges| ranges.is_empty());
        }
        // Without a closing weekday, 法定节假日除外 changes nothing. Storing
        // it as the default keeps equal schedules equal.
        if hours.holidays == HolidayRule::OpenOnClosingWeekdays && !any_closing_weekday {
            hours.holidays = HolidayRule::AsUsual;
        }
        for exception in &mut hours.exceptions {
            exception.hours.sort_by_key(|range| range.start);
        }
        hours.exceptions.sort_by_key(|exception| exception.date);

        if !any_open {
            return Err(Text::new(
                format!("没有找到开放时段。请按示例填写：{EXAMPLE}"),
                format!("No opening period was found. Follow the example: {EXAMPLE}"),
            ));
        }
        hours.validate()?;
        Ok(self.hours)
    }
}

/// Collects the seven period lists of a week, Monday first.
pub(super) fn week_lists(week: &mut WeeklyHours) -> Vec<&mut Vec<TimeRange>> {
    week.days_mut().collect()
}

/// Collects the periods a clause names; 全天 is 00:00-24:00.
pub(super) fn periods(items: &[Item]) -> Vec<TimeRange> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Range(range) => Some(*range),
            Item::AllDay => Some(TimeRange::all_day()),
            _ => None,
        })
        .collect()
}

pub(super) fn push_unique<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Returns whether every item passes `allowed`.
pub(super) fn only(items: &[Item], allowed: impl Fn(&Item) -> bool) -> bool {
    items.iter().all(allowed)
}
