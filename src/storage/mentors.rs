//! `mentor_hours`, `mentor_windows`, and the slots `one_on_ones` hold.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{time_from_db, time_to_db};
use crate::domain::availability::{Cap, Hours, Slot, Window};
use crate::domain::UserId;

const HOURS_COLUMNS: &str =
    "slot_minutes, horizon_days, notice_hours, cap_count, cap_period, away_until, auto_accept";

/// A `mentor_hours` row (its columns from `at`), without its windows yet; the inner error is
/// a stored `away_until` that is not a date.
fn hours_from_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<anyhow::Result<Hours>> {
    let cap = match (
        r.get::<_, Option<u32>>(at + 3)?,
        r.get::<_, Option<String>>(at + 4)?.as_deref(),
    ) {
        (Some(n), Some("week")) => Some(Cap::PerWeek(n)),
        (Some(n), Some("month")) => Some(Cap::PerMonth(n)),
        _ => None,
    };
    let away = r.get::<_, Option<String>>(at + 5)?;
    let away_until = away
        .as_deref()
        .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d"))
        .transpose()
        .context("stored away_until");
    let (slot_minutes, horizon_days, notice_hours, auto_accept) =
        (r.get(at)?, r.get(at + 1)?, r.get(at + 2)?, r.get(at + 6)?);
    Ok(away_until.map(|away_until| Hours {
        windows: Vec::new(),
        slot_minutes,
        horizon_days,
        notice_hours,
        cap,
        away_until,
        auto_accept,
    }))
}

fn window_from_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Window> {
    Ok(Window {
        day: r.get(at)?,
        start: r.get(at + 1)?,
        end: r.get(at + 2)?,
    })
}

/// The mentor's hours; `None` until they have saved them once.
pub fn get_hours(conn: &Connection, user: &UserId) -> anyhow::Result<Option<Hours>> {
    let row = conn
        .query_row(
            &format!("SELECT {HOURS_COLUMNS} FROM mentor_hours WHERE user_id = ?1"),
            [user.as_str()],
            |r| hours_from_row(r, 0),
        )
        .optional()
        .with_context(|| format!("get hours of {user}"))?;
    let Some(mut hours) = row.transpose()? else {
        return Ok(None);
    };
    let mut stmt = conn
        .prepare_cached(
            "SELECT day, start_minute, end_minute FROM mentor_windows WHERE user_id = ?1 ORDER BY day, start_minute",
        )
        .context("prepare windows")?;
    hours.windows = stmt
        .query_map([user.as_str()], |r| window_from_row(r, 0))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list windows of {user}"))?;
    Ok(Some(hours))
}

