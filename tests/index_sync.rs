//! Two server instances on one database, on SQLite and PostgreSQL: a
//! resource that one publishes or takes offline reaches the other's
//! directory index through `index_sync`, without a restart.

mod support;

use std::sync::Arc;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use support::app::start;
use xieyu::accounts::demo::seed;
use xieyu::resources::entity::resource;
use xieyu::resources::service::directory::ensure_index;
use xieyu::resources::service::index_sync::{IndexSync, sync_once};
use xieyu::search::{Query, SharedSearchIndex};
use xieyu::server::state::AppState;

const NAME: &str = "跨实例同步测试馆";

/// Sets the status as another instance's workflow step would: a new
/// version and a new `updated_at`.
async fn set_status(state: &AppState, id: i64, status: &str, version: i32) {
    resource::Entity::update_many()
        .col_expr(resource::Column::Status, Expr::value(status))
        .col_expr(resource::Column::Version, Expr::value(version))
        .col_expr(resource::Column::PublishedAt, Expr::value(Utc::now()))
        .col_expr(resource::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(resource::Column::Id.eq(id))
        .exec(state.db.conn())
        .await
        .expect("update resource");
}

fn found(state: &AppState) -> Vec<i64> {
    state
        .search
        .search(&Query {
            text: "同步测试".into(),
            ..Query::default()
        })
        .ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_instance_sees_publish_and_offline() {
    for database in support::each_backend().await {
        let backend = database.backend;
        let app = start(database).await;
        seed(&app.state.db).await.expect("seed demo data");
        let provider = support::resources::organisation_named(&app.state.db, "中国科学技术馆（演示）").await;

        // A second instance: the same database, its own index and caches.
        let mut other = app.state.clone();
        other.search = SharedSearchIndex::default();
        other.search_built = Arc::new(tokio::sync::OnceCell::new());
        other.page_cache = Arc::default();
        ensure_index(&other).await.expect("index built");
        let mut sync = IndexSync::starting_at(Utc::now());
        // The first read reaches back over the demo rows just seeded.
        sync_once(&other, &mut sync).await.expect("sync");
        assert_eq!(
            sync_once(&other, &mut sync).await.expect("sync"),
            0,
            "{backend}: no change since"
        );

        let id = support::resources::insert_draft(&app.state.db, provider.id, &provider.region_code, NAME).await;
        assert_eq!(
            sync_once(&other, &mut sync).await.expect("sync"),
            1,
            "{backend}: the new draft"
        );
        assert!(found(&other).is_empty(), "{backend}: a draft is not listed");

        set_status(&app.state, id, "published", 2).await;
        assert_eq!(sync_once(&other, &mut sync).await.expect("sync"), 1, "{backend}");
        assert_eq!(found(&other), vec![id], "{backend}: published elsewhere, listed here");
        assert_eq!(
            sync_once(&other, &mut sync).await.expect("sync"),
            0,
            "{backend}: a row read again is not applied twice"
        );

        set_status(&app.state, id, "offline", 3).await;
        assert_eq!(sync_once(&other, &mut sync).await.expect("sync"), 1, "{backend}");
        assert!(
            found(&other).is_empty(),
            "{backend}: taken offline elsewhere, gone here"
        );

        app.database.drop_database().await;
    }
}
