//! `audit_log`: who did what as an admin, and when.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::time_to_db;

pub fn insert_audit(
    conn: &Connection,
    actor: &str,
    action: &str,
    detail: &serde_json::Value,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO audit_log (actor, action, detail, at) VALUES (?1, ?2, ?3, ?4)",
        params![actor, action, detail.to_string(), time_to_db(now)],
    )
    .with_context(|| format!("audit {action} by {actor}"))?;
    Ok(())
}

/// The newest `limit` entries: (actor, action, detail JSON).
pub fn list_audit(
    conn: &Connection,
    limit: usize,
) -> anyhow::Result<Vec<(String, String, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?1")
        .context("prepare list audit")?;
    stmt.query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list audit log")
}
