//! Shared helpers for the end-to-end tests.
pub mod bot;
pub mod browser;
pub mod teams;
pub mod teams_flow;
pub mod world;
/// The strict fake Slack, its own crate; re-exported so tests keep naming it `support::fake_slack`.
pub use fake_slack;
