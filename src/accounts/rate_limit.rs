//! Fixed-window request limits kept in memory, per server instance.
//!
//! NOTE: with several instances behind a load balancer each instance
//! counts on its own, so the effective limit is the configured one times
//! the number of instances. Account lockout, which matters more, is stored
//! in the database and shared.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Window of the per-address login limit (`login.per_ip_per_minute`).
pub const LOGIN_WINDOW: Duration = Duration::from_secs(60);

/// Entries kept before old windows are dropped.
const MAX_KEYS: usize = 10_000;

#[derive(Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// Counts one request for `key`. Returns the seconds to wait when the
    /// limit is already reached.
    pub fn hit(&self, key: &str, limit: u32, window: Duration, now: Instant) -> Result<(), u64> {
        let Ok(mut windows) = self.windows.lock() else {
            // A poisoned lock means a panic elsewhere; do not block logins.
            return Ok(());
        };
        if windows.len() >= MAX_KEYS {
            windows.retain(|_, (started, _)| now.duration_since(*started) < window);
        }

        let entry = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        if entry.1 >= limit {
            let wait = window.saturating_sub(now.duration_since(entry.0));
            return Err(wait.as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

/// Returns the limiter of login attempts by client address.
pub fn login_limiter() -> &'static RateLimiter {
    static LIMITER: OnceLock<RateLimiter> = OnceLock::new();
    LIMITER.get_or_init(RateLimiter::default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_then_new_window() {
        let limiter = RateLimiter::default();
        let start = Instant::now();
        let window = Duration::from_secs(60);
        for _ in 0..3 {
            assert!(limiter.hit("1.2.3.4", 3, window, start).is_ok());
        }
        assert_eq!(
            limiter.hit("1.2.3.4", 3, window, start + Duration::from_secs(20)),
            Err(40)
        );
        assert!(
            limiter.hit("5.6.7.8", 3, window, start).is_ok(),
            "other addresses are separate"
        );
        assert!(limiter.hit("1.2.3.4", 3, window, start + window).is_ok());
    }
}
