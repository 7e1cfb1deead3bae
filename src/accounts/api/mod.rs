//! Server functions of accounts and organisations, and the types they
//! exchange with pages. Each function is thin: it resolves the caller, asks
//! the policy, and calls a service function.

pub mod audit;
pub mod auth;
pub mod members;
pub mod officers;
pub mod orgs;
pub mod review;
