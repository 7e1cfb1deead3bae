//! Pages of the census import: the upload form and an upload's result.

pub mod result;
pub mod upload;
