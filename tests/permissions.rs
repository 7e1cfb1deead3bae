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
use xieyu::census::entity::upload as census_upload;
use xieyu::resources::entity::photo;
use xieyu::resources::entity::{programme, resource};

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

    /// Whether the role works for the demo provider that owns the
    /// out-of-scope resources (中国科学技术馆, in 朝阳区).
    fn museum_member(self) -> bool {
        matches!(self, Role::ProviderAdmin | Role::ProviderStaff)
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

    async fn organisation_named(&self, name: &str) -> i64 {
        organisation::Entity::find()
            .filter(organisation::Column::Name.eq(name))
            .one(self.app.state.db.conn())
            .await
            .expect("query organisation")
            .unwrap_or_else(|| panic!("{name} exists"))
            .id
    }

    /// A new resource in the scope's county with the given status: owned
    /// by the Haidian youth centre (in) or the museum of `demo.museum`
    /// (out).
    async fn resource(&self, scope: Scope, status: &str) -> i64 {
        let provider = match scope {
            Scope::In => self.organisation_named("海淀区青少年活动中心（演示）").await,
            Scope::Out => self.organisation_named("中国科学技术馆（演示）").await,
        };
        let now = Utc::now();
        let row = resource::ActiveModel {
            provider_id: Set(provider),
            name: Set(format!("权限测试资源{}", unique())),
            resource_type: Set("museum".into()),
            themes: Set("[\"science_inquiry\"]".into()),
            stages: Set("[\"junior_secondary\"]".into()),
            summary: Set(String::new()),
            strengths: Set(String::new()),
            services: Set(String::new()),
            opening_hours: Set("{}".into()),
            opening_hours_text: Set("周二至周日 9:00-17:00，周一闭馆".into()),
            contact_name: Set("联系人".into()),
            contact_phone: Set("010-12345678".into()),
            region_code: Set(scope.region().into()),
            address: Set("测试地址".into()),
            latitude: Set(Some(39.95)),
            longitude: Set(Some(116.35)),
            source_datum: Set("WGS-84".into()),
            group_capacity: Set(50),
            fee_kind: Set("free".into()),
            fee_note: Set(String::new()),
            accessibility_notes: Set(String::new()),
            safety_notes: Set(String::new()),
            status: Set(status.into()),
            return_reason: Set(None),
            last_verified_at: Set(None),
            last_approved_version: Set(None),
            version: Set(1),
            published_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        resource::Entity::insert(row)
            .exec(self.app.state.db.conn())
            .await
            .expect("insert resource")
            .last_insert_id
    }

    /// Inserts a programme of a new draft resource in the scope.
    async fn programme(&self, scope: Scope) -> i64 {
        let resource_id = self.resource(scope, "draft").await;
        let owner = resource::Entity::find_by_id(resource_id)
            .one(self.app.state.db.conn())
            .await
            .expect("query resource")
            .expect("resource exists")
            .provider_id;
        let now = Utc::now();
        let row = programme::ActiveModel {
            resource_id: Set(resource_id),
            provider_id: Set(owner),
            name: Set("测试课程".into()),
            description: Set(String::new()),
            themes: Set("[]".into()),
            stages: Set("[]".into()),
            duration_minutes: Set(60),
            capacity_per_session: Set(30),
            pupils_per_teacher: Set(15),
            fee_kind: Set("free".into()),
            fee_note: Set(String::new()),
            auto_confirm: Set(false),
            status: Set("published".into()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        programme::Entity::insert(row)
            .exec(self.app.state.db.conn())
            .await
            .expect("insert programme")
            .last_insert_id
    }

    /// The demo provider of the scope: 中国科学技术馆（演示）, whose admin and
    /// staff are in the role list, for `In`; another provider for `Out`.
    async fn demo_provider(&self, scope: Scope) -> i64 {
        match scope {
            Scope::In => self.organisation_named("中国科学技术馆（演示）").await,
            Scope::Out => self.organisation_named("海淀区青少年活动中心（演示）").await,
        }
    }

    /// A census upload of the scope's provider whose file was rejected, so
    /// confirming it changes nothing.
    async fn census_upload(&self, scope: Scope) -> String {
        let now = Utc::now();
        let token = format!("permission-test-{}", unique());
        let row = census_upload::ActiveModel {
            token: Set(token.clone()),
            uploader_user_id: Set(self.user_id("demo.admin").await),
            organisation_id: Set(self.demo_provider(scope).await),
            file_name: Set("普查表.xlsx".into()),
            format: Set(String::new()),
            sheet_error: Set(Some("\"Empty\"".into())),
            report: Set(None),
            status: Set("checked".into()),
            imported_count: Set(None),
            imported_at: Set(None),
            created_at: Set(now),
            expires_at: Set(now + chrono::Duration::hours(1)),
        };
        census_upload::Entity::insert(row)
            .exec_without_returning(self.app.state.db.conn())
            .await
            .expect("insert census upload");
        token
    }

    /// Inserts a draft resource of the scope's provider.
    async fn provider_resource(&self, scope: Scope) -> i64 {
        let provider = self.demo_provider(scope).await;
        let name = format!("测试资源{}", unique());
        support::resources::insert_draft(&self.app.state.db, provider, scope.region(), &name).await
    }

    /// A photo row of a resource of the scope's provider; its objects do
    /// not exist, which deleting tolerates.
    async fn provider_photo(&self, scope: Scope) -> i64 {
        let resource_id = self.provider_resource(scope).await;
        let row = photo::ActiveModel {
            resource_id: Set(resource_id),
            object_key: Set(format!("photos/{resource_id}/missing.jpg")),
            content_type: Set("image/jpeg".into()),
            width: Set(1600),
            height: Set(1200),
            bytes: Set(1000),
            position: Set(0),
            caption: Set(String::new()),
            created_at: Set(Utc::now()),
            ..Default::default()
        };
        photo::Entity::insert(row)
            .exec(self.app.state.db.conn())
            .await
            .expect("insert photo")
            .last_insert_id
    }

    /// The demo provider of the scope for bookings: the Haidian youth
    /// centre (in) or the Chaoyang museum (out).
    async fn booking_provider(&self, scope: Scope) -> i64 {
        match scope {
            Scope::In => self.organisation_named("海淀区青少年活动中心（演示）").await,
            Scope::Out => self.organisation_named("中国科学技术馆（演示）").await,
        }
    }

    /// Finds the demo programme of the scope's provider.
    async fn demo_programme(&self, scope: Scope) -> programme::Model {
        programme::Entity::find()
            .filter(programme::Column::ProviderId.eq(self.booking_provider(scope).await))
            .one(self.app.state.db.conn())
            .await
            .expect("query programme")
            .expect("demo programme exists")
    }

    /// Finds a bookable session of the scope's programme.
    async fn bookable_session(&self, scope: Scope) -> i64 {
        let programme = self.demo_programme(scope).await;
        booking_session::Entity::find()
            .filter(booking_session::Column::ProgrammeId.eq(programme.id))
            .filter(booking_session::Column::StartsAt.gt(Utc::now() + chrono::TimeDelta::days(2)))
            .one(self.app.state.db.conn())
            .await
            .expect("query session")
            .expect("demo session exists")
            .id
    }

    /// Inserts a lottery session of the scope's programme, closed for booking.
    async fn lottery_session(&self, scope: Scope) -> i64 {
        let programme = self.demo_programme(scope).await;
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
    // Only a school or provider admin sets their own organisation's location.
    Case {
        path: "/api/orgs/location",
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
    Case {
        path: "/api/resources/search",
        allowed: |_, _| true,
    },
    Case {
        path: "/api/resources/public",
        allowed: |_, _| true,
    },
    // Only a provider's own members list, create and edit its resources;
    // the demo provider members work for the out-of-scope museum.
    Case {
        path: "/api/resources/mine",
        allowed: |role, _| role.museum_member(),
    },
    Case {
        path: "/api/resources/create",
        allowed: |role, _| role.museum_member(),
    },
    Case {
        path: "/api/resources/update",
        allowed: |role, scope| role.museum_member() && scope == Scope::Out,
    },
    Case {
        path: "/api/resources/submit",
        allowed: |role, scope| role.museum_member() && scope == Scope::Out,
    },
    Case {
        path: "/api/resources/get",
        allowed: |role, scope| scope.covered_by(role) || (role.museum_member() && scope == Scope::Out),
    },
    Case {
        path: "/api/resources/verify",
        allowed: |role, scope| scope.covered_by(role) || (role.museum_member() && scope == Scope::Out),
    },
    Case {
        path: "/api/resources/review",
        allowed: |role, scope| scope.covered_by(role) || (role.museum_member() && scope == Scope::Out),
    },
    // Publishing is for the provider's admin, not its staff.
    Case {
        path: "/api/resources/publish",
        allowed: |role, scope| role == Role::PlatformAdmin || (role == Role::ProviderAdmin && scope == Scope::Out),
    },
    Case {
        path: "/api/resources/offline",
        allowed: |role, scope| role == Role::PlatformAdmin || (role == Role::ProviderAdmin && scope == Scope::Out),
    },
    Case {
        path: "/api/resources/programmes",
        allowed: |role, scope| role.museum_member() && scope == Scope::Out,
    },
    Case {
        path: "/api/resources/add-programme",
        allowed: |role, scope| role.museum_member() && scope == Scope::Out,
    },
    Case {
        path: "/api/resources/update-programme",
        allowed: |role, scope| role.museum_member() && scope == Scope::Out,
    },
    Case {
        path: "/api/resources/delete-programme",
        allowed: |role, scope| role.museum_member() && scope == Scope::Out,
    },
    Case {
        path: "/api/resources/queue",
        allowed: |role, _| role == Role::PlatformAdmin || role.officer(),
    },
    Case {
        path: "/api/resources/stats",
        allowed: |role, _| role == Role::PlatformAdmin || role.officer(),
    },
    Case {
        path: "/api/resources/approve",
        allowed: |role, scope| scope.covered_by(role),
    },
    Case {
        path: "/api/resources/return",
        allowed: |role, scope| scope.covered_by(role),
    },
    // Census uploads and photos belong to one provider; `In` is the demo
    // provider whose admin and staff are in the role list.
    Case {
        path: "/api/census/upload",
        allowed: |role, scope| {
            role == Role::PlatformAdmin
                || (matches!(role, Role::ProviderAdmin | Role::ProviderStaff) && scope == Scope::In)
        },
    },
    // The platform admin acts for no provider, so has none to import for.
    Case {
        path: "/api/census/confirm",
        allowed: |role, scope| matches!(role, Role::ProviderAdmin | Role::ProviderStaff) && scope == Scope::In,
    },
    Case {
        path: "/api/photos/list",
        allowed: |role, scope| {
            role == Role::PlatformAdmin
                || (matches!(role, Role::ProviderAdmin | Role::ProviderStaff) && scope == Scope::In)
        },
    },
    Case {
        path: "/api/photos/delete",
        allowed: |role, scope| {
            role == Role::PlatformAdmin
                || (matches!(role, Role::ProviderAdmin | Role::ProviderStaff) && scope == Scope::In)
        },
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

/// A valid resource form in the scope's county, as `form[...]` pairs.
fn resource_form(scope: Scope) -> Vec<(&'static str, String)> {
    vec![
        ("form[name]", format!("新资源{}", unique())),
        ("form[resource_type]", "museum".into()),
        ("form[themes][science_inquiry]", "on".into()),
        ("form[stages][junior_secondary]", "on".into()),
        ("form[opening_hours]", "周二至周日 9:00-17:00，周一闭馆".into()),
        ("form[contact_name]", "联系人".into()),
        ("form[contact_phone]", "010-12345678".into()),
        ("form[region]", scope.region().into()),
        ("form[address]", "测试地址".into()),
        ("form[group_capacity]", "40".into()),
        ("form[fee_kind]", "free".into()),
    ]
}

/// A valid programme form.
fn programme_form() -> Vec<(&'static str, String)> {
    vec![
        ("form[name]", "科学实验课".into()),
        ("form[themes][science_inquiry]", "on".into()),
        ("form[stages][junior_secondary]", "on".into()),
        ("form[duration_minutes]", "60".into()),
        ("form[capacity_per_session]", "30".into()),
        ("form[pupils_per_teacher]", "15".into()),
        ("form[fee_kind]", "free".into()),
        ("form[status]", "published".into()),
    ]
}

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
        "/api/orgs/location" => vec![("form[latitude]", "39.96".into()), ("form[longitude]", "116.30".into())],
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
        "/api/resources/search" => vec![("query[q]", "科技".into()), ("query[page]", "0".into())],
        "/api/resources/public" => vec![("id", fixture.resource(scope, "published").await.to_string())],
        "/api/resources/mine" => vec![("page", "0".into())],
        "/api/resources/create" => resource_form(scope),
        "/api/resources/update" => {
            let mut pairs = vec![
                ("id", fixture.resource(scope, "draft").await.to_string()),
                ("version", "1".into()),
            ];
            pairs.extend(resource_form(scope));
            pairs
        }
        "/api/resources/submit" | "/api/resources/get" | "/api/resources/review" => {
            vec![("id", fixture.resource(scope, "draft").await.to_string())]
        }
        "/api/resources/verify" => vec![
            ("id", fixture.resource(scope, "published").await.to_string()),
            ("back", "/".into()),
        ],
        "/api/resources/publish" => vec![("id", fixture.resource(scope, "approved").await.to_string())],
        "/api/resources/offline" => vec![("id", fixture.resource(scope, "published").await.to_string())],
        "/api/resources/programmes" => vec![("resource_id", fixture.resource(scope, "draft").await.to_string())],
        "/api/resources/add-programme" => {
            let mut pairs = vec![("resource_id", fixture.resource(scope, "draft").await.to_string())];
            pairs.extend(programme_form());
            pairs
        }
        "/api/resources/update-programme" => {
            let mut pairs = vec![("id", fixture.programme(scope).await.to_string())];
            pairs.extend(programme_form());
            pairs
        }
        "/api/resources/delete-programme" => vec![("id", fixture.programme(scope).await.to_string())],
        "/api/resources/queue" => vec![("filter[status]", "submitted".into()), ("filter[page]", "0".into())],
        "/api/resources/stats" => vec![],
        "/api/resources/approve" => vec![("id", fixture.resource(scope, "submitted").await.to_string())],
        "/api/resources/return" => vec![
            ("id", fixture.resource(scope, "submitted").await.to_string()),
            ("reason", "请补充开放时间".into()),
        ],
        "/api/census/upload" | "/api/census/confirm" => vec![("token", fixture.census_upload(scope).await)],
        "/api/photos/list" => vec![("resource_id", fixture.provider_resource(scope).await.to_string())],
        "/api/photos/delete" => vec![("photo_id", fixture.provider_photo(scope).await.to_string())],
        "/api/booking/programme-sessions" => vec![
            ("programme_id", fixture.demo_programme(scope).await.id.to_string()),
            ("from", String::new()),
            ("days", "28".into()),
        ],
        "/api/booking/create-sessions" => vec![
            ("programme_id", fixture.demo_programme(scope).await.id.to_string()),
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
