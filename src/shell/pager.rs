//! Previous/next links for paginated lists; plain links, so they work
//! without JavaScript.

use leptos::prelude::*;

use crate::i18n::{Locale, use_locale, use_texts};

/// `base` is the list's URL with its filters; `page=N` is appended.
#[component]
pub fn Pager(total: u64, page: u64, per_page: u64, #[prop(into)] base: String) -> impl IntoView {
    let t = &use_texts().accounts;
    let locale = use_locale();
    let pages = total.div_ceil(per_page.max(1)).max(1);
    let separator = if base.contains('?') { '&' } else { '?' };
    let link = move |p: u64| format!("{base}{separator}page={p}");
    let summary = match locale {
        Locale::Zh => format!("共 {total} 条，第 {} / {pages} 页", page + 1),
        Locale::En => format!("{total} in all, page {} of {pages}", page + 1),
    };

    let label = summary.clone();
    view! {
        <nav class="pager" aria-label=label>
            {(page > 0)
                .then(|| {
                    view! {
                        <a href=link(page - 1) rel="prev">
                            {t.previous_page}
                        </a>
                    }
                })}
            <span>{summary}</span>
            {(page + 1 < pages)
                .then(|| {
                    view! {
                        <a href=link(page + 1) rel="next">
                            {t.next_page}
                        </a>
                    }
                })}
        </nav>
    }
}
