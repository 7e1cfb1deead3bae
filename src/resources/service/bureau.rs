//! The bureau's side: the resource review queue and statistics of the
//! officer's region.

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::super::entity::resource;
use super::super::form::{QueueFilter, ResourceList, ResourceStats};
use super::super::model::{ResourceStatus, Theme};
use super::records::{self, PER_PAGE, parse_codes};
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::Auth;
use crate::error::AppError;
use crate::regions::scope_prefix;
use crate::server::state::AppState;

/// Records not confirmed for this many days count as stale (12 months).
pub const STALE_AFTER_DAYS: i64 = 365;

/// Most stale records listed on the statistics page.
const STALE_LIST_LIMIT: u64 = 100;

/// Resources of the caller's region with the given status, oldest change
/// first so the longest-waiting submission comes first.
///
/// # Errors
///
/// Policy denials; database errors.
pub async fn queue(state: &AppState, auth: &Auth, filter: QueueFilter) -> Result<ResourceList, AppError> {
    policy::check(&auth.actor, &Permission::ViewResourceQueue)?;
    let scope = policy::region_scope(&auth.actor)?;
    let status = ResourceStatus::from_code(filter.status.trim()).unwrap_or(ResourceStatus::Submitted);

    let mut query = resource::Entity::find().filter(resource::Column::Status.eq(status.code()));
    if let Some(scope) = scope.as_deref() {
        query = query.filter(resource::Column::RegionCode.starts_with(scope_prefix(scope)));
    }
    let paginator = query
        .order_by_asc(resource::Column::UpdatedAt)
        .paginate(state.db.conn(), PER_PAGE);
    let total = paginator.num_items().await?;
    let models = paginator.fetch_page(filter.page).await?;
    Ok(ResourceList {
        total,
        page: filter.page,
        per_page: PER_PAGE,
        rows: records::rows_of(state, models).await?,
    })
}

/// Counts by type, theme and county, and the records not verified for 12
/// months, over every resource in the caller's region.
///
/// # Errors
///
/// Policy denials; database errors.
pub async fn stats(state: &AppState, auth: &Auth) -> Result<ResourceStats, AppError> {
    policy::check(&auth.actor, &Permission::ViewResourceQueue)?;
    let scope = policy::region_scope(&auth.actor)?;
    let in_scope = |query: sea_orm::Select<resource::Entity>| match scope.as_deref() {
        Some(scope) => query.filter(resource::Column::RegionCode.starts_with(scope_prefix(scope))),
        None => query,
    };

    // Only the counted columns are read, so this stays cheap for a
    // region with tens of thousands of resources.
    let rows: Vec<(String, String, String, String)> = in_scope(resource::Entity::find())
        .select_only()
        .column(resource::Column::ResourceType)
        .column(resource::Column::Themes)
        .column(resource::Column::RegionCode)
        .column(resource::Column::Status)
        .into_tuple()
        .all(state.db.conn())
        .await?;

    let mut by_type: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_theme: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_region: BTreeMap<String, u64> = BTreeMap::new();
    let mut published = 0;
    for (kind, themes, region, status) in &rows {
        *by_type.entry(kind.clone()).or_default() += 1;
        for theme in parse_codes(themes, Theme::from_code) {
            *by_theme.entry(theme.code().to_owned()).or_default() += 1;
        }
        *by_region.entry(region.clone()).or_default() += 1;
        if status == ResourceStatus::Published.code() {
            published += 1;
        }
    }
    let names = records::region_names(state, by_region.keys().cloned()).await?;
    let region_name = match scope.as_deref() {
        Some(code) => records::region_names(state, [code.to_owned()])
            .await?
            .remove(code)
            .unwrap_or_default(),
        None => String::new(),
    };

    let cutoff = Utc::now() - Duration::days(STALE_AFTER_DAYS);
    let stale_models = in_scope(resource::Entity::find())
        .filter(
            sea_orm::Condition::any()
                .add(resource::Column::LastVerifiedAt.lt(cutoff))
                .add(resource::Column::LastVerifiedAt.is_null()),
        )
        .order_by_asc(resource::Column::LastVerifiedAt)
        .limit(STALE_LIST_LIMIT)
        .all(state.db.conn())
        .await?;

    let descending = |map: BTreeMap<String, u64>| {
        let mut list: Vec<(String, u64)> = map.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        list
    };
    Ok(ResourceStats {
        region_name,
        total: rows.len() as u64,
        published,
        by_type: descending(by_type),
        by_theme: descending(by_theme),
        by_region: descending(by_region)
            .into_iter()
            .map(|(code, count)| (names.get(&code).cloned().unwrap_or(code), count))
            .collect(),
        stale: records::rows_of(state, stale_models).await?,
    })
}
