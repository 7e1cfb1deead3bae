//! Server functions of the region tree. The tree is public reference data,
//! so these need no login.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Region;
use crate::error::AppError;

/// What the region browser shows for one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionBrowse {
    /// Ancestors then the region itself; empty for the national list.
    pub path: Vec<Region>,
    /// Regions directly below.
    pub children: Vec<Region>,
}

/// Regions directly below `parent`, or the provinces.
#[server(prefix = "/api", endpoint = "regions/children")]
pub async fn region_children(parent: Option<String>) -> Result<Vec<Region>, AppError> {
    crate::server::context::run(|state| async move {
        super::service::children(&state.db, parent.as_deref().filter(|p| !p.is_empty())).await
    })
    .await
}

/// The region `code` with its ancestors and children; the provinces when
/// `code` is `None`.
#[server(prefix = "/api", endpoint = "regions/browse")]
pub async fn browse_region(code: Option<String>) -> Result<RegionBrowse, AppError> {
    crate::server::context::run(|state| async move {
        let code = code.filter(|c| !c.is_empty());
        let path = match code.as_deref() {
            Some(code) => super::service::path(&state.db, code).await?,
            None => Vec::new(),
        };
        let children = super::service::children(&state.db, code.as_deref()).await?;
        Ok(RegionBrowse { path, children })
    })
    .await
}
