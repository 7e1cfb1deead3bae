//! GCJ-02 and BD-09: the obfuscated datums of Chinese map services.
//!
//! GCJ-02 (国测局坐标) adds a smooth, position-dependent offset of a few
//! hundred metres to WGS-84. The forward formula below is the one published
//! and used by open-source map tools, and a test checks it against their
//! published values. There is no closed-form inverse, so [`gcj02_to_wgs84`]
//! inverts it by fixed-point iteration. BD-09 is Baidu's further distortion
//! of GCJ-02.

use std::f64::consts::PI;

use super::LatLng;

/// Semi-major axis (m) and first eccentricity squared of the Krasovsky 1940
/// ellipsoid, which the GCJ-02 formula uses.
const KRASOVSKY_A: f64 = 6_378_245.0;
const KRASOVSKY_EE: f64 = 0.006_693_421_622_965_943;

/// BD-09's rotation constant: π × 3000 / 180.
const BD_X_PI: f64 = PI * 3000.0 / 180.0;

/// The inverse iterations stop when the forward transform of the estimate
/// is this close to the target (degrees; 1e-10° is about 0.01 mm).
const INVERSE_TOLERANCE_DEG: f64 = 1e-10;
const INVERSE_MAX_ITERATIONS: usize = 30;

/// Checks whether the GCJ-02 offset applies. Like the published
/// implementations, this is a bounding box around China, not the border.
/// Points in the box but abroad are offset too, which only matters for
/// foreign points that the census rejects anyway.
fn is_offset_area(p: LatLng) -> bool {
    (72.004..=137.8347).contains(&p.lng) && (0.8293..=55.8271).contains(&p.lat)
}

/// Converts WGS-84 to GCJ-02. Points outside the offset box, and invalid
/// points, are returned unchanged.
pub fn wgs84_to_gcj02(p: LatLng) -> LatLng {
    if !p.is_valid() || !is_offset_area(p) {
        return p;
    }

    // x and y are degrees east of 105°E and north of 35°N.
    let x = p.lng - 105.0;
    let y = p.lat - 35.0;
    let dlat = offset_lat(x, y);
    let dlng = offset_lng(x, y);

    // Scale the offsets from metres-like units to degrees on the ellipsoid.
    let rad_lat = p.lat.to_radians();
    let magic = 1.0 - KRASOVSKY_EE * rad_lat.sin().powi(2);
    let sqrt_magic = magic.sqrt();
    let dlat_deg = dlat * 180.0 / ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * PI);
    let dlng_deg = dlng * 180.0 / (KRASOVSKY_A / sqrt_magic * rad_lat.cos() * PI);

    LatLng::new(p.lat + dlat_deg, p.lng + dlng_deg)
}

/// Converts GCJ-02 to WGS-84 by iterating the forward transform; the result
/// maps back onto `p` within 1e-10° (about 0.01 mm).
pub fn gcj02_to_wgs84(p: LatLng) -> LatLng {
    invert(p, p, wgs84_to_gcj02)
}

/// Converts GCJ-02 to BD-09.
pub fn gcj02_to_bd09(p: LatLng) -> LatLng {
    if !p.is_valid() {
        return p;
    }
    let (x, y) = (p.lng, p.lat);
    let z = (x * x + y * y).sqrt() + 0.000_02 * (y * BD_X_PI).sin();
    let theta = y.atan2(x) + 0.000_003 * (x * BD_X_PI).cos();
    LatLng::new(z * theta.sin() + 0.006, z * theta.cos() + 0.0065)
}

/// Converts BD-09 to GCJ-02: Baidu's approximate inverse, refined by
/// iteration so that the result maps back onto `p`.
pub fn bd09_to_gcj02(p: LatLng) -> LatLng {
    if !p.is_valid() {
        return p;
    }
    let (x, y) = (p.lng - 0.0065, p.lat - 0.006);
    let z = (x * x + y * y).sqrt() - 0.000_02 * (y * BD_X_PI).sin();
    let theta = y.atan2(x) - 0.000_003 * (x * BD_X_PI).cos();
    let estimate = LatLng::new(z * theta.sin(), z * theta.cos());
    invert(p, estimate, gcj02_to_bd09)
}

/// Finds `q` with `forward(q) ≈ target`, starting at `start`. Each of these
/// transforms moves a point by less than a kilometre and its derivative is
/// close to the identity, so subtracting the residual converges in a few
/// steps.
fn invert(target: LatLng, start: LatLng, forward: fn(LatLng) -> LatLng) -> LatLng {
    if !target.is_valid() {
        return target;
    }
    let mut estimate = start;
    for _ in 0..INVERSE_MAX_ITERATIONS {
        let image = forward(estimate);
        let (dlat, dlng) = (image.lat - target.lat, image.lng - target.lng);
        estimate = LatLng::new(estimate.lat - dlat, estimate.lng - dlng);
        if dlat.abs() < INVERSE_TOLERANCE_DEG && dlng.abs() < INVERSE_TOLERANCE_DEG {
            break;
        }
    }
    estimate
}

