use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "resources")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The provider organisation (资源单位) that owns the resource.
    pub provider_id: i64,
    pub name: String,
    /// `resources::model::ResourceType` code.
    pub resource_type: String,
    /// JSON array of `Theme` codes.
    pub themes: String,
    /// JSON array of `Stage` codes.
    pub stages: String,
    pub summary: String,
    /// 特色优势.
    pub strengths: String,
    /// 服务内容.
    pub services: String,
    /// JSON of the structured opening hours.
    pub opening_hours: String,
    /// The opening hours as the provider wrote them.
    pub opening_hours_text: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub region_code: String,
    pub address: String,
    /// WGS-84 degrees.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// `geo::Datum` code the coordinates were given in.
    pub source_datum: String,
    /// Largest group received at once, in people.
    pub group_capacity: i32,
    /// `FeeKind` code.
    pub fee_kind: String,
    pub fee_note: String,
    pub accessibility_notes: String,
    pub safety_notes: String,
    /// `ResourceStatus` code.
    pub status: String,
    pub return_reason: Option<String>,
    /// When someone last confirmed the record is still true.
    pub last_verified_at: Option<DateTimeUtc>,
    /// `version` at the last approval, to show what changed since.
    pub last_approved_version: Option<i32>,
    /// Increases with every saved change.
    pub version: i32,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
