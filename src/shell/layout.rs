//! Page frame: skip link, header with the main navigation, footer.
//!
//! One `<nav>` serves both layouts: a row of links in the header on wide
//! screens, and a tab bar fixed to the bottom on phones (see `style/main.css`).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::i18n::{use_locale, use_texts};

/// Path of an inline SVG icon drawn on a 24×24 grid with a 2px stroke.
fn icon(path: &'static str) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path />
        </svg>
    }
}

const HOME_ICON: &str = "M3 11l9-8 9 8M5 9v12h14V9";
const REGIONS_ICON: &str = "M12 21s-7-6.2-7-11a7 7 0 0114 0c0 4.8-7 11-7 11zM12 12.5a2.5 2.5 0 100-5 2.5 2.5 0 000 5z";
const RESOURCES_ICON: &str = "M4 20V9l8-5 8 5v11M4 20h16M9 20v-6h6v6";
const CALENDAR_ICON: &str = "M4 6h16v15H4zM4 10h16M8 3v5M16 3v5";
const BOOKING_ICON: &str = "M9 11l2 2 4-4M4 4h16v17H4zM8 2v4M16 2v4";
const PERSON_ICON: &str = "M12 12a4 4 0 100-8 4 4 0 000 8zM4 21c0-4 4-6 8-6s8 2 8 6";

/// Renders the last tab: the workbench when logged in, else the login page.
#[component]
fn AccountTab() -> impl IntoView {
    let accounts = &use_texts().accounts;
    let context = crate::accounts::pages::guard::use_user_context();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let logged_in = matches!(context.user.await, Ok(Some(_)));
                if logged_in {
                    view! { <A href="/workbench">{icon(PERSON_ICON)} <span>{accounts.workbench}</span></A> }.into_any()
                } else {
                    view! { <A href="/login">{icon(PERSON_ICON)} <span>{accounts.logged_out_nav}</span></A> }.into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = &use_texts().shell;
    let locale = use_locale();
    let location = use_location();

    // `/lang` sets the cookie and sends the user back to the same page.
    let switch_href = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        let back = if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        };
        format!("/lang?to={}&back={}", locale.other().code(), urlencode(&back))
    };

    view! {
        <a class="skip-link" href="#main">
            {t.skip_to_content}
        </a>
        <header class="site-header">
            <a class="brand" href="/">
                <img src="/icons/icon.svg" alt="" width="32" height="32" />
                <span class="brand__name">{t.app_name}</span>
            </a>
            <nav class="main-nav" aria-label=t.nav_label>
                <A href="/" exact=true>
                    {icon(HOME_ICON)}
                    <span>{t.nav_home}</span>
                </A>
                <A href="/resources">{icon(RESOURCES_ICON)} <span>{use_texts().resources.nav_resources}</span></A>
                <A href="/regions">{icon(REGIONS_ICON)} <span>{t.nav_regions}</span></A>
                <A href="/calendar">{icon(CALENDAR_ICON)} <span>{t.nav_calendar}</span></A>
                <A href="/my/bookings">{icon(BOOKING_ICON)} <span>{use_texts().booking.nav}</span></A>
                <AccountTab />
            </nav>
            <a
                class="lang-switch"
                href=switch_href
                rel="external"
                hreflang=locale.other().html_lang()
                lang=locale.other().html_lang()
                aria-label=t.switch_language_label
            >
                {t.switch_language}
            </a>
        </header>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t.footer}</p>
        </footer>
    }
}

/// Percent-encodes a path for use as a query value.
pub fn urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencode_escapes_query_characters() {
        assert_eq!(
            urlencode("/regions?region=110101&x=1"),
            "/regions%3Fregion%3D110101%26x%3D1"
        );
        assert_eq!(urlencode("/地区"), "/%E5%9C%B0%E5%8C%BA");
    }
}
