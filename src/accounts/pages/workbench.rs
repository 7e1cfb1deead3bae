//! `/workbench` (工作台): the functions open to the user's current role.

use leptos::prelude::*;
use leptos_meta::Title;

use super::super::{OrgStatus, Role};
use super::guard::{RequireLogin, use_current_user};
use crate::i18n::use_texts;

#[component]
pub fn WorkbenchPage() -> impl IntoView {
    let t = &use_texts().accounts;
    view! {
        <Title text=t.workbench />
        <h1>{t.workbench}</h1>
        <p class="lead">{t.workbench_intro}</p>
        <RequireLogin>
            <Links />
        </RequireLogin>
    }
}

#[component]
fn Links() -> impl IntoView {
    let t = &use_texts().accounts;
    let user = use_current_user();
    let role = user.role();
    let approved = user.platform_admin || user.active.as_ref().is_some_and(|m| m.status == OrgStatus::Approved);
    let officer = user.platform_admin || (approved && role == Some(Role::BureauOfficer));
    let org_admin = approved && matches!(role, Some(Role::SchoolAdmin | Role::ProviderAdmin));

    let mut links: Vec<(&'static str, &'static str)> = Vec::new();
    if user.active.is_some() {
        links.push(("/my/organisation", t.my_org_title));
    }
    if org_admin {
        links.push(("/org/members", t.members_title));
    }
    let provider_member = approved && matches!(role, Some(Role::ProviderAdmin | Role::ProviderStaff));
    let resources = &use_texts().resources;
    if provider_member {
        links.push(("/provider/resources", resources.provider_title));
        links.push(("/provider/census", use_texts().census.page_title));
    }
    if officer {
        links.push(("/bureau/resources", resources.review_title));
        links.push(("/bureau/resources/stats", resources.stats_title));
        links.push(("/bureau/review", t.review_title));
        links.push(("/bureau/audit-log", t.audit_title));
        links.push(("/bureau/officers", t.officers_title));
    }
    links.push(("/account", t.account_title));

    view! {
        <ul class="card-grid workbench">
            {links
                .into_iter()
                .map(|(href, label)| {
                    view! {
                        <li>
                            <a class="card workbench__link" href=href>
                                {label}
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