/// The saved hours of those of `users` who have saved them, in two queries.
pub fn list_hours_for(conn: &Connection, users: &[UserId]) -> anyhow::Result<Vec<(UserId, Hours)>> {
    let ids = super::cards::id_list(users);
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT user_id, {HOURS_COLUMNS} FROM mentor_hours
             WHERE user_id IN (SELECT value FROM json_each(?1)) ORDER BY user_id"
        ))
        .context("prepare hours of many")?;
    let rows = stmt
        .query_map([&ids], |r| {
            Ok((r.get::<_, String>(0)?, hours_from_row(r, 1)?))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list hours of many")?;
    let mut out = rows
        .into_iter()
        .map(|(user, hours)| Ok((UserId::parse(&user).context("stored hours user")?, hours?)))
        .collect::<anyhow::Result<Vec<(UserId, Hours)>>>()?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT user_id, day, start_minute, end_minute FROM mentor_windows
             WHERE user_id IN (SELECT value FROM json_each(?1)) ORDER BY user_id, day, start_minute",
        )
        .context("prepare windows of many")?;
    let windows = stmt
        .query_map([&ids], |r| {
            Ok((r.get::<_, String>(0)?, window_from_row(r, 1)?))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list windows of many")?;
    for (user, window) in windows {
        if let Some((_, hours)) = out.iter_mut().find(|(u, _)| u.as_str() == user) {
            hours.windows.push(window);
        }
    }
    Ok(out)
}

/// Replaces the mentor's hours and windows (call inside a transaction).
pub fn upsert_hours(
    conn: &Connection,
    user: &UserId,
    hours: &Hours,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let (cap_count, cap_period) = match hours.cap {
        Some(Cap::PerWeek(n)) => (Some(n), Some("week")),
        Some(Cap::PerMonth(n)) => (Some(n), Some("month")),
        None => (None, None),
    };
    conn.execute(
        "INSERT INTO mentor_hours (user_id, slot_minutes, horizon_days, notice_hours, cap_count, cap_period,
                                   away_until, auto_accept, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (user_id) DO UPDATE SET
           slot_minutes = excluded.slot_minutes, horizon_days = excluded.horizon_days,
           notice_hours = excluded.notice_hours, cap_count = excluded.cap_count,
           cap_period = excluded.cap_period, away_until = excluded.away_until,
           auto_accept = excluded.auto_accept, updated_at = excluded.updated_at",
        params![
            user.as_str(),
            hours.slot_minutes,
            hours.horizon_days,
            hours.notice_hours,
            cap_count,
            cap_period,
            hours.away_until.map(|d| d.format("%Y-%m-%d").to_string()),
            hours.auto_accept,
            time_to_db(now)
        ],
    )
    .with_context(|| format!("save hours of {user}"))?;
    conn.execute(
        "DELETE FROM mentor_windows WHERE user_id = ?1",
        [user.as_str()],
    )
    .context("clear windows")?;
    let mut stmt = conn
        .prepare_cached("INSERT INTO mentor_windows (user_id, day, start_minute, end_minute) VALUES (?1, ?2, ?3, ?4)")
        .context("prepare window insert")?;
    for w in &hours.windows {
        stmt.execute(params![user.as_str(), w.day, w.start, w.end])
            .context("insert window")?;
    }
    Ok(())
}

/// The 1on1s that hold the mentor's time (requested or confirmed, on either side: their own
/// 1on1s as a mentee block that time too) ending after `from`.
pub fn list_held_slots(
    conn: &Connection,
    mentor: &UserId,
    from: DateTime<Utc>,
) -> anyhow::Result<Vec<Slot>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT starts_at, ends_at FROM one_on_ones
             WHERE (mentor_id = ?1 OR mentee_id = ?1) AND status IN ('requested', 'confirmed') AND ends_at > ?2
             ORDER BY starts_at",
        )
        .context("prepare held slots")?;
    let rows = stmt
        .query_map(params![mentor.as_str(), time_to_db(from)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list held slots of {mentor}"))?;
    rows.into_iter()
        .map(|(s, e)| {
            Ok(Slot {
                start: time_from_db(&s)?,
                end: time_from_db(&e)?,
            })
        })
        .collect()
}

/// `list_held_slots` for many people at once: (person, slot), in two indexed lookups.
pub fn list_held_slots_for(
    conn: &Connection,
    users: &[UserId],
    from: DateTime<Utc>,
) -> anyhow::Result<Vec<(UserId, Slot)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT mentor_id, starts_at, ends_at FROM one_on_ones
             WHERE mentor_id IN (SELECT value FROM json_each(?1))
               AND status IN ('requested', 'confirmed') AND ends_at > ?2
             UNION ALL
             SELECT mentee_id, starts_at, ends_at FROM one_on_ones
             WHERE mentee_id IN (SELECT value FROM json_each(?1))
               AND +status IN ('requested', 'confirmed') AND ends_at > ?2",
        )
        .context("prepare held slots of many")?;
    let rows = stmt
        .query_map(
            params![super::cards::id_list(users), time_to_db(from)],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list held slots of many")?;
    rows.into_iter()
        .map(|(user, s, e)| {
            Ok((
                UserId::parse(&user).context("stored 1on1 person")?,
                Slot {
                    start: time_from_db(&s)?,
                    end: time_from_db(&e)?,
                },
            ))
        })
        .collect()
}

/// How many live 1on1s (requested or confirmed) the mentor has starting in [from, to).
pub fn count_live_between(
    conn: &Connection,
    mentor: &UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> anyhow::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM one_on_ones
         WHERE mentor_id = ?1 AND status IN ('requested', 'confirmed') AND starts_at >= ?2 AND starts_at < ?3",
        params![mentor.as_str(), time_to_db(from), time_to_db(to)],
        |r| r.get(0),
    )
    .with_context(|| format!("count 1on1s of {mentor}"))
}
