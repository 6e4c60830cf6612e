//! Calls to Slack's Web API: the gateway behind the app's ports, file uploads, rate limits.

pub mod gateway;
pub mod rate;
pub mod upload;
