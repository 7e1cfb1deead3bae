//! Phrasings from census sheets and venue notices, errors, and the round
//! trip through `describe`.

use chrono::{NaiveDate, Weekday};

use super::*;
use crate::i18n::Locale;
use crate::resources::opening_hours::{
    AnnualClosure, ClockTime, DateException, MakeupWorkdayRule, MonthDay, TimeRange, WeeklyHours,
};

fn time(text: &str) -> ClockTime {
    ClockTime::parse(text).expect("valid test time")
}

fn range(start: &str, end: &str) -> TimeRange {
    TimeRange::new(time(start), time(end)).expect("valid range")
}

fn with_entry(start: &str, end: &str, entry: &str) -> TimeRange {
    TimeRange {
        last_entry: Some(time(entry)),
        ..range(start, end)
    }
}

fn parsed(text: &str) -> OpeningHours {
    match parse(text) {
        Ok(hours) => hours,
        Err(error) => panic!("{text}: {}", error.zh),
    }
}

fn week_without(ranges: &[TimeRange], closed: &[Weekday]) -> WeeklyHours {
    let mut week = WeeklyHours::every_day(ranges);
    for day in closed {
        week.set(*day, Vec::new());
    }
    week
}

#[test]
fn closed_monday_with_holidays_as_usual() {
    let hours = parsed("周二至周日 09:00-17:00；周一闭馆；法定节假日照常开放");
    assert_eq!(hours.weekly, week_without(&[range("9:00", "17:00")], &[Weekday::Mon]));
    assert_eq!(hours.holidays, HolidayRule::AsUsual);
}

#[test]
fn every_day_with_last_entry_and_eve() {
    let hours = parsed("每天 9:00-17:00（16:30停止入场）；除夕闭馆");
    assert_eq!(
        hours.weekly,
        WeeklyHours::every_day(&[with_entry("9:00", "17:00", "16:30")])
    );
    assert_eq!(hours.annual_closures, vec![AnnualClosure::LunarNewYearEve]);
}

#[test]
fn closing_weekday_except_holidays() {
    for text in [
        "周二至周日 9:00-17:00，周一闭馆（法定节假日除外）",
        "周二至周日9:00—17:00，每周一闭馆，法定节假日除外",
        "周二至周日 9:00-17:00；周一闭馆，如遇节假日照常开放",
        "开放时间：周二至周日 9:00~17:00 周一闭馆（国家法定节假日除外）",
    ] {
        let hours = parsed(text);
        assert_eq!(hours.holidays, HolidayRule::OpenOnClosingWeekdays, "{text}");
        assert_eq!(hours.weekly.hours(Weekday::Mon), &[] as &[TimeRange], "{text}");
        assert_eq!(hours.weekly.hours(Weekday::Sun), &[range("9:00", "17:00")], "{text}");
    }
}

#[test]
fn two_periods_a_day() {
    let hours = parsed("周一至周五 8:30-11:30、14:00-17:00；周六、周日闭馆");
    let day = [range("8:30", "11:30"), range("14:00", "17:00")];
    assert_eq!(hours.weekly, week_without(&day, &[Weekday::Sat, Weekday::Sun]));

    let hours = parsed("上午9:00-12:00，下午1:30-5:00");
    assert_eq!(
        hours.weekly,
        WeeklyHours::every_day(&[range("9:00", "12:00"), range("13:30", "17:00")])
    );
}

#[test]
fn hour_words_and_full_width() {
    assert_eq!(
        parsed("每日9点-17点半").weekly,
        WeeklyHours::every_day(&[range("9:00", "17:30")])
    );
    let hours = parsed("周二至周日　０９：００－１７：００");
    assert_eq!(hours.weekly, week_without(&[range("9:00", "17:00")], &[Weekday::Mon]));
    assert_eq!(
        parsed("9:00开馆，17:00闭馆").weekly,
        WeeklyHours::every_day(&[range("9:00", "17:00")])
    );
}

