//! Census import on the server: checking an upload and keeping its report
//! under a token, importing a valid sheet in one transaction, and
//! exporting the published directory.

pub mod export;
pub mod import;
mod lookup;
pub mod upload;

pub use lookup::{existing_resources, region_index};
