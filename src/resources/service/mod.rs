//! Resource rules that touch the database. Server functions call these
//! after the session check; permission decisions come from
//! `accounts::policy`.

pub mod bureau;
pub mod directory;
pub mod import;
pub mod index_sync;
pub mod programmes;
pub mod records;
pub mod workflow;

pub use import::create_resources_from_import;
