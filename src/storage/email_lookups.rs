//! `email_lookups`: what Slack said an email address belongs to.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::time_to_db;
use crate::domain::UserId;

/// `None`: never asked; `Some(None)`: Slack knows no such person.
pub fn get_email_lookup(conn: &Connection, email: &str) -> anyhow::Result<Option<Option<UserId>>> {
    let found: Option<Option<String>> = conn
        .query_row(
            "SELECT user_id FROM email_lookups WHERE email = ?1",
            [email],
            |r| r.get(0),
        )
        .optional()
        .with_context(|| format!("get email lookup {email}"))?;
    Ok(found.map(|user| user.and_then(|u| UserId::parse(&u).ok())))
}

pub fn upsert_email_lookup(
    conn: &Connection,
    email: &str,
    user: Option<&UserId>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO email_lookups (email, user_id, looked_up_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (email) DO UPDATE SET user_id = excluded.user_id, looked_up_at = excluded.looked_up_at",
        params![email, user.map(|u| u.as_str()), time_to_db(now)],
    )
    .with_context(|| format!("store email lookup {email}"))?;
    Ok(())
}
