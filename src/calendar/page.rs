//! `/calendar`: what a date is in the school calendar, plus the quick check
//! on the home page.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::{DayStatus, holiday_name_en};
use crate::error::AppError;
use crate::i18n::{Locale, use_locale, use_texts};
use crate::shell::feedback::ErrorNotice;

/// A date and its status, as the calendar page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayInfo {
    pub date: NaiveDate,
    pub status: DayStatus,
}

/// Parses a `YYYY-MM-DD` date typed by a user.
///
/// # Errors
///
/// A field error on `date` that shows the expected form.
pub fn parse_date(text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        AppError::field(
            "date",
            "日期格式应为 年-月-日，例如 2025-10-01",
            "Enter the date as year-month-day, for example 2025-10-01",
        )
    })
}

/// Status of `date` (`YYYY-MM-DD`) in the school calendar.
#[server(prefix = "/api", endpoint = "calendar/day")]
pub async fn check_day(date: String) -> Result<DayInfo, AppError> {
    crate::server::context::run(|_state| async move {
        let date = parse_date(&date)?;
        Ok(DayInfo {
            date,
            status: super::data::china_calendar().status(date),
        })
    })
    .await
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    let t = &use_texts().calendar;
    let query = use_query_map();
    let date = Memo::new(move |_| query.read().get("date").unwrap_or_default());
    let info = Resource::new(
        move || date.get(),
        |date| async move {
            if date.is_empty() {
                let today = super::time::china_today().format("%Y-%m-%d").to_string();
                check_day(today).await
            } else {
                check_day(date).await
            }
        },
    );

    view! {
        <Title text=t.page_title />
        <Meta name="description" content=t.page_description />
        <h1>{t.page_title}</h1>
        <p class="lead">{t.intro}</p>
        <form method="get" action="/calendar" class="card inline-form">
            <div class="field">
                <label for="calendar-date">{t.date_label}</label>
                <input id="calendar-date" name="date" type="date" value=move || date.get() required />
            </div>
            <button type="submit" class="button">
                {t.check}
            </button>
        </form>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(info) => view! { <DayCard info /> }.into_any(),
                    Err(err) => view! { <ErrorNotice error=err field="date" /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The answer for one date.
#[component]
pub fn DayCard(info: DayInfo) -> impl IntoView {
    let t = &use_texts().calendar;
    let locale = use_locale();
    let weekday = t.weekdays[info.date.weekday().num_days_from_monday() as usize];
    let (kind, name) = describe(&info.status, locale);
    let answer = match info.status.is_working_day() {
        Some(true) => t.school_day,
        Some(false) => t.day_off,
        None => t.unknown,
    };
    let modifier = match info.status.is_working_day() {
        Some(true) => "day-card--work",
        Some(false) => "day-card--off",
        None => "day-card--unknown",
    };
    let note = match &info.status {
        DayStatus::Unknown { year } => Some(format!("{year}{}", t.source_note)),
        _ => None,
    };

    view! {
        <section class=format!("card day-card {modifier}") aria-live="polite" data-testid="day-card">
            <p class="day-card__date">{info.date.format("%Y-%m-%d").to_string()} " " {weekday}</p>
            <p class="day-card__answer">{answer}</p>
            <p class="day-card__kind" data-testid="day-kind">
                {kind}
                {name.map(|n| format!(" · {n}"))}
            </p>
            {note.map(|n| view! { <p class="day-card__note">{n}</p> })}
        </section>
    }
}

fn describe(status: &DayStatus, locale: Locale) -> (&'static str, Option<String>) {
    let t = &locale.texts().calendar;
    let localise = |name: &str| match locale {
        Locale::Zh => name.to_owned(),
        Locale::En => holiday_name_en(name),
    };
    match status {
        DayStatus::Workday => (t.workday, None),
        DayStatus::Weekend => (t.weekend, None),
        DayStatus::Holiday { name } => (t.holiday, Some(localise(name))),
        DayStatus::MakeupWorkday { name } => (t.makeup_workday, Some(localise(name))),
        DayStatus::Unknown { .. } => (t.unknown, None),
    }
}

/// Home-page check: with JavaScript the answer appears as soon as a date is
/// picked; without it the form opens `/calendar?date=…`.
#[component]
pub fn QuickDayCheck() -> impl IntoView {
    let t = &use_texts().calendar;
    let check = Action::new(|date: &String| check_day(date.clone()));
    let result = check.value();

    view! {
        <form method="get" action="/calendar" class="card quick-check">
            <h2>{t.quick_title}</h2>
            <div class="inline-form">
                <div class="field">
                    <label for="quick-date">{t.date_label}</label>
                    <input
                        id="quick-date"
                        name="date"
                        type="date"
                        required
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if !value.is_empty() {
                                check.dispatch(value);
                            }
                        }
                    />
                </div>
                <button type="submit" class="button">
                    {t.check}
                </button>
            </div>
            {move || {
                result
                    .get()
                    .map(|outcome| match outcome {
                        Ok(info) => view! { <DayCard info /> }.into_any(),
                        Err(err) => view! { <ErrorNotice error=err field="date" /> }.into_any(),
                    })
            }}
        </form>
    }
}
