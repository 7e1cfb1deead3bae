//! `/provider/resources`: the provider's resources with their status.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::super::api::provider::my_resources;
use super::super::form::ResourceList;
use super::widgets::StatusBadge;
use crate::accounts::pages::guard::RequireLogin;
use crate::calendar::time::format_china;
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::ErrorNotice;
use crate::shell::pager::Pager;

#[component]
pub fn ProviderResourcesPage() -> impl IntoView {
    let t = &use_texts().resources;
    view! {
        <Title text=t.provider_title />
        <h1>{t.provider_title}</h1>
        <p class="lead">{t.provider_intro}</p>
        <RequireLogin approved=true>
            <OwnList />
        </RequireLogin>
    }
}

#[component]
fn OwnList() -> impl IntoView {
    let t = &use_texts().resources;
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(0)
    });
    let list = Resource::new(move || page.get(), my_resources);
    view! {
        <p>
            <a class="button" href="/provider/resources/new" data-testid="new-resource">
                {t.new_resource}
            </a>
        </p>
        <Suspense>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <Rows list /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Rows(list: ResourceList) -> impl IntoView {
    let t = &use_texts().resources;
    let locale = use_locale();
    if list.rows.is_empty() {
        return view! { <p class="empty-state card">{t.provider_empty}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="provider-resources">
                <thead>
                    <tr>
                        <th scope="col">{t.name}</th>
                        <th scope="col">{t.resource_type}</th>
                        <th scope="col">{t.status}</th>
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
                                        <a href=format!("/provider/resources/{}", row.id)>{row.name}</a>
                                    </td>
                                    <td>{row.resource_type.map(|k| k.label(locale))}</td>
                                    <td>
                                        <StatusBadge status=row.status />
                                    </td>
                                    <td>{format_china(row.updated_at)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <Pager total=list.total page=list.page per_page=list.per_page base="/provider/resources" />
    }
    .into_any()
}
