//! Reading an uploaded census sheet (XLSX or CSV) into a [`RawSheet`].
//!
//! Limits are checked before any parsing: at most [`MAX_FILE_BYTES`] of
//! upload, [`MAX_UNPACKED_BYTES`] once an XLSX is unzipped, and
//! [`MAX_DATA_ROWS`] non-empty data rows. The format is taken from the
//! content, not the file name: an XLSX is a ZIP archive (`PK\x03\x04`), an
//! OLE container (`D0 CF 11 E0`) is an old .xls or an encrypted workbook,
//! and other text is read as CSV.

mod assemble;
mod csv;
mod xlsx;
mod zip_guard;

use std::collections::BTreeMap;

pub use xlsx::SHEET_NAME;

use super::raw::{RawSheet, SheetFormat};
use super::report::SheetError;

/// Largest accepted upload: 10 MiB. The 20,000-row sheet of the census
/// timing test is 5.0 MB as UTF-8 CSV and 1.1 MB as XLSX; sheets with long
/// free texts are larger and may need splitting.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Maximum non-empty data rows in one sheet. Reading and validating this
/// many took 0.2–0.6 s in release mode on a 2-core Xeon (the ignored test
/// `full_sheet_timing`); larger censuses are split into several files.
pub const MAX_DATA_ROWS: usize = 20_000;

/// Maximum bytes an XLSX may unpack to, summed over all its parts. The
/// 20,000-row timing sheet unpacks to 11 MB, so the limit leaves room for
/// styles and long texts while it stops ZIP bombs.
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;

/// The header must be among the first this many non-empty rows, so that
/// a title row or two above it is allowed.
pub const HEADER_SEARCH_ROWS: usize = 10;

/// Reads an uploaded file. `file_name` only sharpens the message for a
/// damaged file; the content decides the format.
///
/// # Errors
///
/// [`SheetError`] when the file is empty, too large, not XLSX or CSV, not
/// decodable, damaged, or when its header does not match the template.
/// Problems in single cells are not errors here: they are returned in
/// [`RawSheet::cell_errors`] so the report can list them with the rest.
pub fn read_sheet(file_name: &str, bytes: &[u8]) -> Result<RawSheet, SheetError> {
    if bytes.is_empty() {
        return Err(SheetError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(SheetError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }

    let (format, grid) = match detect(file_name, bytes) {
        Detected::Xlsx => (SheetFormat::Xlsx, xlsx::read(bytes)?),
        Detected::Ole => return Err(SheetError::LegacyExcel),
        Detected::Csv => {
            let (encoding, grid) = csv::read(bytes)?;
            (SheetFormat::Csv(encoding), grid)
        }
        Detected::NotWorkbook => return Err(SheetError::MalformedWorkbook),
        Detected::Binary => return Err(SheetError::UnsupportedFormat),
    };
    assemble::assemble(format, grid)
}

/// A cell as the readers see it, before columns are known.
#[derive(Debug, Clone, PartialEq)]
enum CellValue {
    Text(String),
    Formula,
    DateTime,
    ErrorValue(String),
}

/// A merged range, zero-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Merged {
    first_row: u32,
    first_col: u32,
    last_row: u32,
    last_col: u32,
}

/// The non-blank cells of a sheet by zero-based row and column.
#[derive(Debug, Default)]
struct Grid {
    rows: BTreeMap<u32, Vec<(u32, CellValue)>>,
    merged: Vec<Merged>,
}

impl Grid {
    /// Most rows a reader keeps: enough to find the header and to notice
    /// that a sheet has more than [`MAX_DATA_ROWS`].
    const ROW_BUDGET: usize = MAX_DATA_ROWS + HEADER_SEARCH_ROWS + 1;

    /// Adds a cell, skipping blank text.
    ///
    /// # Errors
    ///
    /// [`SheetError::TooManyRows`] once more rows than the budget hold
    /// cells, so a huge sheet is not read to its end.
    fn push(&mut self, row: u32, col: u32, value: CellValue) -> Result<(), SheetError> {
        if matches!(&value, CellValue::Text(text) if text.trim().is_empty()) {
            return Ok(());
        }
        if !self.rows.contains_key(&row) && self.rows.len() >= Self::ROW_BUDGET {
            return Err(SheetError::TooManyRows { limit: MAX_DATA_ROWS });
        }
        self.rows.entry(row).or_default().push((col, value));
        Ok(())
    }
}

enum Detected {
    Xlsx,
    Ole,
    Csv,
    /// Named like a workbook but neither ZIP nor OLE inside.
    NotWorkbook,
    Binary,
}

fn detect(file_name: &str, bytes: &[u8]) -> Detected {
    const ZIP: &[u8] = b"PK\x03\x04";
    const EMPTY_ZIP: &[u8] = b"PK\x05\x06";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    if bytes.starts_with(ZIP) || bytes.starts_with(EMPTY_ZIP) {
        return Detected::Xlsx;
    }
    if bytes.starts_with(OLE) {
        return Detected::Ole;
    }

    let name = file_name.to_lowercase();
    if [".xlsx", ".xlsm", ".xls", ".et"].iter().any(|ext| name.ends_with(ext)) {
        return Detected::NotWorkbook;
    }

    // UTF-16 text (Excel's "Unicode text") is handled by the CSV decoder's
    // message; NUL bytes otherwise mean binary content.
    let head = bytes.get(..8192).unwrap_or(bytes);
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16 && head.contains(&0) {
        return Detected::Binary;
    }
    Detected::Csv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_large_files_are_rejected_first() {
        assert_eq!(read_sheet("a.csv", b""), Err(SheetError::Empty));
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        assert!(matches!(read_sheet("a.csv", &big), Err(SheetError::TooLarge { .. })));
    }

    #[test]
    fn content_decides_format() {
        assert!(matches!(detect("x.csv", b"PK\x03\x04rest"), Detected::Xlsx));
        assert!(matches!(
            detect("x.xls", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Detected::Ole
        ));
        assert!(matches!(
            detect("x.xlsx", "资源名称,地区".as_bytes()),
            Detected::NotWorkbook
        ));
        assert!(matches!(detect("x.txt", b"a,b\0c"), Detected::Binary));
        assert!(matches!(detect("upload", "资源名称".as_bytes()), Detected::Csv));
    }

    #[test]
    fn legacy_and_binary_give_messages() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(read_sheet("old.xls", &ole), Err(SheetError::LegacyExcel));
        assert_eq!(
            read_sheet("a.png", b"\x89PNG\r\n\x1a\n\0\0"),
            Err(SheetError::UnsupportedFormat)
        );
        assert_eq!(read_sheet("a.xlsx", b"not a zip"), Err(SheetError::MalformedWorkbook));
    }
}
