//! Sending what the outbox holds: each row at most once, retried with backoff, and checked
//! against the platform after a crash before it is sent again.

use chrono::{DateTime, Duration, Utc};

use super::outbox::RedrawBody;
use super::ports::{Messenger, PortError};
use super::App;
use crate::domain::{
    ChannelId, Failure, Notice, OutboxKind, OutboxRow, RetryDecision, RetryPolicy,
};
use crate::storage;

/// Rows handled by one call, so scheduled jobs get their turn during a large backlog.
const BATCH: usize = 200;

/// What one pass over the due rows did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    pub dropped: usize,
}

enum Outcome {
    Sent {
        channel: Option<ChannelId>,
        ts: Option<String>,
    },
    Drop(String),
}

impl App {
    /// Puts rows left `sending` by a stopped process back in the queue, flagged in doubt.
    /// `older_than` leaves alone rows a live worker may be sending right now.
    pub async fn recover_in_doubt(
        &self,
        now: DateTime<Utc>,
        older_than: Duration,
    ) -> anyhow::Result<usize> {
        self.db
            .write(move |c| storage::outbox::update_recover_in_doubt(c, now - older_than, now))
            .await
    }

    /// When the next queued row is due.
    pub async fn next_delivery_at(&self) -> anyhow::Result<Option<DateTime<Utc>>> {
        self.db.read(storage::outbox::get_next_due_at).await
    }

    /// Sends every row due (up to a batch). `clock` is read before each claim and after each
    /// send: a long pass (Slack paces DMs at about one a second) must not schedule a retry
    /// from an instant that has already passed. `run-due` passes a fixed instant.
    pub async fn deliver_due(
        &self,
        messenger: &dyn Messenger,
        policy: &RetryPolicy,
        clock: &(dyn Fn() -> DateTime<Utc> + Sync),
    ) -> anyhow::Result<DeliveryReport> {
        let mut report = DeliveryReport::default();
        for _ in 0..BATCH {
            let now = clock();
            let Some(row) = self
                .db
                .write(move |c| storage::outbox::claim_next_due(c, now))
                .await?
            else {
                break;
            };
            let (id, key) = (row.id, row.dedupe_key.clone());
            let failures = row.failures;
            let outcome = self.deliver_one(messenger, &row, now).await;
            let now = clock();
            match outcome {
                Ok(Outcome::Sent { channel, ts }) => {
                    self.db
                        .write(move |c| {
                            storage::outbox::update_sent(
                                c,
                                id,
                                channel.as_ref().map(|c| c.as_str()),
                                ts.as_deref(),
                                now,
                            )
                        })
                        .await?;
                    tracing::info!(key, "delivered");
                    report.sent += 1;
                }
                Ok(Outcome::Drop(reason)) => {
                    tracing::info!(key, reason, "dropped without sending");
                    self.db
                        .write(move |c| {
                            storage::outbox::update_finished_unsent(c, id, "dropped", &reason, now)
                        })
                        .await?;
                    report.dropped += 1;
                }
                Err(error) => {
                    let counts = !matches!(error.failure, Failure::RateLimited { .. });
                    let failures = failures + counts as u32;
                    match policy.after_failure(failures, &error.failure, id, now) {
                        RetryDecision::RetryAt(at) => {
                            tracing::warn!(key, error = %error, retry_at = %at, "delivery failed; will retry");
                            let message = error.message.clone();
                            self.db
                                .write(move |c| {
                                    storage::outbox::update_retry(c, id, at, &message, counts, now)
                                })
                                .await?;
                            report.retried += 1;
                        }
                        RetryDecision::GiveUp => {
                            tracing::error!(key, error = %error, failures, "delivery failed for good");
                            let message = error.message.clone();
                            self.db
                                .write(move |c| {
                                    storage::outbox::update_finished_unsent(
                                        c, id, "failed", &message, now,
                                    )
                                })
                                .await?;
                            report.failed += 1;
                        }
                    }
                }
            }
        }
        Ok(report)
    }

