//! Fresh databases for integration tests: a SQLite file in a temporary
//! folder, and a new PostgreSQL database on the server named by
//! `XIEYU_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`).
//! Every test gets its own database and drops it at the end.

#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectionTrait, Database};
use xieyu::db::Db;
use xieyu::server::config::{DatabaseSettings, Settings};

pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A migrated database of one backend.
pub struct TestDb {
    pub backend: &'static str,
    pub db: Db,
    pub settings: DatabaseSettings,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("xieyu_t_{}_{n}_{nanos}", std::process::id())
}

fn settings_for(url: String) -> DatabaseSettings {
    DatabaseSettings {
        url,
        ..Settings::default().database
    }
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}/xieyu.db", dir.path().display());
    let settings = settings_for(url);
    let db = Db::connect(&settings).await.expect("open SQLite test database");
    db.migrate().await.expect("migrate SQLite test database");
    TestDb {
        backend: "sqlite",
        db,
        settings,
        cleanup: Cleanup::Sqlite(dir),
    }
}

pub async fn postgres() -> TestDb {
    let admin_url = std::env::var("XIEYU_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned());
    let admin = Database::connect(&admin_url).await.unwrap_or_else(|err| {
        panic!("PostgreSQL is not reachable at {admin_url}: {err}. Start it or set XIEYU_TEST_POSTGRES_URL.")
    });
    let name = unique_name();
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("create PostgreSQL test database");
    admin.close().await.ok();

    let (base, _) = admin_url.rsplit_once('/').expect("database URL has a path");
    let settings = settings_for(format!("{base}/{name}"));
    let db = Db::connect(&settings).await.expect("open PostgreSQL test database");
    db.migrate().await.expect("migrate PostgreSQL test database");
    TestDb {
        backend: "postgres",
        db,
        settings,
        cleanup: Cleanup::Postgres { admin_url, name },
    }
}

/// One fresh database per backend: SQLite first, then PostgreSQL.
pub async fn each_backend() -> Vec<TestDb> {
    vec![sqlite().await, postgres().await]
}

impl TestDb {
    /// Closes the pool and removes the database.
    pub async fn drop_database(self) {
        let TestDb { db, cleanup, .. } = self;
        db.close().await;
        match cleanup {
            Cleanup::Sqlite(dir) => drop(dir),
            Cleanup::Postgres { admin_url, name } => {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .await;
                    admin.close().await.ok();
                }
            }
        }
    }
}

pub mod app;
pub mod booking;
pub mod census;
pub mod resources;
