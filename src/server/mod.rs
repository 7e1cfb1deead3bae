//! The axum server: settings, start-up, routes and middleware. Server only.

pub mod api_status;
pub mod assets;
pub mod cli;
pub mod config;
pub mod context;
pub mod csrf;
pub mod download;
pub mod headers;
pub mod health;
pub mod lang;
pub mod metrics;
pub mod router;
pub mod serve;
pub mod startup_error;
pub mod state;
pub mod telemetry;
