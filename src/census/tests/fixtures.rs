//! Builders for test sheets: rows of real museums, written as CSV or XLSX.

use std::io::Write as _;

use rust_xlsxwriter::{Workbook, Worksheet};

use crate::census::columns::{COLUMNS, Column};
use crate::census::validate::region::tests::embedded_index;
use crate::census::{RegionIndex, RowError};

/// One sheet row: a cell text per template column, in template order.
pub type Row = Vec<String>;

/// Returns the embedded region tree, built once per test binary.
pub fn regions() -> &'static RegionIndex {
    static INDEX: std::sync::OnceLock<RegionIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(embedded_index)
}

/// Builds a complete, valid row for a venue at a GCJ-02 point.
pub fn museum(name: &str, region: &str, address: &str, lng: f64, lat: f64) -> Row {
    let mut row = vec![String::new(); COLUMNS.len()];
    let mut put = |column: Column, text: &str| row[column.index()] = text.to_owned();
    put(Column::ProviderName, name);
    put(Column::ResourceName, name);
    put(Column::ResourceType, "博物馆");
    put(Column::Themes, "文化传承、红色教育");
    put(Column::Stages, "小学高年级、初中、高中");
    put(Column::Region, region);
    put(Column::Address, address);
    put(Column::Longitude, &lng.to_string());
    put(Column::Latitude, &lat.to_string());
    put(Column::Datum, "GCJ-02");
    put(Column::ContactName, "李老师");
    put(Column::ContactPhone, "010 6511 6400");
    put(Column::OpeningHours, "周二至周日 9:00-17:00，周一闭馆");
    put(Column::GroupCapacity, "300");
    put(Column::Fee, "免费");
    put(Column::Strengths, "馆藏丰富");
    row
}

/// Returns `row` with one cell replaced.
pub fn with(mut row: Row, column: Column, text: &str) -> Row {
    row[column.index()] = text.to_owned();
    row
}

/// Builds a row with every cell blank.
pub fn blank_row() -> Row {
    vec![String::new(); COLUMNS.len()]
}

pub fn headers() -> Row {
    COLUMNS.iter().map(|spec| spec.header.to_owned()).collect()
}

/// Writes rows (header first, if wanted) as a UTF-8 CSV string. A blank
/// row becomes an empty line, as WPS writes it.
pub fn csv_text(rows: &[Row]) -> String {
    let mut text = String::new();
    for row in rows {
        if row.iter().all(String::is_empty) {
            text.push('\n');
            continue;
        }
        let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
        writer.write_record(row).unwrap();
        text.push_str(&String::from_utf8(writer.into_inner().unwrap()).unwrap());
    }
    text
}

/// Writes rows on a sheet named 资源普查: numbers where the column is
/// numeric and the text parses, strings elsewhere.
pub fn xlsx_bytes(rows: &[Row]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let mut sheet = Worksheet::new();
    sheet.set_name("资源普查").unwrap();
    write_rows(&mut sheet, 0, rows);
    workbook.push_worksheet(sheet);
    workbook.save_to_buffer().unwrap()
}

/// Writes rows from zero-based `first_row` down.
pub fn write_rows(sheet: &mut Worksheet, first_row: u32, rows: &[Row]) {
    let numeric = [Column::Longitude, Column::Latitude, Column::GroupCapacity].map(Column::index);
    for (r, row) in rows.iter().enumerate() {
        let r = first_row + r as u32;
        for (c, text) in row.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            match text.parse::<f64>() {
                Ok(value) if numeric.contains(&c) && r > 0 => sheet.write_number(r, c as u16, value).unwrap(),
                _ => sheet.write_string(r, c as u16, text).unwrap(),
            };
        }
    }
}

/// Builds a minimal XLSX from raw parts, for cells rust_xlsxwriter cannot
/// write (error values) and for forged files. `sheet_data` is the inside
/// of `<sheetData>`.
pub fn raw_xlsx(sheet_data: &str, shared_strings: Option<&str>) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
    );
    let mut parts = vec![
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", ROOT_RELS.to_owned()),
        ("xl/workbook.xml", WORKBOOK.to_owned()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.to_owned()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(strings) = shared_strings {
        parts.push(("xl/sharedStrings.xml", strings.to_owned()));
    }
    zip_parts(&parts, zip::CompressionMethod::Stored)
}

/// Zips named parts.
pub fn zip_parts(parts: &[(&str, String)], method: zip::CompressionMethod) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, content) in parts {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// `<row>` XML of inline-string cells, `cells` as (reference, text).
pub fn inline_row(number: u32, cells: &[(&str, &str)]) -> String {
    let cells: String = cells
        .iter()
        .map(|(reference, text)| format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#))
        .collect();
    format!(r#"<row r="{number}">{cells}</row>"#)
}

/// Writes the header row as inline-string XML in row 1.
pub fn inline_header() -> String {
    let letters: Vec<String> = (0..COLUMNS.len() as u32)
        .map(crate::census::columns::column_letter)
        .collect();
    let cells: Vec<(String, &str)> = COLUMNS
        .iter()
        .zip(&letters)
        .map(|(spec, letter)| (format!("{letter}1"), spec.header))
        .collect();
    let borrowed: Vec<(&str, &str)> = cells.iter().map(|(r, t)| (r.as_str(), *t)).collect();
    inline_row(1, &borrowed)
}

/// (row, column) of each error, for exact comparisons.
pub fn positions(errors: &[RowError]) -> Vec<(u32, &str)> {
    errors.iter().map(|error| (error.row, error.column.as_str())).collect()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="资源普查" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
