//! Screen text of the census pages.

use crate::i18n::Text;

pub struct CensusTexts {
    pub page_title: &'static str,
    pub intro: &'static str,
    pub steps: [&'static str; 3],
    pub template_link: &'static str,
    pub upload_heading: &'static str,
    pub file_label: &'static str,
    pub file_hint: &'static str,
    pub upload_button: &'static str,
    pub not_provider: &'static str,
    pub result_title: &'static str,
    pub file_name: &'static str,
    pub uploaded_at: &'static str,
    pub kept_until: &'static str,
    pub rows_total: &'static str,
    pub rows_valid: &'static str,
    pub error_count: &'static str,
    pub duplicate_rows: &'static str,
    pub rejected_title: &'static str,
    pub nothing_imported: &'static str,
    pub errors_heading: &'static str,
    pub column_row: &'static str,
    pub column_column: &'static str,
    pub column_problem: &'static str,
    pub duplicate_badge: &'static str,
    pub more_errors: &'static str,
    pub download_xlsx: &'static str,
    pub download_csv: &'static str,
    pub ready_title: &'static str,
    pub confirm_button: &'static str,
    pub confirm_hint: &'static str,
    pub imported_title: &'static str,
    pub imported_hint: &'static str,
    pub upload_again: &'static str,
    pub export_link: &'static str,
}

pub const ZH: CensusTexts = CensusTexts {
    page_title: "资源普查导入",
    intro: "用普查表一次录入本单位的多个教育资源。系统逐行检查，整张表没有错误时才能确认导入；导入的资源进入“待审核”，由教育局审核通过后发布。",
    steps: [
        "下载导入模板，每行填写一个教育资源（第 2 行是示例，请删除或改写）。",
        "上传填好的 .xlsx 或 .csv 文件，查看逐行检查结果；有错误时按提示修改后重新上传。",
        "检查全部通过后，点击“确认导入”。",
    ],
    template_link: "下载导入模板（.xlsx）",
    upload_heading: "上传普查表",
    file_label: "普查表文件",
    file_hint: ".xlsx 或 .csv（UTF-8 或 GBK 编码），不超过 10 MB、20000 行",
    upload_button: "上传并检查",
    not_provider: "只有已通过审核的资源单位的管理员和工作人员可以导入普查表。",
    result_title: "普查表检查结果",
    file_name: "文件",
    uploaded_at: "上传时间",
    kept_until: "结果保留至",
    rows_total: "数据行数",
    rows_valid: "无错误的行",
    error_count: "错误数",
    duplicate_rows: "疑似重复的行",
    rejected_title: "文件无法导入",
    nothing_imported: "本次没有导入任何数据。",
    errors_heading: "逐行错误",
    column_row: "行号",
    column_column: "列",
    column_problem: "问题",
    duplicate_badge: "重复",
    more_errors: "页面只列出前 500 个错误，完整列表请下载错误报告。",
    download_xlsx: "下载错误报告（Excel）",
    download_csv: "下载错误报告（CSV）",
    ready_title: "检查通过，可以导入",
    confirm_button: "确认导入",
    confirm_hint: "导入后，这些资源的状态为“待审核”，教育局审核通过后即可发布。",
    imported_title: "已导入",
    imported_hint: "导入的资源正在等待教育局审核。",
    upload_again: "上传另一份普查表",
    export_link: "导出已发布资源目录（.xlsx）",
};

pub const EN: CensusTexts = CensusTexts {
    page_title: "Census import",
    intro: "Enter many resources of your organisation at once with a census sheet. Every row is checked, and only a sheet without errors can be imported; imported resources await the bureau's review before they are published.",
    steps: [
        "Download the template and fill in one resource per row (row 2 is an example; delete or overwrite it).",
        "Upload the .xlsx or .csv file and read the row-by-row check; fix any errors and upload it again.",
        "When every row passes, select \"Import\".",
    ],
    template_link: "Download the template (.xlsx)",
    upload_heading: "Upload a census sheet",
    file_label: "Census sheet",
    file_hint: ".xlsx or .csv (UTF-8 or GBK), at most 10 MB and 20,000 rows",
    upload_button: "Upload and check",
    not_provider: "Only administrators and staff of approved providers can import census sheets.",
    result_title: "Census sheet check",
    file_name: "File",
    uploaded_at: "Uploaded",
    kept_until: "Kept until",
    rows_total: "Data rows",
    rows_valid: "Rows without errors",
    error_count: "Errors",
    duplicate_rows: "Possible duplicates",
    rejected_title: "The file cannot be imported",
    nothing_imported: "Nothing was imported.",
    errors_heading: "Errors by row",
    column_row: "Row",
    column_column: "Column",
    column_problem: "Problem",
    duplicate_badge: "Duplicate",
    more_errors: "Only the first 500 errors are listed here; download the report for all of them.",
    download_xlsx: "Download the error report (Excel)",
    download_csv: "Download the error report (CSV)",
    ready_title: "Every row passed; ready to import",
    confirm_button: "Import",
    confirm_hint: "Imported resources await the bureau's review, and can be published once approved.",
    imported_title: "Imported",
    imported_hint: "The imported resources await the bureau's review.",
    upload_again: "Upload another sheet",
    export_link: "Export the published directory (.xlsx)",
};

/// The notice after a successful import.
pub fn imported_notice(count: u32) -> Text {
    Text::new(
        format!("已导入 {count} 个教育资源，等待教育局审核"),
        format!("{count} resources imported; they await the bureau's review"),
    )
}

/// The line above the confirm button.
pub fn ready_notice(rows: usize) -> Text {
    Text::new(
        format!("全部 {rows} 行检查通过，确认后一次性导入"),
        format!("All {rows} rows passed; confirm to import them together"),
    )
}

/// The line above the error table.
pub fn errors_notice(errors: usize, rows: usize) -> Text {
    Text::new(
        format!("发现 {errors} 个错误，整张表（共 {rows} 行）都没有导入。请按下表修改后重新上传"),
        format!("{errors} errors found, so none of the {rows} rows was imported. Fix them and upload the sheet again"),
    )
}
