use sea_orm::entity::prelude::*;

/// A class group's booking (预约) of a session.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bookings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub session_id: i64,
    pub school_id: i64,
    /// The user who made the booking.
    pub booked_by: i64,
    pub class_name: String,
    pub grade: String,
    pub pupils: i32,
    pub teachers: i32,
    pub lead_teacher: String,
    pub contact_phone: String,
    /// `BookingState` code.
    pub state: String,
    /// Eight characters without separator.
    pub checkin_code: String,
    pub present_count: Option<i32>,
    pub draw_rank: Option<i32>,
    pub revision: i32,
    pub requested_at: DateTimeUtc,
    pub checked_in_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
