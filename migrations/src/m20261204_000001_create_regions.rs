//! The GB/T 2260 region tree and the record of loaded reference data.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Regions {
    Table,
    Code,
    Name,
    FullName,
    Level,
    ParentCode,
}

#[derive(DeriveIden)]
enum ReferenceData {
    Table,
    Name,
    Checksum,
    LoadedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Regions::Table)
                    .if_not_exists()
                    // Six-digit GB/T 2260 code: 110000 province, 110100 city, 110101 county.
                    .col(char_len(Regions::Code, 6).primary_key())
                    .col(string_len(Regions::Name, 64))
                    .col(string_len(Regions::FullName, 128))
                    .col(small_integer(Regions::Level))
                    .col(char_len_null(Regions::ParentCode, 6))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_regions_parent")
                            .from(Regions::Table, Regions::ParentCode)
                            .to(Regions::Table, Regions::Code),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(
                Index::create()
                    .name("idx_regions_parent_code")
                    .table(Regions::Table)
                    .col(Regions::ParentCode)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReferenceData::Table)
                    .if_not_exists()
                    .col(string_len(ReferenceData::Name, 64).primary_key())
                    .col(string_len(ReferenceData::Checksum, 64))
                    .col(timestamp_with_time_zone(ReferenceData::LoadedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReferenceData::Table).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(Regions::Table).to_owned()).await
    }
}
