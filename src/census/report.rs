//! Import results for the user: sheet-level errors that stop reading, and
//! row-level errors that the validation report lists.

use serde::{Deserialize, Serialize};

use super::columns::column_letter;
use super::record::CensusRecord;
use crate::error::AppError;
use crate::i18n::Text;

/// At most this many row errors are kept in a report; the rest are counted
/// in [`ValidationReport::errors_omitted`]. A sheet with more errors than
/// this is the wrong sheet or badly shifted, and a longer list would only
/// burden the page and the download.
pub const MAX_REPORTED_ERRORS: usize = 5_000;

/// A problem in one cell or row, as Excel numbers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// Row number as Excel shows it: 1-based, the header row included.
    pub row: u32,
    /// The column's Chinese header, or `第 X 列` for a column without one.
    pub column: String,
    pub message: Text,
    /// Whether the row repeats an earlier row or a stored resource, so the
    /// page can flag duplicates apart from invalid cells.
    #[serde(default)]
    pub duplicate: bool,
}

/// The outcome of validating a whole sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidationReport {
    /// Non-empty data rows in the sheet.
    pub total_rows: usize,
    /// Rows without any error.
    pub valid_rows: usize,
    /// Errors sorted by row, at most [`MAX_REPORTED_ERRORS`].
    pub errors: Vec<RowError>,
    /// Errors found beyond [`MAX_REPORTED_ERRORS`].
    pub errors_omitted: usize,
    /// Parsed rows; handed out by [`ValidationReport::valid_rows`] only when
    /// the whole sheet is valid.
    records: Vec<CensusRecord>,
}

impl ValidationReport {
    /// Builds a report; `errors` may be in any order and of any length.
    pub(crate) fn new(total_rows: usize, mut errors: Vec<RowError>, records: Vec<CensusRecord>) -> Self {
        errors.sort_by_key(|error| error.row);

        let mut rows_with_errors: Vec<u32> = errors.iter().map(|error| error.row).collect();
        rows_with_errors.dedup();
        let valid_rows = total_rows.saturating_sub(rows_with_errors.len());

        let errors_omitted = errors.len().saturating_sub(MAX_REPORTED_ERRORS);
        errors.truncate(MAX_REPORTED_ERRORS);

        Self {
            total_rows,
            valid_rows,
            errors,
            errors_omitted,
            records,
        }
    }

    /// Checks whether the sheet can be imported: at least one row and no
    /// errors.
    pub fn is_importable(&self) -> bool {
        self.total_rows > 0
            && self.errors.is_empty()
            && self.errors_omitted == 0
            && self.records.len() == self.total_rows
    }

    /// Returns the typed records, only when the whole sheet is valid.
    /// Nothing is imported from a sheet with any error, so there is no
    /// partial list.
    pub fn valid_rows(&self) -> Option<&[CensusRecord]> {
        self.is_importable().then_some(self.records.as_slice())
    }

    /// Like [`ValidationReport::valid_rows`], taking ownership.
    pub fn into_valid_rows(self) -> Option<Vec<CensusRecord>> {
        if self.is_importable() { Some(self.records) } else { None }
    }
}

