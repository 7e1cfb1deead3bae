//! `/org/members`: the members of the user's organisation, and adding
//! staff. Phone numbers are masked.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::super::Role;
use super::super::api::members::{AddMember, MemberPhone, MemberView, ResetMemberPassword, list_members};
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
    // Row actions posted without JavaScript come back as page-level notices.
    let row_flash = use_flash(MemberPhone::PATH).or_else(|| use_flash(ResetMemberPassword::PATH));
    let rows = FormState::new(Signal::derive(|| None), Signal::derive(|| None), row_flash);
    let roles: Vec<(&'static str, &'static str)> = Role::staff_roles(active.kind)
        .iter()
        .map(|r| (r.code(), r.label(locale)))
        .collect();

    view! {
        <p class="lead">{active.organisation_name.clone()}</p>
        <FormNotice form=rows />
        <FormAlert form=rows fields=&[] />
        <Suspense>
            {move || Suspend::new(async move {
                match members.await {
                    Ok(list) => view! { <MemberTable list organisation_id /> }.into_any(),
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
fn MemberTable(list: Vec<MemberView>, organisation_id: i64) -> impl IntoView {
    let t = &use_texts().accounts;
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
                        <th scope="col">
                            <span class="visually-hidden">{t.open}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|member| view! { <MemberRow member organisation_id /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn MemberRow(member: MemberView, organisation_id: i64) -> impl IntoView {
    let t = &use_texts().accounts;
    let locale = use_locale();
    let reveal = ServerAction::<MemberPhone>::new();
    let reset = ServerAction::<ResetMemberPassword>::new();
    let shown = move || reveal.value().get().and_then(Result::ok);
    let masked = member.phone_masked.clone().unwrap_or_default();
    let has_phone = member.phone_masked.is_some();
    let reset_form = FormState::new(
        Signal::derive(move || reset.value().get().and_then(Result::err)),
        Signal::derive(move || {
            reset.value().get().and_then(Result::ok).map(|()| {
                Text::new(
                    "已重置密码，对方下次登录时须修改",
                    "Password reset; they must change it at next login",
                )
            })
        }),
        None,
    );

    view! {
        <tr>
            <td>
                {member.display_name.clone()}
                {member
                    .must_change_password
                    .then(|| view! { <span class="badge badge--muted">{t.awaiting_first_login}</span> })}
            </td>
            <td>{member.username.clone()}</td>
            <td>{move || shown().unwrap_or_else(|| masked.clone())}</td>
            <td>{member.role.label(locale)}</td>
            <td class="row-actions">
                {has_phone
                    .then(|| {
                        view! {
                            <ActionForm action=reveal>
                                <input type="hidden" name="organisation_id" value=organisation_id />
                                <input type="hidden" name="user_id" value=member.user_id />
                                <button type="submit" class="link-button">
                                    {t.show_phone}
                                </button>
                            </ActionForm>
                        }
                    })} <details>
                    <summary>{t.reset_password}</summary>
                    <ActionForm action=reset>
                        <input type="hidden" name="organisation_id" value=organisation_id />
                        <input type="hidden" name="user_id" value=member.user_id />
                        <FormNotice form=reset_form />
                        <Field
                            label=t.new_initial_password
                            name="new_password"
                            field="new_password"
                            form=reset_form
                            kind="password"
                            required=true
                            hint=t.reset_password_hint
                            autocomplete="new-password"
                        />
                        <button type="submit" class="button button--secondary">
                            {t.reset_password}
                        </button>
                    </ActionForm>
                </details>
            </td>
        </tr>
    }
}
