//! Finding the region a sheet names: by GB/T 2260 code, by full name such
//! as 北京市海淀区, or by a short name such as 海淀区 when it is unique.

use std::collections::{HashMap, HashSet};

use crate::regions::{Region, RegionLevel, is_valid_code, is_within};

/// Read access to the region tree, so validation can run on the database's
/// regions in production and on the embedded list in tests.
pub trait RegionLookup {
    /// Returns the region with this six-digit code.
    fn by_code(&self, code: &str) -> Option<Region>;
    /// Returns all regions whose short name (`Region::name`) is exactly `name`.
    fn by_short_name(&self, name: &str) -> Vec<Region>;
    /// Checks whether the region has regions below it.
    fn has_children(&self, code: &str) -> bool;
    /// Returns the importing officer's region. Rows in other regions are
    /// rejected, and `None` means no restriction.
    fn scope(&self) -> Option<&str> {
        None
    }
}

/// An in-memory [`RegionLookup`] over a list of regions.
#[derive(Debug, Clone, Default)]
pub struct RegionIndex {
    by_code: HashMap<String, Region>,
    by_name: HashMap<String, Vec<String>>,
    parents: HashSet<String>,
    scope: Option<String>,
}

impl RegionIndex {
    /// Indexes the given regions. When two share a code, the deeper one is
    /// kept with the shallower one's parent. The GB/T 2260 data lists cities
    /// without counties (东莞市, 中山市, 儋州市, 嘉峪关市) both as a city and
    /// as a county of the same code, and the county names itself as parent.
    pub fn new(regions: impl IntoIterator<Item = Region>) -> Self {
        let mut index = Self::default();
        for mut region in regions {
            if let Some(parent) = &region.parent_code
                && *parent != region.code
            {
                index.parents.insert(parent.clone());
            }
            match index.by_code.get_mut(&region.code) {
                None => {
                    index.by_code.insert(region.code.clone(), region);
                }
                Some(existing) if region.level > existing.level => {
                    if region.parent_code.as_ref() == Some(&region.code) {
                        region.parent_code = existing.parent_code.clone();
                    }
                    *existing = region;
                }
                Some(existing) => {
                    if existing.parent_code.as_ref() == Some(&existing.code) {
                        existing.parent_code = region.parent_code;
                    }
                }
            }
        }
        for region in index.by_code.values() {
            index
                .by_name
                .entry(region.name.clone())
                .or_default()
                .push(region.code.clone());
        }
        for codes in index.by_name.values_mut() {
            codes.sort();
        }
        index
    }

    /// Restricts imports to `scope` and the regions below it.
    pub fn with_scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }
}

impl RegionLookup for RegionIndex {
    fn by_code(&self, code: &str) -> Option<Region> {
        self.by_code.get(code).cloned()
    }

