//! Cross-site request forgery check: a state-changing request must come
//! from this site. Its `Origin` header (or, without one, the origin of its
//! `Referer`) must equal the site's origin: `server.public_origin` when set,
//! else the scheme and `Host` of the request itself. Plain form posts
//! without JavaScript carry `Origin` too, so they are covered.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::state::AppState;

fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}").to_ascii_lowercase())
}

/// The origin this request was addressed to.
fn site_origin(request: &Request, public_origin: Option<&str>, trust_proxy: bool) -> Option<String> {
    if let Some(origin) = public_origin {
        return Some(origin.to_ascii_lowercase());
    }
    let host = request.headers().get(header::HOST)?.to_str().ok()?;
    let forwarded_https =
        trust_proxy && request.headers().get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https");
    let scheme = if forwarded_https { "https" } else { "http" };
    Some(format!("{scheme}://{host}").to_ascii_lowercase())
}

/// Whether `method` may change state and therefore needs the check.
fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

pub async fn check_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !changes_state(request.method()) {
        return next.run(request).await;
    }

    let sent = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|v| *v != "null")
        .and_then(origin_of)
        .or_else(|| {
            request
                .headers()
                .get(header::REFERER)
                .and_then(|v| v.to_str().ok())
                .and_then(origin_of)
        });
    let expected = site_origin(
        &request,
        state.settings.server.public_origin.as_deref(),
        state.settings.server.trust_proxy,
    );

    match (sent, expected) {
        (Some(sent), Some(expected)) if sent == expected => next.run(request).await,
        (sent, expected) => {
            tracing::warn!(
                method = %request.method(),
                path = %request.uri().path(),
                origin = sent.as_deref().unwrap_or("none"),
                expected = expected.as_deref().unwrap_or("none"),
                "cross-site request rejected"
            );
            (
                StatusCode::FORBIDDEN,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "请求来源不是本站，已拒绝。请从本站页面重新操作。\nThe request did not come from this site and was rejected; try again from the site's own page.\n",
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_and_host() {
        assert_eq!(
            origin_of("http://127.0.0.1:3000/login?x=1").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(
            origin_of("https://XieYu.example.cn").as_deref(),
            Some("https://xieyu.example.cn")
        );
        assert_eq!(origin_of("not a url"), None);
    }

    #[test]
    fn only_unsafe_methods_are_checked() {
        assert!(changes_state(&Method::POST));
        assert!(changes_state(&Method::DELETE));
        assert!(!changes_state(&Method::GET));
    }
}
