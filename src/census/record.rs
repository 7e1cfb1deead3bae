//! Typed census rows: what a valid sheet row becomes, what it is compared
//! with for duplicates, and what an export writes.

use serde::{Deserialize, Serialize};

use crate::geo::{Datum, LatLng};
use crate::resources::model::{FeeKind, ResourceType, Stage, Theme};

/// One valid row of a census sheet, ready to be stored as a resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CensusRecord {
    /// Row number in the sheet (1-based, header included), for messages
    /// after import.
    pub row: u32,
    pub provider_name: String,
    pub name: String,
    pub resource_type: ResourceType,
    /// At least one, in sheet order, without repeats.
    pub themes: Vec<Theme>,
    /// At least one, in sheet order, without repeats.
    pub stages: Vec<Stage>,
    /// Six-digit GB/T 2260 code of a county-level region (or of a city
    /// without counties, such as 东莞市).
    pub region_code: String,
    pub address: String,
    /// WGS-84, converted from the sheet's coordinate system.
    pub location: LatLng,
    /// The coordinate system the sheet gave, kept so that the original
    /// values can be shown or re-derived.
    pub source_datum: Datum,
    pub contact_name: String,
    /// Normalised: `13812345678`, `010-12345678`, `0755-1234567-801` or
    /// `400-123-4567`.
    pub contact_phone: String,
    /// Trimmed free text; parsed into opening rules elsewhere.
    pub opening_hours: String,
    /// Largest school group received at once, 1..=10000 pupils.
    pub group_capacity: u32,
    pub fee: FeeKind,
    pub strengths: Option<String>,
    pub services: Option<String>,
    pub safety_notes: Option<String>,
}

/// A resource already in the database, for the duplicate check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExistingResource {
    pub id: i64,
    pub name: String,
    /// WGS-84.
    pub location: LatLng,
}

/// One resource as written by the export. It has the template's columns,
/// so an exported file can be edited and imported again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRow {
    pub provider_name: String,
    pub name: String,
    pub resource_type: Option<ResourceType>,
    pub themes: Vec<Theme>,
    pub stages: Vec<Stage>,
    /// Full region name such as 北京市朝阳区 (the import resolves it back).
    pub region: String,
    pub address: String,
    /// WGS-84; written with the coordinate system `WGS-84`.
    pub location: Option<LatLng>,
    pub contact_name: String,
    pub contact_phone: String,
    pub opening_hours: String,
    pub group_capacity: Option<u32>,
    pub fee: Option<FeeKind>,
    pub strengths: Option<String>,
    pub services: Option<String>,
    pub safety_notes: Option<String>,
}

impl ExportRow {
    /// Builds an export row from an imported record and the full name of
    /// its region.
    pub fn from_record(record: &CensusRecord, region_full_name: &str) -> Self {
        Self {
            provider_name: record.provider_name.clone(),
            name: record.name.clone(),
            resource_type: Some(record.resource_type),
            themes: record.themes.clone(),
            stages: record.stages.clone(),
            region: region_full_name.to_owned(),
            address: record.address.clone(),
            location: Some(record.location),
            contact_name: record.contact_name.clone(),
            contact_phone: record.contact_phone.clone(),
            opening_hours: record.opening_hours.clone(),
            group_capacity: Some(record.group_capacity),
            fee: Some(record.fee),
            strengths: record.strengths.clone(),
            services: record.services.clone(),
            safety_notes: record.safety_notes.clone(),
        }
    }
}
