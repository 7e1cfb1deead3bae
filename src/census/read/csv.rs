//! CSV uploads: decode UTF-8 (with or without byte order mark) or GBK,
//! then split into cells with Excel's row numbers.

use encoding_rs::GBK;

use super::super::raw::TextEncoding;
use super::super::report::SheetError;
use super::{CellValue, Grid};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes and parses a CSV file into a grid.
///
/// # Errors
///
/// [`SheetError::UnknownEncoding`] when the bytes are neither valid UTF-8
/// nor valid GBK (UTF-16 included), [`SheetError::TooManyRows`] for a
/// sheet over the row limit.
pub(super) fn read(bytes: &[u8]) -> Result<(TextEncoding, Grid), SheetError> {
    let (encoding, text) = decode(bytes)?;
    let delimiter = sniff_delimiter(&text);

    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());

    let mut grid = Grid::default();
    // The csv crate skips empty lines, which Excel shows as rows, and reads
    // quoted line breaks into one record, which Excel shows as one row. A
    // record's position starts right after the previous record, before any
    // skipped empty lines, so counting those lines gives Excel's numbering.
    let mut excel_row: u64 = 0;
    for record in reader.records() {
        let record = record.map_err(|_| SheetError::UnsupportedFormat)?;
        let start = record.position().map_or(0, |position| position.byte());
        let skipped = usize::try_from(start).map_or(0, |start| empty_lines_before(text.as_bytes(), start));
        excel_row += 1 + skipped;

        let row = u32::try_from(excel_row - 1).map_err(|_| SheetError::TooManyRows {
            limit: super::MAX_DATA_ROWS,
        })?;
        for (col, field) in record.iter().enumerate() {
            let col = u32::try_from(col).unwrap_or(u32::MAX);
            grid.push(row, col, CellValue::Text(unwrap_excel_text(field).to_owned()))?;
        }
    }
    Ok((encoding, grid))
}

/// Counts the empty lines from `start`, where the csv crate reports that a
/// record begins, to its first field. The previous record may have ended at the
/// `\r` of a `\r\n`, so a `\n` right at `start` belongs to it.
fn empty_lines_before(text: &[u8], start: usize) -> u64 {
    let mut rest = text.get(start..).unwrap_or_default();
    let after_cr = start.checked_sub(1).and_then(|i| text.get(i)) == Some(&b'\r');
    if after_cr && let Some(tail) = rest.strip_prefix(b"\n") {
        rest = tail;
    }

    let mut count = 0;
    loop {
        rest = match rest {
            [b'\r', b'\n', tail @ ..] | [b'\n', tail @ ..] | [b'\r', tail @ ..] => tail,
            _ => return count,
        };
        count += 1;
    }
}

/// Decodes UTF-8 first, then GBK; anything that fails both is rejected
/// rather than read with replacement characters.
fn decode(bytes: &[u8]) -> Result<(TextEncoding, String), SheetError> {
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        let text = std::str::from_utf8(rest).map_err(|_| SheetError::UnknownEncoding)?;
        return Ok((TextEncoding::Utf8, text.to_owned()));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SheetError::UnknownEncoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((TextEncoding::Utf8, text.to_owned()));
    }
    // NOTE: encoding_rs's GBK decoder is the WHATWG one, which accepts all
    // of GB 18030 too.
    GBK.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| (TextEncoding::Gbk, text.into_owned()))
        .ok_or(SheetError::UnknownEncoding)
}

/// Comma unless the first line has tabs (or semicolons) and no commas, as
/// "text (tab-delimited)" exports and some European settings produce.
fn sniff_delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.contains(',') {
        b','
    } else if first_line.contains('\t') {
        b'\t'
    } else if first_line.contains(';') {
        b';'
    } else {
        b','
    }
}

/// Unwraps `="0101234"`, the trick spreadsheet exports use to keep leading
/// zeros in CSV.
fn unwrap_excel_text(field: &str) -> &str {
    field
        .strip_prefix("=\"")
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(grid: &Grid) -> Vec<(u32, u32, String)> {
        grid.rows
            .iter()
            .flat_map(|(row, cells)| {
                cells.iter().map(move |(col, value)| match value {
                    CellValue::Text(text) => (*row, *col, text.clone()),
                    other => (*row, *col, format!("{other:?}")),
                })
            })
            .collect()
    }

    #[test]
    fn utf8_with_bom_decodes() {
        let (encoding, grid) = read("\u{FEFF}资源名称,地区\n故宫,东城区\n".as_bytes()).unwrap();
        assert_eq!(encoding, TextEncoding::Utf8);
        assert_eq!(cells(&grid)[0], (0, 0, "资源名称".to_owned()));
    }

    #[test]
    fn gbk_decodes() {
        let (bytes, _, _) = GBK.encode("资源名称,地区\n故宫博物院,北京市东城区\n");
        let (encoding, grid) = read(&bytes).unwrap();
        assert_eq!(encoding, TextEncoding::Gbk);
        assert_eq!(cells(&grid)[3], (1, 1, "北京市东城区".to_owned()));
    }

    #[test]
    fn undecodable_bytes_are_rejected() {
        // 0x80 alone is neither UTF-8 nor a GBK lead byte with a trail.
        assert!(matches!(read(b"a,b\n\x80\xFF,c\n"), Err(SheetError::UnknownEncoding)));
        assert!(matches!(read(&[0xFF, 0xFE, b'a', 0]), Err(SheetError::UnknownEncoding)));
    }

    #[test]
    fn rows_follow_excel_numbering() {
        let text = "h1,h2\n\na,\"two\nlines\"\nlast,x\r\n\r\n\r\nafter,gap\n";
        let (_, grid) = read(text.as_bytes()).unwrap();
        let rows: Vec<u32> = grid.rows.keys().copied().collect();
        // Header 1, empty line 2, the quoted record 3, the next record 4,
        // two empty CRLF lines 5 and 6, the last record 7.
        assert_eq!(rows, [0, 2, 3, 6]);
    }

    #[test]
    fn tab_delimited_and_text_trick() {
        let (_, grid) = read("a\tb\n=\"0101234\"\tx\n".as_bytes()).unwrap();
        assert_eq!(cells(&grid)[2], (1, 0, "0101234".to_owned()));
    }
}
