//! `/notifications`: the user's in-app notifications.

use leptos::prelude::*;
use leptos_meta::Title;

use super::when;
use crate::accounts::pages::guard::RequireLogin;
use crate::booking::api::notifications::{MarkNotificationsRead, my_notifications};
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::{ErrorNotice, LoadingNotice};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let t = &use_texts().booking;
    view! {
        <Title text=t.notifications_title />
        <h1>{t.notifications_title}</h1>
        <RequireLogin>
            <Notifications />
        </RequireLogin>
    }
}

#[component]
fn Notifications() -> impl IntoView {
    let t = &use_texts().booking;
    let locale = use_locale();
    let read = ServerAction::<MarkNotificationsRead>::new();
    let list = Resource::new(move || read.version().get(), |_| my_notifications());
    view! {
        <ActionForm action=read>
            <button type="submit" class="button button--secondary">
                {t.mark_read}
            </button>
        </ActionForm>
        <Suspense fallback=|| {
            view! { <LoadingNotice /> }
        }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty-state">{t.no_notifications}</p> }.into_any(),
                    Ok(list) => {
                        view! {
                            <ul class="card-grid" data-testid="notifications">
                                {list
                                    .into_iter()
                                    .map(|n| {
                                        let href = n.booking_id.map(|id| format!("/my/bookings/{id}"));
                                        view! {
                                            <li class="card">
                                                {(!n.read).then(|| view! { <span class="badge">{t.unread}</span> })}
                                                <p>{n.message.get(locale).to_owned()}</p>
                                                <p class="field__hint">{when(n.created_at)}</p>
                                                {href.map(|href| view! { <a href=href>{t.open}</a> })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
