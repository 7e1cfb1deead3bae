//! Starting and stopping the server.

use std::net::SocketAddr;
use std::time::Duration;

use axum::serve::ListenerExt;
use tokio::net::TcpListener;

use super::config::Settings;
use super::router::app;
use super::startup_error::StartupError;
use super::state::AppState;
use crate::db::Db;

/// How often the job runner looks for due jobs.
const JOB_POLL: Duration = Duration::from_secs(30);

/// Connects to the database, brings it up to date and loads the reference
/// data. Used by `serve` and by `migrate`.
///
/// # Errors
///
/// A [`StartupError`] for an unreachable database or a failed migration.
pub async fn prepare_database(settings: &Settings) -> Result<Db, StartupError> {
    let db = Db::connect(&settings.database).await?;
    db.migrate().await?;

    crate::regions::load::load_regions(&db).await.map_err(|err| {
        StartupError::new(
            format!("加载行政区划数据失败：{}", err.message(crate::i18n::Locale::Zh)),
            format!(
                "loading the region tree failed: {}",
                err.message(crate::i18n::Locale::En)
            ),
        )
    })?;
    Ok(db)
}

/// Serves until SIGTERM or Ctrl-C, then lets open requests finish for up to
/// the configured grace period.
///
/// # Errors
///
/// A [`StartupError`] when the database or the port is unusable.
pub async fn serve(settings: Settings) -> Result<(), StartupError> {
    let addr = settings.server.addr;
    let grace = Duration::from_secs(settings.server.shutdown_grace_seconds);

    // Install the signal handlers before the port opens, so a SIGTERM that
    // arrives as soon as the server is reachable is already handled.
    let shutdown = shutdown_signal();
    crate::resources::photos::store::from_settings(&settings.storage).map_err(|err| {
        StartupError::new(
            format!("照片存储（[storage]）设置无法使用：{err}。请检查 S3 地址和存储桶名称"),
            format!("the photo storage settings ([storage]) are unusable: {err}; check the S3 endpoint and bucket"),
        )
    })?;
    let db = prepare_database(&settings).await?;
    let listener = bind(addr).await?;
    let state = AppState::new(db.clone(), settings);
    let index_built_at = chrono::Utc::now();
    if let Err(err) = crate::resources::service::directory::ensure_index(&state).await {
        tracing::warn!(error = ?err, "building the directory search index failed; the first search retries");
    }
    tokio::spawn(maintenance(state.clone()));
    tokio::spawn(super::metrics::upkeep_forever());
    tokio::spawn(crate::resources::service::index_sync::run_forever(
        state.clone(),
        index_built_at,
    ));
    tokio::spawn(crate::booking::jobs::run_forever(state.clone(), JOB_POLL));
    let router = app(state);

    tracing::info!(%addr, "xieyu listening");

    // TCP_NODELAY: without it, small keep-alive responses wait for the
    // client's delayed ACK (about 40 ms on Linux).
    let listener = listener.tap_io(|stream| {
        if let Err(err) = stream.set_nodelay(true) {
            tracing::warn!(error = %err, "setting TCP_NODELAY failed");
        }
    });

    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async move {
            shutdown.await;
            let _ = stop_tx.send(());
        });
    let mut server = std::pin::pin!(server.into_future());

    tokio::select! {
        result = &mut server => log_result(result),
        _ = async {
            let _ = stop_rx.await;
            tracing::info!(grace_seconds = grace.as_secs(), "shutdown requested, finishing open requests");
            tokio::time::sleep(grace).await;
        } => {
            tracing::warn!("grace period over, closing remaining connections");
        }
    }

    db.close().await;
    tracing::info!("xieyu stopped");
    Ok(())
}

/// Hourly clean-up: expired sessions, and audit entries past retention.
/// Several instances may run it at once; the deletes do not conflict.
async fn maintenance(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match crate::accounts::session::purge_expired(state.db.conn()).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "expired sessions removed"),
            Err(err) => tracing::warn!(error = ?err, "removing expired sessions failed"),
        }
        let retention = state.settings.audit.retention_days;
        match crate::accounts::audit::purge_older_than(state.db.conn(), retention, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, retention_days = retention, "old audit entries removed"),
            Err(err) => tracing::warn!(error = ?err, "removing old audit entries failed"),
        }
    }
}

fn log_result(result: std::io::Result<()>) {
    if let Err(err) = result {
        tracing::error!(error = %err, "server stopped with an error");
    }
}

async fn bind(addr: SocketAddr) -> Result<TcpListener, StartupError> {
    TcpListener::bind(addr).await.map_err(|err| {
        if err.kind() == std::io::ErrorKind::AddrInUse {
            StartupError::new(
                format!(
                    "端口 {addr} 已被占用（设置项 server.addr / 环境变量 XIEYU_SERVER_ADDR）。请关闭占用该端口的程序，或换一个端口，例如 XIEYU_SERVER_ADDR=127.0.0.1:3100"
                ),
                format!(
                    "address {addr} is already in use (server.addr / XIEYU_SERVER_ADDR); stop the program using it or choose another port, e.g. XIEYU_SERVER_ADDR=127.0.0.1:3100"
                ),
            )
        } else {
            StartupError::new(
                format!("无法监听 {addr}（server.addr / XIEYU_SERVER_ADDR）：{err}。请检查地址和权限"),
                format!("cannot listen on {addr} (server.addr / XIEYU_SERVER_ADDR): {err}; check the address and permissions"),
            )
        }
    })
}

/// Registers for SIGTERM (service managers) and SIGINT (Ctrl-C) now, and
/// returns a future that resolves when either arrives.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};

        let terminate = signal(SignalKind::terminate());
        let interrupt = signal(SignalKind::interrupt());
        async move {
            match (terminate, interrupt) {
                (Ok(mut terminate), Ok(mut interrupt)) => {
                    tokio::select! {
                        _ = terminate.recv() => {},
                        _ = interrupt.recv() => {},
                    }
                }
                (Err(err), _) | (_, Err(err)) => {
                    tracing::error!(error = %err, "listening for shutdown signals failed");
                    std::future::pending::<()>().await;
                }
            }
        }
    }

    #[cfg(not(unix))]
    {
        async {
            if let Err(err) = tokio::signal::ctrl_c().await {
                tracing::error!(error = %err, "listening for Ctrl-C failed");
                std::future::pending::<()>().await;
            }
        }
    }
}
