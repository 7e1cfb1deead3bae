//! Feeds arbitrary bytes to the census reader and validator. The first
//! byte chooses the upload's file name, so the rules that depend on the
//! name (a ".xlsx" that is not a ZIP) are reached too.
//!
//! `fuzz/seeds` contains starting inputs (real museums, a broken row, a
//! formula, an error value, a merged range), each with its selector byte.
//! The XLSX seeds are stored both uncompressed and deflated, so mutations
//! reach the XML parser as well as the ZIP layer.
//!
//! Run from the repository root:
//! `cargo +nightly fuzz run census_import fuzz/corpus/census_import fuzz/seeds -- -max_total_time=60`

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use xieyu::census::read::read_sheet;
use xieyu::census::{RegionIndex, validate};
use xieyu::regions::load::embedded_rows;
use xieyu::regions::{Region, RegionLevel};

fn regions() -> &'static RegionIndex {
    static INDEX: OnceLock<RegionIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let rows = embedded_rows().unwrap_or_default();
        RegionIndex::new(rows.into_iter().filter_map(|row| {
            Some(Region {
                level: RegionLevel::from_number(row.level)?,
                code: row.code,
                name: row.name,
                full_name: row.full_name,
                parent_code: row.parent_code,
            })
        }))
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((selector, bytes)) = data.split_first() else {
        return;
    };
    let name = if selector % 2 == 0 { "upload.xlsx" } else { "upload.csv" };
    if let Ok(sheet) = read_sheet(name, bytes) {
        let report = validate(&sheet, regions(), &[]);
        assert!(report.total_rows == sheet.rows.len());
    }
});
