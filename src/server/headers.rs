//! Security headers on every response.

use std::sync::{Arc, OnceLock};

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// Policy for responses that are not pages (API answers, files): nothing may
/// load from them and no site may frame them.
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Policy of a server-rendered page. Scripts must come from this site or
/// carry the per-response nonce (the inline hydration script does);
/// `'wasm-unsafe-eval'` lets the browser compile the WASM client.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
         worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Policy of `/sw.js`: a worker's own CSP governs what it may fetch.
pub const WORKER_CSP: &str = "default-src 'self'; frame-ancestors 'none'";

/// The nonce of a server-rendered page, put into the request's extensions
/// by [`security_headers`] and filled in by the page shell. The page's CSP
/// header is built from it here, not through Leptos's `ResponseOptions`.
/// In one browser test run, two page responses came without the header
/// set that way, so the browser blocked the page's scripts.
#[derive(Clone, Default)]
pub struct PageNonce(Arc<OnceLock<String>>);

impl PageNonce {
    /// Records the nonce the page's inline scripts carry.
    pub fn set(&self, nonce: String) {
        // One request renders one page, so the first nonce is the page's.
        let _ = self.0.set(nonce);
    }

    /// Returns the recorded nonce, once the page has been rendered.
    pub fn get(&self) -> Option<String> {
        self.0.get().cloned()
    }
}

/// Adds the security headers that a handler did not set itself, and the
/// page CSP with its nonce to a server-rendered page.
pub async fn security_headers(mut request: Request, next: Next) -> Response {
    let page_nonce = PageNonce::default();
    request.extensions_mut().insert(page_nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();

    let page_policy = page_nonce
        .0
        .get()
        .and_then(|nonce| HeaderValue::from_str(&page_csp(nonce)).ok());
    match page_policy {
        Some(policy) => {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        None => {
            headers
                .entry(header::CONTENT_SECURITY_POLICY)
                .or_insert(HeaderValue::from_static(DEFAULT_CSP));
        }
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(self), geolocation=(self), microphone=(), payment=()"),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}
