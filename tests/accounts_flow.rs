//! Accounts end to end through the router, on SQLite and PostgreSQL:
//! registration, review, members, login rules, sessions, CSRF and audit.

mod support;

use axum::http::StatusCode;
use support::app::{TestApp, start};
use xieyu::accounts::demo::{DEMO_PASSWORD, seed};

async fn demo_app(database: support::TestDb) -> TestApp {
    let app = start(database).await;
    seed(&app.state.db).await.expect("seed demo data");
    app
}

const REGISTRATION: &[(&str, &str)] = &[
    ("form[kind]", "school"),
    ("form[name]", "海淀区测试小学"),
    ("form[region]", "110108"),
    ("form[school_stage]", "primary"),
    ("form[address]", "北京市海淀区中关村大街 1 号"),
    ("form[contact_name]", "王老师"),
    ("form[contact_phone]", "13811112222"),
    ("form[admin_name]", "王校长"),
    ("form[admin_username]", "wang.principal"),
    ("form[admin_phone]", "13811113333"),
    ("form[password]", "Xiaoxue#2026"),
    ("form[password_confirm]", "Xiaoxue#2026"),
];

#[tokio::test]
async fn plain_form_error_redirects_with_flash() {
    let app = demo_app(support::sqlite().await).await;
    let answer = app
        .post_form(
            "/api/orgs/register",
            &[("form[name]", "测试小学"), ("form[region_province]", "110000")],
            "/register",
            None,
        )
        .await;
    assert_eq!(answer.status, StatusCode::FOUND, "{:?} {}", answer.headers, answer.body);
    assert!(answer.cookie("xieyu_flash").is_some(), "flash cookie set");
    app.database.drop_database().await;
}

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn with(base: &[(&str, &str)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out = form(base);
    for (key, value) in changes {
        if let Some(entry) = out.iter_mut().find(|(k, _)| k == key) {
            entry.1 = (*value).to_owned();
        }
    }
    out
}

fn pairs(owned: &[(String, String)]) -> Vec<(&str, &str)> {
    owned.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// Registers the test school and returns its id and the admin's session.
async fn register_school(app: &TestApp) -> (i64, String) {
    let answer = app.call("/api/orgs/register", REGISTRATION, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let id: i64 = answer.json();
    (id, answer.cookie("xieyu_session").expect("admin is logged in"))
}

#[tokio::test]
async fn school_registers_is_approved_and_adds_teacher() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let app = demo_app(database).await;
        let (school_id, admin) = register_school(&app).await;

        // Pending: the admin sees the status but cannot manage members yet.
        let mine = app.call("/api/orgs/mine", &[], Some(&admin)).await;
        assert!(mine.body.contains("\"status\":\"pending\""), "{backend}: {}", mine.body);
        let id = school_id.to_string();
        let early = app
            .call("/api/orgs/members", &[("organisation_id", &id)], Some(&admin))
            .await;
        assert_eq!(
            early.status,
            StatusCode::FORBIDDEN,
            "{backend}: members before approval"
        );

        // The officer of 海淀区 finds it in the queue and approves it.
        let officer = app.login("demo.haidian", DEMO_PASSWORD).await;
        let queue = app
            .call("/api/review/queue", &[("filter[status]", "pending")], Some(&officer))
            .await;
        assert!(queue.body.contains("海淀区测试小学"), "{backend}: {}", queue.body);
        let approved = app.call("/api/review/approve", &[("id", &id)], Some(&officer)).await;
        assert_eq!(approved.status, StatusCode::OK, "{backend}: {}", approved.body);
        let again = app.call("/api/review/approve", &[("id", &id)], Some(&officer)).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{backend}: deciding twice");

        // The admin adds a teacher, who must change the initial password.
        let add = app
            .call(
                "/api/orgs/add-member",
                &[
                    ("organisation_id", &id),
                    ("form[display_name]", "赵老师"),
                    ("form[username]", "zhao.teacher"),
                    ("form[phone]", "13822223333"),
                    ("form[role]", "teacher"),
                    ("form[initial_password]", "Chushi#2026"),
                ],
                Some(&admin),
            )
            .await;
        assert_eq!(add.status, StatusCode::OK, "{backend}: {}", add.body);
        let members = app
            .call("/api/orgs/members", &[("organisation_id", &id)], Some(&admin))
            .await;
        assert!(
            members.body.contains("138****3333"),
            "{backend}: phone masked in list: {}",
            members.body
        );
        assert!(
            !members.body.contains("13822223333"),
            "{backend}: full phone never listed"
        );

        let teacher = app.login("13822223333", "Chushi#2026").await;
        let blocked = app.call("/api/orgs/mine", &[], Some(&teacher)).await;
        assert_eq!(
            blocked.status,
            StatusCode::FORBIDDEN,
            "{backend}: initial password must be changed first"
        );
        assert!(
            blocked.body.contains("PasswordChangeRequired"),
            "{backend}: {}",
            blocked.body
        );
        let changed = app
            .call(
                "/api/accounts/password",
                &[
                    ("current_password", "Chushi#2026"),
                    ("new_password", "Zhao.Laoshi9"),
                    ("next", "/"),
                ],
                Some(&teacher),
            )
            .await;
        assert_eq!(changed.status, StatusCode::OK, "{backend}: {}", changed.body);
        let mine = app.call("/api/orgs/mine", &[], Some(&teacher)).await;
        assert_eq!(mine.status, StatusCode::OK, "{backend}: {}", mine.body);

        // The audit log of 海淀区 shows the registration, approval and member.
        let log = app
            .call("/api/audit/log", &[("filter[page]", "0")], Some(&officer))
            .await;
        for action in [
            "organisation_registered",
            "organisation_approved",
            "member_added",
            "password_changed",
        ] {
            assert!(log.body.contains(action), "{backend}: {action} logged: {}", log.body);
        }
        app.database.drop_database().await;
    }
}

#[tokio::test]
async fn neighbouring_county_sees_nothing() {
    let app = demo_app(support::sqlite().await).await;
    let (school_id, _) = register_school(&app).await;
    let id = school_id.to_string();
    let neighbour = app.login("demo.chaoyang", DEMO_PASSWORD).await;

    let queue = app
        .call("/api/review/queue", &[("filter[status]", "pending")], Some(&neighbour))
        .await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(
        !queue.body.contains("海淀区测试小学"),
        "not in the neighbour's queue: {}",
        queue.body
    );

    for path in ["/api/review/organisation", "/api/review/approve"] {
        let answer = app.call(path, &[("id", &id)], Some(&neighbour)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}: {}", answer.body);
    }
    let returned = app
        .call(
            "/api/review/return",
            &[("id", &id), ("reason", "不属于本区")],
            Some(&neighbour),
        )
        .await;
    assert_eq!(returned.status, StatusCode::NOT_FOUND);

    let page = app.get(&format!("/bureau/review/{id}"), Some(&neighbour)).await;
    assert!(
        !page.body.contains("海淀区测试小学"),
        "the page does not show it either"
    );
    assert!(page.body.contains("找不到该记录"), "{}", page.body);

    let log = app
        .call("/api/audit/log", &[("filter[page]", "0")], Some(&neighbour))
        .await;
    assert!(
        !log.body.contains("海淀区测试小学"),
        "no audit entries of another county: {}",
        log.body
    );
    app.database.drop_database().await;
}

#[tokio::test]
async fn returned_registration_is_fixed_and_resubmitted() {
    let app = demo_app(support::sqlite().await).await;
    let (school_id, admin) = register_school(&app).await;
    let id = school_id.to_string();
    let officer = app.login("demo.beijing", DEMO_PASSWORD).await;

    let empty = app
        .call("/api/review/return", &[("id", &id), ("reason", "  ")], Some(&officer))
        .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST, "a reason is required");
    let sent_back = app
        .call(
            "/api/review/return",
            &[("id", &id), ("reason", "请填写统一社会信用代码")],
            Some(&officer),
        )
        .await;
    assert_eq!(sent_back.status, StatusCode::OK, "{}", sent_back.body);

    let mine = app.call("/api/orgs/mine", &[], Some(&admin)).await;
    assert!(
        mine.body.contains("请填写统一社会信用代码"),
        "applicant sees the reason: {}",
        mine.body
    );

    let fixed = with(&REGISTRATION[1..8], &[("form[name]", "海淀区测试小学")]);
    let mut fixed = fixed;
    fixed.push(("form[credit_code]".into(), "91350100M000100Y43".into()));
    let resubmitted = app.call("/api/orgs/resubmit", &pairs(&fixed), Some(&admin)).await;
    assert_eq!(resubmitted.status, StatusCode::OK, "{}", resubmitted.body);
    let mine = app.call("/api/orgs/mine", &[], Some(&admin)).await;
    assert!(mine.body.contains("\"status\":\"pending\""), "{}", mine.body);
    app.database.drop_database().await;
}

