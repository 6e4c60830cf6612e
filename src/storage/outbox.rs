//! `outbox`: durable rows for everything the bot owes someone, claimed one at a time by the
//! delivery worker.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{time_from_db, time_to_db};
use crate::domain::{OutboxKind, OutboxRow, SentDm, UserId};

/// A row to be written with its cause.
#[derive(Debug, Clone)]
pub struct NewOutbox {
    pub dedupe_key: String,
    pub recipient: UserId,
    pub kind: OutboxKind,
    /// JSON body (a `domain::Notice` for DMs).
    pub body: String,
    pub due_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// The next row due by ?1: one step down the `outbox_due` index (status, next_attempt_at; the
/// rowid breaks ties), so it costs the same with 10 or 100,000 pending rows (tested below).
const NEXT_DUE: &str = "SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?1
                        ORDER BY next_attempt_at, id LIMIT 1";

const COLUMNS: &str = "id, dedupe_key, recipient, kind, body, status, due_at, expires_at, \
                       attempts, failures, in_doubt, last_error, channel, message_ts, sent_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<anyhow::Result<OutboxRow>> {
    let recipient: String = r.get(2)?;
    let kind: String = r.get(3)?;
    let due_at: String = r.get(6)?;
    let expires_at: Option<String> = r.get(7)?;
    let sent_at: Option<String> = r.get(14)?;
    let (id, dedupe_key, body, status) = (r.get(0)?, r.get(1)?, r.get(4)?, r.get(5)?);
    let (attempts, failures, in_doubt) = (r.get(8)?, r.get(9)?, r.get(10)?);
    let (last_error, channel, message_ts) = (r.get(11)?, r.get(12)?, r.get(13)?);
    Ok((|| {
        Ok(OutboxRow {
            id,
            dedupe_key,
            recipient: UserId::parse(&recipient).context("stored recipient")?,
            kind: OutboxKind::parse(&kind).with_context(|| format!("stored kind {kind:?}"))?,
            body,
            status,
            due_at: time_from_db(&due_at)?,
            expires_at: expires_at.as_deref().map(time_from_db).transpose()?,
            attempts,
            failures,
            in_doubt,
            last_error,
            channel,
            message_ts,
            sent_at: sent_at.as_deref().map(time_from_db).transpose()?,
        })
    })())
}

/// Writes a row unless one with the same key exists; returns whether it was new.
pub fn insert_outbox(
    conn: &Connection,
    row: &NewOutbox,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "INSERT OR IGNORE INTO outbox
               (dedupe_key, recipient, kind, body, due_at, next_attempt_at, expires_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?7)",
            params![
                row.dedupe_key,
                row.recipient.as_str(),
                row.kind.as_str(),
                row.body,
                time_to_db(row.due_at),
                row.expires_at.map(time_to_db),
                time_to_db(now),
            ],
        )
        .with_context(|| format!("insert outbox row {}", row.dedupe_key))?;
    Ok(n == 1)
}

/// Claims the next row due at `now` (marks it `sending`, counts the attempt) and returns it.
pub fn claim_next_due(conn: &Connection, now: DateTime<Utc>) -> anyhow::Result<Option<OutboxRow>> {
    let sql = format!(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ?1
         WHERE id = ({NEXT_DUE})
         RETURNING {COLUMNS}"
    );
    conn.query_row(&sql, [time_to_db(now)], from_row)
        .optional()
        .context("claim next due outbox row")?
        .transpose()
}

pub fn update_sent(
    conn: &Connection,
    id: i64,
    channel: Option<&str>,
    message_ts: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE outbox SET status = 'sent', channel = ?2, message_ts = ?3, sent_at = ?4,
                           updated_at = ?4, in_doubt = 0
         WHERE id = ?1",
        params![id, channel, message_ts, time_to_db(now)],
    )
    .with_context(|| format!("mark outbox row {id} sent"))?;
    Ok(())
}

