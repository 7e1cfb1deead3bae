//! `/bureau/resources` and `/bureau/resources/{id}`: the resource review
//! queue (审核) with what changed since the last approval.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::super::api::bureau::{ApproveResource, ReturnResource, resource_queue, resource_review};
use super::super::api::provider::VerifyResource;
use super::super::form::{QueueFilter, ResourceList, ReviewView};
use super::super::model::ResourceStatus;
use super::super::workflow::Step;
use super::widgets::StatusBadge;
use crate::accounts::pages::guard::RequireLogin;
use crate::calendar::time::format_china;
use crate::error::AppError;
use crate::forms::{FormAlert, FormNotice, FormState, use_flash};
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::ErrorNotice;
use crate::shell::pager::Pager;

#[component]
pub fn ResourceQueuePage() -> impl IntoView {
    let t = &use_texts().resources;
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
    let t = &use_texts().resources;
    let locale = use_locale();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let query = query.read();
        QueueFilter {
            status: query.get("status").unwrap_or_else(|| "submitted".to_owned()),
            page: query.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        }
    });
    let list = Resource::new(move || filter.get(), resource_queue);
    let flash = use_flash(ApproveResource::PATH).or_else(|| use_flash(ReturnResource::PATH));
    let form = FormState::new(Signal::derive(|| None), Signal::derive(|| None), flash);
    let tabs = [
        ResourceStatus::Submitted,
        ResourceStatus::Returned,
        ResourceStatus::Approved,
        ResourceStatus::Published,
    ];
    view! {
        <FormNotice form />
        <p>
            <a href="/bureau/resources/stats">{t.stats_title}</a>
        </p>
        <nav class="tabs" aria-label=t.status>
            {tabs
                .into_iter()
                .map(|status| {
                    view! {
                        <a
                            href=format!("/bureau/resources?status={}", status.code())
                            aria-current=move || (filter.get().status == status.code()).then_some("page")
                        >
                            {status.label(locale)}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        <Suspense>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <QueueTable list status=filter.get_untracked().status /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueTable(list: ResourceList, status: String) -> impl IntoView {
    let t = &use_texts().resources;
    let locale = use_locale();
    if list.rows.is_empty() {
        return view! { <p class="empty-state card">{t.review_empty}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="resource-queue">
                <thead>
                    <tr>
                        <th scope="col">{t.name}</th>
                        <th scope="col">{t.provider}</th>
                        <th scope="col">{t.resource_type}</th>
                        <th scope="col">{t.region}</th>
                        <th scope="col">{t.updated_at}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    <td>
                                        <a href=format!("/bureau/resources/{}", row.id)>{row.name}</a>
                                    </td>
                                    <td>{row.provider_name}</td>
                                    <td>{row.resource_type.map(|k| k.label(locale))}</td>
                                    <td>{row.region_name}</td>
                                    <td>{format_china(row.updated_at)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <Pager
            total=list.total
            page=list.page
            per_page=list.per_page
            base=format!("/bureau/resources?status={status}")
        />
    }
    .into_any()
}

#[component]
pub fn ResourceReviewPage() -> impl IntoView {
    let t = &use_texts().resources;
    view! {
        <Title text=t.review_title />
        <h1>{t.review_title}</h1>
        <RequireLogin approved=true>
            <Review />
        </RequireLogin>
    }
}

#[component]
fn Review() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|id| id.parse::<i64>().ok()));
    let view_data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => resource_review(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match view_data.await {
                    Ok(review) => view! { <Decision review /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Decision(review: ReviewView) -> impl IntoView {
    let t = &use_texts().resources;
    let locale = use_locale();
    let approve = ServerAction::<ApproveResource>::new();
    let send_back = ServerAction::<ReturnResource>::new();
    let verify = ServerAction::<VerifyResource>::new();
    let flash = use_flash(ReturnResource::PATH)
        .or_else(|| use_flash(ApproveResource::PATH))
        .or_else(|| use_flash(VerifyResource::PATH));
    let form = FormState::new(
        Signal::derive(move || {
            send_back
                .value()
                .get()
                .and_then(Result::err)
                .or_else(|| approve.value().get().and_then(Result::err))
                .or_else(|| verify.value().get().and_then(Result::err))
        }),
        Signal::derive(|| None),
        flash,
    );
    let details = review.details;
    let id = details.id;
    let submitted = details.status == ResourceStatus::Submitted;
    let changes_title = if review.approved_before {
        t.changes_since_approval
    } else {
        t.first_review
    };

    view! {
        <FormNotice form />
        <section class="card" data-testid="review-resource">
            <h2>{details.record.name.clone()}</h2>
            <p>
                {details.provider_name.clone()} " · " {details.region_name.clone()} " · "
                <StatusBadge status=details.status />
            </p>
            <p>
                {t.last_verified} " " {details.last_verified_at.map(format_china).unwrap_or_else(|| t.never.to_owned())}
            </p>
        </section>
        <section class="card" data-testid="changes">
            <h2>{changes_title}</h2>
            {review.changes.is_empty().then(|| view! { <p>{t.no_changes}</p> })}
            <div class="table-wrap">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{t.field}</th>
                            <th scope="col">{t.before}</th>
                            <th scope="col">{t.after}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {review
                            .changes
                            .into_iter()
                            .map(|change| {
                                view! {
                                    <tr>
                                        <th scope="row">{change.label.get(locale).to_owned()}</th>
                                        <td>
                                            <del>{change.before}</del>
                                        </td>
                                        <td>
                                            <ins>{change.after}</ins>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <FormAlert form fields=&["reason"] />
        {submitted
            .then(|| {
                view! {
                    <section class="card actions-row">
                        <ActionForm action=approve>
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class="button">
                                {t.approve}
                            </button>
                        </ActionForm>
                    </section>
                    <ActionForm action=send_back attr:class="card">
                        <input type="hidden" name="id" value=id />
                        <div class="field" class:field--invalid=move || form.field_error("reason").is_some()>
                            <label for="reason">{t.return_reason}</label>
                            <textarea id="reason" name="reason" rows="4" required aria-describedby="reason-error">
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
        <ActionForm action=verify attr:class="card">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="back" value=format!("/bureau/resources/{id}") />
            <button type="submit" class="button button--secondary">
                {t.mark_verified}
            </button>
        </ActionForm>
        <section class="card">
            <h2>{t.history}</h2>
            <ol class="history">
                {review
                    .history
                    .into_iter()
                    .map(|entry| {
                        view! {
                            <li>
                                {format_china(entry.at)} " · " {entry.actor_name} " · "
                                {Step::label_of(&entry.action, locale)} " · v" {entry.version}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
