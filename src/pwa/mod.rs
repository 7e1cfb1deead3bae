//! Installable web app: the service worker registration on the client. The
//! manifest and icons are static files under `public/`; the server fills in
//! and serves the worker script (`server::assets::service_worker`).

/// The worker template; the server replaces `__VERSION__` and `__PRECACHE__`.
#[cfg(feature = "ssr")]
pub const SERVICE_WORKER_TEMPLATE: &str = include_str!("service-worker.js");

/// Registers `/sw.js` where the browser supports service workers (secure
/// contexts only: HTTPS or localhost).
#[cfg(feature = "hydrate")]
pub fn register_service_worker() {
    use wasm_bindgen::JsValue;

    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let supported = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    if !supported {
        return;
    }

    let promise = navigator.service_worker().register("/sw.js");
    let on_error = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(|err: JsValue| {
        web_sys::console::warn_2(&JsValue::from_str("service worker registration failed"), &err);
    });
    let _ = promise.catch(&on_error);
    // The page lives as long as the registration; the closure must too.
    on_error.forget();
}

/// Asks the service worker to drop cached pages, so nothing personal stays
/// on a shared device after logging out. Does nothing on the server.
pub fn clear_cached_pages() {
    #[cfg(feature = "hydrate")]
    {
        let Some(window) = web_sys::window() else {
            return;
        };
        let navigator = window.navigator();
        let supported =
            js_sys::Reflect::has(&navigator, &wasm_bindgen::JsValue::from_str("serviceWorker")).unwrap_or(false);
        if !supported {
            return;
        }
        if let Some(worker) = navigator.service_worker().controller() {
            let _ = worker.post_message(&wasm_bindgen::JsValue::from_str("clear-pages"));
        }
    }
}

/// Asks the service worker to keep a copy of the page at `path`, so that
/// it opens offline even when it was reached by a client-side link (which
/// the worker does not see). The worker accepts only booking pages. Does
/// nothing on the server.
pub fn keep_page_offline(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let Some(window) = web_sys::window() else {
            return;
        };
        let navigator = window.navigator();
        let supported =
            js_sys::Reflect::has(&navigator, &wasm_bindgen::JsValue::from_str("serviceWorker")).unwrap_or(false);
        if !supported {
            return;
        }
        if let Some(worker) = navigator.service_worker().controller() {
            let _ = worker.post_message(&wasm_bindgen::JsValue::from_str(&format!("cache-page:{path}")));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}
