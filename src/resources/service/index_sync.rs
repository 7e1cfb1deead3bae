//! Keeps this instance's directory index in line with what other
//! instances write to the shared database (several servers on one
//! PostgreSQL). Every few seconds it reads the resources changed since the
//! newest change it has seen, and updates or removes their index entries.
//! On a single instance it finds only its own changes again, which it
//! applied already, at the cost of one indexed query.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::super::entity::resource;
use super::super::model::ResourceStatus;
use super::directory::document_of;
use super::records::{self, status_of};
use crate::error::AppError;
use crate::server::state::AppState;

/// How often the database is read for changes.
pub const SYNC_EVERY: Duration = Duration::from_secs(5);

/// How far before the newest change seen each read reaches. It covers
/// transactions that commit a while after they set `updated_at`, and
/// instances whose clocks differ by less than this.
const OVERLAP: TimeDelta = TimeDelta::seconds(60);

/// Progress of the reads: the newest change seen and the rows applied.
#[derive(Debug)]
pub struct IndexSync {
    /// The newest `updated_at` read, or the start time before any.
    newest: DateTime<Utc>,
    /// Version and `updated_at` of each resource applied inside the
    /// overlap, so a row read again is not applied twice.
    applied: HashMap<i64, (i32, DateTime<Utc>)>,
}

impl IndexSync {
    /// Starts with the changes from `OVERLAP` before `start`, the time the
    /// index was built.
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Self {
            newest: start,
            applied: HashMap::new(),
        }
    }

    /// Picks the rows not applied yet, and remembers them as applied.
    fn take_new(&mut self, rows: Vec<resource::Model>) -> Vec<resource::Model> {
        let from = self.newest - OVERLAP;
        self.applied.retain(|_, (_, updated_at)| *updated_at >= from);
        let mut fresh = Vec::new();
        for row in rows {
            self.newest = self.newest.max(row.updated_at);
            let seen = self.applied.insert(row.id, (row.version, row.updated_at));
            if seen.map(|(version, _)| version) != Some(row.version) {
                fresh.push(row);
            }
        }
        fresh
    }
}

/// Reads the resources changed since the last read and applies them to
/// the index. Returns the number applied. Does nothing until the index is
/// built, because the first build reads every row.
///
/// # Errors
///
/// Database errors; the next read tries again from the same point.
pub async fn sync_once(state: &AppState, sync: &mut IndexSync) -> Result<usize, AppError> {
    if state.search_built.get().is_none() {
        return Ok(0);
    }
    let rows = resource::Entity::find()
        .filter(resource::Column::UpdatedAt.gte(sync.newest - OVERLAP))
        .all(state.db.conn())
        .await?;
    let providers = records::provider_names(state, rows.iter().map(|row| row.provider_id)).await?;
    let fresh = sync.take_new(rows);
    for row in &fresh {
        if status_of(row) == ResourceStatus::Published {
            let provider = providers.get(&row.provider_id).map_or("", String::as_str);
            if let Some(document) = document_of(row, provider) {
                state.search.upsert(document);
            }
        } else {
            state.search.remove(row.id);
        }
    }
    Ok(fresh.len())
}

/// Applies the changes of other instances every [`SYNC_EVERY`], forever.
pub async fn run_forever(state: AppState, start: DateTime<Utc>) {
    let mut sync = IndexSync::starting_at(start);
    let mut tick = tokio::time::interval(SYNC_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match sync_once(&state, &mut sync).await {
            Ok(0) => {}
            Ok(count) => tracing::debug!(count, "directory index updated from the database"),
            Err(error) => tracing::warn!(error = ?error, "reading resource changes for the directory index failed"),
        }
    }
}
