//! Whether a resource is open on a date.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::lunar::{may_be_lunar_new_year_period, spring_festival};
use super::names::{weekday_en, weekday_zh};
use super::{AnnualClosure, HolidayRule, MakeupWorkdayRule, MonthDay, OpeningHours, TimeRange, WeeklyHours};
use crate::calendar::{DayStatus, SchoolCalendar, holiday_name_en};
use crate::i18n::Text;

/// A resource's opening on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpenStatus {
    /// Open during these periods.
    Open {
        ranges: Vec<TimeRange>,
    },
    Closed {
        reason: ClosedReason,
    },
    /// The result depends on data that is not published for `year`, either
    /// the holiday notice or the lunar new year table.
    Unknown {
        year: i32,
    },
}

impl OpenStatus {
    /// Returns whether the resource opens at all that day; `None` when
    /// unknown.
    pub fn is_open(&self) -> Option<bool> {
        match self {
            OpenStatus::Open { .. } => Some(true),
            OpenStatus::Closed { .. } => Some(false),
            OpenStatus::Unknown { .. } => None,
        }
    }
}

/// Reason a resource is closed on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClosedReason {
    /// The weekday is a closing weekday (周一闭馆).
    ClosingWeekday { weekday: Weekday },
    /// A public holiday, by the name in the notice.
    Holiday { name: String },
    /// A make-up workday (调休上班日), by the holiday it bridges.
    MakeupWorkday { name: String },
    /// A dated exception closes the day.
    Exception,
    /// A closure that recurs every year.
    AnnualClosure { closure: AnnualClosure },
    /// The date is in a season without opening days, or outside every
    /// season when the venue has no regular week.
    OutsideSeason,
}

impl ClosedReason {
    /// Formats the reason for visitors, for example "周一闭馆".
    pub fn text(&self) -> Text {
        match self {
            ClosedReason::ClosingWeekday { weekday } => Text::new(
                format!("{}闭馆", weekday_zh(*weekday)),
                format!("Closed on {}s", weekday_en(*weekday)),
            ),
            ClosedReason::Holiday { name } => {
                Text::new(format!("{name}闭馆"), format!("Closed for {}", holiday_name_en(name)))
            }
            ClosedReason::MakeupWorkday { name } => Text::new(
                format!("{name}调休上班日闭馆"),
                format!("Closed on the make-up workday of {}", holiday_name_en(name)),
            ),
            ClosedReason::Exception => Text::new("当日闭馆", "Closed on this date"),
            ClosedReason::AnnualClosure { closure } => Text::new(
                format!("{}闭馆", super::names::annual_closure_zh(closure)),
                format!("Closed on {}", super::names::annual_closure_en(closure)),
            ),
            ClosedReason::OutsideSeason => Text::new("非开放季节", "Outside the opening season"),
        }
    }
}

/// Whether an annual closure falls on a date.
enum AnnualMatch {
    Closed(AnnualClosure),
    NotClosed,
    /// A lunar closure may fall on the date, but the table lacks the year.
    Unknown {
        year: i32,
    },
}

/// A status that borrows its periods from the schedule, so deciding costs
/// no allocation; [`OpenStatus`] is its owned form.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Decision<'a> {
    Open(&'a [TimeRange]),
    Closed(ClosedReason),
    Unknown(i32),
}

impl Decision<'_> {
    fn is_open(&self) -> Option<bool> {
        match self {
            Decision::Open(_) => Some(true),
            Decision::Closed(_) => Some(false),
            Decision::Unknown(_) => None,
        }
    }

    fn into_status(self) -> OpenStatus {
        match self {
            Decision::Open(ranges) => OpenStatus::Open {
                ranges: ranges.to_vec(),
            },
            Decision::Closed(reason) => OpenStatus::Closed { reason },
            Decision::Unknown(year) => OpenStatus::Unknown { year },
        }
    }
}

impl OpeningHours {
    /// The opening of the resource on `date`, a date in China Standard Time.
    ///
    /// Rules apply in this order, and the first that decides the date wins:
    /// 1. a dated exception;
    /// 2. an annual closure (除夕, 1月1日 …);
    /// 3. the public-holiday and make-up-workday rules;
    /// 4. the season that contains the date;
    /// 5. the regular week.
    ///
    /// When the calendar has no notice for the date, the result is
    /// [`OpenStatus::Unknown`] unless every status the notice could give
    /// leads to the same result. So a venue with no holiday rules is never
    /// unknown.
    pub fn status_on(&self, date: NaiveDate, calendar: &SchoolCalendar) -> OpenStatus {
        self.status_for_day(date, &calendar.status(date))
    }

    /// Same as [`status_on`](Self::status_on) with the calendar status of
    /// `date` looked up by the caller, so that one lookup serves many
    /// resources.
    pub fn status_for_day(&self, date: NaiveDate, day: &DayStatus) -> OpenStatus {
        self.decide(date, day).into_status()
    }

    /// Returns whether the resource opens on `date` at all; `None` when
    /// unknown. Same rules as [`status_for_day`](Self::status_for_day), without
    /// copying the periods, for filtering many resources.
    pub fn is_open_for_day(&self, date: NaiveDate, day: &DayStatus) -> Option<bool> {
        self.decide(date, day).is_open()
    }

    fn decide(&self, date: NaiveDate, day: &DayStatus) -> Decision<'_> {
        if let Some(exception) = self.exceptions.iter().find(|exception| exception.date == date) {
            return if exception.hours.is_empty() {
                Decision::Closed(ClosedReason::Exception)
            } else {
                Decision::Open(&exception.hours)
            };
        }

