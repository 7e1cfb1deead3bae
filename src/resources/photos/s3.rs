//! An S3-compatible object store. `rusty-s3` signs the requests (AWS
//! Signature V4 presigned URLs) and hyper sends them over HTTP/1.1 with
//! rustls, so no second TLS stack or HTTP client is built into the server.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};

use super::store::{ObjectStore, StoreError, StoreFuture, is_valid_key};
use crate::server::config::S3Settings;

/// How long a signed request stays valid; it is sent at once.
const SIGNATURE_LIFETIME: Duration = Duration::from_secs(300);

/// Maximum wait for a request to be answered, and again for its body.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub struct S3Store {
    bucket: Bucket,
    credentials: Credentials,
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl S3Store {
    /// Builds the store for a bucket; sends nothing yet.
    ///
    /// # Errors
    ///
    /// [`StoreError::Request`] for an endpoint that is not an http(s) URL
    /// or a bucket name the URL style cannot hold.
    pub fn new(settings: &S3Settings) -> Result<Self, StoreError> {
        let endpoint = settings
            .endpoint
            .parse()
            .map_err(|error| StoreError::Request(format!("invalid endpoint {}: {error}", settings.endpoint)))?;
        let style = if settings.path_style {
            UrlStyle::Path
        } else {
            UrlStyle::VirtualHost
        };
        let bucket = Bucket::new(endpoint, style, settings.bucket.clone(), settings.region.clone())
            .map_err(|error| StoreError::Request(format!("invalid bucket {}: {error}", settings.bucket)))?;
        let credentials = Credentials::new(settings.access_key_id.clone(), settings.secret_access_key.clone());

        let connector = HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .build();
        let client = Client::builder(TokioExecutor::new()).build(connector);
        Ok(Self {
            bucket,
            credentials,
            client,
        })
    }

    /// Signs a `PUT` of `key`; returns the presigned URL.
    pub fn put_url(&self, key: &str) -> url::Url {
        self.bucket
            .put_object(Some(&self.credentials), key)
            .sign(SIGNATURE_LIFETIME)
    }

    fn get_url(&self, key: &str) -> url::Url {
        self.bucket
            .get_object(Some(&self.credentials), key)
            .sign(SIGNATURE_LIFETIME)
    }

    fn delete_url(&self, key: &str) -> url::Url {
        self.bucket
            .delete_object(Some(&self.credentials), key)
            .sign(SIGNATURE_LIFETIME)
    }

    async fn send(&self, request: http::Request<Full<Bytes>>) -> Result<(u16, Bytes), StoreError> {
        let response = tokio::time::timeout(REQUEST_TIMEOUT, self.client.request(request))
            .await
            .map_err(|_| StoreError::Request("timed out".to_owned()))?
            .map_err(|error| StoreError::Request(error.to_string()))?;
        let status = response.status().as_u16();
        let body = tokio::time::timeout(REQUEST_TIMEOUT, response.into_body().collect())
            .await
            .map_err(|_| StoreError::Request("reading the response timed out".to_owned()))?
            .map_err(|error| StoreError::Request(error.to_string()))?
            .to_bytes();
        Ok((status, body))
    }
}

fn checked(key: &str) -> Result<(), StoreError> {
    if is_valid_key(key) {
        Ok(())
    } else {
        Err(StoreError::InvalidKey(key.to_owned()))
    }
}

fn request(method: http::Method, url: &url::Url, body: Bytes) -> Result<http::Request<Full<Bytes>>, StoreError> {
    http::Request::builder()
        .method(method)
        .uri(url.as_str())
        .header(http::header::CONTENT_LENGTH, body.len())
        .body(Full::new(body))
        .map_err(|error| StoreError::Request(error.to_string()))
}

impl ObjectStore for S3Store {
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>, content_type: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            checked(key)?;
            let mut put = request(http::Method::PUT, &self.put_url(key), Bytes::from(bytes))?;
            if let Ok(value) = http::HeaderValue::from_str(content_type) {
                put.headers_mut().insert(http::header::CONTENT_TYPE, value);
            }
            match self.send(put).await? {
                (200..=299, _) => Ok(()),
                (status, _) => Err(StoreError::Status {
                    status,
                    method: "PUT",
                    key: key.to_owned(),
                }),
            }
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            checked(key)?;
            match self
                .send(request(http::Method::GET, &self.get_url(key), Bytes::new())?)
                .await?
            {
                (200..=299, body) => Ok(Some(body.to_vec())),
                (404, _) => Ok(None),
                (status, _) => Err(StoreError::Status {
                    status,
                    method: "GET",
                    key: key.to_owned(),
                }),
            }
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            checked(key)?;
            match self
                .send(request(http::Method::DELETE, &self.delete_url(key), Bytes::new())?)
                .await?
            {
                (200..=299 | 404, _) => Ok(()),
                (status, _) => Err(StoreError::Status {
                    status,
                    method: "DELETE",
                    key: key.to_owned(),
                }),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> S3Settings {
        S3Settings {
            endpoint: "http://127.0.0.1:9000".into(),
            bucket: "xieyu-photos".into(),
            region: "cn-north-1".into(),
            path_style: true,
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: "secret".into(),
        }
    }

    #[test]
    fn put_url_is_signed_path_style() {
        let store = S3Store::new(&settings()).expect("valid settings");
        let url = store.put_url("photos/7/abc.jpg");
        assert_eq!(url.host_str(), Some("127.0.0.1"));
        assert_eq!(url.path(), "/xieyu-photos/photos/7/abc.jpg");
        let query = url.query().unwrap_or_default();
        assert!(query.contains("X-Amz-Algorithm=AWS4-HMAC-SHA256"), "{query}");
        assert!(query.contains("X-Amz-Credential=AKIDEXAMPLE%2F"), "{query}");
        assert!(query.contains("cn-north-1%2Fs3%2Faws4_request"), "{query}");
        assert!(query.contains("X-Amz-Signature="), "{query}");
        assert!(!query.contains("secret"), "{query}");
    }

    #[test]
    fn virtual_host_style_puts_bucket_in_host() {
        let mut settings = settings();
        settings.endpoint = "https://s3.cn-north-1.amazonaws.com.cn".into();
        settings.path_style = false;
        let store = S3Store::new(&settings).expect("valid settings");
        let url = store.put_url("photos/7/abc.jpg");
        assert_eq!(url.host_str(), Some("xieyu-photos.s3.cn-north-1.amazonaws.com.cn"));
        assert_eq!(url.path(), "/photos/7/abc.jpg");
    }

    #[test]
    fn unusable_endpoint_is_rejected() {
        let mut settings = settings();
        settings.endpoint = "ftp://example".into();
        assert!(S3Store::new(&settings).is_err());
    }
}
