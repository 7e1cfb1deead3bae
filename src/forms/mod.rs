//! Forms that work with and without JavaScript.
//!
//! With JavaScript, an `ActionForm` calls its server function with `fetch`
//! and the page shows the returned error beside the fields. Without it, the
//! browser posts the form and Leptos redirects back to the page, which
//! would lose the typed values (server_fn puts the error itself into the
//! redirect URL as `__err`, which `ServerAction` reads back). So for a
//! plain form post the server also stores the error, the values and any
//! success notice in a short-lived `xieyu_flash` cookie, and the page reads
//! (and clears) it when it renders. Passwords are never stored.

mod field;
mod file;

pub use field::{Field, FormAlert, FormNotice, FormState, SelectField};
pub use file::{FileField, UploadProblemNotice};

use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::Text;

pub const FLASH_COOKIE: &str = "xieyu_flash";

/// Seconds the flash cookie lives; it only has to survive one redirect.
#[cfg(feature = "ssr")]
const FLASH_MAX_AGE: u32 = 60;

/// Cap on the encoded flash, below the 4 KiB browsers allow a cookie.
#[cfg(feature = "ssr")]
const FLASH_MAX_BYTES: usize = 3500;

/// Outcome of a form posted without JavaScript, for the page after the
/// redirect.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFlash {
    /// Path of the server function the form posted to.
    pub action: String,
    pub error: Option<AppError>,
    pub notice: Option<Text>,
    /// Submitted values by input name, to fill the form in again.
    pub values: Vec<(String, String)>,
}

#[cfg(feature = "ssr")]
mod server;

#[cfg(feature = "ssr")]
pub use server::{flash_error, flash_notice, flash_notice_for, is_plain_form_post, remember};

/// The flash for the form posting to `action`, read once on the server and
/// handed to the client with the page so both render the same.
pub fn use_flash(action: &'static str) -> Option<FormFlash> {
    leptos::prelude::SharedValue::new(move || {
        #[cfg(feature = "ssr")]
        {
            server::take_flash(action)
        }
        #[cfg(not(feature = "ssr"))]
        {
            let _ = action;
            None
        }
    })
    .into_inner()
}
