//! Server functions of the bureau: quotas per school per term and
//! lottery draws.

use leptos::prelude::*;

use super::{LotteryView, QuotaView};
use crate::error::AppError;

/// Parses a term written as "2025-autumn" or "2025-spring" (the calendar
/// year the school year starts in); empty means the current term.
#[cfg(feature = "ssr")]
fn parse_term(text: &str) -> Result<crate::booking::quota::Term, AppError> {
    use crate::booking::quota::{Semester, Term};

    let text = text.trim();
    if text.is_empty() {
        return Ok(Term::containing(crate::calendar::time::china_today()));
    }
    let invalid = || {
        AppError::field(
            "term",
            "学期格式应为 2025-autumn（第一学期）或 2025-spring（第二学期）",
            "Write the term as 2025-autumn (first term) or 2025-spring (second term)",
        )
    };
    let (year, semester) = text.split_once('-').ok_or_else(invalid)?;
    let school_year = year
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(invalid)?;
    let semester = match semester {
        "autumn" => Semester::Autumn,
        "spring" => Semester::Spring,
        _ => return Err(invalid()),
    };
    Ok(Term { school_year, semester })
}

/// Parses an optional limit: empty for none, else a whole number.
#[cfg(feature = "ssr")]
fn parse_limit(text: &str, field: &str, zh: &str, en: &str) -> Result<Option<u32>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u32>().map(Some).map_err(|_| {
        AppError::field(
            field,
            &format!("{zh}请填写整数，不限制则留空"),
            &format!("{en} must be a whole number, or empty for no limit"),
        )
    })
}

/// Quotas and use of the schools in the caller's region for `term`.
#[server(prefix = "/api", endpoint = "booking/quotas")]
pub async fn list_quotas(term: String) -> Result<Vec<QuotaView>, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        let term = parse_term(&term)?;
        crate::booking::service::bureau::quotas(&ctx.state, &auth, term).await
    })
    .await
}

/// Sets a school's quota for `term`; empty limits mean no limit.
#[server(prefix = "/api", endpoint = "booking/set-quota")]
pub async fn set_quota(school_id: i64, term: String, max_bookings: String, max_pupils: String) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        let parsed = parse_term(&term)?;
        let bookings = parse_limit(&max_bookings, "max_bookings", "预约次数上限", "The booking limit")?;
        let pupils = parse_limit(&max_pupils, "max_pupils", "学生名额上限", "The pupil places limit")?;
        crate::booking::service::quotas::set(&ctx.state, &ctx.request, &auth, school_id, parsed, bookings, pupils)
            .await?;
        crate::forms::flash_notice(crate::i18n::Text::new("配额已保存", "Quota saved"));
        Ok(())
    })
    .await
}

/// Lottery sessions of providers in the caller's region.
#[server(prefix = "/api", endpoint = "booking/lotteries")]
pub async fn list_lotteries() -> Result<Vec<LotteryView>, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { crate::booking::service::bureau::lotteries(&ctx.state, &auth).await }).await
}

/// Draws a lottery session; returns the seed, which the audit log keeps.
#[server(prefix = "/api", endpoint = "booking/draw")]
pub async fn draw_lottery(session_id: i64) -> Result<String, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        let result = crate::booking::service::lottery::draw_session(
            &ctx.state,
            &ctx.request,
            &auth,
            session_id,
            chrono::Utc::now(),
        )
        .await?;
        crate::forms::flash_notice(crate::i18n::Text::new(
            format!(
                "抽签完成：{} 个班组中签，{} 个班组转入候补；种子 {}",
                result.winners.len(),
                result.waitlist.len(),
                result.seed
            ),
            format!(
                "Drawn: {} groups won, {} waitlisted; seed {}",
                result.winners.len(),
                result.waitlist.len(),
                result.seed
            ),
        ));
        Ok(result.seed.to_string())
    })
    .await
}
