//! Calendar export (ICS, RFC 5545) of bookings, for teachers' and
//! providers' calendar apps.
//!
//! Each booking is one VEVENT whose UID stays the same for the booking's
//! life, so a calendar app that subscribes to the feed updates the event
//! in place. SEQUENCE and LAST-MODIFIED tell it which copy is newer, and a
//! cancelled or declined booking stays in the feed with STATUS:CANCELLED so
//! the app removes or strikes it out. Times are written in UTC; apps show
//! them in the user's zone.
//!
//! Content lines are folded at 75 octets, between UTF-8 characters
//! (RFC 5545 section 3.1). The `icalendar` crate (0.17.17) folds between
//! characters too, but its last continuation line of a property can have
//! 76 octets, because its loop stops at 75 remaining bytes and then adds the
//! leading space. So the crate's output is unfolded and folded again here.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use super::BookingId;
use super::state::BookingState;
use crate::i18n::{Locale, Text};

/// Booking details for one calendar event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    pub booking_id: BookingId,
    /// Name of the resource or programme, for the event title.
    pub resource_name: String,
    /// Address of the venue.
    pub location: String,
    pub class_name: String,
    pub pupils: u32,
    pub teachers: u32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub state: BookingState,
    /// Number of changes to the booking's time or state, starting at 0;
    /// becomes SEQUENCE.
    pub revision: u32,
    pub updated_at: DateTime<Utc>,
}

/// Feed-wide settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed<'a> {
    /// Calendar name shown by apps, for example "协育预约".
    pub name: &'a str,
    /// Host name of the site, which makes UIDs unique worldwide.
    pub uid_domain: &'a str,
    /// When the feed is built; written as every event's DTSTAMP.
    pub generated_at: DateTime<Utc>,
    pub locale: Locale,
}

/// Builds the UID of a booking's event, for example "booking-42@xieyu.example.org".
pub fn event_uid(booking_id: BookingId, uid_domain: &str) -> String {
    format!("booking-{booking_id}@{uid_domain}")
}

/// Builds the VCALENDAR text of `entries`, with CRLF line ends.
pub fn bookings_ics(entries: &[CalendarEntry], feed: &Feed) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//XieYu//Booking//ZH"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .name(feed.name);

    for entry in entries {
        calendar.push(event(entry, feed));
    }
    refold(&calendar.done().to_string())
}

/// Unfolds CRLF-separated content lines and folds each again so that no
/// line has more than 75 octets, the CRLF not counted.
fn refold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "");
    let mut folded = String::with_capacity(text.len());

    for line in unfolded.split_terminator("\r\n") {
        // Octets on the current output line; a continuation starts with a space.
        let mut used = 0;
        for c in line.chars() {
            if used + c.len_utf8() > 75 {
                folded.push_str("\r\n ");
                used = 1;
            }
            folded.push(c);
            used += c.len_utf8();
        }
        folded.push_str("\r\n");
    }
    folded
}

/// Text as RFC 5545 allows it in a TEXT value: line breaks become LF, which
/// the crate writes as the escape `\n`, and other control characters except
/// tab are dropped.
fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|c| matches!(c, '\n' | '\t') || !c.is_control())
        .collect()
}

fn event(entry: &CalendarEntry, feed: &Feed) -> Event {
    let locale = feed.locale;
    let resource_name = clean_text(&entry.resource_name);
    let class_name = clean_text(&entry.class_name);
    let title = Text::new(format!("预约：{resource_name}"), format!("Booking: {resource_name}"));
    let description = Text::new(
        format!(
            "班级：{}\n学生：{} 名\n带队教师：{} 名\n状态：{}",
            class_name,
            entry.pupils,
            entry.teachers,
            entry.state.label().zh
        ),
        format!(
            "Class: {}\nPupils: {}\nAccompanying teachers: {}\nStatus: {}",
            class_name,
            entry.pupils,
            entry.teachers,
            entry.state.label().en
        ),
    );

    Event::new()
        .uid(&event_uid(entry.booking_id, feed.uid_domain))
        .summary(title.get(locale))
        .description(description.get(locale))
        .location(&clean_text(&entry.location))
        .starts(entry.starts_at)
        .ends(entry.ends_at)
        .timestamp(feed.generated_at)
        .last_modified(entry.updated_at)
        .sequence(entry.revision)
        .status(event_status(entry.state))
        .done()
}

/// Requests and waitlisted bookings are tentative; declined and cancelled
/// ones are cancelled; every other state took or will take place.
fn event_status(state: BookingState) -> EventStatus {
    match state {
        BookingState::Requested | BookingState::Waitlisted => EventStatus::Tentative,
        BookingState::Declined | BookingState::Cancelled => EventStatus::Cancelled,
        BookingState::Confirmed
        | BookingState::CheckedIn
        | BookingState::Completed
        | BookingState::Evaluated
        | BookingState::NoShow => EventStatus::Confirmed,
    }
}

#[cfg(test)]
#[path = "ics_tests.rs"]
mod tests;
