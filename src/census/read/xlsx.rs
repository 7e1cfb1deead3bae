//! XLSX uploads, read with calamine's streaming cell reader so that a sheet
//! claiming a million rows is never laid out as a dense range.

use std::io::Cursor;

use calamine::{DataRef, Reader, SheetType, Xlsx};

use super::super::report::SheetError;
use super::{CellValue, Grid, Merged, zip_guard};

/// Name of the data sheet in the template; other workbooks use their first
/// worksheet.
pub const SHEET_NAME: &str = "资源普查";

/// Reads the census sheet of a workbook into a grid.
///
/// # Errors
///
/// [`SheetError::MalformedWorkbook`] for a damaged, truncated or encrypted
/// file or one without worksheets, [`SheetError::WorkbookTooLarge`] and
/// [`SheetError::TooManyRows`] beyond the limits.
pub(super) fn read(bytes: &[u8]) -> Result<Grid, SheetError> {
    zip_guard::check(bytes)?;

    // calamine 0.38 panics on some damaged files, for example on a cell
    // reference such as `A99999999999` whose row overflows u32. That happens
    // in builds with overflow checks, and release builds wrap silently. A
    // panic in the parser must not take the request down, so it becomes a
    // damaged-file error. The grid is built inside the closure, so nothing
    // half-updated escapes.
    std::panic::catch_unwind(|| read_unchecked(bytes)).unwrap_or_else(|_| {
        tracing::warn!(
            bytes = bytes.len(),
            "XLSX parser panicked on an uploaded file; rejected as damaged"
        );
        Err(SheetError::MalformedWorkbook)
    })
}

fn read_unchecked(bytes: &[u8]) -> Result<Grid, SheetError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| SheetError::MalformedWorkbook)?;
    let sheet = choose_sheet(&workbook).ok_or(SheetError::MalformedWorkbook)?;

    let mut grid = Grid::default();
    let merged = workbook
        .merge_cells_by_sheet_name(&sheet)
        .map_err(|_| SheetError::MalformedWorkbook)?;
    // calamine does not check that a range's end follows its start.
    grid.merged = merged
        .iter()
        .map(|dimensions| Merged {
            first_row: dimensions.start.0.min(dimensions.end.0),
            first_col: dimensions.start.1.min(dimensions.end.1),
            last_row: dimensions.start.0.max(dimensions.end.0),
            last_col: dimensions.start.1.max(dimensions.end.1),
        })
        .collect();

    let mut cells = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|_| SheetError::MalformedWorkbook)?;
    while let Some(cell) = cells
        .next_cell_with_formula_metadata()
        .map_err(|_| SheetError::MalformedWorkbook)?
    {
        let (row, col) = cell.pos;
        let value = if cell.formula.is_some() {
            CellValue::Formula
        } else {
            match cell_value(cell.value) {
                Some(value) => value,
                None => continue,
            }
        };
        grid.push(row, col, value)?;
    }
    Ok(grid)
}

/// Picks the sheet named [`SHEET_NAME`], else the first worksheet.
fn choose_sheet(workbook: &Xlsx<Cursor<&[u8]>>) -> Option<String> {
    let sheets = workbook.sheets_metadata();
    sheets
        .iter()
        .find(|sheet| sheet.name == SHEET_NAME)
        .or_else(|| sheets.iter().find(|sheet| sheet.typ == SheetType::WorkSheet))
        .map(|sheet| sheet.name.clone())
}

/// Converts a cell to the text it shows or to its problem, and returns
/// `None` for an empty cell.
fn cell_value(value: DataRef<'_>) -> Option<CellValue> {
    let value = match value {
        DataRef::Empty => return None,
        DataRef::String(text) => CellValue::Text(text),
        DataRef::SharedString(text) => CellValue::Text(text.to_owned()),
        // Integers and floats print in their shortest exact form: 200.0
        // prints "200", 116.397128 prints "116.397128".
        DataRef::Int(n) => CellValue::Text(n.to_string()),
        DataRef::Float(x) => CellValue::Text(x.to_string()),
        DataRef::Bool(b) => CellValue::Text(if b { "TRUE" } else { "FALSE" }.to_owned()),
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) | DataRef::DurationIso(_) => CellValue::DateTime,
        DataRef::Error(code) => CellValue::ErrorValue(code.to_string()),
    };
    Some(value)
}
