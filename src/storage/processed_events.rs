//! `processed_events`: Events API ids already acted on.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::time_to_db;

/// Records an event id; returns false when it had been handled before.
pub fn insert_processed_event(
    conn: &Connection,
    event_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "INSERT OR IGNORE INTO processed_events (event_id, received_at) VALUES (?1, ?2)",
            params![event_id, time_to_db(now)],
        )
        .with_context(|| format!("record event {event_id}"))?;
    Ok(n == 1)
}

/// Forgets event ids received before `cutoff` (Slack retries within minutes, not days).
pub fn delete_processed_events_before(
    conn: &Connection,
    cutoff: DateTime<Utc>,
) -> anyhow::Result<usize> {
    conn.execute(
        "DELETE FROM processed_events WHERE received_at < ?1",
        [time_to_db(cutoff)],
    )
    .context("delete old processed events")
}
