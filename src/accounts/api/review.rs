//! The bureau's audit queue (审核).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::super::{OrgKind, OrgStatus};
use super::orgs::OrganisationDetails;
use crate::error::AppError;

/// Fields a browser leaves out (an unchecked radio) default to empty and
/// are reported by validation, not by the decoder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueFilter {
    /// `pending` (default), `returned` or `approved`.
    pub status: String,
    /// Zero-based page.
    pub page: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub id: i64,
    pub kind: OrgKind,
    pub name: String,
    pub region_name: String,
    pub contact_name: String,
    pub contact_phone_masked: String,
    pub submitted_at: DateTime<Utc>,
    pub status: OrgStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub rows: Vec<QueueRow>,
}

/// Registrations in the caller's region.
#[server(prefix = "/api", endpoint = "review/queue")]
pub async fn review_queue(filter: QueueFilter) -> Result<QueuePage, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { super::super::service::review::queue(&ctx.state, &auth, filter).await }).await
}

/// One organisation, for review.
#[server(prefix = "/api", endpoint = "review/organisation")]
pub async fn review_organisation(id: i64) -> Result<OrganisationDetails, AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move { super::super::service::registration::details(&ctx.state, &auth, id).await }).await
}

/// Approves a pending registration.
#[server(prefix = "/api", endpoint = "review/approve")]
pub async fn approve_organisation(id: i64) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        super::super::service::review::decide(&ctx.state, &ctx.request, &auth, id, None).await?;
        crate::forms::flash_notice(crate::i18n::Text::new("已通过审核", "Approved"));
        leptos_axum::redirect("/bureau/review");
        Ok(())
    })
    .await
}

/// Returns a pending registration with a reason the applicant sees.
#[server(prefix = "/api", endpoint = "review/return")]
pub async fn return_organisation(id: i64, reason: String) -> Result<(), AppError> {
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        crate::forms::remember(&[("reason", reason.clone())]);
        super::super::service::review::decide(&ctx.state, &ctx.request, &auth, id, Some(reason)).await?;
        crate::forms::flash_notice(crate::i18n::Text::new(
            "已退回，申请人会看到退回原因",
            "Returned; the applicant sees the reason",
        ));
        leptos_axum::redirect("/bureau/review");
        Ok(())
    })
    .await
}
