use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programmes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The venue where the programme takes place.
    pub resource_id: i64,
    pub provider_id: i64,
    pub name: String,
    pub description: String,
    /// JSON array of `Theme` codes.
    pub themes: String,
    /// JSON array of `Stage` codes.
    pub stages: String,
    pub duration_minutes: i32,
    /// Pupils per session unless a session sets fewer.
    pub capacity_per_session: i32,
    /// At least one accompanying teacher per this many pupils.
    pub pupils_per_teacher: i32,
    pub fee_kind: String,
    pub fee_note: String,
    /// Bookings are confirmed without the provider's review.
    pub auto_confirm: bool,
    /// `ProgrammeStatus` code.
    pub status: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
