//! Results of a recurring schedule, re-exported by `schedule`.

use chrono::{DateTime, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::calendar::holiday_name_en;
use crate::i18n::Text;

/// Treatment of make-up workdays (调休上班日) by a recurring rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MakeupWorkdays {
    /// A make-up workday gets a session only if the rule names its weekday.
    /// The other make-up workdays are reported, except on closing days.
    #[default]
    FollowWeekday,
    /// Every make-up workday gets a session, as schools work on it.
    Include,
}

/// One session the rule creates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// Date in China Standard Time.
    pub date: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: u32,
}

/// The reason a date got no session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkipReason {
    /// The resource's weekly closing day (闭馆日).
    ClosedWeekday { weekday: Weekday },
    /// A blackout date of the resource.
    Blackout,
    /// A public holiday, with the name the notice gives it.
    Holiday { name: String },
    /// A make-up workday not on the rule's weekdays, left out because the
    /// rule follows weekdays.
    MakeupWorkday { name: String },
    /// The holiday notice for `year` is not published, so the date cannot
    /// be decided.
    Unknown { year: i32 },
}

impl SkipReason {
    /// Builds the reason as shown to the provider beside the date.
    pub fn text(&self) -> Text {
        match self {
            SkipReason::ClosedWeekday { weekday } => {
                let (zh, en) = weekday_names(*weekday);
                Text::new(format!("闭馆日（{zh}）"), format!("closed on {en}s"))
            }
            SkipReason::Blackout => Text::new("暂停开放日", "blackout date"),
            SkipReason::Holiday { name } => Text::new(
                format!("法定节假日（{name}）"),
                format!("public holiday ({})", holiday_name_en(name)),
            ),
            SkipReason::MakeupWorkday { name } => Text::new(
                format!("调休上班日（{name}），未安排场次；如需安排，请选择“调休上班日也安排场次”"),
                format!(
                    "make-up workday ({}); no session was added, choose “include make-up workdays” to add one",
                    holiday_name_en(name)
                ),
            ),
            SkipReason::Unknown { year } => Text::new(
                format!("{year} 年放假安排尚未公布，无法确定是否放假，未安排场次"),
                format!("the {year} public holiday notice is not published yet, so no session was added"),
            ),
        }
    }
}

/// A date left out, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedDate {
    pub date: NaiveDate,
    pub reason: SkipReason,
}

/// The sessions a rule creates and the dates it leaves out, both by date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub occurrences: Vec<Occurrence>,
    pub skipped: Vec<SkippedDate>,
}

fn weekday_names(weekday: Weekday) -> (&'static str, &'static str) {
    match weekday {
        Weekday::Mon => ("周一", "Monday"),
        Weekday::Tue => ("周二", "Tuesday"),
        Weekday::Wed => ("周三", "Wednesday"),
        Weekday::Thu => ("周四", "Thursday"),
        Weekday::Fri => ("周五", "Friday"),
        Weekday::Sat => ("周六", "Saturday"),
        Weekday::Sun => ("周日", "Sunday"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_read_in_both_languages() {
        let closed = SkipReason::ClosedWeekday { weekday: Weekday::Mon }.text();
        assert_eq!(closed.zh, "闭馆日（周一）");
        assert_eq!(closed.en, "closed on Mondays");

        let holiday = SkipReason::Holiday {
            name: "国庆节、中秋节".into(),
        }
        .text();
        assert_eq!(holiday.zh, "法定节假日（国庆节、中秋节）");
        assert_eq!(holiday.en, "public holiday (National Day and Mid-Autumn Festival)");

        let unknown = SkipReason::Unknown { year: 2027 }.text();
        assert_eq!(unknown.zh, "2027 年放假安排尚未公布，无法确定是否放假，未安排场次");
    }

    #[test]
    fn default_follows_weekday() {
        assert_eq!(MakeupWorkdays::default(), MakeupWorkdays::FollowWeekday);
    }
}
