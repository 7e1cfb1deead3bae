//! Server functions that change a booking: confirm, decline, cancel and
//! check in.

use leptos::prelude::*;

use super::super::state::BookingState;
use crate::error::AppError;

#[cfg(feature = "ssr")]
async fn apply(
    id: i64,
    change: crate::booking::service::change::Change,
    note: String,
) -> Result<BookingState, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        let note = note.trim().chars().take(200).collect::<String>();
        let to =
            crate::booking::service::change::change(&ctx.state, &auth, id, change, &note, chrono::Utc::now()).await?;
        let label = to.label();
        crate::forms::flash_notice(crate::i18n::Text::new(
            format!("预约已{}", label.zh.trim_start_matches('已')),
            format!("The booking is now {}", label.en),
        ));
        Ok(to)
    })
    .await
}

/// Confirms a booking request (provider admins).
#[server(prefix = "/api", endpoint = "booking/confirm")]
pub async fn confirm_booking(id: i64) -> Result<BookingState, AppError> {
    apply(id, crate::booking::service::change::Change::Confirm, String::new()).await
}

/// Declines a booking request, with an optional reason (provider admins).
#[server(prefix = "/api", endpoint = "booking/decline")]
pub async fn decline_booking(id: i64, reason: String) -> Result<BookingState, AppError> {
    apply(id, crate::booking::service::change::Change::Decline, reason).await
}

/// Cancels a booking, with an optional reason.
#[server(prefix = "/api", endpoint = "booking/cancel")]
pub async fn cancel_booking(id: i64, reason: String) -> Result<BookingState, AppError> {
    apply(id, crate::booking::service::change::Change::Cancel, reason).await
}

/// Checks in the booking with a typed or scanned check-in code, with the
/// pupils present (provider staff and admins).
#[server(prefix = "/api", endpoint = "booking/check-in")]
pub async fn check_in(code: String, present: String) -> Result<String, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        crate::forms::remember(&[("code", code.clone()), ("present", present.clone())]);
        let done =
            crate::booking::service::attendance::check_in(&ctx.state, &auth, &code, &present, chrono::Utc::now())
                .await?;
        let message = crate::i18n::Text::new(
            format!(
                "{} 签到成功：实到 {} 人，预约 {} 人",
                done.class_name, done.present, done.pupils
            ),
            format!(
                "{} checked in: {} of {} pupils present",
                done.class_name, done.present, done.pupils
            ),
        );
        crate::forms::flash_notice(message.clone());
        Ok(message.zh)
    })
    .await
}
