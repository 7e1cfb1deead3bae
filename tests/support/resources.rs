//! Resources inserted straight through the entity, for tests that need one
//! without going through the provider's forms.

#![allow(dead_code)]

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use xieyu::accounts::entity::organisation;
use xieyu::db::Db;
use xieyu::resources::entity::resource;

/// Inserts a draft resource of `provider_id` in `region_code`; returns its id.
pub async fn insert_draft(db: &Db, provider_id: i64, region_code: &str, name: &str) -> i64 {
    let now = Utc::now();
    let row = resource::ActiveModel {
        provider_id: Set(provider_id),
        name: Set(name.to_owned()),
        resource_type: Set("science_centre".into()),
        themes: Set("[\"science_inquiry\"]".into()),
        stages: Set("[\"junior_secondary\"]".into()),
        summary: Set(String::new()),
        strengths: Set(String::new()),
        services: Set(String::new()),
        opening_hours: Set("{}".into()),
        opening_hours_text: Set("周二至周日 9:30-17:00".into()),
        contact_name: Set("王老师".into()),
        contact_phone: Set("010-60000001".into()),
        region_code: Set(region_code.to_owned()),
        address: Set("北京市朝阳区北辰东路5号".into()),
        latitude: Set(Some(39.9807)),
        longitude: Set(Some(116.3919)),
        source_datum: Set("WGS-84".into()),
        group_capacity: Set(200),
        fee_kind: Set("free".into()),
        fee_note: Set(String::new()),
        accessibility_notes: Set(String::new()),
        safety_notes: Set(String::new()),
        status: Set("draft".into()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    resource::Entity::insert(row)
        .exec(db.conn())
        .await
        .expect("insert resource")
        .last_insert_id
}

/// Loads the organisation named `name`, which the test seeded.
pub async fn organisation_named(db: &Db, name: &str) -> organisation::Model {
    organisation::Entity::find()
        .filter(organisation::Column::Name.eq(name))
        .one(db.conn())
        .await
        .expect("query organisation")
        .unwrap_or_else(|| panic!("organisation {name} is seeded"))
}
