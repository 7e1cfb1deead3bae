//! Chinese phone numbers as people write them in sheets.
//!
//! Accepted, with any spaces, hyphens, brackets and full-width digits:
//! - mobile: 11 digits `1[3-9]xxxxxxxxx`, optionally after `+86`/`0086`;
//! - landline: area code `010`, `02x` or a four-digit `0xxx`, then a local
//!   number of 7 or 8 digits that does not start with 0, then an
//!   optional extension of 1–6 digits after `-`, `转`, `分机`, `ext` or `#`;
//! - service numbers: 10 digits starting `400` or `800`.
//!
//! Normalised forms: `13812345678`, `010-12345678`, `0755-1234567-801`,
//! `400-123-4567`.

/// Reason a phone number was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneError {
    /// More than one number in the cell.
    Several,
    /// Not one of the accepted forms.
    Invalid,
}

/// Parses and normalises one phone number (see the module documentation).
///
/// # Errors
///
/// [`PhoneError::Several`] when the cell lists more than one number,
/// [`PhoneError::Invalid`] for anything else that is not an accepted form.
pub fn normalise_phone(text: &str) -> Result<String, PhoneError> {
    let text = to_half_width(text.trim());
    if text
        .split(['/', '、', ',', ';', '；', '，'])
        .filter(|part| !part.trim().is_empty())
        .count()
        > 1
    {
        return Err(PhoneError::Several);
    }

    let (main, extension) = split_extension(&text);
    let main = strip_country_code(main.trim());

    let mut groups = Vec::new();
    for group in main.split(|c: char| c == '-' || c == '(' || c == ')' || c.is_whitespace()) {
        if group.is_empty() {
            continue;
        }
        if !group.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PhoneError::Invalid);
        }
        groups.push(group);
    }

    if let Some(extension) = extension {
        return with_extension(&groups.concat(), extension);
    }
    if let Some(number) = classify(&groups.concat()) {
        return Ok(number.format(None));
    }

    // "0755-1234567-801": the last hyphen group may be an extension.
    if let Some((last, rest)) = groups.split_last()
        && !rest.is_empty()
    {
        return with_extension(&rest.concat(), last);
    }
    Err(PhoneError::Invalid)
}

fn with_extension(digits: &str, extension: &str) -> Result<String, PhoneError> {
    let extension_ok = (1..=6).contains(&extension.len()) && extension.bytes().all(|b| b.is_ascii_digit());
    match classify(digits) {
        Some(number @ (Number::Landline { .. } | Number::Service(_))) if extension_ok => {
            Ok(number.format(Some(extension)))
        }
        _ => Err(PhoneError::Invalid),
    }
}

enum Number<'a> {
    Mobile(&'a str),
    Landline { area: &'a str, local: &'a str },
    Service(&'a str),
}

impl Number<'_> {
    fn format(&self, extension: Option<&str>) -> String {
        let base = match self {
            Number::Mobile(digits) => (*digits).to_owned(),
            Number::Landline { area, local } => format!("{area}-{local}"),
            Number::Service(digits) => {
                let (head, tail) = digits.split_at(3);
                let (middle, last) = tail.split_at(3);
                format!("{head}-{middle}-{last}")
            }
        };
        match extension {
            Some(extension) => format!("{base}-{extension}"),
            None => base,
        }
    }
}

/// Classifies a string of ASCII digits.
fn classify(digits: &str) -> Option<Number<'_>> {
    let bytes = digits.as_bytes();
    match bytes {
        [b'1', b'3'..=b'9', ..] if bytes.len() == 11 => Some(Number::Mobile(digits)),
        [b'4' | b'8', b'0', b'0', ..] if bytes.len() == 10 => Some(Number::Service(digits)),
        [b'0', second, ..] => {
            // Beijing (010) and the 02x cities have three-digit area codes,
            // everyone else four.
            let area_len = if digits.starts_with("010") || *second == b'2' {
                3
            } else {
                4
            };
            let (area, local) = digits.split_at(area_len.min(digits.len()));
            let local_ok = matches!(local.len(), 7 | 8) && !local.starts_with('0');
            local_ok.then_some(Number::Landline { area, local })
        }
        _ => None,
    }
}

