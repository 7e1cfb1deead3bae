//! `/login`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::super::api::auth::Login;
use crate::forms::{Field, FormAlert, FormState, use_flash};
use crate::i18n::use_texts;

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = &use_texts().accounts;
    let query = use_query_map();
    let next = query
        .read_untracked()
        .get("next")
        .unwrap_or_else(|| "/workbench".to_owned());
    // Logging in changes who every part of the page is for, so the form
    // posts plainly and the browser loads the next page afresh, with or
    // without JavaScript. The action only carries the error back (`__err`).
    let action = ServerAction::<Login>::new();

    let flash = use_flash(Login::PATH);
    let next = flash
        .as_ref()
        .and_then(|f| f.values.iter().find(|(k, _)| k == "next").map(|(_, v)| v.clone()))
        .unwrap_or(next);
    let form = FormState::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        Signal::derive(|| None),
        flash,
    );

    view! {
        <Title text=t.login_title />
        <section class="card narrow">
            <h1>{t.login_title}</h1>
            <p class="lead">{t.login_intro}</p>
            <form method="post" action=Login::PATH>
                <input type="hidden" name="next" value=next />
                <Field
                    label=t.identifier
                    name="identifier"
                    field="identifier"
                    form
                    autocomplete="username"
                    required=true
                />
                <Field
                    label=t.password
                    name="password"
                    field="password"
                    form
                    kind="password"
                    autocomplete="current-password"
                    required=true
                />
                <FormAlert form fields=&["identifier", "password"] />
                <button type="submit" class="button">
                    {t.log_in}
                </button>
            </form>
            <p>{t.no_account} " " <a href="/register">{t.register_link}</a></p>
        </section>
    }
}
