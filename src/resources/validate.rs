//! Input rules of the resource and programme forms. Plain functions: the
//! server applies them to every save and to every imported row.

use std::collections::BTreeMap;

use super::form::{ProgrammeForm, ResourceForm, ResourceRecord};
use super::model::{FeeKind, ResourceType, Stage, Theme};
use super::opening_hours::{self, OpeningHours};
use crate::accounts::api::orgs::picked_region;
use crate::accounts::validate::{FieldErrors, required_text};
use crate::census::validate::phone::normalise_phone;
use crate::error::AppError;
use crate::geo::{Datum, LatLng, is_in_china};
use crate::i18n::Text;
use crate::regions::is_valid_code;

pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_ADDRESS_CHARS: usize = 200;
pub const MAX_LONG_TEXT_CHARS: usize = 2000;
pub const MAX_NOTE_CHARS: usize = 200;
pub const MAX_CONTACT_NAME_CHARS: usize = 50;
/// Largest group a venue can declare, in people; the census sheet uses the
/// same bound.
pub const MAX_GROUP_CAPACITY: i32 = 10_000;
/// Longest programme, in minutes (one school day).
pub const MAX_DURATION_MINUTES: i32 = 600;

/// A resource that passed validation, ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewResource {
    pub record: ResourceRecord,
    pub opening_hours: OpeningHours,
    /// The datum the coordinates were given in; `record` holds WGS-84.
    pub source_datum: Datum,
}

/// A programme that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProgramme {
    pub name: String,
    pub description: String,
    pub themes: Vec<Theme>,
    pub stages: Vec<Stage>,
    pub duration_minutes: i32,
    pub capacity_per_session: i32,
    pub pupils_per_teacher: i32,
    pub fee_kind: FeeKind,
    pub fee_note: String,
    pub published: bool,
}

fn optional_text(errors: &mut FieldErrors, field: &str, value: &str, label: (&str, &str), max: usize) -> String {
    let value = value.trim();
    if value.chars().count() > max {
        errors.add(
            field,
            format!("{}不能超过 {max} 个字", label.0),
            format!("{} can have at most {max} characters", label.1),
        );
    }
    value.to_owned()
}

fn required(errors: &mut FieldErrors, field: &str, value: &str, label: (&str, &str), max: usize) -> String {
    match required_text(value, label.0, label.1, max) {
        Ok(value) => value,
        Err(message) => {
            errors.add_text(field, message);
            String::new()
        }
    }
}

/// Reads ticked checkboxes (`code → "on"`) into vocabulary values, in
/// vocabulary order; unknown codes are an error.
fn ticked<T: Copy + PartialEq>(
    errors: &mut FieldErrors,
    field: &str,
    boxes: &BTreeMap<String, String>,
    all: &[T],
    from_code: fn(&str) -> Option<T>,
    label: (&str, &str),
) -> Vec<T> {
    let mut chosen = Vec::new();
    for code in boxes.keys() {
        match from_code(code) {
            Some(value) => chosen.push(value),
            None => errors.add(
                field,
                format!("{}中有未知的选项“{code}”，请刷新页面后重选", label.0),
                format!(
                    "{} has an unknown option “{code}”; reload the page and choose again",
                    label.1
                ),
            ),
        }
    }
    if chosen.is_empty() && errors.0.iter().all(|e| e.field != field) {
        errors.add(
            field,
            format!("请至少选择一项{}", label.0),
            format!("Choose at least one {}", label.1.to_lowercase()),
        );
    }
    all.iter().copied().filter(|value| chosen.contains(value)).collect()
}

fn whole_number(errors: &mut FieldErrors, field: &str, value: &str, range: (i32, i32), label: (&str, &str)) -> i32 {
    let (min, max) = range;
    match value.trim().parse::<i32>() {
        Ok(number) if (min..=max).contains(&number) => number,
        _ => {
            errors.add(
                field,
                format!("{}应为 {min} 到 {max} 之间的整数", label.0),
                format!("{} must be a whole number from {min} to {max}", label.1),
            );
            0
        }
    }
}

fn fee(errors: &mut FieldErrors, field: &str, value: &str) -> Option<FeeKind> {
    let fee = FeeKind::from_code(value.trim());
    if fee.is_none() {
        errors.add(field, "请选择收费方式", "Choose how visits are charged");
    }
    fee
}

