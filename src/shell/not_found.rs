//! The 404 page, also used as the router's fallback.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_texts;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::NOT_FOUND);
        }
    }

    let t = &use_texts().shell;
    view! {
        <Title text=t.not_found_title />
        <section class="card empty-state">
            <p class="empty-state__code" aria-hidden="true">
                "404"
            </p>
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <a class="button" href="/">
                {t.back_home}
            </a>
        </section>
    }
}
