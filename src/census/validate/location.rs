//! 经度, 纬度 and 坐标系: parse, convert to WGS-84 and check that the point
//! is in China, with a dedicated hint for swapped columns.

use super::super::columns::Column;
use super::fields::{RowCheck, excerpt, half_width};
use crate::geo::{Datum, LatLng, is_in_china};
use crate::i18n::Locale;

/// Coordinate system assumed when 坐标系 is blank: most sheets get their
/// points from Amap (高德), which uses GCJ-02.
pub const DEFAULT_DATUM: Datum = Datum::Gcj02;

impl RowCheck<'_> {
    /// Parses the row's point and returns it in WGS-84 with the datum it
    /// was given in.
    pub fn location(&mut self) -> Option<(LatLng, Datum)> {
        let datum = self.datum();
        let lng = self.degrees(Column::Longitude);
        let lat = self.degrees(Column::Latitude);
        let (datum, lng, lat) = (datum?, lng?, lat?);

        let given = LatLng::new(lat, lng);
        if given.is_valid() {
            let wgs = datum.to_wgs84(given);
            if is_in_china(wgs) {
                return Some((wgs, datum));
            }
        }

        let swapped = LatLng::new(lng, lat);
        if swapped.is_valid() && is_in_china(datum.to_wgs84(swapped)) {
            self.error(
                Column::Longitude,
                format!(
                    "经度和纬度可能填反了（经度 {lng}，纬度 {lat}）：中国境内经度在 73 到 136 之间，纬度在 3 到 54 之间，请对调两列的数值"
                ),
                format!(
                    "Longitude and latitude look swapped (longitude {lng}, latitude {lat}); in China longitude is 73–136 and latitude 3–54, so swap the two values"
                ),
            );
        } else {
            self.error(
                Column::Longitude,
                format!(
                    "坐标（经度 {lng}，纬度 {lat}）不在中国境内，请在地图上重新拾取坐标，并确认“坐标系”填写正确"
                ),
                format!(
                    "The point (longitude {lng}, latitude {lat}) is not in China; pick it again on a map and check the coordinate system"
                ),
            );
        }
        None
    }

    fn datum(&mut self) -> Option<Datum> {
        let text = self.raw(Column::Datum)?;
        if text.is_empty() {
            return Some(DEFAULT_DATUM);
        }
        let datum = Datum::parse(text);
        if datum.is_none() {
            let text = excerpt(text);
            let zh: Vec<&str> = Datum::ALL.iter().map(|d| d.label(Locale::Zh)).collect();
            let en: Vec<&str> = Datum::ALL.iter().map(|d| d.label(Locale::En)).collect();
            self.error(
                Column::Datum,
                format!(
                    "坐标系“{text}”无法识别，请填写：{}，或留空（按 GCJ-02 处理）",
                    zh.join("、")
                ),
                format!(
                    "Coordinate system \"{text}\" is unknown; use {} or leave it blank for GCJ-02",
                    en.join(", ")
                ),
            );
        }
        datum
    }

    /// Parses a decimal-degree value. Full-width digits and a trailing ° are
    /// accepted, degrees-minutes-seconds are not.
    fn degrees(&mut self, column: Column) -> Option<f64> {
        let text = self.raw(column)?;
        if text.is_empty() {
            self.missing(column);
            return None;
        }
        let cleaned = half_width(text);
        let cleaned = cleaned.trim().trim_end_matches('°').trim();
        // Only digits, a point and a minus sign: "1e2", "inf" and "NaN" parse
        // as f64 but are not what anyone copies from a map.
        let plain = cleaned.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
        if let Some(value) = cleaned.parse::<f64>().ok().filter(|value| plain && value.is_finite()) {
            return Some(value);
        }

        let spec = column.spec();
        let text = excerpt(text);
        self.error(
            column,
            format!(
                "{}“{text}”不是十进制度数，请填写数字，如 116.3977（不要写度分秒或文字）",
                spec.header
            ),
            format!(
                "{} \"{text}\" is not in decimal degrees; write a number such as 116.3977",
                spec.english
            ),
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::census::raw::{RawCell, RawRow};
    use crate::geo::distance_m;

    fn row(lng: &str, lat: &str, datum: &str) -> RawRow {
        let mut row = RawRow::blank(3);
        row.set(Column::Longitude, RawCell::Text(lng.to_owned()));
        row.set(Column::Latitude, RawCell::Text(lat.to_owned()));
        row.set(Column::Datum, RawCell::Text(datum.to_owned()));
        row
    }

    #[test]
    fn blank_datum_means_gcj02() {
        let row = row("116.3972", "39.9163", "");
        let mut check = RowCheck::new(&row);
        let (wgs, datum) = check.location().unwrap_or((LatLng::new(0.0, 0.0), Datum::Wgs84));
        assert_eq!(datum, Datum::Gcj02);
        // GCJ-02 lies some 500 m from WGS-84 in Beijing.
        let metres = distance_m(wgs, LatLng::new(39.9163, 116.3972));
        assert!((300.0..800.0).contains(&metres), "{metres}");
    }

    #[test]
    fn wgs84_is_kept() {
        let row = row("116.3972", "39.9163", "WGS-84");
        let mut check = RowCheck::new(&row);
        assert_eq!(check.location(), Some((LatLng::new(39.9163, 116.3972), Datum::Wgs84)));
    }

    #[test]
    fn swapped_columns_get_hint() {
        let row = row("39.9163", "116.3972", "");
        let mut check = RowCheck::new(&row);
        assert_eq!(check.location(), None);
        assert_eq!(check.errors.len(), 1);
        assert_eq!(check.errors[0].column, "经度");
        assert!(check.errors[0].message.zh.starts_with("经度和纬度可能填反了"));
    }

    #[test]
    fn foreign_point_is_rejected() {
        let row = row("-0.1278", "51.5074", "WGS84");
        let mut check = RowCheck::new(&row);
        assert_eq!(check.location(), None);
        assert!(check.errors[0].message.zh.contains("不在中国境内"));
    }

    #[test]
    fn text_degrees_are_rejected() {
        let row = row("116°23'17\"", "北纬39.9", "");
        let mut check = RowCheck::new(&row);
        assert_eq!(check.location(), None);
        let columns: Vec<&str> = check.errors.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(columns, ["经度", "纬度"]);
    }

    #[test]
    fn unknown_datum_is_reported() {
        let row = row("116.3972", "39.9163", "CGCS2000");
        let mut check = RowCheck::new(&row);
        assert_eq!(check.location(), None);
        assert_eq!(check.errors[0].column, "坐标系");
    }

    #[test]
    fn full_width_and_degree_sign_parse() {
        let row = row("１１６.３９７２°", "39.9163°", "wgs84");
        let mut check = RowCheck::new(&row);
        assert_eq!(check.location(), Some((LatLng::new(39.9163, 116.3972), Datum::Wgs84)));
    }
}
