//! Resources added in bulk from a census sheet (资源普查).

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::super::entity::resource;
use super::super::model::ResourceStatus;
use super::super::validate::{NewResource, row_message};
use super::super::workflow::Step;
use super::records::{ChangeBy, find, insert_draft, record_history};
use crate::accounts::OrgKind;
use crate::accounts::entity::organisation;
use crate::accounts::policy::{self, OrgRef, Permission};
use crate::accounts::service::context::Auth;
use crate::error::{AppError, FieldError};
use crate::i18n::Text;
use crate::regions::is_valid_code;
use crate::server::state::AppState;

/// Stores imported resources of provider `provider_id`, submitted for
/// review (待审核), all in one transaction: either every row is stored or
/// none. Rows are expected to be validated by the census importer; they
/// are checked again here for what the database needs (a known region).
/// Returns the new ids in row order.
///
/// # Errors
///
/// [`AppError::Validation`] listing every row with an unknown region
/// (field `row-N`, N counted from 1); policy denials; database errors.
pub async fn create_resources_from_import(
    state: &AppState,
    auth: &Auth,
    provider_id: i64,
    rows: Vec<NewResource>,
) -> Result<Vec<i64>, AppError> {
    let provider = organisation::Entity::find_by_id(provider_id)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound)?;
    let reference = OrgRef {
        id: provider.id,
        kind: OrgKind::from_code(&provider.kind).ok_or(AppError::Internal)?,
        region_code: provider.region_code.clone(),
    };
    policy::check(&auth.actor, &Permission::ImportResources(reference))?;

    let mut codes: Vec<String> = rows.iter().map(|r| r.record.region_code.clone()).collect();
    codes.sort();
    codes.dedup();
    let known = super::records::region_names(state, codes).await?;
    let mut errors = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let code = &row.record.region_code;
        if !is_valid_code(code) || !known.contains_key(code) {
            errors.push(FieldError {
                field: format!("row-{}", index + 1),
                message: row_message(
                    index + 1,
                    &Text::new(
                        format!("没有区划代码 {code}，请检查所在地区"),
                        format!("there is no region {code}; check the region"),
                    ),
                ),
            });
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }

    let by = ChangeBy::of(auth);
    let txn = state.db.begin_write().await?;
    let mut ids = Vec::with_capacity(rows.len());
    for row in &rows {
        let draft = insert_draft(&*txn, provider.id, row, &by, "imported").await?;
        let now = Utc::now();
        resource::Entity::update_many()
            .set(resource::ActiveModel {
                status: Set(ResourceStatus::Submitted.code().to_owned()),
                version: Set(draft.version + 1),
                updated_at: Set(now),
                ..Default::default()
            })
            .filter(resource::Column::Id.eq(draft.id))
            .exec(&*txn)
            .await?;
        let submitted = find(&*txn, draft.id).await?;
        record_history(&*txn, &submitted, &by, Step::Submit.code(), now).await?;
        ids.push(draft.id);
    }
    txn.commit().await?;
    tracing::info!(provider_id, count = ids.len(), "resources imported from a census sheet");
    Ok(ids)
}
