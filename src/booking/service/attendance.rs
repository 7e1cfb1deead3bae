//! Check-in at the venue (签到) and no-show marking (爽约).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::events::{self, ChangedBy};
use super::{actor_kind, org_ref, state_of};
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::Auth;
use crate::booking::checkin::CheckinCode;
use crate::booking::entity::{booking, session};
use crate::booking::noshow::{AttendanceRecord, bookings_to_mark_no_show};
use crate::booking::state::{BookingEvent, BookingState, transition};
use crate::calendar::time::to_china;
use crate::error::AppError;
use crate::i18n::Text;
use crate::server::state::AppState;

/// Form field names of the check-in form.
pub mod fields {
    pub const CODE: &str = "code";
    pub const PRESENT: &str = "present";
}

/// The checked-in booking, for the staff's confirmation message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedIn {
    pub booking_id: i64,
    pub class_name: String,
    pub present: u32,
    pub pupils: u32,
}

/// Checks in the booking with check-in `code` (typed, or read from the QR
/// code) with `present` pupils, for staff of the session's provider.
///
/// # Errors
///
/// [`AppError::Validation`] for a malformed code or present count, or a
/// code of no booking of the caller's provider; [`AppError::Conflict`]
/// before the session's date or when the booking cannot be checked in
/// (cancelled, already checked in); database errors.
pub async fn check_in(
    state: &AppState,
    auth: &Auth,
    code: &str,
    present: &str,
    now: DateTime<Utc>,
) -> Result<CheckedIn, AppError> {
    let provider_id = auth.organisation_id().ok_or(AppError::Forbidden)?;
    policy::check(
        &auth.actor,
        &Permission::CheckIn(org_ref(state.db.conn(), provider_id).await?),
    )?;

    let code = CheckinCode::parse(code).map_err(|message| field(fields::CODE, message))?;
    let present: u32 = present.trim().parse().map_err(|_| {
        field(
            fields::PRESENT,
            Text::new(
                "实到学生人数请填写整数，例如 38",
                "Enter the pupils present as a whole number, for example 38",
            ),
        )
    })?;

    let txn = state.db.begin_write().await?;
    let not_found = || {
        field(
            fields::CODE,
            Text::new(
                "本单位的预约中没有这个签到码，请核对",
                "No booking of your provider has this check-in code",
            ),
        )
    };
    let row = booking::Entity::find()
        .filter(booking::Column::CheckinCode.eq(code.as_str()))
        .one(&*txn)
        .await?
        .ok_or_else(not_found)?;
    let session = session::Entity::find_by_id(row.session_id)
        .one(&*txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if session.provider_id != provider_id && !auth.user.platform_admin {
        return Err(not_found());
    }

    let today = to_china(now).date_naive().to_string();
    if today < session.service_date {
        return Err(AppError::Conflict(Text::new(
            format!("该预约的活动日期是 {}，当天才能签到", session.service_date),
            format!("This booking is for {}; check it in on that day", session.service_date),
        )));
    }
    let pupils = u32::try_from(row.pupils).unwrap_or(0);
    if present > pupils {
        return Err(field(
            fields::PRESENT,
            Text::new(
                format!("实到学生人数不能超过预约人数 {pupils}"),
                format!("At most the {pupils} pupils booked can be present"),
            ),
        ));
    }

    let from = state_of(&row)?;
    let kind = actor_kind(auth);
    let to = transition(from, BookingEvent::CheckIn, kind).map_err(AppError::Conflict)?;
    let by = ChangedBy {
        user_id: Some(auth.user.user_id),
        kind,
    };
    events::apply(&*txn, &row, from, to, by, &format!("实到 {present} 人"), now).await?;
    booking::Entity::update_many()
        .col_expr(
            booking::Column::PresentCount,
            Expr::value(i32::try_from(present).unwrap_or(0)),
        )
        .col_expr(booking::Column::CheckedInAt, Expr::value(now))
        .filter(booking::Column::Id.eq(row.id))
        .exec(&*txn)
        .await?;
    txn.commit().await?;

    tracing::info!(booking_id = row.id, present, "booking checked in");
    Ok(CheckedIn {
        booking_id: row.id,
        class_name: row.class_name,
        present,
        pupils,
    })
}

/// Marks the confirmed bookings of session `session_id` that never checked
/// in as no-shows, once the grace period after the session has passed.
/// Returns how many were marked.
///
/// # Errors
///
/// Database errors.
pub async fn mark_no_shows(
    conn: &impl ConnectionTrait,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let Some(session) = session::Entity::find_by_id(session_id).one(conn).await? else {
        return Ok(0);
    };
    let rows = booking::Entity::find()
        .filter(booking::Column::SessionId.eq(session_id))
        .filter(booking::Column::State.eq(BookingState::Confirmed.code()))
        .all(conn)
        .await?;
    let records: Vec<AttendanceRecord> = rows
        .iter()
        .map(|row| AttendanceRecord {
            booking_id: row.id,
            state: BookingState::Confirmed,
            session_ends_at: session.ends_at,
        })
        .collect();
    let due = bookings_to_mark_no_show(&records, now);

    for row in rows.iter().filter(|row| due.contains(&row.id)) {
        let to = transition(
            BookingState::Confirmed,
            BookingEvent::MarkNoShow,
            ChangedBy::SYSTEM.kind,
        )
        .map_err(AppError::Conflict)?;
        events::apply(conn, row, BookingState::Confirmed, to, ChangedBy::SYSTEM, "", now).await?;
    }
    if !due.is_empty() {
        tracing::info!(session_id, count = due.len(), "bookings marked as no-shows");
    }
    Ok(due.len())
}

fn field(name: &str, message: Text) -> AppError {
    AppError::Validation(vec![crate::error::FieldError {
        field: name.to_owned(),
        message,
    }])
}
