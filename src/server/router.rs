//! The router: one function builds the whole app, so tests can drive it with
//! `oneshot` and no socket.

use axum::Router;
use axum::middleware;
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

use super::state::AppState;
use super::{assets, csrf, headers, health, lang, metrics};
use crate::app::{App, shell};

pub fn app(state: AppState) -> Router {
    // Make sure the recorder exists before the first request is counted.
    metrics::handle();

    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let render_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };

    // Built client files, served directly (with their .br/.gz copies) so the
    // hottest static path skips the Leptos fallback.
    let site_root = state.settings.server.site_root.clone();
    let pkg = ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();

    Router::new()
        .nest_service("/pkg", pkg)
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::render))
        .route("/sw.js", get(assets::service_worker))
        .route("/lang", get(lang::switch))
        .merge(crate::census::http::routes())
        .merge(crate::resources::photos::http::routes())
        .route("/calendar/{file}", get(crate::booking::feed_route::ics))
        .leptos_routes_with_context(&state, routes, context.clone(), render_shell)
        // Static files from the site folder, else the 404 page.
        .fallback(file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(middleware::from_fn(super::api_status::error_status))
        .layer(middleware::from_fn_with_state(state.clone(), csrf::check_origin))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::resources::page_cache::serve,
        ))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(assets::cache_control))
        .layer(middleware::from_fn(headers::security_headers))
        .layer(middleware::from_fn(metrics::track))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
