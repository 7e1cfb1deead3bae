//! The GB/T 2260 region tree (行政区划): provinces, cities and counties.
//!
//! Every organisation belongs to one region, and a bureau officer's scope is
//! a region with everything below it. Codes have six digits: `110000` is a
//! province, `110100` a city, `110101` a county.

pub mod api;
pub mod page;
pub mod picker;
pub mod table;
pub mod texts;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod load;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RegionLevel {
    Province = 1,
    City = 2,
    County = 3,
}

impl RegionLevel {
    pub fn from_number(level: i16) -> Option<RegionLevel> {
        match level {
            1 => Some(RegionLevel::Province),
            2 => Some(RegionLevel::City),
            3 => Some(RegionLevel::County),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub code: String,
    /// Official short name, e.g. "东城区".
    pub name: String,
    /// Name with its ancestors, skipping placeholders such as "市辖区",
    /// e.g. "北京市东城区".
    pub full_name: String,
    pub level: RegionLevel,
    pub parent_code: Option<String>,
}

/// Whether `code` is six ASCII digits.
pub fn is_valid_code(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

/// The code prefix shared by a region and everything below it: two digits
/// for a province, four for a city, six for a county.
pub fn scope_prefix(code: &str) -> &str {
    if code.ends_with("0000") {
        &code[..2]
    } else if code.ends_with("00") {
        &code[..4]
    } else {
        code
    }
}

/// Whether region `code` lies in the region `scope` or is `scope` itself.
pub fn is_within(code: &str, scope: &str) -> bool {
    is_valid_code(code) && is_valid_code(scope) && code.starts_with(scope_prefix(scope))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_scope_contains_its_counties() {
        assert!(is_within("110101", "110100"));
        assert!(is_within("110100", "110100"));
        assert!(is_within("110101", "110000"));
        assert!(!is_within("120101", "110100"));
    }

    #[test]
    fn county_scope_excludes_neighbour() {
        assert!(is_within("110101", "110101"));
        assert!(!is_within("110102", "110101"));
        assert!(!is_within("110100", "110101"));
    }

    #[test]
    fn malformed_codes_are_outside() {
        assert!(!is_within("11010", "110000"));
        assert!(!is_within("11010x", "110000"));
        assert!(!is_within("110101", ""));
    }
}
