//! `nudge_settings` and `nudge_opt_outs`, and who is due a nudge: mentees whose last 1on1 is
//! behind them with nothing booked, and requests waiting for their mentor.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{time_from_db, time_to_db};
use crate::domain::UserId;

/// The weeks the office set, if it did.
pub fn get_rebook_weeks(conn: &Connection) -> anyhow::Result<Option<u32>> {
    conn.query_row(
        "SELECT rebook_weeks FROM nudge_settings WHERE id = 1",
        [],
        |r| r.get(0),
    )
    .optional()
    .context("get nudge settings")
}

/// `by` is who set it: a user id, or `cli`.
pub fn upsert_rebook_weeks(
    conn: &Connection,
    weeks: u32,
    by: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO nudge_settings (id, rebook_weeks, updated_by, updated_at) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET rebook_weeks = excluded.rebook_weeks,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        params![weeks, by, time_to_db(now)],
    )
    .context("save nudge settings")?;
    Ok(())
}

pub fn get_opted_out(conn: &Connection, user: &UserId) -> anyhow::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM nudge_opt_outs WHERE user_id = ?1)",
        params![user.as_str()],
        |r| r.get(0),
    )
    .with_context(|| format!("get nudge opt-out of {user}"))
}

pub fn insert_opt_out(conn: &Connection, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO nudge_opt_outs (user_id, off_at) VALUES (?1, ?2)",
        params![user.as_str(), time_to_db(now)],
    )
    .with_context(|| format!("turn nudges off for {user}"))?;
    Ok(())
}

pub fn delete_opt_out(conn: &Connection, user: &UserId) -> anyhow::Result<()> {
    conn.execute(
        "DELETE FROM nudge_opt_outs WHERE user_id = ?1",
        params![user.as_str()],
    )
    .with_context(|| format!("turn nudges on for {user}"))?;
    Ok(())
}

/// A mentee's last 1on1, behind them, with nothing booked after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastOneOnOne {
    pub mentee: UserId,
    pub one_on_one: i64,
    pub mentor: UserId,
    pub theme_id: i64,
    pub end: DateTime<Utc>,
}

/// Every mentee (nudges on) whose latest confirmed 1on1 ended by `now` and who has no live
/// 1on1 after it, when that mentor still mentors that theme ("Book again" would fail otherwise).
pub fn list_last_one_on_ones(
    conn: &Connection,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<LastOneOnOne>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.mentee_id, o.id, o.mentor_id, o.theme_id, o.ends_at FROM one_on_ones o
             WHERE o.status = 'confirmed' AND o.ends_at <= ?1
               AND NOT EXISTS (SELECT 1 FROM one_on_ones later WHERE later.mentee_id = o.mentee_id
                   AND later.status IN ('requested', 'confirmed')
                   AND (later.ends_at > o.ends_at OR (later.ends_at = o.ends_at AND later.id > o.id)))
               AND NOT EXISTS (SELECT 1 FROM nudge_opt_outs n WHERE n.user_id = o.mentee_id)
               AND EXISTS (SELECT 1 FROM certifications c JOIN themes t ON t.id = c.theme_id
                   WHERE c.user_id = o.mentor_id AND c.theme_id = o.theme_id
                     AND c.status = 'started' AND t.archived_at IS NULL)
             ORDER BY o.id",
        )
        .context("prepare last 1on1s")?;
    let rows = stmt
        .query_map(params![time_to_db(now)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list last 1on1s")?;
    rows.into_iter()
        .map(|(mentee, id, mentor, theme_id, end)| {
            Ok(LastOneOnOne {
                mentee: UserId::parse(&mentee).context("stored mentee")?,
                one_on_one: id,
                mentor: UserId::parse(&mentor).context("stored mentor")?,
                theme_id,
                end: time_from_db(&end)?,
            })
        })
        .collect()
}

/// Requests still waiting (not lapsed) that were made by `made_before`, whose mentor has
/// nudges on: one per series (its first waiting occurrence), with its series.
pub fn list_waiting_requests(
    conn: &Connection,
    made_before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<(i64, Option<i64>)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.id, o.series_id FROM one_on_ones o
             WHERE o.status = 'requested' AND o.created_at <= ?1 AND o.starts_at > ?2
               AND (o.expires_at IS NULL OR o.expires_at > ?2)
               AND (o.series_id IS NULL OR o.id = (SELECT MIN(s.id) FROM one_on_ones s
                    WHERE s.series_id = o.series_id AND s.status = 'requested'))
               AND NOT EXISTS (SELECT 1 FROM nudge_opt_outs n WHERE n.user_id = o.mentor_id)
             ORDER BY o.id",
        )
        .context("prepare waiting requests")?;
    let rows = stmt
        .query_map(params![time_to_db(made_before), time_to_db(now)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list waiting requests")?;
    Ok(rows)
}
