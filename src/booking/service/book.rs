//! Booking a session for a class group.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::events::{self, ChangedBy};
use super::{add_places, holds_places, lock_day, lock_session, notify, org_ref, quotas, snapshot};
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::Auth;
use crate::booking::api::{BookingForm, BookingOutcome};
use crate::booking::checkin::generate_code;
use crate::booking::entity::{booking, session};
use crate::booking::format_china_minute;
use crate::booking::quota::{Term, check_quota};
use crate::booking::request::{BookingRequest, check_fields, fields, normalise_phone};
use crate::booking::rules::{Decision, check_request};
use crate::booking::state::BookingState;
use crate::error::{AppError, FieldError};
use crate::i18n::Text;
use crate::resources::entity::programme;
use crate::server::state::AppState;

/// Books session `session_id` for a class of the caller's school at `now`.
///
/// # Errors
///
/// Permission denials; [`AppError::Validation`] naming each invalid field;
/// [`AppError::Conflict`] when the session is full without a waitlist or
/// the school's quota is used up; [`AppError::Busy`] when the database
/// stays locked; database errors.
pub async fn book(
    state: &AppState,
    auth: &Auth,
    session_id: i64,
    form: BookingForm,
    now: DateTime<Utc>,
) -> Result<BookingOutcome, AppError> {
    let school_id = auth.organisation_id().ok_or(AppError::Forbidden)?;
    let school = org_ref(state.db.conn(), school_id).await?;
    policy::check(&auth.actor, &Permission::BookForSchool(school))?;
    let request = parse_form(&form)?;

    let txn = state.db.begin_write().await?;
    let outcome = book_in(&*txn, auth, school_id, session_id, &request, now).await?;
    txn.commit().await?;

    tracing::info!(
        booking_id = outcome.booking_id,
        session_id,
        school_id,
        state = outcome.state.code(),
        "booking created"
    );
    Ok(outcome)
}

