//! `/account/password`: change the password; required after an initial or
//! reset password.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use super::super::api::auth::ChangePassword;
use super::guard::{login_path_back_here, use_user_context};
use crate::forms::{Field, FormAlert, FormNotice, FormState, use_flash};
use crate::i18n::use_texts;

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let t = &use_texts().accounts;
    let users = use_user_context();
    let query = use_query_map();
    let next = query
        .read_untracked()
        .get("next")
        .unwrap_or_else(|| "/account".to_owned());
    let login = login_path_back_here();

    // A plain post: the new password ends other sessions and the next page
    // loads afresh (see the login page).
    let action = ServerAction::<ChangePassword>::new();
    let flash = use_flash(ChangePassword::PATH);
    let form = FormState::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        Signal::derive(|| None),
        flash,
    );

    view! {
        <Title text=t.change_password />
        <section class="card narrow">
            <h1>{t.change_password}</h1>
            <Suspense>
                {move || {
                    let login = login.clone();
                    Suspend::new(async move {
                        match users.user.await {
                            Ok(Some(user)) if user.must_change_password => {
                                view! {
                                    <p class="notice notice--warning" role="status">
                                        {t.must_change_intro}
                                    </p>
                                }
                                    .into_any()
                            }
                            Ok(Some(_)) => view! { <p class="lead">{t.change_password_intro}</p> }.into_any(),
                            _ => view! { <Redirect path=login /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
            <FormNotice form />
            <form method="post" action=ChangePassword::PATH>
                <input type="hidden" name="next" value=next />
                <Field
                    label=t.current_password
                    name="current_password"
                    field="current_password"
                    form
                    kind="password"
                    required=true
                    autocomplete="current-password"
                />
                <Field
                    label=t.new_password
                    name="new_password"
                    field="new_password"
                    form
                    kind="password"
                    required=true
                    hint=t.password_hint
                    autocomplete="new-password"
                />
                <FormAlert form fields=&["current_password", "new_password"] />
                <button type="submit" class="button">
                    {t.save_password}
                </button>
            </form>
        </section>
    }
}
