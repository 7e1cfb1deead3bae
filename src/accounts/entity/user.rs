use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub username: String,
    pub phone: Option<String>,
    pub display_name: String,
    pub password_hash: String,
    pub must_change_password: bool,
    pub is_platform_admin: bool,
    pub is_active: bool,
    pub password_changed_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Entity {
    /// Whether a user with `username` exists.
    ///
    /// # Errors
    ///
    /// Database errors.
    pub async fn find_by_username(username: &str, db: &crate::db::Db) -> Result<bool, DbErr> {
        Ok(Entity::find()
            .filter(Column::Username.eq(username))
            .one(db.conn())
            .await?
            .is_some())
    }
}
