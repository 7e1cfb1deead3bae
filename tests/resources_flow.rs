//! The resource database end to end through the router, on SQLite and
//! PostgreSQL: the provider → bureau → directory workflow with history and
//! review diff, region scope, census import, and directory search.

mod support;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use support::app::{TestApp, start};
use xieyu::accounts::api::orgs::LocationForm;
use xieyu::accounts::demo::{DEMO_PASSWORD, seed};
use xieyu::accounts::entity::user;
use xieyu::accounts::service::context::{Auth, actor_of};
use xieyu::accounts::service::location;
use xieyu::accounts::service::users::load_current_user;
use xieyu::error::AppError;
use xieyu::resources::entity::{resource, resource_history};
use xieyu::resources::form::{ResourceRecord, ReviewView};
use xieyu::resources::model::{FeeKind, ResourceType, Stage, Theme};
use xieyu::resources::public::{DirectoryPage, DirectoryQuery};
use xieyu::resources::service::{create_resources_from_import, directory};
use xieyu::resources::validate::NewResource;

async fn demo_app(database: support::TestDb) -> TestApp {
    let app = start(database).await;
    seed(&app.state.db).await.expect("seed demo data");
    app
}

/// A valid form for a new resource in 丰台区, outside both demo counties.
const CAR_MUSEUM: &[(&str, &str)] = &[
    ("form[name]", "北京汽车博物馆"),
    ("form[resource_type]", "museum"),
    ("form[themes][science_inquiry]", "on"),
    ("form[stages][primary_upper]", "on"),
    ("form[stages][junior_secondary]", "on"),
    ("form[summary]", "展示汽车发展历史与科技的专题博物馆"),
    ("form[opening_hours]", "周二至周日 9:00-17:00，周一闭馆"),
    ("form[contact_name]", "团体接待"),
    ("form[contact_phone]", "010-63756666"),
    ("form[region]", "110106"),
    ("form[address]", "北京市丰台区南四环西路126号"),
    ("form[latitude]", "39.8300"),
    ("form[longitude]", "116.2960"),
    ("form[group_capacity]", "120"),
    ("form[fee_kind]", "discounted"),
];

fn with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut form = CAR_MUSEUM.to_vec();
    for (key, value) in changes {
        match form.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = value,
            None => form.push((key, value)),
        }
    }
    form
}

async fn find_by_name(app: &TestApp, name: &str) -> resource::Model {
    resource::Entity::find()
        .filter(resource::Column::Name.eq(name))
        .one(app.state.db.conn())
        .await
        .expect("query resource")
        .unwrap_or_else(|| panic!("{name} exists"))
}

async fn history_count(app: &TestApp, id: i64) -> usize {
    resource_history::Entity::find()
        .filter(resource_history::Column::ResourceId.eq(id))
        .all(app.state.db.conn())
        .await
        .expect("query history")
        .len()
}

async fn search(app: &TestApp, query: DirectoryQuery) -> DirectoryPage {
    directory::search(&app.state, query, None).await.expect("search")
}

