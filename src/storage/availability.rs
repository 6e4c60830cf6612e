//! `mentor_availability`: each mentor's next free slot as last computed, kept so results can
//! be ordered by it; triggers (migration 0008) mark a row stale when its inputs change.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::{time_from_db, time_to_db};
use crate::domain::UserId;

/// A row whose next free slot may have changed: the person and the `recheck_at` it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueAvailability {
    pub user: UserId,
    pub recheck_at: String,
}

/// Whether any row is due (one index probe).
pub fn has_due_availability(conn: &Connection, now: DateTime<Utc>) -> anyhow::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM mentor_availability WHERE recheck_at <= ?1)")
        .and_then(|mut s| s.query_row([time_to_db(now)], |r| r.get(0)))
        .context("any availability due")
}

/// The rows due by `now`, most overdue first, at most `limit` (an index range: O(due)).
pub fn list_due_availability(
    conn: &Connection,
    now: DateTime<Utc>,
    limit: usize,
) -> anyhow::Result<Vec<DueAvailability>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT user_id, recheck_at FROM mentor_availability
             WHERE recheck_at <= ?1 ORDER BY recheck_at LIMIT ?2",
        )
        .context("prepare due availability")?;
    let rows = stmt
        .query_map(
            params![time_to_db(now), i64::try_from(limit).unwrap_or(i64::MAX)],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list due availability")?;
    rows.into_iter()
        .map(|(user, recheck_at)| {
            Ok(DueAvailability {
                user: UserId::parse(&user).context("stored availability user")?,
                recheck_at,
            })
        })
        .collect()
}

/// Stores a recomputed next free slot, unless the row was marked stale again since it was
/// read as `due` (then the newer change is recomputed next time). Returns whether it stored.
pub fn update_availability(
    conn: &Connection,
    due: &DueAvailability,
    next_free: Option<DateTime<Utc>>,
    recheck_at: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "UPDATE mentor_availability SET next_free_at = ?2, recheck_at = ?3
             WHERE user_id = ?1 AND recheck_at = ?4",
            params![
                due.user.as_str(),
                next_free.map(time_to_db),
                time_to_db(recheck_at),
                due.recheck_at
            ],
        )
        .with_context(|| format!("store availability of {}", due.user))?;
    Ok(n == 1)
}

/// The stored next free slot of `user` (`None`: none, or no hours).
pub fn get_next_free(conn: &Connection, user: &UserId) -> anyhow::Result<Option<DateTime<Utc>>> {
    let at: Option<Option<String>> = conn
        .query_row(
            "SELECT next_free_at FROM mentor_availability WHERE user_id = ?1",
            [user.as_str()],
            |r| r.get(0),
        )
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })
        .with_context(|| format!("get availability of {user}"))?;
    at.flatten().as_deref().map(time_from_db).transpose()
}
