//! `/my/organisation`: the registration status of the user's organisation,
//! and the correction form when it was returned.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::super::OrgStatus;
use super::super::api::orgs::{OrganisationDetails, ResubmitOrganisation, my_organisation};
use super::guard::RequireLogin;
use super::register::OrganisationFields;
use crate::forms::{FormAlert, FormState, use_flash};
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
    let details = Resource::new(|| (), |_| my_organisation());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(org) => view! { <OrganisationCard org /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
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
