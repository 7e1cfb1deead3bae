//! sea-orm entities of the census tables.

pub mod upload;
