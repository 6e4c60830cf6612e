//! Slack's 429s: after one, no call of that method goes out until its `Retry-After` has
//! passed, whoever makes it (Slack asks apps to stop calling the method, not to retry one
//! message later).

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use slack_morphism::errors::SlackClientError;
use tokio::time::Instant;

use crate::app::ports::PortError;
use crate::domain::Failure;
use crate::slack::outbound::gateway::{classify, SlackGateway};

/// A call to a method on hold for at most this long waits; a longer hold fails the call.
const WAIT_OUT_HOLDS_UP_TO: Duration = Duration::from_secs(1);

/// How long to hold a method when Slack's 429 names no `Retry-After`.
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(30);

/// Methods Slack has asked us to stop calling, each until when.
#[derive(Debug, Default)]
pub struct Pauses {
    until: Mutex<HashMap<&'static str, Instant>>,
}

impl Pauses {
    /// How much longer `method` is on hold, if it is.
    pub fn remaining(&self, method: &'static str) -> Option<Duration> {
        let until = self.lock().get(method).copied()?;
        let left = until.saturating_duration_since(Instant::now());
        (!left.is_zero()).then_some(left)
    }

    /// Holds `method` for `retry_after` (`None`: [`DEFAULT_RETRY_AFTER`]) from now; a later
    /// hold already in place stays.
    pub fn hold(&self, method: &'static str, retry_after: Option<Duration>) {
        let until = Instant::now() + retry_after.unwrap_or(DEFAULT_RETRY_AFTER);
        let mut map = self.lock();
        let entry = map.entry(method).or_insert(until);
        *entry = (*entry).max(until);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<&'static str, Instant>> {
        // A poisoned map still holds valid instants.
        self.until.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl SlackGateway {
    /// Makes one Web API call unless Slack asked us to hold `method`, and places that hold when
    /// Slack answers 429. `request` is not polled (nothing is sent) while the method is held.
    pub(crate) async fn call<T>(
        &self,
        method: &'static str,
        request: impl Future<Output = Result<T, SlackClientError>>,
    ) -> Result<T, PortError> {
        self.call_raw(method, request).await?.map_err(classify)
    }

    /// [`Self::call`] with Slack's own error left unclassified (`Err` only for a held method).
    pub(crate) async fn call_raw<T>(
        &self,
        method: &'static str,
        request: impl Future<Output = Result<T, SlackClientError>>,
    ) -> Result<Result<T, SlackClientError>, PortError> {
        if let Some(left) = self.pauses.remaining(method) {
            // A hold about to end is waited out here; a longer one goes back to the caller
            // (the outbox reschedules the row for when it ends and moves on to other methods).
            if left > WAIT_OUT_HOLDS_UP_TO {
                return Err(held(method, left));
            }
            tokio::time::sleep(left).await;
        }
        let result = request.await;
        if let Err(error) = &result {
            if let Some(retry_after) = rate_limited(error) {
                tracing::warn!(method, ?retry_after, "Slack rate limit: holding the method");
                self.pauses.hold(method, retry_after);
            }
        }
        Ok(result)
    }
}

/// The wait a rate-limit answer asks for (`Some(None)`: a 429 without `Retry-After`).
pub fn rate_limited(error: &SlackClientError) -> Option<Option<Duration>> {
    match error {
        SlackClientError::RateLimitError(e) => Some(e.retry_after),
        SlackClientError::ApiError(e) if e.code == "ratelimited" => Some(None),
        _ => None,
    }
}

/// What a call to a held method fails with: a rate limit, to retry when the hold ends.
fn held(method: &str, left: Duration) -> PortError {
    PortError {
        failure: Failure::RateLimited {
            retry_after: chrono::Duration::from_std(left).ok(),
        },
        message: format!("{method} is on hold for {left:?} after Slack's 429 (not sent)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_method_stays_held_until_its_deadline_and_others_are_free() {
        let pauses = Pauses::default();
        pauses.hold("chat.postMessage", Some(Duration::from_secs(2)));
        let left = pauses.remaining("chat.postMessage").unwrap();
        assert!(left > Duration::from_millis(1500) && left <= Duration::from_secs(2));
        assert_eq!(pauses.remaining("views.publish"), None);
        pauses.hold("chat.postMessage", Some(Duration::ZERO));
        assert!(
            pauses.remaining("chat.postMessage").is_some(),
            "a shorter hold does not cut a longer one"
        );
        pauses.hold("views.open", Some(Duration::ZERO));
        assert_eq!(pauses.remaining("views.open"), None);
    }
}
