//! `survey_opt_ins`: who turned surveys on (the audience "everyone who opted in", migration 0015).

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::time_to_db;
use crate::domain::UserId;

pub fn upsert_opt_in(
    conn: &Connection,
    user: &UserId,
    on: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO survey_opt_ins (user_id, opted_in, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id) DO UPDATE SET opted_in = ?2, updated_at = ?3",
        params![user.as_str(), on, time_to_db(now)],
    )
    .with_context(|| format!("set the survey opt-in of {user}"))?;
    Ok(())
}

pub fn get_opted_in(conn: &Connection, user: &UserId) -> anyhow::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM survey_opt_ins WHERE user_id = ?1 AND opted_in = 1)",
        params![user.as_str()],
        |r| r.get(0),
    )
    .with_context(|| format!("get the survey opt-in of {user}"))
}

/// Everyone who opted in, by id.
pub fn list_opted_in(conn: &Connection) -> anyhow::Result<Vec<UserId>> {
    let mut stmt = conn
        .prepare("SELECT user_id FROM survey_opt_ins WHERE opted_in = 1 ORDER BY user_id")
        .context("list survey opt-ins")?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .context("list survey opt-ins")?;
    let mut out = Vec::new();
    for row in rows {
        if let Ok(user) = UserId::parse(&row.context("read a survey opt-in")?) {
            out.push(user);
        }
    }
    Ok(out)
}
