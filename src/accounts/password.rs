//! Password hashing with Argon2id, off the async runtime.
//!
//! Parameters follow the OWASP Password Storage Cheat Sheet's first
//! Argon2id option: 19 MiB of memory, 2 iterations, 1 lane. Hashing runs in
//! `spawn_blocking`, and at most one hash per CPU runs at a time so a burst
//! of logins queues instead of starving request handling.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::AppError;

/// Memory cost in KiB.
pub const MEMORY_KIB: u32 = 19_456;
pub const ITERATIONS: u32 = 2;
pub const LANES: u32 = 1;

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, LANES, None).expect("constant Argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hashing_slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())))
}

/// A hash of a password nobody has, verified when the account does not
/// exist so that a login takes as long either way.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("dummy password that matches no account").unwrap_or_default())
}

fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2().hash_password(password.as_bytes(), &salt)?.to_string())
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
}

async fn run_blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    let _slot = hashing_slots().acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work).await.map_err(|err| {
        tracing::error!(error = %err, "password hashing task failed");
        AppError::Internal
    })
}

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
///
/// # Errors
///
/// [`AppError::Internal`] if hashing fails.
pub async fn hash(password: String) -> Result<String, AppError> {
    run_blocking(move || hash_blocking(&password)).await?.map_err(|err| {
        tracing::error!(error = %err, "password hashing failed");
        AppError::Internal
    })
}

/// Verifies `password` against `hash`; with `None` (no such account) it
/// verifies against a dummy hash and returns `false`.
///
/// # Errors
///
/// [`AppError::Internal`] if the blocking task fails.
pub async fn verify(password: String, hash: Option<String>) -> Result<bool, AppError> {
    run_blocking(move || match hash {
        Some(hash) => verify_blocking(&password, &hash),
        None => {
            verify_blocking(&password, dummy_hash());
            false
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_then_verify() {
        let hash = hash("Correct.Horse9".into()).await.expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(
            verify("Correct.Horse9".into(), Some(hash.clone()))
                .await
                .expect("verify")
        );
        assert!(!verify("wrong".into(), Some(hash)).await.expect("verify"));
        assert!(!verify("anything".into(), None).await.expect("verify"));
    }

    #[tokio::test]
    async fn malformed_hash_does_not_verify() {
        assert!(!verify("x".into(), Some("not a hash".into())).await.expect("verify"));
    }
}
