//! Database connection, migrations and write transactions.
//!
//! SQLite is the embedded default: WAL journal, foreign keys on, a busy
//! timeout. SQLite allows one writer at a time, so write transactions queue on
//! an in-process lock first and then start with `BEGIN IMMEDIATE`; a writer
//! that waits longer than the busy timeout gets [`AppError::Busy`] (503,
//! 请稍后重试), never a 500. PostgreSQL, chosen by a `postgres://` URL, needs
//! neither and is used as it is.

mod errors;
pub mod reference;

use std::ops::Deref;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::AppError;
use crate::server::config::DatabaseSettings;
use crate::server::startup_error::StartupError;

pub use errors::is_unique_violation;

/// A pool of connections plus the SQLite writer queue.
#[derive(Clone)]
pub struct Db {
    conn: DatabaseConnection,
    writer: Arc<Semaphore>,
    writer_wait: Duration,
}

/// A write transaction. Dropping it without [`WriteTxn::commit`] rolls back.
pub struct WriteTxn {
    txn: DatabaseTransaction,
    _permit: Option<OwnedSemaphorePermit>,
}

impl Deref for WriteTxn {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &Self::Target {
        &self.txn
    }
}

impl WriteTxn {
    /// Commits the transaction.
    ///
    /// # Errors
    ///
    /// [`AppError::Busy`] if the database stayed locked, else
    /// [`AppError::Internal`].
    pub async fn commit(self) -> Result<(), AppError> {
        self.txn.commit().await.map_err(AppError::from)
    }
}

impl Db {
    /// Connects with the given settings, creating the SQLite file and its
    /// folder when missing.
    ///
    /// # Errors
    ///
    /// A [`StartupError`] naming `DATABASE_URL` when the database cannot be
    /// reached or opened.
    pub async fn connect(settings: &DatabaseSettings) -> Result<Db, StartupError> {
        let url = settings.url.clone();
        let is_sqlite = url.starts_with("sqlite:");
        if is_sqlite {
            create_sqlite_folder(&url)?;
        }

        let busy_timeout = Duration::from_millis(settings.busy_timeout_ms);
        let mut options = ConnectOptions::new(url.clone());
        options
            .max_connections(settings.max_connections)
            .min_connections(1)
            .connect_timeout(Duration::from_secs(5))
            .acquire_timeout(busy_timeout.max(Duration::from_secs(1)))
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(move |opts| {
                opts.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(busy_timeout)
            });

        let conn = Database::connect(options).await.map_err(|err| {
            let shown = redact_password(&url);
            StartupError::new(
                format!("无法连接数据库 DATABASE_URL={shown}：{err}。请确认数据库已启动，地址、账号和权限正确"),
                format!(
                    "cannot connect to the database DATABASE_URL={shown}: {err}; check that it is running and that the address, user and permissions are right"
                ),
            )
        })?;

        // Fail at start, not on the first request, if the server is unusable.
        conn.execute_unprepared("SELECT 1").await.map_err(|err| {
            StartupError::new(
                format!("数据库 DATABASE_URL={} 无法使用：{err}", redact_password(&url)),
                format!("database DATABASE_URL={} is not usable: {err}", redact_password(&url)),
            )
        })?;

        Ok(Db {
            conn,
            writer: Arc::new(Semaphore::new(1)),
            writer_wait: busy_timeout,
        })
    }

    /// Applies every pending migration.
    ///
    /// # Errors
    ///
    /// A [`StartupError`] when a migration fails; the database is left at the
    /// last migration that succeeded.
    pub async fn migrate(&self) -> Result<(), StartupError> {
        Migrator::up(&self.conn, None).await.map_err(|err| {
            StartupError::new(
                format!("数据库迁移失败：{err}。请检查数据库权限，或查看日志中的 SQL 错误"),
                format!("database migration failed: {err}; check the database permissions or the SQL error in the log"),
            )
        })
    }

    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// Checks that the database answers a query.
    ///
    /// # Errors
    ///
    /// The database error, mapped like any other.
    pub async fn ping(&self) -> Result<(), AppError> {
        self.conn.execute_unprepared("SELECT 1").await?;
        Ok(())
    }

    /// Starts a write transaction.
    ///
    /// On SQLite the caller waits for the in-process writer queue, at most the
    /// busy timeout, then the transaction starts with `BEGIN IMMEDIATE` so it
    /// holds the write lock from its first statement and cannot fail halfway
    /// on a lock upgrade.
    ///
    /// # Errors
    ///
    /// [`AppError::Busy`] when the wait times out.
    pub async fn begin_write(&self) -> Result<WriteTxn, AppError> {
        if self.backend() != DbBackend::Sqlite {
            let txn = self.conn.begin().await?;
            return Ok(WriteTxn { txn, _permit: None });
        }

        let permit = tokio::time::timeout(self.writer_wait, self.writer.clone().acquire_owned())
            .await
            .map_err(|_| {
                tracing::warn!(
                    wait_ms = self.writer_wait.as_millis() as u64,
                    "sqlite writer queue timed out"
                );
                AppError::Busy
            })?
            .map_err(|_| AppError::Internal)?;

        let txn = self
            .conn
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await?;
        Ok(WriteTxn {
            txn,
            _permit: Some(permit),
        })
    }

    /// Closes every pooled connection.
    pub async fn close(self) {
        if let Err(err) = self.conn.close().await {
            tracing::warn!(error = %err, "closing the database pool failed");
        }
    }
}

fn create_sqlite_folder(url: &str) -> Result<(), StartupError> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }

    let Some(folder) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    std::fs::create_dir_all(folder).map_err(|err| {
        StartupError::new(
            format!(
                "无法创建数据库目录 {}（DATABASE_URL）：{err}。请检查目录权限",
                folder.display()
            ),
            format!(
                "cannot create the database folder {} (DATABASE_URL): {err}; check its permissions",
                folder.display()
            ),
        )
    })
}

/// Hides the password of a database URL for messages and logs.
pub fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        errors::classify(&err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_is_redacted() {
        assert_eq!(
            redact_password("postgres://app:secret@db.example/xieyu"),
            "postgres://app:***@db.example/xieyu"
        );
        assert_eq!(
            redact_password("postgres://root@127.0.0.1/x"),
            "postgres://root@127.0.0.1/x"
        );
        assert_eq!(redact_password("sqlite://data/xieyu.db"), "sqlite://data/xieyu.db");
    }
}
