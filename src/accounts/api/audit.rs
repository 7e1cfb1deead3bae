//! Reading the audit log.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_name: String,
    pub actor_organisation_id: Option<i64>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<String>,
    pub region_code: Option<String>,
    pub detail: String,
    pub ip: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub actor: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Zero-based page.
    pub page: u64,
    pub per_page: u64,
}

impl Default for AuditFilter {
    fn default() -> Self {
        Self {
            action: None,
            actor: None,
            from: None,
            until: None,
            page: 0,
            per_page: 50,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub entries: Vec<AuditEntry>,
}

/// Audit entries of the caller's region (the whole install for a platform
/// admin).
#[server(prefix = "/api", endpoint = "audit/log")]
pub async fn audit_log(filter: AuditFilter) -> Result<AuditPage, AppError> {
    use super::super::policy::{self, Permission};
    use crate::server::context::run_as;
    run_as(|ctx, auth| async move {
        let scope = policy::region_scope(&auth.actor)?;
        if let Some(region_code) = scope.clone() {
            policy::check(&auth.actor, &Permission::ViewAuditLog { region_code })?;
        }
        super::super::audit::list(&ctx.state.db, scope.as_deref(), &filter).await
    })
    .await
}
