//! Census import end to end through the router, on SQLite and PostgreSQL.
//! A sheet of real Beijing museums with broken rows is rejected row by row
//! and imports nothing, and the corrected sheet imports as resources
//! awaiting review. Also: duplicates, GBK CSV, wrong headers, uploads of
//! other providers, the error report and the directory export.

mod support;

use axum::http::{StatusCode, header};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use support::app::{Answer, TestApp, start};
use support::census::{MUSEUM_ROWS, broken_museums, csv_gbk, csv_text, headers, multipart, museums, xlsx};
use xieyu::accounts::demo::{DEMO_PASSWORD, seed};
use xieyu::accounts::entity::{audit_log, organisation};
use xieyu::census::upload::{UploadOutcome, UploadView};
use xieyu::resources::entity::{resource, resource_history};
use xieyu::resources::opening_hours::OpeningHours;

async fn demo_app(database: support::TestDb) -> TestApp {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    let app = start(database).await;
    seed(&app.state.db).await.expect("seed demo data");
    retire_demo_venues(&app).await;
    app
}

/// Takes the demo data's venues offline and moves them 1° north. They are
/// some of the same real museums as the census sheets: within 300 m, the
/// same name counts as a duplicate, and published ones would be exported.
async fn retire_demo_venues(app: &TestApp) {
    resource::Entity::update_many()
        .col_expr(
            resource::Column::Latitude,
            Expr::col(resource::Column::Latitude).add(1.0),
        )
        .col_expr(resource::Column::Status, Expr::value("offline"))
        .exec(app.state.db.conn())
        .await
        .expect("move demo venues");
}

/// Posts the upload form as a browser without JavaScript does.
async fn post_upload(app: &TestApp, session: &str, file_name: &str, bytes: &[u8]) -> Answer {
    let (content_type, body) = multipart("file", file_name, bytes, &[]);
    app.post_multipart("/census/upload", &content_type, body, Some(session))
        .await
}

/// Uploads a file and returns the token of the upload's page.
async fn upload(app: &TestApp, session: &str, file_name: &str, bytes: &[u8]) -> String {
    let answer = post_upload(app, session, file_name, bytes).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let location = answer.headers[header::LOCATION].to_str().expect("ASCII location");
    location
        .strip_prefix("/provider/census/")
        .unwrap_or_else(|| panic!("redirect to the upload page, got {location}"))
        .to_owned()
}

