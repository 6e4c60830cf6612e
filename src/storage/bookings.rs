//! `one_on_ones` and `memo_entries`: claiming a slot atomically, and moving a 1on1 through its
//! statuses with compare-and-set updates, so two racing decisions resolve exactly once.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{time_from_db, time_to_db};
use crate::domain::booking::{BookingStatus, Topic};
use crate::domain::{Conflict, NewOneOnOne, OneOnOne, UserId};

const COLUMNS: &str =
    "id, mentor_id, mentee_id, theme_id, starts_at, ends_at, status, topic, topic_other, \
                       expected_response, note, sequence, expires_at, decline_message";

fn from_row(r: &Row<'_>) -> rusqlite::Result<anyhow::Result<OneOnOne>> {
    let (mentor, mentee): (String, String) = (r.get(1)?, r.get(2)?);
    let (start, end, status): (String, String, String) = (r.get(4)?, r.get(5)?, r.get(6)?);
    let expires: Option<String> = r.get(12)?;
    let (id, theme_id, topic_key, topic_other) = (r.get(0)?, r.get(3)?, r.get(7)?, r.get(8)?);
    let (response, note, sequence, decline_message) =
        (r.get(9)?, r.get(10)?, r.get(11)?, r.get(13)?);
    Ok((|| {
        Ok(OneOnOne {
            id,
            mentor: UserId::parse(&mentor).context("stored mentor")?,
            mentee: UserId::parse(&mentee).context("stored mentee")?,
            theme_id,
            start: time_from_db(&start)?,
            end: time_from_db(&end)?,
            status: BookingStatus::parse(&status)
                .with_context(|| format!("stored status {status:?}"))?,
            topic_key,
            topic_other,
            response,
            note,
            sequence,
            expires_at: expires.as_deref().map(time_from_db).transpose()?,
            decline_message,
        })
    })())
}

/// Whether `user` is in a live 1on1 (as mentor or as mentee) overlapping [start, end).
fn busy(
    conn: &Connection,
    user: &UserId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    except: Option<i64>,
) -> anyhow::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM one_on_ones WHERE (mentor_id = ?1 OR mentee_id = ?1)
                        AND status IN ('requested', 'confirmed') AND starts_at < ?3 AND ends_at > ?2 AND id != ?4)",
        params![user.as_str(), time_to_db(start), time_to_db(end), except.unwrap_or(-1)],
        |r| r.get(0),
    )
    .with_context(|| format!("check overlapping 1on1s of {user}"))
}

/// Claims the slot (call inside an IMMEDIATE transaction, so the check and the insert are one
/// step); the partial unique index on (mentor_id, starts_at) refuses a duplicate regardless.
pub fn insert_one_on_one(
    conn: &Connection,
    new: &NewOneOnOne<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<i64, Conflict>> {
    // Both people's time counts, whichever side of a 1on1 they are on.
    if busy(conn, new.mentor, new.start, new.end, None)? {
        return Ok(Err(Conflict::SlotTaken));
    }
    if busy(conn, new.mentee, new.start, new.end, None)? {
        return Ok(Err(Conflict::MenteeBusy));
    }
    // The mentee's words for "other"; an admin topic's name as it was (so DMs can name it).
    let other = match new.topic {
        Topic::Other { text } => Some(text.as_str()),
        Topic::Custom { name, .. } => Some(name.as_str()),
        Topic::Default { .. } => None,
    };
    let inserted = conn.execute(
        "INSERT INTO one_on_ones (mentor_id, mentee_id, theme_id, starts_at, ends_at, status, topic, topic_other,
                                  expected_response, note, expires_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            new.mentor.as_str(),
            new.mentee.as_str(),
            new.theme_id,
            time_to_db(new.start),
            time_to_db(new.end),
            new.status.as_str(),
            new.topic.key(),
            other,
            new.response,
            new.note,
            new.expires_at.map(time_to_db),
            time_to_db(now)
        ],
    );
    match inserted {
        Ok(_) => Ok(Ok(conn.last_insert_rowid())),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Ok(Err(Conflict::SlotTaken))
        }
        Err(e) => Err(e).context("insert 1on1"),
    }
}

