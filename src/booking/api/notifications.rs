//! Server functions of in-app notifications.

use leptos::prelude::*;

use super::NotificationView;
use crate::error::AppError;

/// The caller's newest notifications.
#[server(prefix = "/api", endpoint = "booking/notifications")]
pub async fn my_notifications() -> Result<Vec<NotificationView>, AppError> {
    use crate::server::context::run_as_member;
    run_as_member(|ctx, auth| async move {
        crate::booking::service::notify::list(ctx.state.db.conn(), auth.user.user_id).await
    })
    .await
}

/// Marks all of the caller's notifications read; returns how many changed.
#[server(prefix = "/api", endpoint = "booking/notifications-read")]
pub async fn mark_notifications_read() -> Result<u64, AppError> {
    use crate::server::context::run_as_member;
    run_as_member(|ctx, auth| async move {
        let txn = ctx.state.db.begin_write().await?;
        let count =
            crate::booking::service::notify::mark_all_read(&*txn, auth.user.user_id, chrono::Utc::now()).await?;
        txn.commit().await?;
        Ok(count)
    })
    .await
}
