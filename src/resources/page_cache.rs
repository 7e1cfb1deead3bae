//! A short-lived cache of the public directory page (`GET /resources`) for
//! visitors without a session, like a reverse proxy's micro-cache. The
//! same search from many visitors (a teacher's class, a shared link, the
//! first page of the list) is rendered once every few seconds instead of
//! on every request.
//!
//! An entry is used only while the search index has not changed since it
//! was rendered and on the same China date. After [`TTL`] one request
//! renders the page again while the others still get the older copy. With
//! no copy at all, the others wait for that one render, so 64 clients
//! asking at once do not all render the same page. Each copy sent gets a
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
use tokio::sync::watch;

use crate::calendar::time::china_today;
use crate::i18n::{LOCALE_COOKIE, locale_from_headers};
use crate::server::headers::PageNonce;
use crate::server::state::AppState;

/// How long a rendered page may be reused.
pub const TTL: Duration = Duration::from_secs(10);
/// How long one request may take to render a page before another may.
const RENDER_CLAIM: Duration = Duration::from_secs(5);
/// How long a request with no copy to send waits for another request's
/// render of the same page before it renders the page itself.
const WAIT_FOR_RENDER: Duration = Duration::from_secs(3);
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
}

/// A request rendering a page. Its sender is dropped when the render ends
/// (stored or not, or the request cancelled), which wakes the waiters.
struct Claim {
    since: Instant,
    done: watch::Receiver<()>,
}

impl Claim {
    fn is_live(&self, now: Instant) -> bool {
        now.duration_since(self.since) < RENDER_CLAIM && self.done.has_changed().is_ok()
    }
}

/// The cached copy of one page, and the request rendering it, if any.
#[derive(Default)]
struct Slot {
    entry: Option<Entry>,
    claim: Option<Claim>,
}

/// The result of a cache lookup.
enum Lookup {
    /// A copy to send, with the nonce it was rendered with.
    Hit(String, Bytes),
    /// Nothing usable: render the page, and store it. The sender is held
    /// while rendering.
    Render(watch::Sender<()>),
    /// Another request is rendering the page, and there is no copy to send
    /// meanwhile: wait for it.
    Wait(watch::Receiver<()>),
}

/// The cached directory pages, by locale and query string.
#[derive(Default)]
pub struct PageCache {
    slots: Mutex<HashMap<String, Slot>>,
}

impl PageCache {
    /// Looks up a page. One request at a time renders a page that has no
    /// usable copy. Meanwhile the others get the older copy if it is only
    /// expired. If there is none (first request, or the index changed),
    /// they wait.
    fn lookup(&self, key: &str, generation: u64, date: NaiveDate, now: Instant) -> Lookup {
        let mut slots = self.slots.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if slots.len() >= MAX_ENTRIES && !slots.contains_key(key) {
            slots.clear();
        }
        let slot = slots.entry(key.to_owned()).or_default();
        let usable = slot
            .entry
            .as_ref()
            .filter(|entry| entry.generation == generation && entry.date == date);
        let claimed = slot.claim.as_ref().filter(|claim| claim.is_live(now));
        match (usable, claimed) {
            (Some(entry), claim) if claim.is_some() || now.duration_since(entry.stored_at) < TTL => {
                Lookup::Hit(entry.nonce.clone(), entry.body.clone())
            }
            (None, Some(claim)) => Lookup::Wait(claim.done.clone()),
            _ => {
                let (done, receiver) = watch::channel(());
                slot.claim = Some(Claim {
                    since: now,
                    done: receiver,
                });
                Lookup::Render(done)
            }
        }
    }

