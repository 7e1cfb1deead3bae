//! The permission table: every server function × every role × a target in
//! the Haidian officer's county and one in the neighbouring Chaoyang
//! county, called over HTTP like the browser does, on SQLite and
//! PostgreSQL. A server function missing from the table fails the test.

mod support;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use support::app::{TestApp, start};
use xieyu::accounts::entity::{membership, organisation, user};
use xieyu::accounts::{demo, session};
use xieyu::booking::entity::{booking, session as booking_session};
use xieyu::resources::entity::programme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Anonymous,
    PlatformAdmin,
    /// Officer of 海淀区, the county of the in-scope targets.
    CountyOfficer,
    /// Officer of 北京市, above both counties.
    CityOfficer,
    /// Officer of 朝阳区, the neighbouring county.
    NeighbourOfficer,
    SchoolAdmin,
    Teacher,
    ProviderAdmin,
    ProviderStaff,
}

const ROLES: [Role; 9] = [
    Role::Anonymous,
    Role::PlatformAdmin,
    Role::CountyOfficer,
    Role::CityOfficer,
    Role::NeighbourOfficer,
    Role::SchoolAdmin,
    Role::Teacher,
    Role::ProviderAdmin,
    Role::ProviderStaff,
];

impl Role {
    fn username(self) -> Option<&'static str> {
        match self {
            Role::Anonymous => None,
            Role::PlatformAdmin => Some("demo.admin"),
            Role::CountyOfficer => Some("demo.haidian"),
            Role::CityOfficer => Some("demo.beijing"),
            Role::NeighbourOfficer => Some("demo.chaoyang"),
            Role::SchoolAdmin => Some("demo.school"),
            Role::Teacher => Some("demo.teacher"),
            Role::ProviderAdmin => Some("demo.museum"),
            Role::ProviderStaff => Some("demo.staff"),
        }
    }

    fn officer(self) -> bool {
        matches!(self, Role::CountyOfficer | Role::CityOfficer | Role::NeighbourOfficer)
    }

    fn logged_in(self) -> bool {
        self != Role::Anonymous
    }
}

/// Where the target of a call lies, seen from 海淀区.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// In 海淀区 (110108).
    In,
    /// In 朝阳区 (110105).
    Out,
}

impl Scope {
    fn region(self) -> &'static str {
        match self {
            Scope::In => demo::HAIDIAN.0,
            Scope::Out => demo::CHAOYANG.0,
        }
    }

    /// Whether an officer of `role` covers this scope.
    fn covered_by(self, role: Role) -> bool {
        match role {
            Role::PlatformAdmin | Role::CityOfficer => true,
            Role::CountyOfficer => self == Scope::In,
            Role::NeighbourOfficer => self == Scope::Out,
            _ => false,
        }
    }
}

static UNIQUE: AtomicU32 = AtomicU32::new(0);

fn unique() -> u32 {
    UNIQUE.fetch_add(1, Ordering::Relaxed)
}

struct Fixture {
    app: TestApp,
}

impl Fixture {
    async fn user_id(&self, username: &str) -> i64 {
        user::Entity::find()
            .filter(user::Column::Username.eq(username))
            .one(self.app.state.db.conn())
            .await
            .expect("query user")
            .unwrap_or_else(|| panic!("demo user {username} exists"))
            .id
    }

    /// A fresh session of the role's demo user; each call gets its own so a
    /// case that logs out does not affect the next.
    async fn session(&self, role: Role) -> Option<String> {
        let username = role.username()?;
        let user_id = self.user_id(username).await;
        let membership = membership::Entity::find()
            .filter(membership::Column::UserId.eq(user_id))
            .one(self.app.state.db.conn())
            .await
            .expect("query membership")
            .map(|m| m.id);
        let token = session::create(
            self.app.state.db.conn(),
            &self.app.state.settings.session,
            user_id,
            membership,
            "127.0.0.1",
            "test",
        )
        .await
        .expect("create session");
        Some(token)
    }