/// Reason a file could not be read as a census sheet at all. No row is
/// validated and nothing is imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum SheetError {
    #[error("file is empty")]
    Empty,
    #[error("file has {bytes} bytes, more than the limit of {limit}")]
    TooLarge { bytes: usize, limit: usize },
    #[error("sheet has more than {limit} data rows")]
    TooManyRows { limit: usize },
    /// An OLE container: an old binary Excel file (.xls, .et) or a
    /// password-protected workbook, which Excel stores the same way.
    #[error("legacy .xls workbook")]
    LegacyExcel,
    /// Not a spreadsheet or CSV at all (binary content, UTF-16 text, …).
    #[error("unsupported file format")]
    UnsupportedFormat,
    /// Text that is neither valid UTF-8 nor valid GBK.
    #[error("unknown text encoding")]
    UnknownEncoding,
    /// A damaged, truncated or encrypted XLSX file.
    #[error("malformed workbook")]
    MalformedWorkbook,
    /// The workbook unpacks to more than the limit (a "zip bomb" or a huge
    /// hidden sheet).
    #[error("workbook unpacks to too much data")]
    WorkbookTooLarge,
    #[error("no header row found")]
    HeaderNotFound,
    #[error("header row does not match the template")]
    HeaderMismatch {
        missing: Vec<String>,
        unknown: Vec<String>,
        duplicated: Vec<String>,
    },
    #[error("merged cells in the header row")]
    MergedHeader { row: u32 },
    /// A column without a header contains data.
    #[error("column without a header holds data")]
    UnnamedColumn { column: u32, row: u32 },
    #[error("no data rows")]
    NoDataRows,
}

impl SheetError {
    /// Builds the message for the upload page, in both languages.
    pub fn message(&self) -> Text {
        match self {
            SheetError::Empty => Text::new(
                "文件是空的，请选择填好的普查表",
                "The file is empty; choose a filled-in census sheet",
            ),
            SheetError::TooLarge { bytes, limit } => Text::new(
                format!(
                    "文件太大（{} MB），上限为 {} MB，请拆分成几个文件分别导入",
                    mib(*bytes),
                    mib(*limit)
                ),
                format!(
                    "The file is too large ({} MB, limit {} MB); split it into several files",
                    mib(*bytes),
                    mib(*limit)
                ),
            ),
            SheetError::TooManyRows { limit } => Text::new(
                format!("数据超过 {limit} 行，请拆分成几个文件分别导入"),
                format!("The sheet has more than {limit} data rows; split it into several files"),
            ),
            SheetError::LegacyExcel => Text::new(
                "不支持旧版 Excel（.xls）文件和设置了密码的文件，请去掉密码，在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入",
                "Old .xls workbooks and password-protected files are not supported; remove the password, save as .xlsx in Excel or WPS and import again",
            ),
            SheetError::UnsupportedFormat => Text::new(
                "无法识别的文件格式，请上传 .xlsx 或 .csv 文件（在 Excel 中可“另存为”这两种格式）",
                "Unsupported file format; upload an .xlsx or .csv file",
            ),
            SheetError::UnknownEncoding => Text::new(
                "CSV 文件的编码无法识别（既不是 UTF-8 也不是 GBK），请在 Excel 中另存为“CSV UTF-8”后再导入",
                "The CSV file is neither UTF-8 nor GBK; save it as \"CSV UTF-8\" and import again",
            ),
            SheetError::MalformedWorkbook => Text::new(
                "文件已损坏、不完整或设置了密码，无法读取。请在 Excel 或 WPS 中打开确认后重新保存为 .xlsx，或使用导入模板",
                "The workbook is damaged, incomplete or password-protected; open it in Excel or WPS, save it again as .xlsx, or use the template",
            ),
            SheetError::WorkbookTooLarge => Text::new(
                "工作簿解压后数据量过大，请删除多余的工作表、图片和空白行列后再导入，或拆分成几个文件",
                "The workbook unpacks to too much data; remove extra sheets, pictures and blank rows, or split it",
            ),
            SheetError::HeaderNotFound => Text::new(
                format!(
                    "找不到表头行：前 10 行中应有一行列名，如“{}”。请使用导入模板",
                    example_headers()
                ),
                format!(
                    "No header row found in the first 10 rows (expected column names such as \"{}\"); use the template",
                    example_headers()
                ),
            ),
            SheetError::HeaderMismatch {
                missing,
                unknown,
                duplicated,
            } => header_mismatch_message(missing, unknown, duplicated),
            SheetError::MergedHeader { row } => Text::new(
                format!("第 {row} 行（表头）有合并单元格，请取消合并，每列一个列名"),
                format!("The header row {row} has merged cells; unmerge them so each column has one name"),
            ),
            SheetError::UnnamedColumn { column, row } => {
                let letter = column_letter(*column);
                Text::new(
                    format!("第 {letter} 列没有列名，但第 {row} 行有内容。请删除该列，或确认表头填写正确"),
                    format!(
                        "Column {letter} has no header but row {row} has data in it; delete the column or fix the header"
                    ),
                )
            }
            SheetError::NoDataRows => Text::new(
                "表格中没有数据行，请在表头下方填写资源信息",
                "The sheet has no data rows below the header",
            ),
        }
    }
}

