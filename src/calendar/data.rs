//! The real notices, embedded in the binary from `reference-data/holidays`.

use std::sync::OnceLock;

use super::SchoolCalendar;

/// Yearly notice files, oldest first. Add a year here after copying its file.
const NOTICE_FILES: [&str; 4] = [
    include_str!("../../reference-data/holidays/2024.json"),
    include_str!("../../reference-data/holidays/2025.json"),
    include_str!("../../reference-data/holidays/2026.json"),
    include_str!("../../reference-data/holidays/2027.json"),
];

/// The calendar built from the embedded notices.
///
/// # Panics
///
/// Panics if an embedded file is invalid; the unit tests below read every
/// file, so a bad file fails `make test` before it can ship.
pub fn china_calendar() -> &'static SchoolCalendar {
    static CALENDAR: OnceLock<SchoolCalendar> = OnceLock::new();
    CALENDAR
        .get_or_init(|| SchoolCalendar::from_notice_files(NOTICE_FILES).expect("embedded holiday notices are valid"))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::calendar::DayStatus;

    fn status(y: i32, m: u32, d: u32) -> DayStatus {
        china_calendar().status(NaiveDate::from_ymd_opt(y, m, d).expect("valid test date"))
    }

    #[test]
    fn national_day_2025_has_combined_name() {
        let combined = DayStatus::Holiday {
            name: "国庆节、中秋节".into(),
        };
        assert_eq!(status(2025, 10, 1), combined);
        assert_eq!(status(2025, 10, 6), combined);
        assert_eq!(status(2025, 10, 8), combined);
        assert_eq!(status(2025, 10, 9), DayStatus::Workday);
    }

    #[test]
    fn weekend_make_up_workdays() {
        // Sunday 28 September and Saturday 11 October 2025 were worked.
        assert_eq!(
            status(2025, 9, 28),
            DayStatus::MakeupWorkday {
                name: "国庆节、中秋节".into()
            }
        );
        assert_eq!(
            status(2025, 10, 11),
            DayStatus::MakeupWorkday {
                name: "国庆节、中秋节".into()
            }
        );
        // Sunday 4 January 2026 bridged New Year's Day.
        assert_eq!(status(2026, 1, 4), DayStatus::MakeupWorkday { name: "元旦".into() });
        assert_eq!(status(2026, 1, 10), DayStatus::Weekend);
    }

    #[test]
    fn separate_names_in_2026() {
        assert_eq!(
            status(2026, 9, 26),
            DayStatus::Holiday {
                name: "中秋节".into()
            }
        );
        assert_eq!(
            status(2026, 10, 1),
            DayStatus::Holiday {
                name: "国庆节".into()
            }
        );
    }

    #[test]
    fn late_december_waits_for_next_notice() {
        // The 2026 notice is published and leaves 31 December 2025 a workday.
        assert_eq!(status(2025, 12, 31), DayStatus::Workday);
        // 2026 has a notice, but late December 2026 also needs the 2027
        // notice, which is not published in the embedded data.
        assert_eq!(status(2026, 12, 18), DayStatus::Workday);
        assert_eq!(status(2026, 12, 28), DayStatus::Unknown { year: 2027 });
    }

    #[test]
    fn year_without_notice_is_unknown() {
        assert_eq!(china_calendar().last_published_year(), Some(2026));
        assert_eq!(status(2027, 3, 1), DayStatus::Unknown { year: 2027 });
        assert_eq!(status(2027, 1, 1), DayStatus::Unknown { year: 2027 });
        assert_eq!(status(2031, 6, 1), DayStatus::Unknown { year: 2031 });
        assert_eq!(status(2023, 10, 1), DayStatus::Unknown { year: 2023 });
    }
}