    /// The demo school or the other demo school, by scope.
    async fn demo_school(&self, scope: Scope) -> i64 {
        let name = match scope {
            Scope::In => "海淀实验小学（演示）",
            Scope::Out => "朝阳第一中学（演示）",
        };
        organisation::Entity::find()
            .filter(organisation::Column::Name.eq(name))
            .one(self.app.state.db.conn())
            .await
            .expect("query organisation")
            .expect("demo school exists")
            .id
    }

    /// A new pending registration in the scope's county.
    async fn pending_school(&self, scope: Scope) -> i64 {
        let now = Utc::now();
        let row = organisation::ActiveModel {
            kind: Set("school".into()),
            name: Set(format!("待审核学校{}", unique())),
            region_code: Set(scope.region().into()),
            school_stage: Set(Some("primary".into())),
            status: Set("pending".into()),
            is_demo: Set(false),
            submitted_at: Set(now),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        organisation::Entity::insert(row)
            .exec(self.app.state.db.conn())
            .await
            .expect("insert pending school")
            .last_insert_id
    }

    /// A new teacher of the scope's demo school, for resets and lookups.
    async fn fresh_member(&self, scope: Scope) -> i64 {
        let now = Utc::now();
        let n = unique();
        let account = user::ActiveModel {
            username: Set(format!("member{n}")),
            phone: Set(Some(format!("134{n:08}"))),
            display_name: Set("测试成员".into()),
            password_hash: Set("not-a-hash".into()),
            must_change_password: Set(false),
            is_platform_admin: Set(false),
            is_active: Set(true),
            password_changed_at: Set(now),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let user_id = user::Entity::insert(account)
            .exec(self.app.state.db.conn())
            .await
            .expect("insert member")
            .last_insert_id;
        let member = membership::ActiveModel {
            user_id: Set(user_id),
            organisation_id: Set(self.demo_school(scope).await),
            role: Set("teacher".into()),
            created_at: Set(now),
            ..Default::default()
        };
        membership::Entity::insert(member)
            .exec(self.app.state.db.conn())
            .await
            .expect("insert membership");
        user_id
    }

    /// The demo provider of the scope: the Haidian youth centre (in) or
    /// the Chaoyang museum (out).
    async fn demo_provider(&self, scope: Scope) -> i64 {
        let name = match scope {
            Scope::In => "海淀区青少年活动中心（演示）",
            Scope::Out => "中国科学技术馆（演示）",
        };
        organisation::Entity::find()
            .filter(organisation::Column::Name.eq(name))
            .one(self.app.state.db.conn())
            .await
            .expect("query organisation")
            .expect("demo provider exists")
            .id
    }

    /// The demo programme of the scope's provider.
    async fn programme(&self, scope: Scope) -> programme::Model {
        programme::Entity::find()
            .filter(programme::Column::ProviderId.eq(self.demo_provider(scope).await))
            .one(self.app.state.db.conn())
            .await
            .expect("query programme")
            .expect("demo programme exists")
    }

    /// A bookable session of the scope's programme.
    async fn bookable_session(&self, scope: Scope) -> i64 {
        let programme = self.programme(scope).await;
        booking_session::Entity::find()
            .filter(booking_session::Column::ProgrammeId.eq(programme.id))
            .filter(booking_session::Column::StartsAt.gt(Utc::now() + chrono::TimeDelta::days(2)))
            .one(self.app.state.db.conn())
            .await
            .expect("query session")
            .expect("demo session exists")
            .id
    }

    /// A new lottery session of the scope's programme, closed for booking.
    async fn lottery_session(&self, scope: Scope) -> i64 {
        let programme = self.programme(scope).await;
        let settings = xieyu::booking::service::sessions::SessionSettings {
            allocation: xieyu::booking::rules::Allocation::Lottery,
            ..Default::default()
        };
        let starts_at = Utc::now() + chrono::TimeDelta::hours(2);
        xieyu::booking::demo::insert_session(self.app.state.db.conn(), &programme, starts_at, 40, settings)
            .await
            .expect("insert lottery session")
            .id
    }

    /// A new booking request of the scope's demo school at the scope's
    /// provider, inserted directly.
    async fn fresh_booking(&self, scope: Scope) -> booking::Model {
        let now = Utc::now();
        let booked_by = self
            .user_id(match scope {
                Scope::In => "demo.school",
                Scope::Out => "demo.school2",
            })
            .await;
        let code = xieyu::booking::checkin::generate_code(&mut rand::rng());
        let row = booking::ActiveModel {
            session_id: Set(self.bookable_session(scope).await),
            school_id: Set(self.demo_school(scope).await),
            booked_by: Set(booked_by),
            class_name: Set(format!("权限测试{}班", unique())),
            grade: Set("三年级".into()),
            pupils: Set(10),
            teachers: Set(1),
            lead_teacher: Set("王老师".into()),
            contact_phone: Set("13812345678".into()),
            state: Set("requested".into()),
            checkin_code: Set(code.as_str().to_owned()),
            present_count: Set(None),
            draw_rank: Set(None),
            revision: Set(0),
            requested_at: Set(now),
            checked_in_at: Set(None),
            updated_at: Set(now),
            ..Default::default()
        };
        booking::Entity::insert(row)
            .exec_with_returning(self.app.state.db.conn())
            .await
            .expect("insert booking")
    }

    /// Another live session of the role's user, to revoke.
    async fn other_session_id(&self, role: Role) -> String {
        match self.session(role).await {
            Some(token) => session::id_of_token(&token),
            None => "no-session".into(),
        }
    }
}

/// A server function under test: how to call it and who may.
struct Case {
    path: &'static str,
    allowed: fn(Role, Scope) -> bool,
}

const CASES: &[Case] = &[
    Case {
        path: "/api/regions/children",
        allowed: |_, _| true,
    },
    Case {
        path: "/api/regions/browse",
        allowed: |_, _| true,
    },
    Case {
        path: "/api/calendar/day",
        allowed: |_, _| true,
    },
    Case {
        path: "/api/accounts/login",
        allowed: |_, _| true,
    },
    Case {
        path: "/api/accounts/me",
        allowed: |_, _| true,
    },
    Case {
        path: "/api/orgs/register",
        allowed: |_, _| true,
    },
    Case {
        path: "/api/accounts/logout",
        allowed: |role, _| role.logged_in(),
    },
    Case {
        path: "/api/accounts/password",
        allowed: |role, _| role.logged_in(),
    },
    Case {
        path: "/api/accounts/sessions",
        allowed: |role, _| role.logged_in(),
    },
    Case {
        path: "/api/accounts/revoke-session",
        allowed: |role, _| role.logged_in(),
    },
    // The platform admin belongs to no organisation, so has none to switch to.
    Case {
        path: "/api/accounts/switch",
        allowed: |role, _| role.logged_in() && role != Role::PlatformAdmin,
    },
    Case {
        path: "/api/orgs/mine",
        allowed: |role, _| role.logged_in() && role != Role::PlatformAdmin,
    },
    // Only a school or provider admin resubmits their own registration.
    Case {
        path: "/api/orgs/resubmit",
        allowed: |role, _| matches!(role, Role::SchoolAdmin | Role::ProviderAdmin),
    },
    Case {
        path: "/api/orgs/members",
        allowed: |role, scope| role == Role::PlatformAdmin || (role == Role::SchoolAdmin && scope == Scope::In),
    },
    Case {
        path: "/api/orgs/add-member",
        allowed: |role, scope| role == Role::PlatformAdmin || (role == Role::SchoolAdmin && scope == Scope::In),
    },
    Case {
        path: "/api/orgs/member-phone",
        allowed: |role, scope| role == Role::PlatformAdmin || (role == Role::SchoolAdmin && scope == Scope::In),
    },
    Case {
        path: "/api/orgs/reset-password",
        allowed: |role, scope| role == Role::PlatformAdmin || (role == Role::SchoolAdmin && scope == Scope::In),
    },
    Case {
        path: "/api/review/queue",
        allowed: |role, _| role == Role::PlatformAdmin || role.officer(),
    },
    Case {
        path: "/api/review/organisation",
        allowed: |role, scope| scope.covered_by(role),
    },
    Case {
        path: "/api/review/approve",
        allowed: |role, scope| scope.covered_by(role),
    },
    Case {
        path: "/api/review/return",
        allowed: |role, scope| scope.covered_by(role),
    },
    Case {
        path: "/api/audit/log",
        allowed: |role, _| role == Role::PlatformAdmin || role.officer(),
    },
    // Officers are created only for regions strictly below the creator's.
    Case {
        path: "/api/admin/create-officer",
        allowed: |role, _| matches!(role, Role::PlatformAdmin | Role::CityOfficer),
    },
    // Booking. In scope: a booking of the Haidian school at the Haidian youth
    // centre; out of scope: one of the Chaoyang school at the Chaoyang museum,
    // whose admin and staff are the demo provider users.
    Case {
        path: "/api/booking/programme-sessions",
        allowed: |_, _| true,
    },
    Case {
        path: "/api/booking/open-programmes",
        allowed: |_, _| true,
    },
    Case {
        path: "/api/booking/create-sessions",
        allowed: |role, scope| role == Role::PlatformAdmin || (role == Role::ProviderAdmin && scope == Scope::Out),
    },
    // Only members of a school book, for their own school.
    Case {
        path: "/api/booking/book",
        allowed: |role, _| matches!(role, Role::SchoolAdmin | Role::Teacher),
    },
    Case {
        path: "/api/booking/mine",
        allowed: |role, _| role.logged_in(),
    },
    Case {
        path: "/api/booking/school",
        allowed: |role, _| role == Role::SchoolAdmin,
    },
    Case {
        path: "/api/booking/provider",
        allowed: |role, _| matches!(role, Role::ProviderAdmin | Role::ProviderStaff),
    },
    Case {
        path: "/api/booking/detail",
        allowed: |role, scope| {
            scope.covered_by(role)
                || (scope == Scope::In && matches!(role, Role::SchoolAdmin | Role::Teacher))
                || (scope == Scope::Out && matches!(role, Role::ProviderAdmin | Role::ProviderStaff))
        },
    },
    Case {
        path: "/api/booking/confirm",
        allowed: |role, scope| role == Role::PlatformAdmin || (role == Role::ProviderAdmin && scope == Scope::Out),
    },
    Case {
        path: "/api/booking/decline",
        allowed: |role, scope| role == Role::PlatformAdmin || (role == Role::ProviderAdmin && scope == Scope::Out),
    },
    Case {
        path: "/api/booking/cancel",
        allowed: |role, scope| {
            scope.covered_by(role)
                || (scope == Scope::In && matches!(role, Role::SchoolAdmin | Role::Teacher))
                || (scope == Scope::Out && role == Role::ProviderAdmin)
        },
    },
    // Staff check in at their own provider; a code of another provider's
    // booking is a field error (400), not a denial, so both scopes pass.
    Case {
        path: "/api/booking/check-in",
        allowed: |role, _| matches!(role, Role::ProviderAdmin | Role::ProviderStaff),
    },
    Case {
        path: "/api/booking/feed",
        allowed: |role, _| role.logged_in(),
    },
    Case {
        path: "/api/booking/notifications",
        allowed: |role, _| role.logged_in(),
    },
    Case {
        path: "/api/booking/notifications-read",
        allowed: |role, _| role.logged_in(),
    },
    Case {
        path: "/api/booking/quotas",
        allowed: |role, _| role == Role::PlatformAdmin || role.officer(),
    },
    Case {
        path: "/api/booking/set-quota",
        allowed: |role, scope| scope.covered_by(role),
    },
    Case {
        path: "/api/booking/lotteries",
        allowed: |role, _| role == Role::PlatformAdmin || role.officer(),
    },
    Case {
        path: "/api/booking/draw",
        allowed: |role, scope| scope.covered_by(role),
    },
];

/// The form a case sends for this role and scope.
async fn arguments(fixture: &Fixture, path: &str, role: Role, scope: Scope) -> Vec<(String, String)> {
    let n = unique();
    let pairs: Vec<(&str, String)> = match path {
        "/api/regions/children" => vec![("parent", scope.region().into())],
        "/api/regions/browse" => vec![("code", scope.region().into())],
        "/api/calendar/day" => vec![("date", "2025-10-01".into())],
        "/api/accounts/login" => vec![
            ("identifier", "demo.teacher".into()),
            ("password", demo::DEMO_PASSWORD.into()),
            ("next", "/".into()),
        ],
        "/api/accounts/me" | "/api/accounts/sessions" | "/api/orgs/mine" => vec![],
        "/api/audit/log" => vec![("filter[page]", "0".into())],
        "/api/accounts/logout" => vec![("everywhere", "false".into())],
        "/api/accounts/password" => vec![
            ("current_password", "wrong-password".into()),
            ("new_password", "Another#Pass9".into()),
            ("next", "/".into()),
        ],
        "/api/accounts/revoke-session" => vec![("id", fixture.other_session_id(role).await)],
        "/api/accounts/switch" => {
            let membership = match role.username() {
                Some(username) => {
                    let user_id = fixture.user_id(username).await;
                    membership::Entity::find()
                        .filter(membership::Column::UserId.eq(user_id))
                        .one(fixture.app.state.db.conn())
                        .await
                        .expect("query membership")
                        .map_or(0, |m| m.id)
                }
                None => 0,
            };
            vec![("membership_id", membership.to_string())]
        }
        "/api/orgs/register" => vec![
            ("form[kind]", "school".into()),
            ("form[name]", format!("新注册学校{n}")),
            ("form[region]", scope.region().into()),
            ("form[school_stage]", "primary".into()),
            ("form[address]", "测试地址".into()),
            ("form[contact_name]", "联系人".into()),
            ("form[contact_phone]", "13700000000".into()),
            ("form[admin_name]", "管理员".into()),
            ("form[admin_username]", format!("reg.admin{n}")),
            ("form[admin_phone]", format!("136{n:08}")),
            ("form[password]", "Register#2026".into()),
            ("form[password_confirm]", "Register#2026".into()),
        ],
        "/api/orgs/resubmit" => vec![("form[name]", "任意".into())],
        "/api/orgs/members" => vec![("organisation_id", fixture.demo_school(scope).await.to_string())],
        "/api/orgs/add-member" => vec![
            ("organisation_id", fixture.demo_school(scope).await.to_string()),
            ("form[display_name]", "新教师".into()),
            ("form[username]", format!("new.teacher{n}")),
            ("form[role]", "teacher".into()),
            ("form[initial_password]", "Initial#2026".into()),
        ],
        "/api/orgs/member-phone" => vec![
            ("organisation_id", fixture.demo_school(scope).await.to_string()),
            ("user_id", fixture.fresh_member(scope).await.to_string()),
        ],
        "/api/orgs/reset-password" => vec![
            ("organisation_id", fixture.demo_school(scope).await.to_string()),
            ("user_id", fixture.fresh_member(scope).await.to_string()),
            ("new_password", "Reset#Pass2026".into()),
        ],
        "/api/review/queue" => vec![("filter[status]", "pending".into()), ("filter[page]", "0".into())],
        "/api/review/organisation" | "/api/review/approve" => {
            vec![("id", fixture.pending_school(scope).await.to_string())]
        }
        "/api/review/return" => vec![
            ("id", fixture.pending_school(scope).await.to_string()),
            ("reason", "请补充办学许可证信息".into()),
        ],
        "/api/admin/create-officer" => vec![
            ("form[region]", scope.region().into()),
            ("form[display_name]", "新管理员".into()),
            ("form[username]", format!("new.officer{n}")),
            ("form[phone]", format!("135{n:08}")),
            ("form[initial_password]", "Officer#2026".into()),
        ],
        "/api/booking/programme-sessions" => vec![
            ("programme_id", fixture.programme(scope).await.id.to_string()),
            ("from", String::new()),
            ("days", "28".into()),
        ],
        "/api/booking/create-sessions" => vec![
            ("programme_id", fixture.programme(scope).await.id.to_string()),
            ("form[date]", "2027-03-09".into()),
            ("form[start_time]", "09:30".into()),
            ("form[duration_minutes]", "90".into()),
        ],
        "/api/booking/book" => {
            let session = fixture.bookable_session(scope).await;
            let form = support::booking::booking_form(session, &format!("权限{n}班"), 10);
            return form;
        }
        "/api/booking/open-programmes"
        | "/api/booking/mine"
        | "/api/booking/school"
        | "/api/booking/provider"
        | "/api/booking/lotteries" => vec![],
        "/api/booking/notifications" | "/api/booking/notifications-read" => vec![],
        "/api/booking/detail" | "/api/booking/confirm" => {
            vec![("id", fixture.fresh_booking(scope).await.id.to_string())]
        }
        "/api/booking/decline" | "/api/booking/cancel" => vec![
            ("id", fixture.fresh_booking(scope).await.id.to_string()),
            ("reason", "行程调整".into()),
        ],
        "/api/booking/check-in" => vec![
            ("code", fixture.fresh_booking(scope).await.checkin_code),
            ("present", "5".into()),
        ],
        "/api/booking/feed" => vec![("school", "false".into())],
        "/api/booking/quotas" => vec![("term", "2026-autumn".into())],
        "/api/booking/set-quota" => vec![
            ("school_id", fixture.demo_school(scope).await.to_string()),
            ("term", "2026-autumn".into()),
            ("max_bookings", "10".into()),
            ("max_pupils", String::new()),
        ],
        "/api/booking/draw" => vec![("session_id", fixture.lottery_session(scope).await.to_string())],
        other => panic!("no arguments for {other}: add the server function to the permission table"),
    };
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn is_denied(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    )
}

async fn run_table(fixture: &Fixture, backend: &str) {
    let mut failures = Vec::new();
    for case in CASES {
        for role in ROLES {
            for scope in [Scope::In, Scope::Out] {
                let args = arguments(fixture, case.path, role, scope).await;
                let form: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let token = fixture.session(role).await;
                let answer = fixture.app.call(case.path, &form, token.as_deref()).await;

                let expected = (case.allowed)(role, scope);
                let denied = is_denied(answer.status);
                if expected == denied || answer.status.is_server_error() {
                    failures.push(format!(
                        "{backend} {} as {role:?} on {scope:?}: expected {}, got {} {}",
                        case.path,
                        if expected { "allowed" } else { "denied" },
                        answer.status,
                        answer.body.chars().take(160).collect::<String>()
                    ));
                }
                if !role.logged_in() && !expected {
                    assert_eq!(
                        answer.status,
                        StatusCode::UNAUTHORIZED,
                        "{backend} {} anonymous",
                        case.path
                    );
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} permission cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn table_lists_every_server_function() {
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let listed: BTreeSet<&str> = CASES.iter().map(|c| c.path).collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "server functions missing from the permission table: {missing:?}"
    );
    assert!(stale.is_empty(), "table entries without a server function: {stale:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_in_and_out_of_scope() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let app = start(database).await;
        demo::seed(&app.state.db).await.expect("seed demo data");
        xieyu::booking::demo::seed(&app.state.db)
            .await
            .expect("seed demo sessions");
        let fixture = Fixture { app };
        run_table(&fixture, backend).await;
        fixture.app.database.drop_database().await;
    }
}
