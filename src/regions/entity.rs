//! sea-orm entity of the `regions` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "regions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub name: String,
    pub full_name: String,
    pub level: i16,
    pub parent_code: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// Converts to the shared type; `None` for a level outside 1–3.
    pub fn into_region(self) -> Option<super::Region> {
        Some(super::Region {
            level: super::RegionLevel::from_number(self.level)?,
            code: self.code,
            name: self.name,
            full_name: self.full_name,
            parent_code: self.parent_code,
        })
    }
}
