//! Slack's 429s: after one, no call of that method goes out until its `Retry-After` has
//! passed, whoever makes it (Slack asks apps to stop calling the method, not to retry one
//! message later).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

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
