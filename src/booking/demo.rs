//! Demo sessions for `seed-demo`: every published programme of a demo
//! provider gets sessions on Tuesdays and Thursdays of the next four weeks.
//! A demo provider without any programme first gets one resource and one
//! programme, so the booking path can be tried on a fresh install.
//!
//! Also used by the integration tests to build a resource, a programme and
//! sessions through the entities.

use chrono::{DateTime, NaiveTime, TimeDelta, Utc, Weekday};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::schedule::{MakeupWorkdays, Occurrence, RecurringRule, generate_sessions};
use super::service::sessions::{SessionSettings, insert};
use crate::accounts::entity::organisation;
use crate::calendar::data::china_calendar;
use crate::calendar::time::china_today;
use crate::db::Db;
use crate::error::AppError;
use crate::resources::entity::{programme, resource};

/// The demo providers, by name, with the venue and programme each gets
/// when it has no programme yet.
pub const DEMO_PROVIDERS: [(&str, &str, &str); 2] = [
    (
        "中国科学技术馆（演示）",
        "中国科学技术馆主展厅（演示）",
        "科学探究小课堂（演示）",
    ),
    (
        "海淀区青少年活动中心（演示）",
        "海淀区青少年活动中心创客空间（演示）",
        "青少年创客工作坊（演示）",
    ),
];

/// A programme to insert for tests and the demo.
#[derive(Debug, Clone)]
pub struct NewProgramme<'a> {
    pub provider_id: i64,
    pub region_code: &'a str,
    pub resource_name: &'a str,
    pub name: &'a str,
    pub capacity: i32,
    pub pupils_per_teacher: i32,
    pub auto_confirm: bool,
}

/// Opening hours of the demo venue that offers the bookable programme.
const DEMO_HOURS: &str = "周二至周日 9:00-17:00";

