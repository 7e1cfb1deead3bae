//! Behaviour of the whole index on a small directory.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::calendar::SchoolCalendar;
use crate::resources::model::{FeeKind, ResourceType, Stage, Theme};
use crate::resources::opening_hours::parse;

struct Doc {
    id: i64,
    name: &'static str,
    region: &'static str,
    kind: ResourceType,
    point: (f64, f64),
}

const DOCS: [Doc; 10] = [
    Doc {
        id: 1,
        name: "上海科技馆",
        region: "310115",
        kind: ResourceType::ScienceCentre,
        point: (31.2196, 121.5446),
    },
    Doc {
        id: 2,
        name: "科技馆",
        region: "310101",
        kind: ResourceType::ScienceCentre,
        point: (31.2304, 121.4737),
    },
    Doc {
        id: 3,
        name: "上海博物馆",
        region: "310101",
        kind: ResourceType::Museum,
        point: (31.2281, 121.4752),
    },
    Doc {
        id: 4,
        name: "长沙博物馆",
        region: "430102",
        kind: ResourceType::Museum,
        point: (28.2282, 112.9388),
    },
    Doc {
        id: 5,
        name: "中国银行金融科普基地",
        region: "110101",
        kind: ResourceType::Enterprise,
        point: (39.9042, 116.4074),
    },
    Doc {
        id: 6,
        name: "浦东新区少年宫",
        region: "310115",
        kind: ResourceType::YouthPalace,
        point: (31.2213, 121.5447),
    },
    Doc {
        id: 7,
        name: "徐汇区图书馆",
        region: "310104",
        kind: ResourceType::Library,
        point: (31.1886, 121.4365),
    },
    Doc {
        id: 8,
        name: "科技馆VR体验中心",
        region: "310104",
        kind: ResourceType::ScienceCentre,
        point: (31.1900, 121.4400),
    },
    Doc {
        id: 9,
        name: "南京博物院",
        region: "320102",
        kind: ResourceType::Museum,
        point: (32.0422, 118.8237),
    },
    Doc {
        id: 10,
        name: "绿色生态实践基地",
        region: "310115",
        kind: ResourceType::Other,
        point: (31.1000, 121.7000),
    },
];

fn document(doc: &Doc) -> SearchDocument {
    let (themes, stages, fee) = match doc.kind {
        ResourceType::ScienceCentre => (vec![Theme::ScienceInquiry], vec![Stage::JuniorSecondary], FeeKind::Paid),
        ResourceType::Museum => (vec![Theme::CulturalHeritage], vec![Stage::PrimaryUpper], FeeKind::Free),
        _ => (
            vec![Theme::LabourPractice],
            vec![Stage::PrimaryLower],
            FeeKind::Discounted,
        ),
    };
    SearchDocument {
        id: doc.id,
        name: doc.name.to_owned(),
        fields: vec![format!("服务内容：第{}号资源的讲解与研学活动", doc.id)],
        region_code: doc.region.to_owned(),
        resource_type: doc.kind,
        themes,
        stages,
        fee: Some(fee),
        location: GeoPoint::new(doc.point.0, doc.point.1),
        published_at: Utc.timestamp_opt(1_700_000_000 + doc.id * 86_400, 0).single(),
        opening_hours: None,
    }
}

fn index() -> SearchIndex {
    SearchIndex::build(DOCS.iter().map(document))
}

fn ids(index: &SearchIndex, text: &str) -> Vec<i64> {
    index
        .search(&Query {
            text: text.into(),
            ..Query::default()
        })
        .ids
}

#[test]
fn two_character_words() {
    let index = index();
    assert_eq!(ids(&index, "科技"), vec![2, 8, 1]);
    let mut museums = ids(&index, "博物");
    museums.sort_unstable();
    assert_eq!(museums, vec![3, 4, 9]);
    assert_eq!(ids(&index, "上海博物馆"), vec![3]);
}

#[test]
fn ranking_tiers() {
    let index = index();
    // Whole name, then name prefix, then inside a name.
    assert_eq!(ids(&index, "科技馆"), vec![2, 8, 1]);
    // 科学探究 is only a theme label, so it ranks as another field.
    let science = ids(&index, "科学探究");
    assert_eq!(science.len(), 3);
}

