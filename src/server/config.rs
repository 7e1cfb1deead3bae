//! Runtime settings: `Leptos.toml`, then environment variables on top.
//!
//! Every problem is reported as a [`StartupError`], one line in Chinese and
//! English that names the setting and how to fix it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::startup_error::StartupError;

mod storage;

pub use storage::{S3Settings, StorageSettings};

/// Default location of the settings file, relative to the working folder.
pub const DEFAULT_CONFIG_FILE: &str = "Leptos.toml";

/// All runtime settings of the server.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub log: LogSettings,
    pub session: SessionSettings,
    pub audit: AuditSettings,
    pub login: LoginSettings,
    pub storage: StorageSettings,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServerSettings {
    pub addr: SocketAddr,
    pub site_root: PathBuf,
    pub shutdown_grace_seconds: u64,
    /// Origin users reach the site at, e.g. `https://xieyu.example.cn`; when
    /// empty, the request's own Host is used. Decides the cross-site check
    /// and whether cookies get `Secure`.
    pub public_origin: Option<String>,
    /// Whether to take the client address from `X-Forwarded-For` (only
    /// behind a reverse proxy that sets it).
    pub trust_proxy: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionSettings {
    pub idle_minutes: u64,
    pub absolute_hours: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuditSettings {
    pub retention_days: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoginSettings {
    /// Login attempts allowed per client address per minute.
    pub per_ip_per_minute: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DatabaseSettings {
    pub url: String,
    pub max_connections: u32,
    pub busy_timeout_ms: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LogSettings {
    pub filter: String,
    pub format: LogFormat,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            server: ServerSettings {
                addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
                site_root: PathBuf::from("target/site"),
                shutdown_grace_seconds: 20,
                public_origin: None,
                trust_proxy: false,
            },
            database: DatabaseSettings {
                url: "sqlite://data/xieyu.db".to_owned(),
                max_connections: 16,
                busy_timeout_ms: 5000,
            },
            log: LogSettings {
                filter: "info".to_owned(),
                format: LogFormat::Text,
            },
            session: SessionSettings {
                idle_minutes: 30,
                absolute_hours: 12,
            },
            audit: AuditSettings { retention_days: 365 },
            login: LoginSettings { per_ip_per_minute: 60 },
            storage: StorageSettings::default(),
        }
    }
}

/// The file as written; every key is optional and unknown keys are errors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    #[serde(default)]
    server: FileServer,
    #[serde(default)]
    database: FileDatabase,
    #[serde(default)]
    log: FileLog,
    #[serde(default)]
    session: FileSession,
    #[serde(default)]
    audit: FileAudit,
    #[serde(default)]
    login: FileLogin,
    #[serde(default)]
    storage: storage::FileStorage,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLogin {
    per_ip_per_minute: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSession {
    idle_minutes: Option<u64>,
    absolute_hours: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileAudit {
    retention_days: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileServer {
    addr: Option<String>,
    site_root: Option<String>,
    shutdown_grace_seconds: Option<u64>,
    public_origin: Option<String>,
    trust_proxy: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDatabase {
    url: Option<String>,
    max_connections: Option<u32>,
    busy_timeout_ms: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLog {
    filter: Option<String>,
    format: Option<String>,
}

/// Origin of a setting's value, so an error can name what the user must edit.
#[derive(Debug, Clone)]
enum Source {
    File(String),
    Env(&'static str),
}

impl Source {
    fn zh(&self) -> String {
        match self {
            Source::File(key) => format!("配置文件中的 {key}"),
            Source::Env(var) => format!("环境变量 {var}"),
        }
    }

    fn en(&self) -> String {
        match self {
            Source::File(key) => format!("setting {key} in the configuration file"),
            Source::Env(var) => format!("environment variable {var}"),
        }
    }
}

/// Loads settings from `path` (or `Leptos.toml` when `path` is `None`) and
/// applies environment overrides read through `env`.
///
/// A missing default file is not an error: the defaults apply. A missing file
/// that was named explicitly is.
///
/// # Errors
///
/// Returns a [`StartupError`] naming the file, key or variable that is
/// unreadable or invalid.
pub fn load(path: Option<&Path>, env: &dyn Fn(&str) -> Option<String>) -> Result<Settings, StartupError> {
    let explicit = path.is_some();
    let path = path.unwrap_or(Path::new(DEFAULT_CONFIG_FILE));

    let text = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound && !explicit => None,
        Err(err) => {
            return Err(StartupError::new(
                format!("无法读取配置文件 {}：{err}。请检查路径和读取权限", path.display()),
                format!(
                    "cannot read configuration file {}: {err}; check the path and its permissions",
                    path.display()
                ),
            ));
        }
    };

    let file = match text {
        Some(text) => parse_file(path, &text)?,
        None => FileSettings::default(),
    };

    resolve(file, env)
}

fn parse_file(path: &Path, text: &str) -> Result<FileSettings, StartupError> {
    toml::from_str::<FileSettings>(text).map_err(|err| {
        let line = err
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let at_zh = line.map(|l| format!("第 {l} 行")).unwrap_or_default();
        let at_en = line.map(|l| format!(" at line {l}")).unwrap_or_default();
        let reason = err.message().trim().to_owned();
        StartupError::new(
            format!(
                "配置文件 {} {at_zh}格式无效：{reason}。请按 TOML 格式修改，或删除该行使用默认值",
                path.display()
            ),
            format!(
                "configuration file {} is invalid{at_en}: {reason}; fix the TOML or remove the line to use the default",
                path.display()
            ),
        )
    })
}

fn resolve(file: FileSettings, env: &dyn Fn(&str) -> Option<String>) -> Result<Settings, StartupError> {
    let defaults = Settings::default();

    let addr = pick(
        env,
        &["XIEYU_SERVER_ADDR", "LEPTOS_SITE_ADDR"],
        file.server.addr,
        "server.addr",
    );
    let addr = match addr {
        Some((value, source)) => value.trim().parse::<SocketAddr>().map_err(|_| {
            invalid(
                &source,
                &value,
                "地址和端口，例如 127.0.0.1:3000",
                "an address and port such as 127.0.0.1:3000",
            )
        })?,
        None => defaults.server.addr,
    };

    let site_root = pick(
        env,
        &["XIEYU_SERVER_SITE_ROOT", "LEPTOS_SITE_ROOT"],
        file.server.site_root,
        "server.site_root",
    )
    .map(|(value, _)| PathBuf::from(value))
    .unwrap_or(defaults.server.site_root);

    let shutdown_grace_seconds = number(
        env,
        "XIEYU_SERVER_SHUTDOWN_GRACE_SECONDS",
        file.server.shutdown_grace_seconds,
        "server.shutdown_grace_seconds",
        defaults.server.shutdown_grace_seconds,
        0..=3600,
    )?;

    let public_origin = match pick(
        env,
        &["XIEYU_SERVER_PUBLIC_ORIGIN"],
        file.server.public_origin,
        "server.public_origin",
    ) {
        Some((value, source)) => {
            let value = value.trim().trim_end_matches('/').to_owned();
            let scheme_ok = value.starts_with("http://") || value.starts_with("https://");
            let host = value.split_once("://").map(|(_, rest)| rest).unwrap_or_default();
            if !scheme_ok || host.is_empty() || host.contains('/') {
                return Err(invalid(
                    &source,
                    &value,
                    "网站地址（不含路径），例如 https://xieyu.example.cn",
                    "an origin without a path, such as https://xieyu.example.cn",
                ));
            }
            Some(value)
        }
        None => None,
    };

    let trust_proxy = match env("XIEYU_SERVER_TRUST_PROXY").filter(|v| !v.trim().is_empty()) {
        Some(text) => match text.trim() {
            "true" | "1" | "yes" => true,
            "false" | "0" | "no" => false,
            _ => {
                return Err(invalid(
                    &Source::Env("XIEYU_SERVER_TRUST_PROXY"),
                    &text,
                    "true 或 false",
                    "true or false",
                ));
            }
        },
        None => file.server.trust_proxy.unwrap_or(defaults.server.trust_proxy),
    };

    let idle_minutes = number(
        env,
        "XIEYU_SESSION_IDLE_MINUTES",
        file.session.idle_minutes,
        "session.idle_minutes",
        defaults.session.idle_minutes,
        5..=1440,
    )?;
    let absolute_hours = number(
        env,
        "XIEYU_SESSION_ABSOLUTE_HOURS",
        file.session.absolute_hours,
        "session.absolute_hours",
        defaults.session.absolute_hours,
        1..=720,
    )?;
    // Audit entries are kept at least 180 days.
    let retention_days = number(
        env,
        "XIEYU_AUDIT_RETENTION_DAYS",
        file.audit.retention_days,
        "audit.retention_days",
        defaults.audit.retention_days,
        180..=3650,
    )?;

    let per_ip_per_minute = number(
        env,
        "XIEYU_LOGIN_PER_IP_PER_MINUTE",
        file.login.per_ip_per_minute,
        "login.per_ip_per_minute",
        defaults.login.per_ip_per_minute,
        1..=1_000_000,
    )?;

    let url = pick(env, &["DATABASE_URL"], file.database.url, "database.url");
    let url = match url {
        Some((value, source)) => {
            let value = value.trim().to_owned();
            let known = ["sqlite:", "postgres://", "postgresql://"];
            if !known.iter().any(|prefix| value.starts_with(prefix)) {
                return Err(invalid(
                    &source,
                    &value,
                    "数据库地址，例如 sqlite://data/xieyu.db 或 postgres://user@127.0.0.1/xieyu",
                    "a database URL such as sqlite://data/xieyu.db or postgres://user@127.0.0.1/xieyu",
                ));
            }
            value
        }
        None => defaults.database.url,
    };

    let max_connections = number(
        env,
        "XIEYU_DATABASE_MAX_CONNECTIONS",
        file.database.max_connections.map(u64::from),
        "database.max_connections",
        u64::from(defaults.database.max_connections),
        1..=1000,
    )?;
    let busy_timeout_ms = number(
        env,
        "XIEYU_DATABASE_BUSY_TIMEOUT_MS",
        file.database.busy_timeout_ms,
        "database.busy_timeout_ms",
        defaults.database.busy_timeout_ms,
        0..=600_000,
    )?;

    let filter = pick(env, &["RUST_LOG"], file.log.filter, "log.filter")
        .map(|(value, _)| value)
        .unwrap_or(defaults.log.filter);

    let format = match pick(env, &["XIEYU_LOG_FORMAT"], file.log.format, "log.format") {
        Some((value, source)) => match value.trim() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            _ => return Err(invalid(&source, &value, "text 或 json", "text or json")),
        },
        None => defaults.log.format,
    };

    let storage = storage::resolve(file.storage, env)?;

    Ok(Settings {
        server: ServerSettings {
            addr,
            site_root,
            shutdown_grace_seconds,
            public_origin,
            trust_proxy,
        },
        database: DatabaseSettings {
            url,
            max_connections: u32::try_from(max_connections).unwrap_or(u32::MAX),
            busy_timeout_ms,
        },
        log: LogSettings { filter, format },
        session: SessionSettings {
            idle_minutes,
            absolute_hours,
        },
        audit: AuditSettings { retention_days },
        login: LoginSettings { per_ip_per_minute },
        storage,
    })
}

/// Returns the first environment variable that is set and not empty, else
/// the file's value.
fn pick(
    env: &dyn Fn(&str) -> Option<String>,
    vars: &[&'static str],
    file_value: Option<String>,
    key: &str,
) -> Option<(String, Source)> {
    for var in vars {
        if let Some(value) = env(var).filter(|v| !v.trim().is_empty()) {
            return Some((value, Source::Env(var)));
        }
    }
    file_value.map(|value| (value, Source::File(key.to_owned())))
}

fn number(
    env: &dyn Fn(&str) -> Option<String>,
    var: &'static str,
    file_value: Option<u64>,
    key: &str,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
) -> Result<u64, StartupError> {
    let (value, source) = match env(var).filter(|v| !v.trim().is_empty()) {
        Some(text) => {
            let source = Source::Env(var);
            let value = text
                .trim()
                .parse::<u64>()
                .map_err(|_| invalid(&source, &text, "非负整数", "a whole number"))?;
            (value, source)
        }
        None => match file_value {
            Some(value) => (value, Source::File(key.to_owned())),
            None => return Ok(default),
        },
    };

    if !range.contains(&value) {
        let (low, high) = (range.start(), range.end());
        return Err(invalid(
            &source,
            &value.to_string(),
            &format!("{low} 到 {high} 之间的整数"),
            &format!("a whole number from {low} to {high}"),
        ));
    }
    Ok(value)
}

fn invalid(source: &Source, value: &str, expected_zh: &str, expected_en: &str) -> StartupError {
    StartupError::new(
        format!(
            "{} 的值 “{value}” 无效，应为{expected_zh}。请修改后重新启动",
            source.zh()
        ),
        format!(
            "{} has the invalid value \"{value}\"; expected {expected_en}. Fix it and start again",
            source.en()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        move |key| map.get(key).cloned()
    }

    fn load_text(text: &str, env: &[(&str, &str)]) -> Result<Settings, StartupError> {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("Leptos.toml");
        std::fs::write(&path, text).expect("write settings");
        load(Some(&path), &env_of(env))
    }

    #[test]
    fn repository_file_matches_defaults() {
        let text = include_str!("../../Leptos.toml");
        let settings = load_text(text, &[]).expect("the shipped Leptos.toml is valid");
        assert_eq!(settings, Settings::default());
    }

    #[test]
    fn environment_overrides_file() {
        let settings = load_text(
            "[server]\naddr = \"127.0.0.1:4000\"\n",
            &[
                ("XIEYU_SERVER_ADDR", "0.0.0.0:8080"),
                ("DATABASE_URL", "postgres://root@127.0.0.1/xieyu"),
                ("XIEYU_LOG_FORMAT", "json"),
            ],
        )
        .expect("valid settings");
        assert_eq!(settings.server.addr.to_string(), "0.0.0.0:8080");
        assert_eq!(settings.database.url, "postgres://root@127.0.0.1/xieyu");
        assert_eq!(settings.log.format, LogFormat::Json);
    }

    #[test]
    fn syntax_error_names_line() {
        let err = load_text("[server]\naddr = 127.0.0.1\n", &[]).unwrap_err();
        let line = err.to_string();
        assert!(line.contains("第 2 行"), "{line}");
        assert!(line.contains("line 2"), "{line}");
        assert!(!line.contains('\n'), "one line only: {line}");
    }

    #[test]
    fn unknown_key_is_rejected() {
        let err = load_text("[database]\nurll = \"sqlite://x.db\"\n", &[]).unwrap_err();
        assert!(err.to_string().contains("urll"), "{err}");
    }

    #[test]
    fn invalid_values_name_setting() {
        let err = load_text("[server]\naddr = \"localhost\"\n", &[]).unwrap_err();
        assert!(err.to_string().contains("server.addr"), "{err}");

        let err = load_text("", &[("DATABASE_URL", "mysql://x")]).unwrap_err();
        assert!(err.to_string().contains("DATABASE_URL"), "{err}");

        let err = load_text("[database]\nmax_connections = 0\n", &[]).unwrap_err();
        assert!(err.to_string().contains("database.max_connections"), "{err}");

        let err = load_text("", &[("XIEYU_LOG_FORMAT", "xml")]).unwrap_err();
        assert!(err.to_string().contains("XIEYU_LOG_FORMAT"), "{err}");

        let err = load_text("[audit]\nretention_days = 90\n", &[]).unwrap_err();
        assert!(err.to_string().contains("audit.retention_days"), "{err}");

        let err = load_text("[server]\npublic_origin = \"xieyu.example.cn/app\"\n", &[]).unwrap_err();
        assert!(err.to_string().contains("server.public_origin"), "{err}");
    }

    #[test]
    fn missing_named_file_is_error() {
        let err = load(Some(Path::new("/nonexistent/Leptos.toml")), &env_of(&[])).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/Leptos.toml"), "{err}");
    }
}
