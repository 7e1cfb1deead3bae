//! A school's booking request (预约申请) and the checks of its own fields.
//! Checks against the session are in [`super::rules`].

use serde::{Deserialize, Serialize};

use super::grade::Grade;
use crate::error::FieldError;
use crate::i18n::Text;

/// Form field names, as the booking form's `name` attributes.
pub mod fields {
    /// The hidden field naming the session; errors about the session itself go here.
    pub const SESSION: &str = "session_id";
    pub const CLASS_NAME: &str = "class_name";
    pub const GRADE: &str = "grade";
    pub const PUPILS: &str = "pupils";
    pub const TEACHERS: &str = "teachers";
    pub const LEAD_TEACHER: &str = "lead_teacher";
    pub const CONTACT_PHONE: &str = "contact_phone";

    /// The fields in the order the form shows them.
    pub const FORM_ORDER: [&str; 7] = [
        SESSION,
        CLASS_NAME,
        GRADE,
        PUPILS,
        TEACHERS,
        LEAD_TEACHER,
        CONTACT_PHONE,
    ];
}

/// Maximum length of a class name, in characters.
pub const CLASS_NAME_MAX_CHARS: usize = 30;
/// Maximum length of the lead teacher's name, in characters.
pub const LEAD_TEACHER_MAX_CHARS: usize = 20;

/// A school's request to book a session for one class group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRequest {
    /// For example "三年级（2）班".
    pub class_name: String,
    /// As typed or chosen, for example "三年级" or "初一"; see [`Grade::parse`].
    pub grade: String,
    pub pupils: u32,
    /// Accompanying teachers (带队教师), the lead teacher included.
    pub teachers: u32,
    pub lead_teacher: String,
    pub contact_phone: String,
}

/// Pushes a field error built from a Chinese and an English message.
pub(crate) fn push_error(errors: &mut Vec<FieldError>, field: &str, zh: String, en: String) {
    errors.push(FieldError {
        field: field.to_owned(),
        message: Text::new(zh, en),
    });
}

/// Checks the fields that need no session: class name, grade, lead teacher
/// and contact phone. Returns the parsed grade when it is valid.
pub fn check_fields(request: &BookingRequest, errors: &mut Vec<FieldError>) -> Option<Grade> {
    let class_name = request.class_name.trim();
    if class_name.is_empty() {
        push_error(
            errors,
            fields::CLASS_NAME,
            "请填写班级，例如 三年级（2）班".into(),
            "Enter the class, for example 三年级（2）班".into(),
        );
    } else if class_name.chars().count() > CLASS_NAME_MAX_CHARS {
        push_error(
            errors,
            fields::CLASS_NAME,
            format!("班级名称最多 {CLASS_NAME_MAX_CHARS} 个字"),
            format!("The class name can have at most {CLASS_NAME_MAX_CHARS} characters"),
        );
    }

    let grade = Grade::parse(&request.grade);
    if grade.is_none() {
        let typed = request.grade.trim();
        push_error(
            errors,
            fields::GRADE,
            format!("无法识别年级“{typed}”，请填写如 三年级、初一、高二"),
            format!("Unknown grade “{typed}”; write it as 三年级, 初一 or 高二"),
        );
    }

    let lead_teacher = request.lead_teacher.trim();
    if lead_teacher.is_empty() {
        push_error(
            errors,
            fields::LEAD_TEACHER,
            "请填写带队教师姓名".into(),
            "Enter the lead teacher's name".into(),
        );
    } else if lead_teacher.chars().count() > LEAD_TEACHER_MAX_CHARS {
        push_error(
            errors,
            fields::LEAD_TEACHER,
            format!("带队教师姓名最多 {LEAD_TEACHER_MAX_CHARS} 个字"),
            format!("The lead teacher's name can have at most {LEAD_TEACHER_MAX_CHARS} characters"),
        );
    }

    if normalise_phone(&request.contact_phone).is_none() {
        push_error(
            errors,
            fields::CONTACT_PHONE,
            "请填写有效的手机号或座机号，例如 13812345678 或 010-12345678".into(),
            "Enter a valid mobile or landline number, for example 13812345678 or 010-12345678".into(),
        );
    }

    grade
}

