//! Census uploads (资源普查导入) waiting for the uploader's confirmation:
//! the validation report of one uploaded sheet, kept for 24 hours under a
//! random token so that the result page, the error report download and the
//! confirmation all work on the same checked rows.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CensusUploads {
    Table,
    Token,
    UploaderUserId,
    OrganisationId,
    FileName,
    Format,
    SheetError,
    Report,
    Status,
    ImportedCount,
    ImportedAt,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CensusUploads::Table)
                    .if_not_exists()
                    // 43 characters: 32 random bytes, base64url without padding.
                    .col(string_len(CensusUploads::Token, 64).primary_key())
                    .col(big_integer(CensusUploads::UploaderUserId))
                    .col(big_integer(CensusUploads::OrganisationId))
                    .col(string_len(CensusUploads::FileName, 200))
                    // xlsx | csv_utf8 | csv_gbk, or empty when the file could not be read.
                    .col(string_len(CensusUploads::Format, 16))
                    // JSON of census::SheetError when the file as a whole was rejected.
                    .col(text_null(CensusUploads::SheetError))
                    // JSON of census::ValidationReport, rows included.
                    .col(text_null(CensusUploads::Report))
                    // checked | imported
                    .col(string_len(CensusUploads::Status, 16))
                    .col(integer_null(CensusUploads::ImportedCount))
                    .col(timestamp_with_time_zone_null(CensusUploads::ImportedAt))
                    .col(timestamp_with_time_zone(CensusUploads::CreatedAt))
                    .col(timestamp_with_time_zone(CensusUploads::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_census_uploads_organisation")
                            .from(CensusUploads::Table, CensusUploads::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_census_uploads_uploader")
                            .from(CensusUploads::Table, CensusUploads::UploaderUserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_census_uploads_expires_at")
                    .table(CensusUploads::Table)
                    .col(CensusUploads::ExpiresAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CensusUploads::Table).to_owned())
            .await
    }
}