    fn by_short_name(&self, name: &str) -> Vec<Region> {
        self.by_name
            .get(name)
            .map(|codes| {
                codes
                    .iter()
                    .filter_map(|code| self.by_code.get(code).cloned())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn has_children(&self, code: &str) -> bool {
        self.parents.contains(code)
    }

    fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }
}

/// The result of resolving a sheet's region text.
#[derive(Debug, Clone, PartialEq)]
pub enum RegionMatch {
    Found(Region),
    NotFound,
    /// Several regions fit; their full names, sorted.
    Ambiguous(Vec<String>),
    /// A province or a city with counties below it.
    NotSpecific(Region),
    OutOfScope(Region),
}

/// Resolves a code or a name to one county-level region.
pub fn resolve_region(text: &str, regions: &dyn RegionLookup) -> RegionMatch {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();

    let candidates = if is_valid_code(&text) {
        regions.by_code(&text).into_iter().collect()
    } else {
        name_candidates(&text, regions)
    };

    let region = match candidates.as_slice() {
        [] => return RegionMatch::NotFound,
        [one] => one.clone(),
        many => {
            let mut names: Vec<String> = many.iter().map(|region| region.full_name.clone()).collect();
            names.sort();
            names.dedup();
            return RegionMatch::Ambiguous(names);
        }
    };

    if region.level != RegionLevel::County && regions.has_children(&region.code) {
        return RegionMatch::NotSpecific(region);
    }
    if let Some(scope) = regions.scope()
        && !is_within(&region.code, scope)
    {
        return RegionMatch::OutOfScope(region);
    }
    RegionMatch::Found(region)
}

/// Regions whose short name ends the text and whose ancestors' names make
/// up the rest of it: "", the province, the city, or province and city.
fn name_candidates(text: &str, regions: &dyn RegionLookup) -> Vec<Region> {
    let mut found: Vec<Region> = Vec::new();
    for (start, _) in text.char_indices() {
        let (prefix, name) = text.split_at(start);
        for region in regions.by_short_name(name) {
            let already = found.iter().any(|r| r.code == region.code);
            if !already && accepted_prefixes(&region, regions).iter().any(|p| p == prefix) {
                found.push(region);
            }
        }
    }
    found
}

/// Lists the texts that may precede a region's short name: nothing, the
/// name of its province or city, or both. Placeholder cities such as 市辖区
/// are not part of full names, so they are skipped.
fn accepted_prefixes(region: &Region, regions: &dyn RegionLookup) -> Vec<String> {
    let mut ancestors = Vec::new();
    let mut parent = region.parent_code.clone();
    // Three levels at most; the bound also stops a cycle in bad data.
    for _ in 0..3 {
        let Some(code) = parent.filter(|code| *code != region.code) else {
            break;
        };
        let Some(ancestor) = regions.by_code(&code) else {
            break;
        };
        if region.full_name.contains(&ancestor.name) {
            ancestors.push(ancestor.name.clone());
        }
        parent = ancestor.parent_code.clone().filter(|next| *next != code);
    }
    ancestors.reverse();

    let mut prefixes = vec![String::new()];
    prefixes.extend(ancestors.iter().cloned());
    if ancestors.len() == 2 {
        prefixes.push(ancestors.concat());
    }
    prefixes
}

#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests {
    use super::*;
    use crate::regions::load::embedded_rows;

    /// Builds an index of the embedded GB/T 2260 tree for the census tests.
    pub(crate) fn embedded_index() -> RegionIndex {
        let rows = embedded_rows().unwrap_or_default();
        assert!(rows.len() > 3000, "embedded regions missing");
        RegionIndex::new(rows.into_iter().filter_map(|row| {
            Some(Region {
                level: RegionLevel::from_number(row.level)?,
                code: row.code,
                name: row.name,
                full_name: row.full_name,
                parent_code: row.parent_code,
            })
        }))
    }

    fn found_code(text: &str, index: &RegionIndex) -> Option<String> {
        match resolve_region(text, index) {
            RegionMatch::Found(region) => Some(region.code),
            _ => None,
        }
    }

    #[test]
    fn code_and_names_resolve() {
        let index = embedded_index();
        assert_eq!(found_code("110108", &index).as_deref(), Some("110108"));
        assert_eq!(found_code("北京市海淀区", &index).as_deref(), Some("110108"));
        assert_eq!(found_code("海淀区", &index).as_deref(), Some("110108"));
        assert_eq!(found_code(" 北京市 海淀区 ", &index).as_deref(), Some("110108"));
        assert_eq!(found_code("上海市浦东新区", &index).as_deref(), Some("310115"));
        assert_eq!(found_code("吉林省长春市朝阳区", &index).as_deref(), Some("220104"));
        assert_eq!(found_code("长春市朝阳区", &index).as_deref(), Some("220104"));
        assert_eq!(found_code("北京市朝阳区", &index).as_deref(), Some("110105"));
        assert_eq!(found_code("江苏省南京市玄武区", &index).as_deref(), Some("320102"));
    }

    #[test]
    fn ambiguous_short_name_lists_candidates() {
        let index = embedded_index();
        assert_eq!(
            resolve_region("朝阳区", &index),
            RegionMatch::Ambiguous(vec!["北京市朝阳区".into(), "吉林省长春市朝阳区".into()])
        );
        match resolve_region("鼓楼区", &index) {
            RegionMatch::Ambiguous(names) => assert!(names.len() >= 4, "{names:?}"),
            other => panic!("expected ambiguous, got {other:?}"),
        }
    }

    #[test]
    fn province_and_city_are_not_specific() {
        let index = embedded_index();
        assert!(matches!(resolve_region("北京市", &index), RegionMatch::NotSpecific(_)));
        assert!(matches!(resolve_region("320100", &index), RegionMatch::NotSpecific(_)));
    }

    #[test]
    fn city_without_counties_is_specific() {
        let index = embedded_index();
        assert_eq!(found_code("广东省东莞市", &index).as_deref(), Some("441900"));
        assert_eq!(found_code("东莞市", &index).as_deref(), Some("441900"));
    }

    #[test]
    fn unknown_and_wrong_prefix_not_found() {
        let index = embedded_index();
        assert_eq!(resolve_region("火星市", &index), RegionMatch::NotFound);
        assert_eq!(resolve_region("999999", &index), RegionMatch::NotFound);
        assert_eq!(resolve_region("上海市海淀区", &index), RegionMatch::NotFound);
        assert_eq!(resolve_region("", &index), RegionMatch::NotFound);
    }

    #[test]
    fn scope_rejects_other_regions() {
        let index = embedded_index().with_scope("110000");
        assert_eq!(found_code("北京市东城区", &index).as_deref(), Some("110101"));
        assert!(matches!(
            resolve_region("上海市浦东新区", &index),
            RegionMatch::OutOfScope(_)
        ));
    }
}
