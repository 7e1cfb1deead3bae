//! School calendar: working days, public holidays and make-up workdays (调休).
//!
//! China's public holidays are fixed each year by a State Council notice.
//! The notice also names make-up workdays (调休上班日): weekend days on which
//! schools and offices work to bridge a holiday. A date's status can only be
//! known from the notice that decides it, so a date whose notice is not
//! published is reported as [`DayStatus::Unknown`] and never guessed.
//!
//! The New Year's Day (元旦) holiday of year Y+1 and its make-up workdays can
//! fall in late December of year Y, and are set by the notice for Y+1. A date
//! on or after [`LATE_DECEMBER_FROM_DAY`] December therefore needs both
//! notices.

pub mod page;
pub mod texts;
pub mod time;

#[cfg(feature = "ssr")]
pub mod data;

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// First December day that the next year's notice may decide.
pub const LATE_DECEMBER_FROM_DAY: u32 = 20;

/// What a date is in the school calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayStatus {
    /// Monday to Friday, not a holiday.
    Workday,
    /// Saturday or Sunday, not a make-up workday.
    Weekend,
    /// A day off of the named public holiday, for example "国庆节、中秋节".
    Holiday { name: String },
    /// A weekend day worked to bridge the named holiday (调休上班日).
    MakeupWorkday { name: String },
    /// The notice that decides this date is not published yet.
    Unknown { year: i32 },
}

impl DayStatus {
    /// Whether schools work on this day; `None` when the notice is missing.
    pub fn is_working_day(&self) -> Option<bool> {
        match self {
            DayStatus::Workday | DayStatus::MakeupWorkday { .. } => Some(true),
            DayStatus::Weekend | DayStatus::Holiday { .. } => Some(false),
            DayStatus::Unknown { .. } => None,
        }
    }
}

/// One entry of a yearly notice.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NoticeDay {
    name: String,
    off: bool,
}

/// The decided days of every published notice, by the year of the notice.
#[derive(Debug, Clone, Default)]
pub struct SchoolCalendar {
    notices: BTreeMap<i32, HashMap<NaiveDate, NoticeDay>>,
}

/// A yearly file in the holiday-cn JSON layout.
#[derive(Debug, Deserialize)]
struct NoticeFile {
    year: i32,
    papers: Vec<String>,
    days: Vec<NoticeFileDay>,
}

#[derive(Debug, Deserialize)]
struct NoticeFileDay {
    name: String,
    date: NaiveDate,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

/// Why a notice file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarDataError {
    #[error("holiday notice file is not valid JSON: {0}")]
    Json(String),
    #[error("holiday notice for {year} lists {date}, which is neither in {year} nor in late December of {previous}", previous = year - 1)]
    DateOutOfRange { year: i32, date: NaiveDate },
}

impl SchoolCalendar {
    /// Builds a calendar from yearly notice files (holiday-cn JSON layout).
    ///
    /// A file with no `papers` (no notice cited) and no days counts as not
    /// published.
    ///
    /// # Errors
    ///
    /// Returns [`CalendarDataError`] for invalid JSON or a date that the
    /// notice of that year cannot decide.
    pub fn from_notice_files<'a>(files: impl IntoIterator<Item = &'a str>) -> Result<Self, CalendarDataError> {
        let mut notices = BTreeMap::new();

        for text in files {
            let file: NoticeFile = serde_json::from_str(text).map_err(|e| CalendarDataError::Json(e.to_string()))?;
            if file.papers.is_empty() && file.days.is_empty() {
                continue;
            }

            let mut days = HashMap::new();
            for day in file.days {
                let in_year = day.date.year() == file.year;
                let late_december_before = day.date.year() == file.year - 1
                    && day.date.month() == 12
                    && day.date.day() >= LATE_DECEMBER_FROM_DAY;
                if !in_year && !late_december_before {
                    return Err(CalendarDataError::DateOutOfRange {
                        year: file.year,
                        date: day.date,
                    });
                }
                days.insert(
                    day.date,
                    NoticeDay {
                        name: day.name,
                        off: day.is_off_day,
                    },
                );
            }
            notices.insert(file.year, days);
        }

        Ok(Self { notices })
    }

    /// The latest year whose notice is published.
    pub fn last_published_year(&self) -> Option<i32> {
        self.notices.keys().next_back().copied()
    }

    /// Status of `date`, a date in China Standard Time.
    pub fn status(&self, date: NaiveDate) -> DayStatus {
        let year = date.year();
        let Some(own) = self.notices.get(&year) else {
            return DayStatus::Unknown { year };
        };

        let late_december = date.month() == 12 && date.day() >= LATE_DECEMBER_FROM_DAY;
        if late_december {
            let Some(next) = self.notices.get(&(year + 1)) else {
                return DayStatus::Unknown { year: year + 1 };
            };
            if let Some(day) = next.get(&date) {
                return notice_status(day);
            }
        }

        if let Some(day) = own.get(&date) {
            return notice_status(day);
        }

        match date.weekday() {
            Weekday::Sat | Weekday::Sun => DayStatus::Weekend,
            _ => DayStatus::Workday,
        }
    }
}

