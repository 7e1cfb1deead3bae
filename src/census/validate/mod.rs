//! Validation of a read sheet: every row, every column, and duplicates.
//!
//! Validation never stops at the first problem: the report lists every
//! error it finds, so the user can fix the sheet in one pass.

mod fields;
mod location;
pub mod phone;
pub mod region;

pub use fields::{MAX_GROUP_CAPACITY, MIN_GROUP_CAPACITY};
pub use location::DEFAULT_DATUM;
pub use region::{RegionIndex, RegionLookup, RegionMatch, resolve_region};

use fields::{
    MAX_ADDRESS_CHARS, MAX_LONG_TEXT_CHARS, MAX_NAME_CHARS, MAX_OPENING_HOURS_CHARS, RowCheck, excerpt, zh_labels,
};
use phone::{PhoneError, normalise_phone};

use super::columns::Column;
use super::duplicates::{Candidate, DuplicateOf, find_duplicates};
use super::raw::RawSheet;
use super::record::{CensusRecord, ExistingResource};
use super::report::{RowError, ValidationReport};
use crate::geo::{Datum, LatLng};
use crate::i18n::Text;
use crate::resources::model::{FeeKind, ResourceType, Stage, Theme};

/// Validates every row of `sheet`, resolving regions with `regions` and
/// looking for duplicates within the sheet and against `existing`.
pub fn validate(sheet: &RawSheet, regions: &dyn RegionLookup, existing: &[ExistingResource]) -> ValidationReport {
    let mut errors = sheet.cell_errors.clone();
    let mut records = Vec::with_capacity(sheet.rows.len());
    let mut candidates = Vec::new();

    for row in &sheet.rows {
        let mut check = RowCheck::new(row);
        let record = check_row(&mut check, regions);

        if let (Some(name), Some((location, _))) = (&record.name, record.location) {
            candidates.push(Candidate {
                row: row.row,
                name: name.clone(),
                location,
            });
        }
        match record.finish(row.row) {
            Some(record) if check.errors.is_empty() => records.push(record),
            _ => {}
        }
        errors.append(&mut check.errors);
    }

    for (row, duplicate) in find_duplicates(&candidates, existing) {
        errors.push(duplicate_error(row, &duplicate));
    }

    // Rows with a reader or duplicate error must not yield a record either.
    let rows_with_errors: std::collections::HashSet<u32> = errors.iter().map(|error| error.row).collect();
    records.retain(|record| !rows_with_errors.contains(&record.row));

    ValidationReport::new(sheet.rows.len(), errors, records)
}

/// The parsed fields of one row; a field is `None` when its cell is invalid.
struct Draft {
    provider_name: Option<String>,
    name: Option<String>,
    resource_type: Option<ResourceType>,
    themes: Option<Vec<Theme>>,
    stages: Option<Vec<Stage>>,
    region_code: Option<String>,
    address: Option<String>,
    location: Option<(LatLng, Datum)>,
    contact_name: Option<String>,
    contact_phone: Option<String>,
    opening_hours: Option<String>,
    group_capacity: Option<u32>,
    fee: Option<FeeKind>,
    strengths: Option<Option<String>>,
    services: Option<Option<String>>,
    safety_notes: Option<Option<String>>,
}

impl Draft {
    fn finish(self, row: u32) -> Option<CensusRecord> {
        let (location, source_datum) = self.location?;
        Some(CensusRecord {
            row,
            provider_name: self.provider_name?,
            name: self.name?,
            resource_type: self.resource_type?,
            themes: self.themes?,
            stages: self.stages?,
            region_code: self.region_code?,
            address: self.address?,
            location,
            source_datum,
            contact_name: self.contact_name?,
            contact_phone: self.contact_phone?,
            opening_hours: self.opening_hours?,
            group_capacity: self.group_capacity?,
            fee: self.fee?,
            strengths: self.strengths?,
            services: self.services?,
            safety_notes: self.safety_notes?,
        })
    }
}

fn check_row(check: &mut RowCheck<'_>, regions: &dyn RegionLookup) -> Draft {
    let types = zh_labels(ResourceType::ALL, ResourceType::label);
    let themes = zh_labels(Theme::ALL, Theme::label);
    let stages = zh_labels(Stage::ALL, Stage::label);
    let fees = zh_labels(FeeKind::ALL, FeeKind::label);

    Draft {
        provider_name: check.required_line(Column::ProviderName, MAX_NAME_CHARS),
        name: check.required_line(Column::ResourceName, MAX_NAME_CHARS),
        resource_type: check.one_of(Column::ResourceType, ResourceType::from_label, &types),
        themes: check.several_of(Column::Themes, Theme::from_label, &themes),
        stages: check.several_of(Column::Stages, Stage::from_label, &stages),
        region_code: region_code(check, regions),
        address: check.required_line(Column::Address, MAX_ADDRESS_CHARS),
        location: check.location(),
        contact_name: check.required_line(Column::ContactName, MAX_NAME_CHARS),
        contact_phone: contact_phone(check),
        opening_hours: opening_hours(check),
        group_capacity: check.group_capacity(),
        fee: check.one_of(Column::Fee, FeeKind::from_label, &fees),
        strengths: check.optional_text(Column::Strengths, MAX_LONG_TEXT_CHARS),
        services: check.optional_text(Column::Services, MAX_LONG_TEXT_CHARS),
        safety_notes: check.optional_text(Column::SafetyNotes, MAX_LONG_TEXT_CHARS),
    }
}

