//! `/provider/resources/{id}/programmes`: the programmes of a resource.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::super::api::programmes::{AddProgramme, DeleteProgramme, UpdateProgramme, resource_programmes};
use super::super::form::ProgrammeView;
use super::super::model::{FeeKind, Stage, Theme};
use super::widgets::{Checkboxes, TextArea};
use crate::accounts::pages::guard::RequireLogin;
use crate::error::AppError;
use crate::forms::{Field, FormAlert, FormNotice, FormState, SelectField, use_flash};
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::ErrorNotice;

const FIELDS: &[&str] = &[
    "name",
    "description",
    "themes",
    "stages",
    "duration_minutes",
    "capacity_per_session",
    "pupils_per_teacher",
    "fee_kind",
    "fee_note",
];

#[component]
pub fn ProgrammesPage() -> impl IntoView {
    let t = &use_texts().resources;
    view! {
        <Title text=t.programmes />
        <h1>{t.programmes}</h1>
        <RequireLogin approved=true>
            <Programmes />
        </RequireLogin>
    }
}

#[component]
fn Programmes() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|id| id.parse::<i64>().ok()));
    let list = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => resource_programmes(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match (list.await, id.get_untracked()) {
                    (Ok(programmes), Some(resource_id)) => view! { <Editor resource_id programmes /> }.into_any(),
                    (Err(error), _) => view! { <ErrorNotice error /> }.into_any(),
                    (Ok(_), None) => view! { <ErrorNotice error=AppError::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(resource_id: i64, programmes: Vec<ProgrammeView>) -> impl IntoView {
    let t = &use_texts().resources;
    let add = ServerAction::<AddProgramme>::new();
    let delete = ServerAction::<DeleteProgramme>::new();
    let flash = use_flash(AddProgramme::PATH)
        .or_else(|| use_flash(DeleteProgramme::PATH))
        .or_else(|| use_flash(UpdateProgramme::PATH));
    let form = FormState::new(
        Signal::derive(move || {
            add.value()
                .get()
                .and_then(Result::err)
                .or_else(|| delete.value().get().and_then(Result::err))
        }),
        Signal::derive(|| None),
        flash,
    );
    view! {
        <p>
            <a href=format!("/provider/resources/{resource_id}")>{t.back_to_resource}</a>
        </p>
        <FormNotice form />
        {programmes.is_empty().then(|| view! { <p class="empty-state card">{t.programmes_empty}</p> })}
        <ul class="card-list" data-testid="programmes">
            {programmes
                .into_iter()
                .map(|programme| {
                    view! {
                        <li class="card">
                            <h2>{programme.name.clone()}</h2>
                            <p>{programme.description.clone()}</p>
                            <p>
                                {programme.duration_minutes} " " {t.minutes} " · " {t.capacity_per_session} " "
                                {programme.capacity_per_session}
                                {(!programme.published)
                                    .then(|| {
                                        view! {
                                            " · "
                                            <span class="badge">{t.not_offered}</span>
                                        }
                                    })}
                            </p>
                            <ActionForm action=delete>
                                <input type="hidden" name="id" value=programme.id />
                                <button type="submit" class="button button--danger">
                                    {t.delete}
                                </button>
                            </ActionForm>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <h2>{t.add_programme}</h2>
        <FormAlert form fields=FIELDS />
        <ActionForm action=add attr:class="card form">
            <input type="hidden" name="resource_id" value=resource_id />
            <ProgrammeFields form />
            <button type="submit" class="button">
                {t.add_programme}
            </button>
        </ActionForm>
    }
}

#[component]
fn ProgrammeFields(form: FormState) -> impl IntoView {
    let t = &use_texts().resources;
    let locale = use_locale();
    view! {
        <Field label=t.programme_name name="form[name]" field="name" form required=true />
        <TextArea label=t.description name="form[description]" field="description" form />
        <Checkboxes
            legend=t.themes
            name="form[themes]"
            field="themes"
            form
            options=Theme::ALL.iter().map(|k| (k.code(), k.label(locale))).collect()
        />
        <Checkboxes
            legend=t.stages
            name="form[stages]"
            field="stages"
            form
            options=Stage::ALL.iter().map(|k| (k.code(), k.label(locale))).collect()
        />
        <Field
            label=t.duration_minutes
            name="form[duration_minutes]"
            field="duration_minutes"
            form
            kind="number"
            required=true
        />
        <Field
            label=t.capacity_per_session
            name="form[capacity_per_session]"
            field="capacity_per_session"
            form
            kind="number"
            required=true
        />
        <Field
            label=t.pupils_per_teacher
            name="form[pupils_per_teacher]"
            field="pupils_per_teacher"
            form
            kind="number"
            required=true
            initial="15"
        />
        <SelectField
            label=t.fee
            name="form[fee_kind]"
            field="fee_kind"
            form
            required=true
            placeholder=t.choose
            options=FeeKind::ALL.iter().map(|k| (k.code(), k.label(locale))).collect()
        />
        <Field label=t.fee_note name="form[fee_note]" field="fee_note" form />
        <label class="checkbox">
            <input type="checkbox" name="form[status]" value="published" checked=true />
            {t.offer_now}
        </label>
    }
}
