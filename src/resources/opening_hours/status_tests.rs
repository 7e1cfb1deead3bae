//! Rules of `status_on` against a synthetic calendar, so they run in both
//! builds. Cases on the real notices are in `real_calendar_tests.rs`.

use chrono::{NaiveDate, Weekday};

use super::*;
use crate::resources::opening_hours::{ClockTime, DateException, Season};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn range(start: &str, end: &str) -> TimeRange {
    let start = ClockTime::parse(start).expect("valid start");
    let end = ClockTime::parse(end).expect("valid end");
    TimeRange::new(start, end).expect("valid range")
}

fn open(start: &str, end: &str) -> OpenStatus {
    OpenStatus::Open {
        ranges: vec![range(start, end)],
    }
}

fn closed(reason: ClosedReason) -> OpenStatus {
    OpenStatus::Closed { reason }
}

/// 2030 notice: Monday 7 and Tuesday 8 October are 国庆节, Saturday
/// 12 October is a make-up workday. 2031 has no notice.
fn calendar() -> SchoolCalendar {
    let notice = r#"{"year":2030,"papers":["test"],"days":[
        {"name":"国庆节","date":"2030-10-07","isOffDay":true},
        {"name":"国庆节","date":"2030-10-08","isOffDay":true},
        {"name":"国庆节","date":"2030-10-12","isOffDay":false},
        {"name":"春节","date":"2030-02-04","isOffDay":true}]}"#;
    SchoolCalendar::from_notice_files([notice]).expect("valid notice")
}

/// Tuesday to Sunday 09:00–17:00, Saturday 10:00–16:00, closed on Mondays.
fn museum() -> OpeningHours {
    let mut weekly = WeeklyHours::every_day(&[range("9:00", "17:00")]);
    weekly.set(Weekday::Mon, vec![]);
    weekly.set(Weekday::Sat, vec![range("10:00", "16:00")]);
    OpeningHours {
        weekly,
        ..OpeningHours::default()
    }
}

#[test]
fn closing_weekday_is_closed() {
    let status = museum().status_on(date(2030, 10, 14), &calendar());
    assert_eq!(status, closed(ClosedReason::ClosingWeekday { weekday: Weekday::Mon }));
    assert_eq!(
        museum().status_on(date(2030, 10, 15), &calendar()),
        open("9:00", "17:00")
    );
}

#[test]
fn holiday_as_usual_keeps_monday_closed() {
    let status = museum().status_on(date(2030, 10, 7), &calendar());
    assert_eq!(status.is_open(), Some(false));
}

#[test]
fn holiday_opens_closing_weekday() {
    let hours = OpeningHours {
        holidays: HolidayRule::OpenOnClosingWeekdays,
        ..museum()
    };
    // A holiday Monday opens like the next open weekday, Tuesday.
    assert_eq!(hours.status_on(date(2030, 10, 7), &calendar()), open("9:00", "17:00"));
    // An ordinary Monday stays closed.
    assert_eq!(hours.status_on(date(2030, 10, 14), &calendar()).is_open(), Some(false));
}

#[test]
fn holiday_closed_and_special() {
    let shut = OpeningHours {
        holidays: HolidayRule::Closed,
        ..museum()
    };
    assert_eq!(
        shut.status_on(date(2030, 10, 8), &calendar()),
        closed(ClosedReason::Holiday {
            name: "国庆节".into()
        })
    );

    let special = OpeningHours {
        holidays: HolidayRule::Special {
            hours: vec![range("8:30", "18:00")],
        },
        ..museum()
    };
    assert_eq!(special.status_on(date(2030, 10, 7), &calendar()), open("8:30", "18:00"));
}

#[test]
fn named_holiday_closure() {
    let hours = OpeningHours {
        closed_holidays: vec!["春节".into()],
        ..museum()
    };
    assert_eq!(
        hours.status_on(date(2030, 2, 4), &calendar()),
        closed(ClosedReason::Holiday { name: "春节".into() })
    );
    assert_eq!(hours.status_on(date(2030, 10, 8), &calendar()), open("9:00", "17:00"));
}

#[test]
fn makeup_workday_rules() {
    let saturday = date(2030, 10, 12);
    assert_eq!(museum().status_on(saturday, &calendar()), open("10:00", "16:00"));

    let as_friday = OpeningHours {
        makeup_workdays: MakeupWorkdayRule::AsWeekday { weekday: Weekday::Fri },
        ..museum()
    };
    assert_eq!(as_friday.status_on(saturday, &calendar()), open("9:00", "17:00"));

    let shut = OpeningHours {
        makeup_workdays: MakeupWorkdayRule::Closed,
        ..museum()
    };
    assert_eq!(
        shut.status_on(saturday, &calendar()),
        closed(ClosedReason::MakeupWorkday {
            name: "国庆节".into()
        })
    );
}

#[test]
fn exception_beats_holiday_rule() {
    let hours = OpeningHours {
        holidays: HolidayRule::Closed,
        exceptions: vec![DateException {
            date: date(2030, 10, 8),
            hours: vec![range("13:00", "17:00")],
        }],
        ..museum()
    };
    assert_eq!(hours.status_on(date(2030, 10, 8), &calendar()), open("13:00", "17:00"));
}

