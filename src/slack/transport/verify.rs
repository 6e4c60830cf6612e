//! Slack request signing: HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret,
//! and a timestamp no further than five minutes from now (replay protection).

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

pub const SIGNATURE_HEADER: &str = "x-slack-signature";
pub const TIMESTAMP_HEADER: &str = "x-slack-request-timestamp";
/// Slack's documented replay window.
pub const MAX_AGE_SECONDS: i64 = 5 * 60;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("the request is not signed (missing {0})")]
    Missing(&'static str),
    #[error("the request timestamp is not a number")]
    BadTimestamp,
    #[error("the request timestamp is more than five minutes from now")]
    Stale,
    #[error("the signature does not match")]
    Mismatch,
}

/// The `v0=…` signature Slack would send for `body` at `timestamp`.
pub fn sign(secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .expect("HMAC-SHA256 accepts keys of any length");
    mac.update(b"v0:");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    format!("v0={}", hex::encode(mac.finalize().into_bytes()))
}

/// Checks a request's signature and timestamp against `now`.
pub fn verify(
    secret: &str,
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<(), VerifyError> {
    let timestamp = timestamp.ok_or(VerifyError::Missing(TIMESTAMP_HEADER))?;
    let signature = signature.ok_or(VerifyError::Missing(SIGNATURE_HEADER))?;
    let ts: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| VerifyError::BadTimestamp)?;
    if (now.timestamp() - ts).abs() > MAX_AGE_SECONDS {
        return Err(VerifyError::Stale);
    }
    let expected = sign(secret, timestamp, body);
    if expected.as_bytes().ct_eq(signature.as_bytes()).into() {
        Ok(())
    } else {
        Err(VerifyError::Mismatch)
    }
}
