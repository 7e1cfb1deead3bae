//! Booking pages: a programme's session calendar with the booking form,
//! the booking lists of a teacher, a school and a provider, a booking's
//! details with its QR code, check-in, the bureau's quotas and lotteries,
//! and notifications.

pub mod bureau;
pub mod detail;
pub mod lists;
pub mod notifications;
pub mod provider;
pub mod sessions;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::format_china_minute;
use super::state::BookingState;
use crate::i18n::use_locale;

/// Formats an instant as China time to the minute.
pub fn when(instant: DateTime<Utc>) -> String {
    format_china_minute(instant)
}

/// A booking state as a badge.
#[component]
pub fn StateBadge(state: BookingState) -> impl IntoView {
    let locale = use_locale();
    let muted = matches!(
        state,
        BookingState::Cancelled | BookingState::Declined | BookingState::NoShow
    );
    view! {
        <span class="badge" class:badge--muted=muted data-state=state.code()>
            {state.label().get(locale).to_owned()}
        </span>
    }
}
