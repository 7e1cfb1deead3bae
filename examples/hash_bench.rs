//! Times one Argon2id verification, as a login does, on one core.
//!
//! Usage: `cargo run --release --features ssr --example hash_bench [runs]`
//! Prints the parameters and the median and slowest time of `runs`
//! sequential verifications (default 30).

use std::time::{Duration, Instant};

use xieyu::accounts::password;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|arg| arg.parse().ok()).unwrap_or(30);
    let Ok(hash) = password::hash("Bench@2026pass".to_owned()).await else {
        eprintln!("hashing failed");
        std::process::exit(1);
    };
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let matched = password::verify("Bench@2026pass".to_owned(), Some(hash.clone())).await;
        times.push(started.elapsed());
        if !matches!(matched, Ok(true)) {
            eprintln!("verification did not match");
            std::process::exit(1);
        }
    }
    times.sort();
    let median = times[times.len() / 2];
    let slowest = times[times.len() - 1];
    println!(
        "argon2id m={} KiB t={} p={}: {runs} verifications, median {:.1} ms, slowest {:.1} ms",
        password::MEMORY_KIB,
        password::ITERATIONS,
        password::LANES,
        median.as_secs_f64() * 1000.0,
        slowest.as_secs_f64() * 1000.0
    );
}
