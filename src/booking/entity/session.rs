use sea_orm::entity::prelude::*;

/// A session (场次) of a programme: one dated occurrence with capacity.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub programme_id: i64,
    pub resource_id: i64,
    pub provider_id: i64,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// China Standard Time date of `starts_at`, "YYYY-MM-DD".
    pub service_date: String,
    /// Pupils per session.
    pub capacity: i32,
    /// Pupils per day over the resource's sessions of that date.
    pub day_capacity: Option<i32>,
    /// Pupils of the bookings that hold places.
    pub places_held: i32,
    pub booking_opens_at: DateTimeUtc,
    pub booking_closes_at: DateTimeUtc,
    pub cancellation_deadline: DateTimeUtc,
    /// `first_come` or `lottery`.
    pub allocation: String,
    pub waitlist: bool,
    pub auto_confirm: bool,
    /// Decimal seed of the lottery draw, once drawn.
    pub lottery_seed: Option<String>,
    pub lottery_drawn_at: Option<DateTimeUtc>,
    /// `open` or `cancelled`.
    pub status: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
