//! `/my/bookings` (a teacher's bookings) and `/school/bookings` (the whole
//! school's, for school admins), with the private calendar feed address.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{StateBadge, when};
use crate::accounts::Role;
use crate::accounts::pages::guard::{RequireLogin, use_current_user};
use crate::booking::api::BookingView;
use crate::booking::api::bookings::{calendar_feed, my_bookings, school_bookings};
use crate::booking::api::sessions::open_programmes;
use crate::i18n::use_texts;
use crate::shell::feedback::{ErrorNotice, LoadingNotice};

#[component]
pub fn MyBookingsPage() -> impl IntoView {
    let t = &use_texts().booking;
    view! {
        <Title text=t.my_bookings_title />
        <h1>{t.my_bookings_title}</h1>
        <RequireLogin approved=true>
            <RoleLinks />
            <OpenProgrammes />
            <BookingList school=false />
            <FeedLink school=false />
        </RequireLogin>
    }
}

#[component]
pub fn SchoolBookingsPage() -> impl IntoView {
    let t = &use_texts().booking;
    view! {
        <Title text=t.school_bookings_title />
        <h1>{t.school_bookings_title}</h1>
        <RequireLogin approved=true>
            <BookingList school=true />
            <FeedLink school=true />
        </RequireLogin>
    }
}

/// Links to the booking pages of the user's role.
#[component]
fn RoleLinks() -> impl IntoView {
    let t = &use_texts().booking;
    let user = use_current_user();
    let links: Vec<(&'static str, &'static str)> = match user.role() {
        Some(Role::SchoolAdmin) => vec![("/school/bookings", t.school_bookings_title)],
        Some(Role::ProviderAdmin | Role::ProviderStaff) => vec![
            ("/provider/bookings", t.provider_bookings_title),
            ("/provider/checkin", t.checkin_title),
        ],
        Some(Role::BureauOfficer) => vec![
            ("/bureau/quotas", t.quotas_title),
            ("/bureau/lotteries", t.lotteries_title),
        ],
        _ => Vec::new(),
    };
    view! {
        <nav class="row-actions" aria-label=t.more_links>
            {links
                .into_iter()
                .map(|(href, label)| {
                    view! {
                        <a class="button button--secondary" href=href>
                            {label}
                        </a>
                    }
                })
                .collect_view()}
            <a class="button button--secondary" href="/notifications">
                {t.notifications_title}
            </a>
        </nav>
    }
}

/// Programmes open for booking, for school members.
#[component]
fn OpenProgrammes() -> impl IntoView {
    let t = &use_texts().booking;
    let user = use_current_user();
    if !matches!(user.role(), Some(Role::Teacher | Role::SchoolAdmin)) {
        return ().into_any();
    }
    let list = Resource::new(|| (), |_| open_programmes());
    view! {
        <section class="card">
            <h2>{t.open_programmes}</h2>
            <Suspense>
                {move || Suspend::new(async move {
                    let list = list.await.unwrap_or_default();
                    view! {
                        <ul data-testid="open-programmes">
                            {list
                                .into_iter()
                                .map(|p| {
                                    view! {
                                        <li>
                                            <a href=format!(
                                                "/programmes/{}/sessions",
                                                p.programme_id,
                                            )>{p.programme_name.clone()}</a>
                                            {format!(" · {} · {}", p.resource_name, when(p.next_session))}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn BookingList(school: bool) -> impl IntoView {
    let list = Resource::new(
        move || school,
        |school| async move {
            if school {
                school_bookings().await
            } else {
                my_bookings().await
            }
        },
    );
    view! {
        <Suspense fallback=|| {
            view! { <LoadingNotice /> }
        }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <BookingCards list /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Bookings as cards that link to their details.
#[component]
pub fn BookingCards(list: Vec<BookingView>) -> impl IntoView {
    let t = &use_texts().booking;
    if list.is_empty() {
        return view! { <p class="empty-state">{t.no_bookings}</p> }.into_any();
    }
    view! {
        <ul class="card-grid" data-testid="bookings">
            {list
                .into_iter()
                .map(|b| {
                    view! {
                        <li class="card" data-testid="booking" data-booking-id=b.id>
                            <h2>
                                <a href=format!("/my/bookings/{}", b.id)>{b.programme_name.clone()}</a>
                            </h2>
                            <p>{when(b.starts_at)} " · " {b.resource_name.clone()}</p>
                            <p>{format!("{} · {} · {} {}", b.school_name, b.class_name, b.pupils, t.pupils)}</p>
                            <StateBadge state=b.state />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Shows the private ICS feed address as a webcal link.
#[component]
fn FeedLink(school: bool) -> impl IntoView {
    let t = &use_texts().booking;
    let feed = Resource::new(move || school, calendar_feed);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                feed.await
                    .ok()
                    .map(|address| {
                        let webcal = match address.split_once("://") {
                            Some((_, rest)) => format!("webcal://{rest}"),
                            None => address.clone(),
                        };
                        let https = address;
                        view! {
                            <section class="card">
                                <h2>{if school { t.school_feed } else { t.calendar_feed }}</h2>
                                <p class="field__hint">{t.calendar_feed_hint}</p>
                                <p>
                                    <a href=webcal rel="external">
                                        {https.clone()}
                                    </a>
                                </p>
                            </section>
                        }
                    })
            })}
        </Suspense>
    }
}
