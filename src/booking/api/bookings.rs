//! Server functions of booking: book a session, list and open bookings,
//! and the private calendar feed address.

use leptos::prelude::*;

use super::{BookingDetail, BookingForm, BookingOutcome, BookingView};
use crate::error::AppError;

/// Books session `session_id` for a class of the caller's school.
#[server(prefix = "/api", endpoint = "booking/book")]
pub async fn book_session(session_id: i64, form: BookingForm) -> Result<BookingOutcome, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        crate::forms::remember(&[
            ("session_id", session_id.to_string()),
            ("form[class_name]", form.class_name.clone()),
            ("form[grade]", form.grade.clone()),
            ("form[pupils]", form.pupils.clone()),
            ("form[teachers]", form.teachers.clone()),
            ("form[lead_teacher]", form.lead_teacher.clone()),
            ("form[contact_phone]", form.contact_phone.clone()),
        ]);
        let outcome =
            crate::booking::service::book::book(&ctx.state, &auth, session_id, form, chrono::Utc::now()).await?;
        crate::forms::flash_notice_for(outcome.message.clone(), &[("session_id", session_id.to_string())]);
        Ok(outcome)
    })
    .await
}

/// Bookings the caller made.
#[server(prefix = "/api", endpoint = "booking/mine")]
pub async fn my_bookings() -> Result<Vec<BookingView>, AppError> {
    use crate::booking::service::lists::{Scope, list};
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { list(&ctx.state, &auth, Scope::Mine).await }).await
}

/// Bookings of the caller's school (school admins).
#[server(prefix = "/api", endpoint = "booking/school")]
pub async fn school_bookings() -> Result<Vec<BookingView>, AppError> {
    use crate::booking::service::lists::{Scope, list};
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { list(&ctx.state, &auth, Scope::School).await }).await
}

/// Bookings at the caller's provider's sessions.
#[server(prefix = "/api", endpoint = "booking/provider")]
pub async fn provider_bookings() -> Result<Vec<BookingView>, AppError> {
    use crate::booking::service::lists::{Scope, list};
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { list(&ctx.state, &auth, Scope::Provider).await }).await
}

/// Returns one booking with its history, and its check-in code for the booking school.
#[server(prefix = "/api", endpoint = "booking/detail")]
pub async fn get_booking(id: i64) -> Result<BookingDetail, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { crate::booking::service::lists::detail(&ctx.state, &auth, id).await }).await
}

/// Returns the address of the caller's private ICS feed, or of the school's feed
/// (`school` true, school admins only), for example
/// `https://example.org/calendar/3f…9a.ics`.
#[server(prefix = "/api", endpoint = "booking/feed")]
pub async fn calendar_feed(school: bool) -> Result<String, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        let token = crate::booking::service::feeds::token(&ctx.state, &auth, school).await?;
        let origin = match ctx.state.settings.server.public_origin.clone() {
            Some(origin) => origin,
            None => {
                let host = use_context::<http::request::Parts>()
                    .and_then(|parts| parts.headers.get(http::header::HOST).cloned())
                    .and_then(|host| host.to_str().ok().map(str::to_owned))
                    .unwrap_or_default();
                format!("http://{host}")
            }
        };
        Ok(format!("{}/calendar/{token}.ics", origin.trim_end_matches('/')))
    })
    .await
}