#[test]
fn days_without_separator_split() {
    let hours = parsed("周一至周五 9:00-17:00 周六 10:00-16:00");
    assert_eq!(hours.weekly.hours(Weekday::Fri), &[range("9:00", "17:00")]);
    assert_eq!(hours.weekly.hours(Weekday::Sat), &[range("10:00", "16:00")]);
    assert!(hours.weekly.hours(Weekday::Sun).is_empty());
}

#[test]
fn seasons_and_global_closing_day() {
    let hours = parsed(
        "夏季(5月1日-10月31日)：周二至周日 9:00-18:00；冬季(11月1日-次年4月30日)：周二至周日 9:00-17:00；周一闭馆",
    );
    assert!(hours.weekly.is_closed_all_week());
    assert_eq!(hours.seasons.len(), 2);
    assert_eq!(hours.seasons[1].name, "冬季");
    assert_eq!(hours.seasons[1].from, MonthDay::new(11, 1).expect("valid"));
    assert_eq!(hours.seasons[1].to, MonthDay::new(4, 30).expect("valid"));
    assert_eq!(hours.seasons[0].weekly.hours(Weekday::Sun), &[range("9:00", "18:00")]);
    assert!(hours.seasons[1].weekly.hours(Weekday::Mon).is_empty());
}

#[test]
fn all_year_and_all_day() {
    assert_eq!(
        parsed("全年开放 08:30-17:30").weekly,
        WeeklyHours::every_day(&[range("8:30", "17:30")])
    );
    assert_eq!(
        parsed("全天开放").weekly,
        WeeklyHours::every_day(&[TimeRange::all_day()])
    );
    assert_eq!(
        parsed("24小时开放").weekly,
        WeeklyHours::every_day(&[TimeRange::all_day()])
    );
}

#[test]
fn holiday_rules() {
    assert_eq!(parsed("每天 9:00-17:00；法定节假日闭馆").holidays, HolidayRule::Closed);
    assert_eq!(
        parsed("周一至周五 9:00-17:00；法定节假日 9:00-16:00").holidays,
        HolidayRule::Special {
            hours: vec![range("9:00", "16:00")]
        }
    );
    let hours = parsed("周一至周五 9:00-17:00；周末及法定节假日闭馆");
    assert_eq!(hours.holidays, HolidayRule::Closed);
    assert!(hours.weekly.hours(Weekday::Sat).is_empty());
}

#[test]
fn festival_and_lunar_closures() {
    let hours = parsed("每天 9:00-17:00；春节期间闭馆；除夕至正月初二闭馆；每年1月1日闭馆");
    assert_eq!(hours.closed_holidays, vec!["春节".to_owned()]);
    assert_eq!(
        hours.annual_closures,
        vec![
            AnnualClosure::LunarNewYearEve,
            AnnualClosure::LunarFirstMonth { day: 1 },
            AnnualClosure::LunarFirstMonth { day: 2 },
            AnnualClosure::Date {
                month_day: MonthDay::new(1, 1).expect("valid")
            },
        ]
    );
}

#[test]
fn makeup_workday_rules() {
    assert_eq!(
        parsed("周一至周五 9:00-17:00；调休上班日按周五开放").makeup_workdays,
        MakeupWorkdayRule::AsWeekday { weekday: Weekday::Fri }
    );
    assert_eq!(
        parsed("每天 9:00-17:00；调休上班日闭馆").makeup_workdays,
        MakeupWorkdayRule::Closed
    );
}

#[test]
fn dated_exceptions() {
    let hours = parsed("每天 9:00-17:00；2025年10月1日至3日闭馆；2025-12-31 9:00-12:00");
    let date = |m, d| NaiveDate::from_ymd_opt(2025, m, d).expect("valid date");
    assert_eq!(hours.exceptions.len(), 4);
    assert_eq!(
        hours.exceptions[0],
        DateException {
            date: date(10, 1),
            hours: vec![]
        }
    );
    assert_eq!(
        hours.exceptions[3],
        DateException {
            date: date(12, 31),
            hours: vec![range("9:00", "12:00")]
        }
    );
}

