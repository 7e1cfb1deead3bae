//! Census sheets of real Beijing museums for the import tests: a clean
//! sheet, the same with deliberately broken rows, written as XLSX or CSV.
//! Names and addresses are the museums' own; coordinates are GCJ-02 as
//! picked on Amap, rounded; contact phones are made up.

#![allow(dead_code)]

use xieyu::census::{COLUMNS, Column};

pub type Row = Vec<String>;

/// One museum: name, type, themes, region, address, GCJ-02 longitude and
/// latitude.
struct Museum {
    name: &'static str,
    kind: &'static str,
    themes: &'static str,
    region: &'static str,
    address: &'static str,
    lng: f64,
    lat: f64,
}

const MUSEUMS: [Museum; 10] = [
    Museum {
        name: "中国国家博物馆",
        kind: "博物馆",
        themes: "文化传承、红色教育",
        region: "北京市东城区",
        address: "北京市东城区东长安街16号",
        lng: 116.4013,
        lat: 39.9051,
    },
    Museum {
        name: "故宫博物院",
        kind: "博物馆",
        themes: "文化传承",
        region: "北京市东城区",
        address: "北京市东城区景山前街4号",
        lng: 116.3972,
        lat: 39.9163,
    },
    Museum {
        name: "首都博物馆",
        kind: "博物馆",
        themes: "文化传承",
        region: "北京市西城区",
        address: "北京市西城区复兴门外大街16号",
        lng: 116.3424,
        lat: 39.9070,
    },
    Museum {
        name: "中国科学技术馆",
        kind: "科技馆",
        themes: "科学探究、安全教育",
        region: "110105",
        address: "北京市朝阳区北辰东路5号",
        lng: 116.3980,
        lat: 39.9820,
    },
    Museum {
        name: "北京自然博物馆",
        kind: "博物馆",
        themes: "科学探究",
        region: "北京市东城区",
        address: "北京市东城区天桥南大街126号",
        lng: 116.4035,
        lat: 39.8826,
    },
    Museum {
        name: "北京天文馆",
        kind: "科技馆",
        themes: "科学探究",
        region: "北京市西城区",
        address: "北京市西城区西直门外大街138号",
        lng: 116.3368,
        lat: 39.9363,
    },
    Museum {
        name: "中国人民革命军事博物馆",
        kind: "博物馆",
        themes: "红色教育、文化传承",
        region: "北京市海淀区",
        address: "北京市海淀区复兴路9号",
        lng: 116.3219,
        lat: 39.9076,
    },
    Museum {
        name: "中国美术馆",
        kind: "美术馆",
        themes: "艺术体验、文化传承",
        region: "北京市东城区",
        address: "北京市东城区五四大街1号",
        lng: 116.4097,
        lat: 39.9254,
    },
    Museum {
        name: "国家图书馆",
        kind: "图书馆",
        themes: "文化传承",
        region: "北京市海淀区",
        address: "北京市海淀区中关村南大街33号",
        lng: 116.3245,
        lat: 39.9434,
    },
    Museum {
        name: "中国人民抗日战争纪念馆",
        kind: "爱国主义教育基地",
        themes: "红色教育",
        region: "丰台区",
        address: "北京市丰台区卢沟桥城内街101号",
        lng: 116.2207,
        lat: 39.8526,
    },
];

/// Number of data rows of [`museums`].
pub const MUSEUM_ROWS: usize = MUSEUMS.len();

pub fn headers() -> Row {
    COLUMNS.iter().map(|spec| spec.header.to_owned()).collect()
}

