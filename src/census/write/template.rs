//! The blank census template users download and fill in.

use rust_xlsxwriter::{Format, FormatAlign, Note, Workbook, Worksheet, XlsxError};

use super::WriteError;
use super::sheet::{col, header_format, write_census_header};
use crate::census::columns::{COLUMNS, Column};
use crate::census::read::{HEADER_SEARCH_ROWS, MAX_DATA_ROWS, MAX_FILE_BYTES};
use crate::geo::Datum;
use crate::i18n::Locale;
use crate::resources::model::{FeeKind, ResourceType, Stage, Theme};

/// Name of the instructions sheet.
const HELP_SHEET: &str = "填写说明";

/// The example row: the China Science and Technology Museum. Coordinates
/// are GCJ-02 as picked on Amap, rounded; the phone is its public number.
const EXAMPLE: [(Column, &str); 18] = [
    (Column::ProviderName, "中国科学技术馆"),
    (Column::ResourceName, "中国科学技术馆"),
    (Column::ResourceType, "科技馆"),
    (Column::Themes, "科学探究、安全教育"),
    (Column::Stages, "小学低年级、小学中年级、小学高年级、初中、高中"),
    (Column::Region, "北京市朝阳区"),
    (Column::Address, "北京市朝阳区北辰东路5号"),
    (Column::Longitude, "116.3980"),
    (Column::Latitude, "39.9820"),
    (Column::Datum, "GCJ-02"),
    (Column::ContactName, "王老师"),
    (Column::ContactPhone, "010-59041000"),
    (
        Column::OpeningHours,
        "周二至周日 9:30-17:00（16:30 停止入馆），周一闭馆（法定节假日除外）",
    ),
    (Column::GroupCapacity, "200"),
    (Column::Fee, "免费"),
    (
        Column::Strengths,
        "常设展厅“华夏之光”“探索与发现”“科技与生活”“挑战与未来”，另有儿童科学乐园和特效影院",
    ),
    (Column::Services, "展厅讲解、科学课程、科普剧场，团体参观可预约专场讲解"),
    (
        Column::SafetyNotes,
        "设无障碍通道和电梯，可借用轮椅；学生须由教师带队，入馆安检",
    ),
];

/// Writes the template: the data sheet 资源普查 with its header and one
/// example row, and the sheet 填写说明 describing every column.
///
/// # Errors
///
/// [`WriteError`] if rust_xlsxwriter rejects the content, which would be
/// a bug in this function.
pub fn template_xlsx() -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();

    let mut data = Worksheet::new();
    data.set_name(crate::census::read::SHEET_NAME)?;
    write_census_header(&mut data)?;
    write_example(&mut data)?;
    data.set_active(true);
    workbook.push_worksheet(data);

    let mut help = Worksheet::new();
    help.set_name(HELP_SHEET)?;
    write_help(&mut help)?;
    workbook.push_worksheet(help);

    Ok(workbook.save_to_buffer()?)
}

fn write_example(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    for (column, text) in EXAMPLE {
        let number = matches!(column, Column::Longitude | Column::Latitude | Column::GroupCapacity);
        match text.parse::<f64>() {
            Ok(value) if number => sheet.write_number(1, col(column), value)?,
            _ => sheet.write_string(1, col(column), text)?,
        };
    }
    let note = Note::new("这是示例行，导入前请删除或改成您的资源")
        .set_author("协育")
        .add_author_prefix(false);
    sheet.insert_note(1, 0, &note)?;
    Ok(())
}

fn write_help(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let title = Format::new().set_bold().set_font_size(14);

    sheet.write_string_with_format(0, 0, "资源普查表填写说明", &title)?;
    let rules = [
        "1. 在“资源普查”工作表中填写，每行一个教育资源。第 1 行是列名，请不要修改、删除或调换。".to_owned(),
        "2. 第 2 行是示例，导入前请删除或改成您的资源。".to_owned(),
        "3. 不要合并单元格，不要使用公式（含公式的单元格请复制后“选择性粘贴 → 数值”），也不要把单元格设为日期格式。".to_owned(),
        format!(
            "4. 一个文件最多 {MAX_DATA_ROWS} 行数据、{} MB；更多时请拆分成几个文件。表头前最多可有 {} 行标题。",
            MAX_FILE_BYTES / (1024 * 1024),
            HEADER_SEARCH_ROWS - 1
        ),
        "5. 也可以另存为 CSV（UTF-8 或 GBK 编码均可）再导入。".to_owned(),
        "6. 导入时会检查每一行：有任何错误时整张表都不会导入，请按错误报告修改后重新上传。名称相同或相近、且相距不到 300 米的资源视为重复。".to_owned(),
    ];
    for (i, rule) in rules.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.merge_range(row, 0, row, 3, rule, &wrap)?;
        sheet.set_row_height(row, 32)?;
    }

    let table_start = u32::try_from(rules.len() + 2).unwrap_or(u32::MAX);
    for (col, header) in ["列名", "是否必填", "说明", "可选值"].iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet.write_string_with_format(table_start, col, *header, &header_format(true))?;
    }
    for (i, spec) in COLUMNS.iter().enumerate() {
        let row = table_start + 1 + u32::try_from(i).unwrap_or(u32::MAX);
        sheet.write_string_with_format(row, 0, spec.header, &wrap)?;
        sheet.write_string_with_format(row, 1, if spec.required { "必填" } else { "选填" }, &wrap)?;
        sheet.write_string_with_format(row, 2, spec.description, &wrap)?;
        sheet.write_string_with_format(row, 3, allowed_values(spec.column), &wrap)?;
    }

    sheet.set_column_width(0, 20)?;
    sheet.set_column_width(1, 10)?;
    sheet.set_column_width(2, 60)?;
    sheet.set_column_width(3, 50)?;
    Ok(())
}

/// Lists the allowed values of a column, joined with 、, or "" for free text.
fn allowed_values(column: Column) -> String {
    let labels: Vec<&str> = match column {
        Column::ResourceType => ResourceType::ALL.iter().map(|v| v.label(Locale::Zh)).collect(),
        Column::Themes => Theme::ALL.iter().map(|v| v.label(Locale::Zh)).collect(),
        Column::Stages => Stage::ALL.iter().map(|v| v.label(Locale::Zh)).collect(),
        Column::Fee => FeeKind::ALL.iter().map(|v| v.label(Locale::Zh)).collect(),
        Column::Datum => Datum::ALL.iter().map(|v| v.label(Locale::Zh)).collect(),
        _ => Vec::new(),
    };
    labels.join("、")
}
