//! Prometheus metrics: request counts and latencies by route.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

const REQUESTS: &str = "http_requests_total";
const DURATION: &str = "http_request_duration_seconds";

/// Latency buckets in seconds, from 1 ms to 10 s.
const BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 7.5, 10.0,
];

/// Installs the global recorder once per process and returns its handle.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(DURATION.to_owned()), &BUCKETS)
            .expect("the bucket list is not empty");
        match builder.install_recorder() {
            Ok(handle) => handle,
            // Another recorder is already global (only in tests that embed
            // the app twice); keep a private one so /metrics still answers.
            Err(_) => PrometheusBuilder::new().build_recorder().handle(),
        }
    })
}

/// How often pending latency samples are folded into their buckets.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// Folds pending latency samples into their buckets, forever. The recorder
/// keeps every sample until this runs or `/metrics` is read, so an
/// unscraped server would otherwise grow with every request it serves.
pub async fn upkeep_forever() {
    let mut tick = tokio::time::interval(UPKEEP_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        handle().run_upkeep();
    }
}

/// `GET /metrics` in the Prometheus text format.
pub async fn render() -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        handle().render(),
    )
        .into_response()
}

/// Records one count and one latency per request, labelled by route
/// pattern (never by raw path, which would grow without bound).
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let matched = request.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned());
    let path = request.uri().path().to_owned();

    let response = next.run(request).await;

    let route = route_label(matched.as_deref(), &path, response.status());
    let status = response.status().as_u16().to_string();
    metrics::counter!(REQUESTS, "method" => method.clone(), "route" => route.clone(), "status" => status).increment(1);
    metrics::histogram!(DURATION, "method" => method, "route" => route).record(started.elapsed().as_secs_f64());
    response
}

fn route_label(matched: Option<&str>, path: &str, status: StatusCode) -> String {
    for prefix in ["/pkg/", "/icons/"] {
        if path.starts_with(prefix) {
            return format!("{prefix}{{file}}");
        }
    }
    if let Some(pattern) = matched {
        return pattern.to_owned();
    }
    if status == StatusCode::NOT_FOUND {
        "unmatched".to_owned()
    } else {
        "static".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_bounded() {
        assert_eq!(
            route_label(Some("/regions/{code}"), "/regions/110000", StatusCode::OK),
            "/regions/{code}"
        );
        assert_eq!(route_label(None, "/pkg/xieyu.abc.wasm", StatusCode::OK), "/pkg/{file}");
        assert_eq!(route_label(None, "/no/such/page", StatusCode::NOT_FOUND), "unmatched");
        assert_eq!(route_label(None, "/manifest.webmanifest", StatusCode::OK), "static");
    }
}
