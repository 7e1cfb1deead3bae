//! `/my/bookings/:id`: one booking with its QR code and check-in code (for
//! the booking school), its history, and cancelling. The service worker
//! keeps a copy of this page, so the code shows offline at the venue.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{StateBadge, when};
use crate::accounts::pages::guard::RequireLogin;
use crate::booking::api::BookingDetail;
use crate::booking::api::bookings::get_booking;
use crate::booking::api::changes::CancelBooking;
use crate::booking::state::BookingState;
use crate::forms::{Field, FormAlert, FormNotice, FormState, use_flash};
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::{ErrorNotice, LoadingNotice};

#[component]
pub fn BookingDetailPage() -> impl IntoView {
    let t = &use_texts().booking;
    view! {
        <Title text=t.booking_title />
        <h1>{t.booking_title}</h1>
        <RequireLogin approved=true>
            <Detail />
        </RequireLogin>
    }
}

#[component]
fn Detail() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let cancel = ServerAction::<CancelBooking>::new();
    let detail = Resource::new(move || (id(), cancel.version().get()), |(id, _)| get_booking(id));
    view! {
        <Suspense fallback=|| {
            view! { <LoadingNotice /> }
        }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(detail) => view! { <DetailView detail cancel /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DetailView(detail: BookingDetail, cancel: ServerAction<CancelBooking>) -> impl IntoView {
    let t = &use_texts().booking;
    let locale = use_locale();
    let b = detail.booking.clone();
    let cancellable = matches!(
        b.state,
        BookingState::Requested | BookingState::Waitlisted | BookingState::Confirmed
    );
    let path = format!("/my/bookings/{}", b.id);
    Effect::new(move |_| crate::pwa::keep_page_offline(&path));
    let flash = use_flash(CancelBooking::PATH);
    let form = FormState::new(
        Signal::derive(move || cancel.value().get().and_then(Result::err)),
        Signal::derive(|| None),
        flash,
    );

    view! {
        <section class="card" data-testid="booking-detail">
            <h2>{b.programme_name.clone()}</h2>
            <dl class="facts">
                <dt>{t.state}</dt>
                <dd>
                    <StateBadge state=b.state />
                </dd>
                <dt>{t.session_time}</dt>
                <dd>{format!("{} – {}", when(b.starts_at), when(b.ends_at))}</dd>
                <dt>{t.venue}</dt>
                <dd>{format!("{}，{}", b.resource_name, b.address)}</dd>
                <dt>{t.school}</dt>
                <dd>{format!("{} {}（{}）", b.school_name, b.class_name, b.grade)}</dd>
                <dt>{t.pupils}</dt>
                <dd>{b.pupils}</dd>
                <dt>{t.teachers}</dt>
                <dd>{b.teachers}</dd>
                <dt>{t.lead_teacher}</dt>
                <dd>{format!("{} {}", b.lead_teacher, b.contact_phone)}</dd>
                {b
                    .present_count
                    .map(|present| {
                        view! {
                            <dt>{t.present}</dt>
                            <dd>{present}</dd>
                        }
                    })}
            </dl>
        </section>
        {detail
            .checkin_code
            .clone()
            .map(|code| {
                view! {
                    <section class="card checkin-code" data-testid="checkin">
                        <h2>{t.checkin_code}</h2>
                        {detail
                            .qr_svg
                            .clone()
                            .map(|svg| {
                                view! { <div class="qr" role="img" aria-label=t.checkin_code inner_html=svg></div> }
                            })}
                        <p class="checkin-code__text" data-testid="checkin-code">
                            {code}
                        </p>
                        <p class="field__hint">{t.checkin_hint}</p>
                    </section>
                }
            })}
        <section class="card">
            <h2>{t.history}</h2>
            <ol>
                {detail
                    .events
                    .iter()
                    .map(|e| {
                        let note = if e.note.is_empty() { String::new() } else { format!("（{}）", e.note) };
                        view! { <li>{format!("{} {}{note}", when(e.at), e.to.label().get(locale))}</li> }
                    })
                    .collect_view()}
            </ol>
        </section>
        {cancellable
            .then(|| {
                view! {
                    <ActionForm action=cancel attr:class="card form-grid">
                        <h2>{t.cancel}</h2>
                        <p class="field__hint">{format!("{} {}", t.cancel_deadline, when(b.cancellation_deadline))}</p>
                        <input type="hidden" name="id" value=b.id />
                        <FormNotice form />
                        <Field label=t.reason_optional name="reason" field="reason" form />
                        <FormAlert form fields=&["reason"] />
                        <button type="submit" class="button button--secondary">
                            {t.cancel}
                        </button>
                    </ActionForm>
                }
            })}
    }
}