fn notice_status(day: &NoticeDay) -> DayStatus {
    if day.off {
        DayStatus::Holiday { name: day.name.clone() }
    } else {
        DayStatus::MakeupWorkday { name: day.name.clone() }
    }
}

/// English name of a holiday as the notices write it in Chinese. Combined
/// names such as "国庆节、中秋节" are translated part by part.
pub fn holiday_name_en(name: &str) -> String {
    name.split('、')
        .map(|part| match part {
            "元旦" => "New Year's Day",
            "春节" => "Spring Festival",
            "清明节" => "Qingming Festival",
            "劳动节" => "Labour Day",
            "端午节" => "Dragon Boat Festival",
            "中秋节" => "Mid-Autumn Festival",
            "国庆节" => "National Day",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn synthetic(year: i32, days: &[(&str, &str, bool)]) -> String {
        let days: Vec<String> = days
            .iter()
            .map(|(name, date, off)| format!(r#"{{"name":"{name}","date":"{date}","isOffDay":{off}}}"#))
            .collect();
        format!(r#"{{"year":{year},"papers":["test"],"days":[{}]}}"#, days.join(","))
    }

    #[test]
    fn ordinary_days_follow_weekday() {
        let calendar =
            SchoolCalendar::from_notice_files([synthetic(2030, &[]).as_str(), synthetic(2031, &[]).as_str()])
                .expect("valid files");
        assert_eq!(calendar.status(date(2030, 3, 4)), DayStatus::Workday);
        assert_eq!(calendar.status(date(2030, 3, 9)), DayStatus::Weekend);
    }

    #[test]
    fn next_notice_decides_late_december() {
        // The notice for 2031 moves a make-up workday into December 2030.
        let calendar = SchoolCalendar::from_notice_files([
            synthetic(2030, &[]).as_str(),
            synthetic(2031, &[("元旦", "2030-12-29", false), ("元旦", "2030-12-31", true)]).as_str(),
        ])
        .expect("valid files");

        assert_eq!(
            calendar.status(date(2030, 12, 29)),
            DayStatus::MakeupWorkday { name: "元旦".into() }
        );
        assert_eq!(
            calendar.status(date(2030, 12, 31)),
            DayStatus::Holiday { name: "元旦".into() }
        );
        assert_eq!(calendar.status(date(2030, 12, 30)), DayStatus::Workday);
    }

    #[test]
    fn late_december_without_next_notice_is_unknown() {
        let calendar = SchoolCalendar::from_notice_files([synthetic(2030, &[]).as_str()]).expect("valid file");
        assert_eq!(calendar.status(date(2030, 12, 19)), DayStatus::Workday);
        assert_eq!(calendar.status(date(2030, 12, 20)), DayStatus::Unknown { year: 2031 });
    }

    #[test]
    fn date_outside_notice_range_is_rejected() {
        let err =
            SchoolCalendar::from_notice_files([synthetic(2031, &[("元旦", "2030-11-30", true)]).as_str()]).unwrap_err();
        assert_eq!(
            err,
            CalendarDataError::DateOutOfRange {
                year: 2031,
                date: date(2030, 11, 30)
            }
        );
    }

    #[test]
    fn combined_holiday_name_translates() {
        assert_eq!(
            holiday_name_en("国庆节、中秋节"),
            "National Day and Mid-Autumn Festival"
        );
        assert_eq!(holiday_name_en("春节"), "Spring Festival");
    }

    #[test]
    fn unknown_has_no_working_answer() {
        assert_eq!(DayStatus::Unknown { year: 2027 }.is_working_day(), None);
        assert_eq!(
            DayStatus::MakeupWorkday { name: "春节".into() }.is_working_day(),
            Some(true)
        );
    }
}
