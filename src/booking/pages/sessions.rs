//! `/programmes/:id/sessions`: a programme's sessions by week or month,
//! each with a booking form, and the provider's form to add sessions.

use chrono::{Datelike, NaiveDate, TimeDelta};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::when;
use crate::accounts::Role;
use crate::booking::api::bookings::BookSession;
use crate::booking::api::sessions::{CreateSessions, programme_sessions};
use crate::booking::api::{ProgrammeCalendar, SessionView};
use crate::booking::request::fields;
use crate::booking::waitlist::waitlist_rule_text;
use crate::forms::{Field, FormAlert, FormFlash, FormNotice, FormState, SelectField, use_flash};
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::{ErrorNotice, LoadingNotice};

/// The period the calendar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Week,
    Month,
}

impl Period {
    fn days(self) -> u32 {
        match self {
            Period::Week => 7,
            Period::Month => 35,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let t = &use_texts().booking;
    let params = use_params_map();
    let query = use_query_map();
    let programme_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let period = move || match query.read().get("view").as_deref() {
        Some("month") => Period::Month,
        _ => Period::Week,
    };
    let from = move || query.read().get("from").unwrap_or_default();
    let create = ServerAction::<CreateSessions>::new();
    let calendar = Resource::new(
        move || (programme_id(), from(), period(), create.version().get()),
        |(id, from, period, _)| programme_sessions(id, from, period.days()),
    );

    view! {
        <Title text=t.sessions_title />
        <Suspense fallback=|| {
            view! { <LoadingNotice /> }
        }>
            {move || Suspend::new(async move {
                match calendar.await {
                    Ok(calendar) => view! { <Calendar calendar period=period() create /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Calendar(calendar: ProgrammeCalendar, period: Period, create: ServerAction<CreateSessions>) -> impl IntoView {
    let t = &use_texts().booking;
    let locale = use_locale();
    let base = format!("/programmes/{}/sessions", calendar.programme_id);
    let today = crate::calendar::time::china_today();
    let shown_from = use_query_map()
        .read_untracked()
        .get("from")
        .and_then(|f| NaiveDate::parse_from_str(&f, "%Y-%m-%d").ok())
        .unwrap_or(today);
    let step = TimeDelta::days(i64::from(period.days()));
    let link = |date: NaiveDate, period: Period| format!("{base}?view={}&from={date}", period.code());
    let month_start = shown_from.with_day(1).unwrap_or(shown_from);
    // Read once for the whole page, then given to the session it is about.
    let flash = use_flash(BookSession::PATH);

    view! {
        <h1>{calendar.programme_name.clone()}</h1>
        <p class="lead">{format!("{} · {}", calendar.resource_name, calendar.address)}</p>
        <nav class="row-actions" aria-label=t.sessions_title>
            <a
                class="button button--secondary"
                href=link(shown_from, Period::Week)
                aria-current=(period == Period::Week).then_some("page")
            >
                {t.week_view}
            </a>
            <a
                class="button button--secondary"
                href=link(month_start, Period::Month)
                aria-current=(period == Period::Month).then_some("page")
            >
                {t.month_view}
            </a>
            <a href=link(shown_from - step, period)>{t.previous}</a>
            <a href=link(shown_from + step, period)>{t.next}</a>
        </nav>
        {if calendar.sessions.is_empty() {
            view! { <p class="empty-state">{t.no_sessions}</p> }.into_any()
        } else {
            view! {
                <ul class="card-grid session-list" data-testid="sessions">
                    {calendar
                        .sessions
                        .iter()
                        .cloned()
                        .map(|session| {
                            let flash = flash_for(&flash, session.id);
                            view! { <SessionCard session flash /> }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <details class="card">
            <summary>{t.waitlist_rule_title}</summary>
            <p>{waitlist_rule_text(locale)}</p>
        </details>
        {calendar.can_manage.then(|| view! { <AddSessions programme_id=calendar.programme_id create /> })}
    }
}

/// Returns the flash of a booking posted without JavaScript if it was for `session_id`.
fn flash_for(flash: &Option<FormFlash>, session_id: i64) -> Option<FormFlash> {
    let id = session_id.to_string();
    flash.clone().filter(|flash| {
        flash
            .values
            .iter()
            .any(|(name, value)| name == "session_id" && *value == id)
    })
}

#[component]
fn SessionCard(session: SessionView, flash: Option<FormFlash>) -> impl IntoView {
    let t = &use_texts().booking;
    let left = session.capacity.saturating_sub(session.places_held);
    let now = chrono::Utc::now();
    let open = now >= session.booking_opens_at && now < session.booking_closes_at;
    let status = if !open && now < session.booking_opens_at {
        format!("{} {}", t.booking_opens, when(session.booking_opens_at))
    } else if !open {
        t.booking_closed.to_owned()
    } else if left == 0 && !session.lottery {
        t.full.to_owned()
    } else {
        format!("{} {left} / {}", t.places_left, session.capacity)
    };

    view! {
        <li class="card session-card" data-testid="session" data-session-id=session.id>
            <h2>
                {format!(
                    "{} – {}",
                    when(session.starts_at),
                    when(session.ends_at).get(11..).unwrap_or_default().to_owned(),
                )}
            </h2>
            <p>{status}</p>
            <p>
                {session.lottery.then(|| view! { <span class="badge">{t.lottery_badge}</span> })}
                {(session.waitlist && !session.lottery)
                    .then(|| view! { <span class="badge badge--muted">{t.waitlist_badge}</span> })}
                {session.auto_confirm.then(|| view! { <span class="badge badge--muted">{t.auto_confirm_badge}</span> })}
            </p>
            <p class="field__hint">{format!("{} {}", t.cancel_deadline, when(session.cancellation_deadline))}</p>
            {open.then(|| view! { <BookForm session_id=session.id flash /> })}
        </li>
    }
}

/// Shows the booking form to school members, and everyone else how to book.
#[component]
fn BookForm(session_id: i64, flash: Option<FormFlash>) -> impl IntoView {
    let t = &use_texts().booking;
    let context = crate::accounts::pages::guard::use_user_context();
    view! {
        <Suspense>
            {move || {
                let flash = flash.clone();
                Suspend::new(async move {
                    let school_member = matches!(
                        context.user.await,
                        Ok(Some(user))
                        if matches!(user.role(), Some(Role::Teacher | Role::SchoolAdmin))
                    );
                    if school_member {
                        view! { <BookFields session_id flash /> }.into_any()
                    } else {
                        view! {
                            <p class="field__hint">
                                {t.book_as_school_only} " "
                                <a href=crate::accounts::pages::guard::login_path_back_here()>{t.login_to_book}</a>
                            </p>
                        }
                            .into_any()
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn BookFields(session_id: i64, flash: Option<FormFlash>) -> impl IntoView {
    let t = &use_texts().booking;
    let book = ServerAction::<BookSession>::new();
    // Keep the form open when a plain post returned with a result.
    let answered = flash.is_some();
    let form = FormState::new(
        Signal::derive(move || book.value().get().and_then(Result::err)),
        Signal::derive(move || book.value().get().and_then(Result::ok).map(|outcome| outcome.message)),
        flash,
    );
    let booked = move || {
        book.value()
            .get()
            .and_then(Result::ok)
            .map(|outcome| outcome.booking_id)
    };

    view! {
        <details class="book-form" open=move || answered || book.value().get().is_some()>
            <summary class="button">{t.book}</summary>
            <ActionForm action=book attr:class="form-grid">
                <input type="hidden" name="session_id" value=session_id />
                <FormNotice form />
                {move || booked().map(|id| view! { <a href=format!("/my/bookings/{id}")>{t.open}</a> })}
                <Field
                    label=t.class_name
                    name="form[class_name]"
                    field=fields::CLASS_NAME
                    form
                    required=true
                    hint=t.class_name_hint
                />
                <Field label=t.grade name="form[grade]" field=fields::GRADE form required=true hint=t.grade_hint />
                <Field label=t.pupils name="form[pupils]" field=fields::PUPILS form kind="number" required=true />
                <Field
                    label=t.teachers
                    name="form[teachers]"
                    field=fields::TEACHERS
                    form
                    kind="number"
                    required=true
                    hint=t.teachers_hint
                />
                <Field label=t.lead_teacher name="form[lead_teacher]" field=fields::LEAD_TEACHER form required=true />
                <Field
                    label=t.contact_phone
                    name="form[contact_phone]"
                    field=fields::CONTACT_PHONE
                    form
                    kind="tel"
                    required=true
                    autocomplete="tel"
                />
                <FormAlert
                    form
                    fields=&["class_name", "grade", "pupils", "teachers", "lead_teacher", "contact_phone"]
                />
                <button type="submit" class="button" disabled=move || book.pending().get()>
                    {t.book}
                </button>
            </ActionForm>
        </details>
    }
}

#[component]
fn AddSessions(programme_id: i64, create: ServerAction<CreateSessions>) -> impl IntoView {
    let t = &use_texts().booking;
    let flash = use_flash(CreateSessions::PATH);
    let form = FormState::new(
        Signal::derive(move || create.value().get().and_then(Result::err)),
        Signal::derive(move || {
            create.value().get().and_then(Result::ok).map(|created| {
                crate::i18n::Text::new(
                    format!("已添加 {} 个场次", created.created),
                    format!("{} sessions added", created.created),
                )
            })
        }),
        flash,
    );
    let allocations = vec![("first_come", t.first_come), ("lottery", t.lottery)];
    view! {
        <ActionForm action=create attr:class="card form-grid">
            <h2>{t.add_sessions}</h2>
            <input type="hidden" name="programme_id" value=programme_id />
            <FormNotice form />
            <Field label=t.date name="form[date]" field="date" form kind="date" required=true />
            <Field label=t.last_date name="form[last_date]" field="last_date" form kind="date" hint=t.last_date_hint />
            <Field label=t.weekdays name="form[weekdays]" field="weekdays" form hint=t.weekdays_hint />
            <Field label=t.start_time name="form[start_time]" field="start_time" form kind="time" required=true />
            <Field
                label=t.duration_minutes
                name="form[duration_minutes]"
                field="duration_minutes"
                form
                kind="number"
                required=true
            />
            <Field label=t.capacity name="form[capacity]" field="capacity" form kind="number" hint=t.capacity_hint />
            <SelectField
                label=t.allocation
                name="form[allocation]"
                field="allocation"
                form
                options=allocations
                placeholder=t.first_come
            />
            <FormAlert
                form
                fields=&["date", "last_date", "weekdays", "start_time", "duration_minutes", "capacity", "allocation"]
            />
            <button type="submit" class="button" disabled=move || create.pending().get()>
                {t.add_sessions}
            </button>
        </ActionForm>
    }
}
