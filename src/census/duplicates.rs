//! Spotting the same resource twice: within one sheet, and against the
//! resources already on the platform.
//!
//! Two resources are duplicates when their names match after
//! normalisation and their WGS-84 points are less than
//! [`DUPLICATE_RADIUS_M`] apart. Names match when they are equal or their
//! character-bigram Dice coefficient is at least [`NAME_SIMILARITY`].
//! Normalisation maps full-width forms to ASCII, lowercases, and drops
//! everything that is not a letter or digit (spaces, punctuation, ·, 《》…).
//!
//! Containment ("故宫" in "故宫博物院") is deliberately not a match, because
//! duplicates block the import. A venue and a hall inside it ("中国科学技术馆"
//! and "中国科学技术馆儿童科学乐园") are different resources 0 m apart, and
//! a blocking rule with false positives would leave the user stuck. Dice
//! ≥ 0.8 still catches small variations ("国家博物馆" vs "中国国家博物馆",
//! 0.8; a typo in one character of a long name).

use std::collections::HashMap;

use super::record::ExistingResource;
use crate::geo::{LatLng, distance_m};

/// Two resources closer than this (metres) with matching names are the same.
pub const DUPLICATE_RADIUS_M: f64 = 300.0;

/// Minimum bigram Dice coefficient for two different names to match.
pub const NAME_SIMILARITY: f64 = 0.8;

/// Grid cell size in degrees for the neighbour search. 0.01° is at least
/// 300 m in both directions up to about 72° latitude, so a duplicate always
/// lies in the same or an adjacent cell; China ends below 54°.
const CELL_DEG: f64 = 0.01;

/// Entries by grid cell: (index into the caller's list, normalised name).
type Grid = HashMap<(i64, i64), Vec<(usize, Vec<char>)>>;

/// A sheet row with a usable name and point.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub row: u32,
    pub name: String,
    /// WGS-84.
    pub location: LatLng,
}

/// The earlier row or stored resource that a row duplicates.
#[derive(Debug, Clone, PartialEq)]
pub enum DuplicateOf {
    /// An earlier row of the same sheet.
    Row { row: u32, name: String, distance_m: f64 },
    /// A resource already on the platform.
    Existing { id: i64, name: String, distance_m: f64 },
}

/// Finds, for each candidate, the first earlier row it duplicates and the
/// first existing resource it duplicates. Returns `(row, duplicate)` pairs
/// in row order; a row can appear twice (once per kind).
pub fn find_duplicates(candidates: &[Candidate], existing: &[ExistingResource]) -> Vec<(u32, DuplicateOf)> {
    let mut existing_grid = Grid::new();
    for (i, resource) in existing.iter().enumerate() {
        if resource.location.is_valid() {
            existing_grid
                .entry(cell(resource.location))
                .or_default()
                .push((i, normalise_name(&resource.name)));
        }
    }

    let mut sheet_grid = Grid::new();
    let mut found = Vec::new();

    for (i, candidate) in candidates.iter().enumerate() {
        if !candidate.location.is_valid() {
            continue;
        }
        let name = normalise_name(&candidate.name);
        let home = cell(candidate.location);

        let earlier = nearest_match(
            &sheet_grid,
            home,
            &name,
            |j| candidates.get(j).map(|c| c.location),
            candidate.location,
        );
        if let Some((j, distance)) = earlier
            && let Some(other) = candidates.get(j)
        {
            found.push((
                candidate.row,
                DuplicateOf::Row {
                    row: other.row,
                    name: other.name.clone(),
                    distance_m: distance,
                },
            ));
        }

        let stored = nearest_match(
            &existing_grid,
            home,
            &name,
            |j| existing.get(j).map(|r| r.location),
            candidate.location,
        );
        if let Some((j, distance)) = stored
            && let Some(resource) = existing.get(j)
        {
            found.push((
                candidate.row,
                DuplicateOf::Existing {
                    id: resource.id,
                    name: resource.name.clone(),
                    distance_m: distance,
                },
            ));
        }

        sheet_grid.entry(home).or_default().push((i, name));
    }
    found
}

/// Searches the 3 × 3 cells around `home` for a matching name within the
/// radius and returns the lowest index found with its distance.
fn nearest_match(
    grid: &Grid,
    home: (i64, i64),
    name: &[char],
    location_of: impl Fn(usize) -> Option<LatLng>,
    point: LatLng,
) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for dy in -1..=1 {
        for dx in -1..=1 {
            let Some(entries) = grid.get(&(home.0 + dy, home.1 + dx)) else {
                continue;
            };
            for (index, other_name) in entries {
                let Some(other_point) = location_of(*index) else {
                    continue;
                };
                let distance = distance_m(point, other_point);
                let earlier = best.is_none_or(|(b, _)| *index < b);
                if distance < DUPLICATE_RADIUS_M && earlier && names_match(name, other_name) {
                    best = Some((*index, distance));
                }
            }
        }
    }
    best
}

fn cell(p: LatLng) -> (i64, i64) {
    ((p.lat / CELL_DEG).floor() as i64, (p.lng / CELL_DEG).floor() as i64)
}

