//! The resource database (社会教育资源库): providers' venues and programmes.

pub mod model;

#[cfg(feature = "ssr")]
pub mod entity;
