//! Chinese and English names of weekdays and days of the year.

use chrono::Weekday;

use super::{AnnualClosure, MonthDay};

pub(crate) fn weekday_zh(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

pub(crate) fn weekday_en(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

pub(crate) fn annual_closure_zh(closure: &AnnualClosure) -> String {
    match closure {
        AnnualClosure::Date { month_day } => month_day_zh(*month_day),
        AnnualClosure::LunarNewYearEve => "除夕".into(),
        AnnualClosure::LunarFirstMonth { day } => format!("正月初{}", chinese_numeral(*day)),
    }
}

pub(crate) fn annual_closure_en(closure: &AnnualClosure) -> String {
    match closure {
        AnnualClosure::Date { month_day } => month_day_en(*month_day),
        AnnualClosure::LunarNewYearEve => "Chinese New Year's Eve".into(),
        AnnualClosure::LunarFirstMonth { day } => format!("day {day} of the first lunar month"),
    }
}

/// 一 to 十, as in 正月初三.
pub(crate) fn chinese_numeral(number: u32) -> &'static str {
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let index = number.saturating_sub(1) as usize;
    NUMERALS.get(index).copied().unwrap_or("?")
}

pub(crate) fn month_day_zh(day: MonthDay) -> String {
    format!("{}月{}日", day.month, day.day)
}

pub(crate) fn month_day_en(day: MonthDay) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.get(day.month.saturating_sub(1) as usize).copied().unwrap_or("?");
    format!("{} {month}", day.day)
}
