//! `/regions` and `/regions/{code}`: browse the tree down to counties.
//! Plain links, so it works without JavaScript.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{RegionBrowse, browse_region};
use super::picker::{RegionPicker, picked_code};
use super::{Region, RegionLevel};
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::{ErrorNotice, LoadingNotice};

pub fn level_label(level: RegionLevel) -> &'static str {
    let t = &use_texts().regions;
    match level {
        RegionLevel::Province => t.level_province,
        RegionLevel::City => t.level_city,
        RegionLevel::County => t.level_county,
    }
}

#[component]
pub fn RegionsPage() -> impl IntoView {
    let t = &use_texts().regions;
    let params = use_params_map();
    let query = use_query_map();

    // `/regions/110101`, or `/regions?region=…` from the picker form.
    let code = Memo::new(move |_| {
        params
            .read()
            .get("code")
            .or_else(|| picked_code(&query.read(), "region"))
    });
    let data = Resource::new(move || code.get(), browse_region);

    view! {
        <Title text=t.page_title />
        <Meta name="description" content=t.page_description />
        <h1>{t.page_title}</h1>
        <p class="lead">{t.intro}</p>

        <form method="get" action="/regions" class="card region-jump">
            <RegionPicker name="region" initial=code.get_untracked().unwrap_or_default() />
            <button type="submit" class="button">
                {t.picker_go}
            </button>
        </form>

        <Suspense fallback=|| {
            view! { <LoadingNotice /> }
        }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(browse) => view! { <RegionBrowser browse /> }.into_any(),
                    Err(AppError::NotFound) => {
                        view! {
                            <p class="notice notice--warning" role="alert">
                                {t.not_found}
                            </p>
                        }
                            .into_any()
                    }
                    Err(err) => view! { <ErrorNotice error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RegionBrowser(browse: RegionBrowse) -> impl IntoView {
    let t = &use_texts().regions;
    let current = browse.path.last().cloned();
    let heading = current
        .as_ref()
        .map(|r| r.full_name.clone())
        .unwrap_or_else(|| t.all_provinces.to_owned());
    let is_county = current.as_ref().is_some_and(|r| r.level == RegionLevel::County);

    view! {
        <Breadcrumb path=browse.path.clone() />
        <section class="card" aria-labelledby="region-heading">
            <h2 id="region-heading">{heading}</h2>
            {current
                .map(|region| {
                    view! {
                        <p class="region-meta">
                            <span>{t.code} " " <code data-testid="region-code">{region.code.clone()}</code></span>
                            <span class="badge">{level_label(region.level)}</span>
                        </p>
                    }
                })}
            {if is_county {
                view! { <p>{t.no_children}</p> }.into_any()
            } else {
                view! { <RegionList regions=browse.children /> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Breadcrumb(path: Vec<Region>) -> impl IntoView {
    let t = &use_texts().regions;
    let last = path.len();
    view! {
        <nav class="breadcrumb" aria-label=t.breadcrumb_label>
            <ol>
                <li>
                    <a href="/regions">{t.all_provinces}</a>
                </li>
                {path
                    .into_iter()
                    .enumerate()
                    .map(|(i, region)| {
                        if i + 1 == last {
                            view! {
                                <li>
                                    <span aria-current="page">{region.name}</span>
                                </li>
                            }
                                .into_any()
                        } else {
                            view! {
                                <li>
                                    <a href=format!("/regions/{}", region.code)>{region.name}</a>
                                </li>
                            }
                                .into_any()
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

#[component]
fn RegionList(regions: Vec<Region>) -> impl IntoView {
    let t = &use_texts().regions;
    let locale = use_locale();
    let count = regions.len();
    view! {
        <h3 class="section-label">
            {t.children_of}
            {match locale {
                crate::i18n::Locale::Zh => format!("（{count} 个）"),
                crate::i18n::Locale::En => format!(" ({count})"),
            }}
        </h3>
        <ul class="region-grid" data-testid="region-list">
            {regions
                .into_iter()
                .map(|region| {
                    let href = format!("/regions/{}", region.code);
                    view! {
                        <li>
                            <a href=href>
                                <span class="region-grid__name">{region.name}</span>
                                <span class="region-grid__code">{region.code}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
