//! A short-lived cache of the public directory page (`GET /resources`) for
//! visitors without a session, like a reverse proxy's micro-cache. The
//! same search from many visitors (a teacher's class, a shared link, the
//! first page of the list) is rendered once every few seconds instead of
//! on every request.
//!
//! An entry is used only while the search index has not changed since it
//! was rendered and on the same China date. After [`TTL`] one request
//! renders the page again while the others still get the older copy, so
//! 64 waiting clients do not all render at once. Each copy sent gets a
//! fresh CSP nonce, so cached pages never share one. Requests
//! with any cookie other than the language choice are not cached, because
//! the page then may show the user's name or a form message.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;

use crate::calendar::time::china_today;
use crate::i18n::{LOCALE_COOKIE, locale_from_headers};
use crate::server::headers::PageNonce;
use crate::server::state::AppState;

/// How long a rendered page may be reused.
pub const TTL: Duration = Duration::from_secs(10);
/// How long one request may take to refresh an entry before another may.
const REFRESH_CLAIM: Duration = Duration::from_secs(5);
/// Entries kept at most; a full cache is emptied, not evicted one by one.
const MAX_ENTRIES: usize = 512;
/// Largest page body read into the cache; directory pages are far smaller.
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// The cached path.
const PATH: &str = "/resources";

struct Entry {
    generation: u64,
    date: NaiveDate,
    stored_at: Instant,
    nonce: String,
    body: Bytes,
    /// When a request took on rendering the expired entry again.
    refreshing_since: Option<Instant>,
}

/// The result of a cache lookup.
enum Lookup {
    /// A copy to send, with the nonce it was rendered with.
    Hit(String, Bytes),
    /// Nothing usable: render the page, and store it.
    Render,
}

/// The cached directory pages, by locale and query string.
#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<String, Entry>>,
}

impl PageCache {
    fn lookup(&self, key: &str, generation: u64, date: NaiveDate) -> Lookup {
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(entry) = entries.get_mut(key) else {
            return Lookup::Render;
        };
        if entry.generation != generation || entry.date != date {
            return Lookup::Render;
        }
        if entry.stored_at.elapsed() >= TTL {
            let claimed = entry
                .refreshing_since
                .is_some_and(|since| since.elapsed() < REFRESH_CLAIM);
            if !claimed {
                entry.refreshing_since = Some(Instant::now());
                return Lookup::Render;
            }
        }
        Lookup::Hit(entry.nonce.clone(), entry.body.clone())
    }

    fn store(&self, key: String, entry: Entry) {
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, entry);
    }
}

/// Checks whether the cache may serve the request: a plain GET of the
/// directory with no cookie but the language choice.
fn cacheable(request: &Request) -> bool {
    if request.method() != Method::GET || request.uri().path() != PATH {
        return false;
    }
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .all(|(name, _)| name == LOCALE_COOKIE)
}

/// Returns a copy of `body` with every `old` nonce replaced by `new`.
pub fn renonce(body: &[u8], old: &str, new: &str) -> Vec<u8> {
    if old.is_empty() {
        return body.to_vec();
    }
    let mut out = Vec::with_capacity(body.len());
    let mut copied = 0;
    for at in memchr::memmem::find_iter(body, old.as_bytes()) {
        out.extend_from_slice(&body[copied..at]);
        out.extend_from_slice(new.as_bytes());
        copied = at + old.len();
    }
    out.extend_from_slice(&body[copied..]);
    out
}

