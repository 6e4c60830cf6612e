//! Teams' published rate limits for a bot (msteams-docs `bots/how-to/rate-limit.md`).

use std::time::Duration;

/// At most `requests` calls in any `per` window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub requests: u32,
    pub per: Duration,
}

impl Window {
    pub const fn new(requests: u32, per: Duration) -> Self {
        Self { requests, per }
    }
}

/// The windows the Connector client waits for before each call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Send / create conversation, per bot per thread (keyed by conversation).
    pub per_conversation: Vec<Window>,
    /// Every call of the app, per tenant.
    pub per_app: Vec<Window>,
}

impl Default for Limits {
    /// Microsoft's: per conversation 7 per 1 s, 8 per 2 s, 60 per 30 s, 1800 per hour; per app 30 per second.
    fn default() -> Self {
        Self {
            per_conversation: vec![
                Window::new(7, Duration::from_secs(1)),
                Window::new(8, Duration::from_secs(2)),
                Window::new(60, Duration::from_secs(30)),
                Window::new(1800, Duration::from_secs(3600)),
            ],
            per_app: vec![Window::new(30, Duration::from_secs(1))],
        }
    }
}