pub fn get_one_on_one(conn: &Connection, id: i64) -> anyhow::Result<Option<OneOnOne>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM one_on_ones WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()
    .with_context(|| format!("get 1on1 {id}"))?
    .transpose()
}

/// Moves a 1on1 from one of `from` to `to`; false when it was not in one of `from` (someone
/// else decided first, or it expired).
pub fn update_status(
    conn: &Connection,
    id: i64,
    from: &[BookingStatus],
    to: BookingStatus,
    decline_message: Option<&str>,
    cancelled_by: Option<&UserId>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let from: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
    let placeholders = (0..from.len())
        .map(|i| format!("?{}", i + 6))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "UPDATE one_on_ones SET status = ?2, decline_message = COALESCE(?3, decline_message),
                cancelled_by = COALESCE(?4, cancelled_by), updated_at = ?5,
                decided_at = CASE WHEN ?2 IN ('confirmed', 'declined') THEN ?5 ELSE decided_at END,
                sequence = sequence + (?2 = 'cancelled')
         WHERE id = ?1 AND status IN ({placeholders})"
    );
    let mut values: Vec<Box<dyn rusqlite::ToSql>> = vec![
        Box::new(id),
        Box::new(to.as_str()),
        Box::new(decline_message.map(str::to_string)),
        Box::new(cancelled_by.map(|u| u.to_string())),
        Box::new(time_to_db(now)),
    ];
    values.extend(
        from.into_iter()
            .map(|s| Box::new(s) as Box<dyn rusqlite::ToSql>),
    );
    let n = conn
        .execute(&sql, rusqlite::params_from_iter(values.iter()))
        .with_context(|| format!("move 1on1 {id} to {}", to.as_str()))?;
    Ok(n == 1)
}

/// Moves a live 1on1 to another time (checking the new slot like a new claim, ignoring itself).
pub fn update_slot(
    conn: &Connection,
    one: &OneOnOne,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<(), Conflict>> {
    if busy(conn, &one.mentor, start, end, Some(one.id))? {
        return Ok(Err(Conflict::SlotTaken));
    }
    if busy(conn, &one.mentee, start, end, Some(one.id))? {
        return Ok(Err(Conflict::MenteeBusy));
    }
    // A request moved earlier must still expire before it starts.
    let moved = conn.execute(
        "UPDATE one_on_ones SET starts_at = ?2, ends_at = ?3, sequence = sequence + 1, updated_at = ?4,
                expires_at = CASE WHEN status = 'requested' THEN MIN(COALESCE(expires_at, ?2), ?2) ELSE expires_at END
         WHERE id = ?1 AND status IN ('requested', 'confirmed')",
        params![one.id, time_to_db(start), time_to_db(end), time_to_db(now)],
    );
    match moved {
        Ok(_) => Ok(Ok(())),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Ok(Err(Conflict::SlotTaken))
        }
        Err(e) => Err(e).context("move 1on1"),
    }
}

/// Requests still unanswered at `now` past their expiry.
pub fn list_expired_requests(conn: &Connection, now: DateTime<Utc>) -> anyhow::Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT id FROM one_on_ones WHERE status = 'requested' AND expires_at <= ?1 ORDER BY id")
        .context("prepare expired requests")?;
    stmt.query_map([time_to_db(now)], |r| r.get(0))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list expired requests")
}

/// The person's live 1on1s (as mentor or mentee) that have not ended, soonest first.
pub fn list_live_for(
    conn: &Connection,
    user: &UserId,
    now: DateTime<Utc>,
    limit: usize,
) -> anyhow::Result<Vec<OneOnOne>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM one_on_ones
             WHERE (mentor_id = ?1 OR mentee_id = ?1) AND status IN ('requested', 'confirmed') AND ends_at > ?2
             ORDER BY starts_at LIMIT ?3"
        ))
        .context("prepare live 1on1s")?;
    let rows = stmt
        .query_map(
            params![user.as_str(), time_to_db(now), limit as i64],
            from_row,
        )
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list live 1on1s of {user}"))?;
    rows.into_iter().collect()
}

