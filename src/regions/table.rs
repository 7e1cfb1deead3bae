//! The region tree compiled into both the server and the WASM client, so
//! the region picker fills its selects without a request. The files are
//! the ones `load` writes to the database, so both give the same options.
//!
//! The files are simple CSV: numeric codes, and names in double quotes
//! that contain no commas or quotes (checked by a test).

use std::collections::HashMap;
use std::sync::OnceLock;

const PROVINCES_CSV: &str = include_str!("../../reference-data/regions/provinces.csv");
const CITIES_CSV: &str = include_str!("../../reference-data/regions/cities.csv");
const COUNTIES_CSV: &str = include_str!("../../reference-data/regions/areas.csv");

/// A region as the picker shows it: six-digit code and short name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerOption {
    pub code: String,
    pub name: String,
}

/// Children of each parent code; the provinces are under "".
struct Table(HashMap<String, Vec<PickerOption>>);

/// Pads a 2- or 4-digit code to six digits: `11` → `110000`.
fn widen(code: &str) -> String {
    format!("{code:0<6}")
}

/// Reads `code,"name",parent,...` rows after the header; `parent` is the
/// column of the parent's code, if any.
fn rows(text: &str, parent: Option<usize>) -> impl Iterator<Item = (String, String, String)> + '_ {
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .filter_map(move |line| {
            let fields: Vec<&str> = line.split(',').collect();
            let code = widen(fields.first()?.trim());
            let name = fields.get(1)?.trim().trim_matches('"').to_owned();
            let parent = match parent {
                Some(column) => widen(fields.get(column)?.trim()),
                None => String::new(),
            };
            Some((code, name, parent))
        })
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut children: HashMap<String, Vec<PickerOption>> = HashMap::new();
        let all = rows(PROVINCES_CSV, None)
            .chain(rows(CITIES_CSV, Some(2)))
            .chain(rows(COUNTIES_CSV, Some(2)));
        for (code, name, parent) in all {
            children.entry(parent).or_default().push(PickerOption { code, name });
        }
        for list in children.values_mut() {
            list.sort_by(|a, b| a.code.cmp(&b.code));
        }
        Table(children)
    })
}

/// Lists the provinces (for an empty `parent`) or the children of a
/// province or city, ordered by code. An unknown code has none.
pub fn children(parent: &str) -> &'static [PickerOption] {
    table().0.get(parent).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_cities_and_counties() {
        let provinces = children("");
        // The 31 province-level regions of the mainland.
        assert_eq!(provinces.len(), 31);
        assert_eq!(
            provinces[0],
            PickerOption {
                code: "110000".into(),
                name: "北京市".into()
            }
        );
        let beijing = children("110000");
        assert_eq!(beijing.len(), 1);
        assert_eq!(beijing[0].name, "市辖区");
        let counties = children("110100");
        assert!(counties.iter().any(|c| c.code == "110108" && c.name == "海淀区"));
        assert!(children("999999").is_empty());
    }

    #[test]
    fn names_have_no_commas_or_quotes() {
        for text in [PROVINCES_CSV, CITIES_CSV, COUNTIES_CSV] {
            for line in text.lines().skip(1) {
                assert_eq!(line.matches('"').count(), 2, "{line}");
                let name = line.split('"').nth(1).unwrap_or_default();
                assert!(!name.contains(','), "{line}");
            }
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn same_tree_as_the_database_load() {
        let rows = super::super::load::embedded_rows().expect("embedded rows");
        let picker_total = rows
            .iter()
            .map(|row| row.parent_code.clone().unwrap_or_default())
            .collect::<std::collections::BTreeSet<_>>()
            .iter()
            .map(|parent| children(parent).len())
            .sum::<usize>();
        assert_eq!(picker_total, rows.len());
    }
}
