//! Block Kit: pure functions from what a screen shows to Slack's blocks, within Slack's limits.

pub mod admin;
pub mod after;
pub mod booking;
pub mod followup;
pub mod insight;
pub mod kit;
pub mod memo;
pub mod mentor;
pub mod render;
pub mod survey;
pub mod survey_results;
