//! `/register`: a school or provider registers itself with its first admin.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::super::SchoolStage;
use super::super::api::orgs::{OrganisationDetails, RegisterOrganisation};
use crate::forms::{Field, FormAlert, FormState, SelectField, use_flash};
use crate::i18n::{use_locale, use_texts};
use crate::regions::picker::RegionPicker;
use crate::resources::model::ResourceType;

/// Every field key the form shows, so other errors go to the form alert.
pub const FIELDS: &[&str] = &[
    "kind",
    "name",
    "region",
    "school_stage",
    "provider_type",
    "credit_code",
    "address",
    "contact_name",
    "contact_phone",
    "admin_name",
    "admin_username",
    "admin_phone",
    "password",
    "password_confirm",
];

/// Shows the message of a field that has no input of its own (the region
/// picker, the kind radios).
#[component]
pub fn FieldMessage(form: FormState, field: &'static str) -> impl IntoView {
    view! {
        <p class="field__error" aria-live="polite">
            {move || form.field_error(field)}
        </p>
    }
}

/// Organisation fields shared by registration and resubmission.
#[component]
pub fn OrganisationFields(
    form: FormState,
    /// `school` or `provider`; both kind selects show while it is empty.
    #[prop(optional)]
    kind: Option<Signal<String>>,
    /// Values to start with, when correcting a returned registration.
    #[prop(optional)]
    initial: Option<OrganisationDetails>,
) -> impl IntoView {
    let t = &use_texts().accounts;
    let locale = use_locale();
    let stages: Vec<(&'static str, &'static str)> =
        SchoolStage::ALL.iter().map(|s| (s.code(), s.label(locale))).collect();
    let types: Vec<(&'static str, &'static str)> =
        ResourceType::ALL.iter().map(|r| (r.code(), r.label(locale))).collect();
    let kind = kind.unwrap_or_else(|| Signal::derive(String::new));
    let show_school = move || kind.get() != "provider";
    let show_provider = move || kind.get() != "school";
    let start = initial.unwrap_or_else(empty_details);
    let region = Some(form.value("form[region]"))
        .filter(|v| !v.is_empty())
        .unwrap_or(start.region_code.clone());

    view! {
        <Field
            label=t.org_name
            name="form[name]"
            field="name"
            form
            required=true
            autocomplete="organization"
            initial=start.name.clone()
        />
        <RegionPicker name="form[region]" initial=region />
        <FieldMessage form field="region" />
        <div class:hidden=move || !show_school()>
            <SelectField
                label=t.school_stage
                name="form[school_stage]"
                field="school_stage"
                form
                options=stages
                placeholder=t.choose
                initial=start.school_stage.clone().unwrap_or_default()
            />
        </div>
        <div class:hidden=move || !show_provider()>
            <SelectField
                label=t.provider_type
                name="form[provider_type]"
                field="provider_type"
                form
                options=types
                placeholder=t.choose
                initial=start.provider_type.clone().unwrap_or_default()
            />
        </div>
        <Field
            label=t.credit_code
            name="form[credit_code]"
            field="credit_code"
            form
            hint=t.credit_code_hint
            initial=start.credit_code.clone().unwrap_or_default()
        />
        <Field
            label=t.address
            name="form[address]"
            field="address"
            form
            required=true
            autocomplete="street-address"
            initial=start.address.clone().unwrap_or_default()
        />
        <Field
            label=t.contact_name
            name="form[contact_name]"
            field="contact_name"
            form
            required=true
            initial=start.contact_name.clone().unwrap_or_default()
        />
        <Field
            label=t.contact_phone
            name="form[contact_phone]"
            field="contact_phone"
            form
            kind="tel"
            required=true
            autocomplete="tel"
            initial=start.contact_phone.clone().unwrap_or_default()
        />
    }
}

fn empty_details() -> OrganisationDetails {
    OrganisationDetails {
        id: 0,
        kind: super::super::OrgKind::School,
        name: String::new(),
        region_code: String::new(),
        region_name: String::new(),
        school_stage: None,
        provider_type: None,
        credit_code: None,
        address: None,
        contact_name: None,
        contact_phone: None,
        latitude: None,
        longitude: None,
        status: super::super::OrgStatus::Pending,
        return_reason: None,
        is_demo: false,
        submitted_at: chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
        reviewed_at: None,
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = &use_texts().accounts;
    let action = ServerAction::<RegisterOrganisation>::new();
    let flash = use_flash(RegisterOrganisation::PATH);
    let form = FormState::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        Signal::derive(|| None),
        flash,
    );

    let query = use_query_map();
    let first_kind = Some(form.value("form[kind]"))
        .filter(|k| !k.is_empty())
        .or_else(|| query.read_untracked().get("kind"))
        .unwrap_or_default();
    let kind = RwSignal::new(first_kind.clone());

    view! {
        <Title text=t.register_title />
        <h1>{t.register_title}</h1>
        <p class="lead">{t.register_intro}</p>
        // A plain post: registering logs the new admin in, so the next page
        // loads afresh (see the login page).
        <form method="post" action=RegisterOrganisation::PATH class="card form-grid">
            <fieldset class="choice">
                <legend>{t.register_kind}</legend>
                <label>
                    <input
                        type="radio"
                        name="form[kind]"
                        value="school"
                        checked=first_kind == "school"
                        on:change=move |_| kind.set("school".into())
                    />
                    {t.kind_school}
                </label>
                <label>
                    <input
                        type="radio"
                        name="form[kind]"
                        value="provider"
                        checked=first_kind == "provider"
                        on:change=move |_| kind.set("provider".into())
                    />
                    {t.kind_provider}
                </label>
                <FieldMessage form field="kind" />
            </fieldset>

            <h2>{t.section_organisation}</h2>
            <OrganisationFields form kind=kind.into() />

            <h2>{t.section_admin}</h2>
            <Field
                label=t.admin_name
                name="form[admin_name]"
                field="admin_name"
                form
                required=true
                autocomplete="name"
            />
            <Field
                label=t.username
                name="form[admin_username]"
                field="admin_username"
                form
                required=true
                hint=t.username_hint
                autocomplete="username"
            />
            <Field
                label=t.phone
                name="form[admin_phone]"
                field="admin_phone"
                form
                kind="tel"
                required=true
                autocomplete="tel"
            />
            <Field
                label=t.password
                name="form[password]"
                field="password"
                form
                kind="password"
                required=true
                hint=t.password_hint
                autocomplete="new-password"
            />
            <Field
                label=t.password_confirm
                name="form[password_confirm]"
                field="password_confirm"
                form
                kind="password"
                required=true
                autocomplete="new-password"
            />
            <FormAlert form fields=FIELDS />
            <button type="submit" class="button">
                {t.submit_registration}
            </button>
        </form>
    }
}
