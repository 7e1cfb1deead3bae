//! A coarse test for "this point is in China", meant to catch swapped
//! latitude and longitude, dropped minus signs and points copied from the
//! wrong place, not to settle borders.
//!
//! What it accepts: a hand-drawn polygon of about 140 vertices around the
//! mainland, Hainan and Taiwan, plus two polygons around the South China
//! Sea islands. The polygons were drawn from the approximate positions of
//! border towns and coasts, pushed outward so that border towns such as
//! Heihe, Manzhouli, Erenhot, Dandong, Hunchun, Ruili, Hekou, Zhangmu and
//! Khorgas are inside (the tests below list them). As a consequence:
//! - border strips of neighbouring countries up to about 50 km wide are
//!   accepted, including towns facing Chinese ones across a river (for
//!   example Blagoveshchensk, Sinuiju, Lao Cai, Muse, Zamyn-Üüd);
//! - the Bohai, much of the Yellow Sea and East China Sea near the coast, the
//!   Taiwan Strait and the sea between the South China Sea islands are
//!   accepted;
//! - capitals and major cities of the neighbours are rejected (see tests).

use super::LatLng;

/// Mainland China with Hainan and Taiwan, clockwise, as (longitude,
/// latitude) in degrees. Starts at the Altai mountains in the north-west.
const MAINLAND: &[(f64, f64)] = &[
    // Mongolia, west to east
    (87.9, 49.4),
    (90.3, 48.0),
    (91.3, 46.7),
    (91.0, 45.3),
    (93.5, 45.2),
    (95.4, 44.4),
    (96.4, 42.9),
    (100.3, 42.8),
    (101.8, 42.6),
    (105.0, 41.8),
    (106.8, 42.5),
    (109.3, 42.6),
    (111.0, 43.4),
    (112.0, 43.9),
    (113.6, 44.9),
    (115.7, 45.6),
    (116.7, 46.5),
    (119.9, 46.8),
    (118.0, 48.1),
    (115.4, 47.8),
    // Russia: Argun, Amur (Heilongjiang), Ussuri, Tumen mouth
    (116.6, 50.0),
    (117.9, 49.75),
    (119.2, 50.5),
    (119.7, 51.5),
    (120.9, 52.8),
    (121.7, 53.6),
    (123.3, 53.8),
    (125.6, 53.3),
    (127.1, 51.8),
    (127.8, 50.4),
    (128.7, 49.75),
    (130.8, 49.05),
    (131.5, 47.9),
    (132.6, 47.9),
    (134.5, 48.5),
    (135.1, 48.42),
    (134.4, 47.3),
    (133.8, 46.0),
    (132.9, 45.1),
    (131.9, 45.3),
    (131.45, 44.6),
    (131.3, 43.4),
    (130.8, 42.6),
    (130.75, 42.25),
    // North Korea: Tumen and Yalu
    (129.7, 42.35),
    (128.9, 41.9),
    (128.2, 41.3),
    (126.9, 41.55),
    (126.0, 40.85),
    (124.9, 40.3),
    (124.3, 39.75),
    // Coast: Liaodong, Shandong, Jiangsu, Shanghai, Zhejiang
    (123.2, 39.3),
    (121.3, 38.3),
    (123.0, 37.4),
    (121.0, 35.0),
    (122.2, 33.0),
    (122.6, 31.5),
    (123.0, 30.8),
    (123.2, 29.5),
    (122.5, 28.0),
    // Diaoyu islands and Taiwan
    (124.8, 26.0),
    (122.3, 24.0),
    (121.8, 21.8),
    (120.7, 21.7),
    // Coast: Fujian, Guangdong, Hong Kong, Macao, Hainan, Guangxi
    (119.0, 22.8),
    (117.0, 22.8),
    (114.6, 21.9),
    (113.3, 21.6),
    (111.8, 21.2),
    (111.5, 20.2),
    (111.3, 19.3),
    (110.2, 17.9),
    (109.0, 18.1),
    (108.4, 19.0),
    (108.4, 20.4),
    (107.9, 21.35),
    // Vietnam and Laos
    (106.55, 21.85),
    (106.45, 22.45),
    (105.9, 22.75),
    (105.3, 23.15),
    (104.5, 22.65),
    (103.95, 22.35),
    (103.2, 22.5),
    (102.1, 22.25),
    (102.2, 22.2),
    (101.8, 21.0),
    (101.1, 20.95),
    // Myanmar
    (100.0, 21.3),
    (99.5, 21.9),
    (99.0, 22.1),
    (99.2, 23.0),
    (98.6, 23.6),
    (97.4, 23.8),
    (97.4, 24.9),
    (98.4, 25.9),
    (98.45, 27.4),
    (97.5, 28.35),
    // India (eastern sector as China draws it), Bhutan, Sikkim, Nepal
    (96.5, 27.4),
    (94.5, 26.9),
    (92.1, 26.8),
    (92.0, 27.8),
    (90.5, 28.1),
    (89.6, 28.05),
    (89.1, 27.3),
    (88.75, 27.3),
    (88.7, 28.0),
    (88.0, 27.95),
    (86.9, 27.85),
    (85.9, 27.85),
    (85.0, 28.2),
    (84.0, 28.5),
    (83.0, 29.2),
    (82.1, 29.9),
    (81.0, 30.0),
    (80.7, 30.2),
    // India (western sector), Pakistan, Afghanistan, Tajikistan
    (79.7, 30.9),
    (78.8, 31.2),
    (78.3, 32.4),
    (78.0, 34.2),
    (77.6, 35.6),
    (76.2, 36.0),
    (75.5, 36.8),
    (74.7, 37.1),
    (74.6, 38.5),
    (73.4, 39.3),
    // Kyrgyzstan, Kazakhstan, back to the Altai
    (73.5, 39.8),
    (74.9, 40.6),
    (76.5, 40.5),
    (78.0, 41.3),
    (80.2, 42.0),
    (79.9, 44.4),
    (80.4, 45.3),
    (82.3, 45.5),
    (82.8, 47.3),
    (85.4, 47.2),
    (85.8, 48.5),
    (87.0, 49.3),
];