/// Reads the nonce of a page's CSP header.
fn page_nonce(page: &support::app::Answer) -> String {
    let csp = page.headers[axum::http::header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("ascii CSP");
    csp.split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the CSP")
        .to_owned()
}

async fn names_for(app: &TestApp, text: &str) -> Vec<String> {
    let query = DirectoryQuery {
        q: text.to_owned(),
        ..DirectoryQuery::default()
    };
    search(app, query).await.rows.into_iter().map(|row| row.name).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provider_submits_bureau_approves_directory_lists() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let app = demo_app(database).await;
        let museum = app.login("demo.museum", DEMO_PASSWORD).await;
        let city = app.login("demo.beijing", DEMO_PASSWORD).await;
        let haidian = app.login("demo.haidian", DEMO_PASSWORD).await;

        // Create: a draft with its first history row.
        let created = app.call("/api/resources/create", CAR_MUSEUM, Some(&museum)).await;
        assert_eq!(created.status, StatusCode::OK, "{backend}: {}", created.body);
        let row = find_by_name(&app, "北京汽车博物馆").await;
        assert_eq!(row.status, "draft", "{backend}");
        assert_eq!(row.version, 1, "{backend}");
        assert_eq!(history_count(&app, row.id).await, 1, "{backend}");
        let id = row.id.to_string();

        // Submit; the Haidian officer cannot see a Fengtai resource.
        let submitted = app.call("/api/resources/submit", &[("id", &id)], Some(&museum)).await;
        assert_eq!(submitted.status, StatusCode::OK, "{backend}: {}", submitted.body);
        let hidden = app.call("/api/resources/approve", &[("id", &id)], Some(&haidian)).await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{backend}: neighbour county");

        // Return without and with a reason; the provider can read the reason.
        let empty = app
            .call("/api/resources/return", &[("id", &id), ("reason", " ")], Some(&city))
            .await;
        assert_eq!(empty.status, StatusCode::BAD_REQUEST, "{backend}: empty reason");
        let returned = app
            .call(
                "/api/resources/return",
                &[("id", &id), ("reason", "请补充无障碍说明")],
                Some(&city),
            )
            .await;
        assert_eq!(returned.status, StatusCode::OK, "{backend}: {}", returned.body);
        let details = app.call("/api/resources/get", &[("id", &id)], Some(&museum)).await;
        assert!(details.body.contains("请补充无障碍说明"), "{backend}: {}", details.body);

        // Fix with a stale version is refused; with the current one it saves.
        let stale = with(&[("form[accessibility_notes]", "设有无障碍坡道")]);
        let mut stale_form = vec![("id", id.as_str()), ("version", "1")];
        stale_form.extend(stale.iter().copied());
        let conflict = app.call("/api/resources/update", &stale_form, Some(&museum)).await;
        assert_eq!(conflict.status, StatusCode::CONFLICT, "{backend}: stale version");
        let version = find_by_name(&app, "北京汽车博物馆").await.version.to_string();
        let mut fix_form = vec![("id", id.as_str()), ("version", version.as_str())];
        fix_form.extend(stale.iter().copied());
        let fixed = app.call("/api/resources/update", &fix_form, Some(&museum)).await;
        assert_eq!(fixed.status, StatusCode::OK, "{backend}: {}", fixed.body);
        let resubmitted = app.call("/api/resources/submit", &[("id", &id)], Some(&museum)).await;
        assert_eq!(resubmitted.status, StatusCode::OK, "{backend}: {}", resubmitted.body);

        // First review lists the submitted fields; approve; publish.
        let review: ReviewView = app
            .call("/api/resources/review", &[("id", &id)], Some(&city))
            .await
            .json();
        assert!(!review.approved_before, "{backend}");
        assert!(review.changes.iter().any(|c| c.label.zh == "无障碍说明"), "{backend}");
        let approved = app.call("/api/resources/approve", &[("id", &id)], Some(&city)).await;
        assert_eq!(approved.status, StatusCode::OK, "{backend}: {}", approved.body);
        let staff = app.login("demo.staff", DEMO_PASSWORD).await;
        let by_staff = app.call("/api/resources/publish", &[("id", &id)], Some(&staff)).await;
        assert_eq!(
            by_staff.status,
            StatusCode::FORBIDDEN,
            "{backend}: staff cannot publish"
        );
        // An anonymous directory page is cached until the index changes.
        let before = app.get("/resources?q=%E6%B1%BD%E8%BD%A6", None).await;
        assert!(!before.body.contains("北京汽车博物馆"), "{backend}: not public yet");
        let again = app.get("/resources?q=%E6%B1%BD%E8%BD%A6", None).await;
        let (first_nonce, cached_nonce) = (page_nonce(&before), page_nonce(&again));
        assert_ne!(first_nonce, cached_nonce, "{backend}: each copy gets its own nonce");
        assert!(again.body.contains(&format!("nonce=\"{cached_nonce}\"")), "{backend}");
        assert_eq!(
            again.body.replace(&cached_nonce, &first_nonce),
            before.body,
            "{backend}"
        );
        // A change the index does not see waits for the cache to expire:
        // proof that the second copy came from the cache.
        let venue = find_by_name(&app, "中国科技馆").await;
        let kjg = app.get("/resources?q=kjg", None).await;
        assert!(kjg.body.contains("中国科技馆"), "{backend}");
        let mut renamed: resource::ActiveModel = venue.clone().into();
        renamed.name = sea_orm::ActiveValue::Set("中国科技馆新馆".into());
        resource::Entity::update(renamed)
            .exec(app.state.db.conn())
            .await
            .expect("rename");
        let cached = app.get("/resources?q=kjg", None).await;
        assert!(
            !cached.body.contains("中国科技馆新馆"),
            "{backend}: served from the cache"
        );
        let mut restored: resource::ActiveModel = venue.clone().into();
        restored.name = sea_orm::ActiveValue::Set(venue.name.clone());
        resource::Entity::update(restored)
            .exec(app.state.db.conn())
            .await
            .expect("restore the name");

        let published = app.call("/api/resources/publish", &[("id", &id)], Some(&museum)).await;
        assert_eq!(published.status, StatusCode::OK, "{backend}: {}", published.body);
        let after = app.get("/resources?q=%E6%B1%BD%E8%BD%A6", None).await;
        assert!(
            after.body.contains("北京汽车博物馆"),
            "{backend}: publishing refreshes the page"
        );
        assert!(
            names_for(&app, "汽车").await.contains(&"北京汽车博物馆".to_owned()),
            "{backend}"
        );
        assert!(
            names_for(&app, "qiche").await.contains(&"北京汽车博物馆".to_owned()),
            "{backend}"
        );

        // Editing the published record keeps it public and shows the change
        // since approval.
        let version = find_by_name(&app, "北京汽车博物馆").await.version.to_string();
        let edit = with(&[
            ("form[accessibility_notes]", "设有无障碍坡道"),
            ("form[opening_hours]", "周二至周日 9:00-16:30，周一闭馆"),
        ]);
        let mut edit_form = vec![("id", id.as_str()), ("version", version.as_str())];
        edit_form.extend(edit.iter().copied());
        let edited = app.call("/api/resources/update", &edit_form, Some(&museum)).await;
        assert_eq!(edited.status, StatusCode::OK, "{backend}: {}", edited.body);
        let review: ReviewView = app
            .call("/api/resources/review", &[("id", &id)], Some(&city))
            .await
            .json();
        assert!(review.approved_before, "{backend}");
        let labels: Vec<&str> = review.changes.iter().map(|c| c.label.zh.as_str()).collect();
        assert_eq!(labels, vec!["开放时间"], "{backend}");
        assert_eq!(
            find_by_name(&app, "北京汽车博物馆").await.status,
            "published",
            "{backend}"
        );

        // Offline: gone from the directory; every step is in the history.
        let offline = app.call("/api/resources/offline", &[("id", &id)], Some(&museum)).await;
        assert_eq!(offline.status, StatusCode::OK, "{backend}: {}", offline.body);
        assert!(
            !names_for(&app, "汽车").await.contains(&"北京汽车博物馆".to_owned()),
            "{backend}"
        );
        let public = app.call("/api/resources/public", &[("id", &id)], None).await;
        assert_eq!(public.status, StatusCode::NOT_FOUND, "{backend}: offline is not public");
        let final_row = find_by_name(&app, "北京汽车博物馆").await;
        assert_eq!(history_count(&app, final_row.id).await, 9, "{backend}");
        assert_eq!(final_row.version, 9, "{backend}");

        app.database.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn directory_search_and_filters() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let app = demo_app(database).await;

        for text in ["科技", "kjg", "kejiguan", "ＫＪＧ", "中国科学技术馆"] {
            let names = names_for(&app, text).await;
            assert_eq!(
                names.first().map(String::as_str),
                Some("中国科技馆"),
                "{backend} {text}: {names:?}"
            );
        }
        assert!(
            names_for(&app, "shoudu").await.contains(&"首都博物馆".to_owned()),
            "{backend}"
        );
        assert!(names_for(&app, "不存在的词").await.is_empty(), "{backend}");

        let red = search(
            &app,
            DirectoryQuery {
                theme: "red_education".into(),
                ..DirectoryQuery::default()
            },
        )
        .await;
        let red: Vec<String> = red.rows.into_iter().map(|r| r.name).collect();
        assert!(red.contains(&"中国人民革命军事博物馆".to_owned()), "{backend}: {red:?}");
        assert!(!red.contains(&"北京天文馆".to_owned()), "{backend}: {red:?}");

        let haidian = search(
            &app,
            DirectoryQuery {
                region: "110108".into(),
                ..DirectoryQuery::default()
            },
        )
        .await;
        assert_eq!(haidian.total, 2, "{backend}: 国家图书馆 and 军事博物馆");
        let beijing = search(
            &app,
            DirectoryQuery {
                region: "110000".into(),
                ..DirectoryQuery::default()
            },
        )
        .await;
        assert_eq!(beijing.total, 10, "{backend}: every demo venue is in Beijing");

        // 2026-03-02 is an ordinary Monday: every demo venue closes; the
        // Wednesday after, every one opens.
        let monday = search(
            &app,
            DirectoryQuery {
                date: "2026-03-02".into(),
                ..DirectoryQuery::default()
            },
        )
        .await;
        assert_eq!(monday.total, 0, "{backend}");
        let wednesday = search(
            &app,
            DirectoryQuery {
                date: "2026-03-04".into(),
                ..DirectoryQuery::default()
            },
        )
        .await;
        assert_eq!(wednesday.total, 10, "{backend}");
        let bad_date = search(
            &app,
            DirectoryQuery {
                date: "明天".into(),
                ..DirectoryQuery::default()
            },
        )
        .await;
        assert_eq!(bad_date.notices.len(), 1, "{backend}: bad date is reported");

        let nearest = search(
            &app,
            DirectoryQuery {
                sort: "distance".into(),
                lat: "39.9057".into(),
                lng: "116.3356".into(),
                ..DirectoryQuery::default()
            },
        )
        .await;
        assert!(nearest.by_distance, "{backend}");
        assert_eq!(nearest.rows[0].name, "首都博物馆", "{backend}");
        assert!(nearest.rows[0].distance_m.is_some_and(|m| m < 50.0), "{backend}");

        // The school's admin sets its location beside 首都博物馆; its
        // teacher then sorts by distance without typing a point.
        let admin = auth_of(&app, "demo.school").await;
        let teacher = auth_of(&app, "demo.teacher").await;
        let spot = LocationForm {
            latitude: "39.9060".into(),
            longitude: "116.3350".into(),
            datum: "wgs84".into(),
        };
        let refused = location::set(&app.state, &teacher, &spot).await;
        assert!(matches!(refused, Err(AppError::Forbidden)), "{backend}: {refused:?}");
        location::set(&app.state, &admin, &spot)
            .await
            .expect("admin sets the location");
        let home = location::of_caller(&app.state, &teacher).await.expect("read location");
        assert!(home.is_some(), "{backend}: the teacher's school has a location");
        let from_school = directory::search(
            &app.state,
            DirectoryQuery {
                sort: "distance".into(),
                ..DirectoryQuery::default()
            },
            home,
        )
        .await
        .expect("search from the school");
        assert!(from_school.by_distance, "{backend}");
        assert_eq!(from_school.rows[0].name, "首都博物馆", "{backend}");
        assert!(from_school.rows[0].distance_m.is_some_and(|m| m < 100.0), "{backend}");
        let without_home = search(
            &app,
            DirectoryQuery {
                sort: "distance".into(),
                ..DirectoryQuery::default()
            },
        )
        .await;
        assert!(!without_home.by_distance, "{backend}: no point, no distance sort");

        let page = app.get("/resources?q=kjg", None).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("中国科技馆"), "{backend}: SSR lists the result");

        let capital = find_by_name(&app, "首都博物馆").await;
        let detail = app.get(&format!("/resources/{}", capital.id), None).await;
        assert_eq!(detail.status, StatusCode::OK, "{backend}");
        for expected in [
            "在地图中打开",
            "geo:39.905700,116.335600",
            "uri.amap.com",
            "古都北京历史文化之旅",
        ] {
            assert!(detail.body.contains(expected), "{backend}: detail lacks {expected}");
        }

        app.database.drop_database().await;
    }
}

