//! `/bureau/resources/stats`: counts by type, theme and region, and the
//! records not verified for 12 months.

use leptos::prelude::*;
use leptos_meta::Title;

use super::super::api::bureau::load_resource_stats;
use super::super::form::ResourceStats;
use super::super::model::{ResourceType, Theme};
use crate::accounts::pages::guard::RequireLogin;
use crate::calendar::time::format_china;
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::ErrorNotice;

#[component]
pub fn ResourceStatsPage() -> impl IntoView {
    let t = &use_texts().resources;
    view! {
        <Title text=t.stats_title />
        <h1>{t.stats_title}</h1>
        <RequireLogin approved=true>
            <p class="actions-row">
                <a class="button button--secondary" href="/resources/export.xlsx" rel="external" download="">
                    {use_texts().census.export_link}
                </a>
            </p>
            <Stats />
        </RequireLogin>
    }
}

#[component]
fn Stats() -> impl IntoView {
    let stats = Resource::new(|| (), |_| load_resource_stats());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match stats.await {
                    Ok(stats) => view! { <Tables stats /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CountTable(caption: &'static str, rows: Vec<(String, u64)>) -> impl IntoView {
    let t = &use_texts().resources;
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{caption}</th>
                        <th scope="col">{t.count}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(label, count)| {
                            view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    <td>{count}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Tables(stats: ResourceStats) -> impl IntoView {
    let t = &use_texts().resources;
    let locale = use_locale();
    let by_type: Vec<(String, u64)> = stats
        .by_type
        .into_iter()
        .map(|(code, n)| {
            (
                ResourceType::from_code(&code).map_or(code, |k| k.label(locale).to_owned()),
                n,
            )
        })
        .collect();
    let by_theme: Vec<(String, u64)> = stats
        .by_theme
        .into_iter()
        .map(|(code, n)| (Theme::from_code(&code).map_or(code, |k| k.label(locale).to_owned()), n))
        .collect();
    view! {
        <p class="lead" data-testid="stats-summary">
            {stats.region_name}
            " · "
            {t.total}
            " "
            {stats.total}
            " · "
            {t.published_count}
            " "
            {stats.published}
        </p>
        <CountTable caption=t.resource_type rows=by_type />
        <CountTable caption=t.themes rows=by_theme />
        <CountTable caption=t.region rows=stats.by_region />
        <section class="card" data-testid="stale-resources">
            <h2>{t.stale_title}</h2>
            {stats.stale.is_empty().then(|| view! { <p>{t.stale_empty}</p> })}
            <ul>
                {stats
                    .stale
                    .into_iter()
                    .map(|row| {
                        view! {
                            <li>
                                <a href=format!("/bureau/resources/{}", row.id)>{row.name}</a>
                                " · "
                                {row.provider_name}
                                " · "
                                {t.last_verified}
                                " "
                                {row.last_verified_at.map(format_china).unwrap_or_else(|| t.never.to_owned())}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
