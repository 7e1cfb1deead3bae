//! Inserts generated published resources into the database that
//! `DATABASE_URL` names, for the directory benchmark
//! (`scripts/bench/directory.sh`).
//!
//! ```text
//! cargo run --release --features ssr --example seed_directory -- [count]
//! ```
//!
//! The database is migrated and the region tree loaded first. The
//! resources belong to one approved provider, 基准测试资源单位, and are
//! generated as in the `search_bench` example (real counties, typical
//! names), so `count` defaults to 100,000.

use chrono::Utc;
use sea_orm::ActiveValue::Set;
use sea_orm::EntityTrait;
use xieyu::accounts::OrgKind;
use xieyu::accounts::service::registration::insert_approved;
use xieyu::i18n::Locale;
use xieyu::resources::entity::resource;
use xieyu::resources::model::{FeeKind, ResourceStatus};
use xieyu::resources::service::records::{stage_codes, theme_codes};
use xieyu::search::SearchDocument;
use xieyu::server::config;
use xieyu::server::serve::prepare_database;

#[path = "search_bench/generate.rs"]
mod generate;

/// Rows per INSERT; 30 columns × 500 rows stays below SQLite's 32,766 and
/// PostgreSQL's 65,535 bound parameters.
const BATCH: usize = 500;

fn row_of(document: SearchDocument, provider_id: i64) -> resource::ActiveModel {
    let now = Utc::now();
    let hours = document.opening_hours.unwrap_or_default();
    let mut fields = document.fields.into_iter();
    let _provider_name = fields.next();
    let address = fields.next().unwrap_or_default();
    let strengths = fields.next().unwrap_or_default();
    let services = fields.next().unwrap_or_default();
    resource::ActiveModel {
        provider_id: Set(provider_id),
        name: Set(document.name),
        resource_type: Set(document.resource_type.code().to_owned()),
        themes: Set(theme_codes(&document.themes)),
        stages: Set(stage_codes(&document.stages)),
        summary: Set(String::new()),
        strengths: Set(strengths),
        services: Set(services),
        opening_hours: Set(serde_json::to_string(&hours).unwrap_or_else(|_| "{}".to_owned())),
        opening_hours_text: Set(hours.describe(Locale::Zh)),
        contact_name: Set("接待部".to_owned()),
        contact_phone: Set("010-12345678".to_owned()),
        region_code: Set(document.region_code),
        address: Set(address),
        latitude: Set(document.location.map(|p| p.lat)),
        longitude: Set(document.location.map(|p| p.lon)),
        source_datum: Set("WGS-84".to_owned()),
        group_capacity: Set(100),
        fee_kind: Set(document.fee.unwrap_or(FeeKind::Free).code().to_owned()),
        fee_note: Set(String::new()),
        accessibility_notes: Set(String::new()),
        safety_notes: Set(String::new()),
        status: Set(ResourceStatus::Published.code().to_owned()),
        return_reason: Set(None),
        last_verified_at: Set(Some(now)),
        last_approved_version: Set(Some(1)),
        version: Set(1),
        published_at: Set(document.published_at),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count: usize = std::env::args().nth(1).map_or(Ok(100_000), |arg| arg.parse())?;
    let settings = config::load(None, &|key| std::env::var(key).ok())?;
    let db = prepare_database(&settings).await?;

    let provider_id = insert_approved(
        db.conn(),
        OrgKind::Provider,
        "基准测试资源单位",
        "110108",
        None,
        None,
        false,
    )
    .await
    .map_err(|err| format!("creating the provider failed: {err:?}"))?;

    let started = std::time::Instant::now();
    let documents = generate::documents(count);
    let mut rows = documents.into_iter().map(|d| row_of(d, provider_id)).peekable();
    let mut inserted = 0;
    while rows.peek().is_some() {
        let batch: Vec<resource::ActiveModel> = rows.by_ref().take(BATCH).collect();
        inserted += batch.len();
        resource::Entity::insert_many(batch).exec(db.conn()).await?;
    }
    eprintln!(
        "inserted {inserted} resources in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    db.close().await;
    Ok(())
}
