//! Use cases: load → decide (domain) → save, returning what should happen next. Slack (and a
//! later Teams adapter) reach the outside world only through the ports in `ports`.

pub mod actions;
pub mod admin;
pub mod after;
pub mod booking;
mod calendar_file;
pub mod delivery;
pub mod errors;
pub mod events;
pub mod find;
pub mod forms;
pub mod import;
pub mod import_preview;
pub mod import_report;
pub mod insight;
pub mod memo;
pub mod mentor;
pub mod names;
pub mod nudges;
mod outbox;
pub mod people;
pub mod ports;
pub mod screens;
pub mod series;
pub mod surveys;
pub mod wire;

use std::collections::HashSet;
use std::sync::Arc;

use chrono_tz::Tz;
use tokio::sync::Notify;

use crate::domain::{Lang, UserId};
use crate::storage::Db;
use ports::Directory;

/// Workspace-wide settings the use cases need.
#[derive(Debug, Clone)]
pub struct AppSettings {
    pub admins: HashSet<UserId>,
    pub default_lang: Lang,
    pub default_tz: Tz,
    pub request_ttl: chrono::Duration,
    pub reminder_leads: Vec<chrono::Duration>,
}

/// The application: storage plus the ports to the outside. Cheap to clone.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub settings: Arc<AppSettings>,
    directory: Arc<dyn Directory>,
    /// Wakes the delivery worker when a row becomes due now.
    outbox_wake: Arc<Notify>,
    /// What finding a mentor keeps between requests (see `find`).
    finding: Arc<find::Finding>,
    /// Profiles as last read (see `people`).
    profiles: Arc<people::Profiles>,
}

impl App {
    pub fn new(db: Db, settings: AppSettings, directory: Arc<dyn Directory>) -> Self {
        Self {
            db,
            settings: Arc::new(settings),
            directory,
            outbox_wake: Arc::new(Notify::new()),
            finding: Arc::default(),
            profiles: Arc::default(),
        }
    }

    /// Tells the delivery worker new rows may be due (it also polls, so this only saves time).
    pub fn wake_delivery(&self) {
        self.outbox_wake.notify_one();
    }

    pub fn outbox_wake(&self) -> Arc<Notify> {
        self.outbox_wake.clone()
    }
}
