use sea_orm::entity::prelude::*;

/// A school's booking limits for one term, set by the bureau.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking_quotas")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub school_id: i64,
    pub school_year: i32,
    /// `autumn` or `spring`.
    pub semester: String,
    pub max_bookings: Option<i32>,
    pub max_pupils: Option<i32>,
    pub set_by: i64,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