/// Normalises a Chinese phone number, or returns `None` if it is not one.
///
/// A mobile number has 11 digits starting with 13–19 and may carry a +86
/// or 0086 prefix; it is returned as the 11 digits. A landline number is an
/// area code starting with 0 (3–4 digits) and a 7–8 digit number; it is
/// returned as "area-number". Spaces, hyphens and brackets are ignored.
pub fn normalise_phone(text: &str) -> Option<String> {
    let mut digits = String::new();
    for c in text.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '(' | ')' | '（' | '）' => {}
            '+' if digits.is_empty() => {}
            _ => return None,
        }
    }

    let national = digits
        .strip_prefix("0086")
        .or_else(|| digits.strip_prefix("86").filter(|rest| rest.len() == 11))
        .unwrap_or(&digits);

    let is_mobile = national.len() == 11 && matches!(national.as_bytes(), [b'1', b'3'..=b'9', ..]);
    if is_mobile {
        return Some(national.to_owned());
    }

    // Area codes: 010 and 02X have three digits, all others four.
    if !national.starts_with('0') {
        return None;
    }
    let area_len = if national.starts_with("010") || national.starts_with("02") {
        3
    } else {
        4
    };
    let (area, local) = national.split_at_checked(area_len)?;
    if !(7..=8).contains(&local.len()) {
        return None;
    }
    Some(format!("{area}-{local}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_request() -> BookingRequest {
        BookingRequest {
            class_name: "三年级（2）班".into(),
            grade: "三年级".into(),
            pupils: 40,
            teachers: 2,
            lead_teacher: "王老师".into(),
            contact_phone: "138 1234 5678".into(),
        }
    }

    fn error_fields(request: &BookingRequest) -> Vec<String> {
        let mut errors = Vec::new();
        check_fields(request, &mut errors);
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn valid_fields_pass() {
        let mut errors = Vec::new();
        let grade = check_fields(&valid_request(), &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(grade.map(Grade::number), Some(3));
    }

    #[test]
    fn every_bad_field_reported() {
        let request = BookingRequest {
            class_name: "  ".into(),
            grade: "三班".into(),
            lead_teacher: "".into(),
            contact_phone: "12345".into(),
            ..valid_request()
        };
        assert_eq!(
            error_fields(&request),
            ["class_name", "grade", "lead_teacher", "contact_phone"]
        );
    }

    #[test]
    fn long_names_rejected() {
        let request = BookingRequest {
            class_name: "班".repeat(CLASS_NAME_MAX_CHARS + 1),
            lead_teacher: "王".repeat(LEAD_TEACHER_MAX_CHARS + 1),
            ..valid_request()
        };
        assert_eq!(error_fields(&request), ["class_name", "lead_teacher"]);
    }

    #[test]
    fn grade_message_quotes_input() {
        let mut errors = Vec::new();
        check_fields(
            &BookingRequest {
                grade: "十年级".into(),
                ..valid_request()
            },
            &mut errors,
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].message.zh,
            "无法识别年级“十年级”，请填写如 三年级、初一、高二"
        );
    }

    #[test]
    fn mobile_numbers_normalise() {
        assert_eq!(normalise_phone("13812345678").as_deref(), Some("13812345678"));
        assert_eq!(normalise_phone("+86 138-1234-5678").as_deref(), Some("13812345678"));
        assert_eq!(normalise_phone("008613812345678").as_deref(), Some("13812345678"));
        assert_eq!(normalise_phone("8613812345678").as_deref(), Some("13812345678"));
        assert_eq!(normalise_phone("12812345678"), None);
        assert_eq!(normalise_phone("1381234567"), None);
    }

    #[test]
    fn landline_numbers_normalise() {
        assert_eq!(normalise_phone("010-12345678").as_deref(), Some("010-12345678"));
        assert_eq!(normalise_phone("(021)1234567").as_deref(), Some("021-1234567"));
        assert_eq!(normalise_phone("0571 8888 8888").as_deref(), Some("0571-88888888"));
        assert_eq!(normalise_phone("0571-123456"), None);
        assert_eq!(normalise_phone("12345678"), None);
    }

    #[test]
    fn phone_with_letters_rejected() {
        assert_eq!(normalise_phone("138abc45678"), None);
        assert_eq!(normalise_phone("138+12345678"), None);
        assert_eq!(normalise_phone(""), None);
    }
}