impl From<SheetError> for AppError {
    fn from(error: SheetError) -> Self {
        AppError::BadRequest(error.message())
    }
}

fn header_mismatch_message(missing: &[String], unknown: &[String], duplicated: &[String]) -> Text {
    let mut zh = vec!["表头与导入模板不一致：".to_owned()];
    let mut en = vec!["The header row does not match the template:".to_owned()];
    if !missing.is_empty() {
        zh.push(format!("缺少必填列 {}；", missing.join("、")));
        en.push(format!(" missing required columns {};", missing.join(", ")));
    }
    if !unknown.is_empty() {
        zh.push(format!("无法识别的列 {}；", unknown.join("、")));
        en.push(format!(" unknown columns {};", unknown.join(", ")));
    }
    if !duplicated.is_empty() {
        zh.push(format!("重复的列 {}；", duplicated.join("、")));
        en.push(format!(" duplicated columns {};", duplicated.join(", ")));
    }
    zh.push("请使用导入模板的列名".to_owned());
    en.push(" use the column names of the template".to_owned());
    Text::new(zh.concat(), en.concat())
}

fn example_headers() -> String {
    super::COLUMNS
        .iter()
        .take(3)
        .map(|spec| spec.header)
        .collect::<Vec<_>>()
        .join("、")
}

/// Bytes as mebibytes with one decimal.
fn mib(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(row: u32) -> RowError {
        RowError {
            row,
            column: "资源名称".to_owned(),
            message: Text::new("必填", "required"),
            duplicate: false,
        }
    }

    #[test]
    fn report_sorts_and_counts_rows() {
        let report = ValidationReport::new(5, vec![error(4), error(2), error(4)], Vec::new());
        assert_eq!(report.errors.iter().map(|e| e.row).collect::<Vec<_>>(), [2, 4, 4]);
        assert_eq!(report.valid_rows, 3);
        assert!(report.valid_rows().is_none());
    }

    #[test]
    fn report_caps_error_list() {
        let errors = (0..MAX_REPORTED_ERRORS as u32 + 7).map(|i| error(i + 2)).collect();
        let report = ValidationReport::new(10_000, errors, Vec::new());
        assert_eq!(report.errors.len(), MAX_REPORTED_ERRORS);
        assert_eq!(report.errors_omitted, 7);
    }

    #[test]
    fn empty_sheet_is_not_importable() {
        let report = ValidationReport::new(0, Vec::new(), Vec::new());
        assert!(!report.is_importable());
        assert!(report.valid_rows().is_none());
    }

    #[test]
    fn header_message_names_columns() {
        let error = SheetError::HeaderMismatch {
            missing: vec!["资源名称".into()],
            unknown: vec!["备注".into()],
            duplicated: Vec::new(),
        };
        let message = error.message();
        assert!(message.zh.contains("缺少必填列 资源名称"), "{}", message.zh);
        assert!(message.zh.contains("无法识别的列 备注"), "{}", message.zh);
        assert!(!message.zh.contains("重复"), "{}", message.zh);
    }

    #[test]
    fn sheet_error_becomes_bad_request() {
        let error: AppError = SheetError::LegacyExcel.into();
        assert_eq!(error.status(), 400);
    }
}
