//! The resource database (社会教育资源库): resources (venues) of provider
//! organisations, their change history and photos, and the programmes
//! (课程 / 活动项目) offered at them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Resources {
    Table,
    Id,
    ProviderId,
    Name,
    ResourceType,
    Themes,
    Stages,
    Summary,
    Strengths,
    Services,
    OpeningHours,
    OpeningHoursText,
    ContactName,
    ContactPhone,
    RegionCode,
    Address,
    Latitude,
    Longitude,
    SourceDatum,
    GroupCapacity,
    FeeKind,
    FeeNote,
    AccessibilityNotes,
    SafetyNotes,
    Status,
    ReturnReason,
    LastVerifiedAt,
    LastApprovedVersion,
    Version,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ResourceHistory {
    Table,
    Id,
    ResourceId,
    Version,
    At,
    ActorUserId,
    ActorName,
    Action,
    Status,
    Snapshot,
}

#[derive(DeriveIden, Clone, Copy)]
enum ResourcePhotos {
    Table,
    Id,
    ResourceId,
    ObjectKey,
    ContentType,
    Width,
    Height,
    Bytes,
    Position,
    Caption,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Programmes {
    Table,
    Id,
    ResourceId,
    ProviderId,
    Name,
    Description,
    Themes,
    Stages,
    DurationMinutes,
    CapacityPerSession,
    PupilsPerTeacher,
    FeeKind,
    FeeNote,
    AutoConfirm,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Regions {
    Table,
    Code,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Resources::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Resources::Id))
                    .col(big_integer(Resources::ProviderId))
                    .col(string_len(Resources::Name, 100))
                    .col(string_len(Resources::ResourceType, 32))
                    // JSON arrays of vocabulary codes (resources::model).
                    .col(text(Resources::Themes))
                    .col(text(Resources::Stages))
                    .col(text(Resources::Summary))
                    .col(text(Resources::Strengths))
                    .col(text(Resources::Services))
                    // JSON of resources::opening_hours::OpeningHours, and the text it came from.
                    .col(text(Resources::OpeningHours))
                    .col(text(Resources::OpeningHoursText))
                    .col(string_len(Resources::ContactName, 50))
                    .col(string_len(Resources::ContactPhone, 30))
                    .col(char_len(Resources::RegionCode, 6))
                    .col(string_len(Resources::Address, 200))
                    // WGS-84 degrees; the datum the coordinates were given in is kept.
                    .col(double_null(Resources::Latitude))
                    .col(double_null(Resources::Longitude))
                    .col(string_len(Resources::SourceDatum, 8))
                    .col(integer(Resources::GroupCapacity))
                    .col(string_len(Resources::FeeKind, 16))
                    .col(string_len(Resources::FeeNote, 200))
                    .col(text(Resources::AccessibilityNotes))
                    .col(text(Resources::SafetyNotes))
                    // draft | submitted | approved | returned | published | offline
                    .col(string_len(Resources::Status, 16))
                    .col(string_len_null(Resources::ReturnReason, 500))
                    .col(timestamp_with_time_zone_null(Resources::LastVerifiedAt))
                    .col(integer_null(Resources::LastApprovedVersion))
                    .col(integer(Resources::Version))
                    .col(timestamp_with_time_zone_null(Resources::PublishedAt))
                    .col(timestamp_with_time_zone(Resources::CreatedAt))
                    .col(timestamp_with_time_zone(Resources::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_resources_provider")
                            .from(Resources::Table, Resources::ProviderId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_resources_region")
                            .from(Resources::Table, Resources::RegionCode)
                            .to(Regions::Table, Regions::Code),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_resources_status_region",
            Resources::Table,
            &[Resources::Status, Resources::RegionCode],
        )
        .await?;
        index(
            manager,
            "idx_resources_provider",
            Resources::Table,
            &[Resources::ProviderId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ResourceHistory::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ResourceHistory::Id))
                    .col(big_integer(ResourceHistory::ResourceId))
                    .col(integer(ResourceHistory::Version))
                    .col(timestamp_with_time_zone(ResourceHistory::At))
                    .col(big_integer_null(ResourceHistory::ActorUserId))
                    .col(string_len(ResourceHistory::ActorName, 64))
                    .col(string_len(ResourceHistory::Action, 32))
                    .col(string_len(ResourceHistory::Status, 16))
                    // JSON of the whole record after the change.
                    .col(text(ResourceHistory::Snapshot))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_resource_history_resource")
                            .from(ResourceHistory::Table, ResourceHistory::ResourceId)
                            .to(Resources::Table, Resources::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_resource_history_resource",
            ResourceHistory::Table,
            &[ResourceHistory::ResourceId, ResourceHistory::Version],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ResourcePhotos::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ResourcePhotos::Id))
                    .col(big_integer(ResourcePhotos::ResourceId))
                    .col(string_len(ResourcePhotos::ObjectKey, 200))
                    .col(string_len(ResourcePhotos::ContentType, 50))
                    .col(integer(ResourcePhotos::Width))
                    .col(integer(ResourcePhotos::Height))
                    .col(big_integer(ResourcePhotos::Bytes))
                    .col(integer(ResourcePhotos::Position))
                    .col(string_len(ResourcePhotos::Caption, 100))
                    .col(timestamp_with_time_zone(ResourcePhotos::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_resource_photos_resource")
                            .from(ResourcePhotos::Table, ResourcePhotos::ResourceId)
                            .to(Resources::Table, Resources::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_resource_photos_resource",
            ResourcePhotos::Table,
            &[ResourcePhotos::ResourceId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Programmes::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Programmes::Id))
                    .col(big_integer(Programmes::ResourceId))
                    .col(big_integer(Programmes::ProviderId))
                    .col(string_len(Programmes::Name, 100))
                    .col(text(Programmes::Description))
                    .col(text(Programmes::Themes))
                    .col(text(Programmes::Stages))
                    .col(integer(Programmes::DurationMinutes))
                    // Pupils per session; sessions may lower it.
                    .col(integer(Programmes::CapacityPerSession))
                    // Required adults: at least one teacher per this many pupils.
                    .col(integer(Programmes::PupilsPerTeacher))
                    .col(string_len(Programmes::FeeKind, 16))
                    .col(string_len(Programmes::FeeNote, 200))
                    .col(boolean(Programmes::AutoConfirm).default(false))
                    // draft | published | offline
                    .col(string_len(Programmes::Status, 16))
                    .col(timestamp_with_time_zone(Programmes::CreatedAt))
                    .col(timestamp_with_time_zone(Programmes::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_programmes_resource")
                            .from(Programmes::Table, Programmes::ResourceId)
                            .to(Resources::Table, Resources::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_programmes_provider")
                            .from(Programmes::Table, Programmes::ProviderId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_programmes_resource",
            Programmes::Table,
            &[Programmes::ResourceId],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Programmes::Table.into_iden(),
            ResourcePhotos::Table.into_iden(),
            ResourceHistory::Table.into_iden(),
            Resources::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

async fn index<T: Iden + Copy + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: &[T],
) -> Result<(), DbErr> {
    let mut statement = Index::create();
    statement.name(name).table(table).if_not_exists();
    for column in columns {
        statement.col(*column);
    }
    manager.create_index(statement.to_owned()).await
}
