//! The whole router on a fresh database, driven without a socket, with
//! helpers for form posts, server function calls and sessions.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;
use xieyu::server::config::Settings;
use xieyu::server::router::app;
use xieyu::server::state::AppState;

use super::TestDb;

/// The `Origin` every test request claims; `Host` matches it.
pub const HOST: &str = "xieyu.test";
pub const ORIGIN: &str = "http://xieyu.test";

pub struct TestApp {
    pub router: Router,
    /// The client address of every request, unique per app so per-address
    /// login limits of one test do not affect another.
    pub peer: std::net::SocketAddr,
    pub state: AppState,
    pub database: TestDb,
    _site: tempfile::TempDir,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    /// The value of the `name` cookie that the response sets.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| {
                v.strip_prefix(&format!("{name}="))
                    .map(|rest| rest.split(';').next().unwrap_or_default().to_owned())
            })
    }

    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body).unwrap_or_else(|err| panic!("JSON answer expected ({err}): {}", self.body))
    }
}

static PEERS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

pub async fn start(database: TestDb) -> TestApp {
    xieyu::regions::load::load_regions(&database.db)
        .await
        .expect("load regions");
    let site = tempfile::tempdir().expect("site folder");
    let mut settings = Settings::default();
    settings.database = database.settings.clone();
    settings.server.site_root = site.path().to_path_buf();
    settings.storage = xieyu::server::config::StorageSettings::Local {
        root: site.path().join("objects"),
    };
    let state = AppState::new(database.db.clone(), settings);
    let n = PEERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let peer = std::net::SocketAddr::from(([127, 1, (n >> 8) as u8, n as u8], 40000));
    TestApp {
        peer,
        router: app(state.clone()),
        state,
        database,
        _site: site,
    }
}

impl TestApp {
    pub async fn send(&self, mut request: Request<Body>) -> Answer {
        request.extensions_mut().insert(axum::extract::ConnectInfo(self.peer));
        let response = self.router.clone().oneshot(request).await.expect("router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("read body").to_bytes();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// GET a page as a browser does, with the session cookie when given.
    pub async fn get(&self, path: &str, session: Option<&str>) -> Answer {
        let mut request = Request::get(path)
            .header(header::HOST, HOST)
            .header(header::ACCEPT, "text/html,application/xhtml+xml");
        if let Some(token) = session {
            request = request.header(header::COOKIE, format!("xieyu_session={token}"));
        }
        self.send(request.body(Body::empty()).expect("valid request")).await
    }

    /// Calls a server function the way the WASM client does.
    pub async fn call(&self, path: &str, form: &[(&str, &str)], session: Option<&str>) -> Answer {
        let body = serde_urlencoded::to_string(form).expect("encodable form");
        let mut request = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::ACCEPT, "application/json")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(token) = session {
            request = request.header(header::COOKIE, format!("xieyu_session={token}"));
        }
        self.send(request.body(Body::from(body)).expect("valid request")).await
    }

    /// Posts a form the way a browser without JavaScript does.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)], referer: &str, session: Option<&str>) -> Answer {
        let body = serde_urlencoded::to_string(form).expect("encodable form");
        let mut request = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::REFERER, format!("{ORIGIN}{referer}"))
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(token) = session {
            request = request.header(header::COOKIE, format!("xieyu_session={token}"));
        }
        self.send(request.body(Body::from(body)).expect("valid request")).await
    }

    /// Posts a `multipart/form-data` body as a browser without JavaScript
    /// does, with the session cookie when given.
    pub async fn post_multipart(&self, path: &str, content_type: &str, body: Vec<u8>, session: Option<&str>) -> Answer {
        let mut request = Request::post(path)
            .header(header::HOST, HOST)
            .header(header::ORIGIN, ORIGIN)
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_TYPE, content_type);
        if let Some(token) = session {
            request = request.header(header::COOKIE, format!("xieyu_session={token}"));
        }
        self.send(request.body(Body::from(body)).expect("valid request")).await
    }

    /// Logs in and returns the session token.
    pub async fn login(&self, identifier: &str, password: &str) -> String {
        let answer = self
            .call(
                "/api/accounts/login",
                &[("identifier", identifier), ("password", password), ("next", "/")],
                None,
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "login of {identifier}: {}", answer.body);
        answer.cookie("xieyu_session").expect("session cookie set")
    }
}
