//! The resource database (社会教育资源库): providers' venues and programmes.

pub mod model;
pub mod opening_hours;
pub mod photos;

#[cfg(feature = "ssr")]
pub mod entity;
