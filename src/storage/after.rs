//! After a 1on1: `one_on_one_ratings`, `one_on_ones.held`, the 1on1's shared memo for
//! summaries, and the pair's last 1on1 of a theme (for "Book the next 1on1").

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::time_to_db;
use crate::domain::after::{Held, Rating};
use crate::domain::UserId;

/// Records the mentee's rating; false when the 1on1 already has one (the first answer stands).
pub fn insert_rating(
    conn: &Connection,
    one_on_one: i64,
    mentee: &UserId,
    rating: &Rating,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let inserted = conn
        .execute(
            "INSERT INTO one_on_one_ratings (one_on_one_id, mentee_id, clarity, got_response, comment, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (one_on_one_id) DO NOTHING",
            params![
                one_on_one,
                mentee.as_str(),
                rating.clarity,
                rating.got.as_str(),
                rating.comment,
                time_to_db(now)
            ],
        )
        .with_context(|| format!("insert rating of 1on1 {one_on_one}"))?;
    Ok(inserted == 1)
}

/// Whether the 1on1 has a rating.
pub fn get_rated(conn: &Connection, one_on_one: i64) -> anyhow::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM one_on_one_ratings WHERE one_on_one_id = ?1)",
        [one_on_one],
        |r| r.get(0),
    )
    .with_context(|| format!("is 1on1 {one_on_one} rated"))
}

/// Whether the mentor marked the 1on1 held or not held (`None`: not yet).
pub fn get_held(conn: &Connection, one_on_one: i64) -> anyhow::Result<Option<Held>> {
    let held: Option<Option<String>> = conn
        .query_row(
            "SELECT held FROM one_on_ones WHERE id = ?1",
            [one_on_one],
            |r| r.get(0),
        )
        .optional()
        .with_context(|| format!("get held of 1on1 {one_on_one}"))?;
    held.flatten()
        .map(|h| Held::parse(&h).with_context(|| format!("stored held {h:?}")))
        .transpose()
}

/// Marks a confirmed 1on1 held or not held, once: false when it was already marked or is no
/// longer confirmed (two racing clicks resolve once).
pub fn update_held(
    conn: &Connection,
    one_on_one: i64,
    held: Held,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let changed = conn
        .execute(
            "UPDATE one_on_ones SET held = ?2, held_marked_at = ?3, updated_at = ?3
             WHERE id = ?1 AND held IS NULL AND status = 'confirmed'",
            params![one_on_one, held.as_str(), time_to_db(now)],
        )
        .with_context(|| format!("mark 1on1 {one_on_one} {}", held.as_str()))?;
    Ok(changed == 1)
}

/// The shared memo of one 1on1, (author, current text), oldest first.
pub fn list_shared_memo(
    conn: &Connection,
    one_on_one: i64,
) -> anyhow::Result<Vec<(UserId, String)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT author_id, body FROM memo_entries WHERE one_on_one_id = ?1
             ORDER BY created_at, id",
        )
        .context("prepare shared memo")?;
    let rows = stmt
        .query_map([one_on_one], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("shared memo of 1on1 {one_on_one}"))?;
    rows.into_iter()
        .map(|(author, body)| Ok((UserId::parse(&author).context("stored memo author")?, body)))
        .collect()
}

/// The pair's latest confirmed 1on1 of `theme` that has started by `now`: its topic key and
/// expected response.
pub fn get_last_topic(
    conn: &Connection,
    mentee: &UserId,
    mentor: &UserId,
    theme: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<(String, String)>> {
    conn.query_row(
        "SELECT topic, expected_response FROM one_on_ones
         WHERE mentee_id = ?1 AND mentor_id = ?2 AND theme_id = ?3 AND status = 'confirmed'
               AND starts_at <= ?4
         ORDER BY starts_at DESC, id DESC LIMIT 1",
        params![mentee.as_str(), mentor.as_str(), theme, time_to_db(now)],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .with_context(|| format!("last 1on1 of {mentee} with {mentor} on theme {theme}"))
}

/// Confirmed 1on1s not marked held or not held that end after `since` (their after-1on1
/// questions may still be asked), by id.
pub fn list_confirmed_ending_after(
    conn: &Connection,
    since: DateTime<Utc>,
) -> anyhow::Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id FROM one_on_ones
             WHERE status = 'confirmed' AND held IS NULL AND ends_at > ?1 ORDER BY id",
        )
        .context("prepare confirmed 1on1s ending after")?;
    let ids = stmt
        .query_map([time_to_db(since)], |r| r.get::<_, i64>(0))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list confirmed 1on1s ending after")?;
    Ok(ids)
}
