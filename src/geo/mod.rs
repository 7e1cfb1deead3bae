//! Geographic helpers: the three coordinate systems used by Chinese map
//! services, great-circle distance, and a coarse "is this in China" check.
//!
//! XieYu stores WGS-84 (the GPS datum). Amap (高德) and Tencent maps use
//! GCJ-02, Baidu uses BD-09, so coordinates copied from those apps are
//! converted with [`Datum::to_wgs84`] before they are stored, and converted
//! back with [`Datum::from_wgs84`] to build map-app links.

mod china;
mod datum;
mod offset;

use serde::{Deserialize, Serialize};

pub use china::is_in_china;
pub use datum::Datum;
pub use offset::{bd09_to_gcj02, gcj02_to_bd09, gcj02_to_wgs84, wgs84_to_gcj02};

/// Mean earth radius in metres (IUGG), used by [`distance_m`].
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A point in decimal degrees; positive latitude is north, positive
/// longitude is east. The datum is implied by where the value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LatLng {
    pub lat: f64,
    pub lng: f64,
}

impl LatLng {
    pub fn new(lat: f64, lng: f64) -> Self {
        Self { lat, lng }
    }

    /// Checks that both values are finite and within ±90° latitude and ±180°
    /// longitude.
    pub fn is_valid(self) -> bool {
        self.lat.is_finite() && self.lng.is_finite() && self.lat.abs() <= 90.0 && self.lng.abs() <= 180.0
    }
}

/// Computes the great-circle distance between two points in metres with the
/// haversine formula on a sphere of the mean earth radius. Against the
/// ellipsoid it errs by up to about 0.5 %, which is enough for "is it nearby".
pub fn distance_m(a: LatLng, b: LatLng) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = lat2 - lat1;
    let dlng = (b.lng - a.lng).to_radians();

    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlng / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beijing_shanghai_distance() {
        let beijing = LatLng::new(39.9042, 116.4074);
        let shanghai = LatLng::new(31.2304, 121.4737);
        let km = distance_m(beijing, shanghai) / 1000.0;
        assert!((km - 1067.0).abs() < 1067.0 * 0.01, "got {km} km");
    }

    #[test]
    fn distance_is_zero_for_same_point() {
        let p = LatLng::new(39.9163, 116.3972);
        assert_eq!(distance_m(p, p), 0.0);
    }

    #[test]
    fn one_millidegree_latitude_is_about_111_m() {
        let a = LatLng::new(30.0, 120.0);
        let b = LatLng::new(30.001, 120.0);
        assert!((distance_m(a, b) - 111.2).abs() < 0.5);
    }

    #[test]
    fn validity_rejects_out_of_range() {
        assert!(LatLng::new(39.9, 116.4).is_valid());
        assert!(!LatLng::new(116.4, 39.9).is_valid());
        assert!(!LatLng::new(f64::NAN, 116.4).is_valid());
        assert!(!LatLng::new(10.0, 181.0).is_valid());
    }
}