/// Puts a row back in the queue for `at`; `counts_as_failure` is false for rate limits.
pub fn update_retry(
    conn: &Connection,
    id: i64,
    at: DateTime<Utc>,
    error: &str,
    counts_as_failure: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE outbox SET status = 'pending', next_attempt_at = ?2, last_error = ?3,
                           failures = failures + ?4, updated_at = ?5
         WHERE id = ?1",
        params![
            id,
            time_to_db(at),
            error,
            counts_as_failure as i64,
            time_to_db(now)
        ],
    )
    .with_context(|| format!("reschedule outbox row {id}"))?;
    Ok(())
}

/// Ends a row without sending it: `failed` (gave up) or `dropped` (too late to matter).
pub fn update_finished_unsent(
    conn: &Connection,
    id: i64,
    status: &'static str,
    error: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    debug_assert!(matches!(status, "failed" | "dropped"));
    conn.execute(
        "UPDATE outbox SET status = ?2, last_error = ?3, failures = failures + (?2 = 'failed'),
                           updated_at = ?4
         WHERE id = ?1",
        params![id, status, error, time_to_db(now)],
    )
    .with_context(|| format!("mark outbox row {id} {status}"))?;
    Ok(())
}

/// After a restart: rows left `sending` may or may not have reached Slack. They go back to
/// the queue flagged `in_doubt`, so the worker checks Slack before sending again.
/// Only rows claimed before `claimed_before` are touched.
pub fn update_recover_in_doubt(
    conn: &Connection,
    claimed_before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    conn.execute(
        "UPDATE outbox SET status = 'pending', in_doubt = 1, updated_at = ?2
         WHERE status = 'sending' AND updated_at <= ?1",
        params![time_to_db(claimed_before), time_to_db(now)],
    )
    .context("recover in-doubt outbox rows")
}

/// When the next pending row is due, if any.
pub fn get_next_due_at(conn: &Connection) -> anyhow::Result<Option<DateTime<Utc>>> {
    let at: Option<String> = conn
        .query_row(
            "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'",
            [],
            |r| r.get(0),
        )
        .context("next due outbox row")?;
    at.as_deref().map(time_from_db).transpose()
}

pub fn get_outbox_by_key(conn: &Connection, key: &str) -> anyhow::Result<Option<OutboxRow>> {
    let sql = format!("SELECT {COLUMNS} FROM outbox WHERE dedupe_key = ?1");
    conn.query_row(&sql, [key], from_row)
        .optional()
        .with_context(|| format!("get outbox row {key}"))?
        .transpose()
}

pub fn list_outbox_for(conn: &Connection, recipient: &UserId) -> anyhow::Result<Vec<OutboxRow>> {
    let sql = format!("SELECT {COLUMNS} FROM outbox WHERE recipient = ?1 ORDER BY id");
    let mut stmt = conn.prepare(&sql).context("prepare list outbox")?;
    let rows = stmt
        .query_map([recipient.as_str()], from_row)
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list outbox rows of {recipient}"))?;
    rows.into_iter().collect()
}

/// Removes delivered or finished rows older than `cutoff` (housekeeping).
pub fn delete_finished_before(conn: &Connection, cutoff: DateTime<Utc>) -> anyhow::Result<usize> {
    conn.execute(
        "DELETE FROM outbox WHERE status IN ('sent', 'dropped', 'cancelled') AND updated_at < ?1",
        [time_to_db(cutoff)],
    )
    .context("delete finished outbox rows")
}

/// Withdraws pending rows whose key starts with `prefix` (reminders of a cancelled 1on1).
/// The prefix must end with a separator (`reminder:12:`), or `12` would also match `120`.
pub fn update_cancel_pending(
    conn: &Connection,
    prefix: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    anyhow::ensure!(
        prefix.ends_with(':'),
        "withdraw-by-prefix needs a prefix ending in ':' (got {prefix:?}); use update_cancel_pending_key"
    );
    conn.execute(
        "UPDATE outbox SET status = 'cancelled', updated_at = ?2
         WHERE status = 'pending' AND substr(dedupe_key, 1, length(?1)) = ?1",
        params![prefix, time_to_db(now)],
    )
    .with_context(|| format!("withdraw pending {prefix}*"))
}

