//! Loads the embedded GB/T 2260 region tree into the database.
//!
//! The load runs at every start and is idempotent: a checksum of the embedded
//! files is stored in `reference_data`, and the rows are only written when it
//! changed. Rows are upserted by code, so organisations that point at a
//! region keep pointing at it.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde::Deserialize;

use super::entity;
use crate::db::Db;
use crate::error::AppError;

const PROVINCES_CSV: &str = include_str!("../../reference-data/regions/provinces.csv");
const CITIES_CSV: &str = include_str!("../../reference-data/regions/cities.csv");
const COUNTIES_CSV: &str = include_str!("../../reference-data/regions/areas.csv");

/// Key of the region tree in the `reference_data` table.
const REFERENCE_NAME: &str = "gb2260_regions";

/// City-level names that stand for "directly under the province" and are
/// left out of full names: 北京市市辖区东城区 reads 北京市东城区.
const PLACEHOLDER_CITY_NAMES: [&str; 4] = ["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"];

/// Rows written per INSERT statement.
const BATCH_SIZE: usize = 500;

#[derive(Debug, Deserialize)]
struct ProvinceRow {
    code: String,
    name: String,
}

#[derive(Debug, Deserialize)]
struct CityRow {
    code: String,
    name: String,
    #[serde(rename = "provinceCode")]
    province_code: String,
}

#[derive(Debug, Deserialize)]
struct CountyRow {
    code: String,
    name: String,
    #[serde(rename = "cityCode")]
    city_code: String,
}

/// One region row ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionRow {
    pub code: String,
    pub name: String,
    pub full_name: String,
    pub level: i16,
    pub parent_code: Option<String>,
}

/// Why the embedded region files could not be turned into rows.
#[derive(Debug, thiserror::Error)]
pub enum RegionDataError {
    #[error("region file {file} is invalid: {source}")]
    Csv { file: &'static str, source: csv::Error },
    #[error("region file {file} has code {code}, which is not {digits} digits")]
    BadCode {
        file: &'static str,
        code: String,
        digits: usize,
    },
    #[error("region {code} names parent {parent}, which is not in the data")]
    MissingParent { code: String, parent: String },
}

/// Parses the embedded files into rows, parents before children.
///
/// # Errors
///
/// [`RegionDataError`] for an unreadable file, a malformed code or a row
/// whose parent is missing.
pub fn embedded_rows() -> Result<Vec<RegionRow>, RegionDataError> {
    parse_rows(PROVINCES_CSV, CITIES_CSV, COUNTIES_CSV)
}

fn parse_rows(provinces: &str, cities: &str, counties: &str) -> Result<Vec<RegionRow>, RegionDataError> {
    let provinces: Vec<ProvinceRow> = read_csv("provinces.csv", provinces)?;
    let cities: Vec<CityRow> = read_csv("cities.csv", cities)?;
    let counties: Vec<CountyRow> = read_csv("areas.csv", counties)?;

    let mut rows = Vec::with_capacity(provinces.len() + cities.len() + counties.len());
    let mut full_names = std::collections::HashMap::new();

    for p in provinces {
        let code = widen("provinces.csv", &p.code, 2)?;
        full_names.insert(code.clone(), p.name.clone());
        rows.push(RegionRow {
            full_name: p.name.clone(),
            code,
            name: p.name,
            level: 1,
            parent_code: None,
        });
    }

    for c in cities {
        let code = widen("cities.csv", &c.code, 4)?;
        let parent = widen("cities.csv", &c.province_code, 2)?;
        let parent_name = full_names
            .get(&parent)
            .cloned()
            .ok_or_else(|| RegionDataError::MissingParent {
                code: code.clone(),
                parent: parent.clone(),
            })?;
        let full_name = if PLACEHOLDER_CITY_NAMES.contains(&c.name.as_str()) {
            parent_name
        } else {
            format!("{parent_name}{}", c.name)
        };
        full_names.insert(code.clone(), full_name.clone());
        rows.push(RegionRow {
            code,
            name: c.name,
            full_name,
            level: 2,
            parent_code: Some(parent),
        });
    }

    for a in counties {
        let code = widen("areas.csv", &a.code, 6)?;
        let parent = widen("areas.csv", &a.city_code, 4)?;
        let parent_name = full_names.get(&parent).ok_or_else(|| RegionDataError::MissingParent {
            code: code.clone(),
            parent: parent.clone(),
        })?;
        rows.push(RegionRow {
            full_name: format!("{parent_name}{}", a.name),
            code,
            name: a.name,
            level: 3,
            parent_code: Some(parent),
        });
    }

    Ok(rows)
}

fn read_csv<T: for<'de> Deserialize<'de>>(file: &'static str, text: &str) -> Result<Vec<T>, RegionDataError> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|source| RegionDataError::Csv { file, source })
}

/// Pads a 2- or 4-digit code with zeros to the six-digit GB/T 2260 form.
fn widen(file: &'static str, code: &str, digits: usize) -> Result<String, RegionDataError> {
    let code = code.trim();
    if code.len() != digits || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RegionDataError::BadCode {
            file,
            code: code.to_owned(),
            digits,
        });
    }
    Ok(format!("{code:0<6}"))
}

