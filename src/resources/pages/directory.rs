//! `/resources`: the public directory (资源展示). A plain GET form, so
//! search, filters and paging work without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use super::super::api::directory::search_directory;
use super::super::model::{FeeKind, ResourceType, Stage, Theme};
use super::super::public::{DirectoryPage, DirectoryQuery};
use crate::i18n::{Locale, use_locale, use_texts};
use crate::regions::picker::{RegionPicker, picked_code};
use crate::shell::feedback::ErrorNotice;
use crate::shell::layout::urlencode;
use crate::shell::pager::Pager;

/// Reads the directory query from the URL.
pub fn query_from(params: &ParamsMap) -> DirectoryQuery {
    let get = |key: &str| params.get(key).unwrap_or_default();
    DirectoryQuery {
        q: get("q"),
        region: picked_code(params, "region").unwrap_or_default(),
        resource_type: get("type"),
        theme: get("theme"),
        stage: get("stage"),
        fee: get("fee"),
        date: get("date"),
        sort: get("sort"),
        lat: get("lat"),
        lng: get("lng"),
        page: params.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
    }
}

/// Builds the URL of the directory with `query`'s filters, without the page.
pub fn base_url(query: &DirectoryQuery) -> String {
    let pairs = [
        ("q", &query.q),
        ("region", &query.region),
        ("type", &query.resource_type),
        ("theme", &query.theme),
        ("stage", &query.stage),
        ("fee", &query.fee),
        ("date", &query.date),
        ("sort", &query.sort),
        ("lat", &query.lat),
        ("lng", &query.lng),
    ];
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| format!("{key}={}", urlencode(value)))
        .collect();
    if parts.is_empty() {
        "/resources".to_owned()
    } else {
        format!("/resources?{}", parts.join("&"))
    }
}

