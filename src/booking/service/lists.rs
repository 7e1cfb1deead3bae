//! Booking lists of a teacher, a school and a provider, and one booking's
//! details with its history.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{org_ref, state_of};
use crate::accounts::OrgKind;
use crate::accounts::entity::organisation;
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::Auth;
use crate::accounts::validate::mask_phone;
use crate::booking::api::{BookingDetail, BookingView, EventView};
use crate::booking::checkin::{CheckinCode, qr_svg};
use crate::booking::entity::{booking, booking_event, session};
use crate::booking::state::BookingState;
use crate::error::AppError;
use crate::resources::entity::{programme, resource};
use crate::server::state::AppState;

/// Bookings shown per list, newest first.
pub const LIST_LIMIT: u64 = 200;

/// The bookings a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Made by the caller.
    Mine,
    /// Of the caller's school.
    School,
    /// At the caller's provider's sessions.
    Provider,
}

/// Lists bookings for the caller.
///
/// # Errors
///
/// Permission denials; database errors.
pub async fn list(state: &AppState, auth: &Auth, scope: Scope) -> Result<Vec<BookingView>, AppError> {
    let conn = state.db.conn();
    let mut query = booking::Entity::find();
    match scope {
        Scope::Mine => query = query.filter(booking::Column::BookedBy.eq(auth.user.user_id)),
        Scope::School => {
            let school = org_ref(conn, auth.organisation_id().ok_or(AppError::Forbidden)?).await?;
            if school.kind != OrgKind::School {
                return Err(AppError::Forbidden);
            }
            policy::check(&auth.actor, &Permission::ViewSchoolBookings(school.clone()))?;
            query = query.filter(booking::Column::SchoolId.eq(school.id));
        }
        Scope::Provider => {
            let provider = org_ref(conn, auth.organisation_id().ok_or(AppError::Forbidden)?).await?;
            if provider.kind != OrgKind::Provider {
                return Err(AppError::Forbidden);
            }
            policy::check(&auth.actor, &Permission::ViewProviderBookings(provider.clone()))?;
            let sessions = sea_orm::sea_query::Query::select()
                .column(session::Column::Id)
                .from(session::Entity)
                .and_where(sea_orm::sea_query::Expr::col(session::Column::ProviderId).eq(provider.id))
                .to_owned();
            query = query.filter(booking::Column::SessionId.in_subquery(sessions));
        }
    }
    let rows = query
        .order_by_desc(booking::Column::Id)
        .limit(LIST_LIMIT)
        .all(conn)
        .await?;
    views(conn, rows).await
}

/// Converts booking rows to views with their session, programme, resource
/// and school names.
///
/// # Errors
///
/// Database errors.
pub async fn views(conn: &impl ConnectionTrait, rows: Vec<booking::Model>) -> Result<Vec<BookingView>, AppError> {
    let session_ids: HashSet<i64> = rows.iter().map(|b| b.session_id).collect();
    let sessions: HashMap<i64, session::Model> = session::Entity::find()
        .filter(session::Column::Id.is_in(session_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let programme_ids: HashSet<i64> = sessions.values().map(|s| s.programme_id).collect();
    let programmes: HashMap<i64, programme::Model> = programme::Entity::find()
        .filter(programme::Column::Id.is_in(programme_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let resource_ids: HashSet<i64> = sessions.values().map(|s| s.resource_id).collect();
    let resources: HashMap<i64, resource::Model> = resource::Entity::find()
        .filter(resource::Column::Id.is_in(resource_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let school_ids: HashSet<i64> = rows.iter().map(|b| b.school_id).collect();
    let schools: HashMap<i64, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(school_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();

    let count = |value: i32| u32::try_from(value).unwrap_or(0);
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(session) = sessions.get(&row.session_id) else {
            continue;
        };
        let resource = resources.get(&session.resource_id);
        views.push(BookingView {
            id: row.id,
            session_id: row.session_id,
            programme_name: programmes
                .get(&session.programme_id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            resource_name: resource.map(|r| r.name.clone()).unwrap_or_default(),
            address: resource.map(|r| r.address.clone()).unwrap_or_default(),
            school_name: schools.get(&row.school_id).cloned().unwrap_or_default(),
            starts_at: session.starts_at,
            ends_at: session.ends_at,
            state: state_of(&row)?,
            class_name: row.class_name,
            grade: row.grade,
            pupils: count(row.pupils),
            teachers: count(row.teachers),
            lead_teacher: row.lead_teacher,
            contact_phone: mask_phone(&row.contact_phone),
            present_count: row.present_count.map(count),
            requested_at: row.requested_at,
            cancellation_deadline: session.cancellation_deadline,
        });
    }
    Ok(views)
}

/// Loads one booking with its history. The check-in code and its QR code are
/// given to the booking school's members only, and only while the code
/// can still be used.
///
/// # Errors
///
/// [`AppError::NotFound`] for an unknown booking or one outside the
/// caller's scope; database errors.
pub async fn detail(state: &AppState, auth: &Auth, booking_id: i64) -> Result<BookingDetail, AppError> {
    let conn = state.db.conn();
    let row = booking::Entity::find_by_id(booking_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let session = session::Entity::find_by_id(row.session_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let school = org_ref(conn, row.school_id).await?;
    let provider = org_ref(conn, session.provider_id).await?;
    policy::check(&auth.actor, &Permission::ViewBooking { school, provider })?;

    let events = booking_event::Entity::find()
        .filter(booking_event::Column::BookingId.eq(booking_id))
        .order_by_asc(booking_event::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|e| {
            Some(EventView {
                at: e.at,
                actor: e.actor_kind,
                from: e.from_state.as_deref().and_then(BookingState::from_code),
                to: BookingState::from_code(&e.to_state)?,
                note: e.note,
            })
        })
        .collect();

    let own_school = auth.organisation_id() == Some(row.school_id);
    let usable = matches!(state_of(&row)?, BookingState::Confirmed | BookingState::NoShow);
    let code = (own_school && usable)
        .then(|| CheckinCode::parse(&row.checkin_code).ok())
        .flatten();
    // With a configured origin the QR code contains a full URL, so a phone's own
    // camera app opens the check-in page; otherwise it contains the path,
    // which the page's scanner reads as well.
    let origin = state.settings.server.public_origin.as_deref().unwrap_or("");
    let qr = code
        .as_ref()
        .and_then(|code| qr_svg(&format!("{origin}{}", code.qr_payload())));

    let booking = views(conn, vec![row]).await?.pop().ok_or(AppError::NotFound)?;
    Ok(BookingDetail {
        booking,
        checkin_code: code.map(|c| c.display()),
        qr_svg: qr,
        events,
    })
}
