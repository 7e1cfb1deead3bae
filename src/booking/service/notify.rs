//! In-app notifications (站内通知).

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::booking::api::NotificationView;
use crate::booking::entity::notification;
use crate::error::AppError;
use crate::i18n::Text;

/// Notification kinds.
pub const STATE_CHANGE: &str = "state_change";
pub const NEW_REQUEST: &str = "new_request";
pub const REMINDER: &str = "reminder";

/// Notifications shown per page.
pub const PAGE_SIZE: u64 = 50;

/// Stores a notification for `user_id`.
///
/// # Errors
///
/// Database errors.
pub async fn send(
    conn: &impl ConnectionTrait,
    user_id: i64,
    booking_id: Option<i64>,
    kind: &str,
    message: &Text,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = notification::ActiveModel {
        user_id: Set(user_id),
        booking_id: Set(booking_id),
        kind: Set(kind.to_owned()),
        message_zh: Set(message.zh.clone()),
        message_en: Set(message.en.clone()),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    };
    notification::Entity::insert(row).exec_without_returning(conn).await?;
    Ok(())
}

/// Lists the newest notifications of `user_id`.
///
/// # Errors
///
/// Database errors.
pub async fn list(conn: &impl ConnectionTrait, user_id: i64) -> Result<Vec<NotificationView>, AppError> {
    let rows = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_desc(notification::Column::Id)
        .limit(PAGE_SIZE)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| NotificationView {
            id: row.id,
            booking_id: row.booking_id,
            kind: row.kind,
            message: Text::new(row.message_zh, row.message_en),
            created_at: row.created_at,
            read: row.read_at.is_some(),
        })
        .collect())
}

/// Marks every notification of `user_id` read; returns how many changed.
///
/// # Errors
///
/// Database errors.
pub async fn mark_all_read(conn: &impl ConnectionTrait, user_id: i64, now: DateTime<Utc>) -> Result<u64, AppError> {
    let result = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}