/// FNV-1a, 64 bits: a checksum that stays the same across builds and
/// compiler versions, unlike `DefaultHasher`.
fn checksum(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Writes the embedded region tree unless the stored checksum matches.
/// Returns the number of rows written (0 when already up to date).
///
/// # Errors
///
/// [`AppError`] from the database; an invalid embedded file is logged and
/// returned as [`AppError::Internal`].
pub async fn load_regions(db: &Db) -> Result<usize, AppError> {
    let sum = checksum(&[PROVINCES_CSV, CITIES_CSV, COUNTIES_CSV]);
    if crate::db::reference::stored_checksum(db, REFERENCE_NAME)
        .await?
        .as_deref()
        == Some(sum.as_str())
    {
        return Ok(0);
    }

    let rows = embedded_rows().map_err(|err| {
        tracing::error!(error = %err, "embedded region data is invalid");
        AppError::Internal
    })?;

    let txn = db.begin_write().await?;
    for chunk in rows.chunks(BATCH_SIZE) {
        let models = chunk.iter().map(|row| entity::ActiveModel {
            code: Set(row.code.clone()),
            name: Set(row.name.clone()),
            full_name: Set(row.full_name.clone()),
            level: Set(row.level),
            parent_code: Set(row.parent_code.clone()),
        });
        let insert = entity::Entity::insert_many(models).on_conflict(
            OnConflict::column(entity::Column::Code)
                .update_columns([
                    entity::Column::Name,
                    entity::Column::FullName,
                    entity::Column::Level,
                    entity::Column::ParentCode,
                ])
                .to_owned(),
        );
        insert.exec_without_returning(&*txn).await?;
    }
    crate::db::reference::store_checksum(&*txn, REFERENCE_NAME, &sum).await?;
    txn.commit().await?;

    tracing::info!(rows = rows.len(), checksum = %sum, "region tree loaded");
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse() {
        let rows = embedded_rows().expect("embedded region files are valid");
        assert_eq!(rows.iter().filter(|r| r.level == 1).count(), 31);
        assert_eq!(rows.iter().filter(|r| r.level == 2).count(), 342);
        assert_eq!(rows.iter().filter(|r| r.level == 3).count(), 2978);
    }

    #[test]
    fn full_names_skip_placeholders() {
        let rows = embedded_rows().expect("embedded region files are valid");
        let find = |code: &str| rows.iter().find(|r| r.code == code).expect("code present");
        assert_eq!(find("110101").full_name, "北京市东城区");
        assert_eq!(find("110100").parent_code.as_deref(), Some("110000"));
        assert_eq!(find("419001").full_name, "河南省济源市");
        assert_eq!(find("130102").full_name, "河北省石家庄市长安区");
    }

    #[test]
    fn missing_parent_is_reported() {
        let err = parse_rows(
            "code,name\n11,\"北京市\"\n",
            "code,name,provinceCode\n1201,\"市辖区\",12\n",
            "code,name,cityCode,provinceCode\n",
        )
        .unwrap_err();
        assert!(matches!(err, RegionDataError::MissingParent { .. }), "{err}");
    }

    #[test]
    fn malformed_code_is_reported() {
        let err = parse_rows(
            "code,name\n1x,\"北京市\"\n",
            "code,name,provinceCode\n",
            "code,name,cityCode,provinceCode\n",
        )
        .unwrap_err();
        assert!(matches!(err, RegionDataError::BadCode { digits: 2, .. }), "{err}");
    }

    #[test]
    fn checksum_is_stable() {
        assert_eq!(checksum(&["abc"]), "e71fa2190541574b");
        assert_ne!(checksum(&["abc"]), checksum(&["abd"]));
    }
}
