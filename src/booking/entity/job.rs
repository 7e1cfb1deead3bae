use sea_orm::entity::prelude::*;

/// A background job, stored so that it survives restarts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: String,
    pub dedupe_key: String,
    /// JSON arguments of the job.
    pub payload: String,
    pub run_at: DateTimeUtc,
    /// `pending`, `running`, `done` or `failed`.
    pub state: String,
    pub attempts: i32,
    /// The runner holding the lease.
    pub locked_by: Option<String>,
    pub locked_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
