//! An index on `resources.updated_at`, so each server instance can read
//! the resources changed since it last looked and keep its in-memory
//! directory index current.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Resources {
    Table,
    UpdatedAt,
}

const INDEX: &str = "idx_resources_updated_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Resources::Table)
                    .col(Resources::UpdatedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(Resources::Table).to_owned())
            .await
    }
}
