use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resource_history")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub resource_id: i64,
    /// The resource's `version` after this change.
    pub version: i32,
    pub at: DateTimeUtc,
    pub actor_user_id: Option<i64>,
    pub actor_name: String,
    /// What happened: created, edited, submitted, approved, returned …
    pub action: String,
    /// `ResourceStatus` code after the change.
    pub status: String,
    /// JSON of the whole record after the change.
    pub snapshot: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
