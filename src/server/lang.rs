//! `GET /lang?to=en&back=/path`: stores the chosen locale in a cookie and
//! returns to the page. A plain link, so it works without JavaScript.

use axum::extract::Query;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::i18n::{LOCALE_COOKIE, Locale};

#[derive(Debug, Deserialize)]
pub struct LangQuery {
    to: Option<String>,
    back: Option<String>,
}

/// One year, in seconds.
const COOKIE_MAX_AGE: u32 = 365 * 24 * 3600;

pub async fn switch(Query(query): Query<LangQuery>) -> Response {
    let locale = Locale::from_tag(query.to.as_deref().unwrap_or("zh"));
    let back = safe_back(query.back.as_deref());

    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax",
        locale.code()
    );
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&back) {
        headers.insert(header::LOCATION, value);
    }
    response
}

/// Accepts only a path on this site, so the link cannot send users
/// elsewhere (an open redirect).
fn safe_back(back: Option<&str>) -> String {
    match back {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.contains(['\r', '\n']) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_must_be_local_path() {
        assert_eq!(safe_back(Some("/regions/110000?x=1")), "/regions/110000?x=1");
        assert_eq!(safe_back(Some("//evil.example/")), "/");
        assert_eq!(safe_back(Some("https://evil.example/")), "/");
        assert_eq!(safe_back(Some("/\\evil.example")), "/");
        assert_eq!(safe_back(None), "/");
    }
}
