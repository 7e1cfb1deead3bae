//! Clauses that set opening periods and last entry times.

use chrono::{NaiveDate, Weekday};

use super::draft::{Draft, Selection, Target, only, periods, week_lists};
use super::{every_day, unreadable};
use crate::i18n::Text;
use crate::resources::opening_hours::items::Item;
use crate::resources::opening_hours::lexer::Word;
use crate::resources::opening_hours::{ClockTime, DateException, HolidayRule, TimeRange};

impl Draft {
    pub(super) fn apply_last_entry(&mut self, mut items: Vec<Item>, part: &str) -> Result<(), Text> {
        let times: Vec<ClockTime> = items
            .iter()
            .filter_map(|item| match item {
                Item::Time(time) => Some(*time),
                _ => None,
            })
            .collect();
        let [entry] = times[..] else {
            return Err(unreadable(part));
        };
        items.retain(|item| !matches!(item, Item::Time(_) | Item::Word(Word::LastEntry)));
        if items.iter().any(|item| matches!(item, Item::Range(_) | Item::AllDay)) {
            self.apply_periods(&items, part)?;
        } else if !items.is_empty() {
            return Err(unreadable(part));
        }

        let Some(selection) = self.last_periods.clone() else {
            return Err(Text::new(
                format!("“{part}”之前没有开放时段，请先写时段，例如 09:00-17:00（16:30停止入场）"),
                format!(
                    "No opening period comes before \"{part}\"; write one first, like 09:00-17:00（16:30停止入场）"
                ),
            ));
        };
        let mut found = false;
        for ranges in self.ranges_mut(&selection) {
            for range in ranges
                .iter_mut()
                .filter(|range| range.start < entry && entry <= range.end)
            {
                range.last_entry = Some(entry);
                found = true;
            }
        }
        if !found {
            return Err(Text::new(
                format!("“{part}”中的停止入场时间 {entry} 不在开放时段之内"),
                format!("The last entry time {entry} in \"{part}\" is outside the opening periods"),
            ));
        }
        Ok(())
    }

    /// 17:00闭馆 after 9:00开馆.
    pub(super) fn close_pending(&mut self, end: ClockTime, part: &str) -> Result<(), Text> {
        let Some((selection, start)) = self.pending_open.take() else {
            return Err(Text::new(
                format!("“{part}”只有闭馆时间，请写完整的时段，例如 09:00-17:00"),
                format!("\"{part}\" gives only a closing time; write a whole period, like 09:00-17:00"),
            ));
        };
        let Some(range) = TimeRange::new(start, end) else {
            return Err(Text::new(
                format!("“{part}”的闭馆时间 {end} 不晚于开馆时间 {start}"),
                format!("The closing time {end} in \"{part}\" is not after the opening time {start}"),
            ));
        };
        self.write(&selection, &[range], true);
        Ok(())
    }

    pub(super) fn apply_periods(&mut self, items: &[Item], part: &str) -> Result<(), Text> {
        let allowed = |item: &Item| {
            matches!(
                item,
                Item::Days(_)
                    | Item::AllWeek
                    | Item::Range(_)
                    | Item::AllDay
                    | Item::Dates(_)
                    | Item::Word(Word::Open | Word::AsUsual)
            )
        };
        if !only(items, allowed) {
            return Err(unreadable(part));
        }

        let ranges = periods(items);
        let (selection, replace) = self.selection(items);
        self.write(&selection, &ranges, replace);
        self.previous = Some(selection.clone());
        self.last_periods = Some(selection);
        Ok(())
    }

    /// 全年开放, 周二至周日开放, 9:00开馆 or 春节期间照常开放.
    pub(super) fn apply_open(&mut self, items: &[Item], part: &str) -> Result<(), Text> {
        let allowed = |item: &Item| {
            matches!(
                item,
                Item::Days(_)
                    | Item::AllWeek
                    | Item::Time(_)
                    | Item::Festival(_)
                    | Item::Word(Word::Open | Word::AsUsual)
            )
        };
        let times = items.iter().filter(|item| matches!(item, Item::Time(_))).count();
        if !only(items, allowed) || times > 1 {
            return Err(unreadable(part));
        }

        let (selection, _) = self.selection(items);
        if let Some(Item::Time(start)) = items.iter().find(|item| matches!(item, Item::Time(_))) {
            self.pending_open = Some((selection, *start));
        } else if items.iter().any(|item| matches!(item, Item::Days(_) | Item::AllWeek)) {
            self.previous = Some(selection);
        }
        Ok(())
    }

    /// Returns the days and target a clause names, and whether its periods replace
    /// those days' periods (named days) or add to them (continued days).
    pub(super) fn selection(&self, items: &[Item]) -> (Selection, bool) {
        let dates: Vec<NaiveDate> = items
            .iter()
            .filter_map(|item| match item {
                Item::Dates(dates) => Some(dates.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        if !dates.is_empty() {
            let selection = Selection {
                target: Target::Dates(dates),
                days: Vec::new(),
            };
            return (selection, true);
        }

        let mut days: Vec<Weekday> = Vec::new();
        for item in items {
            match item {
                Item::Days(named) => days.extend(named),
                Item::AllWeek => days.extend(every_day()),
                _ => {}
            }
        }
        if days.is_empty() {
            if let Some(previous) = &self.previous {
                return (previous.clone(), false);
            }
            days = every_day();
        }
        days.sort_by_key(Weekday::num_days_from_monday);
        days.dedup();
        let selection = Selection {
            target: Target::Week(self.season),
            days,
        };
        (selection, true)
    }

    pub(super) fn write(&mut self, selection: &Selection, ranges: &[TimeRange], replace: bool) {
        if let Target::Dates(dates) = &selection.target {
            for date in dates {
                self.set_exception(*date, ranges.to_vec(), replace);
            }
            return;
        }
        for day_ranges in self.ranges_mut(selection) {
            if replace {
                day_ranges.clear();
            }
            day_ranges.extend_from_slice(ranges);
        }
    }

    pub(super) fn set_exception(&mut self, date: NaiveDate, ranges: Vec<TimeRange>, replace: bool) {
        match self
            .hours
            .exceptions
            .iter_mut()
            .find(|exception| exception.date == date)
        {
            Some(exception) if replace => exception.hours = ranges,
            Some(exception) => exception.hours.extend(ranges),
            None => self.hours.exceptions.push(DateException { date, hours: ranges }),
        }
    }

    /// Collects the period lists a selection points to.
    pub(super) fn ranges_mut(&mut self, selection: &Selection) -> Vec<&mut Vec<TimeRange>> {
        match &selection.target {
            Target::Holidays => match &mut self.hours.holidays {
                HolidayRule::Special { hours } => vec![hours],
                _ => Vec::new(),
            },
            Target::Dates(dates) => self
                .hours
                .exceptions
                .iter_mut()
                .filter(|exception| dates.contains(&exception.date))
                .map(|exception| &mut exception.hours)
                .collect(),
            Target::Week(season) => {
                let week = match season.and_then(|index| self.hours.seasons.get_mut(index)) {
                    Some(season) => &mut season.weekly,
                    None => &mut self.hours.weekly,
                };
                let mut lists: Vec<&mut Vec<TimeRange>> = Vec::new();
                for (index, ranges) in week_lists(week).into_iter().enumerate() {
                    if selection
                        .days
                        .iter()
                        .any(|day| day.num_days_from_monday() as usize == index)
                    {
                        lists.push(ranges);
                    }
                }
                lists
            }
        }
    }
}
