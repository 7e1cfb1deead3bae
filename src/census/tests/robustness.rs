//! Damaged, forged and oversized files, and a deterministic mutation test
//! that feeds thousands of corrupted files to the reader and validator.

use std::time::Instant;

use super::fixtures::{csv_text, headers, inline_header, museum, raw_xlsx, regions, with, xlsx_bytes, zip_parts};
use crate::census::columns::Column;
use crate::census::read::{MAX_DATA_ROWS, read_sheet};
use crate::census::{SheetError, validate};

/// xorshift64*: a small, fixed-seed generator so every run mutates the
/// same way and a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Applies one to four random edits: flip a bit, overwrite a byte, insert
/// or delete a run of bytes, duplicate a chunk, or truncate.
fn mutate(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            1 if at < bytes.len() => bytes[at] = rng.next() as u8,
            2 => {
                let run: Vec<u8> = (0..=rng.below(16)).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, run);
            }
            3 => {
                let end = (at + 1 + rng.below(64)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            4 => {
                let end = (at + 1 + rng.below(256)).min(bytes.len());
                let chunk = bytes[at.min(end)..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, chunk);
            }
            _ => bytes.truncate(at),
        }
    }
    bytes
}

fn sample_rows() -> Vec<Vec<String>> {
    vec![
        headers(),
        museum("中国国家博物馆", "北京市东城区", "东长安街16号", 116.4013, 39.9051),
        with(
            museum("上海科技馆", "上海市浦东新区", "世纪大道2000号", 121.5447, 31.2196),
            Column::Fee,
            "收费",
        ),
        museum("陕西历史博物馆", "朝阳区", "小寨东路91号", 34.2245, 108.9595),
    ]
}

/// Reads and validates; only a panic (or an abort) fails the test.
fn read_and_validate(name: &str, bytes: &[u8]) -> bool {
    match read_sheet(name, bytes) {
        Ok(sheet) => {
            let report = validate(&sheet, regions(), &[]);
            assert!(report.total_rows <= MAX_DATA_ROWS);
            true
        }
        Err(error) => {
            assert!(!error.message().zh.is_empty());
            false
        }
    }
}

#[test]
fn mutated_files_never_panic() {
    let mut rng = Rng(0x5EED_C0FF_EE00_0001);
    let csv = csv_text(&sample_rows()).into_bytes();
    let xlsx = xlsx_bytes(&sample_rows());

    // Mutations of the XML inside the archive get past the ZIP checksums
    // and reach calamine's parser; raw mutations mostly test the ZIP layer.
    let mut data = inline_header();
    for (i, row) in sample_rows().iter().skip(1).enumerate() {
        let cells: Vec<(String, &str)> = row
            .iter()
            .enumerate()
            .map(|(c, text)| {
                (
                    format!("{}{}", crate::census::columns::column_letter(c as u32), i + 2),
                    text.as_str(),
                )
            })
            .collect();
        let cells: Vec<(&str, &str)> = cells.iter().map(|(r, t)| (r.as_str(), *t)).collect();
        data.push_str(&super::fixtures::inline_row(i as u32 + 2, &cells));
    }
    let sheet_xml = data.into_bytes();

    let mut read = [0usize; 3];
    for _ in 0..3000 {
        read[0] += usize::from(read_and_validate("a.csv", &mutate(&csv, &mut rng)));
    }
    for _ in 0..2000 {
        read[1] += usize::from(read_and_validate("a.xlsx", &mutate(&xlsx, &mut rng)));
    }
    for _ in 0..2000 {
        let mutated = String::from_utf8_lossy(&mutate(&sheet_xml, &mut rng)).into_owned();
        read[2] += usize::from(read_and_validate("a.xlsx", &raw_xlsx(&mutated, None)));
    }
    // Some mutants must still parse, or the test exercises only rejection.
    assert!(read.iter().all(|&n| n > 0), "files read per kind: {read:?}");
}

#[test]
fn truncated_xlsx_is_malformed() {
    let bytes = xlsx_bytes(&sample_rows());
    for cut in [4, 100, bytes.len() / 2, bytes.len() - 1] {
        assert_eq!(
            read_sheet("a.xlsx", &bytes[..cut]),
            Err(SheetError::MalformedWorkbook),
            "cut at {cut}"
        );
    }
}

#[test]
fn forged_shared_string_count_is_rejected() {
    let strings = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="4000000000"><si><t>x</t></si></sst>"#;
    let bytes = raw_xlsx(&inline_header(), Some(strings));
    assert_eq!(read_sheet("a.xlsx", &bytes), Err(SheetError::WorkbookTooLarge));
}

#[test]
fn zip_bomb_is_rejected() {
    // 101 MiB of spaces in a comment deflate to about 100 KiB.
    let padding = " ".repeat(101 * 1024 * 1024);
    let sheet = format!(
        r#"<?xml version="1.0"?><!--{padding}--><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#
    );
    let bytes = zip_parts(&[("xl/worksheets/sheet1.xml", sheet)], zip::CompressionMethod::Deflated);
    assert!(bytes.len() < 1024 * 1024, "{} bytes", bytes.len());
    assert_eq!(read_sheet("a.xlsx", &bytes), Err(SheetError::WorkbookTooLarge));
}

/// Rows spread 1 km apart so none is a duplicate of another.
fn many_rows(count: usize) -> String {
    let mut rows = vec![headers()];
    for i in 0..count {
        let lng = 110.0 + (i % 150) as f64 * 0.01;
        let lat = 30.0 + (i / 150) as f64 * 0.01;
        rows.push(museum(
            &format!("测试资源{i}"),
            "湖北省宜昌市西陵区",
            "测试路1号",
            lng,
            lat,
        ));
    }
    csv_text(&rows)
}

#[test]
fn too_many_rows_are_rejected() {
    let text = many_rows(MAX_DATA_ROWS + 1);
    assert_eq!(
        read_sheet("a.csv", text.as_bytes()),
        Err(SheetError::TooManyRows { limit: MAX_DATA_ROWS })
    );
}

/// Measures reading and validating a full-size sheet. Run with
/// `cargo test --release --features ssr --lib full_sheet -- --ignored --nocapture`.
#[test]
#[ignore = "timing; run in release mode"]
fn full_sheet_timing() {
    let csv = many_rows(MAX_DATA_ROWS);
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let xlsx = xlsx_bytes(&rows);

    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx.as_slice())).unwrap();
    let unpacked: u64 = (0..archive.len()).map(|i| archive.by_index(i).unwrap().size()).sum();
    println!("a.xlsx unpacks to {} KiB", unpacked / 1024);

    for (name, bytes) in [("a.csv", csv.as_bytes()), ("a.xlsx", xlsx.as_slice())] {
        let start = Instant::now();
        let sheet = read_sheet(name, bytes).unwrap();
        let read = start.elapsed();
        let report = validate(&sheet, regions(), &[]);
        let total = start.elapsed();
        assert_eq!(
            report.valid_rows().map(<[_]>::len),
            Some(MAX_DATA_ROWS),
            "{:?}",
            report.errors.first()
        );
        println!(
            "{name}: {} KiB, read {read:?}, read + validate {total:?}",
            bytes.len() / 1024
        );
    }
}
