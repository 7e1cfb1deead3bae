//! Generated resources with realistic names, text and attributes.
//! Deterministic: the same count gives the same documents.

use chrono::{DateTime, TimeZone, Utc};
use xieyu::resources::model::{FeeKind, ResourceType, Stage, Theme};
use xieyu::resources::opening_hours::{OpeningHours, parse};
use xieyu::search::{GeoPoint, SearchDocument};

const AREAS_CSV: &str = include_str!("../../reference-data/regions/areas.csv");
const CITIES_CSV: &str = include_str!("../../reference-data/regions/cities.csv");

/// Venue suffixes and the resource type each implies.
const VENUES: [(&str, ResourceType); 20] = [
    ("博物馆", ResourceType::Museum),
    ("科技馆", ResourceType::ScienceCentre),
    ("图书馆", ResourceType::Library),
    ("美术馆", ResourceType::ArtGallery),
    ("少年宫", ResourceType::YouthPalace),
    ("青少年宫", ResourceType::YouthPalace),
    ("青少年活动中心", ResourceType::YouthPalace),
    ("综合实践基地", ResourceType::Other),
    ("劳动教育实践基地", ResourceType::Other),
    ("爱国主义教育基地", ResourceType::PatrioticBase),
    ("革命纪念馆", ResourceType::PatrioticBase),
    ("烈士陵园", ResourceType::PatrioticBase),
    ("自然博物馆", ResourceType::Museum),
    ("规划展览馆", ResourceType::Museum),
    ("文化馆", ResourceType::Community),
    ("天文馆", ResourceType::ScienceCentre),
    ("消防科普教育馆", ResourceType::ScienceCentre),
    ("交通安全教育基地", ResourceType::Other),
    ("档案馆", ResourceType::Museum),
    ("科普教育基地", ResourceType::ScienceCentre),
];

const BRANDS: [&str; 24] = [
    "华", "鑫", "恒", "泰", "宏", "远", "达", "盛", "新", "康", "德", "瑞", "兴", "海", "天", "宇", "博", "创", "智",
    "联", "光", "明", "长", "行",
];

const INDUSTRIES: [&str; 12] = [
    "电子科技",
    "生物医药",
    "新能源",
    "食品",
    "汽车制造",
    "航空科技",
    "信息技术",
    "环保科技",
    "农业科技",
    "纺织",
    "机器人",
    "钢铁",
];

const COMPANY_SITES: [&str; 4] = ["研学基地", "工业旅游示范点", "科普开放日", "职业体验中心"];

const UNIVERSITY_KINDS: [&str; 6] = ["理工大学", "师范大学", "医科大学", "农业大学", "工业大学", "科技大学"];

const UNIVERSITY_SITES: [&str; 4] = ["博物馆", "实验室开放日", "科普基地", "标本馆"];

const PLACE_WORDS: [&str; 16] = [
    "东湖", "西山", "南岭", "北塘", "青石", "白沙", "金桥", "银杏", "松林", "柳岸", "凤凰", "龙泉", "梅园", "桃源",
    "长江", "黄河",
];

const COMMUNITY_SITES: [&str; 3] = ["少儿图书室", "科普活动室", "新时代文明实践站"];

const STRENGTHS: [&str; 8] = [
    "馆藏文物丰富，设有青少年互动展区",
    "拥有专业讲解员团队，可按学段定制研学课程",
    "配备实验室与创客空间，支持动手实践",
    "红色文化资源丰富，适合开展主题教育",
    "园区面积大，可同时接待多个班级",
    "提供VR与3D打印等数字化体验项目",
    "与多所中小学长期合作，课程体系成熟",
    "生态环境优良，适合自然观察与劳动实践",
];

const SERVICES: [&str; 6] = [
    "团体预约参观、专题讲解、研学手册",
    "科学实验课、科普讲座、夏令营",
    "劳动实践课程、农耕体验、手工制作",
    "阅读推广、亲子共读、图书借阅",
    "艺术鉴赏、绘画工作坊、非遗体验",
    "安全演练、应急救护培训",
];

/// SplitMix64: small, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

struct County {
    code: String,
    name: String,
    city: String,
}

fn unquote(field: &str) -> String {
    field.trim_matches('"').to_owned()
}

