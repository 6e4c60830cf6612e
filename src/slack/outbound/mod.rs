//! Calls to Slack's Web API: the gateway behind the app's ports, file uploads, rate limits.

pub mod directory;
pub mod gateway;
pub mod messenger;
pub mod rate;
pub mod upload;