#[test]
fn unreadable_part_is_quoted() {
    let error = parse("周二至周日 9:00-17:00；周一遇雨顺延").unwrap_err();
    assert!(error.zh.contains("“周一遇雨顺延”"), "{}", error.zh);
    assert!(error.zh.contains(EXAMPLE), "{}", error.zh);
    assert!(error.en.contains("周一遇雨顺延"), "{}", error.en);

    let error = parse("周二至周日 上班").unwrap_err();
    assert!(error.zh.contains("周二至周日 上班"), "{}", error.zh);
}

#[test]
fn specific_errors() {
    let cases = [
        ("每天 17:00-9:00", "17:00-09:00"),
        ("夏季：9:00-17:00", "起止日期"),
        ("16:30停止入场", "之前没有开放时段"),
        ("每天 9:00-17:00（17:30停止入场）", "不在开放时段之内"),
        ("周一闭馆", "没有找到开放时段"),
        ("", "为空"),
        ("每天 9:00-12:00、11:00-17:00", "重叠"),
        ("2025年2月30日闭馆；每天 9:00-17:00", "日期无效"),
        ("每天 9:00-17:00（法定节假日除外", "无法识别"),
    ];
    for (text, expected) in cases {
        let error = parse(text).unwrap_err();
        assert!(error.zh.contains(expected), "{text}: {}", error.zh);
    }
}

#[test]
fn describe_round_trips() {
    for text in [
        "周二至周日 09:00-17:00（16:30停止入场）；周一闭馆（法定节假日除外）",
        "周一至周五 08:30-11:30、14:00-17:00；周六 09:00-12:00；周日闭馆",
        "夏季（5月1日-10月31日）：周二至周日 09:00-18:00；冬季（11月1日-次年4月30日）：周二至周日 09:00-17:00；周一闭馆",
        "每天 09:00-17:00；法定节假日 10:00-16:00；春节期间闭馆；每年除夕、正月初一闭馆；调休上班日闭馆",
        "周一、周三至周五 09:00-17:00；周二、周六、周日闭馆；法定节假日闭馆；2025年10月1日闭馆；2025年12月31日 09:00-12:00",
    ] {
        let hours = parsed(text);
        let described = hours.describe(Locale::Zh);
        assert_eq!(described, text);
        assert_eq!(parsed(&described), hours, "{described}");
    }
}

#[test]
fn describe_in_english() {
    let hours = parsed("周二至周日 09:00-17:00（16:30停止入场）；周一闭馆（法定节假日除外）；除夕闭馆");
    assert_eq!(
        hours.describe(Locale::En),
        "Tue–Sun 09:00–17:00 (last entry 16:30); Closed on Mondays except public holidays; \
         Closed every year on Chinese New Year's Eve"
    );
}

#[test]
fn random_text_never_panics() {
    const FRAGMENTS: [&str; 36] = [
        "每天 9:00-17:00；",
        "周二至周日 10:00-16:00；",
        "周一闭馆（法定节假日除外）；",
        "冬季（11月1日-3月31日）：",
        "周一",
        "至",
        "周日",
        "、",
        "9:00",
        "-",
        "17:00",
        "（",
        "）",
        "；",
        "，",
        "闭馆",
        "开放",
        "法定节假日",
        "除外",
        "停止入场",
        "夏季",
        "5月1日",
        "10月31日",
        "除夕",
        "正月初三",
        "2025年",
        "2月30日",
        "调休上班日",
        "按",
        "24",
        "小时",
        "点",
        "半",
        "下午",
        "99999999999",
        "每",
    ];
    // A fixed linear congruential generator keeps the cases reproducible.
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut parsed_count = 0;
    for _ in 0..20_000 {
        let mut text = String::new();
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let length = (state >> 61) as usize % 6 + 1;
        for _ in 0..length {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            text.push_str(FRAGMENTS[(state >> 59) as usize % FRAGMENTS.len()]);
        }
        if let Ok(hours) = parse(&text) {
            assert_eq!(hours.validate(), Ok(()), "{text}");
            let described = hours.describe(Locale::Zh);
            assert_eq!(parse(&described).as_ref(), Ok(&hours), "{text} => {described}");
            parsed_count += 1;
        }
    }
    assert!(parsed_count > 500, "only {parsed_count} texts parsed");
}
