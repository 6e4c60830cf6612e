//! The sandbox's clock: the wall clock moved forward by time travel. It is the only clock the
//! sandboxed bot reads (request handlers and the scheduler alike).

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Default)]
pub struct SandboxClock {
    offset: Arc<Mutex<Duration>>,
}

impl SandboxClock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset()
    }

    pub fn offset(&self) -> Duration {
        *self.offset.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Moves the clock forward by `by` (never backwards: what happened stays in the past).
    pub fn advance(&self, by: Duration) {
        let mut offset = self.offset.lock().unwrap_or_else(|p| p.into_inner());
        *offset += by.max(Duration::zero());
    }

    /// Moves the clock forward to `at` (nothing when `at` is already past).
    pub fn advance_to(&self, at: DateTime<Utc>) {
        self.advance(at - self.now());
    }

    /// The clock as the bot's HTTP handlers read it.
    pub fn as_fn(&self) -> crate::slack::transport::http::Clock {
        let clock = self.clone();
        Arc::new(move || clock.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_only_moves_forward() {
        let clock = SandboxClock::default();
        clock.advance(Duration::days(1));
        let moved = clock.now() - Utc::now();
        assert!(moved > Duration::hours(23) && moved <= Duration::days(1));
        clock.advance_to(Utc::now());
        assert_eq!(
            clock.offset(),
            Duration::days(1),
            "an instant in the past does nothing"
        );
    }
}