/// Inserts a published resource with one published programme; returns the
/// programme.
///
/// # Errors
///
/// Database errors.
pub async fn insert_programme(
    conn: &impl ConnectionTrait,
    new: &NewProgramme<'_>,
) -> Result<programme::Model, AppError> {
    let now = Utc::now();
    // The parser accepts the constant (checked by a unit test below), so
    // the structured hours match the words.
    let hours = crate::resources::opening_hours::parse(DEMO_HOURS)
        .map(|hours| serde_json::to_string(&hours).unwrap_or_else(|_| "{}".into()))
        .unwrap_or_else(|_| "{}".into());
    let venue = resource::ActiveModel {
        provider_id: Set(new.provider_id),
        name: Set(new.resource_name.to_owned()),
        resource_type: Set("science_centre".into()),
        themes: Set("[\"science_inquiry\"]".into()),
        stages: Set("[\"primary_upper\",\"junior_secondary\"]".into()),
        summary: Set("演示场馆".into()),
        strengths: Set(String::new()),
        services: Set(String::new()),
        opening_hours: Set(hours),
        opening_hours_text: Set(DEMO_HOURS.to_owned()),
        contact_name: Set("联系人".into()),
        contact_phone: Set("010-12345678".into()),
        region_code: Set(new.region_code.to_owned()),
        address: Set("北京市演示路 1 号".into()),
        latitude: Set(None),
        longitude: Set(None),
        source_datum: Set("wgs84".into()),
        group_capacity: Set(new.capacity),
        fee_kind: Set("free".into()),
        fee_note: Set(String::new()),
        accessibility_notes: Set(String::new()),
        safety_notes: Set(String::new()),
        status: Set("published".into()),
        return_reason: Set(None),
        last_verified_at: Set(None),
        last_approved_version: Set(None),
        version: Set(1),
        published_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let venue = resource::Entity::insert(venue).exec_with_returning(conn).await?;
    let row = programme::ActiveModel {
        resource_id: Set(venue.id),
        provider_id: Set(new.provider_id),
        name: Set(new.name.to_owned()),
        description: Set("讲解员带领学生参观并动手实验。".into()),
        themes: Set("[\"science\"]".into()),
        stages: Set("[]".into()),
        duration_minutes: Set(90),
        capacity_per_session: Set(new.capacity),
        pupils_per_teacher: Set(new.pupils_per_teacher),
        fee_kind: Set("free".into()),
        fee_note: Set(String::new()),
        auto_confirm: Set(new.auto_confirm),
        status: Set("published".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(programme::Entity::insert(row).exec_with_returning(conn).await?)
}

/// Inserts one session of `programme` starting at `starts_at`, bookable
/// from now until `closes_at`.
///
/// # Errors
///
/// Database errors.
pub async fn insert_session(
    conn: &impl ConnectionTrait,
    programme: &programme::Model,
    starts_at: DateTime<Utc>,
    capacity: u32,
    settings: SessionSettings,
) -> Result<crate::booking::entity::session::Model, AppError> {
    let occurrence = Occurrence {
        date: crate::calendar::time::to_china(starts_at).date_naive(),
        starts_at,
        ends_at: starts_at + TimeDelta::minutes(90),
        capacity,
    };
    insert(conn, programme, &occurrence, settings, Utc::now()).await
}

/// Builds a session starting an hour from now, bookable until it starts, so
/// that a demo booking can be checked in today. Returns `None` late in the
/// evening (China time), when it would start tomorrow.
fn session_later_today(programme: &programme::Model) -> Option<Occurrence> {
    let starts_at = Utc::now() + TimeDelta::hours(1);
    let date = crate::calendar::time::to_china(starts_at).date_naive();
    (date == china_today()).then(|| Occurrence {
        date,
        starts_at,
        ends_at: starts_at + TimeDelta::minutes(i64::from(programme.duration_minutes.max(30))),
        capacity: u32::try_from(programme.capacity_per_session).unwrap_or(40).max(1),
    })
}

/// Adds demo programmes and sessions (Tuesdays and Thursdays of the next
/// four weeks, and one later today) unless the demo providers' programmes
/// already have sessions. Returns how many sessions were added.
///
/// # Errors
///
/// Database errors.
pub async fn seed(db: &Db) -> Result<usize, AppError> {
    let providers = organisation::Entity::find()
        .filter(organisation::Column::Name.is_in(DEMO_PROVIDERS.map(|(name, _, _)| name)))
        .filter(organisation::Column::IsDemo.eq(true))
        .all(db.conn())
        .await?;

    let today = china_today();
    let rule = RecurringRule {
        weekdays: vec![Weekday::Tue, Weekday::Thu],
        start_time: NaiveTime::from_hms_opt(9, 30, 0).unwrap_or(NaiveTime::MIN),
        duration_minutes: 90,
        first_date: today + TimeDelta::days(1),
        last_date: today + TimeDelta::days(28),
        capacity: 0,
        makeup_workdays: MakeupWorkdays::FollowWeekday,
    };

    let txn = db.begin_write().await?;
    let mut added = 0;
    for provider in providers {
        let mut programmes = programme::Entity::find()
            .filter(programme::Column::ProviderId.eq(provider.id))
            .filter(programme::Column::Status.eq("published"))
            .all(&*txn)
            .await?;
        if programmes.is_empty() {
            let Some((_, venue, name)) = DEMO_PROVIDERS.iter().find(|(name, _, _)| *name == provider.name) else {
                continue;
            };
            let new = NewProgramme {
                provider_id: provider.id,
                region_code: &provider.region_code,
                resource_name: venue,
                name,
                capacity: 60,
                pupils_per_teacher: 20,
                auto_confirm: false,
            };
            programmes.push(insert_programme(&*txn, &new).await?);
        }
        for programme in programmes {
            let existing = crate::booking::entity::session::Entity::find()
                .filter(crate::booking::entity::session::Column::ProgrammeId.eq(programme.id))
                .count(&*txn)
                .await?;
            if existing > 0 {
                continue;
            }
            let rule = RecurringRule {
                capacity: u32::try_from(programme.capacity_per_session).unwrap_or(40).max(1),
                ..rule.clone()
            };
            let schedule = generate_sessions(&rule, &Default::default(), china_calendar())?;
            for occurrence in &schedule.occurrences {
                insert(&*txn, &programme, occurrence, SessionSettings::default(), Utc::now()).await?;
                added += 1;
            }
            if let Some(today) = session_later_today(&programme) {
                let same_day = SessionSettings {
                    closes_hours_before: 0,
                    cancel_hours_before: 0,
                    ..SessionSettings::default()
                };
                insert(&*txn, &programme, &today, same_day, Utc::now()).await?;
                added += 1;
            }
        }
    }
    txn.commit().await?;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_hours_parse() {
        let hours = crate::resources::opening_hours::parse(DEMO_HOURS);
        assert!(hours.is_ok(), "{hours:?}");
    }
}
