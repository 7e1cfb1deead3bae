//! Gregorian dates of the lunar new year (春节, 正月初一), for closures such
//! as 除夕闭馆.
//!
//! Computing the Chinese calendar needs astronomical new-moon times, so the
//! dates are a table. A year outside it is unknown, never guessed.

use chrono::{Datelike, NaiveDate};

/// Year of the first entry in [`SPRING_FESTIVAL`].
const FIRST_YEAR: i32 = 2020;

/// (month, day) of 正月初一 for each year from [`FIRST_YEAR`], in China
/// Standard Time. Source: the Chinese New Year table of Factmonster
/// (factmonster.com/id/A0192339). The years 2024–2026 are also checked
/// against the State Council holiday notices by a test. Tables computed for American
/// time zones give one day later in 2027 and 2028.
const SPRING_FESTIVAL: [(u32, u32); 11] = [
    (1, 25), // 2020
    (2, 12), // 2021
    (2, 1),  // 2022
    (1, 22), // 2023
    (2, 10), // 2024
    (1, 29), // 2025
    (2, 17), // 2026
    (2, 6),  // 2027
    (1, 26), // 2028
    (2, 13), // 2029
    (2, 3),  // 2030
];

/// 正月初一 of `year`, or `None` outside the table.
pub fn spring_festival(year: i32) -> Option<NaiveDate> {
    let index = usize::try_from(year - FIRST_YEAR).ok()?;
    let (month, day) = SPRING_FESTIVAL.get(index)?;
    NaiveDate::from_ymd_opt(year, *month, *day)
}

/// Returns whether `date` lies where 除夕 to 正月初十 can fall in any year. The
/// lunar new year falls between 21 January and 20 February.
pub(crate) fn may_be_lunar_new_year_period(date: NaiveDate) -> bool {
    let day_of_year = date.ordinal();
    // From 20 January (eve of the earliest new year) to day 61, 1 or 2 March,
    // which is after 初十 of the latest.
    (20..=61).contains(&day_of_year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_years_have_dates() {
        assert_eq!(spring_festival(2025), NaiveDate::from_ymd_opt(2025, 1, 29));
        assert_eq!(spring_festival(2030), NaiveDate::from_ymd_opt(2030, 2, 3));
        assert_eq!(spring_festival(2019), None);
        assert_eq!(spring_festival(2031), None);
    }

    #[test]
    fn table_dates_fall_in_window() {
        for year in FIRST_YEAR..=2030 {
            let date = spring_festival(year).expect("year in table");
            assert!(may_be_lunar_new_year_period(date), "{date}");
            assert!(may_be_lunar_new_year_period(date - chrono::Days::new(1)), "{date}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn table_matches_holiday_notices() {
        use crate::calendar::{DayStatus, data::china_calendar};

        for year in 2024..=2026 {
            let date = spring_festival(year).expect("year in table");
            assert_eq!(
                china_calendar().status(date),
                DayStatus::Holiday { name: "春节".into() },
                "{date}"
            );
        }
    }
}
