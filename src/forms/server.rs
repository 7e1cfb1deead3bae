//! Server half of the flash: remembering values during a server function,
//! writing the cookie on error, reading it back when the page renders.

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::{HeaderValue, Method, header};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use super::{FLASH_COOKIE, FLASH_MAX_AGE, FLASH_MAX_BYTES, FormFlash};
use crate::error::AppError;
use crate::i18n::Text;

/// Longest value kept per field, in characters.
const MAX_VALUE_CHARS: usize = 300;

#[derive(Clone, Default)]
struct Remembered(Arc<Mutex<Vec<(String, String)>>>);

/// Keeps submitted values (never passwords) for the flash, in case the
/// server function fails.
pub fn remember(values: &[(&str, String)]) {
    let remembered = use_context::<Remembered>().unwrap_or_else(|| {
        let fresh = Remembered::default();
        provide_context(fresh.clone());
        fresh
    });
    if let Ok(mut list) = remembered.0.lock() {
        list.extend(
            values
                .iter()
                .map(|(name, value)| ((*name).to_owned(), value.chars().take(MAX_VALUE_CHARS).collect())),
        );
    }
}

/// Whether this request is a form posted by a browser without JavaScript
/// (the client's `fetch` does not ask for HTML).
pub fn is_plain_form_post() -> bool {
    plain_form_post().is_some()
}

/// The parts of a plain form post, if this request is one.
pub(super) fn plain_form_post() -> Option<http::request::Parts> {
    let parts = use_context::<http::request::Parts>()?;
    let wants_html = parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    (parts.method == Method::POST && wants_html).then_some(parts)
}

fn write(flash: FormFlash) {
    let Some(response) = use_context::<ResponseOptions>() else {
        return;
    };
    let mut flash = flash;
    let mut encoded = encode(&flash);
    if encoded.len() > FLASH_MAX_BYTES {
        // Too much typed text for a cookie: keep the message, drop values.
        flash.values.clear();
        encoded = encode(&flash);
    }
    let cookie = format!("{FLASH_COOKIE}={encoded}; Path=/; HttpOnly; SameSite=Lax; Max-Age={FLASH_MAX_AGE}");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.append_header(header::SET_COOKIE, value);
    }
}

fn encode(flash: &FormFlash) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(flash).unwrap_or_default())
}

fn remembered_values() -> Vec<(String, String)> {
    use_context::<Remembered>()
        .and_then(|r| r.0.lock().ok().map(|list| list.clone()))
        .unwrap_or_default()
}

/// Stores the error of a plain form post for the page after the redirect.
pub fn flash_error(error: &AppError) {
    let Some(parts) = plain_form_post() else {
        return;
    };
    write(FormFlash {
        action: parts.uri.path().to_owned(),
        error: Some(error.clone()),
        notice: None,
        values: remembered_values(),
    });
}

/// Stores a success message of a plain form post.
pub fn flash_notice(notice: Text) {
    let Some(parts) = plain_form_post() else {
        return;
    };
    write(FormFlash {
        action: parts.uri.path().to_owned(),
        error: None,
        notice: Some(notice),
        values: Vec::new(),
    });
}

/// Stores a success message of a plain form post with `values` that tell
/// the page which of several forms of one action it belongs to (for
/// example the session id of a booking form). The values do not refill the
/// fields, because the form posted successfully.
pub fn flash_notice_for(notice: Text, values: &[(&str, String)]) {
    let Some(parts) = plain_form_post() else {
        return;
    };
    write(FormFlash {
        action: parts.uri.path().to_owned(),
        error: None,
        notice: Some(notice),
        values: values
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.clone()))
            .collect(),
    });
}

/// Reads the flash for `action` from the request and clears the cookie.
pub(super) fn take_flash(action: &str) -> Option<FormFlash> {
    let parts = use_context::<http::request::Parts>()?;
    let encoded = parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == FLASH_COOKIE)
        .map(|(_, value)| value.to_owned())?;

    let flash: FormFlash = URL_SAFE_NO_PAD
        .decode(encoded)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())?;
    if flash.action != action {
        return None;
    }

    if let Some(response) = use_context::<ResponseOptions>() {
        let clear = format!("{FLASH_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
        if let Ok(value) = HeaderValue::from_str(&clear) {
            response.append_header(header::SET_COOKIE, value);
        }
    }
    Some(flash)
}
