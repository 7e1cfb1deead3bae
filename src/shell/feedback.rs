//! Loading and error notices shared by every page.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{use_locale, use_texts};

#[component]
pub fn LoadingNotice() -> impl IntoView {
    view! {
        <p class="notice notice--loading" role="status" aria-live="polite">
            {use_texts().shell.loading}
        </p>
    }
}

/// Shows an error; for a validation error on `field`, shows that field's
/// message.
#[component]
pub fn ErrorNotice(
    /// The error to show.
    error: AppError,
    /// Form field whose message is preferred, if the error has one.
    #[prop(optional)]
    field: Option<&'static str>,
) -> impl IntoView {
    let locale = use_locale();
    let message = field
        .and_then(|f| error.field_message(f, locale))
        .unwrap_or_else(|| error.message(locale));
    view! {
        <p class="notice notice--error" role="alert">
            {message}
        </p>
    }
}
