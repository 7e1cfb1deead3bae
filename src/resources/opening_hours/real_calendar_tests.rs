//! `status_on` with the State Council notices embedded in the server
//! (2024–2026; 2027 is not published).

use chrono::{NaiveDate, Weekday};

use super::*;
use crate::calendar::SchoolCalendar;
use crate::calendar::data::china_calendar;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn parsed(text: &str) -> OpeningHours {
    match parse(text) {
        Ok(hours) => hours,
        Err(error) => panic!("{text}: {}", error.zh),
    }
}

fn nine_to_five() -> OpenStatus {
    OpenStatus::Open {
        ranges: vec![
            TimeRange::new(
                ClockTime::new(9, 0).expect("valid"),
                ClockTime::new(17, 0).expect("valid"),
            )
            .expect("valid"),
        ],
    }
}

const MUSEUM_EXCEPT_HOLIDAYS: &str = "周二至周日 9:00-17:00；周一闭馆（法定节假日除外）";

#[test]
fn holiday_monday_opens_when_excepted() {
    // Monday 6 October 2025 is a day off of 国庆节、中秋节.
    let monday = date(2025, 10, 6);
    assert_eq!(
        parsed(MUSEUM_EXCEPT_HOLIDAYS).status_on(monday, china_calendar()),
        nine_to_five()
    );

    let strict = parsed("周二至周日 9:00-17:00；周一闭馆");
    assert_eq!(
        strict.status_on(monday, china_calendar()),
        OpenStatus::Closed {
            reason: ClosedReason::ClosingWeekday { weekday: Weekday::Mon }
        }
    );
    // The Monday after the holiday is an ordinary closing day.
    assert_eq!(
        parsed(MUSEUM_EXCEPT_HOLIDAYS)
            .status_on(date(2025, 10, 13), china_calendar())
            .is_open(),
        Some(false)
    );
}

#[test]
fn makeup_sunday_follows_own_weekday() {
    // Sunday 28 September 2025 was worked to bridge 国庆节、中秋节.
    let sunday = date(2025, 9, 28);
    assert_eq!(
        parsed(MUSEUM_EXCEPT_HOLIDAYS).status_on(sunday, china_calendar()),
        nine_to_five()
    );

    // A venue open on working days only, which works make-up days like a Friday.
    let office = parsed("周一至周五 9:00-17:00；周六、周日闭馆；调休上班日按周五开放");
    assert_eq!(office.status_on(sunday, china_calendar()), nine_to_five());
    assert_eq!(
        office.status_on(date(2025, 10, 12), china_calendar()).is_open(),
        Some(false)
    );
}

#[test]
fn makeup_monday_keeps_closing_day() {
    // No published notice has a make-up Monday (make-up days fall on
    // weekends), so this notice is synthetic: the venue keeps its week.
    let notice = r#"{"year":2030,"papers":["test"],"days":[{"name":"测试","date":"2030-10-14","isOffDay":false}]}"#;
    let calendar = SchoolCalendar::from_notice_files([notice]).expect("valid notice");
    let status = parsed(MUSEUM_EXCEPT_HOLIDAYS).status_on(date(2030, 10, 14), &calendar);
    assert_eq!(
        status,
        OpenStatus::Closed {
            reason: ClosedReason::ClosingWeekday { weekday: Weekday::Mon }
        }
    );
}

#[test]
fn unpublished_year_is_unknown_only_when_it_matters() {
    let museum = parsed(MUSEUM_EXCEPT_HOLIDAYS);
    assert_eq!(
        museum.status_on(date(2027, 3, 1), china_calendar()),
        OpenStatus::Unknown { year: 2027 }
    );
    assert_eq!(museum.status_on(date(2027, 3, 2), china_calendar()), nine_to_five());

    let closed_on_holidays = parsed("每天 9:00-17:00；法定节假日闭馆");
    assert_eq!(
        closed_on_holidays.status_on(date(2027, 3, 2), china_calendar()),
        OpenStatus::Unknown { year: 2027 }
    );
    // Late December 2026 needs the 2027 notice, which may move 元旦.
    assert_eq!(
        closed_on_holidays.status_on(date(2026, 12, 30), china_calendar()),
        OpenStatus::Unknown { year: 2027 }
    );

    let no_holiday_rule = parsed("每天 9:00-17:00");
    assert_eq!(
        no_holiday_rule.status_on(date(2027, 3, 2), china_calendar()),
        nine_to_five()
    );
}

#[test]
fn winter_season_across_year_end() {
    let hours = parsed(
        "夏季（5月1日-10月31日）：周二至周日 9:00-17:00；冬季（11月1日-次年3月31日）：周二至周日 10:00-16:00；周一闭馆",
    );
    let winter = OpenStatus::Open {
        ranges: vec![
            TimeRange::new(
                ClockTime::new(10, 0).expect("valid"),
                ClockTime::new(16, 0).expect("valid"),
            )
            .expect("valid"),
        ],
    };
    assert_eq!(hours.status_on(date(2025, 12, 31), china_calendar()), winter);
    // 1 January 2026 is 元旦, a Thursday; holidays keep the regular schedule.
    assert_eq!(hours.status_on(date(2026, 1, 1), china_calendar()), winter);
    assert_eq!(hours.status_on(date(2026, 3, 31), china_calendar()), winter);
    assert_eq!(
        hours.status_on(date(2026, 4, 1), china_calendar()).is_open(),
        Some(false)
    );
    assert_eq!(
        hours.status_on(date(2026, 4, 1), china_calendar()),
        OpenStatus::Closed {
            reason: ClosedReason::OutsideSeason
        }
    );
}

#[test]
fn dated_exception_beats_holiday_rule() {
    let hours = parsed("周二至周日 9:00-17:00；周一闭馆（法定节假日除外）；2025年10月6日闭馆");
    assert_eq!(
        hours.status_on(date(2025, 10, 6), china_calendar()),
        OpenStatus::Closed {
            reason: ClosedReason::Exception
        }
    );
    assert_eq!(hours.status_on(date(2025, 10, 7), china_calendar()), nine_to_five());
}

#[test]
fn eve_and_spring_festival_closures() {
    let hours = parsed("每天 9:00-17:00；除夕闭馆；春节期间闭馆");
    // 除夕 2025 is 28 January; 2026 is 16 February.
    assert_eq!(
        hours.status_on(date(2025, 1, 28), china_calendar()).is_open(),
        Some(false)
    );
    assert_eq!(
        hours.status_on(date(2026, 2, 16), china_calendar()).is_open(),
        Some(false)
    );
    assert_eq!(
        hours.status_on(date(2026, 2, 18), china_calendar()),
        OpenStatus::Closed {
            reason: ClosedReason::Holiday { name: "春节".into() }
        }
    );
    assert_eq!(hours.status_on(date(2025, 10, 6), china_calendar()), nine_to_five());
}
