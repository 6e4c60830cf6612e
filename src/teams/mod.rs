//! Microsoft Teams, beside Slack: the only Bot Framework code. Receives activities on
//! `POST /api/messages` (JWT checked first), draws the shared view models as Adaptive Cards 1.5,
//! and sends through the Bot Connector as the outbox's Messenger for Teams users.

pub mod activity;
pub mod auth;
pub mod cards;
pub mod connector;
pub mod file_in;
pub mod files;
pub mod inbound;
pub mod outbound;
pub mod package;
pub mod token;
