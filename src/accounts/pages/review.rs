//! `/bureau/review` and `/bureau/review/{id}`: the audit queue (审核).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::super::OrgStatus;
use super::super::api::orgs::OrganisationDetails;
use super::super::api::review::{
    ApproveOrganisation, QueueFilter, QueuePage, ReturnOrganisation, review_organisation, review_queue,
};
use super::guard::RequireLogin;
use crate::error::AppError;
use crate::forms::{FormAlert, FormNotice, FormState, use_flash};
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::ErrorNotice;
use crate::shell::pager::Pager;

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let t = &use_texts().accounts;
    view! {
        <Title text=t.review_title />
        <h1>{t.review_title}</h1>
        <p class="lead">{t.review_intro}</p>
        <RequireLogin approved=true>
            <Queue />
        </RequireLogin>
    }
}

#[component]
fn Queue() -> impl IntoView {
    let t = &use_texts().accounts;
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let query = query.read();
        QueueFilter {
            status: query.get("status").unwrap_or_else(|| "pending".to_owned()),
            page: query.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        }
    });
    let page = Resource::new(move || filter.get(), review_queue);
    // Approve and return post back to the queue; the flash is shown here.
    let flash = use_flash(ApproveOrganisation::PATH).or_else(|| use_flash(ReturnOrganisation::PATH));
    let form = FormState::new(Signal::derive(|| None), Signal::derive(|| None), flash);
    let tabs = [
        ("pending", t.review_tab_pending),
        ("returned", t.review_tab_returned),
        ("approved", t.review_tab_approved),
    ];

    view! {
        <FormNotice form />
        <nav class="tabs" aria-label=t.status>
            {tabs
                .into_iter()
                .map(|(code, label)| {
                    view! {
                        <a
                            href=format!("/bureau/review?status={code}")
                            aria-current=move || (filter.get().status == code).then_some("page")
                        >
                            {label}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        <Suspense>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <QueueTable page status=filter.get_untracked().status /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueTable(page: QueuePage, status: String) -> impl IntoView {
    let t = &use_texts().accounts;
    let locale = use_locale();
    if page.rows.is_empty() {
        return view! { <p class="empty-state card">{t.review_empty}</p> }.into_any();
    }
    let base = format!("/bureau/review?status={status}");
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="review-queue">
                <thead>
                    <tr>
                        <th scope="col">{t.org_name}</th>
                        <th scope="col">{t.kind}</th>
                        <th scope="col">{t.region}</th>
                        <th scope="col">{t.contact_name}</th>
                        <th scope="col">{t.submitted_at}</th>
                        <th scope="col">
                            <span class="visually-hidden">{t.open}</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    <td>{row.name.clone()}</td>
                                    <td>{row.kind.label(locale)}</td>
                                    <td>{row.region_name}</td>
                                    <td>{row.contact_name} " " {row.contact_phone_masked}</td>
                                    <td>{crate::calendar::time::format_china(row.submitted_at)}</td>
                                    <td>
                                        <a
                                            href=format!("/bureau/review/{}", row.id)
                                            aria-label=format!("{} {}", t.open, row.name)
                                        >
                                            {t.open}
                                        </a>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <Pager total=page.total page=page.page per_page=page.per_page base />
    }
    .into_any()
}

#[component]
pub fn ReviewDetailPage() -> impl IntoView {
    let t = &use_texts().accounts;
    view! {
        <Title text=t.review_title />
        <h1>{t.review_title}</h1>
        <RequireLogin approved=true>
            <Detail />
        </RequireLogin>
    }
}

#[component]
fn Detail() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|id| id.parse::<i64>().ok()));
    let details = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => review_organisation(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(org) => view! { <Decision org /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Decision(org: OrganisationDetails) -> impl IntoView {
    let t = &use_texts().accounts;
    let locale = use_locale();
    let approve = ServerAction::<ApproveOrganisation>::new();
    let send_back = ServerAction::<ReturnOrganisation>::new();
    let flash = use_flash(ReturnOrganisation::PATH).or_else(|| use_flash(ApproveOrganisation::PATH));
    let form = FormState::new(
        Signal::derive(move || {
            send_back
                .value()
                .get()
                .and_then(Result::err)
                .or_else(|| approve.value().get().and_then(Result::err))
        }),
        Signal::derive(|| None),
        flash,
    );
    let pending = org.status == OrgStatus::Pending;
    let stage = org
        .school_stage
        .as_deref()
        .and_then(super::super::SchoolStage::from_code)
        .map(|s| s.label(locale))
        .or_else(|| {
            org.provider_type
                .as_deref()
                .and_then(crate::resources::model::ResourceType::from_code)
                .map(|r| r.label(locale))
        })
        .unwrap_or_default();

    view! {
        <section class="card" data-testid="review-detail">
            <h2>{org.name.clone()}</h2>
            <dl class="details">
                <dt>{t.kind}</dt>
                <dd>{org.kind.label(locale)} " · " {stage}</dd>
                <dt>{t.region}</dt>
                <dd>{org.region_name.clone()}</dd>
                <dt>{t.address}</dt>
                <dd>{org.address.clone().unwrap_or_default()}</dd>
                <dt>{t.contact_name}</dt>
                <dd>
                    {org.contact_name.clone().unwrap_or_default()} " " {org.contact_phone.clone().unwrap_or_default()}
                </dd>
                <dt>{t.credit_code}</dt>
                <dd>{org.credit_code.clone().unwrap_or_default()}</dd>
                <dt>{t.status}</dt>
                <dd>
                    <span class="badge">{org.status.label(locale)}</span>
                </dd>
                <dt>{t.submitted_at}</dt>
                <dd>{crate::calendar::time::format_china(org.submitted_at)}</dd>
            </dl>
        </section>
        <FormAlert form fields=&["reason"] />
        {pending
            .then(|| {
                view! {
                    <section class="card actions-row">
                        <ActionForm action=approve>
                            <input type="hidden" name="id" value=org.id />
                            <button type="submit" class="button">
                                {t.approve}
                            </button>
                        </ActionForm>
                    </section>
                    <ActionForm action=send_back attr:class="card">
                        <input type="hidden" name="id" value=org.id />
                        <div class="field" class:field--invalid=move || form.field_error("reason").is_some()>
                            <label for="reason">{t.reason}</label>
                            <p class="field__hint" id="reason-hint">
                                {t.reason_hint}
                            </p>
                            <textarea id="reason" name="reason" rows="4" required aria-describedby="reason-hint reason-error">
                                {form.value("reason")}
                            </textarea>
                            <p class="field__error" id="reason-error" aria-live="polite">
                                {move || form.field_error("reason")}
                            </p>
                        </div>
                        <button type="submit" class="button button--danger">
                            {t.return_with_reason}
                        </button>
                    </ActionForm>
                }
            })}
    }
}
