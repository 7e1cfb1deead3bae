//! Activity booking (活动预约): sessions (场次) of programmes, bookings of
//! class groups and their state history, school quotas per term,
//! in-app notifications, private calendar feed tokens and the jobs of the
//! background runner.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ProgrammeSessions {
    Table,
    Id,
    ProgrammeId,
    ResourceId,
    ProviderId,
    StartsAt,
    EndsAt,
    ServiceDate,
    Capacity,
    DayCapacity,
    PlacesHeld,
    BookingOpensAt,
    BookingClosesAt,
    CancellationDeadline,
    Allocation,
    Waitlist,
    AutoConfirm,
    LotterySeed,
    LotteryDrawnAt,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Bookings {
    Table,
    Id,
    SessionId,
    SchoolId,
    BookedBy,
    ClassName,
    Grade,
    Pupils,
    Teachers,
    LeadTeacher,
    ContactPhone,
    State,
    CheckinCode,
    PresentCount,
    DrawRank,
    Revision,
    RequestedAt,
    CheckedInAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum BookingEvents {
    Table,
    Id,
    BookingId,
    ActorUserId,
    ActorKind,
    FromState,
    ToState,
    Note,
    At,
}

#[derive(DeriveIden, Clone, Copy)]
enum BookingQuotas {
    Table,
    Id,
    SchoolId,
    SchoolYear,
    Semester,
    MaxBookings,
    MaxPupils,
    SetBy,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Notifications {
    Table,
    Id,
    UserId,
    BookingId,
    Kind,
    MessageZh,
    MessageEn,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CalendarFeeds {
    Table,
    Id,
    Token,
    OwnerKind,
    OwnerId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Jobs {
    Table,
    Id,
    Kind,
    DedupeKey,
    Payload,
    RunAt,
    State,
    Attempts,
    LockedBy,
    LockedUntil,
    LastError,
    CreatedAt,
    FinishedAt,
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Resources {
    Table,
    Id,
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
                    .table(ProgrammeSessions::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ProgrammeSessions::Id))
                    .col(big_integer(ProgrammeSessions::ProgrammeId))
                    .col(big_integer(ProgrammeSessions::ResourceId))
                    .col(big_integer(ProgrammeSessions::ProviderId))
                    .col(timestamp_with_time_zone(ProgrammeSessions::StartsAt))
                    .col(timestamp_with_time_zone(ProgrammeSessions::EndsAt))
                    // The China Standard Time date of `starts_at`, "YYYY-MM-DD",
                    // which groups sessions for the per-day capacity.
                    .col(string_len(ProgrammeSessions::ServiceDate, 10))
                    // Pupils; accompanying teachers do not count.
                    .col(integer(ProgrammeSessions::Capacity))
                    // Pupils per day over all sessions of the resource that day.
                    .col(integer_null(ProgrammeSessions::DayCapacity))
                    // Pupils of the bookings that hold places; kept in the same
                    // write transaction as every booking change.
                    .col(integer(ProgrammeSessions::PlacesHeld).default(0))
                    .col(timestamp_with_time_zone(ProgrammeSessions::BookingOpensAt))
                    .col(timestamp_with_time_zone(ProgrammeSessions::BookingClosesAt))
                    .col(timestamp_with_time_zone(ProgrammeSessions::CancellationDeadline))
                    // first_come | lottery
                    .col(string_len(ProgrammeSessions::Allocation, 16))
                    .col(boolean(ProgrammeSessions::Waitlist).default(true))
                    .col(boolean(ProgrammeSessions::AutoConfirm).default(false))
                    // Decimal text, because the seed is an unsigned 64-bit number.
                    .col(string_len_null(ProgrammeSessions::LotterySeed, 20))
                    .col(timestamp_with_time_zone_null(ProgrammeSessions::LotteryDrawnAt))
                    // open | cancelled
                    .col(string_len(ProgrammeSessions::Status, 16))
                    .col(timestamp_with_time_zone(ProgrammeSessions::CreatedAt))
                    .col(timestamp_with_time_zone(ProgrammeSessions::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_programme_sessions_programme")
                            .from(ProgrammeSessions::Table, ProgrammeSessions::ProgrammeId)
                            .to(Programmes::Table, Programmes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_programme_sessions_resource")
                            .from(ProgrammeSessions::Table, ProgrammeSessions::ResourceId)
                            .to(Resources::Table, Resources::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_programme_sessions_provider")
                            .from(ProgrammeSessions::Table, ProgrammeSessions::ProviderId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_programme_sessions_programme",
            ProgrammeSessions::Table,
            &[ProgrammeSessions::ProgrammeId, ProgrammeSessions::StartsAt],
        )
        .await?;
        index(
            manager,
            "idx_programme_sessions_day",
            ProgrammeSessions::Table,
            &[ProgrammeSessions::ResourceId, ProgrammeSessions::ServiceDate],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Bookings::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Bookings::Id))
                    .col(big_integer(Bookings::SessionId))
                    .col(big_integer(Bookings::SchoolId))
                    .col(big_integer(Bookings::BookedBy))
                    .col(string_len(Bookings::ClassName, 60))
                    .col(string_len(Bookings::Grade, 16))
                    .col(integer(Bookings::Pupils))
                    .col(integer(Bookings::Teachers))
                    .col(string_len(Bookings::LeadTeacher, 40))
                    .col(string_len(Bookings::ContactPhone, 20))
                    // `BookingState` code.
                    .col(string_len(Bookings::State, 16))
                    .col(string_len(Bookings::CheckinCode, 8).unique_key())
                    .col(integer_null(Bookings::PresentCount))
                    .col(integer_null(Bookings::DrawRank))
                    // Changes of time or state, for the calendar feed's SEQUENCE.
                    .col(integer(Bookings::Revision).default(0))
                    .col(timestamp_with_time_zone(Bookings::RequestedAt))
                    .col(timestamp_with_time_zone_null(Bookings::CheckedInAt))
                    .col(timestamp_with_time_zone(Bookings::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bookings_session")
                            .from(Bookings::Table, Bookings::SessionId)
                            .to(ProgrammeSessions::Table, ProgrammeSessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bookings_school")
                            .from(Bookings::Table, Bookings::SchoolId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bookings_booked_by")
                            .from(Bookings::Table, Bookings::BookedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_bookings_session_state",
            Bookings::Table,
            &[Bookings::SessionId, Bookings::State],
        )
        .await?;
        index(manager, "idx_bookings_school", Bookings::Table, &[Bookings::SchoolId]).await?;
        index(
            manager,
            "idx_bookings_booked_by",
            Bookings::Table,
            &[Bookings::BookedBy],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(BookingEvents::Table)
                    .if_not_exists()
                    .col(big_pk_auto(BookingEvents::Id))
                    .col(big_integer(BookingEvents::BookingId))
                    .col(big_integer_null(BookingEvents::ActorUserId))
                    // `ActorKind` code: school | provider_admin | provider_staff | bureau | system
                    .col(string_len(BookingEvents::ActorKind, 16))
                    .col(string_len_null(BookingEvents::FromState, 16))
                    .col(string_len(BookingEvents::ToState, 16))
                    .col(string_len(BookingEvents::Note, 200))
                    .col(timestamp_with_time_zone(BookingEvents::At))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_booking_events_booking")
                            .from(BookingEvents::Table, BookingEvents::BookingId)
                            .to(Bookings::Table, Bookings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_booking_events_booking",
            BookingEvents::Table,
            &[BookingEvents::BookingId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(BookingQuotas::Table)
                    .if_not_exists()
                    .col(big_pk_auto(BookingQuotas::Id))
                    .col(big_integer(BookingQuotas::SchoolId))
                    .col(integer(BookingQuotas::SchoolYear))
                    // autumn | spring
                    .col(string_len(BookingQuotas::Semester, 8))
                    .col(integer_null(BookingQuotas::MaxBookings))
                    .col(integer_null(BookingQuotas::MaxPupils))
                    .col(big_integer(BookingQuotas::SetBy))
                    .col(timestamp_with_time_zone(BookingQuotas::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_booking_quotas_school")
                            .from(BookingQuotas::Table, BookingQuotas::SchoolId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_booking_quotas_school_term")
                    .table(BookingQuotas::Table)
                    .col(BookingQuotas::SchoolId)
                    .col(BookingQuotas::SchoolYear)
                    .col(BookingQuotas::Semester)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Notifications::Id))
                    .col(big_integer(Notifications::UserId))
                    .col(big_integer_null(Notifications::BookingId))
                    .col(string_len(Notifications::Kind, 32))
                    .col(text(Notifications::MessageZh))
                    .col(text(Notifications::MessageEn))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_user")
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_notifications_user",
            Notifications::Table,
            &[Notifications::UserId, Notifications::CreatedAt],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CalendarFeeds::Table)
                    .if_not_exists()
                    .col(big_pk_auto(CalendarFeeds::Id))
                    .col(string_len(CalendarFeeds::Token, 64).unique_key())
                    // user | school
                    .col(string_len(CalendarFeeds::OwnerKind, 8))
                    .col(big_integer(CalendarFeeds::OwnerId))
                    .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_calendar_feeds_owner")
                    .table(CalendarFeeds::Table)
                    .col(CalendarFeeds::OwnerKind)
                    .col(CalendarFeeds::OwnerId)
                    .unique()
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Jobs::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Jobs::Id))
                    .col(string_len(Jobs::Kind, 32))
                    // Keeps a job from being queued twice, for example
                    // "reminder:42" for the reminder of booking 42.
                    .col(string_len(Jobs::DedupeKey, 100).unique_key())
                    .col(text(Jobs::Payload))
                    .col(timestamp_with_time_zone(Jobs::RunAt))
                    // pending | running | done | failed
                    .col(string_len(Jobs::State, 16))
                    .col(integer(Jobs::Attempts).default(0))
                    .col(string_len_null(Jobs::LockedBy, 64))
                    .col(timestamp_with_time_zone_null(Jobs::LockedUntil))
                    .col(text_null(Jobs::LastError))
                    .col(timestamp_with_time_zone(Jobs::CreatedAt))
                    .col(timestamp_with_time_zone_null(Jobs::FinishedAt))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_jobs_due", Jobs::Table, &[Jobs::State, Jobs::RunAt]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Jobs::Table.into_iden(),
            CalendarFeeds::Table.into_iden(),
            Notifications::Table.into_iden(),
            BookingQuotas::Table.into_iden(),
            BookingEvents::Table.into_iden(),
            Bookings::Table.into_iden(),
            ProgrammeSessions::Table.into_iden(),
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
