//! Real museums with deliberately broken rows, as CSV (UTF-8 and GBK) and
//! XLSX. Coordinates are GCJ-02 as picked on Amap, rounded.

use encoding_rs::GBK;

use super::fixtures::{blank_row, csv_text, headers, museum, positions, regions, with, xlsx_bytes};
use crate::census::columns::Column;
use crate::census::read::read_sheet;
use crate::census::{ExistingResource, SheetFormat, TextEncoding, validate};
use crate::geo::{Datum, LatLng, distance_m, gcj02_to_wgs84};
use crate::resources::model::{FeeKind, ResourceType, Stage, Theme};

fn clean_rows() -> Vec<Vec<String>> {
    vec![
        headers(),
        museum(
            "中国国家博物馆",
            "北京市东城区",
            "北京市东城区东长安街16号",
            116.4013,
            39.9051,
        ),
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
            Column::ResourceType,
            "科技馆",
        ),
        with(
            museum("中国科学技术馆", "110105", "北京市朝阳区北辰东路5号", 116.3980, 39.9820),
            Column::Themes,
            "科学探究",
        ),
    ]
}

/// Rows 6 to 13 each break one rule (13 breaks two); row 10 is blank.
fn broken_rows() -> Vec<Vec<String>> {
    let mut rows = clean_rows();
    rows.extend([
        with(
            museum(
                "首都博物馆",
                "北京市西城区",
                "北京市西城区复兴门外大街16号",
                116.3424,
                39.9070,
            ),
            Column::ResourceType,
            "展览馆",
        ),
        with(
            museum(
                "南京博物院",
                "江苏省南京市玄武区",
                "南京市玄武区中山东路321号",
                118.8250,
                32.0410,
            ),
            Column::ContactPhone,
            "025-1234",
        ),
        museum(
            "陕西历史博物馆",
            "陕西省西安市雁塔区",
            "西安市雁塔区小寨东路91号",
            34.2245,
            108.9595,
        ),
        museum("中国电影博物馆", "朝阳区", "北京市朝阳区南影路9号", 116.5060, 39.9790),
        blank_row(),
        with(
            museum(
                "北京天文馆",
                "北京市西城区",
                "北京市西城区西直门外大街138号",
                116.3367,
                39.9381,
            ),
            Column::ResourceName,
            "",
        ),
        museum(
            "故宫博物院",
            "北京市东城区",
            "北京市东城区景山前街4号",
            116.3980,
            39.9170,
        ),
        with(
            with(
                museum(
                    "中国人民革命军事博物馆",
                    "北京市海淀区",
                    "北京市海淀区复兴路9号",
                    116.3219,
                    39.9071,
                ),
                Column::GroupCapacity,
                "0",
            ),
            Column::Fee,
            "自费",
        ),
    ]);
    rows
}

const EXPECTED_ERRORS: [(u32, &str); 8] = [
    (6, "资源类型"),
    (7, "联系电话"),
    (8, "经度"),
    (9, "所在地区"),
    (11, "资源名称"),
    (12, "资源名称"),
    (13, "团体接待人数上限"),
    (13, "费用"),
];

#[test]
fn broken_csv_errors_at_exact_cells() {
    let sheet = read_sheet("普查.csv", csv_text(&broken_rows()).as_bytes()).unwrap();
    let report = validate(&sheet, regions(), &[]);

    assert_eq!(positions(&report.errors), EXPECTED_ERRORS);
    assert_eq!(report.total_rows, 11);
    assert_eq!(report.valid_rows, 4);
    assert!(report.valid_rows().is_none());
}

#[test]
fn broken_csv_messages_say_what_to_do() {
    let sheet = read_sheet("普查.csv", csv_text(&broken_rows()).as_bytes()).unwrap();
    let report = validate(&sheet, regions(), &[]);
    let messages: Vec<&str> = report.errors.iter().map(|e| e.message.zh.as_str()).collect();

    assert!(
        messages[0].starts_with("资源类型“展览馆”不在可选范围内，请填写：博物馆、"),
        "{}",
        messages[0]
    );
    assert!(messages[1].starts_with("联系电话“025-1234”格式不对"), "{}", messages[1]);
    assert!(messages[2].starts_with("经度和纬度可能填反了"), "{}", messages[2]);
    assert_eq!(
        messages[3],
        "所在地区“朝阳区”有重名：北京市朝阳区、吉林省长春市朝阳区，请写上省市名称，如“北京市朝阳区”"
    );
    assert_eq!(messages[4], "“资源名称”为必填项，请填写");
    assert!(messages[5].starts_with("与第 3 行“故宫博物院”重复"), "{}", messages[5]);
    assert!(messages[6].contains("应在 1 到 10000 之间"), "{}", messages[6]);
    assert!(messages[7].starts_with("费用“自费”不在可选范围内"), "{}", messages[7]);
    assert!(report.errors.iter().all(|e| !e.message.en.is_empty()));
}

