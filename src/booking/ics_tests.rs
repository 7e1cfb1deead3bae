use chrono::TimeDelta;

use super::*;

fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("valid instant")
        .with_timezone(&Utc)
}

/// A long Chinese address, well over 75 octets (3 octets per character).
const LONG_LOCATION: &str = "北京市东城区东长安街16号中国国家博物馆北门西侧团体参观入口，请提前二十分钟到达并在安检处出示签到码，带队教师请携带学校介绍信";

fn entry(booking_id: BookingId, state: BookingState) -> CalendarEntry {
    CalendarEntry {
        booking_id,
        resource_name: "中国国家博物馆·古代中国基本陈列".into(),
        location: LONG_LOCATION.into(),
        class_name: "三年级（2）班".into(),
        pupils: 45,
        teachers: 3,
        starts_at: instant("2025-10-15T01:30:00Z"),
        ends_at: instant("2025-10-15T03:00:00Z"),
        state,
        revision: 2,
        updated_at: instant("2025-10-01T06:00:00Z"),
    }
}

fn feed(locale: Locale) -> Feed<'static> {
    Feed {
        name: "协育预约",
        uid_domain: "xieyu.example.org",
        generated_at: instant("2025-10-02T00:00:00Z"),
        locale,
    }
}

fn export(entries: &[CalendarEntry]) -> String {
    bookings_ics(entries, &feed(Locale::Zh))
}

/// Joins folded lines back together, as RFC 5545 section 3.1 describes.
fn unfold(text: &str) -> String {
    text.replace("\r\n ", "")
}

#[test]
fn event_has_booking_fields() {
    let text = unfold(&export(&[entry(42, BookingState::Confirmed)]));
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//XieYu//Booking//ZH",
        "X-WR-CALNAME:协育预约",
        "BEGIN:VEVENT",
        "UID:booking-42@xieyu.example.org",
        "SUMMARY:预约：中国国家博物馆·古代中国基本陈列",
        "DTSTART:20251015T013000Z",
        "DTEND:20251015T030000Z",
        "DTSTAMP:20251002T000000Z",
        "LAST-MODIFIED:20251001T060000Z",
        "SEQUENCE:2",
        "STATUS:CONFIRMED",
        "DESCRIPTION:班级：三年级（2）班\\n学生：45 名\\n带队教师：3 名\\n状态：已确认",
        "END:VEVENT",
        "END:VCALENDAR",
    ] {
        assert!(
            text.lines().any(|l| l.trim_end_matches('\r') == line),
            "missing {line} in\n{text}"
        );
    }
}

#[test]
fn cancelled_booking_stays_with_status() {
    let text = export(&[entry(7, BookingState::Cancelled), entry(8, BookingState::Waitlisted)]);
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
    assert!(text.contains("STATUS:CANCELLED\r\n"));
    assert!(text.contains("STATUS:TENTATIVE\r\n"));
}

#[test]
fn uid_stable_across_changes() {
    let before = entry(42, BookingState::Requested);
    let after = CalendarEntry {
        state: BookingState::Confirmed,
        starts_at: before.starts_at + TimeDelta::hours(1),
        revision: 3,
        ..before.clone()
    };
    let uid = "UID:booking-42@xieyu.example.org\r\n";
    assert!(export(&[before]).contains(uid));
    assert!(export(&[after]).contains(uid));
}

#[test]
fn output_is_deterministic() {
    let entries = [entry(1, BookingState::Confirmed), entry(2, BookingState::Cancelled)];
    assert_eq!(export(&entries), export(&entries));
}

#[test]
fn long_chinese_lines_fold_at_75_octets() {
    let text = export(&[entry(42, BookingState::Confirmed)]);

    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n'), "bare line feed in {line}");
    }

    // The location is long enough to need folding, and unfolds unchanged.
    let folded_location = text
        .split("\r\n")
        .skip_while(|line| !line.starts_with("LOCATION:"))
        .skip(1)
        .take_while(|line| line.starts_with(' '))
        .count();
    assert!(folded_location >= 2, "{text}");
    assert!(unfold(&text).contains(&format!("LOCATION:{LONG_LOCATION}\r\n")));
}

#[test]
fn folded_text_parses_back() {
    let text = export(&[entry(42, BookingState::Confirmed)]);
    let calendar: Calendar = text.parse().expect("the crate parses its own output");
    let event = calendar.events().next().expect("one event");
    assert_eq!(event.get_location(), Some(LONG_LOCATION));
    assert_eq!(
        event.get_description(),
        Some("班级：三年级（2）班\n学生：45 名\n带队教师：3 名\n状态：已确认")
    );
}

#[test]
fn english_feed_uses_english_text() {
    let text = unfold(&bookings_ics(&[entry(42, BookingState::Confirmed)], &feed(Locale::En)));
    assert!(text.contains("SUMMARY:Booking: 中国国家博物馆·古代中国基本陈列\r\n"));
    assert!(text.contains("Status: confirmed"));
}

#[test]
fn ascii_commas_and_semicolons_escaped() {
    let with_punctuation = CalendarEntry {
        location: "Room 1, Floor 2; East Wing".into(),
        ..entry(5, BookingState::Confirmed)
    };
    let text = unfold(&export(&[with_punctuation]));
    assert!(text.contains("LOCATION:Room 1\\, Floor 2\\; East Wing\r\n"), "{text}");
}

#[test]
fn random_mixed_text_folds_cleanly() {
    // Spaces next to fold points, and 1-, 2-, 3- and 4-octet characters.
    let pieces = ["a", " ", "é", "中", "文", "，", "😀", "1", "  "];
    let mut rng = crate::booking::prng::SplitMix64::new(75);
    for _ in 0..300 {
        let length = rng.below(120);
        let location: String = (0..length)
            .filter_map(|_| pieces.get(usize::try_from(rng.below(9)).unwrap_or(0)).copied())
            .collect();
        let location = location.trim().to_owned();
        let with_location = CalendarEntry {
            location: location.clone(),
            ..entry(1, BookingState::Confirmed)
        };
        let text = export(&[with_location]);

        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
        assert!(
            unfold(&text).contains(&format!("LOCATION:{location}\r\n")),
            "{location:?} in\n{text}"
        );
    }
}

#[test]
fn refold_limits_octets_not_characters() {
    let exact = format!("{}\r\n", "a".repeat(75));
    assert_eq!(refold(&exact), exact);

    let one_over = format!("{}\r\n", "a".repeat(76));
    assert_eq!(refold(&one_over), format!("{}\r\n a\r\n", "a".repeat(75)));

    // 12 + 21 × 3 = 75 octets on the first line, then 9 characters.
    let chinese = format!("DESCRIPTION:{}\r\n", "中".repeat(30));
    assert_eq!(
        refold(&chinese),
        format!("DESCRIPTION:{}\r\n {}\r\n", "中".repeat(21), "中".repeat(9))
    );

    // Folding again changes nothing, because the input is unfolded first.
    let folded = refold(&chinese);
    assert_eq!(refold(&folded), folded);
}

#[test]
fn line_breaks_in_text_escaped() {
    let with_breaks = CalendarEntry {
        location: "北门\r\n团体入口\r西侧\u{7}".into(),
        ..entry(6, BookingState::Confirmed)
    };
    let text = unfold(&export(&[with_breaks]));
    assert!(text.contains("LOCATION:北门\\n团体入口\\n西侧\r\n"), "{text}");
}
