//! `/bureau/quotas` (quotas per school per term) and `/bureau/lotteries`
//! (drawing over-subscribed sessions).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::when;
use crate::accounts::pages::guard::RequireLogin;
use crate::booking::api::bureau::{DrawLottery, SetQuota, list_lotteries, list_quotas};
use crate::booking::api::{LotteryView, QuotaView};
use crate::forms::{FormAlert, FormNotice, FormState, use_flash};
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::{ErrorNotice, LoadingNotice};

#[component]
pub fn QuotasPage() -> impl IntoView {
    let t = &use_texts().booking;
    view! {
        <Title text=t.quotas_title />
        <h1>{t.quotas_title}</h1>
        <p class="lead">{t.quotas_intro}</p>
        <RequireLogin approved=true>
            <Quotas />
        </RequireLogin>
    }
}

#[component]
fn Quotas() -> impl IntoView {
    let t = &use_texts().booking;
    let query = use_query_map();
    let term = move || query.read().get("term").unwrap_or_default();
    let save = ServerAction::<SetQuota>::new();
    let list = Resource::new(move || (term(), save.version().get()), |(term, _)| list_quotas(term));
    let flash = use_flash(SetQuota::PATH);
    let form = FormState::new(
        Signal::derive(move || save.value().get().and_then(Result::err)),
        Signal::derive(|| None),
        flash,
    );
    view! {
        <form method="get" class="row-actions">
            <label for="term">{t.term}</label>
            <input id="term" name="term" value=term placeholder="2026-autumn" />
            <button type="submit" class="button button--secondary">
                {t.open}
            </button>
        </form>
        <FormNotice form />
        <FormAlert form fields=&[] />
        <Suspense fallback=|| {
            view! { <LoadingNotice /> }
        }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <QuotaList list term=term() save /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QuotaList(list: Vec<QuotaView>, term: String, save: ServerAction<SetQuota>) -> impl IntoView {
    let t = &use_texts().booking;
    let locale = use_locale();
    let limit = |value: Option<u32>| value.map(|v| v.to_string()).unwrap_or_default();
    view! {
        <ul class="card-grid" data-testid="quotas">
            {list
                .into_iter()
                .map(|q| {
                    let term = term.clone();
                    view! {
                        <li class="card">
                            <h2>{q.school_name.clone()}</h2>
                            <p>
                                {format!(
                                    "{} · {} {} / {}",
                                    q.term.get(locale),
                                    t.used,
                                    q.used_bookings,
                                    q.used_pupils,
                                )}
                            </p>
                            <ActionForm action=save attr:class="form-grid">
                                <input type="hidden" name="school_id" value=q.school_id />
                                <input type="hidden" name="term" value=term />
                                <label>
                                    {t.max_bookings}
                                    <input
                                        name="max_bookings"
                                        inputmode="numeric"
                                        value=limit(q.max_bookings)
                                        placeholder=t.no_limit
                                    />
                                </label>
                                <label>
                                    {t.max_pupils}
                                    <input
                                        name="max_pupils"
                                        inputmode="numeric"
                                        value=limit(q.max_pupils)
                                        placeholder=t.no_limit
                                    />
                                </label>
                                <button type="submit" class="button button--secondary">
                                    {t.save}
                                </button>
                            </ActionForm>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn LotteriesPage() -> impl IntoView {
    let t = &use_texts().booking;
    view! {
        <Title text=t.lotteries_title />
        <h1>{t.lotteries_title}</h1>
        <p class="lead">{t.lotteries_intro}</p>
        <RequireLogin approved=true>
            <Lotteries />
        </RequireLogin>
    }
}

#[component]
fn Lotteries() -> impl IntoView {
    let draw = ServerAction::<DrawLottery>::new();
    let list = Resource::new(move || draw.version().get(), |_| list_lotteries());
    let flash = use_flash(DrawLottery::PATH);
    let form = FormState::new(
        Signal::derive(move || draw.value().get().and_then(Result::err)),
        Signal::derive(move || {
            draw.value()
                .get()
                .and_then(Result::ok)
                .map(|seed| crate::i18n::Text::new(seed.clone(), seed))
        }),
        flash,
    );
    view! {
        <FormNotice form />
        <FormAlert form fields=&[] />
        <Suspense fallback=|| {
            view! { <LoadingNotice /> }
        }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <LotteryList list draw /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LotteryList(list: Vec<LotteryView>, draw: ServerAction<DrawLottery>) -> impl IntoView {
    let t = &use_texts().booking;
    if list.is_empty() {
        return view! { <p class="empty-state">{t.no_lotteries}</p> }.into_any();
    }
    view! {
        <ul class="card-grid" data-testid="lotteries">
            {list
                .into_iter()
                .map(|l| {
                    view! {
                        <li class="card">
                            <h2>{format!("{} · {}", l.programme_name, l.provider_name)}</h2>
                            <p>
                                {format!(
                                    "{} · {} {} / {}",
                                    when(l.starts_at),
                                    t.entries,
                                    l.pupils_requested,
                                    l.capacity,
                                )}
                            </p>
                            {match l.seed.clone() {
                                Some(seed) => view! { <p>{format!("{} {seed}", t.drawn_seed)}</p> }.into_any(),
                                None => {
                                    view! {
                                        <ActionForm action=draw>
                                            <input type="hidden" name="session_id" value=l.session_id />
                                            <button type="submit" class="button">
                                                {t.draw}
                                            </button>
                                        </ActionForm>
                                    }
                                        .into_any()
                                }
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
