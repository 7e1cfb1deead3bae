//! Check-in codes (签到码): what staff scan or type at the venue.
//!
//! A code has 8 characters from a 32-character alphabet without 0, O, 1 and
//! I, which are easy to confuse: 7 random characters (35 bits) and one check
//! character. The check character uses the Luhn mod N algorithm with N = 32,
//! so a phone can tell a mistyped code from a wrong one without the server.
//! It catches every single mistyped character and every swap of two
//! neighbouring characters except of "2" and "Z" (values 0 and 31).
//!
//! Codes are shown as "ABCD-EFGH". Typed input may be lowercase and contain
//! spaces, hyphens and full-width characters. The QR code contains the path
//! `/checkin/<code>`.
//!
//! NOTE: 35 random bits make a repeat likely only after about 10^5 codes, but
//! not impossible, so the database must keep codes unique and draw again on
//! a clash.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// The 32 code characters; a character's value is its position.
pub const CODE_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Random characters in a code.
pub const RANDOM_CHARS: usize = 7;
/// Characters in a code, the check character included.
pub const CODE_CHARS: usize = RANDOM_CHARS + 1;
/// Path prefix of the QR payload.
pub const CHECKIN_PATH: &str = "/checkin/";

/// A well-formed check-in code with a valid check character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CheckinCode(String);

impl CheckinCode {
    /// Builds a code from random bytes: the low 5 bits of each byte pick a
    /// character. Each character is uniform when the bytes are, because
    /// 256 is a multiple of 32.
    pub fn from_random(bytes: [u8; RANDOM_CHARS]) -> CheckinCode {
        let values: Vec<u8> = bytes.iter().map(|b| b & 31).collect();
        let check = check_value(&values);
        let code = values
            .iter()
            .chain(std::iter::once(&check))
            .map(|v| symbol(*v))
            .collect();
        CheckinCode(code)
    }

    /// Parses a typed or scanned code: a bare code, the QR path, or a URL
    /// ending in the QR path.
    ///
    /// # Errors
    ///
    /// A message for the user when the input is empty, contains a character
    /// that no code has, has the wrong length, or fails the check character.
    pub fn parse(input: &str) -> Result<CheckinCode, Text> {
        let input = input.trim();
        let typed = match input.rsplit_once(CHECKIN_PATH) {
            Some((_, rest)) => rest.split(['?', '#', '/']).next().unwrap_or(rest),
            None => input,
        };

        let mut values = Vec::with_capacity(CODE_CHARS);
        for c in typed.chars().map(to_half_width) {
            if c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–' | '—') {
                continue;
            }
            let upper = c.to_ascii_uppercase();
            match value_of(upper) {
                Some(value) => values.push(value),
                None if matches!(upper, '0' | 'O' | '1' | 'I') => {
                    return Err(Text::new(
                        format!("签到码不含“{c}”：签到码不使用 0、O、1、I，请核对后重新输入"),
                        format!(
                            "Check-in codes never contain “{c}” (no 0, O, 1 or I); check the code and type it again"
                        ),
                    ));
                }
                None => {
                    return Err(Text::new(
                        format!("签到码不含“{c}”：签到码只由数字 2–9 和英文字母组成"),
                        format!("Check-in codes never contain “{c}”; they use only digits 2–9 and letters"),
                    ));
                }
            }
        }

        if values.is_empty() {
            return Err(Text::new("请输入签到码", "Enter the check-in code"));
        }
        if values.len() != CODE_CHARS {
            let count = values.len();
            return Err(Text::new(
                format!("签到码应为 {CODE_CHARS} 位，当前为 {count} 位"),
                format!("A check-in code has {CODE_CHARS} characters, not {count}"),
            ));
        }
        if !luhn_sum(&values, 1).is_multiple_of(32) {
            return Err(Text::new(
                "签到码有误，请核对后重新输入",
                "This check-in code is mistyped; check it and type it again",
            ));
        }

        Ok(CheckinCode(values.iter().map(|v| symbol(*v)).collect()))
    }

    /// Returns the 8 characters without separator, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Formats the code for people, in two groups of four: "ABCD-EFGH".
    pub fn display(&self) -> String {
        let (head, tail) = self.0.split_at_checked(CODE_CHARS / 2).unwrap_or((&self.0, ""));
        format!("{head}-{tail}")
    }

    /// Builds the QR payload path. Prefix the site's origin for a full URL.
    pub fn qr_payload(&self) -> String {
        format!("{CHECKIN_PATH}{}", self.0)
    }
}

/// Draws a new code from `rng`, which should be a secure generator such as
/// `rand::rng()`.
#[cfg(feature = "ssr")]
pub fn generate_code<R: rand::Rng + ?Sized>(rng: &mut R) -> CheckinCode {
    let mut bytes = [0u8; RANDOM_CHARS];
    rng.fill(&mut bytes);
    CheckinCode::from_random(bytes)
}

/// Renders a QR code containing `payload` as SVG. Returns `None` if the
/// payload is too long for a QR code (over 2 331 bytes at the medium error
/// correction level used here).
#[cfg(feature = "ssr")]
pub fn qr_svg(payload: &str) -> Option<String> {
    use qrcode::render::svg;
    use qrcode::{EcLevel, QrCode};

    let code = QrCode::with_error_correction_level(payload, EcLevel::M).ok()?;
    Some(code.render::<svg::Color>().min_dimensions(200, 200).build())
}

fn symbol(value: u8) -> char {
    CODE_ALPHABET.get(usize::from(value)).map_or('?', |b| char::from(*b))
}

fn value_of(c: char) -> Option<u8> {
    let byte = u8::try_from(c).ok()?;
    let position = CODE_ALPHABET.iter().position(|b| *b == byte)?;
    u8::try_from(position).ok()
}

/// Maps full-width ASCII forms (U+FF01 to U+FF5E), which Chinese input
/// methods produce, to ASCII.
fn to_half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        other => other,
    }
}

/// Luhn mod 32 sum over `values`, doubling every second value counted from
/// the right, starting with factor `first_factor` at the rightmost value.
fn luhn_sum(values: &[u8], first_factor: u32) -> u32 {
    let mut factor = first_factor;
    let mut sum = 0;
    for value in values.iter().rev() {
        let addend = u32::from(*value) * factor;
        sum += addend / 32 + addend % 32;
        factor = 3 - factor;
    }
    sum
}

/// Computes the check value that makes the Luhn mod 32 sum of the whole code zero.
fn check_value(values: &[u8]) -> u8 {
    let remainder = luhn_sum(values, 2) % 32;
    u8::try_from((32 - remainder) % 32).unwrap_or(0)
}

#[cfg(test)]
#[path = "checkin_tests.rs"]
mod tests;
