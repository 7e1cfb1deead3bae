//! Importing a checked census sheet: every row becomes a resource awaiting
//! review (待审核) of the uploader's provider, with a history row each and
//! one audit entry, all in one transaction. A sheet with any error imports
//! nothing.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::json;

use super::lookup::existing_resources;
use super::upload::{STATUS_IMPORTED, find, provider_of, stored_report};
use crate::accounts::audit::{self, Action};
use crate::accounts::policy::{self, Permission};
use crate::accounts::service::context::{Auth, RequestInfo};
use crate::census::CensusRecord;
use crate::census::duplicates::{Candidate, find_duplicates};
use crate::census::entity::upload;
use crate::error::AppError;
use crate::i18n::Text;
use crate::resources::entity::{resource, resource_history};
use crate::resources::model::ResourceStatus;
use crate::resources::opening_hours::{self, OpeningHours};
use crate::server::state::AppState;

/// Imports the upload named by `token`; returns how many resources were
/// created.
///
/// # Errors
///
/// [`AppError::NotFound`] for an unknown, expired or foreign upload;
/// [`AppError::BadRequest`] when the sheet has errors; [`AppError::Conflict`]
/// when it was imported already or a duplicate was stored since the check;
/// [`AppError::Busy`]; database errors.
pub async fn confirm(state: &AppState, request: &RequestInfo, auth: &Auth, token: &str) -> Result<u32, AppError> {
    policy::check(&auth.actor, &Permission::ImportCensus)?;
    let organisation_id = provider_of(auth)?;

    let txn = state.db.begin_write().await?;
    let row = find(&*txn, auth, token).await?;
    if row.status == STATUS_IMPORTED {
        return Err(AppError::Conflict(Text::new(
            "这份普查表已经导入，不能重复导入",
            "This census sheet has been imported already",
        )));
    }
    let records = stored_report(&row)?
        .and_then(|report| report.into_valid_rows())
        .ok_or_else(|| {
            AppError::BadRequest(Text::new(
                "普查表中还有错误，请按错误报告修改后重新上传；整张表没有错误时才能导入",
                "The sheet still has errors; fix them and upload it again. Only a sheet without errors can be imported",
            ))
        })?;

    // Another import may have stored the same venue since this sheet was
    // checked; the writer lock held here keeps that from happening now.
    let existing = existing_resources(&*txn).await?;
    if let Some(row_number) = first_new_duplicate(&records, &existing) {
        return Err(AppError::Conflict(Text::new(
            format!("检查之后，平台上新增了与第 {row_number} 行重复的资源。请重新上传普查表，查看重复情况后再确认"),
            format!(
                "A resource duplicating row {row_number} was added after the check; upload the sheet again to see the duplicates"
            ),
        )));
    }

    let now = Utc::now();
    let ids = insert_records(&*txn, organisation_id, auth, &records, now).await?;
    let count = u32::try_from(ids.len()).unwrap_or(u32::MAX);

    let mut done: upload::ActiveModel = row.clone().into();
    done.status = Set(STATUS_IMPORTED.to_owned());
    done.imported_count = Set(Some(i32::try_from(count).unwrap_or(i32::MAX)));
    done.imported_at = Set(Some(now));
    upload::Entity::update(done).exec(&*txn).await?;

    audit::record(
        &*txn,
        audit::Record {
            actor_user_id: Some(auth.user.user_id),
            actor_name: &auth.audit_name(),
            actor_organisation_id: Some(organisation_id),
            action: Action::CensusImported,
            target_type: "organisation",
            target_id: Some(organisation_id.to_string()),
            region_code: auth.user.active.as_ref().map(|active| active.region_code.clone()),
            detail: json!({
                "file_name": row.file_name,
                "resources": count,
                "first_id": ids.first(),
                "last_id": ids.last(),
            }),
            ip: &request.ip,
        },
    )
    .await?;
    txn.commit().await?;

    tracing::info!(organisation_id, resources = count, "census sheet imported");
    Ok(count)
}

/// Returns the first sheet row that duplicates a stored resource.
fn first_new_duplicate(records: &[CensusRecord], existing: &[crate::census::ExistingResource]) -> Option<u32> {
    let candidates: Vec<Candidate> = records
        .iter()
        .map(|record| Candidate {
            row: record.row,
            name: record.name.clone(),
            location: record.location,
        })
        .collect();
    find_duplicates(&candidates, existing).first().map(|(row, _)| *row)
}

/// Inserts the records as resources awaiting review, each with a history
/// row; returns their ids in sheet order.
async fn insert_records(
    conn: &impl ConnectionTrait,
    provider_id: i64,
    auth: &Auth,
    records: &[CensusRecord],
    now: DateTime<Utc>,
) -> Result<Vec<i64>, AppError> {
    let status = ResourceStatus::Submitted.code();
    let mut ids = Vec::with_capacity(records.len());
    for record in records {
        let id = resource::Entity::insert(resource_of(record, provider_id, now))
            .exec(conn)
            .await?
            .last_insert_id;
        let history = resource_history::ActiveModel {
            resource_id: Set(id),
            version: Set(1),
            at: Set(now),
            actor_user_id: Set(Some(auth.user.user_id)),
            actor_name: Set(auth.audit_name().chars().take(64).collect()),
            action: Set("imported".to_owned()),
            status: Set(status.to_owned()),
            snapshot: Set(json!({ "source": "census", "record": record }).to_string()),
            ..Default::default()
        };
        resource_history::Entity::insert(history)
            .exec_without_returning(conn)
            .await?;
        ids.push(id);
    }
    Ok(ids)
}

fn resource_of(record: &CensusRecord, provider_id: i64, now: DateTime<Utc>) -> resource::ActiveModel {
    let codes = |codes: Vec<&str>| serde_json::Value::from(codes).to_string();
    resource::ActiveModel {
        provider_id: Set(provider_id),
        name: Set(record.name.clone()),
        resource_type: Set(record.resource_type.code().to_owned()),
        themes: Set(codes(record.themes.iter().map(|t| t.code()).collect())),
        stages: Set(codes(record.stages.iter().map(|s| s.code()).collect())),
        summary: Set(String::new()),
        strengths: Set(record.strengths.clone().unwrap_or_default()),
        services: Set(record.services.clone().unwrap_or_default()),
        opening_hours: Set(opening_hours_json(&record.opening_hours)),
        opening_hours_text: Set(record.opening_hours.clone()),
        contact_name: Set(record.contact_name.clone()),
        contact_phone: Set(record.contact_phone.clone()),
        region_code: Set(record.region_code.clone()),
        address: Set(record.address.clone()),
        latitude: Set(Some(record.location.lat)),
        longitude: Set(Some(record.location.lng)),
        source_datum: Set(record.source_datum.code().to_owned()),
        group_capacity: Set(i32::try_from(record.group_capacity).unwrap_or(i32::MAX)),
        fee_kind: Set(record.fee.code().to_owned()),
        fee_note: Set(String::new()),
        accessibility_notes: Set(String::new()),
        safety_notes: Set(record.safety_notes.clone().unwrap_or_default()),
        status: Set(ResourceStatus::Submitted.code().to_owned()),
        return_reason: Set(None),
        last_verified_at: Set(Some(now)),
        last_approved_version: Set(None),
        version: Set(1),
        published_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// The structured form of the sheet's opening hours. Validation has
/// already parsed the text, so the empty schedule is only a fallback.
fn opening_hours_json(text: &str) -> String {
    let hours = opening_hours::parse(text).unwrap_or_else(|_| OpeningHours::default());
    serde_json::to_string(&hours).unwrap_or_else(|_| "{}".to_owned())
}
