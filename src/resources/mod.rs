//! The resource database (社会教育资源库): providers' venues and programmes,
//! their review workflow, and the public directory (资源展示).

pub mod api;
pub mod diff;
pub mod form;
pub mod model;
pub mod opening_hours;
pub mod pages;
pub mod photos;
pub mod public;
pub mod texts;
pub mod validate;
pub mod workflow;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod page_cache;
#[cfg(feature = "ssr")]
pub mod service;
