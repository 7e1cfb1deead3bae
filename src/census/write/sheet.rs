//! The header row shared by the template and the export.

use rust_xlsxwriter::{Color, DataValidation, Format, FormatAlign, FormatBorder, Note, Worksheet, XlsxError};

use super::super::columns::{COLUMNS, Column};
use crate::geo::Datum;
use crate::i18n::Locale;
use crate::resources::model::{FeeKind, ResourceType};

/// Background of required and optional header cells.
const REQUIRED_FILL: u32 = 0xFCE4D6;
const OPTIONAL_FILL: u32 = 0xEDEDED;

/// Excel's maximum length of one cell, in UTF-16 code units.
const MAX_CELL_UNITS: usize = 32_767;

/// Drop-down lists cover this many data rows below the header (the row
/// limit of an import).
const VALIDATED_ROWS: u32 = super::super::read::MAX_DATA_ROWS as u32;

pub fn header_format(required: bool) -> Format {
    let fill = if required { REQUIRED_FILL } else { OPTIONAL_FILL };
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(fill))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
}

/// Writes the template's header row with notes, widths, a frozen first
/// row, text format for text columns, and drop-downs for single-choice
/// columns.
pub fn write_census_header(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    let text = Format::new().set_num_format("@");
    for (index, spec) in COLUMNS.iter().enumerate() {
        let col = u16::try_from(index).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, spec.header, &header_format(spec.required))?;
        sheet.set_column_width(col, spec.width)?;
        if !matches!(
            spec.column,
            Column::Longitude | Column::Latitude | Column::GroupCapacity
        ) {
            // Keeps phone numbers' leading zeros and stops Excel turning
            // "9:00-17:00" into a time.
            sheet.set_column_format(col, &text)?;
        }

        let required = if spec.required { "必填" } else { "选填" };
        let note = Note::new(format!("{required}。{}", spec.description))
            .set_author("协育")
            .add_author_prefix(false)
            .set_width(260)
            .set_height(90);
        sheet.insert_note(0, col, &note)?;
    }
    sheet.set_freeze_panes(1, 0)?;

    let types: Vec<&str> = ResourceType::ALL.iter().map(|t| t.label(Locale::Zh)).collect();
    let fees: Vec<&str> = FeeKind::ALL.iter().map(|f| f.label(Locale::Zh)).collect();
    let datums: Vec<&str> = Datum::ALL.iter().map(|d| d.code()).collect();
    add_list(sheet, Column::ResourceType, &types)?;
    add_list(sheet, Column::Fee, &fees)?;
    add_list(sheet, Column::Datum, &datums)?;
    Ok(())
}

fn add_list(sheet: &mut Worksheet, column: Column, values: &[&str]) -> Result<(), XlsxError> {
    let col = u16::try_from(column.index()).unwrap_or(u16::MAX);
    let validation = DataValidation::new()
        .allow_list_strings(values)?
        .set_error_title("请从下拉列表中选择")?
        .set_error_message(format!("“{}”只能填写：{}", column.header(), values.join("、")))?;
    sheet.add_data_validation(1, col, VALIDATED_ROWS, col, &validation)?;
    Ok(())
}

/// Cuts text to what one Excel cell can hold.
pub fn fit_cell(text: &str) -> &str {
    let mut units = 0;
    for (end, c) in text.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL_UNITS {
            return text.get(..end).unwrap_or_default();
        }
    }
    text
}

/// Column position as rust_xlsxwriter numbers it.
pub fn col(column: Column) -> u16 {
    u16::try_from(column.index()).unwrap_or(u16::MAX)
}