fn row_of(museum: &Museum, n: usize) -> Row {
    let mut row = vec![String::new(); COLUMNS.len()];
    let mut put = |column: Column, text: String| row[column.index()] = text;
    put(Column::ProviderName, "中国科学技术馆（演示）".to_owned());
    put(Column::ResourceName, museum.name.to_owned());
    put(Column::ResourceType, museum.kind.to_owned());
    put(Column::Themes, museum.themes.to_owned());
    put(Column::Stages, "小学高年级、初中、高中".to_owned());
    put(Column::Region, museum.region.to_owned());
    put(Column::Address, museum.address.to_owned());
    put(Column::Longitude, format!("{:.4}", museum.lng));
    put(Column::Latitude, format!("{:.4}", museum.lat));
    put(Column::Datum, "GCJ-02".to_owned());
    put(Column::ContactName, "王老师".to_owned());
    put(Column::ContactPhone, format!("010-6000{n:04}"));
    put(
        Column::OpeningHours,
        "周二至周日 9:00-17:00（16:30 停止入馆），周一闭馆（法定节假日除外）".to_owned(),
    );
    put(Column::GroupCapacity, "200".to_owned());
    put(Column::Fee, "免费".to_owned());
    put(Column::Services, "展厅讲解，团体参观需提前预约".to_owned());
    row
}

/// Builds the header and ten valid rows (sheet rows 2 to 11).
pub fn museums() -> Vec<Row> {
    let mut rows = vec![headers()];
    rows.extend(MUSEUMS.iter().enumerate().map(|(i, museum)| row_of(museum, i + 1)));
    rows
}

/// Returns a copy of `rows` with one cell of data row `sheet_row` (as
/// Excel numbers it: 2 is the first data row) replaced.
pub fn with_cell(mut rows: Vec<Row>, sheet_row: usize, column: Column, text: &str) -> Vec<Row> {
    rows[sheet_row - 1][column.index()] = text.to_owned();
    rows
}

/// Builds the clean sheet with four rows broken and a duplicate appended.
/// Row 3 has an unknown type, row 5 an invalid phone, row 7 swapped
/// coordinates (outside China) and row 9 a misspelt region. Row 12 repeats
/// row 2 (中国国家博物馆) about 45 m away.
pub fn broken_museums() -> Vec<Row> {
    let rows = with_cell(museums(), 3, Column::ResourceType, "动物园");
    let rows = with_cell(rows, 5, Column::ContactPhone, "12345");
    let rows = with_cell(rows, 7, Column::Longitude, "39.9363");
    let rows = with_cell(rows, 7, Column::Latitude, "116.3368");
    let mut rows = with_cell(rows, 9, Column::Region, "北京市海定区");
    let mut repeat = rows[1].clone();
    repeat[Column::Latitude.index()] = "39.9055".to_owned();
    rows.push(repeat);
    rows
}

/// Writes rows on a sheet named 资源普查: numbers in the coordinate and
/// capacity columns, strings elsewhere.
pub fn xlsx(rows: &[Row]) -> Vec<u8> {
    let numeric = [Column::Longitude, Column::Latitude, Column::GroupCapacity].map(Column::index);
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("资源普查").expect("sheet name");
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).expect("row number");
        for (c, text) in row.iter().enumerate() {
            let c = u16::try_from(c).expect("column number");
            if text.is_empty() {
                continue;
            }
            match text.parse::<f64>() {
                Ok(value) if r > 0 && numeric.contains(&usize::from(c)) => {
                    sheet.write_number(r, c, value).expect("write number");
                }
                _ => {
                    sheet.write_string(r, c, text).expect("write string");
                }
            }
        }
    }
    workbook.save_to_buffer().expect("save workbook")
}

/// Writes rows as CSV text.
pub fn csv_text(rows: &[Row]) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).expect("write record");
    }
    String::from_utf8(writer.into_inner().expect("flush CSV")).expect("UTF-8")
}

/// Writes rows as CSV in GBK, as Chinese Excel saves "CSV (逗号分隔)".
pub fn csv_gbk(rows: &[Row]) -> Vec<u8> {
    let text = csv_text(rows);
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable, "test text fits GBK");
    bytes.into_owned()
}

/// A `multipart/form-data` body with one file field and extra text
/// fields; returns the content type and the body.
pub fn multipart(field: &str, file_name: &str, bytes: &[u8], extra: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "xieyu-test-boundary-7d3f";
    let mut body = Vec::new();
    for (name, value) in extra {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
