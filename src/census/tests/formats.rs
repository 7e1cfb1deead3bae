//! Sheet structure: title rows, header variants, formulas, dates, merged
//! and error cells, empty rows.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use super::fixtures::{
    csv_text, headers, inline_header, inline_row, museum, positions, raw_xlsx, regions, with, write_rows,
};
use crate::census::columns::{COLUMNS, Column};
use crate::census::read::read_sheet;
use crate::census::{RawCell, SheetError, validate};

fn xlsx_with(build: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let mut sheet = Worksheet::new();
    sheet.set_name("资源普查").unwrap();
    build(&mut sheet);
    workbook.push_worksheet(sheet);
    workbook.save_to_buffer().unwrap()
}

fn palace() -> Vec<String> {
    museum(
        "故宫博物院",
        "北京市东城区",
        "北京市东城区景山前街4号",
        116.3972,
        39.9163,
    )
}

fn science_museum() -> Vec<String> {
    museum(
        "中国科学技术馆",
        "北京市朝阳区",
        "北京市朝阳区北辰东路5号",
        116.3980,
        39.9820,
    )
}

#[test]
fn cell_problems_become_row_errors() {
    let capacity = Column::GroupCapacity.index() as u16;
    let hours = Column::OpeningHours.index() as u16;
    let provider = Column::ProviderName.index() as u16;

    let bytes = xlsx_with(|sheet| {
        // A merged title row above the header is allowed.
        sheet
            .merge_range(0, 0, 0, 5, "2024 年东城区资源普查", &Format::new())
            .unwrap();
        write_rows(sheet, 1, &[headers(), palace(), palace(), palace(), palace(), palace()]);

        // Row 4: a formula; row 5: a time; rows 6–7: merged provider cells.
        sheet.write_formula(3, capacity, "=100+100").unwrap();
        let nine = ExcelDateTime::from_hms(9, 0, 0).unwrap();
        sheet
            .write_datetime_with_format(4, hours, &nine, &Format::new().set_num_format("hh:mm"))
            .unwrap();
        sheet
            .merge_range(5, provider, 6, provider, "故宫博物院", &Format::new())
            .unwrap();

        // Row 8 stays empty; row 9 is valid.
        write_rows(sheet, 8, &[science_museum()]);
    });

    let sheet = read_sheet("普查.xlsx", &bytes).unwrap();
    assert_eq!(sheet.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [3, 4, 5, 6, 7, 9]);
    assert_eq!(sheet.rows[1].cell(Column::GroupCapacity), &RawCell::Rejected);

    let report = validate(&sheet, regions(), &[]);
    let cell_errors: Vec<(u32, &str)> = positions(&report.errors)
        .into_iter()
        .filter(|(_, column)| *column != "资源名称")
        .collect();
    assert_eq!(
        cell_errors,
        [
            (4, "团体接待人数上限"),
            (5, "开放时间"),
            (6, "资源单位名称"),
            (7, "资源单位名称")
        ]
    );

    let formula = &report.errors.iter().find(|e| e.row == 4).unwrap().message.zh;
    assert!(formula.contains("请粘贴为数值"), "{formula}");
    let date = &report
        .errors
        .iter()
        .find(|e| e.row == 5 && e.column == "开放时间")
        .unwrap()
        .message
        .zh;
    assert!(date.contains("日期或时间格式"), "{date}");
    let merged = &report
        .errors
        .iter()
        .find(|e| e.row == 7 && e.column == "资源单位名称")
        .unwrap()
        .message
        .zh;
    assert!(merged.starts_with("单元格 A6:A7 是合并单元格"), "{merged}");
    assert!(report.valid_rows().is_none());
}

#[test]
fn error_value_cell_is_reported() {
    let mut data = inline_header();
    let row: Vec<(String, String)> = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, _)| {
            (
                format!("{}2", crate::census::columns::column_letter(i as u32)),
                palace()[i].clone(),
            )
        })
        .collect();
    let cells: Vec<(&str, &str)> = row.iter().map(|(r, t)| (r.as_str(), t.as_str())).collect();
    data.push_str(&inline_row(2, &cells).replace(
        r#"<c r="N2" t="inlineStr"><is><t>300</t></is></c>"#,
        r#"<c r="N2" t="e"><v>#N/A</v></c>"#,
    ));

    let sheet = read_sheet("普查.xlsx", &raw_xlsx(&data, None)).unwrap();
    let report = validate(&sheet, regions(), &[]);
    assert_eq!(positions(&report.errors), [(2, "团体接待人数上限")]);
    assert!(report.errors[0].message.zh.contains("#N/A"));
}

