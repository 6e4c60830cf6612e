//! From Slack's payloads to use cases: parsing at the edge, the router shared by HTTP and
//! Socket Mode, and each feature's handlers.

pub mod admin;
pub mod after;
pub mod booking;
pub mod context;
pub mod followup;
pub mod import;
pub mod insight;
pub mod memo;
pub mod mentor;
pub mod payload;
pub mod pending;
pub mod router;
pub mod survey;