    fn store(&self, key: &str, entry: Entry) {
        let mut slots = self.slots.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let slot = slots.entry(key.to_owned()).or_default();
        slot.entry = Some(entry);
        slot.claim = None;
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

    // Wait at most once for another request's render. A second Wait renders.
    let mut waited = false;
    let claim = loop {
        match state.page_cache.lookup(&key, generation, date, Instant::now()) {
            Lookup::Hit(old, body) => {
                let nonce = new_nonce();
                let body = renonce(&body, &old, &nonce);
                slot.set(nonce);
                return html(body);
            }
            Lookup::Wait(mut done) if !waited => {
                waited = true;
                // Woken when the render ends, whatever its outcome.
                let _ = tokio::time::timeout(WAIT_FOR_RENDER, done.changed()).await;
            }
            Lookup::Wait(_) => break None,
            Lookup::Render(claim) => break Some(claim),
        }
    };

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
        &key,
        Entry {
            generation,
            date,
            stored_at: Instant::now(),
            nonce,
            body: body.clone(),
        },
    );
    drop(claim);
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

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 5).expect("date")
    }

    fn entry(generation: u64, stored_at: Instant) -> Entry {
        Entry {
            generation,
            date: today(),
            stored_at,
            nonce: "n".into(),
            body: Bytes::from_static(b"page"),
        }
    }

    /// Stores a page the way a request does: claim, then store.
    fn fill(cache: &PageCache, key: &str, stored: Entry) {
        let claim = cache.lookup(key, stored.generation, stored.date, Instant::now());
        assert!(matches!(claim, Lookup::Render(_)), "an empty slot is rendered");
        cache.store(key, stored);
    }

    #[test]
    fn stale_entries_are_not_used() {
        let cache = PageCache::default();
        let now = Instant::now();
        let hit = |lookup: Lookup| matches!(lookup, Lookup::Hit(..));
        fill(&cache, "zh-CN?q=kjg", entry(3, now));
        assert!(hit(cache.lookup("zh-CN?q=kjg", 3, today(), now)));
        assert!(!hit(cache.lookup("zh-CN?q=kjg", 4, today(), now)), "index changed");
        let tomorrow = today().succ_opt().expect("date");
        assert!(!hit(cache.lookup("zh-CN?q=kjg", 3, tomorrow, now)), "new day");
        assert!(!hit(cache.lookup("en?q=kjg", 3, today(), now)), "other locale");
    }

    #[test]
    fn one_request_refreshes_an_expired_entry() {
        let cache = PageCache::default();
        let now = Instant::now();
        fill(&cache, "zh-CN?", entry(1, now));
        let later = now + TTL + Duration::from_secs(1);
        let first = cache.lookup("zh-CN?", 1, today(), later);
        assert!(matches!(first, Lookup::Render(_)), "first renders");
        assert!(
            matches!(cache.lookup("zh-CN?", 1, today(), later), Lookup::Hit(..)),
            "others get the copy"
        );
        drop(first);
        assert!(
            matches!(cache.lookup("zh-CN?", 1, today(), later), Lookup::Render(_)),
            "a render that ended without storing frees the page"
        );
    }

    #[test]
    fn without_a_copy_others_wait_for_the_render() {
        let cache = PageCache::default();
        let now = Instant::now();
        let Lookup::Render(claim) = cache.lookup("zh-CN?q=kjg", 7, today(), now) else {
            panic!("the first request renders");
        };
        let Lookup::Wait(done) = cache.lookup("zh-CN?q=kjg", 7, today(), now) else {
            panic!("the second waits");
        };
        assert!(
            matches!(cache.lookup("zh-CN?q=kjg", 8, today(), now), Lookup::Wait(_)),
            "also after the index changed"
        );
        cache.store("zh-CN?q=kjg", entry(7, now));
        drop(claim);
        assert!(done.has_changed().is_err(), "the waiter is woken");
        assert!(matches!(cache.lookup("zh-CN?q=kjg", 7, today(), now), Lookup::Hit(..)));

        let stuck = now + RENDER_CLAIM + Duration::from_secs(1);
        let Lookup::Render(_slow) = cache.lookup("zh-CN?q=kjg", 8, today(), now) else {
            panic!("a changed index needs a render");
        };
        assert!(
            matches!(cache.lookup("zh-CN?q=kjg", 8, today(), stuck), Lookup::Render(_)),
            "a render taking too long no longer holds the others"
        );
    }
}
