//! Server functions of sessions (场次): the public calendar of a programme
//! and the provider's form that adds sessions.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ProgrammeCalendar;
use crate::error::AppError;
use crate::i18n::Text;

/// The provider's form for new sessions: one date, or every chosen
/// weekday from `date` to `last_date`. Times are China Standard Time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionForm {
    /// "YYYY-MM-DD".
    pub date: String,
    /// Empty for one session; else the last date of the schedule.
    pub last_date: String,
    /// Weekdays of a schedule as numbers 1 (Monday) to 7, separated by commas.
    pub weekdays: String,
    /// "HH:MM".
    pub start_time: String,
    pub duration_minutes: String,
    /// Pupils per session; empty for the programme's capacity.
    pub capacity: String,
    /// "first_come" (with a waitlist) or "lottery".
    pub allocation: String,
}

/// The result of adding sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsCreated {
    pub created: u32,
    /// Dates left out, with the reason.
    pub skipped: Vec<(String, Text)>,
}

/// Lists the open sessions of a programme for `days` days from `from`
/// ("YYYY-MM-DD", China date; empty for today).
#[server(prefix = "/api", endpoint = "booking/programme-sessions")]
pub async fn programme_sessions(programme_id: i64, from: String, days: u32) -> Result<ProgrammeCalendar, AppError> {
    use crate::server::context::run_public;
    run_public(|ctx| async move {
        let first = if from.trim().is_empty() {
            crate::calendar::time::china_today()
        } else {
            chrono::NaiveDate::parse_from_str(from.trim(), "%Y-%m-%d").map_err(|_| {
                AppError::BadRequest(Text::new("日期格式应为 2026-01-05", "Write the date as 2026-01-05"))
            })?
        };
        let auth = match use_context::<http::request::Parts>() {
            Some(parts) => crate::accounts::service::context::authenticate(&ctx.state, &parts).await?,
            None => None,
        };
        crate::booking::service::sessions::calendar(&ctx.state, auth.as_ref(), programme_id, first, days).await
    })
    .await
}

/// Adds sessions to a programme of the caller's provider.
#[server(prefix = "/api", endpoint = "booking/create-sessions")]
pub async fn create_sessions(programme_id: i64, form: SessionForm) -> Result<SessionsCreated, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        crate::forms::remember(&[
            ("form[date]", form.date.clone()),
            ("form[last_date]", form.last_date.clone()),
            ("form[weekdays]", form.weekdays.clone()),
            ("form[start_time]", form.start_time.clone()),
            ("form[duration_minutes]", form.duration_minutes.clone()),
            ("form[capacity]", form.capacity.clone()),
            ("form[allocation]", form.allocation.clone()),
        ]);
        let created =
            crate::booking::service::session_form::create(&ctx.state, &auth, programme_id, &form, chrono::Utc::now())
                .await?;
        crate::forms::flash_notice(Text::new(
            format!("已添加 {} 个场次", created.created),
            format!("{} sessions added", created.created),
        ));
        Ok(created)
    })
    .await
}

/// Published programmes with sessions open for booking now, soonest first.
#[server(prefix = "/api", endpoint = "booking/open-programmes")]
pub async fn open_programmes() -> Result<Vec<super::OpenProgramme>, AppError> {
    use crate::server::context::run;
    run(|state| async move { crate::booking::service::sessions::open_programmes(&state, chrono::Utc::now()).await })
        .await
}
