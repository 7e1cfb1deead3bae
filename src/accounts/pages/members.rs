//! `/org/members`: the members of the user's organisation, and adding
//! staff. Phone numbers are masked.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::super::Role;
use super::super::api::members::{AddMember, MemberView, list_members};
use super::guard::{RequireLogin, use_current_user};
use crate::forms::{Field, FormAlert, FormNotice, FormState, SelectField, use_flash};
use crate::i18n::{Text, use_locale, use_texts};
use crate::shell::feedback::ErrorNotice;

#[component]
pub fn MembersPage() -> impl IntoView {
    let t = &use_texts().accounts;
    view! {
        <Title text=t.members_title />
        <h1>{t.members_title}</h1>
        <RequireLogin approved=true>
            <Members />
        </RequireLogin>
    }
}

#[component]
fn Members() -> impl IntoView {
    let t = &use_texts().accounts;
    let locale = use_locale();
    let user = use_current_user();
    let Some(active) = user.active.clone() else {
        return view! { <ErrorNotice error=crate::error::AppError::NotFound /> }.into_any();
    };
    let organisation_id = active.organisation_id;

    let add = ServerAction::<AddMember>::new();
    let members = Resource::new(move || add.version().get(), move |_| list_members(organisation_id));
    let flash = use_flash(AddMember::PATH);
    let form = FormState::new(
        Signal::derive(move || add.value().get().and_then(Result::err)),
        Signal::derive(move || {
            add.value().get().and_then(Result::ok).map(|m| {
                Text::new(
                    format!("已添加 {}，首次登录需修改初始密码", m.display_name),
                    format!(
                        "{} was added and must change the initial password at first login",
                        m.display_name
                    ),
                )
            })
        }),
        flash,
    );
    let roles: Vec<(&'static str, &'static str)> = Role::staff_roles(active.kind)
        .iter()
        .map(|r| (r.code(), r.label(locale)))
        .collect();

    view! {
        <p class="lead">{active.organisation_name.clone()}</p>
        <Suspense>
            {move || Suspend::new(async move {
                match members.await {
                    Ok(list) => view! { <MemberTable list /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
        <ActionForm action=add attr:class="card form-grid">
            <h2>{t.add_member}</h2>
            <input type="hidden" name="organisation_id" value=organisation_id />
            <FormNotice form />
            <Field label=t.display_name name="form[display_name]" field="display_name" form required=true />
            <Field label=t.username name="form[username]" field="username" form required=true hint=t.username_hint />
            <Field label=t.phone_optional name="form[phone]" field="phone" form kind="tel" />
            <SelectField
                label=t.role
                name="form[role]"
                field="role"
                form
                options=roles
                placeholder=t.choose
                required=true
            />
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
            <FormAlert form fields=&["display_name", "username", "phone", "role", "initial_password"] />
            <button type="submit" class="button" disabled=move || add.pending().get()>
                {t.add_member}
            </button>
        </ActionForm>
    }
        .into_any()
}

#[component]
fn MemberTable(list: Vec<MemberView>) -> impl IntoView {
    let t = &use_texts().accounts;
    let locale = use_locale();
    if list.is_empty() {
        return view! { <p class="empty-state">{t.members_empty}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="members">
                <thead>
                    <tr>
                        <th scope="col">{t.display_name}</th>
                        <th scope="col">{t.username}</th>
                        <th scope="col">{t.phone}</th>
                        <th scope="col">{t.role}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|m| {
                            view! {
                                <tr>
                                    <td>
                                        {m.display_name}
                                        {m
                                            .must_change_password
                                            .then(|| {
                                                view! {
                                                    <span class="badge badge--muted">{t.awaiting_first_login}</span>
                                                }
                                            })}
                                    </td>
                                    <td>{m.username}</td>
                                    <td>{m.phone_masked.unwrap_or_default()}</td>
                                    <td>{m.role.label(locale)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
        .into_any()
}
