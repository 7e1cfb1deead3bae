use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resource_photos")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub resource_id: i64,
    /// Key in the object store (local folder or S3 bucket).
    pub object_key: String,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    pub bytes: i64,
    /// Display order, lowest first.
    pub position: i32,
    pub caption: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