/// Withdraws one pending row by its exact key (a request DM no longer worth sending).
pub fn update_cancel_pending_key(
    conn: &Connection,
    key: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    conn.execute(
        "UPDATE outbox SET status = 'cancelled', updated_at = ?2 WHERE status = 'pending' AND dedupe_key = ?1",
        params![key, time_to_db(now)],
    )
    .with_context(|| format!("withdraw pending {key}"))
}

/// The DMs sent to `recipient` about 1on1 `id` (keys `request:{id}`, `confirmed:{id}:…`,
/// `moved:{id}:…`, `reminder:{id}:…`), oldest first.
pub fn list_sent_dms_about(
    conn: &Connection,
    recipient: &UserId,
    id: i64,
) -> anyhow::Result<Vec<SentDm>> {
    let mut stmt = conn
        .prepare(
            "SELECT dedupe_key, channel, message_ts FROM outbox
             WHERE recipient = ?1 AND status = 'sent' AND kind = 'dm'
               AND channel IS NOT NULL AND message_ts IS NOT NULL
               AND (dedupe_key = 'request:' || ?2
                    OR substr(dedupe_key, 1, length('confirmed:' || ?2 || ':')) = 'confirmed:' || ?2 || ':'
                    OR substr(dedupe_key, 1, length('moved:' || ?2 || ':')) = 'moved:' || ?2 || ':'
                    OR substr(dedupe_key, 1, length('reminder:' || ?2 || ':')) = 'reminder:' || ?2 || ':')
             ORDER BY id",
        )
        .context("prepare list sent dms")?;
    let rows = stmt
        .query_map(params![recipient.as_str(), id], |r| {
            Ok(SentDm {
                dedupe_key: r.get(0)?,
                channel: r.get(1)?,
                message_ts: r.get(2)?,
            })
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list DMs sent to {recipient} about 1on1 {id}"))?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Db;
    use chrono::TimeZone;

    /// A migrated database with `pending` rows not due yet (the day after `now`) and one due.
    fn outbox_with(pending: i64) -> (tempfile::TempDir, Connection, DateTime<Utc>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bot.db");
        drop(Db::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 3, 8, 0, 0, 0).unwrap();
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
             INSERT INTO outbox (dedupe_key, recipient, kind, body, due_at, next_attempt_at, created_at, updated_at)
             SELECT 'later:' || i, 'U1', 'dm', '{}', ?2, ?2, ?3, ?3 FROM n",
            params![pending, time_to_db(now + chrono::Duration::days(1)), time_to_db(now)],
        )
        .unwrap();
        let due = NewOutbox {
            dedupe_key: "due".into(),
            recipient: UserId::parse("U2").unwrap(),
            kind: OutboxKind::parse("dm").unwrap(),
            body: "{}".into(),
            due_at: now,
            expires_at: None,
        };
        insert_outbox(&conn, &due, now).unwrap();
        (dir, conn, now)
    }

    /// The virtual machine steps SQLite takes to find the next due row.
    fn steps_to_find_next_due(conn: &Connection, now: DateTime<Utc>) -> i32 {
        let mut stmt = conn.prepare(NEXT_DUE).unwrap();
        let found: i64 = stmt.query_row([time_to_db(now)], |r| r.get(0)).unwrap();
        assert!(found > 0);
        stmt.get_status(rusqlite::StatementStatus::VmStep)
    }

    #[test]
    fn claiming_the_next_due_row_costs_the_same_with_100k_pending_rows_as_with_10() {
        let (_a, few, now) = outbox_with(10);
        let (_b, many, _) = outbox_with(100_000);

        let plan: Vec<String> = many
            .prepare(&format!("EXPLAIN QUERY PLAN {NEXT_DUE}"))
            .unwrap()
            .query_map([time_to_db(now)], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            plan,
            ["SEARCH outbox USING COVERING INDEX outbox_due (status=? AND next_attempt_at<?)"],
            "an index range, no scan and no sort"
        );
        assert_eq!(
            steps_to_find_next_due(&few, now),
            steps_to_find_next_due(&many, now)
        );
        let claimed = claim_next_due(&many, now).unwrap().unwrap();
        assert_eq!(claimed.dedupe_key, "due");
        assert!(claim_next_due(&many, now).unwrap().is_none());
    }
}
