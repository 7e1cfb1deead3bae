//! Settings of the object store that keeps uploaded photos: a local folder
//! by default, or an S3-compatible bucket. Credentials come only from the
//! environment, never from the settings file.

use std::path::PathBuf;

use serde::Deserialize;

use super::{Source, StartupError, invalid, pick};

/// Where uploaded files are kept.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageSettings {
    /// A folder on this machine; fine for one server.
    Local { root: PathBuf },
    /// An S3-compatible bucket, needed when several servers share uploads.
    S3(S3Settings),
}

impl Default for StorageSettings {
    fn default() -> Self {
        StorageSettings::Local {
            root: PathBuf::from("data/objects"),
        }
    }
}

/// An S3-compatible bucket and the keys to write to it.
#[derive(Clone, PartialEq)]
pub struct S3Settings {
    /// Service URL without the bucket, e.g. `https://s3.cn-north-1.amazonaws.com.cn`
    /// or `http://127.0.0.1:9000`.
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    /// Address the bucket as `endpoint/bucket` (MinIO and most
    /// S3-compatible servers) instead of `bucket.endpoint`.
    pub path_style: bool,
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("path_style", &self.path_style)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"***")
            .finish()
    }
}

/// The `[storage]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileStorage {
    backend: Option<String>,
    local_dir: Option<String>,
    s3_endpoint: Option<String>,
    s3_bucket: Option<String>,
    s3_region: Option<String>,
    s3_path_style: Option<bool>,
}

/// Resolves the storage settings from the file and the environment.
pub(super) fn resolve(
    file: FileStorage,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<StorageSettings, StartupError> {
    let backend = pick(env, &["XIEYU_STORAGE_BACKEND"], file.backend, "storage.backend");
    let s3 = match backend {
        None => false,
        Some((value, source)) => match value.trim() {
            "local" => false,
            "s3" => true,
            _ => return Err(invalid(&source, &value, "local 或 s3", "local or s3")),
        },
    };

    if !s3 {
        let root = pick(env, &["XIEYU_STORAGE_LOCAL_DIR"], file.local_dir, "storage.local_dir")
            .map(|(value, _)| PathBuf::from(value.trim()))
            .unwrap_or_else(|| PathBuf::from("data/objects"));
        return Ok(StorageSettings::Local { root });
    }

    let endpoint = required(
        env,
        "XIEYU_STORAGE_S3_ENDPOINT",
        file.s3_endpoint,
        "storage.s3_endpoint",
    )?;
    if !(endpoint.0.starts_with("http://") || endpoint.0.starts_with("https://")) {
        return Err(invalid(
            &endpoint.1,
            &endpoint.0,
            "以 http:// 或 https:// 开头的地址，例如 https://s3.cn-north-1.amazonaws.com.cn",
            "a URL starting with http:// or https://, such as https://s3.cn-north-1.amazonaws.com.cn",
        ));
    }
    let bucket = required(env, "XIEYU_STORAGE_S3_BUCKET", file.s3_bucket, "storage.s3_bucket")?;
    let region = pick(env, &["XIEYU_STORAGE_S3_REGION"], file.s3_region, "storage.s3_region")
        .map(|(value, _)| value.trim().to_owned())
        .unwrap_or_else(|| "us-east-1".to_owned());
    let path_style = match env("XIEYU_STORAGE_S3_PATH_STYLE").filter(|v| !v.trim().is_empty()) {
        Some(text) => match text.trim() {
            "true" | "1" | "yes" => true,
            "false" | "0" | "no" => false,
            _ => {
                return Err(invalid(
                    &Source::Env("XIEYU_STORAGE_S3_PATH_STYLE"),
                    &text,
                    "true 或 false",
                    "true or false",
                ));
            }
        },
        None => file.s3_path_style.unwrap_or(true),
    };
    let access_key_id = secret(env, &["XIEYU_STORAGE_S3_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID"])?;
    let secret_access_key = secret(env, &["XIEYU_STORAGE_S3_SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY"])?;

    Ok(StorageSettings::S3(S3Settings {
        endpoint: endpoint.0.trim().trim_end_matches('/').to_owned(),
        bucket: bucket.0.trim().to_owned(),
        region,
        path_style,
        access_key_id,
        secret_access_key,
    }))
}

fn required(
    env: &dyn Fn(&str) -> Option<String>,
    var: &'static str,
    file_value: Option<String>,
    key: &str,
) -> Result<(String, Source), StartupError> {
    pick(env, &[var], file_value.filter(|v| !v.trim().is_empty()), key).ok_or_else(|| {
        StartupError::new(
            format!("使用 S3 存储（storage.backend = \"s3\"）时必须设置 {key} 或环境变量 {var}"),
            format!("storage.backend = \"s3\" needs {key} or the environment variable {var}"),
        )
    })
}

fn secret(env: &dyn Fn(&str) -> Option<String>, vars: &[&'static str]) -> Result<String, StartupError> {
    vars.iter()
        .find_map(|var| env(var).filter(|v| !v.trim().is_empty()))
        .map(|value| value.trim().to_owned())
        .ok_or_else(|| {
            let names = vars.join(" 或 ");
            let names_en = vars.join(" or ");
            StartupError::new(
                format!("使用 S3 存储时必须在环境变量 {names} 中设置访问密钥"),
                format!("S3 storage needs its key in the environment variable {names_en}"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn local_folder_is_default() {
        let settings = resolve(FileStorage::default(), &env_of(&[])).expect("valid");
        assert_eq!(settings, StorageSettings::default());
    }

    #[test]
    fn s3_reads_environment() {
        let settings = resolve(
            FileStorage::default(),
            &env_of(&[
                ("XIEYU_STORAGE_BACKEND", "s3"),
                ("XIEYU_STORAGE_S3_ENDPOINT", "http://127.0.0.1:9000/"),
                ("XIEYU_STORAGE_S3_BUCKET", "photos"),
                ("AWS_ACCESS_KEY_ID", "key"),
                ("AWS_SECRET_ACCESS_KEY", "s3cr3t-value"),
            ]),
        )
        .expect("valid");
        let StorageSettings::S3(s3) = settings else {
            panic!("S3 settings expected");
        };
        assert_eq!(s3.endpoint, "http://127.0.0.1:9000");
        assert_eq!(s3.region, "us-east-1");
        assert!(s3.path_style);
        assert!(!format!("{s3:?}").contains("s3cr3t-value"), "the secret is not printed");
    }

    #[test]
    fn s3_without_keys_names_variable() {
        let error = resolve(
            FileStorage::default(),
            &env_of(&[
                ("XIEYU_STORAGE_BACKEND", "s3"),
                ("XIEYU_STORAGE_S3_ENDPOINT", "https://s3.example.cn"),
                ("XIEYU_STORAGE_S3_BUCKET", "photos"),
            ]),
        )
        .unwrap_err();
        assert!(error.to_string().contains("XIEYU_STORAGE_S3_ACCESS_KEY_ID"), "{error}");
    }

    #[test]
    fn unknown_backend_is_rejected() {
        let error = resolve(FileStorage::default(), &env_of(&[("XIEYU_STORAGE_BACKEND", "ftp")])).unwrap_err();
        assert!(error.to_string().contains("XIEYU_STORAGE_BACKEND"), "{error}");
    }
}
