//! Database schema of XieYu, one migration per change, applied in order by
//! the server at start and by `xieyu migrate`.
//!
//! Migrations are named `mYYYYMMDD_NNNNNN_verb_noun`. Each has a real `down`.
//! They run on SQLite and PostgreSQL alike, so they use only the schema
//! builder and no backend-specific SQL.

pub use sea_orm_migration::prelude::*;

mod m20261204_000001_create_regions;
mod m20261205_000002_create_accounts;
mod m20261205_000003_create_resources;
mod m20261206_000005_create_census_uploads;
mod m20261206_000006_create_bookings;
mod m20261207_000007_add_organisation_location;
mod m20261208_000008_index_resource_updates;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261204_000001_create_regions::Migration),
            Box::new(m20261205_000002_create_accounts::Migration),
            Box::new(m20261205_000003_create_resources::Migration),
            Box::new(m20261206_000005_create_census_uploads::Migration),
            Box::new(m20261206_000006_create_bookings::Migration),
            Box::new(m20261207_000007_add_organisation_location::Migration),
            Box::new(m20261208_000008_index_resource_updates::Migration),
        ]
    }
}