#[tokio::test]
async fn duplicate_phone_and_username_are_field_errors() {
    let app = demo_app(support::sqlite().await).await;
    register_school(&app).await;

    let same_phone = with(
        REGISTRATION,
        &[("form[name]", "另一所学校"), ("form[admin_username]", "another.admin")],
    );
    let answer = app.call("/api/orgs/register", &pairs(&same_phone), None).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    assert!(answer.body.contains("\"field\":\"admin_phone\""), "{}", answer.body);

    let same_username = with(
        REGISTRATION,
        &[("form[name]", "另一所学校"), ("form[admin_phone]", "13899990000")],
    );
    let answer = app.call("/api/orgs/register", &pairs(&same_username), None).await;
    assert!(answer.body.contains("\"field\":\"admin_username\""), "{}", answer.body);

    let same_name = with(
        REGISTRATION,
        &[
            ("form[admin_username]", "third.admin"),
            ("form[admin_phone]", "13899991111"),
        ],
    );
    let answer = app.call("/api/orgs/register", &pairs(&same_name), None).await;
    assert!(answer.body.contains("\"field\":\"name\""), "{}", answer.body);
    app.database.drop_database().await;
}

#[tokio::test]
async fn lockout_after_five_failures_reveals_nothing() {
    let app = demo_app(support::sqlite().await).await;
    let wrong = |identifier: &'static str| [("identifier", identifier), ("password", "Wrong#1234"), ("next", "/")];

    // An existing and a made-up account answer the same, attempt by attempt.
    for round in 1..=5 {
        let real = app.call("/api/accounts/login", &wrong("demo.teacher"), None).await;
        let ghost = app.call("/api/accounts/login", &wrong("nobody.here"), None).await;
        assert_eq!(real.status, ghost.status, "round {round}");
        assert_eq!(real.body, ghost.body, "round {round}");
        let expected = if round < 5 {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(real.status, expected, "round {round}: {}", real.body);
    }

    // Locked: even the right password is refused for now.
    let right = app
        .call(
            "/api/accounts/login",
            &[
                ("identifier", "demo.teacher"),
                ("password", DEMO_PASSWORD),
                ("next", "/"),
            ],
            None,
        )
        .await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);

    let admin = app.login("demo.admin", DEMO_PASSWORD).await;
    let log = app
        .call("/api/audit/log", &[("filter[action]", "lockout")], Some(&admin))
        .await;
    assert!(log.body.contains("\"action\":\"lockout\""), "{}", log.body);
    app.database.drop_database().await;
}

