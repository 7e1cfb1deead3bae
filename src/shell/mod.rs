//! The app shell: layout, navigation, home page, error and 404 pages.

pub mod feedback;
pub mod home;
pub mod layout;
pub mod not_found;
pub mod pager;
pub mod texts;
