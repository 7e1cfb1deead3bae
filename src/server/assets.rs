//! Built client assets: hashed file names, caching headers, the service
//! worker, and the Leptos options that point at them.
//!
//! cargo-leptos (with `hash-files = true`) names the JS, WASM and CSS files
//! `xieyu.<hash>.<ext>` and writes the hashes to `hash.txt` beside the server
//! binary. Those names change with their content, so they are served as
//! immutable for a year; everything else is revalidated.

use std::path::PathBuf;
use std::sync::OnceLock;

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::config::{Env, LeptosOptions};

use super::config::Settings;
use super::headers::WORKER_CSP;

/// Name that cargo-leptos gives the client files (`output-name`).
const OUTPUT_NAME: &str = match option_env!("LEPTOS_OUTPUT_NAME") {
    Some(name) => name,
    None => "xieyu",
};

/// File names of the built client, as served under `/pkg/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetNames {
    pub js: String,
    pub wasm: String,
    pub css: String,
    /// Whether the names carry content hashes.
    pub hashed: bool,
}

/// `hash.txt` beside the running binary, where cargo-leptos writes it.
fn hash_file_path() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join("hash.txt"))
}

/// Parses `hash.txt` lines such as `js: AbC…` into file names.
pub fn names_from_hash_file(text: &str) -> AssetNames {
    let mut names = AssetNames {
        js: format!("{OUTPUT_NAME}.js"),
        wasm: format!("{OUTPUT_NAME}.wasm"),
        css: format!("{OUTPUT_NAME}.css"),
        hashed: false,
    };
    for line in text.lines() {
        let Some((kind, hash)) = line.split_once(':') else {
            continue;
        };
        let hash = hash.trim();
        let target = match kind.trim() {
            "js" => &mut names.js,
            "wasm" => &mut names.wasm,
            "css" => &mut names.css,
            _ => continue,
        };
        *target = format!("{OUTPUT_NAME}.{hash}.{}", target.rsplit('.').next().unwrap_or_default());
        names.hashed = true;
    }
    names
}

/// The asset names of this build, read once.
pub fn asset_names() -> &'static AssetNames {
    static NAMES: OnceLock<AssetNames> = OnceLock::new();
    NAMES.get_or_init(|| {
        let text = hash_file_path()
            .and_then(|path| std::fs::read_to_string(path).ok())
            .unwrap_or_default();
        names_from_hash_file(&text)
    })
}

/// Leptos options for this server, built from our settings rather than from
/// cargo-leptos's environment so the binary runs the same when started by
/// hand, by systemd or by the test suite.
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    let env = if cfg!(debug_assertions) { Env::DEV } else { Env::PROD };
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(settings.server.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(settings.server.addr)
        .env(env)
        .hash_files(asset_names().hashed)
        .build()
}

/// Adds `Cache-Control` to responses whose handler did not set one.
pub async fn cache_control(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if response.headers().contains_key(header::CACHE_CONTROL) {
        return response;
    }

    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let value = cache_policy(&path, is_html, asset_names());
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

fn cache_policy(path: &str, is_html: bool, names: &AssetNames) -> &'static str {
    if let Some(file) = path.strip_prefix("/pkg/") {
        let immutable = names.hashed
            && [&names.js, &names.wasm, &names.css]
                .iter()
                .any(|name| name.as_str() == file);
        return if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
    }
    if path.starts_with("/api/") {
        return "no-store";
    }
    if is_html && !path.ends_with(".html") {
        // Pages are rendered per user; keep them out of shared caches.
        return "private, no-cache";
    }
    if path.starts_with("/icons/") || path == "/manifest.webmanifest" {
        return "public, max-age=86400";
    }
    "no-cache"
}

/// `GET /sw.js`: the service worker with this build's version and files.
pub async fn service_worker() -> Response {
    let names = asset_names();
    let precache = [
        "/offline.html".to_owned(),
        "/offline.css".to_owned(),
        "/manifest.webmanifest".to_owned(),
        "/icons/icon.svg".to_owned(),
        "/icons/icon-192.png".to_owned(),
        format!("/pkg/{}", names.js),
        format!("/pkg/{}", names.wasm),
        format!("/pkg/{}", names.css),
    ];
    let version = worker_version(names);
    let list = serde_json::to_string(&precache).unwrap_or_else(|_| "[]".to_owned());
    let script = crate::pwa::SERVICE_WORKER_TEMPLATE
        .replace("__VERSION__", &version)
        .replace("__PRECACHE__", &list);

    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            (header::CONTENT_SECURITY_POLICY, WORKER_CSP),
        ],
        script,
    )
        .into_response()
}

/// A new version per build: the hashes when there are any, else the time
/// this process started (development builds reuse file names).
fn worker_version(names: &AssetNames) -> String {
    static STARTED: OnceLock<u64> = OnceLock::new();
    if names.hashed {
        let mut sum: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in format!("{}{}{}", names.js, names.wasm, names.css).bytes() {
            sum ^= u64::from(byte);
            sum = sum.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{sum:016x}")
    } else {
        let started = STARTED.get_or_init(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or_default()
        });
        format!("dev-{started}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_file_gives_hashed_names() {
        let names = names_from_hash_file("js: AAA\nwasm: BBB\ncss: CCC\n");
        assert_eq!(names.js, format!("{OUTPUT_NAME}.AAA.js"));
        assert_eq!(names.wasm, format!("{OUTPUT_NAME}.BBB.wasm"));
        assert_eq!(names.css, format!("{OUTPUT_NAME}.CCC.css"));
        assert!(names.hashed);
    }

    #[test]
    fn empty_hash_file_gives_plain_names() {
        let names = names_from_hash_file("");
        assert_eq!(names.wasm, format!("{OUTPUT_NAME}.wasm"));
        assert!(!names.hashed);
    }

    #[test]
    fn only_hashed_assets_are_immutable() {
        let hashed = names_from_hash_file("js: AAA\nwasm: BBB\ncss: CCC\n");
        let wasm = format!("/pkg/{}", hashed.wasm);
        assert_eq!(
            cache_policy(&wasm, false, &hashed),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_policy("/pkg/other.js", false, &hashed), "no-cache");

        let plain = names_from_hash_file("");
        assert_eq!(cache_policy(&format!("/pkg/{}", plain.wasm), false, &plain), "no-cache");
        assert_eq!(cache_policy("/regions", true, &plain), "private, no-cache");
        assert_eq!(cache_policy("/api/regions/children", false, &plain), "no-store");
        assert_eq!(
            cache_policy("/icons/icon-192.png", false, &plain),
            "public, max-age=86400"
        );
    }
}
