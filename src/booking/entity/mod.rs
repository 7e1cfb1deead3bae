//! sea-orm entities of the booking tables.

pub mod booking;
pub mod booking_event;
pub mod calendar_feed;
pub mod job;
pub mod notification;
pub mod quota;
pub mod session;