/// Dongsha, Xisha and Zhongsha islands and Huangyan Dao.
const NORTHERN_ISLANDS: &[(f64, f64)] = &[
    (110.3, 17.5),
    (113.2, 17.6),
    (117.0, 21.0),
    (117.2, 20.4),
    (118.0, 15.6),
    (117.9, 14.9),
    (113.5, 15.0),
    (110.3, 15.5),
];

/// Nansha islands, down to Zengmu Ansha (James Shoal).
const NANSHA: &[(f64, f64)] = &[
    (109.8, 11.8),
    (117.3, 11.8),
    (116.5, 8.8),
    (113.6, 5.4),
    (112.5, 3.6),
    (111.5, 4.0),
    (109.6, 7.5),
];

/// Checks whether a WGS-84 point lies in China as drawn by the coarse polygons
/// described in this module's documentation. Invalid points are outside.
pub fn is_in_china(p: LatLng) -> bool {
    if !p.is_valid() {
        return false;
    }
    [MAINLAND, NORTHERN_ISLANDS, NANSHA]
        .iter()
        .any(|polygon| contains(polygon, p.lng, p.lat))
}

/// Even-odd ray casting: counts the edges crossed by a ray from the point
/// towards +x.
fn contains(polygon: &[(f64, f64)], x: f64, y: f64) -> bool {
    let mut inside = false;
    let mut previous = match polygon.last() {
        Some(&vertex) => vertex,
        None => return false,
    };
    for &(xi, yi) in polygon {
        let (xj, yj) = previous;
        if (yi > y) != (yj > y) {
            let crossing_x = xi + (y - yi) / (yj - yi) * (xj - xi);
            if x < crossing_x {
                inside = !inside;
            }
        }
        previous = (xi, yi);
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(name: &str, lat: f64, lng: f64) {
        assert!(
            is_in_china(LatLng::new(lat, lng)),
            "{name} ({lat}, {lng}) should be inside"
        );
    }

    fn outside(name: &str, lat: f64, lng: f64) {
        assert!(
            !is_in_china(LatLng::new(lat, lng)),
            "{name} ({lat}, {lng}) should be outside"
        );
    }

    #[test]
    fn cities_are_inside() {
        inside("北京", 39.9042, 116.4074);
        inside("上海", 31.2304, 121.4737);
        inside("广州", 23.1291, 113.2644);
        inside("乌鲁木齐", 43.8256, 87.6168);
        inside("拉萨", 29.6520, 91.1721);
        inside("哈尔滨", 45.8038, 126.5350);
        inside("昆明", 25.0389, 102.7183);
        inside("海口", 20.0440, 110.1999);
        inside("三亚", 18.2528, 109.5120);
        inside("台北", 25.0330, 121.5654);
        inside("高雄", 22.6273, 120.3014);
        inside("香港", 22.3193, 114.1694);
        inside("澳门", 22.1987, 113.5439);
        inside("舟山嵊泗", 30.7270, 122.4510);
        inside("青岛", 36.0671, 120.3826);
        inside("大连旅顺", 38.8120, 121.2620);
    }

    #[test]
    fn border_towns_are_inside() {
        inside("漠河", 52.9721, 122.5384);
        inside("黑河", 50.2451, 127.4990);
        inside("抚远", 48.3640, 134.2940);
        inside("虎林", 45.7630, 132.9370);
        inside("绥芬河", 44.3960, 131.1510);
        inside("珲春", 42.8620, 130.3660);
        inside("丹东", 40.1290, 124.3830);
        inside("集安", 41.1250, 126.1940);
        inside("长白", 41.4200, 128.2000);
        inside("满洲里", 49.5980, 117.4330);
        inside("二连浩特", 43.6530, 111.9770);
        inside("阿尔山", 47.1770, 119.9430);
        inside("阿勒泰", 47.8440, 88.1330);
        inside("阿拉山口", 45.1700, 82.5690);
        inside("霍尔果斯", 44.2100, 80.4200);
        inside("喀什", 39.4700, 75.9900);
        inside("塔什库尔干", 37.7750, 75.2290);
        inside("吐尔尕特口岸", 40.5200, 75.3900);
        inside("普兰", 30.2910, 81.1770);
        inside("吉隆口岸", 28.2800, 85.3000);
        inside("樟木", 27.9900, 85.9800);
        inside("亚东", 27.4840, 88.9070);
        inside("错那", 27.9900, 91.9500);
        inside("贡山", 27.7400, 98.6700);
        inside("片马", 25.9900, 98.6000);
        inside("瑞丽", 24.0130, 97.8510);
        inside("孟连", 22.3300, 99.5900);
        inside("勐腊", 21.4600, 101.5600);
        inside("河口", 22.5100, 103.9600);
        inside("凭祥", 22.1000, 106.7500);
        inside("东兴", 21.5470, 107.9710);
        inside("北海", 21.4810, 109.1200);
    }

    #[test]
    fn south_china_sea_islands_are_inside() {
        inside("永兴岛", 16.8340, 112.3380);
        inside("东沙岛", 20.7000, 116.7200);
        inside("黄岩岛", 15.1500, 117.7500);
        inside("永暑礁", 9.5500, 112.8900);
        inside("美济礁", 9.9000, 115.5300);
        inside("曾母暗沙", 3.9700, 112.2700);
    }

    #[test]
    fn neighbours_are_outside() {
        outside("Ulaanbaatar", 47.8864, 106.9057);
        outside("Choibalsan", 48.0700, 114.5000);
        outside("Vladivostok", 43.1155, 131.8855);
        outside("Ussuriysk", 43.8000, 131.9500);
        outside("Khabarovsk", 48.4800, 135.0700);
        outside("Pyongyang", 39.0392, 125.7625);
        outside("Seoul", 37.5665, 126.9780);
        outside("Tokyo", 35.6762, 139.6503);
        outside("Manila", 14.5995, 120.9842);
        outside("Puerto Princesa", 9.7400, 118.7400);
        outside("Bandar Seri Begawan", 4.9031, 114.9398);
        outside("Kudat", 6.8800, 116.8500);
        outside("Hanoi", 21.0278, 105.8342);
        outside("Ha Long", 20.9500, 107.0800);
        outside("Phan Rang", 11.5600, 108.9900);
        outside("Vientiane", 17.9757, 102.6331);
        outside("Yangon", 16.8409, 96.1735);
        outside("Myitkyina", 25.3800, 97.4000);
        outside("Putao", 27.3300, 97.4000);
        outside("Thimphu", 27.4728, 89.6390);
        outside("Gangtok", 27.3314, 88.6138);
        outside("Kathmandu", 27.7172, 85.3240);
        outside("New Delhi", 28.6139, 77.2090);
        outside("Leh", 34.1600, 77.5800);
        outside("Islamabad", 33.6844, 73.0479);
        outside("Kabul", 34.5553, 69.2075);
        outside("Dushanbe", 38.5598, 68.7870);
        outside("Osh", 40.5300, 72.8000);
        outside("Naryn", 41.4300, 75.9900);
        outside("Bishkek", 42.8746, 74.5698);
        outside("Almaty", 43.2220, 76.8512);
        outside("Null Island", 0.0, 0.0);
        outside("London", 51.5074, -0.1278);
    }

    #[test]
    fn swapped_and_mirrored_points_are_outside() {
        outside("北京 swapped", 116.4074, 39.9042);
        outside("上海 swapped", 121.4737, 31.2304);
        outside("北京 west", 39.9042, -116.4074);
        outside("北京 south", -39.9042, 116.4074);
        outside("NaN", f64::NAN, 116.0);
    }
}
