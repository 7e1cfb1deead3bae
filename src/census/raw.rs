//! A sheet as read from the file, before validation: cell texts by column,
//! with real row numbers, and the cell problems the reader found.

use serde::{Deserialize, Serialize};

use super::columns::Column;
use super::report::RowError;

/// What kind of file a sheet came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SheetFormat {
    Xlsx,
    Csv(TextEncoding),
}

/// Encoding a CSV file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// GBK as extended by GB 18030, the default of Chinese Excel and WPS.
    Gbk,
}

/// One cell of a data row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RawCell {
    /// The cell's text as shown; empty for a blank cell or a missing
    /// optional column. Numbers are written in their shortest exact form.
    Text(String),
    /// The reader already reported this cell (formula, date, error value,
    /// merged cell), so validation skips it.
    Rejected,
}

/// One non-empty data row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawRow {
    /// Row number as Excel shows it: 1-based, the header row included.
    pub row: u32,
    /// One cell per [`Column`], indexed by [`Column::index`].
    cells: Vec<RawCell>,
}

impl RawRow {
    /// A row whose cells are all blank.
    pub fn blank(row: u32) -> Self {
        Self {
            row,
            cells: vec![RawCell::Text(String::new()); Column::COUNT],
        }
    }

    pub fn cell(&self, column: Column) -> &RawCell {
        const BLANK: &RawCell = &RawCell::Text(String::new());
        self.cells.get(column.index()).unwrap_or(BLANK)
    }

    pub fn set(&mut self, column: Column, cell: RawCell) {
        if let Some(slot) = self.cells.get_mut(column.index()) {
            *slot = cell;
        }
    }

    /// Whether every cell is blank or whitespace; rejected cells count as
    /// content.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|cell| match cell {
            RawCell::Text(text) => text.trim().is_empty(),
            RawCell::Rejected => false,
        })
    }
}

/// A sheet whose header matched the template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawSheet {
    pub format: SheetFormat,
    /// Non-empty data rows in sheet order.
    pub rows: Vec<RawRow>,
    /// Problems the reader found in cells (formulas, dates, error values,
    /// merged cells); validation adds them to its report.
    pub cell_errors: Vec<RowError>,
}
