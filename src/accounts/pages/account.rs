//! `/account`: who I am, which organisation I act for, my devices.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::super::api::auth::{Logout, RevokeSession, SessionView, SwitchOrganisation, my_sessions};
use super::guard::{RequireLogin, use_current_user};
use crate::forms::{FormNotice, FormState, use_flash};
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::ErrorNotice;

#[component]
pub fn AccountPage() -> impl IntoView {
    let t = &use_texts().accounts;
    view! {
        <Title text=t.account_title />
        <h1>{t.account_title}</h1>
        <RequireLogin>
            <Profile />
            <Sessions />
            <LogoutButtons />
        </RequireLogin>
    }
}

#[component]
fn Profile() -> impl IntoView {
    let t = &use_texts().accounts;
    let locale = use_locale();
    let user = use_current_user();
    let active_id = user.active.as_ref().map(|m| m.membership_id);
    let others: Vec<_> = user
        .memberships
        .iter()
        .filter(|m| Some(m.membership_id) != active_id)
        .cloned()
        .collect();

    view! {
        <section class="card">
            <h2>{user.display_name.clone()} " " <span class="muted">"@" {user.username.clone()}</span></h2>
            {user
                .active
                .clone()
                .map(|m| {
                    view! {
                        <dl class="details">
                            <dt>{t.acting_for}</dt>
                            <dd data-testid="acting-for">{m.organisation_name.clone()}</dd>
                            <dt>{t.role}</dt>
                            <dd>{m.role.label(locale)}</dd>
                            <dt>{t.region}</dt>
                            <dd>{m.region_name.clone()}</dd>
                            <dt>{t.status}</dt>
                            <dd>{m.status.label(locale)}</dd>
                        </dl>
                    }
                })}
            {others
                .into_iter()
                .map(|m| {
                    view! {
                        <form method="post" action=SwitchOrganisation::PATH class="inline-form">
                            <input type="hidden" name="membership_id" value=m.membership_id />
                            <button type="submit" class="button button--secondary">
                                {t.switch_to}
                                " "
                                {m.organisation_name.clone()}
                                " · "
                                {m.role.label(locale)}
                            </button>
                        </form>
                    }
                })
                .collect_view()}
            <p>
                <a class="button button--secondary" href="/account/password">
                    {t.change_password}
                </a>
            </p>
        </section>
    }
}

#[component]
fn Sessions() -> impl IntoView {
    let t = &use_texts().accounts;
    let revoke = ServerAction::<RevokeSession>::new();
    let sessions = Resource::new(move || revoke.version().get(), |_| my_sessions());
    let flash = use_flash(RevokeSession::PATH);
    let form = FormState::new(
        Signal::derive(move || revoke.value().get().and_then(Result::err)),
        Signal::derive(|| None),
        flash,
    );

    view! {
        <section class="card">
            <h2>{t.sessions_title}</h2>
            <FormNotice form />
            <Suspense>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Ok(list) => {
                            view! {
                                <ul class="session-list" data-testid="sessions">
                                    {list.into_iter().map(|s| view! { <SessionRow session=s revoke /> }).collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn SessionRow(session: SessionView, revoke: ServerAction<RevokeSession>) -> impl IntoView {
    let t = &use_texts().accounts;
    view! {
        <li class="session-list__item">
            <p>
                <strong>{session.user_agent.clone()}</strong>
                {session.current.then(|| view! { <span class="badge">{t.session_current}</span> })}
            </p>
            <p class="muted">
                {t.session_started} " " {crate::calendar::time::format_china(session.created_at)} " · "
                {t.session_last_seen} " " {crate::calendar::time::format_china(session.last_seen_at)} " · "
                {t.session_address} " " {session.ip.clone()}
            </p>
            {(!session.current)
                .then(|| {
                    view! {
                        <ActionForm action=revoke>
                            <input type="hidden" name="id" value=session.id.clone() />
                            <button type="submit" class="button button--secondary">
                                {t.end_session}
                            </button>
                        </ActionForm>
                    }
                })}
        </li>
    }
}

#[component]
fn LogoutButtons() -> impl IntoView {
    let t = &use_texts().accounts;
    // Logging out posts plainly so the next page loads afresh; before it
    // goes, the service worker drops cached pages of this user.
    let clear_pages = move |_: leptos::ev::MouseEvent| crate::pwa::clear_cached_pages();

    // A click that is cancelled never submits the form.
    let confirm_everywhere = move |ev: leptos::ev::MouseEvent| {
        let confirmed = window()
            .confirm_with_message(t.log_out_everywhere_confirm)
            .unwrap_or(true);
        if confirmed {
            crate::pwa::clear_cached_pages();
        } else {
            ev.prevent_default();
        }
    };

    view! {
        <section class="card actions-row">
            <form method="post" action=Logout::PATH>
                <input type="hidden" name="everywhere" value="false" />
                <button type="submit" class="button" on:click=clear_pages>
                    {t.log_out}
                </button>
            </form>
            <form method="post" action=Logout::PATH>
                <input type="hidden" name="everywhere" value="true" />
                <button type="submit" class="button button--danger" on:click=confirm_everywhere>
                    {t.log_out_everywhere}
                </button>
            </form>
        </section>
    }
}
