//! `/resources/{id}`: a published resource for everyone: whether it opens
//! today, its hours, map links, programmes and when it was last verified.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::super::api::directory::load_public_resource;
use super::super::public::PublicResource;
use crate::calendar::time::format_china;
use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};
use crate::shell::feedback::ErrorNotice;

#[component]
pub fn ResourceDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|id| id.parse::<i64>().ok()));
    let resource = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_public_resource(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(resource) => view! { <Detail resource /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(resource: PublicResource) -> impl IntoView {
    let t = &use_texts().resources;
    let locale = use_locale();
    let record = resource.record;
    let themes: Vec<&str> = record.themes.iter().map(|k| k.label(locale)).collect();
    let stages: Vec<&str> = record.stages.iter().map(|k| k.label(locale)).collect();
    let today_class = match resource.open_today {
        Some(true) => "notice notice--success",
        Some(false) => "notice notice--warning",
        None => "notice",
    };
    view! {
        <Title text=record.name.clone() />
        <p>
            <a href="/resources">{t.back_to_directory}</a>
        </p>
        <h1>{record.name.clone()}</h1>
        <p class="lead">
            {record.resource_type.map(|k| k.label(locale))} " · " {resource.provider_name} " · "
            {resource.region_name}
        </p>
        <p class=today_class data-testid="open-today">
            {resource.today.get(locale).to_owned()}
        </p>
        {(!resource.photos.is_empty())
            .then(|| {
                view! {
                    <ul class="card-grid photo-gallery" data-testid="public-photos">
                        {resource
                            .photos
                            .into_iter()
                            .map(|photo| {
                                let alt = if photo.caption.is_empty() {
                                    record.name.clone()
                                } else {
                                    photo.caption.clone()
                                };
                                view! {
                                    <li>
                                        <a href=photo.url rel="external">
                                            <img src=photo.thumb_url alt=alt width="400" loading="lazy" />
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        <section class="card">
            <dl class="details">
                <dt>{t.opening_hours}</dt>
                <dd>{resource.opening_hours.get(locale).to_owned()}</dd>
                <dt>{t.address}</dt>
                <dd>
                    {record.address.clone()}
                    {resource
                        .map
                        .map(|links| {
                            view! {
                                <span class="map-links" data-testid="map-links">
                                    " "
                                    <a href=links.geo_uri rel="external">
                                        {t.open_in_map}
                                    </a>
                                    " · "
                                    <a href=links.amap rel="external noopener" target="_blank">
                                        {t.amap}
                                    </a>
                                    " · "
                                    <a href=links.baidu rel="external noopener" target="_blank">
                                        {t.baidu}
                                    </a>
                                </span>
                            }
                        })}
                </dd>
                <dt>{t.themes}</dt>
                <dd>{themes.join("、")}</dd>
                <dt>{t.stages}</dt>
                <dd>{stages.join("、")}</dd>
                <dt>{t.group_capacity}</dt>
                <dd>{record.group_capacity}</dd>
                <dt>{t.fee}</dt>
                <dd>{record.fee_kind.map(|f| f.label(locale))} " " {record.fee_note.clone()}</dd>
                <dt>{t.contact_name}</dt>
                <dd>{record.contact_name.clone()} " " {record.contact_phone.clone()}</dd>
                <dt>{t.last_verified}</dt>
                <dd data-testid="last-verified">
                    {resource.last_verified_at.map(format_china).unwrap_or_else(|| t.never.to_owned())}
                </dd>
            </dl>
        </section>
        {(!record.summary.is_empty())
            .then(|| {
                view! {
                    <section class="card">
                        <h2>{t.summary}</h2>
                        <p>{record.summary.clone()}</p>
                    </section>
                }
            })}
        {(!record.strengths.is_empty())
            .then(|| {
                view! {
                    <section class="card">
                        <h2>{t.strengths}</h2>
                        <p>{record.strengths.clone()}</p>
                    </section>
                }
            })}
        {(!record.services.is_empty())
            .then(|| {
                view! {
                    <section class="card">
                        <h2>{t.services}</h2>
                        <p>{record.services.clone()}</p>
                    </section>
                }
            })}
        {(!record.accessibility_notes.is_empty())
            .then(|| {
                view! {
                    <section class="card">
                        <h2>{t.accessibility_notes}</h2>
                        <p>{record.accessibility_notes.clone()}</p>
                    </section>
                }
            })}
        {(!record.safety_notes.is_empty())
            .then(|| {
                view! {
                    <section class="card">
                        <h2>{t.safety_notes}</h2>
                        <p>{record.safety_notes.clone()}</p>
                    </section>
                }
            })}
        <section class="card" data-testid="public-programmes">
            <h2>{t.programmes}</h2>
            {resource.programmes.is_empty().then(|| view! { <p>{t.programmes_none_public}</p> })}
            <ul>
                {resource
                    .programmes
                    .into_iter()
                    .map(|programme| {
                        view! {
                            <li>
                                <strong>{programme.name}</strong>
                                " · "
                                {programme.duration_minutes}
                                " "
                                {t.minutes}
                                " · "
                                {t.capacity_per_session}
                                " "
                                {programme.capacity_per_session}
                                <p>{programme.description}</p>
                                <a href=format!("/programmes/{}/sessions", programme.id)>{t.programme_sessions}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
