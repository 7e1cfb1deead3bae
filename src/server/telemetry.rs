//! Logging with `tracing`: human-readable text or JSON lines.

use tracing_subscriber::EnvFilter;

use super::config::{LogFormat, LogSettings};
use super::startup_error::StartupError;

/// Installs the global subscriber. A second call (tests) is ignored.
///
/// # Errors
///
/// A [`StartupError`] naming `RUST_LOG` when the filter is invalid.
pub fn init(settings: &LogSettings) -> Result<(), StartupError> {
    let filter = EnvFilter::try_new(&settings.filter).map_err(|err| {
        StartupError::new(
            format!(
                "日志过滤规则 RUST_LOG（log.filter）“{}”无效：{err}。例如 info 或 xieyu=debug",
                settings.filter
            ),
            format!(
                "log filter RUST_LOG (log.filter) \"{}\" is invalid: {err}; try info or xieyu=debug",
                settings.filter
            ),
        )
    })?;

    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(true);
    let _ = match settings.format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
    Ok(())
}
