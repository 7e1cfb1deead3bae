//! Invariants of [`OpeningHours`], checked after parsing and before saving.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};

use super::names::{weekday_en, weekday_zh};
use super::{AnnualClosure, HolidayRule, MonthDay, OpeningHours, TimeRange, WEEK, WeeklyHours};
use crate::i18n::Text;

/// Highest 正月初N day an annual closure may name.
pub const MAX_LUNAR_FIRST_MONTH_DAY: u32 = 10;

impl OpeningHours {
    /// Checks that every period is valid, the periods of a day are in order
    /// and do not overlap, seasons do not overlap, no date has two
    /// exceptions and annual closures name real days.
    ///
    /// # Errors
    ///
    /// Returns a message that names the first invalid part.
    pub fn validate(&self) -> Result<(), Text> {
        validate_week(&self.weekly)?;
        for season in &self.seasons {
            validate_week(&season.weekly)?;
        }
        validate_seasons(self)?;

        let mut dates = HashSet::new();
        for exception in &self.exceptions {
            if !dates.insert(exception.date) {
                return Err(Text::new(
                    format!("日期 {} 有多条特别安排，请合并为一条", exception.date),
                    format!(
                        "Date {} has more than one exception; merge them into one",
                        exception.date
                    ),
                ));
            }
            validate_day(
                &exception.hours,
                &exception.date.to_string(),
                &exception.date.to_string(),
            )?;
        }

        for closure in &self.annual_closures {
            validate_annual_closure(closure)?;
        }

        if let HolidayRule::Special { hours } = &self.holidays {
            if hours.is_empty() {
                return Err(Text::new(
                    "法定节假日的特别开放时段为空，请填写时段或改为“法定节假日闭馆”",
                    "The special public-holiday hours are empty; add a period or use \"closed on public holidays\"",
                ));
            }
            validate_day(hours, "法定节假日", "public holidays")?;
        }
        Ok(())
    }
}

fn validate_week(week: &WeeklyHours) -> Result<(), Text> {
    for weekday in WEEK {
        validate_day(week.hours(weekday), weekday_zh(weekday), weekday_en(weekday))?;
    }
    Ok(())
}

/// Checks one day's periods; `zh` and `en` name the day in messages.
pub(crate) fn validate_day(ranges: &[TimeRange], zh: &str, en: &str) -> Result<(), Text> {
    for range in ranges {
        if !range.is_valid() {
            let entry = range.last_entry.map(|t| t.to_string()).unwrap_or_default();
            return Err(Text::new(
                format!("{zh}的开放时段“{range}”无效：开始时间须早于结束时间，停止入场时间（{entry}）须在时段之内"),
                format!(
                    "Opening period {range} on {en} is invalid: it must start before it ends, and the last entry ({entry}) must fall inside it"
                ),
            ));
        }
    }

    for pair in ranges.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(Text::new(
                format!(
                    "{zh}的开放时段“{}”与“{}”重叠或顺序颠倒，请按时间先后填写不重叠的时段",
                    pair[0], pair[1]
                ),
                format!(
                    "Opening periods {} and {} on {en} overlap or are out of order; list periods that do not overlap, earliest first",
                    pair[0], pair[1]
                ),
            ));
        }
    }
    Ok(())
}

fn validate_seasons(hours: &OpeningHours) -> Result<(), Text> {
    // Walk every day of a leap year, so 2月29日 is checked too.
    let Some(mut date) = NaiveDate::from_ymd_opt(2024, 1, 1) else {
        return Ok(());
    };
    while date.year() == 2024 {
        let day = MonthDay::of(date);
        let mut containing = hours.seasons.iter().filter(|season| season.contains(day));
        if let (Some(first), Some(second)) = (containing.next(), containing.next()) {
            return Err(Text::new(
                format!(
                    "季节“{}”与“{}”的日期重叠（{}月{}日），请调整起止日期",
                    first.name, second.name, day.month, day.day
                ),
                format!(
                    "Seasons \"{}\" and \"{}\" overlap on {}-{:02}; adjust their start and end dates",
                    first.name, second.name, day.month, day.day
                ),
            ));
        }
        let Some(next) = date.succ_opt() else {
            break;
        };
        date = next;
    }
    Ok(())
}

fn validate_annual_closure(closure: &AnnualClosure) -> Result<(), Text> {
    match closure {
        AnnualClosure::Date { month_day } => {
            if MonthDay::new(month_day.month, month_day.day).is_none() {
                return Err(Text::new(
                    format!("每年闭馆日期“{}月{}日”不存在", month_day.month, month_day.day),
                    format!(
                        "The yearly closing date {}-{} does not exist",
                        month_day.month, month_day.day
                    ),
                ));
            }
        }
        AnnualClosure::LunarFirstMonth { day } => {
            if !(1..=MAX_LUNAR_FIRST_MONTH_DAY).contains(day) {
                return Err(Text::new(
                    format!("正月初{day}超出范围，只支持正月初一至初十"),
                    format!("Day {day} of the first lunar month is out of range; use days 1 to 10"),
                ));
            }
        }
        AnnualClosure::LunarNewYearEve => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;
    use crate::resources::opening_hours::{ClockTime, DateException, Season};

    fn range(start: &str, end: &str) -> TimeRange {
        let start = ClockTime::parse(start).expect("valid start");
        let end = ClockTime::parse(end).expect("valid end");
        TimeRange::new(start, end).expect("valid range")
    }

    fn season(name: &str, from: (u32, u32), to: (u32, u32)) -> Season {
        Season {
            name: name.into(),
            from: MonthDay::new(from.0, from.1).expect("valid from"),
            to: MonthDay::new(to.0, to.1).expect("valid to"),
            weekly: WeeklyHours::every_day(&[range("9:00", "17:00")]),
        }
    }

    #[test]
    fn overlapping_periods_are_rejected() {
        let mut hours = OpeningHours::default();
        hours
            .weekly
            .set(Weekday::Tue, vec![range("9:00", "12:00"), range("11:00", "17:00")]);
        let err = hours.validate().unwrap_err();
        assert!(err.zh.contains("周二"), "{}", err.zh);
        assert!(err.zh.contains("09:00-12:00"), "{}", err.zh);
    }

    #[test]
    fn overlapping_seasons_are_rejected() {
        let hours = OpeningHours {
            seasons: vec![season("夏季", (5, 1), (10, 31)), season("冬季", (10, 1), (4, 30))],
            ..OpeningHours::default()
        };
        let err = hours.validate().unwrap_err();
        assert!(err.zh.contains("10月1日"), "{}", err.zh);
    }

    #[test]
    fn wrapping_seasons_that_meet_are_valid() {
        let hours = OpeningHours {
            seasons: vec![season("夏季", (5, 1), (10, 31)), season("冬季", (11, 1), (4, 30))],
            ..OpeningHours::default()
        };
        assert_eq!(hours.validate(), Ok(()));
    }

    #[test]
    fn duplicate_exception_dates_are_rejected() {
        let date = NaiveDate::from_ymd_opt(2025, 10, 1).expect("valid date");
        let hours = OpeningHours {
            exceptions: vec![
                DateException { date, hours: vec![] },
                DateException {
                    date,
                    hours: vec![range("9:00", "12:00")],
                },
            ],
            ..OpeningHours::default()
        };
        assert!(hours.validate().is_err());
    }

    #[test]
    fn lunar_day_out_of_range_is_rejected() {
        let hours = OpeningHours {
            annual_closures: vec![AnnualClosure::LunarFirstMonth { day: 16 }],
            ..OpeningHours::default()
        };
        assert!(hours.validate().is_err());
    }
}