fn region_code(check: &mut RowCheck<'_>, regions: &dyn RegionLookup) -> Option<String> {
    let column = Column::Region;
    let raw = check.required_line(column, MAX_NAME_CHARS)?;
    let text = excerpt(&raw);
    let (zh, en) = match resolve_region(&raw, regions) {
        RegionMatch::Found(region) => return Some(region.code),
        RegionMatch::NotFound => (
            format!("所在地区“{text}”找不到，请填写区县的完整名称（如 北京市海淀区）或 6 位行政区划代码"),
            format!("Region \"{text}\" not found; write the full county name (e.g. 北京市海淀区) or its 6-digit code"),
        ),
        RegionMatch::Ambiguous(names) => {
            let example = names.first().cloned().unwrap_or_default();
            (
                format!(
                    "所在地区“{text}”有重名：{}，请写上省市名称，如“{example}”",
                    names.join("、")
                ),
                format!(
                    "Region \"{text}\" is ambiguous ({}); add the province and city, e.g. {example}",
                    names.join(", ")
                ),
            )
        }
        RegionMatch::NotSpecific(region) => (
            format!(
                "所在地区“{}”只到省或市一级，请填写到区县，如“北京市海淀区”",
                region.full_name
            ),
            format!(
                "Region \"{}\" is a province or city; name the county, e.g. 北京市海淀区",
                region.full_name
            ),
        ),
        RegionMatch::OutOfScope(region) => (
            format!(
                "所在地区“{}”不在您管理的地区范围内，请删除该行，或交由该地区的教育局导入",
                region.full_name
            ),
            format!(
                "Region \"{}\" is outside your area; delete the row or leave it to that region's bureau",
                region.full_name
            ),
        ),
    };
    check.error(column, zh, en);
    None
}

/// Keeps the text when the opening-hours parser reads it, so every
/// imported resource can answer "open on date D".
fn opening_hours(check: &mut RowCheck<'_>) -> Option<String> {
    let column = Column::OpeningHours;
    let raw = check.required_text(column, MAX_OPENING_HOURS_CHARS)?;
    match crate::resources::opening_hours::parse(&raw) {
        Ok(_) => Some(raw),
        Err(message) => {
            check.error(column, message.zh, message.en);
            None
        }
    }
}

fn contact_phone(check: &mut RowCheck<'_>) -> Option<String> {
    let column = Column::ContactPhone;
    let raw = check.required_line(column, MAX_NAME_CHARS)?;
    let text = excerpt(&raw);
    let (zh, en) = match normalise_phone(&raw) {
        Ok(phone) => return Some(phone),
        Err(PhoneError::Several) => (
            format!("联系电话“{text}”包含多个号码，请只填一个"),
            format!("Contact phone \"{text}\" has several numbers; keep one"),
        ),
        Err(PhoneError::Invalid) => (
            format!(
                "联系电话“{text}”格式不对，请填写 11 位手机号（如 13812345678），或带区号的座机（如 010-12345678、0755-1234567-801）"
            ),
            format!(
                "Contact phone \"{text}\" is invalid; write an 11-digit mobile number or a landline with area code (e.g. 010-12345678)"
            ),
        ),
    };
    check.error(column, zh, en);
    None
}

fn duplicate_error(row: u32, duplicate: &DuplicateOf) -> RowError {
    let message = match duplicate {
        DuplicateOf::Row {
            row: other,
            name,
            distance_m,
        } => Text::new(
            format!(
                "与第 {other} 行“{name}”重复：名称相同或相近，且相距约 {distance_m:.0} 米。如是同一资源，请删除其中一行；如确为不同资源，请在资源名称中写明区别（如分馆、展厅名称）"
            ),
            format!(
                "Duplicates row {other} (\"{name}\"): similar name about {distance_m:.0} m away. Delete one row, or make the names show the difference"
            ),
        ),
        DuplicateOf::Existing { id, name, distance_m } => Text::new(
            format!(
                "与平台已有资源“{name}”（编号 {id}）重复：名称相同或相近，且相距约 {distance_m:.0} 米。如是同一资源，请删除本行，到平台上修改已有资源；如确为不同资源，请在资源名称中写明区别"
            ),
            format!(
                "Duplicates the existing resource \"{name}\" (id {id}) about {distance_m:.0} m away. Delete the row and edit the existing resource, or make the names show the difference"
            ),
        ),
    };
    RowError {
        row,
        column: Column::ResourceName.header().to_owned(),
        message,
        duplicate: true,
    }
}