/// Computes the latitude term of the published GCJ-02 offset (x, y in degrees from
/// 105°E, 35°N).
fn offset_lat(x: f64, y: f64) -> f64 {
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

/// Computes the longitude term of the published GCJ-02 offset.
fn offset_lng(x: f64, y: f64) -> f64 {
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::distance_m;

    /// Tiananmen, the Bund, Urumqi, Sanya, Mohe: spread over the offset area.
    const PLACES: [(f64, f64); 5] = [
        (39.9087, 116.3975),
        (31.2400, 121.4900),
        (43.8256, 87.6168),
        (18.2528, 109.5120),
        (52.9721, 122.5384),
    ];

    /// Published results for (39.915 N, 116.404 E) from the test script of
    /// the widely used coordtransform library (wandergis/coordtransform,
    /// test/app.js). Its GCJ-02→WGS-84 and BD-09→GCJ-02 are one-step
    /// approximations, so only the forward transforms must match exactly.
    #[test]
    fn matches_published_beijing_values() {
        let p = LatLng::new(39.915, 116.404);

        let gcj = wgs84_to_gcj02(p);
        assert!((gcj.lng - 116.410_244_499_169_38).abs() < 1e-9, "{gcj:?}");
        assert!((gcj.lat - 39.916_404_281_501_64).abs() < 1e-9, "{gcj:?}");

        let bd = gcj02_to_bd09(p);
        assert!((bd.lng - 116.410_369_493_710_29).abs() < 1e-9, "{bd:?}");
        assert!((bd.lat - 39.921_336_993_510_21).abs() < 1e-9, "{bd:?}");

        // The approximations agree with the exact inverses to a few metres.
        let wgs = gcj02_to_wgs84(p);
        assert!(distance_m(wgs, LatLng::new(39.913_595_718_498_36, 116.397_755_500_830_61)) < 5.0);
        let from_bd = bd09_to_gcj02(p);
        assert!(distance_m(from_bd, LatLng::new(39.908_656_739_576_31, 116.397_627_291_193_15)) < 5.0);
    }

    #[test]
    fn beijing_offset_has_known_size() {
        // In central Beijing GCJ-02 lies about 0.006° east and 0.0014° north
        // of WGS-84, roughly 550 m: the figure every map developer meets.
        let wgs = LatLng::new(39.9087, 116.3975);
        let gcj = wgs84_to_gcj02(wgs);
        assert!(
            (gcj.lng - wgs.lng - 0.0062).abs() < 0.0005,
            "dlng {}",
            gcj.lng - wgs.lng
        );
        assert!(
            (gcj.lat - wgs.lat - 0.0014).abs() < 0.0005,
            "dlat {}",
            gcj.lat - wgs.lat
        );
        let metres = distance_m(wgs, gcj);
        assert!((400.0..700.0).contains(&metres), "offset {metres} m");
    }

    #[test]
    fn gcj_round_trip_within_half_metre() {
        for (lat, lng) in PLACES {
            let wgs = LatLng::new(lat, lng);
            let back = gcj02_to_wgs84(wgs84_to_gcj02(wgs));
            assert!(distance_m(wgs, back) < 0.5, "{wgs:?} came back as {back:?}");
        }
    }

    #[test]
    fn gcj_inverse_of_gcj_input_within_half_metre() {
        for (lat, lng) in PLACES {
            let gcj = LatLng::new(lat, lng);
            let again = wgs84_to_gcj02(gcj02_to_wgs84(gcj));
            assert!(distance_m(gcj, again) < 0.5, "{gcj:?} came back as {again:?}");
        }
    }

    #[test]
    fn bd_round_trip_within_half_metre() {
        for (lat, lng) in PLACES {
            let gcj = LatLng::new(lat, lng);
            let bd = gcj02_to_bd09(gcj);
            let back = bd09_to_gcj02(bd);
            assert!(distance_m(gcj, back) < 0.5, "{gcj:?} came back as {back:?}");
        }
    }

    #[test]
    fn bd_offset_is_about_six_millidegrees() {
        let gcj = LatLng::new(39.9101, 116.4037);
        let bd = gcj02_to_bd09(gcj);
        assert!((bd.lng - gcj.lng - 0.0065).abs() < 0.0015, "dlng {}", bd.lng - gcj.lng);
        assert!((bd.lat - gcj.lat - 0.006).abs() < 0.0015, "dlat {}", bd.lat - gcj.lat);
    }

    #[test]
    fn outside_box_is_unchanged() {
        let london = LatLng::new(51.5074, -0.1278);
        assert_eq!(wgs84_to_gcj02(london), london);
        assert_eq!(gcj02_to_wgs84(london), london);
    }

    #[test]
    fn invalid_points_pass_through() {
        let swapped = LatLng::new(116.4, 39.9);
        assert_eq!(wgs84_to_gcj02(swapped), swapped);
        assert_eq!(gcj02_to_wgs84(swapped), swapped);
        assert_eq!(gcj02_to_bd09(swapped), swapped);
        assert_eq!(bd09_to_gcj02(swapped), swapped);
        let nan = LatLng::new(f64::NAN, 116.4);
        assert!(gcj02_to_wgs84(nan).lat.is_nan());
    }
}
