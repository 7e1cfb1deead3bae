//! `/provider/bookings`: incoming bookings, to confirm or decline.
//! `/provider/checkin`: check-in by typed or scanned code.
//! `/checkin/:code`: the same form with the code filled in. The booking's
//! QR code contains this address.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{StateBadge, when};
use crate::accounts::pages::guard::RequireLogin;
use crate::booking::api::BookingView;
use crate::booking::api::bookings::provider_bookings;
use crate::booking::api::changes::{CheckIn, ConfirmBooking, DeclineBooking};
use crate::booking::state::BookingState;
use crate::forms::{Field, FormAlert, FormNotice, FormState, use_flash};
use crate::i18n::{Text, use_texts};
use crate::shell::feedback::{ErrorNotice, LoadingNotice};

#[component]
pub fn ProviderBookingsPage() -> impl IntoView {
    let t = &use_texts().booking;
    view! {
        <Title text=t.provider_bookings_title />
        <h1>{t.provider_bookings_title}</h1>
        <RequireLogin approved=true>
            <Incoming />
        </RequireLogin>
    }
}

#[component]
fn Incoming() -> impl IntoView {
    let confirm = ServerAction::<ConfirmBooking>::new();
    let decline = ServerAction::<DeclineBooking>::new();
    let list = Resource::new(
        move || (confirm.version().get(), decline.version().get()),
        |_| provider_bookings(),
    );
    let flash = use_flash(ConfirmBooking::PATH).or_else(|| use_flash(DeclineBooking::PATH));
    let error = Signal::derive(move || {
        confirm
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| decline.value().get().and_then(Result::err))
    });
    let form = FormState::new(error, Signal::derive(|| None), flash);
    view! {
        <a class="button button--secondary" href="/provider/checkin">
            {use_texts().booking.checkin_title}
        </a>
        <FormNotice form />
        <FormAlert form fields=&[] />
        <Suspense fallback=|| {
            view! { <LoadingNotice /> }
        }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <IncomingList list confirm decline /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn IncomingList(
    list: Vec<BookingView>,
    confirm: ServerAction<ConfirmBooking>,
    decline: ServerAction<DeclineBooking>,
) -> impl IntoView {
    let t = &use_texts().booking;
    if list.is_empty() {
        return view! { <p class="empty-state">{t.no_bookings}</p> }.into_any();
    }
    view! {
        <ul class="card-grid" data-testid="incoming">
            {list
                .into_iter()
                .map(|b| {
                    let waiting = matches!(b.state, BookingState::Requested | BookingState::Waitlisted);
                    view! {
                        <li class="card" data-testid="booking" data-booking-id=b.id>
                            <h2>{format!("{} {}", b.school_name, b.class_name)}</h2>
                            <p>{format!("{} · {}", when(b.starts_at), b.programme_name)}</p>
                            <p>
                                {format!(
                                    "{} {} · {} {} · {} {}",
                                    t.pupils,
                                    b.pupils,
                                    t.teachers,
                                    b.teachers,
                                    b.lead_teacher,
                                    b.contact_phone,
                                )}
                            </p>
                            <StateBadge state=b.state />
                            {waiting
                                .then(|| {
                                    view! {
                                        <div class="row-actions">
                                            {(b.state == BookingState::Requested)
                                                .then(|| {
                                                    view! {
                                                        <ActionForm action=confirm>
                                                            <input type="hidden" name="id" value=b.id />
                                                            <button type="submit" class="button">
                                                                {t.confirm}
                                                            </button>
                                                        </ActionForm>
                                                    }
                                                })} <ActionForm action=decline>
                                                <input type="hidden" name="id" value=b.id />
                                                <input type="hidden" name="reason" value="" />
                                                <button type="submit" class="button button--secondary">
                                                    {t.decline}
                                                </button>
                                            </ActionForm>
                                        </div>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn CheckinPage() -> impl IntoView {
    let t = &use_texts().booking;
    view! {
        <Title text=t.checkin_title />
        <h1>{t.checkin_title}</h1>
        <RequireLogin approved=true>
            <CheckinForm />
        </RequireLogin>
    }
}

#[component]
fn CheckinForm() -> impl IntoView {
    let t = &use_texts().booking;
    let action = ServerAction::<CheckIn>::new();
    let flash = use_flash(CheckIn::PATH);
    // `/checkin/:code`, the address in the booking's QR code, fills it in.
    let scanned = use_params_map()
        .with_untracked(|params| params.get("code"))
        .unwrap_or_default();
    let form = FormState::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        Signal::derive(move || {
            action
                .value()
                .get()
                .and_then(Result::ok)
                .map(|zh| Text::new(zh.clone(), zh))
        }),
        flash,
    );
    view! {
        <p class="lead">{t.checkin_intro}</p>
        <ActionForm action attr:class="card form-grid" attr:id="checkin-form">
            <FormNotice form />
            // Filled in by /checkin-scan.js when the browser has BarcodeDetector.
            <div class="scan" data-unsupported=t.scan_unsupported hidden=true>
                <button type="button" class="button button--secondary" id="scan-button">
                    {t.scan}
                </button>
                <video id="scan-video" playsinline=true muted=true hidden=true></video>
            </div>
            <Field label=t.code name="code" field="code" form required=true autocomplete="off" initial=scanned />
            <Field label=t.present_pupils name="present" field="present" form kind="number" required=true />
            <FormAlert form fields=&["code", "present"] />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {t.check_in}
            </button>
        </ActionForm>
        <script src="/checkin-scan.js" defer=true></script>
    }
}
