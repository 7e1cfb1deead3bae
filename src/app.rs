//! The root component, the route table and the HTML document shell.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::accounts::pages::account::AccountPage;
use crate::accounts::pages::audit_log::AuditLogPage;
use crate::accounts::pages::guard::provide_user_context;
use crate::accounts::pages::login::LoginPage;
use crate::accounts::pages::members::MembersPage;
use crate::accounts::pages::my_org::MyOrganisationPage;
use crate::accounts::pages::officers::OfficersPage;
use crate::accounts::pages::password::ChangePasswordPage;
use crate::accounts::pages::register::RegisterPage;
use crate::accounts::pages::review::{ReviewDetailPage, ReviewQueuePage};
use crate::accounts::pages::workbench::WorkbenchPage;
use crate::booking::pages::bureau::{LotteriesPage, QuotasPage};
use crate::booking::pages::detail::BookingDetailPage;
use crate::booking::pages::lists::{MyBookingsPage, SchoolBookingsPage};
use crate::booking::pages::notifications::NotificationsPage;
use crate::booking::pages::provider::{CheckinPage, ProviderBookingsPage};
use crate::booking::pages::sessions::SessionsPage;
use crate::calendar::page::CalendarPage;
use crate::census::pages::result::CensusResultPage;
use crate::census::pages::upload::CensusUploadPage;
use crate::i18n::provide_locale;
use crate::regions::page::RegionsPage;
use crate::resources::pages::detail::ResourceDetailPage;
use crate::resources::pages::directory::DirectoryPageView;
use crate::resources::pages::editor::{EditResourcePage, NewResourcePage};
use crate::resources::pages::programmes::ProgrammesPage;
use crate::resources::pages::provider_list::ProviderResourcesPage;
use crate::resources::pages::review::{ResourceQueuePage, ResourceReviewPage};
use crate::resources::pages::stats::ResourceStatsPage;
use crate::resources::photos::page::PhotosPage;
use crate::shell::home::HomePage;
use crate::shell::layout::Layout;
use crate::shell::not_found::NotFound;

/// The HTML document around the app, rendered on the server only.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use crate::server::assets::asset_names;
    use leptos_meta::{MetaTags, Stylesheet};

    // A fresh nonce for this page. The security headers middleware builds
    // the page's CSP from it.
    leptos::nonce::provide_nonce();
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string()).unwrap_or_default();
    let parts = use_context::<http::request::Parts>();
    if let Some(slot) = parts
        .as_ref()
        .and_then(|parts| parts.extensions.get::<crate::server::headers::PageNonce>())
    {
        slot.set(nonce);
    }

    let locale = parts
        .map(|parts| crate::i18n::locale_from_headers(&parts.headers))
        .unwrap_or_default();
    let css = format!("/pkg/{}", asset_names().css);

    view! {
        <!DOCTYPE html>
        <html lang=locale.html_lang()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
                <meta name="color-scheme" content="light dark" />
                <meta name="theme-color" content="#0f6e5a" media="(prefers-color-scheme: light)" />
                <meta name="theme-color" content="#0d1f1a" media="(prefers-color-scheme: dark)" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <Stylesheet id="app-css" href=css />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = provide_locale();
    provide_user_context();
    let app_name = locale.texts().shell.app_name;

    view! {
        <Title formatter=move |text: String| {
            if text.is_empty() || text.starts_with(app_name) { text } else { format!("{text} · {app_name}") }
        } />
        <Meta name="application-name" content=app_name />
        <Link rel="preload" href="/icons/icon.svg" as_="image" />
        <Router>
            <Layout>
                <ErrorBoundary fallback=|_errors| view! { <ErrorPage /> }>
                    // Every route renders completely on the server (SsrMode::Async), so
                    // pages work without JavaScript.
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/regions") view=RegionsPage ssr=SsrMode::Async />
                        <Route path=path!("/regions/:code") view=RegionsPage ssr=SsrMode::Async />
                        <Route path=path!("/calendar") view=CalendarPage ssr=SsrMode::Async />
                        <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                        <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async />
                        <Route path=path!("/workbench") view=WorkbenchPage ssr=SsrMode::Async />
                        <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                        <Route path=path!("/account/password") view=ChangePasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/my/organisation") view=MyOrganisationPage ssr=SsrMode::Async />
                        <Route path=path!("/org/members") view=MembersPage ssr=SsrMode::Async />
                        <Route path=path!("/bureau/review") view=ReviewQueuePage ssr=SsrMode::Async />
                        <Route path=path!("/bureau/review/:id") view=ReviewDetailPage ssr=SsrMode::Async />
                        <Route path=path!("/bureau/audit-log") view=AuditLogPage ssr=SsrMode::Async />
                        <Route path=path!("/bureau/officers") view=OfficersPage ssr=SsrMode::Async />
                        <Route path=path!("/resources") view=DirectoryPageView ssr=SsrMode::Async />
                        <Route path=path!("/resources/:id") view=ResourceDetailPage ssr=SsrMode::Async />
                        <Route path=path!("/provider/resources") view=ProviderResourcesPage ssr=SsrMode::Async />
                        <Route path=path!("/provider/resources/new") view=NewResourcePage ssr=SsrMode::Async />
                        <Route path=path!("/provider/resources/:id") view=EditResourcePage ssr=SsrMode::Async />
                        <Route
                            path=path!("/provider/resources/:id/programmes")
                            view=ProgrammesPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/bureau/resources") view=ResourceQueuePage ssr=SsrMode::Async />
                        <Route path=path!("/bureau/resources/stats") view=ResourceStatsPage ssr=SsrMode::Async />
                        <Route path=path!("/bureau/resources/:id") view=ResourceReviewPage ssr=SsrMode::Async />
                        <Route path=path!("/provider/census") view=CensusUploadPage ssr=SsrMode::Async />
                        <Route path=path!("/provider/census/:token") view=CensusResultPage ssr=SsrMode::Async />
                        <Route path=path!("/provider/resources/:id/photos") view=PhotosPage ssr=SsrMode::Async />
                        <Route path=path!("/programmes/:id/sessions") view=SessionsPage ssr=SsrMode::Async />
                        <Route path=path!("/my/bookings") view=MyBookingsPage ssr=SsrMode::Async />
                        <Route path=path!("/my/bookings/:id") view=BookingDetailPage ssr=SsrMode::Async />
                        <Route path=path!("/school/bookings") view=SchoolBookingsPage ssr=SsrMode::Async />
                        <Route path=path!("/provider/bookings") view=ProviderBookingsPage ssr=SsrMode::Async />
                        <Route path=path!("/provider/checkin") view=CheckinPage ssr=SsrMode::Async />
                        <Route path=path!("/checkin/:code") view=CheckinPage ssr=SsrMode::Async />
                        <Route path=path!("/bureau/quotas") view=QuotasPage ssr=SsrMode::Async />
                        <Route path=path!("/bureau/lotteries") view=LotteriesPage ssr=SsrMode::Async />
                        <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async />
                    </Routes>
                </ErrorBoundary>
            </Layout>
        </Router>
    }
}

/// Shown by the error boundary when a part of a page fails to render.
#[component]
fn ErrorPage() -> impl IntoView {
    let t = &crate::i18n::use_texts().shell;
    view! {
        <section class="card empty-state" role="alert">
            <h1>{t.error_title}</h1>
            <p>{t.error_text}</p>
            <a class="button" href="/">
                {t.back_home}
            </a>
        </section>
    }
}
