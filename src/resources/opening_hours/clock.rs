//! Clock times and opening periods of a day, in China Standard Time.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Minutes in a day; also the value of "24:00".
const MINUTES_PER_DAY: u16 = 24 * 60;

/// A time of day in whole minutes after midnight, from 00:00 to 24:00.
///
/// 24:00 exists so that a venue open around the clock can be written as
/// 00:00–24:00. It is valid only as the end of a [`TimeRange`].
/// Serialised as `"HH:MM"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u16);

impl ClockTime {
    pub const MIDNIGHT: ClockTime = ClockTime(0);
    pub const END_OF_DAY: ClockTime = ClockTime(MINUTES_PER_DAY);

    /// Creates the time `hour:minute`; `None` outside 00:00..=24:00.
    pub fn new(hour: u32, minute: u32) -> Option<ClockTime> {
        let valid = minute < 60 && (hour < 24 || (hour == 24 && minute == 0));
        valid.then(|| ClockTime((hour * 60 + minute) as u16))
    }

    pub fn hour(self) -> u32 {
        u32::from(self.0 / 60)
    }

    pub fn minute(self) -> u32 {
        u32::from(self.0 % 60)
    }

    /// Parses `H:MM` or `HH:MM`.
    pub fn parse(text: &str) -> Option<ClockTime> {
        let (hour, minute) = text.trim().split_once(':')?;
        let all_digits = |part: &str| !part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(hour) || minute.len() != 2 || !all_digits(minute) {
            return None;
        }
        ClockTime::new(hour.parse().ok()?, minute.parse().ok()?)
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ClockTime::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid clock time {text:?}, expected HH:MM")))
    }
}

/// One opening period of a day: open from `start` until `end`, with
/// admission until `last_entry` when the venue stops letting visitors in
/// before it closes (停止入场).
///
/// Invariants, checked by [`OpeningHours::validate`](super::OpeningHours::validate):
/// `start < end`, and `start < last_entry <= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimeRange {
    pub start: ClockTime,
    pub end: ClockTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_entry: Option<ClockTime>,
}

impl TimeRange {
    /// Creates the range `start`–`end` without a last entry time; `None`
    /// unless `start < end`.
    pub fn new(start: ClockTime, end: ClockTime) -> Option<TimeRange> {
        (start < end).then_some(TimeRange {
            start,
            end,
            last_entry: None,
        })
    }

    /// Returns the whole day, 00:00–24:00.
    pub fn all_day() -> TimeRange {
        TimeRange {
            start: ClockTime::MIDNIGHT,
            end: ClockTime::END_OF_DAY,
            last_entry: None,
        }
    }

    /// Returns whether the venue is open at `time`; the end is exclusive.
    pub fn contains(&self, time: ClockTime) -> bool {
        self.start <= time && time < self.end
    }

    /// Returns whether the invariants hold.
    pub fn is_valid(&self) -> bool {
        let entry_ok = self
            .last_entry
            .is_none_or(|entry| self.start < entry && entry <= self.end);
        self.start < self.end && self.end <= ClockTime::END_OF_DAY && entry_ok
    }
}

impl fmt::Display for TimeRange {
    /// Formats as `09:00-17:00`, without the last entry time.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(text: &str) -> ClockTime {
        ClockTime::parse(text).expect("valid test time")
    }

    #[test]
    fn clock_time_parses_short_hour() {
        assert_eq!(time("9:00"), ClockTime::new(9, 0).expect("valid"));
        assert_eq!(time("09:30").to_string(), "09:30");
        assert_eq!(time("24:00"), ClockTime::END_OF_DAY);
    }

    #[test]
    fn clock_time_rejects_invalid() {
        for text in ["24:01", "9:60", "9", "9:0", "-1:00", "123:00", "ab:cd", ""] {
            assert_eq!(ClockTime::parse(text), None, "{text}");
        }
    }

    #[test]
    fn time_range_serde_uses_hh_mm() {
        let mut range = TimeRange::new(time("9:00"), time("17:00")).expect("valid range");
        range.last_entry = Some(time("16:30"));
        let json = serde_json::to_string(&range).expect("serialises");
        assert_eq!(json, r#"{"start":"09:00","end":"17:00","last_entry":"16:30"}"#);
        assert_eq!(serde_json::from_str::<TimeRange>(&json).expect("parses"), range);
        assert!(serde_json::from_str::<TimeRange>(r#"{"start":"9","end":"17:00"}"#).is_err());
    }

    #[test]
    fn time_range_validity() {
        assert_eq!(TimeRange::new(time("17:00"), time("09:00")), None);
        let mut range = TimeRange::new(time("9:00"), time("17:00")).expect("valid range");
        assert!(range.is_valid());
        range.last_entry = Some(time("17:30"));
        assert!(!range.is_valid());
        range.last_entry = Some(time("09:00"));
        assert!(!range.is_valid());
        assert!(TimeRange::all_day().contains(time("23:59")));
    }
}
