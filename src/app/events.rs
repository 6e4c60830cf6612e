//! Reactions to platform events, each acted on once however often it is delivered.

use chrono::{DateTime, Duration, Utc};

use super::outbox::{home_row, queue_home_refresh};
use super::App;
use crate::domain::{HomeCause, Notice, OutboxKey, OutboxKind, UserId};
use crate::storage::{self, outbox::NewOutbox};

/// Which tab of the app the person opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppTab {
    Home,
    Messages,
}

/// Whether an event was acted on or had been handled before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventOutcome {
    Handled,
    Duplicate,
}

/// Processed event ids are kept this long; Slack retries within minutes.
pub const EVENT_ID_RETENTION: Duration = Duration::days(7);
/// Sent and dropped outbox rows are kept this long for support questions.
pub const OUTBOX_RETENTION: Duration = Duration::days(90);

impl App {
    /// Someone opened the app: publish their Home, or greet them once in Messages.
    pub async fn app_opened(
        &self,
        event_id: &str,
        user: &UserId,
        tab: AppTab,
        now: DateTime<Utc>,
    ) -> anyhow::Result<EventOutcome> {
        let row = match tab {
            AppTab::Home => home_row(user, HomeCause::Event(event_id.to_string()), now),
            AppTab::Messages => NewOutbox {
                dedupe_key: OutboxKey::Welcome { user: user.clone() }.to_string(),
                recipient: user.clone(),
                kind: OutboxKind::Dm,
                body: serde_json::to_string(&Notice::Welcome)?,
                due_at: now,
                expires_at: None,
            },
        };
        let event_id = event_id.to_string();
        let outcome = self
            .db
            .write(move |tx| -> anyhow::Result<_> {
                if !storage::processed_events::insert_processed_event(tx, &event_id, now)? {
                    return Ok(EventOutcome::Duplicate);
                }
                storage::outbox::insert_outbox(tx, &row, now)?;
                Ok(EventOutcome::Handled)
            })
            .await?;
        if outcome == EventOutcome::Handled {
            self.wake_delivery();
        }
        Ok(outcome)
    }

    /// Queues a fresh App Home for `user`; `cause` makes the row unique (one per cause).
    pub async fn request_home_refresh(
        &self,
        user: &UserId,
        cause: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let (user, cause) = (user.clone(), cause.to_string());
        self.db
            .write(move |c| queue_home_refresh(c, &user, HomeCause::Named(cause), now))
            .await?;
        self.wake_delivery();
        Ok(())
    }

    /// Forgets what is no longer needed: old event ids and long-finished outbox rows.
    pub async fn housekeeping(&self, now: DateTime<Utc>) -> anyhow::Result<(usize, usize)> {
        self.db
            .write(move |tx| {
                let events = storage::processed_events::delete_processed_events_before(
                    tx,
                    now - EVENT_ID_RETENTION,
                )?;
                let rows = storage::outbox::delete_finished_before(tx, now - OUTBOX_RETENTION)?;
                Ok((events, rows))
            })
            .await
    }
}

impl App {
    /// Records that a platform delivered event `id` (a Teams activity id, say); `Duplicate`
    /// when it was delivered before (the platform retried), so it is not acted on twice.
    pub async fn first_delivery(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<EventOutcome> {
        let id = id.to_string();
        let first = self
            .db
            .write(move |tx| storage::processed_events::insert_processed_event(tx, &id, now))
            .await?;
        Ok(if first {
            EventOutcome::Handled
        } else {
            EventOutcome::Duplicate
        })
    }
}
