//! The only place that knows Slack and slack-morphism: request verification, payload parsing,
//! Block Kit rendering, Web API calls, and the HTTP and Socket Mode transports.

pub mod admin;
pub mod admin_views;
pub mod booking;
pub mod booking_views;
pub mod gateway;
pub mod handlers;
pub mod http;
pub mod import;
pub mod kit;
pub mod mentor;
pub mod mentor_views;
pub mod payload;
pub mod rate;
pub mod render;
pub mod socket;
pub mod upload;
pub mod verify;
