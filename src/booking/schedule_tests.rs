use chrono::{DateTime, Utc};

use super::*;
use crate::calendar::data::china_calendar;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("valid instant")
        .with_timezone(&Utc)
}

/// Builds a rule for every Tuesday and Thursday at 09:30 for 90 minutes, autumn term 2025.
fn autumn_rule() -> RecurringRule {
    RecurringRule {
        weekdays: vec![Weekday::Tue, Weekday::Thu],
        start_time: NaiveTime::from_hms_opt(9, 30, 0).expect("valid time"),
        duration_minutes: 90,
        first_date: date(2025, 9, 1),
        last_date: date(2026, 1, 16),
        capacity: 120,
        makeup_workdays: MakeupWorkdays::FollowWeekday,
    }
}

fn generate(rule: &RecurringRule, closures: &Closures) -> Schedule {
    generate_sessions(rule, closures, china_calendar()).expect("valid rule")
}

fn skipped(schedule: &Schedule) -> Vec<(NaiveDate, SkipReason)> {
    schedule.skipped.iter().map(|s| (s.date, s.reason.clone())).collect()
}

fn has_session(schedule: &Schedule, day: NaiveDate) -> bool {
    schedule.occurrences.iter().any(|o| o.date == day)
}

#[test]
fn autumn_term_skips_national_day_week() {
    let schedule = generate(&autumn_rule(), &Closures::default());
    let national_day = || SkipReason::Holiday {
        name: "国庆节、中秋节".into(),
    };
    let makeup = || SkipReason::MakeupWorkday {
        name: "国庆节、中秋节".into(),
    };

    // 40 Tuesdays and Thursdays, less three holidays.
    assert_eq!(schedule.occurrences.len(), 37);
    assert_eq!(
        skipped(&schedule),
        [
            (date(2025, 9, 28), makeup()),
            (date(2025, 10, 2), national_day()),
            (date(2025, 10, 7), national_day()),
            (date(2025, 10, 11), makeup()),
            (date(2026, 1, 1), SkipReason::Holiday { name: "元旦".into() }),
            (date(2026, 1, 4), SkipReason::MakeupWorkday { name: "元旦".into() }),
        ]
    );
    assert!(has_session(&schedule, date(2025, 9, 30)));
    assert!(has_session(&schedule, date(2025, 10, 9)));
    assert!(!has_session(&schedule, date(2025, 9, 28)));
}

#[test]
fn sessions_are_china_time_in_utc() {
    let schedule = generate(&autumn_rule(), &Closures::default());
    let first = schedule.occurrences.first().expect("at least one session");
    assert_eq!(first.date, date(2025, 9, 2));
    assert_eq!(first.starts_at, instant("2025-09-02T01:30:00Z"));
    assert_eq!(first.ends_at, instant("2025-09-02T03:00:00Z"));
    assert_eq!(first.capacity, 120);
}

#[test]
fn included_makeup_workday_gets_session() {
    let rule = RecurringRule {
        makeup_workdays: MakeupWorkdays::Include,
        ..autumn_rule()
    };
    let schedule = generate(&rule, &Closures::default());
    assert_eq!(schedule.occurrences.len(), 40);

    let sunday = schedule
        .occurrences
        .iter()
        .find(|o| o.date == date(2025, 9, 28))
        .expect("session on the make-up Sunday");
    assert_eq!(sunday.starts_at, instant("2025-09-28T01:30:00Z"));
    assert!(has_session(&schedule, date(2025, 10, 11)));
    assert!(has_session(&schedule, date(2026, 1, 4)));
    assert!(
        schedule
            .skipped
            .iter()
            .all(|s| matches!(s.reason, SkipReason::Holiday { .. }))
    );
}

#[test]
fn makeup_workday_on_closed_weekday_skipped() {
    let rule = RecurringRule {
        makeup_workdays: MakeupWorkdays::Include,
        ..autumn_rule()
    };
    let closures = Closures {
        closed_weekdays: vec![Weekday::Sun],
        ..Closures::default()
    };
    let schedule = generate(&rule, &closures);
    assert!(!has_session(&schedule, date(2025, 9, 28)));
    assert!(skipped(&schedule).contains(&(date(2025, 9, 28), SkipReason::ClosedWeekday { weekday: Weekday::Sun })));
}

#[test]
fn makeup_day_on_closing_day_not_reported() {
    let closures = Closures {
        closed_weekdays: vec![Weekday::Sun],
        ..Closures::default()
    };
    let schedule = generate(&autumn_rule(), &closures);
    let dates: Vec<NaiveDate> = schedule.skipped.iter().map(|s| s.date).collect();
    // The Saturday 11 October is still reported; the Sundays are not.
    assert!(dates.contains(&date(2025, 10, 11)));
    assert!(!dates.contains(&date(2025, 9, 28)));
    assert!(!dates.contains(&date(2026, 1, 4)));
}

#[test]
fn closed_weekdays_and_blackouts_skipped() {
    let rule = RecurringRule {
        weekdays: vec![Weekday::Mon, Weekday::Wed],
        first_date: date(2025, 9, 1),
        last_date: date(2025, 9, 14),
        ..autumn_rule()
    };
    let closures = Closures {
        closed_weekdays: vec![Weekday::Mon],
        blackout_dates: [date(2025, 9, 10)].into_iter().collect(),
    };
    let schedule = generate(&rule, &closures);
    let dates: Vec<NaiveDate> = schedule.occurrences.iter().map(|o| o.date).collect();
    assert_eq!(dates, [date(2025, 9, 3)]);
    assert_eq!(
        skipped(&schedule),
        [
            (date(2025, 9, 1), SkipReason::ClosedWeekday { weekday: Weekday::Mon }),
            (date(2025, 9, 8), SkipReason::ClosedWeekday { weekday: Weekday::Mon }),
            (date(2025, 9, 10), SkipReason::Blackout),
        ]
    );
}

