//! Account, organisation and bureau pages.

pub mod account;
pub mod audit_log;
pub mod guard;
pub mod login;
pub mod members;
pub mod my_org;
pub mod officers;
pub mod password;
pub mod register;
pub mod review;
pub mod workbench;
