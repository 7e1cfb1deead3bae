//! The home page: what the platform offers and to whom.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::calendar::page::QuickDayCheck;
use crate::i18n::use_texts;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = &use_texts().shell;
    let audiences = [
        (t.audience_schools, t.audience_schools_text),
        (t.audience_providers, t.audience_providers_text),
        (t.audience_bureaus, t.audience_bureaus_text),
    ];

    view! {
        <Title text=t.app_full_name />
        <Meta name="description" content=t.description />
        <section class="hero">
            <h1>{t.app_full_name}</h1>
            <p class="hero__tagline">{t.tagline}</p>
            <p>{t.description}</p>
            <p class="hero__actions">
                <a class="button" href="/regions">
                    {t.browse_regions}
                </a>
                <a class="button button--secondary" href="/calendar">
                    {use_texts().calendar.page_title}
                </a>
            </p>
        </section>

        <section aria-labelledby="audiences">
            <h2 id="audiences">{t.audiences_title}</h2>
            <ul class="card-grid">
                {audiences
                    .into_iter()
                    .map(|(title, text)| {
                        view! {
                            <li class="card">
                                <h3>{title}</h3>
                                <p>{text}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>

        <section aria-labelledby="capabilities">
            <h2 id="capabilities">{t.capabilities_title}</h2>
            <dl class="capabilities">
                {t
                    .capabilities
                    .into_iter()
                    .map(|(name, text)| {
                        view! {
                            <div>
                                <dt>{name}</dt>
                                <dd>{text}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        </section>

        <QuickDayCheck />
    }
}