/// Parses the coordinate pair in `datum` and converts it to WGS-84. Both
/// empty means no location.
pub fn coordinates(errors: &mut FieldErrors, latitude: &str, longitude: &str, datum: Datum) -> Option<LatLng> {
    let (latitude, longitude) = (latitude.trim(), longitude.trim());
    if latitude.is_empty() && longitude.is_empty() {
        return None;
    }
    let lat = latitude.parse::<f64>().ok().filter(|v| v.is_finite());
    let lng = longitude.parse::<f64>().ok().filter(|v| v.is_finite());
    let (Some(lat), Some(lng)) = (lat, lng) else {
        if lat.is_none() {
            errors.add(
                "latitude",
                "纬度应为小数度数，例如 39.9042",
                "Latitude must be decimal degrees, for example 39.9042",
            );
        }
        if lng.is_none() {
            errors.add(
                "longitude",
                "经度应为小数度数，例如 116.4074",
                "Longitude must be decimal degrees, for example 116.4074",
            );
        }
        return None;
    };
    let given = LatLng::new(lat, lng);
    if !given.is_valid() || !is_in_china(given) {
        errors.add(
            "latitude",
            "坐标不在中国境内，请检查纬度和经度是否填反",
            "The coordinates are outside China; check that latitude and longitude are not swapped",
        );
        return None;
    }
    Some(datum.to_wgs84(given))
}

/// Checks a posted resource form.
///
/// # Errors
///
/// [`AppError::Validation`] naming every invalid field.
pub fn check_resource_form(form: &ResourceForm) -> Result<NewResource, AppError> {
    let mut errors = FieldErrors::default();

    let datum = if form.datum.trim().is_empty() {
        Datum::Wgs84
    } else {
        Datum::parse(&form.datum).unwrap_or_else(|| {
            errors.add("datum", "请选择坐标系", "Choose the coordinate system");
            Datum::Wgs84
        })
    };
    let location = coordinates(&mut errors, &form.latitude, &form.longitude, datum);
    let resource_type = ResourceType::from_code(form.resource_type.trim());
    if resource_type.is_none() {
        errors.add("resource_type", "请选择资源类型", "Choose the resource type");
    }

    let record = ResourceRecord {
        name: required(&mut errors, "name", &form.name, ("资源名称", "Name"), MAX_NAME_CHARS),
        resource_type,
        themes: ticked(
            &mut errors,
            "themes",
            &form.themes,
            Theme::ALL,
            Theme::from_code,
            ("主题", "Theme"),
        ),
        stages: ticked(
            &mut errors,
            "stages",
            &form.stages,
            Stage::ALL,
            Stage::from_code,
            ("适合学段", "School stage"),
        ),
        summary: optional_text(
            &mut errors,
            "summary",
            &form.summary,
            ("简介", "Summary"),
            MAX_LONG_TEXT_CHARS,
        ),
        strengths: optional_text(
            &mut errors,
            "strengths",
            &form.strengths,
            ("特色优势", "Strengths"),
            MAX_LONG_TEXT_CHARS,
        ),
        services: optional_text(
            &mut errors,
            "services",
            &form.services,
            ("服务内容", "Services"),
            MAX_LONG_TEXT_CHARS,
        ),
        opening_hours_text: form.opening_hours.trim().to_owned(),
        contact_name: required(
            &mut errors,
            "contact_name",
            &form.contact_name,
            ("联系人", "Contact name"),
            MAX_CONTACT_NAME_CHARS,
        ),
        contact_phone: match normalise_phone(&form.contact_phone) {
            Ok(phone) => phone,
            Err(_) => {
                errors.add(
                    "contact_phone",
                    "联系电话应为手机号（如 13812345678）或座机号（如 010-12345678）",
                    "The contact phone must be a mobile (13812345678) or landline number (010-12345678)",
                );
                String::new()
            }
        },
        region_code: picked_region(
            &form.region,
            &form.region_province,
            &form.region_city,
            &form.region_county,
        )
        .trim()
        .to_owned(),
        address: required(
            &mut errors,
            "address",
            &form.address,
            ("地址", "Address"),
            MAX_ADDRESS_CHARS,
        ),
        latitude: location.map(|p| p.lat),
        longitude: location.map(|p| p.lng),
        group_capacity: whole_number(
            &mut errors,
            "group_capacity",
            &form.group_capacity,
            (1, MAX_GROUP_CAPACITY),
            ("团体接待人数", "Group capacity"),
        ),
        fee_kind: fee(&mut errors, "fee_kind", &form.fee_kind),
        fee_note: optional_text(
            &mut errors,
            "fee_note",
            &form.fee_note,
            ("收费说明", "Fee note"),
            MAX_NOTE_CHARS,
        ),
        accessibility_notes: optional_text(
            &mut errors,
            "accessibility_notes",
            &form.accessibility_notes,
            ("无障碍说明", "Accessibility notes"),
            MAX_LONG_TEXT_CHARS,
        ),
        safety_notes: optional_text(
            &mut errors,
            "safety_notes",
            &form.safety_notes,
            ("安全须知", "Safety notes"),
            MAX_LONG_TEXT_CHARS,
        ),
    };
    if !is_valid_code(&record.region_code) {
        errors.add(
            "region",
            "请选择所在地区（到区县一级）",
            "Choose the region, down to the county",
        );
    }
    let opening_hours = match opening_hours::parse(&record.opening_hours_text) {
        Ok(hours) => Some(hours),
        Err(message) => {
            errors.add_text("opening_hours", message);
            None
        }
    };

    errors.finish()?;
    Ok(NewResource {
        record,
        opening_hours: opening_hours.unwrap_or_default(),
        source_datum: datum,
    })
}

