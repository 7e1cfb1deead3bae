//! Input rules for accounts and organisations. Pure functions, used by the
//! server (the authority) and by forms for early hints.

use crate::error::FieldError;
use crate::i18n::Text;

/// Collects field errors of one form.
#[derive(Debug, Default)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, zh: impl Into<String>, en: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: Text::new(zh, en),
        });
    }

    pub fn add_text(&mut self, field: &str, message: Text) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message,
        });
    }

    /// `Ok(())` when no field failed, else [`crate::error::AppError::Validation`].
    ///
    /// # Errors
    ///
    /// The collected field errors.
    pub fn finish(self) -> Result<(), crate::error::AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(crate::error::AppError::Validation(self.0))
        }
    }
}

/// Normalises a mainland mobile number: drops spaces, hyphens and a +86 or
/// 86 prefix. `None` unless the result is 11 digits starting 13–19.
pub fn normalize_phone(input: &str) -> Option<String> {
    let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{3000}')).collect();
    let digits = digits
        .strip_prefix("+86")
        .or_else(|| digits.strip_prefix("86").filter(|d| d.len() == 11))
        .unwrap_or(&digits);
    let bytes = digits.as_bytes();
    let valid = bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1]);
    valid.then(|| digits.to_owned())
}

/// Masks a phone number for lists: 138****1234.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

/// Lower-cases and trims a username, or explains what is wrong with it:
/// 3–32 characters, a letter first, then letters, digits, `_`, `.` or `-`.
///
/// # Errors
///
/// A message for the username field.
pub fn normalize_username(input: &str) -> Result<String, Text> {
    let name = input.trim().to_ascii_lowercase();
    let mut chars = name.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'));
    if !(3..=32).contains(&name.len()) || !starts_with_letter || !rest_ok {
        return Err(Text::new(
            "用户名为 3–32 位，以英文字母开头，只能包含英文字母、数字和 _ . -",
            "A username has 3–32 characters: a letter first, then letters, digits, _ . or -",
        ));
    }
    Ok(name)
}

/// Checks a new password against the 等保 level 2 policy: at least 8
/// characters (at most 128), from at least three of upper case, lower case,
/// digits and symbols, and not containing the username.
///
/// # Errors
///
/// A message for the password field that says what is missing.
pub fn check_password_policy(password: &str, username: &str) -> Result<(), Text> {
    let length = password.chars().count();
    if length < 8 {
        return Err(Text::new(
            "密码至少需要 8 位",
            "The password needs at least 8 characters",
        ));
    }
    if length > 128 {
        return Err(Text::new(
            "密码不能超过 128 位",
            "The password can have at most 128 characters",
        ));
    }

    let classes = [
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if classes.iter().filter(|present| **present).count() < 3 {
        return Err(Text::new(
            "密码需包含大写字母、小写字母、数字、符号中的至少三种",
            "Use at least three of: upper-case letters, lower-case letters, digits, symbols",
        ));
    }

    let lower = password.to_lowercase();
    if username.len() >= 3 && lower.contains(&username.to_lowercase()) {
        return Err(Text::new(
            "密码不能包含用户名",
            "The password must not contain the username",
        ));
    }
    Ok(())
}

/// Trims a required text field and checks its length in characters.
///
/// # Errors
///
/// A message naming the field when it is empty or too long.
pub fn required_text(value: &str, label_zh: &str, label_en: &str, max_chars: usize) -> Result<String, Text> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Text::new(
            format!("请填写{label_zh}"),
            format!("{label_en} is required"),
        ));
    }
    if value.chars().count() > max_chars {
        return Err(Text::new(
            format!("{label_zh}不能超过 {max_chars} 个字"),
            format!("{label_en} can have at most {max_chars} characters"),
        ));
    }
    Ok(value.to_owned())
}

/// Characters of the 统一社会信用代码 (GB 32100-2015): digits and upper-case
/// letters without I, O, S, V, Z.
const CREDIT_CODE_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_CODE_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Whether `code` is a well-formed 18-character unified social credit code
/// with a correct check character.
pub fn is_valid_credit_code(code: &str) -> bool {
    let code = code.trim().to_ascii_uppercase();
    let values: Option<Vec<u32>> = code
        .chars()
        .map(|c| CREDIT_CODE_CHARS.find(c).and_then(|i| u32::try_from(i).ok()))
        .collect();
    let Some(values) = values else {
        return false;
    };
    if values.len() != 18 {
        return false;
    }
    let sum: u32 = values.iter().zip(CREDIT_CODE_WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    values[17] == check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_normalise() {
        assert_eq!(normalize_phone("138 1234 1234").as_deref(), Some("13812341234"));
        assert_eq!(normalize_phone("+86 138-1234-1234").as_deref(), Some("13812341234"));
        assert_eq!(normalize_phone("8613812341234").as_deref(), Some("13812341234"));
        assert_eq!(normalize_phone("12812341234"), None);
        assert_eq!(normalize_phone("1381234123"), None);
        assert_eq!(normalize_phone("010-12345678"), None);
    }

    #[test]
    fn phone_masking() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("12345"), "*****");
    }

    #[test]
    fn usernames() {
        assert_eq!(normalize_username(" Teacher.Li ").as_deref(), Ok("teacher.li"));
        assert!(normalize_username("ab").is_err());
        assert!(normalize_username("1abc").is_err());
        assert!(normalize_username("李老师").is_err());
    }

    #[test]
    fn password_policy() {
        assert!(check_password_policy("Abcdef12", "li").is_ok());
        assert!(check_password_policy("abcdef1!", "li").is_ok());
        assert!(check_password_policy("Abc12!", "li").is_err(), "too short");
        assert!(check_password_policy("abcdefgh1", "li").is_err(), "two classes only");
        assert!(
            check_password_policy("Zhang.san2025", "zhang.san").is_err(),
            "contains username"
        );
    }

    #[test]
    fn credit_codes() {
        // Check characters computed by the GB 32100-2015 weights.
        assert!(is_valid_credit_code("91350100M000100Y43"));
        assert!(!is_valid_credit_code("91350100M000100Y44"));
        assert!(!is_valid_credit_code("9135010"));
        assert!(!is_valid_credit_code("91350100M000100YO3"));
    }

    #[test]
    fn required_text_limits() {
        assert_eq!(
            required_text(" 海淀实验小学 ", "学校名称", "School name", 50).as_deref(),
            Ok("海淀实验小学")
        );
        assert!(required_text("  ", "学校名称", "School name", 50).is_err());
        assert!(required_text(&"校".repeat(51), "学校名称", "School name", 50).is_err());
    }
}
