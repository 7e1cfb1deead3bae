//! sea-orm entities of the resource database.

pub mod photo;
pub mod programme;
pub mod resource;
pub mod resource_history;
