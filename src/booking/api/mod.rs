//! Booking types shared by server and client, and the server functions.

pub mod bookings;
pub mod bureau;
pub mod changes;
pub mod notifications;
pub mod sessions;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::state::BookingState;
use crate::i18n::Text;

/// A session (场次) as calendars list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: i64,
    pub programme_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Pupils per session.
    pub capacity: u32,
    /// Pupils of bookings that hold places.
    pub places_held: u32,
    pub lottery: bool,
    pub waitlist: bool,
    pub auto_confirm: bool,
    pub booking_opens_at: DateTime<Utc>,
    pub booking_closes_at: DateTime<Utc>,
    pub cancellation_deadline: DateTime<Utc>,
    pub lottery_drawn: bool,
}

/// A programme with its upcoming sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeCalendar {
    pub programme_id: i64,
    pub programme_name: String,
    pub resource_name: String,
    pub address: String,
    pub provider_id: i64,
    pub pupils_per_teacher: u32,
    /// Whether the caller may add sessions (the provider's admin).
    pub can_manage: bool,
    pub sessions: Vec<SessionView>,
}

/// A booking as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingView {
    pub id: i64,
    pub session_id: i64,
    pub programme_name: String,
    pub resource_name: String,
    pub address: String,
    pub school_name: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub class_name: String,
    pub grade: String,
    pub pupils: u32,
    pub teachers: u32,
    pub lead_teacher: String,
    /// Masked as 138****5678.
    pub contact_phone: String,
    pub state: BookingState,
    pub present_count: Option<u32>,
    pub requested_at: DateTime<Utc>,
    pub cancellation_deadline: DateTime<Utc>,
}

/// One state change in a booking's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub at: DateTime<Utc>,
    /// `ActorKind` code, for example `provider_admin`.
    pub actor: String,
    pub from: Option<BookingState>,
    pub to: BookingState,
    pub note: String,
}

/// A booking with its history and, for the booking school, its check-in code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingDetail {
    pub booking: BookingView,
    /// "ABCD-EFGH", shown to the booking school only.
    pub checkin_code: Option<String>,
    /// SVG of the QR code holding the check-in path.
    pub qr_svg: Option<String>,
    pub events: Vec<EventView>,
}

/// The booking form. Numbers are text so that a wrong entry becomes a
/// field error instead of a rejected request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BookingForm {
    pub class_name: String,
    pub grade: String,
    pub pupils: String,
    pub teachers: String,
    pub lead_teacher: String,
    pub contact_phone: String,
}

/// The result of a submitted booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingOutcome {
    pub booking_id: i64,
    pub state: BookingState,
    pub message: Text,
}

/// An in-app notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub booking_id: Option<i64>,
    pub kind: String,
    pub message: Text,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// A school's quota and use in one term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaView {
    pub school_id: i64,
    pub school_name: String,
    /// For example "2025—2026学年第一学期".
    pub term: Text,
    pub max_bookings: Option<u32>,
    pub max_pupils: Option<u32>,
    pub used_bookings: u32,
    pub used_pupils: u32,
}

/// A lottery session as the bureau's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotteryView {
    pub session_id: i64,
    pub programme_name: String,
    pub provider_name: String,
    pub starts_at: DateTime<Utc>,
    pub booking_closes_at: DateTime<Utc>,
    pub capacity: u32,
    pub entries: u32,
    pub pupils_requested: u32,
    /// Decimal seed, once drawn.
    pub seed: Option<String>,
}

/// A programme with sessions open for booking, for the list of what can be booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenProgramme {
    pub programme_id: i64,
    pub programme_name: String,
    pub resource_name: String,
    pub next_session: DateTime<Utc>,
}
