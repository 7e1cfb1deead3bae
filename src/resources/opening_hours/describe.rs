//! Opening hours rendered as text for pages. The Chinese form is the one
//! [`parse`](super::parse) reads, so a description parses back to the same
//! schedule.

use chrono::Weekday;

use super::names::{annual_closure_en, annual_closure_zh, month_day_en, month_day_zh, weekday_en, weekday_zh};
use super::{HolidayRule, MakeupWorkdayRule, OpeningHours, Season, TimeRange, WEEK, WeeklyHours};
use crate::calendar::holiday_name_en;
use crate::i18n::Locale;

impl OpeningHours {
    /// Renders the schedule as one line of text, for example
    /// "周二至周日 09:00-17:00（16:30停止入场）；周一闭馆（法定节假日除外）".
    pub fn describe(&self, locale: Locale) -> String {
        let zh = locale == Locale::Zh;
        let mut parts = Vec::new();

        if !self.weekly.is_closed_all_week() {
            parts.extend(describe_week(&self.weekly, zh));
        }
        for season in &self.seasons {
            parts.extend(describe_season(season, zh));
        }
        if parts.is_empty() {
            parts.push(if zh { "暂无开放时间" } else { "No opening hours" }.to_owned());
        }

        let closing = self.closing_weekdays();
        let except_holidays = self.holidays == HolidayRule::OpenOnClosingWeekdays;
        if !closing.is_empty() {
            parts.push(match (zh, except_holidays) {
                (true, false) => format!("{}闭馆", days_zh(&closing)),
                (true, true) => format!("{}闭馆（法定节假日除外）", days_zh(&closing)),
                (false, false) => format!("Closed on {}", days_en_long(&closing)),
                (false, true) => format!("Closed on {} except public holidays", days_en_long(&closing)),
            });
        }

        match &self.holidays {
            HolidayRule::AsUsual => {}
            // NOTE: a weekday closed in some seasons only has no phrase of its
            // own, so its 法定节假日除外 is left out of the text.
            HolidayRule::OpenOnClosingWeekdays => {}
            HolidayRule::Closed => parts.push(
                if zh {
                    "法定节假日闭馆"
                } else {
                    "Closed on public holidays"
                }
                .to_owned(),
            ),
            HolidayRule::Special { hours } => parts.push(if zh {
                format!("法定节假日 {}", ranges_zh(hours))
            } else {
                format!("Public holidays: {}", ranges_en(hours))
            }),
        }

        if !self.closed_holidays.is_empty() {
            parts.push(if zh {
                format!("{}期间闭馆", self.closed_holidays.join("、"))
            } else {
                let names: Vec<String> = self.closed_holidays.iter().map(|name| holiday_name_en(name)).collect();
                format!("Closed during {}", names.join(", "))
            });
        }

        if !self.annual_closures.is_empty() {
            parts.push(if zh {
                let days: Vec<String> = self.annual_closures.iter().map(annual_closure_zh).collect();
                format!("每年{}闭馆", days.join("、"))
            } else {
                let days: Vec<String> = self.annual_closures.iter().map(annual_closure_en).collect();
                format!("Closed every year on {}", days.join(", "))
            });
        }

        match self.makeup_workdays {
            MakeupWorkdayRule::OwnWeekday => {}
            MakeupWorkdayRule::AsWeekday { weekday } => parts.push(if zh {
                format!("调休上班日按{}开放", weekday_zh(weekday))
            } else {
                format!("Make-up workdays: {} hours", weekday_en(weekday))
            }),
            MakeupWorkdayRule::Closed => parts.push(
                if zh {
                    "调休上班日闭馆"
                } else {
                    "Closed on make-up workdays"
                }
                .to_owned(),
            ),
        }

        let mut exceptions: Vec<_> = self.exceptions.iter().collect();
        exceptions.sort_by_key(|exception| exception.date);
        for exception in exceptions {
            let date = exception.date;
            parts.push(match (zh, exception.hours.is_empty()) {
                (true, true) => format!("{}闭馆", date.format("%Y年%-m月%-d日")),
                (true, false) => format!("{} {}", date.format("%Y年%-m月%-d日"), ranges_zh(&exception.hours)),
                (false, true) => format!("Closed on {date}"),
                (false, false) => format!("{date}: {}", ranges_en(&exception.hours)),
            });
        }

        parts.join(if zh { "；" } else { "; " })
    }