#[component]
pub fn DirectoryPageView() -> impl IntoView {
    let t = &use_texts().resources;
    let params = use_query_map();
    let query = Memo::new(move |_| query_from(&params.read()));
    let page = Resource::new(move || query.get(), search_directory);
    view! {
        <Title text=t.directory_title />
        <h1>{t.directory_title}</h1>
        <p class="lead">{t.directory_intro}</p>
        <SearchForm query=query.get_untracked() />
        <Suspense>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(result) => view! { <Results result query=query.get_untracked() /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T, Locale) -> &'static str,
    locale: Locale,
    chosen: String,
) -> impl IntoView {
    all.iter()
        .map(|item| {
            let value = code(*item);
            view! {
                <option value=value selected=chosen == value>
                    {label(*item, locale)}
                </option>
            }
        })
        .collect_view()
}

/// Checks whether any filter or sort is set, so the filter panel opens.
fn filters_chosen(query: &DirectoryQuery) -> bool {
    [
        &query.region,
        &query.resource_type,
        &query.theme,
        &query.stage,
        &query.fee,
        &query.date,
        &query.sort,
        &query.lat,
        &query.lng,
    ]
    .iter()
    .any(|value| !value.trim().is_empty())
}

#[component]
fn SearchForm(query: DirectoryQuery) -> impl IntoView {
    let t = &use_texts().resources;
    let locale = use_locale();
    view! {
        <form
            method="get"
            action="/resources"
            class="card form search-form"
            role="search"
            data-testid="directory-search"
        >
            <div class="field">
                <label for="directory-q">{t.search_label}</label>
                <p class="field__hint" id="directory-q-hint">
                    {t.search_hint}
                </p>
                <input
                    id="directory-q"
                    name="q"
                    type="search"
                    value=query.q.clone()
                    aria-describedby="directory-q-hint"
                />
            </div>
            <details class="filters" open=filters_chosen(&query)>
                <summary>{t.more_filters}</summary>
                <RegionPicker name="region" initial=query.region.clone() />
                <div class="field-row">
                    <div class="field">
                        <label for="directory-type">{t.resource_type}</label>
                        <select id="directory-type" name="type">
                            <option value="">{t.any}</option>
                            {options(
                                ResourceType::ALL,
                                ResourceType::code,
                                ResourceType::label,
                                locale,
                                query.resource_type.clone(),
                            )}
                        </select>
                    </div>
                    <div class="field">
                        <label for="directory-theme">{t.themes}</label>
                        <select id="directory-theme" name="theme">
                            <option value="">{t.any}</option>
                            {options(Theme::ALL, Theme::code, Theme::label, locale, query.theme.clone())}
                        </select>
                    </div>
                    <div class="field">
                        <label for="directory-stage">{t.stages}</label>
                        <select id="directory-stage" name="stage">
                            <option value="">{t.any}</option>
                            {options(Stage::ALL, Stage::code, Stage::label, locale, query.stage.clone())}
                        </select>
                    </div>
                    <div class="field">
                        <label for="directory-fee">{t.fee}</label>
                        <select id="directory-fee" name="fee">
                            <option value="">{t.any}</option>
                            {options(FeeKind::ALL, FeeKind::code, FeeKind::label, locale, query.fee.clone())}
                        </select>
                    </div>
                    <div class="field">
                        <label for="directory-date">{t.open_on}</label>
                        <input id="directory-date" name="date" type="date" value=query.date.clone() />
                    </div>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="directory-sort">{t.sort}</label>
                        <select id="directory-sort" name="sort">
                            <option value="relevance" selected=query.sort.is_empty() || query.sort == "relevance">
                                {t.sort_relevance}
                            </option>
                            <option value="distance" selected=query.sort == "distance">
                                {t.sort_distance}
                            </option>
                            <option value="newest" selected=query.sort == "newest">
                                {t.sort_newest}
                            </option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="directory-lat">{t.latitude}</label>
                        <input id="directory-lat" name="lat" inputmode="decimal" value=query.lat.clone() />
                    </div>
                    <div class="field">
                        <label for="directory-lng">{t.longitude}</label>
                        <input id="directory-lng" name="lng" inputmode="decimal" value=query.lng.clone() />
                    </div>
                </div>
            </details>
            <button type="submit" class="button">
                {t.search}
            </button>
        </form>
    }
}

fn distance_text(metres: f64, locale: Locale) -> String {
    match locale {
        Locale::Zh if metres < 1000.0 => format!("{metres:.0} 米"),
        Locale::Zh => format!("{:.1} 公里", metres / 1000.0),
        Locale::En if metres < 1000.0 => format!("{metres:.0} m"),
        Locale::En => format!("{:.1} km", metres / 1000.0),
    }
}

#[component]
fn Results(result: DirectoryPage, query: DirectoryQuery) -> impl IntoView {
    let t = &use_texts().resources;
    let locale = use_locale();
    let notices = result
        .notices
        .iter()
        .map(|text| view! { <p class="notice notice--warning">{text.get(locale).to_owned()}</p> })
        .collect_view();
    if result.rows.is_empty() {
        return view! {
            {notices}
            <section class="empty-state card" data-testid="directory-empty">
                <p>{t.directory_empty}</p>
                <a class="button button--secondary" href="/resources">
                    {t.clear_filters}
                </a>
            </section>
        }
        .into_any();
    }
    let summary = match locale {
        Locale::Zh => format!("找到 {} 个资源", result.total),
        Locale::En => format!("{} resources found", result.total),
    };
    view! {
        {notices}
        <p aria-live="polite" data-testid="directory-count">
            {summary}
        </p>
        <ul class="card-list" data-testid="directory-results">
            {result
                .rows
                .into_iter()
                .map(|row| {
                    let themes: Vec<&str> = row.themes.iter().map(|th| th.label(locale)).collect();
                    view! {
                        <li class="card resource-card">
                            <h2>
                                <a href=format!("/resources/{}", row.id)>{row.name}</a>
                            </h2>
                            <p>
                                {row.resource_type.map(|k| k.label(locale))} " · " {row.region_name} " · "
                                {row.fee_kind.map(|f| f.label(locale))}
                                {row.distance_m.map(|m| format!(" · {}", distance_text(m, locale)))}
                            </p>
                            <p>{row.address}</p>
                            <p class="muted">{row.provider_name} " · " {themes.join("、")}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <Pager total=result.total page=result.page per_page=result.per_page base=base_url(&query) />
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_filters_only() {
        let query = DirectoryQuery {
            q: "科技".into(),
            theme: "science_inquiry".into(),
            page: 3,
            ..DirectoryQuery::default()
        };
        assert_eq!(
            base_url(&query),
            "/resources?q=%E7%A7%91%E6%8A%80&theme=science_inquiry"
        );
        assert_eq!(base_url(&DirectoryQuery::default()), "/resources");
    }

    #[test]
    fn distances_are_readable() {
        assert_eq!(distance_text(850.0, Locale::Zh), "850 米");
        assert_eq!(distance_text(12_345.0, Locale::En), "12.3 km");
    }
}
