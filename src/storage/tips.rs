//! `mentor_tips`: mentors' tips for a topic x expected response, and the office hiding one.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::time_to_db;
use crate::domain::UserId;

/// A stored tip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TipRow {
    pub id: i64,
    pub author: UserId,
    pub topic: String,
    pub response: String,
    pub body: String,
    pub signed: bool,
}

#[allow(clippy::too_many_arguments)]
pub fn insert_tip(
    conn: &Connection,
    author: &UserId,
    topic: &str,
    response: &str,
    body: &str,
    signed: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    conn.execute(
        "INSERT INTO mentor_tips (author_id, topic, expected_response, body, signed, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            author.as_str(),
            topic,
            response,
            body,
            signed,
            time_to_db(now)
        ],
    )
    .with_context(|| format!("insert tip by {author}"))?;
    Ok(conn.last_insert_rowid())
}

fn tip_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, String, String, bool)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn to_tips(rows: Vec<(i64, String, String, String, String, bool)>) -> Vec<TipRow> {
    rows.into_iter()
        .filter_map(|(id, author, topic, response, body, signed)| {
            Some(TipRow {
                id,
                author: UserId::parse(&author).ok()?,
                topic,
                response,
                body,
                signed,
            })
        })
        .collect()
}

/// The newest visible tips for a topic x response written by anyone but `reader`.
pub fn list_tips_for(
    conn: &Connection,
    topic: &str,
    response: &str,
    reader: &UserId,
    limit: usize,
) -> anyhow::Result<Vec<TipRow>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, author_id, topic, expected_response, body, signed FROM mentor_tips
             WHERE topic = ?1 AND expected_response = ?2 AND hidden_at IS NULL AND author_id != ?3
             ORDER BY created_at DESC, id DESC LIMIT ?4",
        )
        .context("prepare tips for a brief")?;
    let rows = stmt
        .query_map(
            params![topic, response, reader.as_str(), limit as i64],
            tip_row,
        )
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("tips for {topic} x {response}"))?;
    Ok(to_tips(rows))
}

/// The newest visible tips (the office's list, to hide one).
pub fn list_recent_tips(conn: &Connection, limit: usize) -> anyhow::Result<Vec<TipRow>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, author_id, topic, expected_response, body, signed FROM mentor_tips
             WHERE hidden_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?1",
        )
        .context("prepare recent tips")?;
    let rows = stmt
        .query_map([limit as i64], tip_row)
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list recent tips")?;
    Ok(to_tips(rows))
}

/// Hides a tip; false when there is no such visible tip.
pub fn update_tip_hidden(
    conn: &Connection,
    tip: i64,
    by: &UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "UPDATE mentor_tips SET hidden_at = ?2, hidden_by = ?3 WHERE id = ?1 AND hidden_at IS NULL",
            params![tip, time_to_db(now), by.as_str()],
        )
        .with_context(|| format!("hide tip {tip}"))?;
    Ok(n == 1)
}
