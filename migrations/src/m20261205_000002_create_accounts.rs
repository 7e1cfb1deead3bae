//! Organisations, users, memberships, sessions, login failures and the
//! audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Organisations {
    Table,
    Id,
    Kind,
    Name,
    RegionCode,
    SchoolStage,
    ProviderType,
    CreditCode,
    Address,
    ContactName,
    ContactPhone,
    Status,
    ReturnReason,
    IsDemo,
    SubmittedAt,
    ReviewedAt,
    ReviewedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
    Username,
    Phone,
    DisplayName,
    PasswordHash,
    MustChangePassword,
    IsPlatformAdmin,
    IsActive,
    PasswordChangedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Memberships {
    Table,
    Id,
    UserId,
    OrganisationId,
    Role,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Sessions {
    Table,
    Id,
    UserId,
    MembershipId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    Ip,
    UserAgent,
}

#[derive(DeriveIden, Clone, Copy)]
enum LoginFailures {
    Table,
    Identifier,
    Failures,
    LockedUntil,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    ActorName,
    ActorOrganisationId,
    Action,
    TargetType,
    TargetId,
    RegionCode,
    Detail,
    Ip,
}

#[derive(DeriveIden, Clone, Copy)]
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
                    .table(Organisations::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Organisations::Id))
                    // bureau | school | provider
                    .col(string_len(Organisations::Kind, 16))
                    .col(string_len(Organisations::Name, 100))
                    .col(char_len(Organisations::RegionCode, 6))
                    .col(string_len_null(Organisations::SchoolStage, 32))
                    .col(string_len_null(Organisations::ProviderType, 32))
                    // 统一社会信用代码, 18 characters.
                    .col(string_len_null(Organisations::CreditCode, 18))
                    .col(string_len_null(Organisations::Address, 200))
                    .col(string_len_null(Organisations::ContactName, 50))
                    .col(string_len_null(Organisations::ContactPhone, 20))
                    // pending | approved | returned
                    .col(string_len(Organisations::Status, 16))
                    .col(string_len_null(Organisations::ReturnReason, 500))
                    .col(boolean(Organisations::IsDemo).default(false))
                    .col(timestamp_with_time_zone(Organisations::SubmittedAt))
                    .col(timestamp_with_time_zone_null(Organisations::ReviewedAt))
                    .col(big_integer_null(Organisations::ReviewedBy))
                    .col(timestamp_with_time_zone(Organisations::CreatedAt))
                    .col(timestamp_with_time_zone(Organisations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organisations_region")
                            .from(Organisations::Table, Organisations::RegionCode)
                            .to(Regions::Table, Regions::Code),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_organisations_region_status",
            Organisations::Table,
            &[Organisations::RegionCode, Organisations::Status],
            false,
        )
        .await?;
        index(
            manager,
            "uq_organisations_kind_region_name",
            Organisations::Table,
            &[Organisations::Kind, Organisations::RegionCode, Organisations::Name],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Users::Id))
                    .col(string_len(Users::Username, 32))
                    .col(string_len_null(Users::Phone, 11))
                    .col(string_len(Users::DisplayName, 50))
                    .col(string_len(Users::PasswordHash, 200))
                    .col(boolean(Users::MustChangePassword).default(false))
                    .col(boolean(Users::IsPlatformAdmin).default(false))
                    .col(boolean(Users::IsActive).default(true))
                    .col(timestamp_with_time_zone(Users::PasswordChangedAt))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        index(manager, "uq_users_username", Users::Table, &[Users::Username], true).await?;
        // Unique where present: both SQLite and PostgreSQL allow many NULLs.
        index(manager, "uq_users_phone", Users::Table, &[Users::Phone], true).await?;

        manager
            .create_table(
                Table::create()
                    .table(Memberships::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Memberships::Id))
                    .col(big_integer(Memberships::UserId))
                    .col(big_integer(Memberships::OrganisationId))
                    // bureau_officer | school_admin | teacher | provider_admin | provider_staff
                    .col(string_len(Memberships::Role, 32))
                    .col(big_integer_null(Memberships::CreatedBy))
                    .col(timestamp_with_time_zone(Memberships::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_user")
                            .from(Memberships::Table, Memberships::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_organisation")
                            .from(Memberships::Table, Memberships::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_memberships_user_organisation",
            Memberships::Table,
            &[Memberships::UserId, Memberships::OrganisationId],
            true,
        )
        .await?;
        index(
            manager,
            "idx_memberships_organisation",
            Memberships::Table,
            &[Memberships::OrganisationId],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .if_not_exists()
                    // SHA-256 of the cookie token, hex; the token itself is never stored.
                    .col(char_len(Sessions::Id, 64).primary_key())
                    .col(big_integer(Sessions::UserId))
                    .col(big_integer_null(Sessions::MembershipId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .col(string_len(Sessions::Ip, 45))
                    .col(string_len(Sessions::UserAgent, 200))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_sessions_user")
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_sessions_user",
            Sessions::Table,
            &[Sessions::UserId],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginFailures::Table)
                    .if_not_exists()
                    // The normalised phone or username typed at login, whether or not
                    // an account has it, so lockout reveals nothing about accounts.
                    .col(string_len(LoginFailures::Identifier, 64).primary_key())
                    .col(integer(LoginFailures::Failures))
                    .col(timestamp_with_time_zone_null(LoginFailures::LockedUntil))
                    .col(timestamp_with_time_zone(LoginFailures::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(big_integer_null(AuditLog::ActorUserId))
                    .col(string_len(AuditLog::ActorName, 64))
                    .col(big_integer_null(AuditLog::ActorOrganisationId))
                    .col(string_len(AuditLog::Action, 48))
                    .col(string_len(AuditLog::TargetType, 32))
                    .col(string_len_null(AuditLog::TargetId, 64))
                    // Region the entry belongs to, for scoping bureau views.
                    .col(char_len_null(AuditLog::RegionCode, 6))
                    .col(text(AuditLog::Detail))
                    .col(string_len(AuditLog::Ip, 45))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_audit_log_at", AuditLog::Table, &[AuditLog::At], false).await?;
        index(
            manager,
            "idx_audit_log_region_at",
            AuditLog::Table,
            &[AuditLog::RegionCode, AuditLog::At],
            false,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            LoginFailures::Table.into_iden(),
            Sessions::Table.into_iden(),
            Memberships::Table.into_iden(),
            Users::Table.into_iden(),
            Organisations::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

async fn index<T: Iden + Clone + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: &[T],
    unique: bool,
) -> Result<(), DbErr> {
    let mut statement = Index::create();
    statement.name(name).table(table).if_not_exists();
    for column in columns {
        statement.col(column.clone());
    }
    if unique {
        statement.unique();
    }
    manager.create_index(statement.to_owned()).await
}