/// How many 1on1s this pair has had (confirmed ones that started before `before`).
pub fn count_pair_sessions(
    conn: &Connection,
    mentor: &UserId,
    mentee: &UserId,
    before: DateTime<Utc>,
) -> anyhow::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM one_on_ones WHERE mentor_id = ?1 AND mentee_id = ?2 AND status = 'confirmed' AND starts_at < ?3",
        params![mentor.as_str(), mentee.as_str(), time_to_db(before)],
        |r| r.get(0),
    )
    .context("count the pair's 1on1s")
}

pub fn insert_memo_entry(
    conn: &Connection,
    one: &OneOnOne,
    author: &UserId,
    body: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO memo_entries (mentor_id, mentee_id, one_on_one_id, author_id, body, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![one.mentor.as_str(), one.mentee.as_str(), one.id, author.as_str(), body, time_to_db(now)],
    )
    .context("add a memo entry")?;
    Ok(())
}

/// The pair's latest `limit` shared-memo entries, oldest first: (author, body).
pub fn list_memo_entries(
    conn: &Connection,
    mentor: &UserId,
    mentee: &UserId,
    limit: usize,
) -> anyhow::Result<Vec<(String, String)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT author_id, body FROM memo_entries WHERE mentor_id = ?1 AND mentee_id = ?2
             ORDER BY created_at DESC, id DESC LIMIT ?3",
        )
        .context("prepare memo")?;
    let mut latest = stmt
        .query_map(
            params![mentor.as_str(), mentee.as_str(), limit as i64],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list memo entries")?;
    latest.reverse();
    Ok(latest)
}

/// Active admin-added topics: (id, name).
pub fn list_custom_topics(conn: &Connection) -> anyhow::Result<Vec<(i64, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, name FROM topics WHERE archived_at IS NULL ORDER BY name_key")
        .context("prepare topics")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list topics")
}

/// Adds a topic; `Err(existing name)` when one with the same key exists (archived ones are
/// restored instead of duplicated).
pub fn insert_topic(
    conn: &Connection,
    name: &str,
    key: &str,
    actor: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<i64, String>> {
    let existing: Option<(i64, String, Option<String>)> = conn
        .query_row(
            "SELECT id, name, archived_at FROM topics WHERE name_key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .context("find topic")?;
    match existing {
        Some((_, name, None)) => Ok(Err(name)),
        Some((id, _, Some(_))) => {
            conn.execute(
                "UPDATE topics SET archived_at = NULL, name = ?2 WHERE id = ?1",
                params![id, name],
            )
            .context("restore topic")?;
            Ok(Ok(id))
        }
        None => {
            conn.execute(
                "INSERT INTO topics (name, name_key, created_by, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![name, key, actor, time_to_db(now)],
            )
            .context("insert topic")?;
            Ok(Ok(conn.last_insert_rowid()))
        }
    }
}

/// Archives a topic (requests that used it keep its name).
pub fn update_topic_archived(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "UPDATE topics SET archived_at = ?2 WHERE id = ?1 AND archived_at IS NULL",
            params![id, time_to_db(now)],
        )
        .context("archive topic")?;
    Ok(n == 1)
}

/// Renames a topic; `Ok(false)` when there is no such topic, `Err(existing name)` when
/// another topic (even a retired one) has the same key.
pub fn update_topic_name(
    conn: &Connection,
    id: i64,
    name: &str,
    key: &str,
) -> anyhow::Result<Result<bool, String>> {
    let other: Option<String> = conn
        .query_row(
            "SELECT name FROM topics WHERE name_key = ?1 AND id != ?2",
            params![key, id],
            |r| r.get(0),
        )
        .optional()
        .context("find topic by name")?;
    if let Some(existing) = other {
        return Ok(Err(existing));
    }
    let n = conn
        .execute(
            "UPDATE topics SET name = ?2, name_key = ?3 WHERE id = ?1",
            params![id, name, key],
        )
        .with_context(|| format!("rename topic {id}"))?;
    Ok(Ok(n == 1))
}