/// Normalises a name for comparison (see the module documentation).
pub fn normalise_name(name: &str) -> Vec<char> {
    name.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Checks whether two normalised names are equal or similar enough.
pub fn names_match(a: &[char], b: &[char]) -> bool {
    !a.is_empty() && (a == b || bigram_dice(a, b) >= NAME_SIMILARITY)
}

/// Dice coefficient of the character-bigram multisets: 2·|A∩B| / (|A|+|B|).
/// Names shorter than two characters have no bigrams and score 0.
pub fn bigram_dice(a: &[char], b: &[char]) -> f64 {
    let mut left: Vec<(char, char)> = a.windows(2).filter_map(|w| Some((*w.first()?, *w.get(1)?))).collect();
    let mut right: Vec<(char, char)> = b.windows(2).filter_map(|w| Some((*w.first()?, *w.get(1)?))).collect();
    let total = left.len() + right.len();
    if total == 0 {
        return 0.0;
    }
    left.sort_unstable();
    right.sort_unstable();

    // Count the multiset intersection by merging the sorted lists.
    let (mut i, mut j, mut common) = (0, 0, 0);
    while let (Some(x), Some(y)) = (left.get(i), right.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str) -> Vec<char> {
        normalise_name(text)
    }

    fn candidate(row: u32, name: &str, lat: f64, lng: f64) -> Candidate {
        Candidate {
            row,
            name: name.to_owned(),
            location: LatLng::new(lat, lng),
        }
    }

    #[test]
    fn normalisation_ignores_width_case_and_punctuation() {
        assert_eq!(norm("故宫 博物院"), norm("故宫博物院"));
        assert_eq!(norm("《红岩》纪念馆"), norm("红岩纪念馆"));
        assert_eq!(norm("ＡＢＣ科技馆"), norm("abc科技馆"));
        assert_eq!(norm("中国科学技术馆·新馆"), norm("中国科学技术馆新馆"));
    }

    #[test]
    fn dice_scores_known_pairs() {
        assert!((bigram_dice(&norm("国家博物馆"), &norm("中国国家博物馆")) - 0.8).abs() < 1e-9);
        assert!(bigram_dice(&norm("上海科技馆"), &norm("上海科学技术馆")) < NAME_SIMILARITY);
        assert!(bigram_dice(&norm("故宫"), &norm("故宫博物院")) < NAME_SIMILARITY);
        assert_eq!(bigram_dice(&norm("馆"), &norm("馆")), 0.0);
    }

    #[test]
    fn names_match_rules() {
        assert!(names_match(&norm("故宫博物院"), &norm("故宫 博物院")));
        assert!(names_match(&norm("馆"), &norm("馆")));
        assert!(names_match(&norm("中国国家博物馆"), &norm("国家博物馆")));
        assert!(!names_match(
            &norm("中国科学技术馆"),
            &norm("中国科学技术馆儿童科学乐园")
        ));
        assert!(!names_match(&norm(""), &norm("")));
    }

    #[test]
    fn near_same_name_within_radius_is_duplicate() {
        let rows = [
            candidate(2, "中国国家博物馆", 39.9051, 116.4013),
            candidate(3, "故宫博物院", 39.9163, 116.3972),
            candidate(4, "国家博物馆", 39.9060, 116.4015),
        ];
        let found = find_duplicates(&rows, &[]);
        assert_eq!(found.len(), 1);
        let (row, duplicate) = &found[0];
        assert_eq!(*row, 4);
        assert!(matches!(duplicate, DuplicateOf::Row { row: 2, .. }), "{duplicate:?}");
    }

    #[test]
    fn same_name_far_apart_is_not_duplicate() {
        let rows = [
            candidate(2, "新华书店", 39.9051, 116.4013),
            candidate(3, "新华书店", 39.9151, 116.4013),
        ];
        assert!(find_duplicates(&rows, &[]).is_empty());
    }

    #[test]
    fn duplicate_across_cell_border_is_found() {
        // 39.99995 and 40.00005 fall in different grid cells, 11 m apart.
        let rows = [
            candidate(2, "奥林匹克公园", 39.99995, 116.39),
            candidate(3, "奥林匹克公园", 40.00005, 116.39),
        ];
        assert_eq!(find_duplicates(&rows, &[]).len(), 1);
    }

    #[test]
    fn existing_resource_is_matched() {
        let existing = [ExistingResource {
            id: 42,
            name: "上海科技馆".to_owned(),
            location: LatLng::new(31.2196, 121.5447),
        }];
        let rows = [candidate(2, "上海 科技馆", 31.2200, 121.5450)];
        let found = find_duplicates(&rows, &existing);
        assert_eq!(found.len(), 1);
        assert!(
            matches!(found[0].1, DuplicateOf::Existing { id: 42, .. }),
            "{:?}",
            found[0]
        );
    }

    #[test]
    fn first_earlier_row_is_reported() {
        let rows = [
            candidate(2, "故宫博物院", 39.9163, 116.3972),
            candidate(3, "故宫博物院", 39.9164, 116.3972),
            candidate(4, "故宫博物院", 39.9165, 116.3972),
        ];
        let found = find_duplicates(&rows, &[]);
        let pairs: Vec<(u32, u32)> = found
            .iter()
            .filter_map(|(row, dup)| match dup {
                DuplicateOf::Row { row: other, .. } => Some((*row, *other)),
                DuplicateOf::Existing { .. } => None,
            })
            .collect();
        assert_eq!(pairs, [(3, 2), (4, 2)]);
    }
}
