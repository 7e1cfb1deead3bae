//! China Standard Time. Instants are stored in UTC; every day boundary,
//! holiday check and date shown uses UTC+8, whatever the server's zone is.
//! China has not observed daylight saving time since 1991, so a fixed offset
//! is exact for every date the platform handles.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// UTC+8, Asia/Shanghai.
pub fn china_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The instant in China Standard Time.
pub fn to_china(instant: DateTime<Utc>) -> DateTime<FixedOffset> {
    instant.with_timezone(&china_offset())
}

/// Today's date in China.
pub fn china_today() -> NaiveDate {
    to_china(Utc::now()).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_boundary_is_utc_plus_eight() {
        let late_utc = DateTime::parse_from_rfc3339("2025-09-30T16:30:00Z")
            .expect("valid instant")
            .with_timezone(&Utc);
        assert_eq!(to_china(late_utc).date_naive().to_string(), "2025-10-01");
    }
}

/// An instant as shown on pages: `2025-10-01 08:30` in China Standard Time.
pub fn format_china(instant: DateTime<Utc>) -> String {
    to_china(instant).format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn shown_in_china_time() {
        let instant = DateTime::parse_from_rfc3339("2025-09-30T16:30:00Z")
            .expect("valid instant")
            .with_timezone(&Utc);
        assert_eq!(format_china(instant), "2025-10-01 00:30");
    }
}
