//! Exporting resources in the template's layout, so the file can be edited
//! and imported again.

use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::WriteError;
use super::sheet::{col, fit_cell, write_census_header};
use crate::census::columns::Column;
use crate::census::record::ExportRow;
use crate::geo::Datum;
use crate::i18n::Locale;

/// Writes `rows` below the template's header on a sheet named 资源普查.
/// Coordinates are written in WGS-84 with 坐标系 = WGS-84, the form they
/// are stored in, so a re-import reads back the same points.
///
/// # Errors
///
/// [`WriteError`] when rust_xlsxwriter rejects the content, for example
/// more rows than Excel allows (1,048,575 below the header).
pub fn export_xlsx(rows: &[ExportRow]) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let mut sheet = Worksheet::new();
    sheet.set_name(crate::census::read::SHEET_NAME)?;
    write_census_header(&mut sheet)?;

    let degrees = Format::new().set_num_format("0.000000");
    for (i, record) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| rust_xlsxwriter::XlsxError::RowColumnLimitError)?;
        for (column, text) in text_cells(record) {
            if !text.is_empty() {
                sheet.write_string(row, col(column), fit_cell(&text))?;
            }
        }
        if let Some(location) = record.location {
            sheet.write_number_with_format(row, col(Column::Longitude), location.lng, &degrees)?;
            sheet.write_number_with_format(row, col(Column::Latitude), location.lat, &degrees)?;
            sheet.write_string(row, col(Column::Datum), Datum::Wgs84.code())?;
        }
        if let Some(capacity) = record.group_capacity {
            sheet.write_number(row, col(Column::GroupCapacity), capacity)?;
        }
    }

    workbook.push_worksheet(sheet);
    Ok(workbook.save_to_buffer()?)
}

/// Collects the text columns of one export row.
fn text_cells(record: &ExportRow) -> Vec<(Column, String)> {
    let join = |labels: Vec<&str>| labels.join("、");
    vec![
        (Column::ProviderName, record.provider_name.clone()),
        (Column::ResourceName, record.name.clone()),
        (
            Column::ResourceType,
            record
                .resource_type
                .map(|t| t.label(Locale::Zh))
                .unwrap_or_default()
                .to_owned(),
        ),
        (
            Column::Themes,
            join(record.themes.iter().map(|t| t.label(Locale::Zh)).collect()),
        ),
        (
            Column::Stages,
            join(record.stages.iter().map(|s| s.label(Locale::Zh)).collect()),
        ),
        (Column::Region, record.region.clone()),
        (Column::Address, record.address.clone()),
        (Column::ContactName, record.contact_name.clone()),
        (Column::ContactPhone, record.contact_phone.clone()),
        (Column::OpeningHours, record.opening_hours.clone()),
        (
            Column::Fee,
            record.fee.map(|f| f.label(Locale::Zh)).unwrap_or_default().to_owned(),
        ),
        (Column::Strengths, record.strengths.clone().unwrap_or_default()),
        (Column::Services, record.services.clone().unwrap_or_default()),
        (Column::SafetyNotes, record.safety_notes.clone().unwrap_or_default()),
    ]
}
