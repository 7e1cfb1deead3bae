//! A school with a teacher, a provider with an admin and staff, and a
//! programme with one session, inserted through the entities, for the
//! booking tests.

#![allow(dead_code)]

use chrono::{DateTime, TimeDelta, Utc};
use xieyu::accounts::service::registration::insert_approved;
use xieyu::accounts::service::users::{NewUser, insert_membership, insert_user};
use xieyu::accounts::{OrgKind, Role, SchoolStage, session};
use xieyu::booking::demo::{NewProgramme, insert_programme, insert_session};
use xieyu::booking::entity::session as session_entity;
use xieyu::booking::rules::Allocation;
use xieyu::booking::service::sessions::SessionSettings;
use xieyu::db::Db;
use xieyu::resources::entity::programme;
use xieyu::server::config::Settings;

/// Haidian, where every organisation of the fixture is.
pub const REGION: &str = "110108";

pub struct World {
    pub school_id: i64,
    pub provider_id: i64,
    pub teacher_id: i64,
    /// A live login session of the teacher.
    pub teacher_token: String,
    pub provider_admin_token: String,
    pub staff_token: String,
    /// A live login session of an officer of the Haidian bureau.
    pub officer_token: String,
    pub programme: programme::Model,
    pub session: session_entity::Model,
}

/// How the fixture's session allocates places.
#[derive(Debug, Clone, Copy)]
pub struct SessionSpec {
    pub capacity: u32,
    pub auto_confirm: bool,
    pub allocation: Allocation,
    pub starts_at: DateTime<Utc>,
    pub closes_hours_before: u32,
    pub cancel_hours_before: u32,
}

impl Default for SessionSpec {
    fn default() -> Self {
        SessionSpec {
            capacity: 100,
            auto_confirm: true,
            allocation: Allocation::FirstCome { waitlist: false },
            starts_at: Utc::now() + TimeDelta::days(3),
            closes_hours_before: 24,
            cancel_hours_before: 24,
        }
    }
}

static UNIQUE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

async fn member(db: &Db, organisation_id: i64, role: Role) -> (i64, String) {
    let n = UNIQUE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let user_id = insert_user(
        db.conn(),
        NewUser {
            username: format!("booking.user{n}.{}", std::process::id()),
            phone: None,
            display_name: format!("测试用户{n}"),
            password_hash: "not-a-hash".into(),
            must_change_password: false,
            platform_admin: false,
        },
    )
    .await
    .expect("insert user");
    let membership = insert_membership(db.conn(), user_id, organisation_id, role, None)
        .await
        .expect("insert membership");
    let token = session::create(
        db.conn(),
        &Settings::default().session,
        user_id,
        Some(membership),
        "127.0.0.1",
        "test",
    )
    .await
    .expect("create login session");
    (user_id, token)
}

/// Builds the world on a migrated database, loading the regions first.
pub async fn world(db: &Db, spec: SessionSpec) -> World {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    xieyu::regions::load::load_regions(db).await.expect("load regions");
    let n = UNIQUE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let school_id = insert_approved(
        db.conn(),
        OrgKind::School,
        &format!("测试小学{n}"),
        REGION,
        Some(SchoolStage::Primary),
        None,
        false,
    )
    .await
    .expect("insert school");
    let provider_id = insert_approved(
        db.conn(),
        OrgKind::Provider,
        &format!("测试科技馆{n}"),
        REGION,
        None,
        None,
        false,
    )
    .await
    .expect("insert provider");

    let (teacher_id, teacher_token) = member(db, school_id, Role::Teacher).await;
    let (_, provider_admin_token) = member(db, provider_id, Role::ProviderAdmin).await;
    let (_, staff_token) = member(db, provider_id, Role::ProviderStaff).await;
    let bureau_id = insert_approved(
        db.conn(),
        OrgKind::Bureau,
        &format!("测试教育局{n}"),
        REGION,
        None,
        None,
        false,
    )
    .await
    .expect("insert bureau");
    let (_, officer_token) = member(db, bureau_id, Role::BureauOfficer).await;

    let programme = insert_programme(
        db.conn(),
        &NewProgramme {
            provider_id,
            region_code: REGION,
            resource_name: "测试科技馆展厅",
            name: "科学探究课",
            capacity: i32::try_from(spec.capacity).expect("capacity fits"),
            pupils_per_teacher: 20,
            auto_confirm: spec.auto_confirm,
        },
    )
    .await
    .expect("insert programme");
    let session = insert_session(
        db.conn(),
        &programme,
        spec.starts_at,
        spec.capacity,
        SessionSettings {
            allocation: spec.allocation,
            closes_hours_before: spec.closes_hours_before,
            cancel_hours_before: spec.cancel_hours_before,
            ..SessionSettings::default()
        },
    )
    .await
    .expect("insert session");

    World {
        school_id,
        provider_id,
        teacher_id,
        teacher_token,
        provider_admin_token,
        staff_token,
        officer_token,
        programme,
        session,
    }
}

/// Builds the form of a booking of `pupils` for class `class_name`.
pub fn booking_form(session_id: i64, class_name: &str, pupils: u32) -> Vec<(String, String)> {
    let teachers = pupils.div_ceil(20).max(1);
    vec![
        ("session_id".into(), session_id.to_string()),
        ("form[class_name]".into(), class_name.to_owned()),
        ("form[grade]".into(), "三年级".into()),
        ("form[pupils]".into(), pupils.to_string()),
        ("form[teachers]".into(), teachers.to_string()),
        ("form[lead_teacher]".into(), "王老师".into()),
        ("form[contact_phone]".into(), "13812345678".into()),
    ]
}
