//! Exporting the published directory as a census workbook that can be
//! edited and imported again. The filters are the directory's: region
//! (with the regions below it), type, theme, stage and fee.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::accounts::audit::{self, Action};
use crate::accounts::entity::organisation;
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::{Auth, RequestInfo};
use crate::census::ExportRow;
use crate::census::write::export_xlsx;
use crate::error::AppError;
use crate::geo::LatLng;
use crate::regions::{self, entity as region};
use crate::resources::entity::resource;
use crate::resources::model::{FeeKind, ResourceStatus, ResourceType, Stage, Theme};
use crate::server::state::AppState;

/// The directory filters of an export. An empty list means "any"; a
/// resource passes a list when it has one of the listed values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilter {
    /// Six-digit region code; the region and everything below it.
    pub region: Option<String>,
    pub types: Vec<ResourceType>,
    pub themes: Vec<Theme>,
    pub stages: Vec<Stage>,
    pub fees: Vec<FeeKind>,
}

impl ExportFilter {
    /// Reads the directory's query parameters (`region`, `type`, `theme`,
    /// `stage`, `fee`, each repeatable). Unknown codes and keys are
    /// ignored, as the directory does.
    pub fn from_query(pairs: &[(String, String)]) -> Self {
        let mut filter = ExportFilter::default();
        for (key, value) in pairs {
            let value = value.trim();
            match key.as_str() {
                "region" if regions::is_valid_code(value) => filter.region = Some(value.to_owned()),
                "type" => filter.types.extend(ResourceType::from_code(value)),
                "theme" => filter.themes.extend(Theme::from_code(value)),
                "stage" => filter.stages.extend(Stage::from_code(value)),
                "fee" => filter.fees.extend(FeeKind::from_code(value)),
                _ => {}
            }
        }
        filter
    }

    /// Checks whether a stored resource passes every filter.
    pub fn keeps(&self, row: &resource::Model) -> bool {
        if let Some(scope) = &self.region
            && !regions::is_within(&row.region_code, scope)
        {
            return false;
        }
        let any_code = |wanted: &[&str], stored: &str| {
            let stored: Vec<String> = serde_json::from_str(stored).unwrap_or_default();
            wanted.is_empty() || stored.iter().any(|code| wanted.contains(&code.as_str()))
        };
        let types: Vec<&str> = self.types.iter().map(|t| t.code()).collect();
        let fees: Vec<&str> = self.fees.iter().map(|f| f.code()).collect();
        let themes: Vec<&str> = self.themes.iter().map(|t| t.code()).collect();
        let stages: Vec<&str> = self.stages.iter().map(|s| s.code()).collect();
        (types.is_empty() || types.contains(&row.resource_type.as_str()))
            && (fees.is_empty() || fees.contains(&row.fee_kind.as_str()))
            && any_code(&themes, &row.themes)
            && any_code(&stages, &row.stages)
    }
}

/// Writes the published resources passing `filter` as XLSX and records
/// the export in the audit log; returns the file.
///
/// # Errors
///
/// [`AppError::Forbidden`] unless the caller is a bureau officer or a
/// provider member; database errors.
pub async fn export(
    state: &AppState,
    request: &RequestInfo,
    auth: &Auth,
    filter: &ExportFilter,
) -> Result<Vec<u8>, AppError> {
    policy::check(&auth.actor, &Permission::ExportDirectory)?;
    let conn = state.db.conn();

    let mut query = resource::Entity::find().filter(resource::Column::Status.eq(ResourceStatus::Published.code()));
    if let Some(scope) = &filter.region {
        query = query.filter(resource::Column::RegionCode.starts_with(regions::scope_prefix(scope)));
    }
    let resources: Vec<resource::Model> = query
        .order_by_asc(resource::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .filter(|row| filter.keeps(row))
        .collect();

    let providers: HashMap<i64, String> = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq("provider"))
        .all(conn)
        .await?
        .into_iter()
        .map(|org| (org.id, org.name))
        .collect();
    let region_names: HashMap<String, String> = region::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|row| (row.code, row.full_name))
        .collect();

    let rows: Vec<ExportRow> = resources
        .iter()
        .map(|row| export_row(row, &providers, &region_names))
        .collect();
    let count = rows.len();
    let bytes = tokio::task::spawn_blocking(move || export_xlsx(&rows))
        .await
        .map_err(|error| {
            tracing::error!(%error, "directory export panicked or was cancelled");
            AppError::Internal
        })??;

    audit::record(
        conn,
        audit::Record {
            actor_user_id: Some(auth.user.user_id),
            actor_name: &auth.audit_name(),
            actor_organisation_id: auth.organisation_id(),
            action: Action::Export,
            target_type: "resource_directory",
            target_id: None,
            region_code: auth.user.active.as_ref().map(|active| active.region_code.clone()),
            detail: json!({
                "rows": count,
                "region": filter.region,
                "types": filter.types.iter().map(|t| t.code()).collect::<Vec<_>>(),
                "themes": filter.themes.iter().map(|t| t.code()).collect::<Vec<_>>(),
                "stages": filter.stages.iter().map(|s| s.code()).collect::<Vec<_>>(),
                "fees": filter.fees.iter().map(|f| f.code()).collect::<Vec<_>>(),
                "at": Utc::now(),
            }),
            ip: &request.ip,
        },
    )
    .await?;
    tracing::info!(rows = count, user_id = auth.user.user_id, "directory exported");
    Ok(bytes)
}

