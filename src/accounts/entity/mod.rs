//! sea-orm entities of the accounts tables.

pub mod audit_log;
pub mod login_failure;
pub mod membership;
pub mod organisation;
pub mod session;
pub mod user;
