//! State shared by every request, and given to server functions as context.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::config::Settings;
use crate::db::Db;
use crate::resources::page_cache::PageCache;
use crate::resources::photos::store::{ObjectStore, from_settings_or_failing};
use crate::search::SharedSearchIndex;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    /// The public directory's search index of published resources; see
    /// `resources::service::directory` for how it is built and kept current.
    pub search: SharedSearchIndex,
    /// Set once the search index was first built from the database.
    pub search_built: Arc<tokio::sync::OnceCell<()>>,
    /// Where uploaded photos are kept (`[storage]` in the settings).
    pub objects: Arc<dyn ObjectStore>,
    /// Recently rendered directory pages for visitors without a session.
    pub page_cache: Arc<PageCache>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn new(db: Db, settings: Settings) -> Self {
        let leptos_options = super::assets::leptos_options(&settings);
        let objects = from_settings_or_failing(&settings.storage);
        Self {
            db,
            settings: Arc::new(settings),
            leptos_options,
            search: SharedSearchIndex::default(),
            search_built: Arc::new(tokio::sync::OnceCell::new()),
            objects,
            page_cache: Arc::default(),
        }
    }
}
