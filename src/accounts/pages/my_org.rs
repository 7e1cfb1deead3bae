//! `/my/organisation`: the registration status of the user's organisation,
//! the correction form when it was returned, and the location form for
//! its admin.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::super::api::orgs::{OrganisationDetails, ResubmitOrganisation, SetOrganisationLocation, my_organisation};
use super::super::{OrgStatus, Role};
use super::guard::{RequireLogin, use_current_user};
use super::register::OrganisationFields;
use crate::forms::{Field, FormAlert, FormNotice, FormState, SelectField, use_flash};
use crate::geo::Datum;
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::ErrorNotice;

#[component]
pub fn MyOrganisationPage() -> impl IntoView {
    let t = &use_texts().accounts;
    view! {
        <Title text=t.my_org_title />
        <h1>{t.my_org_title}</h1>
        <RequireLogin>
            <OrganisationStatus />
        </RequireLogin>
    }
}

#[component]
fn OrganisationStatus() -> impl IntoView {
    let save_location = ServerAction::<SetOrganisationLocation>::new();
    let details = Resource::new(move || save_location.version().get(), |_| my_organisation());
    let admin = matches!(use_current_user().role(), Some(Role::SchoolAdmin | Role::ProviderAdmin));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(org) => {
                        view! {
                            <OrganisationCard org=org.clone() />
                            {admin.then(|| view! { <LocationForm org action=save_location /> })}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Shows a coordinate for editing, or nothing.
fn coordinate(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.6}")).unwrap_or_default()
}

#[component]
fn LocationForm(org: OrganisationDetails, action: ServerAction<SetOrganisationLocation>) -> impl IntoView {
    let t = &use_texts().accounts;
    let r = &use_texts().resources;
    let locale = use_locale();
    let flash = use_flash(SetOrganisationLocation::PATH);
    let form = FormState::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        Signal::derive(|| None),
        flash,
    );
    view! {
        <ActionForm action attr:class="card form-grid" attr:data-testid="organisation-location">
            <h2>{t.location_title}</h2>
            <p class="field__hint">{t.location_intro}</p>
            {org.latitude.is_none().then(|| view! { <p>{t.location_none}</p> })}
            <FormNotice form />
            <div class="field-row">
                <Field
                    label=r.latitude
                    name="form[latitude]"
                    field="latitude"
                    form
                    hint=r.coordinates_hint
                    initial=coordinate(org.latitude)
                />
                <Field
                    label=r.longitude
                    name="form[longitude]"
                    field="longitude"
                    form
                    initial=coordinate(org.longitude)
                />
                <SelectField
                    label=r.datum
                    name="form[datum]"
                    field="datum"
                    form
                    placeholder=r.datum_default
                    options=Datum::ALL.iter().map(|d| (d.code(), d.label(locale))).collect()
                />
            </div>
            <FormAlert form fields=&["latitude", "longitude", "datum"] />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {t.location_save}
            </button>
        </ActionForm>
    }
}

#[component]
fn OrganisationCard(org: OrganisationDetails) -> impl IntoView {
    let t = &use_texts().accounts;
    let locale = use_locale();
    let (status_text, modifier) = match org.status {
        OrgStatus::Pending => (t.status_pending_text, "notice--warning"),
        OrgStatus::Returned => (t.status_returned_text, "notice--error"),
        OrgStatus::Approved => (t.status_approved_text, "notice--success"),
    };
    let returned = org.status == OrgStatus::Returned;
    let reason = org.return_reason.clone();

    view! {
        <section class="card" data-testid="organisation-status">
            <h2>{org.name.clone()}</h2>
            <dl class="details">
                <dt>{t.status}</dt>
                <dd>
                    <span class="badge" data-testid="org-status">
                        {org.status.label(locale)}
                    </span>
                </dd>
                <dt>{t.kind}</dt>
                <dd>{org.kind.label(locale)}</dd>
                <dt>{t.region}</dt>
                <dd>{org.region_name.clone()}</dd>
                <dt>{t.submitted_at}</dt>
                <dd>{crate::calendar::time::format_china(org.submitted_at)}</dd>
            </dl>
            <p class=format!("notice {modifier}") role="status">
                {status_text}
            </p>
            {reason
                .filter(|_| returned)
                .map(|reason| {
                    view! {
                        <h3>{t.return_reason}</h3>
                        <p class="return-reason" data-testid="return-reason">
                            {reason}
                        </p>
                    }
                })}
        </section>
        {returned.then(|| view! { <ResubmitForm org=org.clone() /> })}
    }
}

#[component]
fn ResubmitForm(org: OrganisationDetails) -> impl IntoView {
    let t = &use_texts().accounts;
    let action = ServerAction::<ResubmitOrganisation>::new();
    let flash = use_flash(ResubmitOrganisation::PATH);
    let form = FormState::new(
        Signal::derive(move || action.value().get().and_then(Result::err)),
        Signal::derive(|| None),
        flash,
    );
    let kind = org.kind.code().to_owned();

    view! {
        <ActionForm action=action attr:class="card form-grid">
            <h2>{t.resubmit}</h2>
            <OrganisationFields form kind=Signal::derive(move || kind.clone()) initial=org />
            <FormAlert form fields=super::register::FIELDS />
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {t.resubmit}
            </button>
        </ActionForm>
    }
}