async fn auth_of(app: &TestApp, username: &str) -> Auth {
    let account = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(app.state.db.conn())
        .await
        .expect("query user")
        .expect("demo user");
    let current = load_current_user(&app.state.db, account.id, None)
        .await
        .expect("load user")
        .expect("active user");
    Auth {
        actor: actor_of(&current),
        user: current,
        session_id: "test".into(),
    }
}

fn imported(name: &str, region: &str) -> NewResource {
    NewResource {
        record: ResourceRecord {
            name: name.to_owned(),
            resource_type: Some(ResourceType::Museum),
            themes: vec![Theme::CulturalHeritage],
            stages: vec![Stage::JuniorSecondary],
            opening_hours_text: "周二至周日 9:00-17:00，周一闭馆".into(),
            contact_name: "接待".into(),
            contact_phone: "010-12345678".into(),
            region_code: region.to_owned(),
            address: "北京市朝阳区".into(),
            latitude: Some(39.92),
            longitude: Some(116.45),
            group_capacity: 50,
            fee_kind: Some(FeeKind::Free),
            ..ResourceRecord::default()
        },
        opening_hours: xieyu::resources::opening_hours::parse("周二至周日 9:00-17:00，周一闭馆").expect("hours"),
        source_datum: xieyu::geo::Datum::Gcj02,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_stores_all_rows_or_none() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let app = demo_app(database).await;
        let provider = find_by_name(&app, "中国科技馆").await.provider_id;
        let chaoyang = auth_of(&app, "demo.chaoyang").await;
        let haidian = auth_of(&app, "demo.haidian").await;

        let rows = vec![imported("普查博物馆甲", "110105"), imported("普查博物馆乙", "119999")];
        let error = create_resources_from_import(&app.state, &chaoyang, provider, rows)
            .await
            .expect_err("unknown region");
        match error {
            AppError::Validation(list) => assert_eq!(list[0].field, "row-2", "{backend}"),
            other => panic!("{backend}: {other:?}"),
        }
        let none = resource::Entity::find()
            .filter(resource::Column::Name.starts_with("普查博物馆"))
            .all(app.state.db.conn())
            .await
            .expect("query");
        assert!(none.is_empty(), "{backend}: nothing imported");

        let denied =
            create_resources_from_import(&app.state, &haidian, provider, vec![imported("普查博物馆丙", "110105")])
                .await
                .expect_err("other county");
        assert_eq!(denied, AppError::NotFound, "{backend}");

        let ids = create_resources_from_import(
            &app.state,
            &chaoyang,
            provider,
            vec![imported("普查博物馆甲", "110105"), imported("普查博物馆乙", "110105")],
        )
        .await
        .expect("import");
        assert_eq!(ids.len(), 2, "{backend}");
        let row = find_by_name(&app, "普查博物馆甲").await;
        assert_eq!(row.status, "submitted", "{backend}");
        assert_eq!(row.source_datum, "GCJ-02", "{backend}");
        assert_eq!(history_count(&app, row.id).await, 2, "{backend}");

        app.database.drop_database().await;
    }
}