async fn view(app: &TestApp, session: &str, token: &str) -> UploadView {
    let answer = app.call("/api/census/upload", &[("token", token)], Some(session)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()
}

/// Resources awaiting review: what an import adds (the demo venues are
/// published).
async fn resource_count(app: &TestApp) -> u64 {
    resource::Entity::find()
        .filter(resource::Column::Status.eq("submitted"))
        .count(app.state.db.conn())
        .await
        .expect("count resources")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_sheet_then_corrected_sheet() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let app = demo_app(database).await;
        let museum = app.login("demo.museum", DEMO_PASSWORD).await;

        // Broken rows: every problem is listed by row and column, and the
        // sheet cannot be imported.
        let token = upload(&app, &museum, "博物馆普查表.xlsx", &xlsx(&broken_museums())).await;
        let checked = view(&app, &museum, &token).await;
        let UploadOutcome::Checked(sheet) = checked.outcome else {
            panic!("{backend}: checked sheet expected, got {:?}", checked.outcome);
        };
        assert_eq!(sheet.total_rows, MUSEUM_ROWS + 1, "{backend}");
        assert!(!sheet.importable, "{backend}");
        let positions: Vec<(u32, &str)> = sheet.errors.iter().map(|e| (e.row, e.column.as_str())).collect();
        assert_eq!(
            positions,
            [
                (3, "资源类型"),
                (5, "联系电话"),
                (7, "经度"),
                (9, "所在地区"),
                (12, "资源名称")
            ],
            "{backend}: {:#?}",
            sheet.errors
        );
        assert_eq!(sheet.duplicate_rows, 1, "{backend}");
        assert!(sheet.errors[4].duplicate, "{backend}: row 12 is flagged as a duplicate");
        assert!(sheet.errors[1].message.zh.contains("联系电话“12345”"), "{backend}");

        // The result page shows the table without JavaScript.
        let page = app.get(&format!("/provider/census/{token}"), Some(&museum)).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("census-errors"), "{backend}: error table rendered");
        assert!(page.body.contains("与第 2 行“中国国家博物馆”重复"), "{backend}");
        assert!(!page.body.contains("确认导入"), "{backend}: no import button");

        // Confirming is refused and nothing is imported.
        let refused = app
            .call("/api/census/confirm", &[("token", &token)], Some(&museum))
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{backend}: {}", refused.body);
        assert_eq!(resource_count(&app).await, 0, "{backend}");

        // The error report downloads as XLSX and CSV.
        let report = app
            .get(&format!("/census/uploads/{token}/errors.csv"), Some(&museum))
            .await;
        assert_eq!(report.status, StatusCode::OK, "{backend}");
        assert!(report.body.contains("行号,列,问题"), "{backend}: {}", report.body);
        assert!(report.body.contains("12,资源名称"), "{backend}");
        let workbook = app
            .get(&format!("/census/uploads/{token}/errors.xlsx"), Some(&museum))
            .await;
        assert_eq!(workbook.status, StatusCode::OK, "{backend}");
        assert_eq!(
            workbook.headers[header::CONTENT_TYPE],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );

        // The corrected sheet imports every row, once.
        let token = upload(&app, &museum, "博物馆普查表.xlsx", &xlsx(&museums())).await;
        let checked = view(&app, &museum, &token).await;
        assert!(
            matches!(&checked.outcome, UploadOutcome::Checked(sheet) if sheet.importable),
            "{backend}: {:?}",
            checked.outcome
        );
        let page = app.get(&format!("/provider/census/{token}"), Some(&museum)).await;
        assert!(page.body.contains("确认导入"), "{backend}: import button shown");

        let confirmed = app
            .call("/api/census/confirm", &[("token", &token)], Some(&museum))
            .await;
        assert_eq!(confirmed.status, StatusCode::OK, "{backend}: {}", confirmed.body);
        assert_eq!(confirmed.json::<u32>(), MUSEUM_ROWS as u32, "{backend}");
        let again = app
            .call("/api/census/confirm", &[("token", &token)], Some(&museum))
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{backend}: imported once");

        let provider = organisation::Entity::find()
            .filter(organisation::Column::Name.eq("中国科学技术馆（演示）"))
            .one(app.state.db.conn())
            .await
            .expect("query provider")
            .expect("demo provider");
        let stored = resource::Entity::find()
            .filter(resource::Column::Status.eq("submitted"))
            .all(app.state.db.conn())
            .await
            .expect("resources");
        assert_eq!(stored.len(), MUSEUM_ROWS, "{backend}");
        assert!(stored.iter().all(|r| r.status == "submitted"), "{backend}");
        assert!(stored.iter().all(|r| r.provider_id == provider.id), "{backend}");
        assert!(stored.iter().all(|r| r.source_datum == "GCJ-02"), "{backend}");
        let palace = stored
            .iter()
            .find(|r| r.name == "故宫博物院")
            .expect("故宫博物院 imported");
        assert_eq!(palace.region_code, "110101", "{backend}");
        // GCJ-02 116.3972, 39.9163 is about 0.006° east and 0.001° south of
        // its WGS-84 point.
        let lng = palace.longitude.expect("longitude");
        assert!(
            (lng - 116.391).abs() < 0.002,
            "{backend}: converted to WGS-84, got {lng}"
        );
        let hours: OpeningHours = serde_json::from_str(&palace.opening_hours).expect("structured opening hours");
        assert_ne!(hours, OpeningHours::default(), "{backend}: opening hours parsed");

        let history = resource_history::Entity::find()
            .filter(resource_history::Column::Action.eq("imported"))
            .count(app.state.db.conn())
            .await
            .expect("count history");
        assert_eq!(history, MUSEUM_ROWS as u64, "{backend}");
        let audit = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("census_imported"))
            .count(app.state.db.conn())
            .await
            .expect("count audit");
        assert_eq!(audit, 1, "{backend}");

        let imported = view(&app, &museum, &token).await;
        assert!(
            matches!(imported.outcome, UploadOutcome::Imported { count, .. } if count as usize == MUSEUM_ROWS),
            "{backend}"
        );

        // The same sheet again duplicates every stored resource.
        let token = upload(&app, &museum, "博物馆普查表.csv", csv_text(&museums()).as_bytes()).await;
        let UploadOutcome::Checked(sheet) = view(&app, &museum, &token).await.outcome else {
            panic!("{backend}: checked sheet expected");
        };
        assert_eq!(sheet.duplicate_rows, MUSEUM_ROWS, "{backend}");
        assert!(!sheet.importable, "{backend}");
        assert!(sheet.errors[0].message.zh.contains("与平台已有资源"), "{backend}");

        app.database.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gbk_csv_and_sheet_level_errors() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let app = demo_app(database).await;
        let staff = app.login("demo.staff", DEMO_PASSWORD).await;

        let token = upload(&app, &staff, "普查表.csv", &csv_gbk(&museums())).await;
        let checked = view(&app, &staff, &token).await;
        assert!(
            matches!(&checked.outcome, UploadOutcome::Checked(sheet) if sheet.importable && sheet.total_rows == MUSEUM_ROWS),
            "{backend}: {:?}",
            checked.outcome
        );

        // Wrong headers: one message naming the columns, and nothing to import.
        let mut rows = museums();
        rows[0] = headers()
            .into_iter()
            .map(|h| if h == "资源名称" { "名称".to_owned() } else { h })
            .collect();
        let token = upload(&app, &staff, "改了表头.xlsx", &xlsx(&rows)).await;
        let UploadOutcome::Rejected { message } = view(&app, &staff, &token).await.outcome else {
            panic!("{backend}: rejected sheet expected");
        };
        assert!(message.zh.contains("缺少必填列 资源名称"), "{backend}: {}", message.zh);
        let page = app.get(&format!("/provider/census/{token}"), Some(&staff)).await;
        assert!(page.body.contains("文件无法导入"), "{backend}");
        let confirm = app
            .call("/api/census/confirm", &[("token", &token)], Some(&staff))
            .await;
        assert_eq!(confirm.status, StatusCode::BAD_REQUEST, "{backend}");

        // A truncated workbook and a file that is not a sheet.
        let whole = xlsx(&museums());
        let token = upload(&app, &staff, "半个文件.xlsx", &whole[..whole.len() / 2]).await;
        assert!(
            matches!(view(&app, &staff, &token).await.outcome, UploadOutcome::Rejected { .. }),
            "{backend}: truncated workbook"
        );
        assert_eq!(resource_count(&app).await, 0, "{backend}");

        app.database.drop_database().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_belong_to_their_provider() {
    let app = demo_app(support::sqlite().await).await;
    let museum = app.login("demo.museum", DEMO_PASSWORD).await;
    let token = upload(&app, &museum, "普查表.xlsx", &xlsx(&museums())).await;

    // Another provider can neither read nor import it.
    let youth = app.login("demo.youth", DEMO_PASSWORD).await;
    let seen = app.call("/api/census/upload", &[("token", &token)], Some(&youth)).await;
    assert_eq!(seen.status, StatusCode::NOT_FOUND);
    let confirmed = app
        .call("/api/census/confirm", &[("token", &token)], Some(&youth))
        .await;
    assert_eq!(confirmed.status, StatusCode::NOT_FOUND);
    let report = app
        .get(&format!("/census/uploads/{token}/errors.csv"), Some(&youth))
        .await;
    assert_eq!(report.status, StatusCode::NOT_FOUND);

    // A teacher may not upload; the form comes back with a message code.
    let teacher = app.login("demo.teacher", DEMO_PASSWORD).await;
    let answer = post_upload(&app, &teacher, "普查表.xlsx", &xlsx(&museums())).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.headers[header::LOCATION], "/provider/census?error=not_allowed");

    // Without a session the upload goes to the login page.
    let (content_type, body) = multipart("file", "a.csv", b"x", &[]);
    let anonymous = app.post_multipart("/census/upload", &content_type, body, None).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(
        anonymous.headers[header::LOCATION]
            .to_str()
            .unwrap_or_default()
            .starts_with("/login")
    );

    // A body over the limit gets the size message.
    let huge = vec![b'a'; xieyu::census::upload::MAX_UPLOAD_BYTES + 1];
    let answer = post_upload(&app, &museum, "大文件.csv", &huge).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.headers[header::LOCATION], "/provider/census?error=too_large");

    // The form page renders the message without JavaScript.
    let page = app.get("/provider/census?error=too_large", Some(&museum)).await;
    assert!(page.body.contains("文件太大，上限为 10 MB"), "{}", page.body);

    app.database.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn template_and_directory_export() {
    let app = demo_app(support::sqlite().await).await;

    let template = app.get("/census/template.xlsx", None).await;
    assert_eq!(template.status, StatusCode::OK);
    let disposition = template.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap_or_default();
    assert!(disposition.contains("filename*=UTF-8''"), "{disposition}");

    // Import, then publish two of the museums directly.
    let museum = app.login("demo.museum", DEMO_PASSWORD).await;
    let token = upload(&app, &museum, "普查表.xlsx", &xlsx(&museums())).await;
    let confirmed = app
        .call("/api/census/confirm", &[("token", &token)], Some(&museum))
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    for name in ["故宫博物院", "国家图书馆"] {
        let row = resource::Entity::find()
            .filter(resource::Column::Name.eq(name))
            .filter(resource::Column::Status.eq("submitted"))
            .one(app.state.db.conn())
            .await
            .expect("query")
            .expect("imported");
        let mut active: resource::ActiveModel = row.into();
        active.status = sea_orm::ActiveValue::Set("published".into());
        resource::Entity::update(active)
            .exec(app.state.db.conn())
            .await
            .expect("publish");
    }

    let officer = app.login("demo.beijing", DEMO_PASSWORD).await;
    let export = app.get("/resources/export.xlsx?region=110101", Some(&officer)).await;
    assert_eq!(export.status, StatusCode::OK, "{}", export.body);
    assert!(export.body.starts_with("PK"), "an XLSX archive");
    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("export"))
        .all(app.state.db.conn())
        .await
        .expect("audit entries");
    assert_eq!(audit.len(), 1);
    assert!(
        audit[0].detail.contains("\"rows\":1"),
        "only 故宫博物院 is in 东城区: {}",
        audit[0].detail
    );

    let teacher = app.login("demo.teacher", DEMO_PASSWORD).await;
    let refused = app.get("/resources/export.xlsx", Some(&teacher)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let anonymous = app.get("/resources/export.xlsx", None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    app.database.drop_database().await;
}

/// Writes the checked-in fixtures `tests/fixtures/census/museums.xlsx` and
/// `museums-broken.xlsx` again from the museum rows above. The browser
/// tests upload these files.
#[test]
#[ignore = "writes fixture files; run after changing tests/support/census.rs"]
fn write_fixture_files() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/census");
    std::fs::create_dir_all(&folder).expect("fixture folder");
    std::fs::write(folder.join("museums.xlsx"), xlsx(&museums())).expect("write museums.xlsx");
    std::fs::write(folder.join("museums-broken.xlsx"), xlsx(&broken_museums())).expect("write museums-broken.xlsx");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fixture_files_import() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/census");
    let app = demo_app(support::sqlite().await).await;
    let museum = app.login("demo.museum", DEMO_PASSWORD).await;

    let broken = std::fs::read(folder.join("museums-broken.xlsx")).expect("read museums-broken.xlsx");
    let token = upload(&app, &museum, "museums-broken.xlsx", &broken).await;
    let UploadOutcome::Checked(sheet) = view(&app, &museum, &token).await.outcome else {
        panic!("checked sheet expected");
    };
    assert_eq!(sheet.error_count, 5);

    let clean = std::fs::read(folder.join("museums.xlsx")).expect("read museums.xlsx");
    let token = upload(&app, &museum, "museums.xlsx", &clean).await;
    let UploadOutcome::Checked(sheet) = view(&app, &museum, &token).await.outcome else {
        panic!("checked sheet expected");
    };
    assert!(sheet.importable, "{:?}", sheet.errors);

    app.database.drop_database().await;
}
