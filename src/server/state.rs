//! State shared by every request, and given to server functions as context.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::config::Settings;
use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn new(db: Db, settings: Settings) -> Self {
        let leptos_options = super::assets::leptos_options(&settings);
        Self {
            db,
            settings: Arc::new(settings),
            leptos_options,
        }
    }
}
