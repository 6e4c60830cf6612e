//! How Slack's requests arrive: HTTP (Events API, commands, interactivity) and Socket Mode,
//! each verified before anything is parsed.

pub mod http;
pub mod socket;
pub mod verify;
