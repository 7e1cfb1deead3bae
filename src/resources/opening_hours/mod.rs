//! Structured opening hours (开放时间) of a resource, and whether it is open
//! on a given date.
//!
//! A schedule is a regular week, optional seasons with their own week,
//! dated exceptions, closures that recur every year (除夕, 1月1日), and
//! rules for public holidays and make-up workdays (调休上班日). The rules
//! apply in a fixed order; see [`OpeningHours::status_on`].
//!
//! Stored as JSON in the database; [`parse`] reads the short Chinese form
//! used in census sheets and [`OpeningHours::describe`] writes it back.
//! All times are China Standard Time.

mod clock;
mod describe;
mod items;
mod lexer;
mod lunar;
mod names;
mod parse;
mod status;
mod validate;
mod words;

#[cfg(all(test, feature = "ssr"))]
mod real_calendar_tests;

pub use clock::{ClockTime, TimeRange};
pub use lunar::spring_festival;
pub use parse::parse;
pub use status::{ClosedReason, OpenStatus};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// All weekdays, Monday first.
pub(crate) const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The opening hours of one resource.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OpeningHours {
    /// The regular week, used on dates outside every season.
    #[serde(default)]
    pub weekly: WeeklyHours,
    /// Periods of the year with their own week. Seasons never overlap.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seasons: Vec<Season>,
    /// One-off dates with their own hours or closed; at most one per date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<DateException>,
    /// Days closed every year, such as 除夕.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annual_closures: Vec<AnnualClosure>,
    /// Rule for public holidays (法定节假日).
    #[serde(default)]
    pub holidays: HolidayRule,
    /// Public holidays on which the venue closes whatever rule `holidays`
    /// sets, by the name the State Council notice uses, such as "春节".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed_holidays: Vec<String>,
    /// Rule for make-up workdays (调休上班日).
    #[serde(default)]
    pub makeup_workdays: MakeupWorkdayRule,
}

/// The opening periods of each weekday; a weekday without periods is a
/// closing weekday (闭馆日). Serialised as seven lists, Monday first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WeeklyHours {
    days: [Vec<TimeRange>; 7],
}

impl WeeklyHours {
    /// Creates a week with the same periods on all seven days.
    pub fn every_day(ranges: &[TimeRange]) -> WeeklyHours {
        WeeklyHours {
            days: std::array::from_fn(|_| ranges.to_vec()),
        }
    }

    pub fn hours(&self, weekday: Weekday) -> &[TimeRange] {
        &self.days[weekday.num_days_from_monday() as usize]
    }

    pub fn set(&mut self, weekday: Weekday, ranges: Vec<TimeRange>) {
        self.days[weekday.num_days_from_monday() as usize] = ranges;
    }

    /// Iterates over the period lists of all seven days, Monday first.
    pub(crate) fn days_mut(&mut self) -> impl Iterator<Item = &mut Vec<TimeRange>> {
        self.days.iter_mut()
    }

    /// Returns whether no weekday has opening periods.
    pub fn is_closed_all_week(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
    }

    /// Finds the first weekday after `weekday` that has opening periods,
    /// looking forward through the week, and returns it with its periods.
    pub fn next_open_after(&self, weekday: Weekday) -> Option<(Weekday, &[TimeRange])> {
        let mut day = weekday;
        for _ in 0..6 {
            day = day.succ();
            let hours = self.hours(day);
            if !hours.is_empty() {
                return Some((day, hours));
            }
        }
        None
    }
}

/// A day of the year without a year, such as 5月1日. 2月29日 is allowed
/// and then matches nothing in common years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// Creates the day; `None` if no year has it.
    pub fn new(month: u32, day: u32) -> Option<MonthDay> {
        let days_in_month = match month {
            2 => 29,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        (1..=days_in_month).contains(&day).then_some(MonthDay { month, day })
    }

    pub fn of(date: NaiveDate) -> MonthDay {
        MonthDay {
            month: date.month(),
            day: date.day(),
        }
    }
}

/// A period of the year with its own week, such as 夏季 from 5月1日 to
/// 10月31日. When `from` is later than `to` the season wraps the year end
/// (11月1日 to 次年3月31日). Both ends are inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Season {
    /// Name as written, such as "夏季"; may be empty.
    #[serde(default)]
    pub name: String,
    pub from: MonthDay,
    pub to: MonthDay,
    pub weekly: WeeklyHours,
}

impl Season {
    pub fn contains(&self, day: MonthDay) -> bool {
        if self.from <= self.to {
            self.from <= day && day <= self.to
        } else {
            day >= self.from || day <= self.to
        }
    }
}

/// Hours of one date that replace every other rule; no periods means
/// closed all day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateException {
    pub date: NaiveDate,
    #[serde(default)]
    pub hours: Vec<TimeRange>,
}

/// A day on which the venue closes every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnnualClosure {
    /// The same Gregorian date every year, such as 1月1日.
    Date { month_day: MonthDay },
    /// 除夕, the day before the lunar new year.
    LunarNewYearEve,
    /// 正月初N: day `day` (1 to 10) of the first lunar month.
    LunarFirstMonth { day: u32 },
}

/// Hours on a public holiday day (a day off in the State Council notice,
/// including the weekend days inside the holiday).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum HolidayRule {
    /// The regular schedule applies; a closing weekday stays closed.
    #[default]
    AsUsual,
    /// 周一闭馆，法定节假日除外: the regular schedule applies, and a closing
    /// weekday that is a holiday opens with the periods of the next open
    /// weekday (a holiday Monday opens like Tuesday).
    OpenOnClosingWeekdays,
    /// 法定节假日闭馆.
    Closed,
    /// The same special periods on every holiday day.
    Special { hours: Vec<TimeRange> },
}

/// Hours on a make-up workday (调休上班日), a weekend day that offices and
/// schools work.
///
/// Venues keep their own week: a museum that opens on Sundays also opens on
/// a Sunday that offices work. So the default follows the schedule of the
/// actual weekday, and a make-up Sunday is an ordinary Sunday.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum MakeupWorkdayRule {
    /// The schedule of the actual weekday.
    #[default]
    OwnWeekday,
    /// The schedule of `weekday`, for venues that open only on working days
    /// and work the make-up day like, say, a Friday.
    AsWeekday { weekday: Weekday },
    /// Closed on make-up workdays.
    Closed,
}
