//! Files we write, read back: the template, exports and error reports.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::fixtures::{csv_text, headers, museum, regions, with};
use crate::census::columns::Column;
use crate::census::read::read_sheet;
use crate::census::write::{error_report_csv, error_report_xlsx, export_xlsx, template_xlsx};
use crate::census::{ExistingResource, ExportRow, validate};
use crate::geo::{Datum, distance_m};
use crate::resources::model::ResourceType;

#[test]
fn template_example_row_is_valid() {
    let bytes = template_xlsx().unwrap();
    let report = validate(&read_sheet("资源普查模板.xlsx", &bytes).unwrap(), regions(), &[]);

    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let records = report.valid_rows().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].name, "中国科学技术馆");
    assert_eq!(records[0].resource_type, ResourceType::ScienceCentre);
    assert_eq!(records[0].region_code, "110105");
    assert_eq!(records[0].contact_phone, "010-59041000");
}

#[test]
fn template_has_instructions_sheet() {
    let bytes = template_xlsx().unwrap();
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), ["资源普查", "填写说明"]);

    let help = workbook.worksheet_range("填写说明").unwrap();
    let text: Vec<String> = help.used_cells().map(|(_, _, cell)| cell.to_string()).collect();
    assert!(text.iter().any(|t| t.contains("青少年宫")), "types listed");
    assert!(text.iter().any(|t| t.contains("小学低年级")), "stages listed");
    assert!(
        text.iter().any(|t| t.contains("GCJ-02（高德、腾讯地图）")),
        "datums listed"
    );
    assert!(text.iter().any(|t| t == "无障碍与安全说明"), "every column described");
}

#[test]
fn export_reimports_same_records() {
    let rows = [
        headers(),
        museum(
            "故宫博物院",
            "北京市东城区",
            "北京市东城区景山前街4号",
            116.3972,
            39.9163,
        ),
        with(
            museum(
                "上海科技馆",
                "上海市浦东新区",
                "上海市浦东新区世纪大道2000号",
                121.5447,
                31.2196,
            ),
            Column::Datum,
            "BD-09",
        ),
    ];
    let first = validate(
        &read_sheet("a.csv", csv_text(&rows).as_bytes()).unwrap(),
        regions(),
        &[],
    );
    let originals = first.valid_rows().unwrap();
    let regions_by_row = ["北京市东城区", "上海市浦东新区"];
    let export: Vec<ExportRow> = originals
        .iter()
        .zip(regions_by_row)
        .map(|(record, region)| ExportRow::from_record(record, region))
        .collect();

    let bytes = export_xlsx(&export).unwrap();
    let again = validate(&read_sheet("导出.xlsx", &bytes).unwrap(), regions(), &[]);
    let reread = again.valid_rows().unwrap();

    assert_eq!(reread.len(), 2);
    for (before, after) in originals.iter().zip(reread) {
        assert_eq!(after.source_datum, Datum::Wgs84);
        assert!(
            distance_m(before.location, after.location) < 0.5,
            "{before:?} vs {after:?}"
        );
        assert_eq!(after.name, before.name);
        assert_eq!(after.themes, before.themes);
        assert_eq!(after.region_code, before.region_code);
        assert_eq!(after.contact_phone, before.contact_phone);
        assert_eq!(after.group_capacity, before.group_capacity);
        assert_eq!(after.strengths, before.strengths);
    }
}

#[test]
fn reimport_against_database_flags_duplicates() {
    let rows = [
        headers(),
        museum("故宫博物院", "北京市东城区", "景山前街4号", 116.3972, 39.9163),
    ];
    let first = validate(
        &read_sheet("a.csv", csv_text(&rows).as_bytes()).unwrap(),
        regions(),
        &[],
    );
    let record = first.valid_rows().unwrap()[0].clone();
    let stored = [ExistingResource {
        id: 1,
        name: record.name.clone(),
        location: record.location,
    }];

    let bytes = export_xlsx(&[ExportRow::from_record(&record, "北京市东城区")]).unwrap();
    let again = validate(&read_sheet("导出.xlsx", &bytes).unwrap(), regions(), &stored);
    assert_eq!(again.errors.len(), 1);
    assert!(again.errors[0].message.zh.contains("平台已有资源“故宫博物院”"));
}

fn broken_report() -> crate::census::ValidationReport {
    let rows = [
        headers(),
        with(
            museum("=故宫博物院", "北京市东城区", "景山前街4号", 116.3972, 39.9163),
            Column::ResourceType,
            "=HYPERLINK(\"x\")",
        ),
        with(
            museum("首都博物馆", "北京市西城区", "复兴门外大街16号", 116.3424, 39.9070),
            Column::Fee,
            "自费",
        ),
    ];
    validate(
        &read_sheet("a.csv", csv_text(&rows).as_bytes()).unwrap(),
        regions(),
        &[],
    )
}

#[test]
fn csv_error_report_opens_in_excel() {
    let report = broken_report();
    let bytes = error_report_csv(&report).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));

    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["行号", "列", "问题"]);
    let lines: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(&lines[0][0], "2");
    assert_eq!(&lines[0][1], "资源类型");
    assert!(lines[0][2].starts_with("资源类型“=HYPERLINK"), "{}", &lines[0][2]);
    assert_eq!(&lines[1][0], "3");
    assert_eq!(&lines[1][1], "费用");
}

#[test]
fn xlsx_error_report_lists_errors() {
    let report = broken_report();
    let bytes = error_report_xlsx(&report).unwrap();
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range("错误报告").unwrap();

    assert_eq!(range.get((0, 2)), Some(&Data::String("问题".into())));
    assert_eq!(range.get((1, 0)), Some(&Data::Float(2.0)));
    assert_eq!(range.get((2, 1)), Some(&Data::String("费用".into())));
    assert_eq!(range.height(), 3);
}
