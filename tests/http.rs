//! The whole router driven without a socket: pages, server functions,
//! probes, headers, static files and the language switch.

mod support;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;
use xieyu::server::config::Settings;
use xieyu::server::router::app;
use xieyu::server::state::AppState;

struct TestApp {
    router: Router,
    _site: tempfile::TempDir,
    database: support::TestDb,
}

async fn test_app() -> TestApp {
    let database = support::sqlite().await;
    xieyu::regions::load::load_regions(&database.db)
        .await
        .expect("load regions");

    let site = tempfile::tempdir().expect("site folder");
    std::fs::write(site.path().join("manifest.webmanifest"), "{\"name\":\"协育\"}").expect("write manifest");
    std::fs::write(site.path().join("manifest.webmanifest.br"), b"brotli bytes").expect("write .br copy");

    let mut settings = Settings::default();
    settings.database = database.settings.clone();
    settings.server.site_root = site.path().to_path_buf();
    let state = AppState::new(database.db.clone(), settings);
    TestApp {
        router: app(state),
        _site: site,
        database,
    }
}

async fn send(router: &Router, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = router.clone().oneshot(request).await.expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("read body").to_bytes();
    (status, headers, String::from_utf8_lossy(&bytes).into_owned())
}

/// A same-origin form post to a server function, as the browser sends it.
fn form_post(uri: &str, body: &'static str) -> Request<Body> {
    Request::post(uri)
        .header(header::HOST, "xieyu.test")
        .header(header::ORIGIN, "http://xieyu.test")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("valid request")
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("valid request")
}

#[tokio::test]
async fn probes_answer() {
    let app = test_app().await;
    let (status, _, body) = send(&app.router, get("/healthz")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "ok\n");

    let (status, _, _) = send(&app.router, get("/readyz")).await;
    assert_eq!(status, StatusCode::OK);
    app.database.drop_database().await;
}

#[tokio::test]
async fn home_page_is_chinese_with_security_headers() {
    let app = test_app().await;
    let (status, headers, body) = send(&app.router, get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<html lang=\"zh-CN\""), "html lang");
    assert!(body.contains("协育 · 校外教育协同平台"), "Chinese title");

    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().expect("ascii CSP");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    // The header's nonce is the one the page's inline scripts carry.
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the CSP");
    assert!(!nonce.is_empty(), "{csp}");
    assert!(
        body.contains(&format!("<script type=\"module\" nonce=\"{nonce}\">")),
        "{csp}"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "strict-origin-when-cross-origin");
    assert_eq!(headers[header::CACHE_CONTROL], "private, no-cache");
    app.database.drop_database().await;
}

#[tokio::test]
async fn region_pages_and_404() {
    let app = test_app().await;
    let (status, _, body) = send(&app.router, get("/regions/110100")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("东城区"), "counties of 北京市 listed");

    let (status, _, body) = send(&app.router, get("/regions/999999")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("没有这个区划代码"));

    let (status, _, body) = send(&app.router, get("/no/such/page")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("页面不存在"));
    app.database.drop_database().await;
}

#[tokio::test]
async fn server_function_returns_json() {
    let app = test_app().await;
    let request = form_post("/api/regions/children", "parent=110100");
    let (status, _, body) = send(&app.router, request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let regions: Vec<xieyu::regions::Region> = serde_json::from_str(&body).expect("JSON list of regions");
    assert_eq!(regions.len(), 16);

    let request = form_post("/api/regions/children", "parent=abc");
    let (status, _, body) = send(&app.router, request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("6 位数字"), "{body}");

    // A missing argument fails before the function runs: still a 400 with
    // a Chinese message, not a 500.
    let request = form_post("/api/accounts/login", "identifier=demo.teacher&password=x");
    let (status, _, body) = send(&app.router, request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("请求内容不完整"), "{body}");
    app.database.drop_database().await;
}

#[tokio::test]
async fn language_switch_sets_cookie() {
    let app = test_app().await;
    let (status, headers, _) = send(&app.router, get("/lang?to=en&back=/regions")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/regions");
    let cookie = headers[header::SET_COOKIE].to_str().expect("ascii cookie");
    assert!(cookie.starts_with("xieyu_lang=en;"), "{cookie}");

    let request = Request::get("/regions")
        .header(header::COOKIE, "xieyu_lang=en")
        .body(Body::empty())
        .expect("valid request");
    let (_, _, body) = send(&app.router, request).await;
    assert!(body.contains("<html lang=\"en\""));
    assert!(body.contains("Regions"));
    app.database.drop_database().await;
}

#[tokio::test]
async fn static_files_use_precompressed_copies() {
    let app = test_app().await;
    let request = Request::get("/manifest.webmanifest")
        .header(header::ACCEPT_ENCODING, "br, gzip")
        .body(Body::empty())
        .expect("valid request");
    let (status, headers, body) = send(&app.router, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(body, "brotli bytes");

    let (_, headers, body) = send(&app.router, get("/manifest.webmanifest")).await;
    assert!(headers.get(header::CONTENT_ENCODING).is_none());
    assert!(body.contains("协育"));
    app.database.drop_database().await;
}

#[tokio::test]
async fn service_worker_and_metrics() {
    let app = test_app().await;
    let (status, headers, body) = send(&app.router, get("/sw.js")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/javascript")
    );
    assert!(body.contains("/offline.html"));
    assert!(!body.contains("__PRECACHE__"), "placeholders are filled in");

    send(&app.router, get("/regions/110000")).await;
    let (status, _, body) = send(&app.router, get("/metrics")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("http_requests_total"), "{body}");
    assert!(body.contains("route=\"/regions/{code}\""), "{body}");
    assert!(body.contains("http_request_duration_seconds_bucket"), "{body}");
    app.database.drop_database().await;
}