        match self.annual_closure_on(date) {
            AnnualMatch::Closed(closure) => Decision::Closed(ClosedReason::AnnualClosure { closure }),
            AnnualMatch::NotClosed => self.by_day_status(date, day),
            AnnualMatch::Unknown { year } => match self.by_day_status(date, day) {
                closed @ Decision::Closed(_) => closed,
                _ => Decision::Unknown(year),
            },
        }
    }

    fn annual_closure_on(&self, date: NaiveDate) -> AnnualMatch {
        let mut unknown_year = None;
        for closure in &self.annual_closures {
            let first_lunar_month_day = match closure {
                AnnualClosure::Date { month_day } => {
                    if *month_day == MonthDay::of(date) {
                        return AnnualMatch::Closed(*closure);
                    }
                    continue;
                }
                AnnualClosure::LunarNewYearEve => 0,
                AnnualClosure::LunarFirstMonth { day } => u64::from(*day),
            };

            match spring_festival(date.year()) {
                Some(new_year) => {
                    let closing_day = if first_lunar_month_day == 0 {
                        new_year.checked_sub_days(Days::new(1))
                    } else {
                        new_year.checked_add_days(Days::new(first_lunar_month_day - 1))
                    };
                    if closing_day == Some(date) {
                        return AnnualMatch::Closed(*closure);
                    }
                }
                None if may_be_lunar_new_year_period(date) => unknown_year = Some(date.year()),
                None => {}
            }
        }

        match unknown_year {
            Some(year) => AnnualMatch::Unknown { year },
            None => AnnualMatch::NotClosed,
        }
    }

    fn by_day_status(&self, date: NaiveDate, day: &DayStatus) -> Decision<'_> {
        match day {
            DayStatus::Workday | DayStatus::Weekend => self.regular(date),
            DayStatus::Holiday { name } => self.on_holiday(date, name),
            DayStatus::MakeupWorkday { name } => self.on_makeup_workday(date, name),
            DayStatus::Unknown { year } => self.without_notice(date, *year),
        }
    }

    /// Tries every status the missing notice could give the date, and
    /// returns a result only if they all agree.
    fn without_notice(&self, date: NaiveDate, year: i32) -> Decision<'_> {
        let regular = self.regular(date);
        let agrees = |other: Decision| match (&other, &regular) {
            (Decision::Open(a), Decision::Open(b)) => a == b,
            _ => other.is_open() == regular.is_open(),
        };

        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let all_agree = agrees(self.on_holiday(date, ""))
            && self
                .closed_holidays
                .iter()
                .all(|name| agrees(self.on_holiday(date, name)))
            && (!weekend || agrees(self.on_makeup_workday(date, "")));
        if all_agree { regular } else { Decision::Unknown(year) }
    }

    /// Selects the season's or the regular week that applies on `date`.
    fn week_on(&self, date: NaiveDate) -> Result<&WeeklyHours, ClosedReason> {
        let day = MonthDay::of(date);
        if let Some(season) = self.seasons.iter().find(|season| season.contains(day)) {
            if season.weekly.is_closed_all_week() {
                return Err(ClosedReason::OutsideSeason);
            }
            return Ok(&season.weekly);
        }
        if !self.seasons.is_empty() && self.weekly.is_closed_all_week() {
            return Err(ClosedReason::OutsideSeason);
        }
        Ok(&self.weekly)
    }

    /// Rules 4 and 5: the season or the regular week, for `weekday`.
    fn schedule(&self, date: NaiveDate, weekday: Weekday) -> Decision<'_> {
        match self.week_on(date) {
            Err(reason) => Decision::Closed(reason),
            Ok(week) if week.hours(weekday).is_empty() => Decision::Closed(ClosedReason::ClosingWeekday { weekday }),
            Ok(week) => Decision::Open(week.hours(weekday)),
        }
    }

    fn regular(&self, date: NaiveDate) -> Decision<'_> {
        self.schedule(date, date.weekday())
    }

    /// Rule 3 on a holiday day; `name` is empty when the notice is missing.
    fn on_holiday(&self, date: NaiveDate, name: &str) -> Decision<'_> {
        let closed = || Decision::Closed(ClosedReason::Holiday { name: name.to_owned() });
        let named_closed = name
            .split('、')
            .any(|part| self.closed_holidays.iter().any(|closed| closed == part));
        if named_closed {
            return closed();
        }

        match &self.holidays {
            HolidayRule::AsUsual => self.regular(date),
            HolidayRule::Closed => closed(),
            HolidayRule::Special { hours } => Decision::Open(hours),
            HolidayRule::OpenOnClosingWeekdays => match self.regular(date) {
                Decision::Closed(ClosedReason::ClosingWeekday { weekday }) => {
                    match self.week_on(date).ok().and_then(|week| week.next_open_after(weekday)) {
                        Some((_, ranges)) => Decision::Open(ranges),
                        None => self.regular(date),
                    }
                }
                other => other,
            },
        }
    }

    fn on_makeup_workday(&self, date: NaiveDate, name: &str) -> Decision<'_> {
        match self.makeup_workdays {
            MakeupWorkdayRule::OwnWeekday => self.regular(date),
            MakeupWorkdayRule::AsWeekday { weekday } => self.schedule(date, weekday),
            MakeupWorkdayRule::Closed => Decision::Closed(ClosedReason::MakeupWorkday { name: name.to_owned() }),
        }
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
