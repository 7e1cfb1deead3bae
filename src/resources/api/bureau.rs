//! The bureau's resource review (审核) and statistics.

use leptos::prelude::*;

use super::super::form::{QueueFilter, ResourceList, ResourceStats, ReviewView};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n::Text;

/// Resources of the caller's region with a status (default: submitted).
#[server(prefix = "/api", endpoint = "resources/queue")]
pub async fn resource_queue(filter: QueueFilter) -> Result<ResourceList, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { super::super::service::bureau::queue(&ctx.state, &auth, filter).await }).await
}

/// A resource with its changes since the last approval and its history.
#[server(prefix = "/api", endpoint = "resources/review")]
pub async fn resource_review(id: i64) -> Result<ReviewView, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { super::super::service::workflow::review_view(&ctx.state, &auth, id).await }).await
}

/// Approves a submitted resource.
#[server(prefix = "/api", endpoint = "resources/approve")]
pub async fn approve_resource(id: i64) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        super::super::service::workflow::decide(&ctx.state, &auth, id, None).await?;
        crate::forms::flash_notice(Text::new(
            "已通过审核，资源单位可以发布",
            "Approved; the provider can publish it",
        ));
        leptos_axum::redirect("/bureau/resources");
        Ok(())
    })
    .await
}

/// Returns a submitted resource with a reason the provider sees.
#[server(prefix = "/api", endpoint = "resources/return")]
pub async fn return_resource(id: i64, reason: String) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        crate::forms::remember(&[("reason", reason.clone())]);
        super::super::service::workflow::decide(&ctx.state, &auth, id, Some(reason)).await?;
        crate::forms::flash_notice(Text::new(
            "已退回，资源单位会看到退回原因",
            "Returned; the provider sees the reason",
        ));
        leptos_axum::redirect("/bureau/resources");
        Ok(())
    })
    .await
}

/// Counts of the caller's region and records not verified for 12 months.
#[server(prefix = "/api", endpoint = "resources/stats")]
pub async fn load_resource_stats() -> Result<ResourceStats, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { super::super::service::bureau::stats(&ctx.state, &auth).await }).await
}
