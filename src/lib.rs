//! XieYu (协育): a cooperation platform between primary and secondary schools
//! and out-of-school education providers, run by a regional education bureau.
//!
//! One crate builds both sides: with the `ssr` feature the axum server, with
//! `hydrate` the WASM client. Modules are organised by feature; server-only
//! code sits behind `cfg(feature = "ssr")`.

mod vocabulary;

pub mod accounts;
pub mod app;
pub mod booking;
pub mod calendar;
pub mod census;
pub mod error;
pub mod forms;
pub mod geo;
pub mod i18n;
pub mod pwa;
pub mod regions;
pub mod resources;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod server;

/// Entry point of the WASM client: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);

    // Marks the page as interactive; browser tests wait for it.
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = body.set_attribute("data-hydrated", "");
    }
    pwa::register_service_worker();
}
