//! Types that resource pages and server functions exchange.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::{FeeKind, ResourceStatus, ResourceType, Stage, Theme};
use crate::i18n::Text;

/// The resource form as a browser posts it. Every value is text, so a bad
/// value becomes a field error instead of a decoding failure. Checkboxes
/// are posted as `form[themes][<code>]=on`, one key per ticked box.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResourceForm {
    pub name: String,
    pub resource_type: String,
    pub themes: BTreeMap<String, String>,
    pub stages: BTreeMap<String, String>,
    pub summary: String,
    pub strengths: String,
    pub services: String,
    pub opening_hours: String,
    pub contact_name: String,
    pub contact_phone: String,
    /// The region picker's hidden field (kept current by the client) …
    pub region: String,
    /// … and its selects, which are all a browser without JavaScript sends.
    pub region_province: String,
    pub region_city: String,
    pub region_county: String,
    pub address: String,
    pub latitude: String,
    pub longitude: String,
    /// `wgs84`, `gcj02` or `bd09`; empty means WGS-84.
    pub datum: String,
    pub group_capacity: String,
    pub fee_kind: String,
    pub fee_note: String,
    pub accessibility_notes: String,
    pub safety_notes: String,
}

/// The programme form as a browser posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgrammeForm {
    pub name: String,
    pub description: String,
    pub themes: BTreeMap<String, String>,
    pub stages: BTreeMap<String, String>,
    pub duration_minutes: String,
    pub capacity_per_session: String,
    pub pupils_per_teacher: String,
    pub fee_kind: String,
    pub fee_note: String,
    /// `published` offers the programme on the resource's page.
    pub status: String,
}

/// A resource's record as an editor and a reviewer see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceDetails {
    pub id: i64,
    pub provider_id: i64,
    pub provider_name: String,
    pub region_name: String,
    pub record: ResourceRecord,
    pub status: ResourceStatus,
    pub return_reason: Option<String>,
    pub version: i32,
    pub last_verified_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// The editable content of a resource; also the snapshot kept in its
/// history, so two versions can be compared field by field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResourceRecord {
    pub name: String,
    pub resource_type: Option<ResourceType>,
    pub themes: Vec<Theme>,
    pub stages: Vec<Stage>,
    pub summary: String,
    pub strengths: String,
    pub services: String,
    pub opening_hours_text: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub region_code: String,
    pub address: String,
    /// WGS-84 degrees.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub group_capacity: i32,
    pub fee_kind: Option<FeeKind>,
    pub fee_note: String,
    pub accessibility_notes: String,
    pub safety_notes: String,
}

/// One row of the provider's list or the bureau's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceRow {
    pub id: i64,
    pub name: String,
    pub provider_name: String,
    pub region_name: String,
    pub resource_type: Option<ResourceType>,
    pub status: ResourceStatus,
    pub updated_at: DateTime<Utc>,
    pub last_verified_at: Option<DateTime<Utc>>,
}

/// One field that differs between two versions of a resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub label: Text,
    pub before: String,
    pub after: String,
}

/// One entry of a resource's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub version: i32,
    pub at: DateTime<Utc>,
    pub actor_name: String,
    pub action: String,
    pub status: ResourceStatus,
}

/// What the bureau's review page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewView {
    pub details: ResourceDetails,
    /// Changes since the last approved version; every filled field when the
    /// resource was never approved.
    pub changes: Vec<FieldChange>,
    pub approved_before: bool,
    pub history: Vec<HistoryEntry>,
}

/// A programme as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeView {
    pub id: i64,
    pub resource_id: i64,
    pub name: String,
    pub description: String,
    pub themes: Vec<Theme>,
    pub stages: Vec<Stage>,
    pub duration_minutes: i32,
    pub capacity_per_session: i32,
    pub pupils_per_teacher: i32,
    pub fee_kind: Option<FeeKind>,
    pub fee_note: String,
    pub published: bool,
}

/// A page of a provider's or a bureau's resource list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceList {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub rows: Vec<ResourceRow>,
}

/// Filter of the bureau's queue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueFilter {
    /// A `ResourceStatus` code; empty means `submitted`.
    pub status: String,
    /// Zero-based page.
    pub page: u64,
}

/// Counts for the bureau's statistics page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceStats {
    pub region_name: String,
    pub total: u64,
    pub published: u64,
    pub by_type: Vec<(String, u64)>,
    pub by_theme: Vec<(String, u64)>,
    pub by_region: Vec<(String, u64)>,
    /// Published resources whose record was not confirmed for 12 months.
    pub stale: Vec<ResourceRow>,
}
