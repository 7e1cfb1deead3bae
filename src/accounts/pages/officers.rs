//! `/bureau/officers`: create bureau officers for regions below.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::super::api::officers::CreateOfficer;
use super::guard::RequireLogin;
use super::register::FieldMessage;
use crate::forms::{Field, FormAlert, FormNotice, FormState, use_flash};
use crate::i18n::{Text, use_texts};
use crate::regions::picker::RegionPicker;

#[component]
pub fn OfficersPage() -> impl IntoView {
    let t = &use_texts().accounts;
    view! {
        <Title text=t.officers_title />
        <h1>{t.officers_title}</h1>
        <p class="lead">{t.officers_intro}</p>
        <RequireLogin approved=true>
            <OfficerForm />
        </RequireLogin>
    }
}

#[component]
fn OfficerForm() -> impl IntoView {
    let t = &use_texts().accounts;
    let action = ServerAction::<CreateOfficer>::new();
    let flash = use_flash(CreateOfficer::PATH);
    let form = FormState::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        Signal::derive(move || {
            action.value().get().and_then(Result::ok).map(|_| {
                Text::new(
                    "已创建教育局管理员，首次登录需修改初始密码",
                    "Officer created; they must change the initial password at first login",
                )
            })
        }),
        flash,
    );

    view! {
        <ActionForm action=action attr:class="card form-grid">
            <FormNotice form />
            <RegionPicker name="form[region]" initial=form.value("form[region]") />
            <FieldMessage form field="region" />
            <Field label=t.display_name name="form[display_name]" field="display_name" form required=true />
            <Field label=t.username name="form[username]" field="username" form required=true hint=t.username_hint />
            <Field label=t.phone name="form[phone]" field="phone" form kind="tel" required=true />
            <Field
                label=t.initial_password
                name="form[initial_password]"
                field="initial_password"
                form
                kind="password"
                required=true
                hint=t.initial_password_hint
                autocomplete="new-password"
            />
            <FormAlert form fields=&["region", "display_name", "username", "phone", "initial_password"] />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {t.create_officer}
            </button>
        </ActionForm>
    }
}