/// Checks a posted programme form.
///
/// # Errors
///
/// [`AppError::Validation`] naming every invalid field.
pub fn check_programme_form(form: &ProgrammeForm) -> Result<NewProgramme, AppError> {
    let mut errors = FieldErrors::default();
    let programme = NewProgramme {
        name: required(&mut errors, "name", &form.name, ("课程名称", "Name"), MAX_NAME_CHARS),
        description: optional_text(
            &mut errors,
            "description",
            &form.description,
            ("课程介绍", "Description"),
            MAX_LONG_TEXT_CHARS,
        ),
        themes: ticked(
            &mut errors,
            "themes",
            &form.themes,
            Theme::ALL,
            Theme::from_code,
            ("主题", "Theme"),
        ),
        stages: ticked(
            &mut errors,
            "stages",
            &form.stages,
            Stage::ALL,
            Stage::from_code,
            ("适合学段", "School stage"),
        ),
        duration_minutes: whole_number(
            &mut errors,
            "duration_minutes",
            &form.duration_minutes,
            (10, MAX_DURATION_MINUTES),
            ("时长（分钟）", "Duration in minutes"),
        ),
        capacity_per_session: whole_number(
            &mut errors,
            "capacity_per_session",
            &form.capacity_per_session,
            (1, MAX_GROUP_CAPACITY),
            ("每场人数", "Pupils per session"),
        ),
        pupils_per_teacher: whole_number(
            &mut errors,
            "pupils_per_teacher",
            &form.pupils_per_teacher,
            (1, 100),
            ("师生比（每名教师带学生数）", "Pupils per teacher"),
        ),
        fee_kind: fee(&mut errors, "fee_kind", &form.fee_kind).unwrap_or(FeeKind::Free),
        fee_note: optional_text(
            &mut errors,
            "fee_note",
            &form.fee_note,
            ("收费说明", "Fee note"),
            MAX_NOTE_CHARS,
        ),
        published: form.status.trim() == "published",
    };
    errors.finish()?;
    Ok(programme)
}

/// The message for a reason field: required, at most 500 characters.
///
/// # Errors
///
/// A field error on `reason`.
pub fn check_reason(reason: &str) -> Result<String, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field(
            "reason",
            "请填写退回原因，申请人将看到它",
            "Give a reason; the applicant sees it",
        ));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field(
            "reason",
            "退回原因不能超过 500 个字",
            "The reason can have at most 500 characters",
        ));
    }
    Ok(reason.to_owned())
}

