use sea_orm::entity::prelude::*;

/// One state change of a booking: who, when, from and to.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub booking_id: i64,
    pub actor_user_id: Option<i64>,
    pub actor_kind: String,
    /// `None` for the state a booking was created in.
    pub from_state: Option<String>,
    pub to_state: String,
    pub note: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