#[test]
fn pinyin_full_and_initials() {
    let index = index();
    for query in ["kejiguan", "ke ji guan", "kjg", "KJG", "ＫＪＧ", "kejig"] {
        let found = ids(&index, query);
        assert_eq!(found.first(), Some(&2), "{query}: {found:?}");
        assert!(found.contains(&1), "{query}: {found:?}");
        assert!(found.contains(&8), "{query}: {found:?}");
    }
    assert_eq!(ids(&index, "bwy"), vec![9]);
}

#[test]
fn full_width_space_inside_word() {
    let index = index();
    assert_eq!(ids(&index, "科技　馆").first(), Some(&2));
    assert_eq!(ids(&index, "上海 科技馆"), vec![1]);
}

#[test]
fn polyphones_match_either_reading() {
    let index = index();
    assert_eq!(ids(&index, "changsha"), vec![4]);
    assert_eq!(ids(&index, "zhangsha"), vec![4]);
    assert_eq!(ids(&index, "yinhang"), vec![5]);
    assert_eq!(ids(&index, "lvse"), vec![10]);
}

#[test]
fn latin_words_and_mixed_query() {
    let index = index();
    assert_eq!(ids(&index, "vr"), vec![8]);
    assert_eq!(ids(&index, "上海kjg"), vec![1]);
    assert!(ids(&index, "qqqq").is_empty());
}

#[test]
fn attribute_filters() {
    let index = index();
    let query = |query: Query| index.search(&query).ids;

    let museums = query(Query {
        resource_types: vec![ResourceType::Museum],
        ..Query::default()
    });
    assert_eq!(museums.len(), 3);

    let free_or_discounted = query(Query {
        fees: vec![FeeKind::Free, FeeKind::Discounted],
        ..Query::default()
    });
    assert_eq!(free_or_discounted.len(), 7);

    let themed = query(Query {
        text: "科技".into(),
        themes: vec![Theme::CulturalHeritage, Theme::ScienceInquiry],
        stages: vec![Stage::JuniorSecondary],
        ..Query::default()
    });
    assert_eq!(themed.len(), 3);
}

#[test]
fn region_scope_includes_lower_regions() {
    let index = index();
    let in_scope = |scope: &str| {
        let mut found = index
            .search(&Query {
                region_scope: Some(scope.into()),
                ..Query::default()
            })
            .ids;
        found.sort_unstable();
        found
    };
    assert_eq!(in_scope("310100"), vec![1, 2, 3, 6, 7, 8, 10]);
    assert_eq!(in_scope("310000"), vec![1, 2, 3, 6, 7, 8, 10]);
    assert_eq!(in_scope("310115"), vec![1, 6, 10]);
    assert!(in_scope("31").is_empty());
}

#[test]
fn sort_by_distance() {
    let index = index();
    let origin = GeoPoint::new(31.2304, 121.4737);
    let result = index.search(&Query {
        text: "博物".into(),
        origin,
        sort: SortOrder::Distance,
        ..Query::default()
    });
    assert_eq!(result.ids, vec![3, 9, 4]);
    let distances: Vec<f64> = result.distances_m.iter().map(|d| d.expect("has location")).collect();
    assert!(distances.windows(2).all(|pair| pair[0] <= pair[1]), "{distances:?}");
    assert!(distances[0] < 1_000.0, "{distances:?}");
}

#[test]
fn newest_first_and_pagination() {
    let index = index();
    let page = |page, page_size| {
        index.search(&Query {
            sort: SortOrder::Newest,
            page,
            page_size,
            ..Query::default()
        })
    };
    let first = page(1, 4);
    assert_eq!((first.total, first.ids.clone()), (10, vec![10, 9, 8, 7]));
    assert_eq!(page(3, 4).ids, vec![2, 1]);
    assert!(page(4, 4).ids.is_empty());
    assert_eq!(page(4, 4).total, 10);
    assert_eq!(page(0, 0).page_size, DEFAULT_PAGE_SIZE);
    assert_eq!(page(1, 1000).page_size, MAX_PAGE_SIZE);
}

