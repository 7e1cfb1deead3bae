//! Private calendar feeds (ICS, webcal) of a teacher's or a school's
//! bookings. The feed URL holds a random token, because calendar apps
//! cannot log in; anyone with the URL can read the feed.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::lists::views;
use crate::accounts::Role;
use crate::accounts::service::context::Auth;
use crate::booking::entity::{booking, calendar_feed};
use crate::booking::ics::{CalendarEntry, Feed, bookings_ics};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::state::AppState;

/// Owner kinds of a feed.
pub const USER: &str = "user";
pub const SCHOOL: &str = "school";

/// Bookings a feed lists, newest first.
const FEED_LIMIT: u64 = 500;

/// Returns the feed token of the caller (`school` false) or of the caller's
/// school (`school` true, school admins only), creating it on first use.
///
/// # Errors
///
/// [`AppError::Forbidden`] for a school feed asked by someone other than a
/// school admin; database errors.
pub async fn token(state: &AppState, auth: &Auth, school: bool) -> Result<String, AppError> {
    let (kind, owner_id) = if school {
        if auth.user.role() != Some(Role::SchoolAdmin) {
            return Err(AppError::Forbidden);
        }
        (SCHOOL, auth.organisation_id().ok_or(AppError::Forbidden)?)
    } else {
        (USER, auth.user.user_id)
    };

    let find = || {
        calendar_feed::Entity::find()
            .filter(calendar_feed::Column::OwnerKind.eq(kind))
            .filter(calendar_feed::Column::OwnerId.eq(owner_id))
    };
    if let Some(row) = find().one(state.db.conn()).await? {
        return Ok(row.token);
    }

    let bytes: [u8; 24] = rand::random();
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let txn = state.db.begin_write().await?;
    // A concurrent first use may have created it meanwhile.
    if let Some(row) = find().one(&*txn).await? {
        return Ok(row.token);
    }
    let row = calendar_feed::ActiveModel {
        token: Set(token.clone()),
        owner_kind: Set(kind.to_owned()),
        owner_id: Set(owner_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    calendar_feed::Entity::insert(row).exec_without_returning(&*txn).await?;
    txn.commit().await?;
    Ok(token)
}

/// Builds the ICS text of the feed with `token`.
///
/// # Errors
///
/// [`AppError::NotFound`] for an unknown token; database errors.
pub async fn ics(state: &AppState, token: &str, uid_domain: &str) -> Result<String, AppError> {
    let conn = state.db.conn();
    let feed = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::Token.eq(token))
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let column = if feed.owner_kind == SCHOOL {
        booking::Column::SchoolId
    } else {
        booking::Column::BookedBy
    };
    let rows = booking::Entity::find()
        .filter(column.eq(feed.owner_id))
        .order_by_desc(booking::Column::Id)
        .limit(FEED_LIMIT)
        .all(conn)
        .await?;
    let revisions: Vec<(i64, i32, chrono::DateTime<Utc>)> =
        rows.iter().map(|b| (b.id, b.revision, b.updated_at)).collect();

    let entries: Vec<CalendarEntry> = views(conn, rows)
        .await?
        .into_iter()
        .filter_map(|view| {
            let (_, revision, updated_at) = revisions.iter().find(|(id, _, _)| *id == view.id)?;
            Some(CalendarEntry {
                booking_id: view.id,
                resource_name: format!("{}（{}）", view.programme_name, view.resource_name),
                location: view.address,
                class_name: view.class_name,
                pupils: view.pupils,
                teachers: view.teachers,
                starts_at: view.starts_at,
                ends_at: view.ends_at,
                state: view.state,
                revision: u32::try_from(*revision).unwrap_or(0),
                updated_at: *updated_at,
            })
        })
        .collect();

    Ok(bookings_ics(
        &entries,
        &Feed {
            name: "协育预约",
            uid_domain,
            generated_at: Utc::now(),
            locale: Locale::Zh,
        },
    ))
}
