//! Prepares a database for `scripts/bench/booking.sh`: a school with a
//! teacher, a provider, and a programme with 1,000 sessions. Booking is open
//! and the capacity never runs out, so every request of the benchmark does
//! the whole booking work and succeeds.
//!
//! ```text
//! DATABASE_URL=sqlite://… cargo run --release --features ssr --example booking_bench
//! ```
//!
//! Prints one line: the teacher's session token, the first and the last
//! session id.

use chrono::{TimeDelta, Utc};
use xieyu::accounts::service::registration::insert_approved;
use xieyu::accounts::service::users::{NewUser, insert_membership, insert_user};
use xieyu::accounts::{OrgKind, Role, SchoolStage, session};
use xieyu::booking::demo::{NewProgramme, insert_programme, insert_session};
use xieyu::booking::service::sessions::SessionSettings;
use xieyu::db::Db;
use xieyu::server::config::Settings;

const SESSIONS: i64 = 1000;
const REGION: &str = "110108";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut settings = Settings::default();
    settings.database.url = std::env::var("DATABASE_URL")?;
    let db = Db::connect(&settings.database).await?;
    db.migrate().await?;
    xieyu::regions::load::load_regions(&db).await?;

    let conn = db.conn();
    let school = insert_approved(
        conn,
        OrgKind::School,
        "压测小学",
        REGION,
        Some(SchoolStage::Primary),
        None,
        false,
    )
    .await?;
    let provider = insert_approved(conn, OrgKind::Provider, "压测科技馆", REGION, None, None, false).await?;
    let teacher = insert_user(
        conn,
        NewUser {
            username: "bench.teacher".into(),
            phone: None,
            display_name: "压测教师".into(),
            password_hash: "not-a-hash".into(),
            must_change_password: false,
            platform_admin: false,
        },
    )
    .await?;
    let membership = insert_membership(conn, teacher, school, Role::Teacher, None).await?;
    let token = session::create(conn, &settings.session, teacher, Some(membership), "127.0.0.1", "bench").await?;

    let programme = insert_programme(
        conn,
        &NewProgramme {
            provider_id: provider,
            region_code: REGION,
            resource_name: "压测展厅",
            name: "压测课程",
            capacity: i32::MAX,
            pupils_per_teacher: 0,
            auto_confirm: true,
        },
    )
    .await?;
    let mut ids = Vec::new();
    for n in 0..SESSIONS {
        let starts_at = Utc::now() + TimeDelta::days(3) + TimeDelta::minutes(n);
        let row = insert_session(conn, &programme, starts_at, u32::MAX >> 2, SessionSettings::default()).await?;
        ids.push(row.id);
    }
    println!(
        "{token} {} {}",
        ids.first().copied().unwrap_or_default(),
        ids.last().copied().unwrap_or_default()
    );
    db.close().await;
    Ok(())
}