fn export_row(
    row: &resource::Model,
    providers: &HashMap<i64, String>,
    region_names: &HashMap<String, String>,
) -> ExportRow {
    let codes = |text: &str| -> Vec<String> { serde_json::from_str(text).unwrap_or_default() };
    let non_empty = |text: &str| (!text.trim().is_empty()).then(|| text.to_owned());
    ExportRow {
        provider_name: providers.get(&row.provider_id).cloned().unwrap_or_default(),
        name: row.name.clone(),
        resource_type: ResourceType::from_code(&row.resource_type),
        themes: codes(&row.themes).iter().filter_map(|c| Theme::from_code(c)).collect(),
        stages: codes(&row.stages).iter().filter_map(|c| Stage::from_code(c)).collect(),
        region: region_names
            .get(&row.region_code)
            .cloned()
            .unwrap_or_else(|| row.region_code.clone()),
        address: row.address.clone(),
        location: row.latitude.zip(row.longitude).map(|(lat, lng)| LatLng::new(lat, lng)),
        contact_name: row.contact_name.clone(),
        contact_phone: row.contact_phone.clone(),
        opening_hours: row.opening_hours_text.clone(),
        group_capacity: u32::try_from(row.group_capacity).ok(),
        fee: FeeKind::from_code(&row.fee_kind),
        strengths: non_empty(&row.strengths),
        services: non_empty(&row.services),
        // The census sheet has one column for both notes (无障碍与安全说明).
        safety_notes: non_empty(&notes_column(&row.accessibility_notes, &row.safety_notes)),
    }
}

/// Joins the accessibility and safety notes for the sheet's one column.
fn notes_column(accessibility: &str, safety: &str) -> String {
    match (accessibility.trim(), safety.trim()) {
        ("", safety) => safety.to_owned(),
        (accessibility, "") => accessibility.to_owned(),
        (accessibility, safety) => format!("{accessibility}；{safety}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn museum() -> resource::Model {
        let now = Utc::now();
        resource::Model {
            id: 1,
            provider_id: 1,
            name: "首都博物馆".into(),
            resource_type: "museum".into(),
            themes: r#"["cultural_heritage"]"#.into(),
            stages: r#"["junior_secondary","senior_secondary"]"#.into(),
            summary: String::new(),
            strengths: String::new(),
            services: String::new(),
            opening_hours: "{}".into(),
            opening_hours_text: "周二至周日 9:00-17:00".into(),
            contact_name: "王老师".into(),
            contact_phone: "010-63370491".into(),
            region_code: "110102".into(),
            address: "北京市西城区复兴门外大街16号".into(),
            latitude: Some(39.9),
            longitude: Some(116.34),
            source_datum: "wgs84".into(),
            group_capacity: 100,
            fee_kind: "free".into(),
            fee_note: String::new(),
            accessibility_notes: String::new(),
            safety_notes: String::new(),
            status: "published".into(),
            return_reason: None,
            last_verified_at: None,
            last_approved_version: None,
            version: 1,
            published_at: None,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn both_notes_reach_the_export() {
        let mut row = museum();
        row.accessibility_notes = "设有无障碍通道".into();
        row.safety_notes = "团体参观须有教师带队".into();
        let exported = export_row(&row, &HashMap::new(), &HashMap::new());
        assert_eq!(
            exported.safety_notes.as_deref(),
            Some("设有无障碍通道；团体参观须有教师带队")
        );
        row.safety_notes = String::new();
        let exported = export_row(&row, &HashMap::new(), &HashMap::new());
        assert_eq!(exported.safety_notes.as_deref(), Some("设有无障碍通道"));
    }

    #[test]
    fn query_reads_repeated_filters() {
        let filter = ExportFilter::from_query(&pairs(&[
            ("region", "110100"),
            ("theme", "cultural_heritage"),
            ("theme", "science_inquiry"),
            ("type", "zoo"),
            ("q", "博物"),
        ]));
        assert_eq!(filter.region.as_deref(), Some("110100"));
        assert_eq!(filter.themes, [Theme::CulturalHeritage, Theme::ScienceInquiry]);
        assert!(filter.types.is_empty(), "unknown type code is ignored");
    }

    #[test]
    fn filters_match_any_listed_value() {
        let row = museum();
        assert!(ExportFilter::default().keeps(&row));
        assert!(ExportFilter::from_query(&pairs(&[("region", "110100")])).keeps(&row));
        assert!(!ExportFilter::from_query(&pairs(&[("region", "110108")])).keeps(&row));
        assert!(
            ExportFilter::from_query(&pairs(&[("stage", "primary_lower"), ("stage", "junior_secondary")])).keeps(&row)
        );
        assert!(!ExportFilter::from_query(&pairs(&[("theme", "red_education")])).keeps(&row));
        assert!(!ExportFilter::from_query(&pairs(&[("fee", "paid")])).keeps(&row));
        assert!(ExportFilter::from_query(&pairs(&[("type", "museum")])).keeps(&row));
    }
}
