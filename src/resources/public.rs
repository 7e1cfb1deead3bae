//! Types of the public directory (资源展示) and the map-app links of a
//! resource.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::form::{ProgrammeView, ResourceRecord};
use super::model::{FeeKind, ResourceType, Theme};
use super::photos::PhotoView;
use crate::geo::{LatLng, gcj02_to_bd09, wgs84_to_gcj02};
use crate::i18n::Text;

/// The directory's URL query. Every value is text because it comes from
/// a GET form; a value that cannot be read is ignored with a notice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DirectoryQuery {
    pub q: String,
    /// Region code; resources of regions below it are included.
    pub region: String,
    pub resource_type: String,
    pub theme: String,
    pub stage: String,
    pub fee: String,
    /// `YYYY-MM-DD`: keep resources open that day.
    pub date: String,
    /// `relevance` (default), `distance` or `newest`.
    pub sort: String,
    /// WGS-84 point to measure distances from.
    pub lat: String,
    pub lng: String,
    /// Zero-based page.
    pub page: u64,
}

/// One result of the directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryRow {
    pub id: i64,
    pub name: String,
    pub provider_name: String,
    pub resource_type: Option<ResourceType>,
    pub themes: Vec<Theme>,
    pub fee_kind: Option<FeeKind>,
    pub region_name: String,
    pub address: String,
    pub distance_m: Option<f64>,
}

/// One page of directory results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub rows: Vec<DirectoryRow>,
    /// Filters that were ignored, and why.
    pub notices: Vec<Text>,
    /// Whether results are sorted by distance from a known point.
    pub by_distance: bool,
}

/// Links that open a location in the visitor's map app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapLinks {
    /// RFC 5870 `geo:` URI in WGS-84, which phone map apps open.
    pub geo_uri: String,
    /// Amap (高德) marker page, in GCJ-02.
    pub amap: String,
    /// Baidu marker page, in BD-09.
    pub baidu: String,
}

/// A published resource as the public detail page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicResource {
    pub id: i64,
    pub provider_name: String,
    pub region_name: String,
    pub record: ResourceRecord,
    /// The opening hours in words, per locale.
    pub opening_hours: Text,
    /// Whether it opens today, in China Standard Time; `None` when the
    /// holiday notice for the year is not published yet.
    pub open_today: Option<bool>,
    /// Today's hours or the reason it is closed.
    pub today: Text,
    pub map: Option<MapLinks>,
    pub programmes: Vec<ProgrammeView>,
    /// Photos in display order.
    pub photos: Vec<PhotoView>,
    pub last_verified_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
}

/// Percent-encodes a query value (RFC 3986 unreserved characters kept).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Builds the map links of a point stored in WGS-84. Amap expects GCJ-02
/// and Baidu BD-09, so the point is converted for each.
pub fn map_links(point: LatLng, name: &str) -> MapLinks {
    let gcj = wgs84_to_gcj02(point);
    let bd = gcj02_to_bd09(gcj);
    let name = encode(name);
    MapLinks {
        geo_uri: format!(
            "geo:{:.6},{:.6}?q={:.6},{:.6}({name})",
            point.lat, point.lng, point.lat, point.lng
        ),
        amap: format!(
            "https://uri.amap.com/marker?position={:.6},{:.6}&name={name}&coordinate=gaode&callnative=1",
            gcj.lng, gcj.lat
        ),
        baidu: format!(
            "https://api.map.baidu.com/marker?location={:.6},{:.6}&title={name}&content={name}&output=html&coord_type=bd09ll&src=xieyu",
            bd.lat, bd.lng
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_use_each_apps_datum() {
        let point = LatLng::new(40.0036, 116.3921);
        let links = map_links(point, "中国科学技术馆");
        assert!(
            links.geo_uri.starts_with("geo:40.003600,116.392100?q="),
            "{}",
            links.geo_uri
        );
        assert!(
            links
                .geo_uri
                .ends_with("(%E4%B8%AD%E5%9B%BD%E7%A7%91%E5%AD%A6%E6%8A%80%E6%9C%AF%E9%A6%86)")
        );

        let gcj = wgs84_to_gcj02(point);
        assert!(links.amap.contains(&format!("position={:.6},{:.6}", gcj.lng, gcj.lat)));
        assert!(!links.amap.contains("116.392100"), "Amap gets GCJ-02, not WGS-84");
        assert!(links.baidu.contains("coord_type=bd09ll"));
    }

    #[test]
    fn names_are_escaped() {
        let links = map_links(LatLng::new(39.9, 116.4), "A&B 馆");
        assert!(links.amap.contains("name=A%26B%20%E9%A6%86"));
    }
}