/// Text for an imported row that failed: `第 N 行：message`.
pub fn row_message(row: usize, message: &Text) -> Text {
    Text::new(
        format!("第 {row} 条：{}", message.zh),
        format!("Record {row}: {}", message.en),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_form() -> ResourceForm {
        ResourceForm {
            name: "中国科学技术馆".into(),
            resource_type: "science_centre".into(),
            themes: BTreeMap::from([("science_inquiry".into(), "on".into())]),
            stages: BTreeMap::from([
                ("primary_upper".into(), "on".into()),
                ("junior_secondary".into(), "on".into()),
            ]),
            opening_hours: "周二至周日 9:30-17:00，周一闭馆".into(),
            contact_name: "接待部".into(),
            contact_phone: "010-59041000".into(),
            region: "110105".into(),
            address: "北京市朝阳区北辰东路5号".into(),
            latitude: "40.0036".into(),
            longitude: "116.3921".into(),
            group_capacity: "200".into(),
            fee_kind: "free".into(),
            ..ResourceForm::default()
        }
    }

    fn fields_of(error: AppError) -> Vec<String> {
        match error {
            AppError::Validation(list) => list.into_iter().map(|e| e.field).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn valid_form_passes() {
        let resource = check_resource_form(&valid_form()).expect("valid");
        assert_eq!(
            resource.record.stages,
            vec![Stage::PrimaryUpper, Stage::JuniorSecondary]
        );
        assert_eq!(resource.record.resource_type, Some(ResourceType::ScienceCentre));
        assert_eq!(resource.source_datum, Datum::Wgs84);
        assert!(!resource.opening_hours.weekly.is_closed_all_week());
    }

    #[test]
    fn bad_hours_error_sits_beside_field() {
        let form = ResourceForm {
            opening_hours: "看心情开门".into(),
            ..valid_form()
        };
        assert_eq!(
            fields_of(check_resource_form(&form).unwrap_err()),
            vec!["opening_hours"]
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let form = ResourceForm {
            name: " ".into(),
            themes: BTreeMap::new(),
            stages: BTreeMap::from([("kindergarten".into(), "on".into())]),
            latitude: "abc".into(),
            group_capacity: "0".into(),
            fee_kind: "maybe".into(),
            contact_phone: "12345".into(),
            region: "11".into(),
            ..valid_form()
        };
        let fields = fields_of(check_resource_form(&form).unwrap_err());
        for expected in [
            "name",
            "themes",
            "stages",
            "latitude",
            "group_capacity",
            "fee_kind",
            "contact_phone",
            "region",
        ] {
            assert!(
                fields.contains(&expected.to_owned()),
                "{expected} missing from {fields:?}"
            );
        }
    }

    #[test]
    fn swapped_coordinates_are_rejected() {
        let form = ResourceForm {
            latitude: "116.3921".into(),
            longitude: "40.0036".into(),
            ..valid_form()
        };
        assert_eq!(fields_of(check_resource_form(&form).unwrap_err()), vec!["latitude"]);
    }

    #[test]
    fn gcj02_input_is_stored_as_wgs84() {
        let form = ResourceForm {
            datum: "gcj02".into(),
            ..valid_form()
        };
        let resource = check_resource_form(&form).expect("valid");
        assert_eq!(resource.source_datum, Datum::Gcj02);
        let lat = resource.record.latitude.expect("latitude");
        assert!((lat - 40.0036).abs() > 1e-5, "converted, not copied");
        assert!((lat - 40.0036).abs() < 0.01, "offset stays under a kilometre");
    }

    #[test]
    fn programme_limits_are_checked() {
        let form = ProgrammeForm {
            name: "科学实验课".into(),
            themes: BTreeMap::from([("science_inquiry".into(), "on".into())]),
            stages: BTreeMap::from([("junior_secondary".into(), "on".into())]),
            duration_minutes: "5".into(),
            capacity_per_session: "40".into(),
            pupils_per_teacher: "20".into(),
            fee_kind: "free".into(),
            ..ProgrammeForm::default()
        };
        assert_eq!(
            fields_of(check_programme_form(&form).unwrap_err()),
            vec!["duration_minutes"]
        );
        let fixed = ProgrammeForm {
            duration_minutes: "90".into(),
            ..form
        };
        assert_eq!(check_programme_form(&fixed).expect("valid").duration_minutes, 90);
    }

    #[test]
    fn empty_reason_is_rejected() {
        assert!(check_reason("  ").is_err());
        assert_eq!(check_reason(" 地址有误 ").expect("valid"), "地址有误");
    }
}