/// Splits "010-12345678转801" into the number and the extension.
fn split_extension(text: &str) -> (&str, Option<&str>) {
    for marker in ["转", "分机", "ext.", "ext", "EXT", "Ext", "#"] {
        if let Some((main, extension)) = text.split_once(marker) {
            let extension = extension.trim().trim_start_matches(['-', ':', '：', '.']).trim();
            return (main, Some(extension));
        }
    }
    (text, None)
}

fn strip_country_code(text: &str) -> &str {
    for prefix in ["+86", "0086", "(+86)", "(86)"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return rest.trim_start_matches(['-', ' ']);
        }
    }
    text
}

/// Maps full-width digits, letters, brackets and dashes to ASCII, and the
/// ideographic space to a space.
fn to_half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '—' | '–' | '‐' | '−' => '-',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_normalise() {
        assert_eq!(normalise_phone("13812345678").as_deref(), Ok("13812345678"));
        assert_eq!(normalise_phone("138 1234 5678").as_deref(), Ok("13812345678"));
        assert_eq!(normalise_phone("138-1234-5678").as_deref(), Ok("13812345678"));
        assert_eq!(normalise_phone("+86 138 1234 5678").as_deref(), Ok("13812345678"));
        assert_eq!(normalise_phone("１３８１２３４５６７８").as_deref(), Ok("13812345678"));
        assert_eq!(normalise_phone("19912345678").as_deref(), Ok("19912345678"));
    }

    #[test]
    fn landlines_normalise() {
        assert_eq!(normalise_phone("010-12345678").as_deref(), Ok("010-12345678"));
        assert_eq!(normalise_phone("01012345678").as_deref(), Ok("010-12345678"));
        assert_eq!(normalise_phone("(010) 1234 5678").as_deref(), Ok("010-12345678"));
        assert_eq!(normalise_phone("021-6123 4567").as_deref(), Ok("021-61234567"));
        assert_eq!(normalise_phone("0755-1234567").as_deref(), Ok("0755-1234567"));
        assert_eq!(normalise_phone("0755－12345678").as_deref(), Ok("0755-12345678"));
    }

    #[test]
    fn extensions_normalise() {
        assert_eq!(normalise_phone("0755-1234567-801").as_deref(), Ok("0755-1234567-801"));
        assert_eq!(
            normalise_phone("010-12345678转8001").as_deref(),
            Ok("010-12345678-8001")
        );
        assert_eq!(
            normalise_phone("010 12345678 ext. 12").as_deref(),
            Ok("010-12345678-12")
        );
        assert_eq!(normalise_phone("400-810-5678 转 2").as_deref(), Ok("400-810-5678-2"));
    }

    #[test]
    fn service_numbers_normalise() {
        assert_eq!(normalise_phone("4008105678").as_deref(), Ok("400-810-5678"));
        assert_eq!(normalise_phone("800 810 5678").as_deref(), Ok("800-810-5678"));
    }

    #[test]
    fn invalid_numbers_are_rejected() {
        for text in [
            "",
            "12345678",
            "1381234567",
            "138123456789",
            "12812345678",
            "010-0123456",
            "010-123456",
            "0755-123456789",
            "13812345678转1",
            "010-12345678转1234567",
            "电话010-12345678",
            "abc",
        ] {
            assert_eq!(normalise_phone(text), Err(PhoneError::Invalid), "{text:?}");
        }
    }

    #[test]
    fn several_numbers_are_rejected() {
        assert_eq!(normalise_phone("010-12345678 / 13812345678"), Err(PhoneError::Several));
        assert_eq!(normalise_phone("13812345678、13912345678"), Err(PhoneError::Several));
    }
}
