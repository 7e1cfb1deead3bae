//! The error report users download to fix their sheet: one line per error
//! with 行号, 列 and 问题, as XLSX or as CSV.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};

use super::WriteError;
use super::sheet::{fit_cell, header_format};
use crate::census::report::{RowError, ValidationReport};
use crate::i18n::Locale;

const HEADERS: [&str; 3] = ["行号", "列", "问题"];

/// Writes the report's errors to a sheet named 错误报告, in Chinese.
///
/// # Errors
///
/// [`WriteError`] if rust_xlsxwriter rejects the content.
pub fn error_report_xlsx(report: &ValidationReport) -> Result<Vec<u8>, WriteError> {
    let mut sheet = Worksheet::new();
    sheet.set_name("错误报告")?;

    for (col, header) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(0, col, header, &header_format(true))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_column_width(0, 8)?;
    sheet.set_column_width(1, 18)?;
    sheet.set_column_width(2, 100)?;

    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let lines = lines(report);
    for (row, (number, column, message)) in (1u32..).zip(&lines) {
        match number {
            Some(number) => sheet.write_number(row, 0, *number)?,
            None => sheet.write_string(row, 0, "")?,
        };
        sheet.write_string(row, 1, fit_cell(column))?;
        sheet.write_string_with_format(row, 2, fit_cell(message), &wrap)?;
    }

    let mut workbook = Workbook::new();
    workbook.push_worksheet(sheet);
    Ok(workbook.save_to_buffer()?)
}

/// Writes the report's errors as UTF-8 CSV with a byte order mark, which
/// Excel needs to detect UTF-8.
///
/// # Errors
///
/// [`WriteError`] if the CSV writer fails (it writes to memory, so only on
/// a bug).
pub fn error_report_csv(report: &ValidationReport) -> Result<Vec<u8>, WriteError> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(HEADERS)?;
    for (number, column, message) in lines(report) {
        let number = number.map(|n| n.to_string()).unwrap_or_default();
        writer.write_record([number.as_str(), &defuse(&column), &defuse(&message)])?;
    }
    writer.flush()?;
    writer.into_inner().map_err(|error| WriteError::Io(error.into_error()))
}

/// Lists the report's lines: row number (none for the closing note),
/// column and Chinese message.
fn lines(report: &ValidationReport) -> Vec<(Option<u32>, String, String)> {
    let mut lines: Vec<_> = report
        .errors
        .iter()
        .map(
            |RowError {
                 row, column, message, ..
             }| (Some(*row), column.clone(), message.get(Locale::Zh).to_owned()),
        )
        .collect();
    if report.errors_omitted > 0 {
        lines.push((
            None,
            String::new(),
            format!(
                "另有 {} 个错误未列出，请先修改以上错误后重新导入",
                report.errors_omitted
            ),
        ));
    }
    lines
}

/// Prefixes an apostrophe to a cell that Excel would read as a formula, so
/// that opening the CSV cannot run one.
fn defuse(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(defuse("=1+1"), "'=1+1");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("资源名称"), "资源名称");
    }
}
