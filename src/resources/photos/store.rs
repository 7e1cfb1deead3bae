//! The object store behind photo uploads: a local folder by default, or an
//! S3-compatible bucket chosen in the settings (`[storage]`).

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

use crate::error::AppError;
use crate::server::config::StorageSettings;

/// The future every store method returns.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// Failure of the object store: a server fault, never the user's.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("object key {0:?} is invalid")]
    InvalidKey(String),
    #[error("file system: {0}")]
    Io(#[from] std::io::Error),
    #[error("S3 request failed: {0}")]
    Request(String),
    #[error("S3 answered with status {status} for {method} {key}")]
    Status {
        status: u16,
        method: &'static str,
        key: String,
    },
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        tracing::error!(%error, "object store failed");
        AppError::Internal
    }
}

/// Keeps objects (bytes with a content type) under keys such as
/// `photos/12/Ab3…x.jpg`. Keys are never reused, so an object never
/// changes once written.
pub trait ObjectStore: Send + Sync {
    /// Writes an object, replacing any with the same key.
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>, content_type: &'a str) -> StoreFuture<'a, ()>;
    /// Reads an object; `None` when there is none under the key.
    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Option<Vec<u8>>>;
    /// Deletes an object; deleting a missing key is not an error.
    fn delete<'a>(&'a self, key: &'a str) -> StoreFuture<'a, ()>;
}

/// Builds the store the settings choose.
///
/// # Errors
///
/// [`StoreError::Request`] when the S3 endpoint or bucket name is unusable.
pub fn from_settings(settings: &StorageSettings) -> Result<Arc<dyn ObjectStore>, StoreError> {
    match settings {
        StorageSettings::Local { root } => Ok(Arc::new(LocalStore::new(root.clone()))),
        StorageSettings::S3(s3) => Ok(Arc::new(super::s3::S3Store::new(s3)?)),
    }
}

/// Builds the store the settings choose, or, when that fails, a store
/// whose every call fails with the reason. `serve` checks the settings
/// with [`from_settings`] first and does not start with an unusable store.
pub fn from_settings_or_failing(settings: &StorageSettings) -> Arc<dyn ObjectStore> {
    from_settings(settings).unwrap_or_else(|error| {
        tracing::error!(%error, "object store is unusable");
        Arc::new(FailingStore(error.to_string()))
    })
}

/// A store that could not be built.
struct FailingStore(String);

impl ObjectStore for FailingStore {
    fn put<'a>(&'a self, _key: &'a str, _bytes: Vec<u8>, _content_type: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move { Err(StoreError::Request(self.0.clone())) })
    }

    fn get<'a>(&'a self, _key: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move { Err(StoreError::Request(self.0.clone())) })
    }

    fn delete<'a>(&'a self, _key: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move { Err(StoreError::Request(self.0.clone())) })
    }
}

/// Checks a key: 1–200 characters of ASCII letters, digits, `-`, `_`, `.`
/// and `/`, in segments that are neither empty nor `.` or `..`.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 200
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
        && key.split('/').all(|segment| !matches!(segment, "" | "." | ".."))
}

/// Objects as files below a folder.
#[derive(Debug, Clone)]
pub struct LocalStore {
    root: PathBuf,
}

impl LocalStore {
    pub fn new(root: PathBuf) -> Self {
        Self { root }
    }

    fn path_of(&self, key: &str) -> Result<PathBuf, StoreError> {
        if is_valid_key(key) {
            Ok(self.root.join(key))
        } else {
            Err(StoreError::InvalidKey(key.to_owned()))
        }
    }
}

impl ObjectStore for LocalStore {
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>, _content_type: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path_of(key)?;
            if let Some(folder) = path.parent() {
                tokio::fs::create_dir_all(folder).await?;
            }
            // Write beside the target and rename, so a reader never sees
            // half a file.
            let partial = partial_path(&path);
            tokio::fs::write(&partial, bytes).await?;
            tokio::fs::rename(&partial, &path).await?;
            Ok(())
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            let path = self.path_of(key)?;
            match tokio::fs::read(&path).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(error) => Err(error.into()),
            }
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path_of(key)?;
            match tokio::fs::remove_file(&path).await {
                Ok(()) => Ok(()),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(error) => Err(error.into()),
            }
        })
    }
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_cannot_leave_root() {
        assert!(is_valid_key("photos/12/Ab3_x-9.jpg"));
        assert!(!is_valid_key("../etc/passwd"));
        assert!(!is_valid_key("photos/../../x"));
        assert!(!is_valid_key("/photos/1.jpg"));
        assert!(!is_valid_key("photos//1.jpg"));
        assert!(!is_valid_key("photos/照片.jpg"));
        assert!(!is_valid_key(""));
    }

    #[tokio::test]
    async fn local_store_round_trip() {
        let folder = tempfile::tempdir().expect("temporary folder");
        let store = LocalStore::new(folder.path().to_path_buf());
        store
            .put("photos/1/a.jpg", b"jpeg".to_vec(), "image/jpeg")
            .await
            .expect("put");
        assert_eq!(store.get("photos/1/a.jpg").await.expect("get"), Some(b"jpeg".to_vec()));
        store.delete("photos/1/a.jpg").await.expect("delete");
        assert_eq!(store.get("photos/1/a.jpg").await.expect("get"), None);
        store.delete("photos/1/a.jpg").await.expect("deleting twice is fine");
        assert!(store.get("../x").await.is_err());
    }
}
