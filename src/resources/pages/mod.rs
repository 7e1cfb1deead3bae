//! Pages of the resource database: the provider's list and editor, the
//! bureau's review and statistics, and the public directory.

pub mod detail;
pub mod directory;
pub mod editor;
pub mod programmes;
pub mod provider_list;
pub mod resource_form;
pub mod review;
pub mod stats;
pub mod widgets;
