//! Fair-share quotas (预约配额): a bureau limits how many bookings, or how
//! many pupil places, one school may use in a school term.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::state::BookingState;
use crate::error::AppError;
use crate::i18n::Text;

/// First or second term of a school year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Semester {
    /// 第一学期, from August to January.
    Autumn,
    /// 第二学期, from February to July.
    Spring,
}

/// A school term (学期), such as the first term of 2025–2026.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Term {
    /// Calendar year in which the school year starts (2025 for 2025–2026).
    pub school_year: i32,
    pub semester: Semester,
}

impl Term {
    /// Finds the term a date (China Standard Time) falls in. August to
    /// January is the first term, and February to July the second.
    ///
    /// NOTE: terms really start and end on dates each province sets; this
    /// month split puts the winter and summer holidays into the term before.
    pub fn containing(date: NaiveDate) -> Term {
        match date.month() {
            8..=12 => Term {
                school_year: date.year(),
                semester: Semester::Autumn,
            },
            1 => Term {
                school_year: date.year() - 1,
                semester: Semester::Autumn,
            },
            _ => Term {
                school_year: date.year() - 1,
                semester: Semester::Spring,
            },
        }
    }

    /// For example "2025—2026学年第一学期".
    pub fn label(self) -> Text {
        let (start, end) = (self.school_year, self.school_year + 1);
        match self.semester {
            Semester::Autumn => Text::new(
                format!("{start}—{end}学年第一学期"),
                format!("first term of {start}–{end}"),
            ),
            Semester::Spring => Text::new(
                format!("{start}—{end}学年第二学期"),
                format!("second term of {start}–{end}"),
            ),
        }
    }
}

/// A school's limits for one term; `None` means no limit of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolQuota {
    pub term: Term,
    pub max_bookings: Option<u32>,
    /// Pupil places (人次): the sum of pupils over the term's bookings.
    pub max_pupils: Option<u32>,
}

/// A school's use of a term's quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuotaUsage {
    pub bookings: u32,
    pub pupils: u32,
}

impl QuotaUsage {
    /// Sums the bookings, as (state, pupils), of the school's sessions in
    /// the term; only states that [`BookingState::counts_toward_quota`] count.
    pub fn from_bookings(bookings: impl IntoIterator<Item = (BookingState, u32)>) -> QuotaUsage {
        bookings
            .into_iter()
            .filter(|(state, _)| state.counts_toward_quota())
            .fold(QuotaUsage::default(), |usage, (_, pupils)| QuotaUsage {
                bookings: usage.bookings.saturating_add(1),
                pupils: usage.pupils.saturating_add(pupils),
            })
    }
}

/// Checks whether one more booking of `pupils` fits in the school's quota.
///
/// # Errors
///
/// [`AppError::Conflict`] naming the term, the limit and the amount used,
/// when the booking count or the pupil places would exceed the quota.
pub fn check_quota(quota: &SchoolQuota, used: QuotaUsage, pupils: u32) -> Result<(), AppError> {
    let term = quota.term.label();

    if let Some(max) = quota.max_bookings
        && used.bookings >= max
    {
        let count = used.bookings;
        return Err(AppError::Conflict(Text::new(
            format!(
                "本学期（{}）贵校已预约 {count} 次，已达到教育局设定的上限 {max} 次",
                term.zh
            ),
            format!(
                "Your school has made {count} bookings this term ({}); the bureau's limit is {max}",
                term.en
            ),
        )));
    }

    if let Some(max) = quota.max_pupils {
        let total = used.pupils.saturating_add(pupils);
        if total > max {
            let (count, excess) = (used.pupils, total - max);
            return Err(AppError::Conflict(Text::new(
                format!(
                    "本学期（{}）贵校已使用 {count} 个学生名额，上限 {max} 个，本次 {pupils} 名学生将超出 {excess} 个",
                    term.zh
                ),
                format!(
                    "Your school has used {count} of its {max} pupil places this term ({}); {pupils} more would exceed the limit by {excess}",
                    term.en
                ),
            )));
        }
    }

    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn autumn_2025() -> Term {
        Term {
            school_year: 2025,
            semester: Semester::Autumn,
        }
    }

    fn quota(max_bookings: Option<u32>, max_pupils: Option<u32>) -> SchoolQuota {
        SchoolQuota {
            term: autumn_2025(),
            max_bookings,
            max_pupils,
        }
    }

    fn conflict_zh(result: Result<(), AppError>) -> String {
        match result {
            Err(AppError::Conflict(text)) => text.zh,
            other => panic!("expected a conflict, got {other:?}"),
        }
    }

    #[test]
    fn terms_split_by_month() {
        assert_eq!(Term::containing(date(2025, 9, 1)), autumn_2025());
        assert_eq!(Term::containing(date(2026, 1, 16)), autumn_2025());
        assert_eq!(
            Term::containing(date(2026, 3, 2)),
            Term {
                school_year: 2025,
                semester: Semester::Spring
            }
        );
        assert_eq!(Term::containing(date(2026, 8, 1)).school_year, 2026);
        assert_eq!(autumn_2025().label().zh, "2025—2026学年第一学期");
    }

    #[test]
    fn within_quota_passes() {
        let used = QuotaUsage {
            bookings: 9,
            pupils: 355,
        };
        assert_eq!(check_quota(&quota(Some(10), Some(400)), used, 45), Ok(()));
        assert_eq!(check_quota(&quota(None, None), used, 45), Ok(()));
    }

    #[test]
    fn booking_count_limit_reached() {
        let used = QuotaUsage {
            bookings: 10,
            pupils: 0,
        };
        assert_eq!(
            conflict_zh(check_quota(&quota(Some(10), None), used, 1)),
            "本学期（2025—2026学年第一学期）贵校已预约 10 次，已达到教育局设定的上限 10 次"
        );
    }

    #[test]
    fn pupil_places_exceeded() {
        let used = QuotaUsage {
            bookings: 3,
            pupils: 380,
        };
        assert_eq!(
            conflict_zh(check_quota(&quota(None, Some(400)), used, 45)),
            "本学期（2025—2026学年第一学期）贵校已使用 380 个学生名额，上限 400 个，本次 45 名学生将超出 25 个"
        );
        assert_eq!(check_quota(&quota(None, Some(400)), used, 20), Ok(()));
    }

    #[test]
    fn usage_skips_cancelled_and_declined() {
        let usage = QuotaUsage::from_bookings([
            (BookingState::Confirmed, 40),
            (BookingState::Waitlisted, 30),
            (BookingState::NoShow, 20),
            (BookingState::Cancelled, 45),
            (BookingState::Declined, 50),
        ]);
        assert_eq!(
            usage,
            QuotaUsage {
                bookings: 3,
                pupils: 90
            }
        );
    }
}