#[test]
fn unpublished_notice_dates_reported() {
    let rule = RecurringRule {
        first_date: date(2026, 12, 1),
        last_date: date(2027, 1, 31),
        ..autumn_rule()
    };
    let schedule = generate(&rule, &Closures::default());

    // Dates from 20 December 2026 need the unpublished 2027 notice.
    let dates: Vec<NaiveDate> = schedule.occurrences.iter().map(|o| o.date).collect();
    assert_eq!(
        dates,
        [
            date(2026, 12, 1),
            date(2026, 12, 3),
            date(2026, 12, 8),
            date(2026, 12, 10),
            date(2026, 12, 15),
            date(2026, 12, 17),
        ]
    );
    assert_eq!(schedule.skipped.len(), 12);
    assert!(
        schedule
            .skipped
            .iter()
            .all(|s| s.reason == SkipReason::Unknown { year: 2027 })
    );
    assert_eq!(schedule.skipped.first().map(|s| s.date), Some(date(2026, 12, 22)));
}

#[test]
fn undecided_weekends_reported_when_including_makeup_days() {
    let rule = RecurringRule {
        first_date: date(2027, 3, 1),
        last_date: date(2027, 3, 7),
        makeup_workdays: MakeupWorkdays::Include,
        ..autumn_rule()
    };
    let schedule = generate(&rule, &Closures::default());
    assert!(schedule.occurrences.is_empty());
    let dates: Vec<NaiveDate> = schedule.skipped.iter().map(|s| s.date).collect();
    // Tuesday, Thursday, and the weekend that might be a make-up workday.
    assert_eq!(
        dates,
        [date(2027, 3, 2), date(2027, 3, 4), date(2027, 3, 6), date(2027, 3, 7)]
    );
}

#[test]
fn invalid_rule_lists_fields() {
    let rule = RecurringRule {
        weekdays: Vec::new(),
        duration_minutes: 0,
        capacity: 0,
        last_date: date(2025, 8, 31),
        ..autumn_rule()
    };
    let Err(AppError::Validation(errors)) = generate_sessions(&rule, &Closures::default(), china_calendar()) else {
        panic!("expected field errors");
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["weekdays", "duration_minutes", "capacity", "last_date"]);
}

#[test]
fn long_range_and_far_years_rejected() {
    let long = RecurringRule {
        last_date: date(2026, 10, 6),
        ..autumn_rule()
    };
    assert!(generate_sessions(&long, &Closures::default(), china_calendar()).is_err());

    let just_fits = RecurringRule {
        last_date: date(2026, 10, 5),
        ..autumn_rule()
    };
    assert!(generate_sessions(&just_fits, &Closures::default(), china_calendar()).is_ok());

    let far = RecurringRule {
        first_date: NaiveDate::MAX,
        last_date: NaiveDate::MAX,
        ..autumn_rule()
    };
    assert!(generate_sessions(&far, &Closures::default(), china_calendar()).is_err());
}

fn hours(text: &str) -> crate::resources::opening_hours::OpeningHours {
    crate::resources::opening_hours::parse(text).expect("valid opening hours")
}

#[test]
fn opening_hours_give_closing_weekdays_and_dated_closures() {
    let rule = autumn_rule();
    let closures = Closures::from_opening_hours(
        &hours("周二至周日 09:00-17:00；周一闭馆；2025年11月13日闭馆"),
        &rule,
        china_calendar(),
    );
    assert_eq!(closures.closed_weekdays, vec![Weekday::Mon]);
    // 2025-11-13 is a Thursday: the dated closure becomes a blackout date.
    assert!(closures.blackout_dates.contains(&date(2025, 11, 13)));
    // Mondays are closing weekdays, not blackout dates as well.
    assert!(!closures.blackout_dates.contains(&date(2025, 11, 17)));

    let schedule = generate(&rule, &closures);
    assert!(!has_session(&schedule, date(2025, 11, 13)));
    assert!(has_session(&schedule, date(2025, 11, 11)));
    assert!(skipped(&schedule).contains(&(date(2025, 11, 13), SkipReason::Blackout)));
}

#[test]
fn holidays_stay_reported_as_holidays_not_blackouts() {
    let rule = autumn_rule();
    let closures = Closures::from_opening_hours(&hours("每天 09:00-17:00；法定节假日闭馆"), &rule, china_calendar());
    // 2025-10-02 (Thursday) is in the 国庆节、中秋节 holiday.
    assert!(!closures.blackout_dates.contains(&date(2025, 10, 2)));
    let schedule = generate(&rule, &closures);
    assert!(
        skipped(&schedule)
            .iter()
            .any(|(day, reason)| *day == date(2025, 10, 2) && matches!(reason, SkipReason::Holiday { .. }))
    );
}

#[test]
fn hours_not_filled_in_close_nothing() {
    let rule = autumn_rule();
    let closures = Closures::from_opening_hours(&Default::default(), &rule, china_calendar());
    assert_eq!(closures, Closures::default());
}