fn counties() -> Vec<County> {
    let cities: Vec<(String, String)> = CITIES_CSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            Some((unquote(fields.first()?), unquote(fields.get(1)?)))
        })
        .collect();
    AREAS_CSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            let city_code = unquote(fields.get(2)?);
            let city = cities
                .iter()
                .find(|(code, name)| *code == city_code && !name.contains("辖"))
                .map_or_else(String::new, |(_, name)| name.clone());
            Some(County {
                code: unquote(fields.first()?),
                name: unquote(fields.get(1)?),
                city,
            })
        })
        .collect()
}

fn opening_hours() -> Vec<OpeningHours> {
    [
        "周二至周日 9:00-17:00（16:30停止入场）；周一闭馆（法定节假日除外）",
        "每天 9:00-17:00；除夕闭馆",
        "周一至周五 8:30-11:30、14:00-17:00；周六、周日闭馆；法定节假日闭馆",
        "夏季（5月1日-10月31日）：周二至周日 9:00-18:00；冬季（11月1日-次年4月30日）：周二至周日 9:00-17:00；周一闭馆",
    ]
    .iter()
    .filter_map(|text| parse(text).ok())
    .collect()
}

/// `count` resources over the real counties.
pub fn documents(count: usize) -> Vec<SearchDocument> {
    let counties = counties();
    let hours = opening_hours();
    let mut rng = Rng(20_250_601);

    (0..count)
        .map(|index| {
            let county = rng.pick(&counties);
            let (name, provider, kind) = name_for(&mut rng, county);
            let address = format!(
                "{}{}{}路{}号",
                county.city,
                county.name,
                rng.pick(&PLACE_WORDS),
                rng.below(999) + 1
            );
            let fields = vec![
                provider,
                address,
                (*rng.pick(&STRENGTHS)).to_owned(),
                (*rng.pick(&SERVICES)).to_owned(),
            ];
            SearchDocument {
                id: index as i64 + 1,
                name,
                fields,
                region_code: county.code.clone(),
                resource_type: kind,
                themes: vec![*rng.pick(Theme::ALL), *rng.pick(Theme::ALL)],
                stages: vec![*rng.pick(Stage::ALL), *rng.pick(Stage::ALL)],
                fee: Some(*rng.pick(FeeKind::ALL)),
                location: GeoPoint::new(20.0 + rng.unit() * 25.0, 100.0 + rng.unit() * 25.0),
                published_at: published(rng.below(3 * 365 * 86_400) as i64),
                opening_hours: Some(rng.pick(&hours).clone()),
            }
        })
        .collect()
}

fn published(seconds_ago: i64) -> Option<DateTime<Utc>> {
    Utc.timestamp_opt(1_750_000_000 - seconds_ago, 0).single()
}

/// Makes up a resource name, its provider's name and its type.
fn name_for(rng: &mut Rng, county: &County) -> (String, String, ResourceType) {
    match rng.below(10) {
        0..=4 => {
            let (venue, kind) = rng.pick(&VENUES);
            let name = format!("{}{venue}", county.name);
            (name.clone(), name, *kind)
        }
        5 => {
            let (venue, kind) = rng.pick(&VENUES);
            let name = format!("{}{}{venue}", county.name, rng.pick(&PLACE_WORDS));
            (name, format!("{}文化和旅游局", county.name), *kind)
        }
        6 | 7 => {
            let company = format!(
                "{}{}{}{}有限公司",
                county.city.trim_end_matches('市'),
                rng.pick(&BRANDS),
                rng.pick(&BRANDS),
                rng.pick(&INDUSTRIES)
            );
            let name = format!("{company}{}", rng.pick(&COMPANY_SITES));
            (name, company, ResourceType::Enterprise)
        }
        8 => {
            let university = format!("{}{}", county.city.trim_end_matches('市'), rng.pick(&UNIVERSITY_KINDS));
            let name = format!("{university}{}", rng.pick(&UNIVERSITY_SITES));
            (name, university, ResourceType::University)
        }
        _ => {
            let community = format!(
                "{}{}街道{}社区",
                county.name,
                rng.pick(&PLACE_WORDS),
                rng.pick(&PLACE_WORDS)
            );
            let name = format!("{community}{}", rng.pick(&COMMUNITY_SITES));
            (name, community, ResourceType::Community)
        }
    }
}