async fn book_in(
    conn: &impl ConnectionTrait,
    auth: &Auth,
    school_id: i64,
    session_id: i64,
    request: &BookingRequest,
    now: DateTime<Utc>,
) -> Result<BookingOutcome, AppError> {
    // Every booking transaction locks the quota row before the session rows,
    // so two bookings cannot deadlock on each other's locks.
    let unlocked = session::Entity::find_by_id(session_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let date = NaiveDate::parse_from_str(&unlocked.service_date, "%Y-%m-%d").map_err(|_| AppError::Internal)?;
    let term = Term::containing(date);
    let quota = quotas::lock_quota(conn, school_id, term).await?;

    let (row, day_held) = if unlocked.day_capacity.is_some() {
        let day = lock_day(conn, &unlocked).await?;
        let held = day.iter().map(|s| s.places_held).sum::<i32>();
        let row = day.into_iter().find(|s| s.id == session_id).ok_or(AppError::NotFound)?;
        (row, Some(held))
    } else {
        (lock_session(conn, session_id).await?, None)
    };
    if row.status != "open" {
        return Err(AppError::Conflict(Text::new(
            "该场次已取消",
            "This session was cancelled",
        )));
    }
    let programme = programme::Entity::find_by_id(row.programme_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;

    let booked_classes: Vec<String> = booking::Entity::find()
        .filter(booking::Column::SessionId.eq(session_id))
        .filter(booking::Column::SchoolId.eq(school_id))
        .filter(booking::Column::State.is_not_in([BookingState::Cancelled.code(), BookingState::Declined.code()]))
        .all(conn)
        .await?
        .into_iter()
        .map(|b| b.class_name)
        .collect();

    let decision = check_request(&snapshot(&row, &programme, day_held), request, &booked_classes, now)?;
    if let Some(quota) = quota {
        check_quota(&quota, quotas::usage(conn, school_id, term).await?, request.pupils)?;
    }

    let state = decision.initial_state();
    let pupils = i32::try_from(request.pupils).map_err(|_| AppError::Internal)?;
    if holds_places(&row, state) {
        add_places(conn, session_id, pupils, now).await?;
    }

    let code = unique_code(conn).await?;
    let new_row = booking::ActiveModel {
        session_id: Set(session_id),
        school_id: Set(school_id),
        booked_by: Set(auth.user.user_id),
        class_name: Set(request.class_name.trim().to_owned()),
        grade: Set(request.grade.trim().to_owned()),
        pupils: Set(pupils),
        teachers: Set(i32::try_from(request.teachers).unwrap_or(i32::MAX)),
        lead_teacher: Set(request.lead_teacher.trim().to_owned()),
        contact_phone: Set(normalise_phone(&request.contact_phone).unwrap_or_default()),
        state: Set(state.code().to_owned()),
        checkin_code: Set(code),
        present_count: Set(None),
        draw_rank: Set(None),
        revision: Set(0),
        requested_at: Set(now),
        checked_in_at: Set(None),
        updated_at: Set(now),
        ..Default::default()
    };
    let saved = booking::Entity::insert(new_row).exec_with_returning(conn).await?;

    let by = ChangedBy {
        user_id: Some(auth.user.user_id),
        kind: super::actor_kind(auth),
    };
    events::record(conn, &saved, None, state, by, "", now).await?;
    if state == BookingState::Confirmed {
        crate::booking::jobs::schedule_reminder(conn, &saved, &row, now).await?;
    }
    if decision == Decision::Request {
        notify_provider(conn, &row, &saved, now).await?;
    }

    Ok(BookingOutcome {
        booking_id: saved.id,
        state,
        message: decision.message(),
    })
}

/// Tells the provider's admins about a request waiting for them.
async fn notify_provider(
    conn: &impl ConnectionTrait,
    session: &session::Model,
    saved: &booking::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use crate::accounts::Role;
    use crate::accounts::entity::membership;

    let admins = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(session.provider_id))
        .filter(membership::Column::Role.eq(Role::ProviderAdmin.code()))
        .all(conn)
        .await?;
    let when = format_china_minute(session.starts_at);
    let message = Text::new(
        format!(
            "新的预约待确认：{}（{} 名学生），场次 {when}",
            saved.class_name, saved.pupils
        ),
        format!(
            "New booking to confirm: {} ({} pupils), session {when}",
            saved.class_name, saved.pupils
        ),
    );
    for admin in admins {
        notify::send(conn, admin.user_id, Some(saved.id), notify::NEW_REQUEST, &message, now).await?;
    }
    Ok(())
}

/// Draws check-in codes until one is unused. A clash is rare (35 random
/// bits), so five draws that all clash mean something else is wrong.
async fn unique_code(conn: &impl ConnectionTrait) -> Result<String, AppError> {
    for _ in 0..5 {
        let code = generate_code(&mut rand::rng()).as_str().to_owned();
        let taken = booking::Entity::find()
            .filter(booking::Column::CheckinCode.eq(code.clone()))
            .count(conn)
            .await?;
        if taken == 0 {
            return Ok(code);
        }
    }
    tracing::error!("five check-in codes in a row were taken");
    Err(AppError::Internal)
}

/// Converts the form to a request, with a field error for each number
/// that is not a whole number.
///
/// # Errors
///
/// [`AppError::Validation`] for the pupils or teachers fields.
pub fn parse_form(form: &BookingForm) -> Result<BookingRequest, AppError> {
    let mut errors = Vec::new();
    let mut number = |text: &str, field: &str, zh: &str, en: &str| match text.trim().parse::<u32>() {
        Ok(value) => value,
        Err(_) => {
            errors.push(FieldError {
                field: field.to_owned(),
                message: Text::new(
                    format!("{zh}请填写整数，例如 40"),
                    format!("{en} must be a whole number, for example 40"),
                ),
            });
            0
        }
    };
    let pupils = number(&form.pupils, fields::PUPILS, "学生人数", "The number of pupils");
    let teachers = number(
        &form.teachers,
        fields::TEACHERS,
        "带队教师人数",
        "The number of teachers",
    );
    let request = BookingRequest {
        class_name: form.class_name.clone(),
        grade: form.grade.clone(),
        pupils,
        teachers,
        lead_teacher: form.lead_teacher.clone(),
        contact_phone: form.contact_phone.clone(),
    };
    if errors.is_empty() {
        return Ok(request);
    }

    // Report the other fields' mistakes at the same time.
    check_fields(&request, &mut errors);
    errors.sort_by_key(|error| fields::FORM_ORDER.iter().position(|field| *field == error.field));
    Err(AppError::Validation(errors))
}
