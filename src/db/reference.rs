//! The `reference_data` table: which version of each embedded data set
//! (region tree …) the database holds, so loading at start is idempotent.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::OnConflict;

use crate::error::AppError;

use super::Db;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reference_data")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    pub checksum: String,
    pub loaded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Checksum of the data set `name` as last loaded, if any.
///
/// # Errors
///
/// Database errors, mapped to [`AppError`].
pub async fn stored_checksum(db: &Db, name: &str) -> Result<Option<String>, AppError> {
    Ok(Entity::find_by_id(name.to_owned())
        .one(db.conn())
        .await?
        .map(|row| row.checksum))
}

/// Records that data set `name` with `checksum` is loaded.
///
/// # Errors
///
/// Database errors, mapped to [`AppError`].
pub async fn store_checksum(conn: &impl ConnectionTrait, name: &str, checksum: &str) -> Result<(), AppError> {
    let row = ActiveModel {
        name: Set(name.to_owned()),
        checksum: Set(checksum.to_owned()),
        loaded_at: Set(Utc::now()),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::Name)
                .update_columns([Column::Checksum, Column::LoadedAt])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}
