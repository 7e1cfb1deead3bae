//! Documents the index stores, queries and results.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::SchoolCalendar;
use crate::resources::model::{FeeKind, ResourceType, Stage, Theme};
use crate::resources::opening_hours::OpeningHours;

/// Largest page a search returns.
pub const MAX_PAGE_SIZE: usize = 100;

/// Page size when a query gives none.
pub const DEFAULT_PAGE_SIZE: usize = 20;

/// Mean Earth radius in metres (IUGG), for great-circle distances.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A point in WGS-84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

impl GeoPoint {
    /// Creates a point; `None` unless latitude is in -90..=90 and longitude
    /// in -180..=180.
    pub fn new(lat: f64, lon: f64) -> Option<GeoPoint> {
        let valid = (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
        valid.then_some(GeoPoint { lat, lon })
    }

    /// Great-circle (haversine) distance in metres. Coordinates shown on
    /// Chinese map apps are usually GCJ-02, offset from WGS-84 by up to
    /// about 500 m, so both points must use the same datum.
    pub fn distance_m(self, other: GeoPoint) -> f64 {
        let (lat1, lat2) = (self.lat.to_radians(), other.lat.to_radians());
        let half_dlat = (lat2 - lat1) / 2.0;
        let half_dlon = (other.lon - self.lon).to_radians() / 2.0;
        let a = half_dlat.sin().powi(2) + lat1.cos() * lat2.cos() * half_dlon.sin().powi(2);
        2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
    }
}

/// One published resource as the directory searches it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDocument {
    pub id: i64,
    pub name: String,
    /// Other searchable text: provider name, address, strengths, services.
    /// The labels of the type, themes and stages are added by the index.
    pub fields: Vec<String>,
    /// Six-digit GB/T 2260 code of the resource's region.
    pub region_code: String,
    pub resource_type: ResourceType,
    pub themes: Vec<Theme>,
    pub stages: Vec<Stage>,
    pub fee: Option<FeeKind>,
    pub location: Option<GeoPoint>,
    pub published_at: Option<DateTime<Utc>>,
    /// Needed by the open-on-date filter; a resource without hours never
    /// passes it.
    pub opening_hours: Option<OpeningHours>,
}

/// Order of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    /// Best text match first; newest first when the query has no text.
    #[default]
    Relevance,
    /// Nearest to [`Query::origin`] first; resources without a location
    /// last. Without an origin this is [`SortOrder::Relevance`].
    Distance,
    /// Most recently published first.
    Newest,
}

/// Keeps resources open on `date`, as `calendar` decides holidays.
/// Resources whose status is unknown (no hours, or a holiday notice not yet
/// published) are left out.
#[derive(Debug, Clone, Copy)]
pub struct OpenOn<'a> {
    pub date: NaiveDate,
    pub calendar: &'a SchoolCalendar,
}

/// A directory search. Empty filter lists filter nothing; a non-empty list
/// keeps resources matching any of its entries.
#[derive(Debug, Clone, Default)]
pub struct Query<'a> {
    /// Chinese, pinyin or Latin text; empty lists every resource.
    pub text: String,
    /// Region code whose resources, and those of the regions below it, are
    /// kept; an invalid code keeps nothing.
    pub region_scope: Option<String>,
    pub resource_types: Vec<ResourceType>,
    pub themes: Vec<Theme>,
    pub stages: Vec<Stage>,
    pub fees: Vec<FeeKind>,
    pub open_on: Option<OpenOn<'a>>,
    /// The user's point (for example their school), for distances.
    pub origin: Option<GeoPoint>,
    pub sort: SortOrder,
    /// Page number from 1; 0 counts as 1.
    pub page: usize,
    /// Results per page, at most [`MAX_PAGE_SIZE`]; 0 means
    /// [`DEFAULT_PAGE_SIZE`].
    pub page_size: usize,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResult {
    /// Matching resources over all pages.
    pub total: usize,
    /// The page returned, from 1.
    pub page: usize,
    pub page_size: usize,
    /// Resource ids of this page, in order.
    pub ids: Vec<i64>,
    /// Distance in metres from the query's origin, aligned with `ids`;
    /// `None` without an origin or location.
    pub distances_m: Vec<Option<f64>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_beijing_shanghai() {
        let beijing = GeoPoint::new(39.9042, 116.4074).expect("valid point");
        let shanghai = GeoPoint::new(31.2304, 121.4737).expect("valid point");
        let km = beijing.distance_m(shanghai) / 1000.0;
        assert!((1060.0..1075.0).contains(&km), "{km}");
        assert_eq!(beijing.distance_m(beijing), 0.0);
    }

    #[test]
    fn invalid_points_are_rejected() {
        assert_eq!(GeoPoint::new(91.0, 0.0), None);
        assert_eq!(GeoPoint::new(f64::NAN, 0.0), None);
        assert_eq!(GeoPoint::new(0.0, 181.0), None);
    }
}
