//! The bureau's lists: quotas of the schools in its region, and the
//! lottery sessions of providers in its region.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::quotas::{semester_code, usage};
use crate::accounts::entity::organisation;
use crate::accounts::policy;
use crate::accounts::service::context::Auth;
use crate::accounts::{OrgKind, OrgStatus};
use crate::booking::api::{LotteryView, QuotaView};
use crate::booking::entity::{booking, quota, session};
use crate::booking::quota::Term;
use crate::booking::state::BookingState;
use crate::error::AppError;
use crate::regions::scope_prefix;
use crate::resources::entity::programme;
use crate::server::state::AppState;

/// Approved organisations of `kind` within the caller's region scope.
async fn organisations_in_scope(
    state: &AppState,
    auth: &Auth,
    kind: OrgKind,
) -> Result<Vec<organisation::Model>, AppError> {
    let scope = policy::region_scope(&auth.actor)?;
    let mut query = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(kind.code()))
        .filter(organisation::Column::Status.eq(OrgStatus::Approved.code()));
    if let Some(scope) = scope.as_deref() {
        query = query.filter(organisation::Column::RegionCode.starts_with(scope_prefix(scope)));
    }
    Ok(query
        .order_by_asc(organisation::Column::Name)
        .all(state.db.conn())
        .await?)
}

/// Quotas and use of every school in the caller's region for `term`.
///
/// # Errors
///
/// [`AppError::Forbidden`] for callers without a region scope; database errors.
pub async fn quotas(state: &AppState, auth: &Auth, term: Term) -> Result<Vec<QuotaView>, AppError> {
    let schools = organisations_in_scope(state, auth, OrgKind::School).await?;
    let rows: HashMap<i64, quota::Model> = quota::Entity::find()
        .filter(quota::Column::SchoolYear.eq(term.school_year))
        .filter(quota::Column::Semester.eq(semester_code(term.semester)))
        .all(state.db.conn())
        .await?
        .into_iter()
        .map(|q| (q.school_id, q))
        .collect();

    let limit = |value: Option<i32>| value.and_then(|v| u32::try_from(v).ok());
    let mut views = Vec::with_capacity(schools.len());
    for school in schools {
        let used = usage(state.db.conn(), school.id, term).await?;
        let row = rows.get(&school.id);
        views.push(QuotaView {
            school_id: school.id,
            school_name: school.name,
            term: term.label(),
            max_bookings: row.and_then(|q| limit(q.max_bookings)),
            max_pupils: row.and_then(|q| limit(q.max_pupils)),
            used_bookings: used.bookings,
            used_pupils: used.pupils,
        });
    }
    Ok(views)
}

/// Lottery sessions of providers in the caller's region, newest first.
///
/// # Errors
///
/// [`AppError::Forbidden`] for callers without a region scope; database errors.
pub async fn lotteries(state: &AppState, auth: &Auth) -> Result<Vec<LotteryView>, AppError> {
    let conn = state.db.conn();
    let providers: HashMap<i64, String> = organisations_in_scope(state, auth, OrgKind::Provider)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let sessions = session::Entity::find()
        .filter(session::Column::Allocation.eq(super::LOTTERY))
        .filter(session::Column::ProviderId.is_in(providers.keys().copied()))
        .filter(session::Column::Status.eq("open"))
        .order_by_desc(session::Column::StartsAt)
        .all(conn)
        .await?;
    let programmes: HashMap<i64, String> = programme::Entity::find()
        .filter(programme::Column::Id.is_in(sessions.iter().map(|s| s.programme_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();

    let mut views = Vec::with_capacity(sessions.len());
    for row in sessions {
        let requests = booking::Entity::find()
            .filter(booking::Column::SessionId.eq(row.id))
            .filter(booking::Column::State.is_not_in([BookingState::Cancelled.code(), BookingState::Declined.code()]))
            .all(conn)
            .await?;
        views.push(LotteryView {
            session_id: row.id,
            programme_name: programmes.get(&row.programme_id).cloned().unwrap_or_default(),
            provider_name: providers.get(&row.provider_id).cloned().unwrap_or_default(),
            starts_at: row.starts_at,
            booking_closes_at: row.booking_closes_at,
            capacity: u32::try_from(row.capacity).unwrap_or(0),
            entries: u32::try_from(requests.len()).unwrap_or(u32::MAX),
            pupils_requested: requests.iter().map(|b| u32::try_from(b.pupils).unwrap_or(0)).sum(),
            seed: row.lottery_seed,
        });
    }
    Ok(views)
}
