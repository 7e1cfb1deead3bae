//! The coordinate systems (datums) a coordinate can be given in.

use serde::{Deserialize, Serialize};

use super::{LatLng, offset};
use crate::i18n::Locale;

/// Geodetic datum of a coordinate pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Datum {
    /// WGS-84: GPS, OpenStreetMap, and what XieYu stores.
    Wgs84,
    /// GCJ-02 (国测局坐标): Amap (高德) and Tencent (腾讯) maps.
    Gcj02,
    /// BD-09: Baidu (百度) maps.
    Bd09,
}

impl Datum {
    pub const ALL: [Datum; 3] = [Datum::Wgs84, Datum::Gcj02, Datum::Bd09];

    /// Short name as written in census sheets: "WGS-84", "GCJ-02", "BD-09".
    pub fn code(self) -> &'static str {
        match self {
            Datum::Wgs84 => "WGS-84",
            Datum::Gcj02 => "GCJ-02",
            Datum::Bd09 => "BD-09",
        }
    }

    /// Name with the map services that use it, for forms and help text.
    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Datum::Wgs84, Locale::Zh) => "WGS-84（GPS）",
            (Datum::Gcj02, Locale::Zh) => "GCJ-02（高德、腾讯地图）",
            (Datum::Bd09, Locale::Zh) => "BD-09（百度地图）",
            (Datum::Wgs84, Locale::En) => "WGS-84 (GPS)",
            (Datum::Gcj02, Locale::En) => "GCJ-02 (Amap, Tencent Maps)",
            (Datum::Bd09, Locale::En) => "BD-09 (Baidu Maps)",
        }
    }

    /// Parses the names people type: "WGS84", "wgs-84", "GPS"; "GCJ-02",
    /// "高德", "腾讯", "火星坐标"; "BD-09", "百度". Case, spaces, hyphens,
    /// underscores and brackets are ignored, and anything after a known
    /// prefix is allowed, so both [`Datum::code`] and [`Datum::label`] parse.
    pub fn parse(text: &str) -> Option<Datum> {
        let key: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '(' | ')' | '（' | '）' | '－'))
            .flat_map(char::to_lowercase)
            .collect();

        const PREFIXES: [(&str, Datum); 10] = [
            ("wgs84", Datum::Wgs84),
            ("gps", Datum::Wgs84),
            ("gcj02", Datum::Gcj02),
            ("高德", Datum::Gcj02),
            ("腾讯", Datum::Gcj02),
            ("火星", Datum::Gcj02),
            ("国测局", Datum::Gcj02),
            ("bd09", Datum::Bd09),
            ("百度", Datum::Bd09),
            ("baidu", Datum::Bd09),
        ];
        PREFIXES
            .iter()
            .find(|(prefix, _)| key.starts_with(prefix))
            .map(|(_, datum)| *datum)
    }

    /// Converts a point given in this datum to WGS-84.
    pub fn to_wgs84(self, p: LatLng) -> LatLng {
        match self {
            Datum::Wgs84 => p,
            Datum::Gcj02 => offset::gcj02_to_wgs84(p),
            Datum::Bd09 => offset::gcj02_to_wgs84(offset::bd09_to_gcj02(p)),
        }
    }

    /// Converts a WGS-84 point to this datum, for links into map apps.
    pub fn from_wgs84(self, p: LatLng) -> LatLng {
        match self {
            Datum::Wgs84 => p,
            Datum::Gcj02 => offset::wgs84_to_gcj02(p),
            Datum::Bd09 => offset::gcj02_to_bd09(offset::wgs84_to_gcj02(p)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::distance_m;

    #[test]
    fn parse_accepts_common_spellings() {
        for text in ["WGS84", "wgs-84", "WGS 84", "GPS", "WGS-84（GPS）"] {
            assert_eq!(Datum::parse(text), Some(Datum::Wgs84), "{text}");
        }
        for text in [
            "GCJ-02",
            "gcj02",
            "高德",
            "腾讯地图",
            "火星坐标",
            "GCJ-02（高德、腾讯地图）",
        ] {
            assert_eq!(Datum::parse(text), Some(Datum::Gcj02), "{text}");
        }
        for text in ["BD-09", "bd09", "百度", "百度地图", "Baidu"] {
            assert_eq!(Datum::parse(text), Some(Datum::Bd09), "{text}");
        }
    }

    #[test]
    fn parse_rejects_unknown() {
        assert_eq!(Datum::parse(""), None);
        assert_eq!(Datum::parse("CGCS2000"), None);
        assert_eq!(Datum::parse("谷歌"), None);
    }

    #[test]
    fn code_and_label_round_trip() {
        for datum in Datum::ALL {
            assert_eq!(Datum::parse(datum.code()), Some(datum));
            assert_eq!(Datum::parse(datum.label(Locale::Zh)), Some(datum));
            assert_eq!(Datum::parse(datum.label(Locale::En)), Some(datum));
        }
    }

    #[test]
    fn every_datum_round_trips_beijing() {
        let wgs = LatLng::new(39.9163, 116.3972);
        for datum in Datum::ALL {
            let back = datum.to_wgs84(datum.from_wgs84(wgs));
            assert!(distance_m(wgs, back) < 0.5, "{datum:?}: {back:?}");
        }
    }
}