#[test]
fn upsert_and_remove() {
    let mut index = index();
    let mut renamed = document(&DOCS[1]);
    renamed.name = "闵行区青少年科学馆".into();
    index.upsert(renamed);
    assert_eq!(index.len(), 10);
    assert!(!ids(&index, "kjg").contains(&2));
    assert_eq!(ids(&index, "mhq"), vec![2]);

    assert!(index.remove(2));
    assert!(!index.remove(2));
    assert!(ids(&index, "mhq").is_empty());
    assert_eq!(index.search(&Query::default()).total, 9);
}

#[test]
fn compaction_keeps_results() {
    let every_day = parse("每天 9:00-17:00").ok();
    let closed_mondays = parse("周二至周日 9:00-17:00；周一闭馆").ok();
    let mut documents: Vec<SearchDocument> = Vec::new();
    for id in 0..3000 {
        let mut doc = document(&DOCS[id as usize % DOCS.len()]);
        doc.id = 100 + id;
        doc.opening_hours = if id % 2 == 0 {
            every_day.clone()
        } else {
            closed_mondays.clone()
        };
        documents.push(doc);
    }
    let mut index = SearchIndex::build(documents);
    for id in 100..2100 {
        index.remove(id);
    }
    assert_eq!(index.len(), 1000);
    assert_eq!(index.search(&Query::default()).total, 1000);
    let kjg = Query {
        text: "kjg".into(),
        ..Query::default()
    };
    assert_eq!(index.search(&kjg).total, 300);

    let calendar = SchoolCalendar::default();
    let monday = NaiveDate::from_ymd_opt(2030, 10, 14).expect("valid date");
    let open_monday = Query {
        open_on: Some(OpenOn {
            date: monday,
            calendar: &calendar,
        }),
        ..Query::default()
    };
    // A calendar without notices returns Unknown for every date. Neither
    // schedule has a holiday rule, so every-day resources are still open.
    assert_eq!(index.search(&open_monday).total, 500);
}

#[test]
fn open_on_date_filter() {
    let notice = r#"{"year":2030,"papers":["test"],"days":[{"name":"国庆节","date":"2030-10-07","isOffDay":true}]}"#;
    let calendar = SchoolCalendar::from_notice_files([notice]).expect("valid notice");
    let mut index = index();
    let mut museum = document(&DOCS[2]);
    museum.opening_hours = parse("周二至周日 9:00-17:00；周一闭馆（法定节假日除外）").ok();
    index.upsert(museum);

    let open_on = |y, m, d| {
        let date = NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
        index
            .search(&Query {
                open_on: Some(OpenOn {
                    date,
                    calendar: &calendar,
                }),
                ..Query::default()
            })
            .ids
    };
    assert_eq!(open_on(2030, 10, 7), vec![3]);
    assert!(open_on(2030, 10, 14).is_empty());
    // 2031 has no notice: the Monday is unknown and left out.
    assert!(open_on(2031, 3, 3).is_empty());
}

#[test]
fn shared_index_across_threads() {
    let shared = SharedSearchIndex::new(index());
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let shared = shared.clone();
            std::thread::spawn(move || {
                for _ in 0..200 {
                    let result = shared.search(&Query {
                        text: "博物".into(),
                        ..Query::default()
                    });
                    assert!(result.total >= 3);
                }
            })
        })
        .collect();
    for id in 1000..1200 {
        let mut doc = document(&DOCS[3]);
        doc.id = id;
        shared.upsert(doc);
    }
    for reader in readers {
        reader.join().expect("reader finished");
    }
    assert_eq!(shared.len(), 210);
    shared.replace(SearchIndex::default());
    assert!(shared.is_empty());
}

#[test]
fn repeated_searches_see_every_change() {
    let shared = SharedSearchIndex::new(index());
    let query = Query {
        text: "博物".into(),
        ..Query::default()
    };
    let before = shared.search(&query);
    assert_eq!(shared.search(&query), before, "the same search, the same result");

    let mut doc = document(&DOCS[3]);
    doc.id = 5000;
    shared.upsert(doc);
    let added = shared.search(&query);
    assert_eq!(added.total, before.total + 1, "an added museum is found at once");

    assert!(shared.remove(5000));
    assert_eq!(shared.search(&query), before, "and its removal too");
}
