//! Shared helpers for the integration tests.
pub mod bot;
pub mod fake_slack;