#[tokio::test]
async fn idle_session_expires_and_logout_everywhere() {
    use sea_orm::{ActiveValue::Set, EntityTrait};
    use xieyu::accounts::entity::session;

    let app = demo_app(support::sqlite().await).await;
    let first = app.login("demo.school", DEMO_PASSWORD).await;
    let second = app.login("demo.school", DEMO_PASSWORD).await;

    let sessions = app.call("/api/accounts/sessions", &[], Some(&first)).await;
    let list: Vec<serde_json::Value> = sessions.json();
    assert_eq!(list.len(), 2);

    // Thirty-one idle minutes end the first session.
    let stale = session::ActiveModel {
        id: Set(xieyu::accounts::session::id_of_token(&first)),
        last_seen_at: Set(chrono::Utc::now() - chrono::Duration::minutes(31)),
        ..Default::default()
    };
    session::Entity::update(stale)
        .exec(app.state.db.conn())
        .await
        .expect("age the session");
    let expired = app.call("/api/accounts/sessions", &[], Some(&first)).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    let page = app.get("/org/members", Some(&first)).await;
    assert_eq!(
        page.status,
        StatusCode::FOUND,
        "a protected page sends the user to log in"
    );
    assert_eq!(page.headers["location"], "/login?next=/org/members");

    let third = app.login("demo.school", DEMO_PASSWORD).await;
    let everywhere = app
        .call("/api/accounts/logout", &[("everywhere", "true")], Some(&third))
        .await;
    assert_eq!(everywhere.status, StatusCode::OK);
    for token in [&second, &third] {
        let answer = app.call("/api/accounts/sessions", &[], Some(token)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "every session ended");
    }
    app.database.drop_database().await;
}

#[tokio::test]
async fn cross_site_posts_are_rejected() {
    use axum::body::Body;
    use axum::http::{Request, header};

    let app = demo_app(support::sqlite().await).await;
    let post = |origin: Option<&'static str>, referer: Option<&'static str>| {
        let mut request = Request::post("/api/accounts/login")
            .header(header::HOST, support::app::HOST)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        if let Some(referer) = referer {
            request = request.header(header::REFERER, referer);
        }
        request
            .body(Body::from(format!(
                "identifier=demo.admin&password={DEMO_PASSWORD}&next=/"
            )))
            .expect("valid request")
    };

    assert_eq!(
        app.send(post(Some("http://evil.example"), None)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.send(post(None, None)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.send(post(None, Some("http://evil.example/x"))).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.send(post(None, Some("http://xieyu.test/login"))).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.send(post(Some("http://xieyu.test"), None)).await.status,
        StatusCode::OK
    );
    app.database.drop_database().await;
}
