//! Account rules that touch the database. Server functions call these after
//! the session check; permission decisions come from `accounts::policy`.

pub mod context;
pub mod location;
pub mod login;
pub mod members;
pub mod officers;
pub mod registration;
pub mod review;
pub mod users;