#[test]
fn header_columns_may_be_reordered() {
    let order: Vec<usize> = (0..COLUMNS.len()).rev().collect();
    let shuffle = |row: Vec<String>| order.iter().map(|&i| row[i].clone()).collect::<Vec<_>>();
    let text = csv_text(&[shuffle(headers()), shuffle(palace())]);

    let report = validate(&read_sheet("a.csv", text.as_bytes()).unwrap(), regions(), &[]);
    assert_eq!(report.valid_rows().map(<[_]>::len), Some(1));
}

#[test]
fn optional_columns_may_be_missing() {
    let keep: Vec<usize> = (0..COLUMNS.len()).filter(|&i| COLUMNS[i].required).collect();
    let pick = |row: Vec<String>| keep.iter().map(|&i| row[i].clone()).collect::<Vec<_>>();
    let text = csv_text(&[pick(headers()), pick(palace())]);

    let report = validate(&read_sheet("a.csv", text.as_bytes()).unwrap(), regions(), &[]);
    let records = report.valid_rows().unwrap();
    assert_eq!(records[0].strengths, None);
}

#[test]
fn wrong_header_names_columns() {
    let mut header = headers();
    header[Column::ContactPhone.index()] = "备注".to_owned();
    header.push("资源名称".to_owned());
    let text = csv_text(&[header, palace()]);

    assert_eq!(
        read_sheet("a.csv", text.as_bytes()),
        Err(SheetError::HeaderMismatch {
            missing: vec!["联系电话".into()],
            unknown: vec!["备注".into()],
            duplicated: vec!["资源名称".into()],
        })
    );
}

#[test]
fn header_decorations_are_accepted() {
    let header: Vec<String> = headers().into_iter().map(|h| format!(" {h}（必填）")).collect();
    let text = csv_text(&[header, palace()]);
    assert!(read_sheet("a.csv", text.as_bytes()).is_ok());
}

#[test]
fn missing_header_is_reported() {
    let text = csv_text(&[palace(), palace()]);
    assert_eq!(read_sheet("a.csv", text.as_bytes()), Err(SheetError::HeaderNotFound));
}

#[test]
fn data_in_unnamed_column_is_reported() {
    let mut row = palace();
    row.push("多余".to_owned());
    let text = csv_text(&[headers(), palace(), row]);
    assert_eq!(
        read_sheet("a.csv", text.as_bytes()),
        Err(SheetError::UnnamedColumn { column: 18, row: 3 })
    );
}

#[test]
fn header_only_sheet_has_no_rows() {
    let text = csv_text(&[headers()]);
    assert_eq!(read_sheet("a.csv", text.as_bytes()), Err(SheetError::NoDataRows));
}

#[test]
fn merged_header_is_rejected() {
    let bytes = xlsx_with(|sheet| {
        write_rows(sheet, 0, &[headers(), palace()]);
        sheet.merge_range(0, 15, 0, 16, "特色优势", &Format::new()).unwrap();
    });
    assert_eq!(read_sheet("a.xlsx", &bytes), Err(SheetError::MergedHeader { row: 1 }));
}

#[test]
fn far_away_cell_is_read_sparsely() {
    // One cell at XFD1048576: a dense range would need 17 billion cells.
    let mut data = inline_header();
    data.push_str(&inline_row(1_048_576, &[("XFD1048576", "x")]));
    assert_eq!(
        read_sheet("a.xlsx", &raw_xlsx(&data, None)),
        Err(SheetError::UnnamedColumn {
            column: 16_383,
            row: 1_048_576
        })
    );
}

#[test]
fn numbers_read_as_shown() {
    let row = with(palace(), Column::ContactPhone, "13812345678");
    let bytes = xlsx_with(|sheet| {
        write_rows(sheet, 0, &[headers(), row]);
        sheet
            .write_number(1, Column::ContactPhone.index() as u16, 13_812_345_678.0)
            .unwrap();
    });
    let sheet = read_sheet("a.xlsx", &bytes).unwrap();
    assert_eq!(
        sheet.rows[0].cell(Column::ContactPhone),
        &RawCell::Text("13812345678".into())
    );
    assert_eq!(sheet.rows[0].cell(Column::GroupCapacity), &RawCell::Text("300".into()));
    assert_eq!(sheet.rows[0].cell(Column::Longitude), &RawCell::Text("116.3972".into()));
}
