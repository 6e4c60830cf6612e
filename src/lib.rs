//! mentor-bot: a Slack bot that runs a company's mentoring program end to end.
//!
//! Layers (arrows point inwards): `slack` and `scheduler` call `app`; `app` calls `domain` and
//! `storage`; `domain` calls nothing. `startup` wires them together. See ARCHITECTURE.md.
#![forbid(unsafe_code)]

pub mod app;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod sandbox;
pub mod scheduler;
pub mod slack;
pub mod startup;
pub mod storage;
pub mod teams;