/// Draws a new nonce: 16 random bytes, URL-safe base64 without padding.
fn new_nonce() -> String {
    use base64::Engine as _;
    let bytes: [u8; 16] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn html(body: Vec<u8>) -> Response {
    let mut response = (StatusCode::OK, Body::from(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    response
}

/// Serves the directory page from the cache, or renders it and keeps a copy.
pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !cacheable(&request) {
        return next.run(request).await;
    }
    let Some(slot) = request.extensions().get::<PageNonce>().cloned() else {
        return next.run(request).await;
    };
    let locale = locale_from_headers(request.headers());
    let key = format!("{}?{}", locale.html_lang(), request.uri().query().unwrap_or_default());
    let generation = state.search.generation();
    let date = china_today();

    if let Lookup::Hit(old, body) = state.page_cache.lookup(&key, generation, date) {
        let nonce = new_nonce();
        let body = renonce(&body, &old, &nonce);
        slot.set(nonce);
        return html(body);
    }

    let response = next.run(request).await;
    let storable = response.status() == StatusCode::OK && !response.headers().contains_key(header::SET_COOKIE);
    let Some(nonce) = slot.get().filter(|_| storable) else {
        return response;
    };
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(error = %error, "reading the rendered directory page failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    state.page_cache.store(
        key,
        Entry {
            generation,
            date,
            stored_at: Instant::now(),
            nonce,
            body: body.clone(),
            refreshing_since: None,
        },
    );
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renonce_replaces_every_copy() {
        let body = b"<script nonce=\"abc\">x</script><link crossorigin=\"abc\">";
        let out = renonce(body, "abc", "XYZ9");
        assert_eq!(
            out,
            b"<script nonce=\"XYZ9\">x</script><link crossorigin=\"XYZ9\">".to_vec()
        );
        assert_eq!(renonce(b"no nonce here", "abc", "XYZ9"), b"no nonce here".to_vec());
    }

    #[test]
    fn nonces_differ_and_are_url_safe() {
        let (a, b) = (new_nonce(), new_nonce());
        assert_ne!(a, b);
        assert_eq!(a.len(), 22);
        assert!(
            a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "{a}"
        );
    }

    #[test]
    fn only_anonymous_directory_gets_are_cacheable() {
        let get = |uri: &str, cookie: Option<&str>| {
            let mut builder = Request::builder().uri(uri);
            if let Some(cookie) = cookie {
                builder = builder.header(header::COOKIE, cookie);
            }
            builder.body(Body::empty()).expect("request")
        };
        assert!(cacheable(&get("/resources?q=kjg", None)));
        assert!(cacheable(&get("/resources", Some(&format!("{LOCALE_COOKIE}=en")))));
        assert!(!cacheable(&get("/resources", Some("xieyu_session=abc"))));
        assert!(!cacheable(&get("/resources/3", None)));
        let post = Request::builder()
            .method(Method::POST)
            .uri("/resources")
            .body(Body::empty())
            .expect("request");
        assert!(!cacheable(&post));
    }

    #[test]
    fn stale_entries_are_not_used() {
        let cache = PageCache::default();
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        let entry = |generation, stored_at| Entry {
            generation,
            date: today,
            stored_at,
            nonce: "n".into(),
            body: Bytes::from_static(b"page"),
            refreshing_since: None,
        };
        let hit = |lookup: Lookup| matches!(lookup, Lookup::Hit(..));
        cache.store("zh-CN?q=kjg".into(), entry(3, Instant::now()));
        assert!(hit(cache.lookup("zh-CN?q=kjg", 3, today)));
        assert!(!hit(cache.lookup("zh-CN?q=kjg", 4, today)), "index changed");
        let tomorrow = today.succ_opt().expect("date");
        assert!(!hit(cache.lookup("zh-CN?q=kjg", 3, tomorrow)), "new day");
        assert!(!hit(cache.lookup("en?q=kjg", 3, today)), "other locale");
    }

    #[test]
    fn one_request_refreshes_an_expired_entry() {
        let cache = PageCache::default();
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        let expired = Instant::now()
            .checked_sub(TTL + Duration::from_secs(1))
            .expect("instant");
        cache.store(
            "zh-CN?".into(),
            Entry {
                generation: 1,
                date: today,
                stored_at: expired,
                nonce: "n".into(),
                body: Bytes::from_static(b"page"),
                refreshing_since: None,
            },
        );
        assert!(
            matches!(cache.lookup("zh-CN?", 1, today), Lookup::Render),
            "first renders"
        );
        assert!(
            matches!(cache.lookup("zh-CN?", 1, today), Lookup::Hit(..)),
            "others get the copy"
        );
        assert!(
            matches!(cache.lookup("zh-CN?", 2, today), Lookup::Render),
            "not after a change"
        );
    }
}