#[test]
fn broken_xlsx_matches_csv_positions() {
    let sheet = read_sheet("普查.xlsx", &xlsx_bytes(&broken_rows())).unwrap();
    assert_eq!(sheet.format, SheetFormat::Xlsx);
    let report = validate(&sheet, regions(), &[]);
    assert_eq!(positions(&report.errors), EXPECTED_ERRORS);
    assert_eq!(report.total_rows, 11);
}

#[test]
fn clean_sheet_yields_typed_records() {
    let sheet = read_sheet("普查.csv", csv_text(&clean_rows()).as_bytes()).unwrap();
    let report = validate(&sheet, regions(), &[]);
    assert!(report.errors.is_empty(), "{:?}", report.errors);

    let records = report.valid_rows().unwrap();
    assert_eq!(records.len(), 4);
    let museum = &records[0];
    assert_eq!(museum.row, 2);
    assert_eq!(museum.name, "中国国家博物馆");
    assert_eq!(museum.resource_type, ResourceType::Museum);
    assert_eq!(museum.themes, [Theme::CulturalHeritage, Theme::RedEducation]);
    assert_eq!(
        museum.stages,
        [Stage::PrimaryUpper, Stage::JuniorSecondary, Stage::SeniorSecondary]
    );
    assert_eq!(museum.region_code, "110101");
    assert_eq!(museum.contact_phone, "010-65116400");
    assert_eq!(museum.group_capacity, 300);
    assert_eq!(museum.fee, FeeKind::Free);
    assert_eq!(museum.strengths.as_deref(), Some("馆藏丰富"));
    assert_eq!(museum.services, None);
    assert_eq!(museum.source_datum, Datum::Gcj02);

    let expected = gcj02_to_wgs84(LatLng::new(39.9051, 116.4013));
    assert!(distance_m(museum.location, expected) < 0.01);
    assert!(distance_m(museum.location, LatLng::new(39.9051, 116.4013)) > 300.0);

    assert_eq!(records[3].region_code, "110105");
    assert_eq!(records[2].resource_type, ResourceType::ScienceCentre);
}

#[test]
fn existing_resource_blocks_row() {
    let existing = [ExistingResource {
        id: 7,
        name: "上海科技馆".to_owned(),
        location: gcj02_to_wgs84(LatLng::new(31.2196, 121.5447)),
    }];
    let sheet = read_sheet("普查.csv", csv_text(&clean_rows()).as_bytes()).unwrap();
    let report = validate(&sheet, regions(), &existing);

    assert_eq!(positions(&report.errors), [(4, "资源名称")]);
    assert!(
        report.errors[0].message.zh.contains("（编号 7）"),
        "{}",
        report.errors[0].message.zh
    );
    assert!(report.valid_rows().is_none());
}

#[test]
fn gbk_csv_reads_like_utf8() {
    let text = csv_text(&clean_rows());
    let (gbk, _, unmappable) = GBK.encode(&text);
    assert!(!unmappable);

    let sheet = read_sheet("普查.csv", &gbk).unwrap();
    assert_eq!(sheet.format, SheetFormat::Csv(TextEncoding::Gbk));
    let from_gbk = validate(&sheet, regions(), &[]);

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let from_utf8 = validate(&read_sheet("普查.csv", &bom).unwrap(), regions(), &[]);

    assert_eq!(from_gbk.valid_rows().map(<[_]>::len), Some(4));
    assert_eq!(from_gbk.valid_rows(), from_utf8.valid_rows());
}

#[test]
fn scoped_import_rejects_other_regions() {
    let scoped = regions().clone().with_scope("110000");
    let sheet = read_sheet("普查.csv", csv_text(&clean_rows()).as_bytes()).unwrap();
    let report = validate(&sheet, &scoped, &[]);
    assert_eq!(positions(&report.errors), [(4, "所在地区")]);
    assert!(report.errors[0].message.zh.contains("不在您管理的地区范围内"));
}
