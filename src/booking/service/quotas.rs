//! Quotas per school per term (预约配额), set by the bureau.

use chrono::{NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect};
use serde_json::json;

use super::org_ref;
use crate::accounts::audit::{self, Action};
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::{Auth, RequestInfo};
use crate::booking::entity::{booking, quota, session};
use crate::booking::quota::{QuotaUsage, SchoolQuota, Semester, Term};
use crate::booking::state::BookingState;
use crate::error::AppError;
use crate::server::state::AppState;

/// Stable code of a semester.
pub fn semester_code(semester: Semester) -> &'static str {
    match semester {
        Semester::Autumn => "autumn",
        Semester::Spring => "spring",
    }
}

/// First and last date of a term, as `Term::containing` splits the year.
pub fn term_dates(term: Term) -> (NaiveDate, NaiveDate) {
    let year = term.school_year;
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    match term.semester {
        Semester::Autumn => (date(year, 8, 1), date(year + 1, 1, 31)),
        Semester::Spring => (date(year + 1, 2, 1), date(year + 1, 7, 31)),
    }
}

/// Loads the quota of a school for a term, locking its row on PostgreSQL so that two
/// bookings of one school cannot both pass the check.
///
/// # Errors
///
/// Database errors.
pub async fn lock_quota(
    conn: &impl ConnectionTrait,
    school_id: i64,
    term: Term,
) -> Result<Option<SchoolQuota>, AppError> {
    let mut query = quota::Entity::find()
        .filter(quota::Column::SchoolId.eq(school_id))
        .filter(quota::Column::SchoolYear.eq(term.school_year))
        .filter(quota::Column::Semester.eq(semester_code(term.semester)));
    if conn.get_database_backend() == DbBackend::Postgres {
        query = query.lock_exclusive();
    }
    let limit = |value: Option<i32>| value.and_then(|v| u32::try_from(v).ok());
    Ok(query.one(conn).await?.map(|row| SchoolQuota {
        term,
        max_bookings: limit(row.max_bookings),
        max_pupils: limit(row.max_pupils),
    }))
}

/// Sums a school's use of a term's quota.
///
/// # Errors
///
/// Database errors.
pub async fn usage(conn: &impl ConnectionTrait, school_id: i64, term: Term) -> Result<QuotaUsage, AppError> {
    let (first, last) = term_dates(term);
    let sessions_in_term = Query::select()
        .column(session::Column::Id)
        .from(session::Entity)
        .and_where(Expr::col(session::Column::ServiceDate).gte(first.to_string()))
        .and_where(Expr::col(session::Column::ServiceDate).lte(last.to_string()))
        .to_owned();
    let rows: Vec<(String, i32)> = booking::Entity::find()
        .select_only()
        .column(booking::Column::State)
        .column(booking::Column::Pupils)
        .filter(booking::Column::SchoolId.eq(school_id))
        .filter(booking::Column::SessionId.in_subquery(sessions_in_term))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(QuotaUsage::from_bookings(rows.into_iter().filter_map(
        |(state, pupils)| Some((BookingState::from_code(&state)?, u32::try_from(pupils).ok()?)),
    )))
}

/// Sets (or clears, with `None`) a school's limits for `term`.
///
/// # Errors
///
/// Permission denials; database errors.
pub async fn set(
    state: &AppState,
    request: &RequestInfo,
    auth: &Auth,
    school_id: i64,
    term: Term,
    max_bookings: Option<u32>,
    max_pupils: Option<u32>,
) -> Result<(), AppError> {
    let school = org_ref(state.db.conn(), school_id).await?;
    if school.kind != crate::accounts::OrgKind::School {
        return Err(AppError::NotFound);
    }
    policy::check(&auth.actor, &Permission::SetQuota(school.clone()))?;

    let now = Utc::now();
    let to_db = |value: Option<u32>| value.map(|v| i32::try_from(v).unwrap_or(i32::MAX));
    let txn = state.db.begin_write().await?;
    quota::Entity::delete_many()
        .filter(quota::Column::SchoolId.eq(school_id))
        .filter(quota::Column::SchoolYear.eq(term.school_year))
        .filter(quota::Column::Semester.eq(semester_code(term.semester)))
        .exec(&*txn)
        .await?;
    if max_bookings.is_some() || max_pupils.is_some() {
        let row = quota::ActiveModel {
            school_id: Set(school_id),
            school_year: Set(term.school_year),
            semester: Set(semester_code(term.semester).to_owned()),
            max_bookings: Set(to_db(max_bookings)),
            max_pupils: Set(to_db(max_pupils)),
            set_by: Set(auth.user.user_id),
            updated_at: Set(now),
            ..Default::default()
        };
        quota::Entity::insert(row).exec_without_returning(&*txn).await?;
    }
    audit::record(
        &*txn,
        audit::Record {
            actor_user_id: Some(auth.user.user_id),
            actor_name: &auth.audit_name(),
            actor_organisation_id: auth.organisation_id(),
            action: Action::QuotaSet,
            target_type: "organisation",
            target_id: Some(school_id.to_string()),
            region_code: Some(school.region_code.clone()),
            detail: json!({
                "school_year": term.school_year,
                "semester": semester_code(term.semester),
                "max_bookings": max_bookings,
                "max_pupils": max_pupils,
            }),
            ip: &request.ip,
        },
    )
    .await?;
    txn.commit().await
}