#[test]
fn exception_closes_open_day() {
    let hours = OpeningHours {
        exceptions: vec![DateException {
            date: date(2030, 10, 15),
            hours: vec![],
        }],
        ..museum()
    };
    assert_eq!(
        hours.status_on(date(2030, 10, 15), &calendar()),
        closed(ClosedReason::Exception)
    );
}

#[test]
fn holiday_rule_beats_season() {
    let hours = OpeningHours {
        holidays: HolidayRule::Special {
            hours: vec![range("8:00", "20:00")],
        },
        seasons: vec![winter()],
        ..OpeningHours::default()
    };
    assert_eq!(hours.status_on(date(2030, 10, 7), &calendar()), open("8:00", "20:00"));
}

fn winter() -> Season {
    Season {
        name: "冬季".into(),
        from: MonthDay::new(11, 1).expect("valid"),
        to: MonthDay::new(3, 31).expect("valid"),
        weekly: WeeklyHours::every_day(&[range("10:00", "16:00")]),
    }
}

#[test]
fn season_wraps_year_end() {
    let hours = OpeningHours {
        seasons: vec![winter()],
        ..museum()
    };
    assert_eq!(hours.status_on(date(2030, 12, 31), &calendar()), open("10:00", "16:00"));
    assert_eq!(hours.status_on(date(2030, 3, 12), &calendar()), open("10:00", "16:00"));
    // Outside the season the regular week applies: Tuesday 2 April.
    assert_eq!(hours.status_on(date(2030, 4, 2), &calendar()), open("9:00", "17:00"));
}

#[test]
fn outside_only_season_is_closed() {
    let hours = OpeningHours {
        seasons: vec![winter()],
        ..OpeningHours::default()
    };
    assert_eq!(
        hours.status_on(date(2030, 6, 4), &calendar()),
        closed(ClosedReason::OutsideSeason)
    );
}

#[test]
fn missing_notice_is_unknown_when_rule_matters() {
    let hours = OpeningHours {
        holidays: HolidayRule::OpenOnClosingWeekdays,
        ..museum()
    };
    // Monday: opens only if the missing notice makes it a holiday.
    assert_eq!(
        hours.status_on(date(2031, 3, 3), &calendar()),
        OpenStatus::Unknown { year: 2031 }
    );
    // Tuesday: open whatever status the notice gives.
    assert_eq!(hours.status_on(date(2031, 3, 4), &calendar()), open("9:00", "17:00"));
    // No holiday rule at all: never unknown.
    assert_eq!(museum().status_on(date(2031, 3, 3), &calendar()).is_open(), Some(false));
}

#[test]
fn missing_notice_and_makeup_rule() {
    let hours = OpeningHours {
        makeup_workdays: MakeupWorkdayRule::Closed,
        ..museum()
    };
    assert_eq!(
        hours.status_on(date(2031, 3, 8), &calendar()),
        OpenStatus::Unknown { year: 2031 }
    );
    assert_eq!(hours.status_on(date(2031, 3, 5), &calendar()), open("9:00", "17:00"));
}

#[test]
fn lunar_new_year_eve_closure() {
    let hours = OpeningHours {
        annual_closures: vec![
            AnnualClosure::LunarNewYearEve,
            AnnualClosure::LunarFirstMonth { day: 1 },
        ],
        ..museum()
    };
    let eve = closed(ClosedReason::AnnualClosure {
        closure: AnnualClosure::LunarNewYearEve,
    });
    // 2030: 春节 is Sunday 3 February, so 除夕 is Saturday 2 February.
    assert_eq!(hours.status_on(date(2030, 2, 2), &calendar()), eve);
    assert_eq!(hours.status_on(date(2030, 2, 3), &calendar()).is_open(), Some(false));
    assert_eq!(hours.status_on(date(2030, 2, 5), &calendar()), open("9:00", "17:00"));
}

#[test]
fn lunar_closure_beyond_table_is_unknown() {
    let hours = OpeningHours {
        annual_closures: vec![AnnualClosure::LunarNewYearEve],
        ..museum()
    };
    // 2031 is not in the table: a Tuesday in the new-year window is unknown,
    // a Monday is closed anyway and a date in June is not affected.
    assert_eq!(
        hours.status_on(date(2031, 1, 21), &calendar()),
        OpenStatus::Unknown { year: 2031 }
    );
    assert_eq!(hours.status_on(date(2031, 1, 20), &calendar()).is_open(), Some(false));
    assert_eq!(hours.status_on(date(2031, 6, 3), &calendar()), open("9:00", "17:00"));
}

#[test]
fn annual_date_closure() {
    let hours = OpeningHours {
        annual_closures: vec![AnnualClosure::Date {
            month_day: MonthDay::new(1, 1).expect("valid"),
        }],
        ..museum()
    };
    assert_eq!(hours.status_on(date(2030, 1, 1), &calendar()).is_open(), Some(false));
    assert_eq!(hours.status_on(date(2030, 1, 2), &calendar()).is_open(), Some(true));
}
