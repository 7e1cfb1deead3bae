use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "census_uploads")]
pub struct Model {
    /// Random URL-safe token that names the upload in links.
    #[sea_orm(primary_key, auto_increment = false)]
    pub token: String,
    pub uploader_user_id: i64,
    /// The provider organisation the rows are imported for.
    pub organisation_id: i64,
    pub file_name: String,
    /// `xlsx`, `csv_utf8` or `csv_gbk`; empty when the file was unreadable.
    pub format: String,
    /// JSON of `census::SheetError` when the file as a whole was rejected.
    pub sheet_error: Option<String>,
    /// JSON of `census::ValidationReport`, the parsed rows included.
    pub report: Option<String>,
    /// `UploadStatus` code.
    pub status: String,
    pub imported_count: Option<i32>,
    pub imported_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