    async fn deliver_one(
        &self,
        messenger: &dyn Messenger,
        row: &OutboxRow,
        now: DateTime<Utc>,
    ) -> Result<Outcome, PortError> {
        if row.expires_at.is_some_and(|at| at <= now) {
            return Ok(Outcome::Drop("expired before it could be sent".into()));
        }
        let profile = self
            .fresh_profile(&row.recipient, now)
            .await
            .map_err(|e| PortError::transient(format!("load recipient: {e:#}")))?;
        if profile.deleted || profile.is_bot {
            return Ok(Outcome::Drop("recipient is deactivated or a bot".into()));
        }
        match row.kind {
            OutboxKind::Home => {
                let home = self
                    .home_screen(&row.recipient, now)
                    .await
                    .map_err(|e| PortError::transient(format!("build home: {e:#}")))?;
                messenger.publish_home(&home).await?;
                Ok(Outcome::Sent {
                    channel: None,
                    ts: None,
                })
            }
            OutboxKind::Redraw => {
                let body: RedrawBody = serde_json::from_str(&row.body)
                    .map_err(|e| PortError::permanent(format!("unreadable redraw body: {e}")))?;
                let stale = self
                    .stale_dms(&row.recipient, body.one_on_one_id)
                    .await
                    .map_err(|e| PortError::transient(format!("load stale DMs: {e:#}")))?;
                // Redrawing is idempotent: after a crash or a retry it is simply done again.
                let reader = self.reader(&profile);
                for (dm, closed) in &stale {
                    let channel = ChannelId::parse(&dm.channel)
                        .map_err(|e| PortError::permanent(format!("stored channel: {e}")))?;
                    messenger
                        .update_dm(&channel, &dm.message_ts, closed, &reader)
                        .await?;
                }
                Ok(Outcome::Sent {
                    channel: None,
                    ts: None,
                })
            }
            OutboxKind::Dm => {
                let notice: Notice = serde_json::from_str(&row.body)
                    .map_err(|e| PortError::permanent(format!("unreadable notice body: {e}")))?;
                // Reminders and invites are read from the database now: a cancelled or moved
                // 1on1's are dropped, and the brief has the latest memo.
                let outgoing = self
                    .resolve_outgoing(&notice, &row.recipient, now)
                    .await
                    .map_err(|e| PortError::transient(format!("resolve notice: {e:#}")))?;
                let Some(outgoing) = outgoing else {
                    return Ok(Outcome::Drop(
                        "the 1on1 was cancelled, moved or has started".into(),
                    ));
                };
                // A DM with buttons whose 1on1 changed while it waited (a rate-limit hold, a
                // retry) goes out showing the outcome, never with buttons that no longer apply.
                let outgoing = self
                    .closed_instead(&row.dedupe_key)
                    .await
                    .map_err(|e| PortError::transient(format!("check the 1on1: {e:#}")))?
                    .unwrap_or(outgoing);
                let channel = self.dm_channel(messenger, row).await?;
                // A previous attempt may have reached Slack before we could record it.
                if row.in_doubt || row.attempts > 1 {
                    if let Some(ts) = messenger
                        .find_sent(&channel, &outgoing, &row.dedupe_key, row.due_at)
                        .await?
                    {
                        tracing::info!(key = row.dedupe_key, "already delivered before a restart");
                        return Ok(Outcome::Sent {
                            channel: Some(channel),
                            ts: Some(ts),
                        });
                    }
                }
                let reader = self.reader(&profile);
                let ts = messenger
                    .send_dm(&channel, &outgoing, &reader, &row.dedupe_key)
                    .await?;
                Ok(Outcome::Sent {
                    channel: Some(channel),
                    ts: Some(ts),
                })
            }
        }
    }

    async fn dm_channel(
        &self,
        messenger: &dyn Messenger,
        row: &OutboxRow,
    ) -> Result<ChannelId, PortError> {
        let id = row.recipient.clone();
        let stored = self
            .db
            .read(move |c| storage::users::get_dm_channel(c, &id))
            .await
            .map_err(|e| PortError::transient(format!("load dm channel: {e:#}")))?;
        if let Some(channel) = stored {
            return Ok(channel);
        }
        let channel = messenger.open_dm(&row.recipient).await?;
        let (id, remembered) = (row.recipient.clone(), channel.clone());
        self.db
            .write(move |c| storage::users::update_dm_channel(c, &id, &remembered))
            .await
            .map_err(|e| PortError::transient(format!("store dm channel: {e:#}")))?;
        Ok(channel)
    }
}

#[cfg(test)]
mod stored_bodies;