    /// Weekdays closed in the regular week (when it has open days) and in
    /// every season.
    fn closing_weekdays(&self) -> Vec<Weekday> {
        let mut weeks: Vec<&WeeklyHours> = self.seasons.iter().map(|season| &season.weekly).collect();
        if !self.weekly.is_closed_all_week() {
            weeks.push(&self.weekly);
        }
        if weeks.is_empty() {
            return Vec::new();
        }
        WEEK.into_iter()
            .filter(|weekday| weeks.iter().all(|week| week.hours(*weekday).is_empty()))
            .collect()
    }
}

/// Renders one part per group of weekdays with the same periods.
fn describe_week(week: &WeeklyHours, zh: bool) -> Vec<String> {
    let mut groups: Vec<(Vec<Weekday>, &[TimeRange])> = Vec::new();
    for weekday in WEEK {
        let hours = week.hours(weekday);
        if hours.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(_, ranges)| *ranges == hours) {
            Some((days, _)) => days.push(weekday),
            None => groups.push((vec![weekday], hours)),
        }
    }

    groups
        .into_iter()
        .map(|(days, ranges)| {
            if zh {
                format!("{} {}", days_zh(&days), ranges_zh(ranges))
            } else {
                format!("{} {}", days_en(&days), ranges_en(ranges))
            }
        })
        .collect()
}

fn describe_season(season: &Season, zh: bool) -> Vec<String> {
    let header = if zh {
        let next_year = if season.from > season.to { "次年" } else { "" };
        format!(
            "{}（{}-{next_year}{}）：",
            season.name,
            month_day_zh(season.from),
            month_day_zh(season.to)
        )
    } else {
        format!(
            "{} ({} – {}): ",
            season_name_en(&season.name),
            month_day_en(season.from),
            month_day_en(season.to)
        )
    };

    let mut parts = describe_week(&season.weekly, zh);
    match parts.first_mut() {
        Some(first) => first.insert_str(0, &header),
        None => parts.push(format!("{header}{}", if zh { "闭馆" } else { "closed" })),
    }
    parts
}

fn season_name_en(name: &str) -> &str {
    match name {
        "春季" => "Spring",
        "夏季" => "Summer",
        "秋季" => "Autumn",
        "冬季" => "Winter",
        "旺季" => "Peak season",
        "淡季" => "Off season",
        "" => "Season",
        other => other,
    }
}

/// Runs of consecutive weekdays, Monday first.
fn runs(days: &[Weekday]) -> Vec<(Weekday, Weekday, usize)> {
    let mut runs: Vec<(Weekday, Weekday, usize)> = Vec::new();
    for day in days {
        match runs.last_mut() {
            Some((_, last, length)) if last.succ() == *day && *day != Weekday::Mon => {
                *last = *day;
                *length += 1;
            }
            _ => runs.push((*day, *day, 1)),
        }
    }
    runs
}

fn days_zh(days: &[Weekday]) -> String {
    if days.len() == 7 {
        return "每天".into();
    }
    let parts: Vec<String> = runs(days)
        .into_iter()
        .map(|(first, last, length)| match length {
            1 => weekday_zh(first).to_owned(),
            2 => format!("{}、{}", weekday_zh(first), weekday_zh(last)),
            _ => format!("{}至{}", weekday_zh(first), weekday_zh(last)),
        })
        .collect();
    parts.join("、")
}

fn days_en(days: &[Weekday]) -> String {
    if days.len() == 7 {
        return "Daily".into();
    }
    let short = |day: Weekday| day.to_string();
    let parts: Vec<String> = runs(days)
        .into_iter()
        .map(|(first, last, length)| match length {
            1 => short(first),
            2 => format!("{}, {}", short(first), short(last)),
            _ => format!("{}–{}", short(first), short(last)),
        })
        .collect();
    parts.join(", ")
}

fn days_en_long(days: &[Weekday]) -> String {
    let names: Vec<String> = days.iter().map(|day| format!("{}s", weekday_en(*day))).collect();
    names.join(" and ")
}

fn ranges_zh(ranges: &[TimeRange]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|range| match range.last_entry {
            Some(entry) => format!("{range}（{entry}停止入场）"),
            None => range.to_string(),
        })
        .collect();
    parts.join("、")
}

fn ranges_en(ranges: &[TimeRange]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|range| {
            let base = format!("{}–{}", range.start, range.end);
            match range.last_entry {
                Some(entry) => format!("{base} (last entry {entry})"),
                None => base,
            }
        })
        .collect();
    parts.join(", ")
}
