//! The shared memo's entries and their edit history (`memo_entries`, `memo_revisions`),
//! private memos, TODOs, and the past 1on1s a person looks back on.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{time_from_db, time_to_db};
use crate::domain::memo::{MemoEntry, MemoRevision, Todo};
use crate::domain::UserId;

const DAY: &str = "%Y-%m-%d";

fn user(id: &str) -> anyhow::Result<UserId> {
    UserId::parse(id).with_context(|| format!("stored user {id:?}"))
}

const ENTRY_COLUMNS: &str =
    "id, one_on_one_id, author_id, body, created_at, updated_by, updated_at";

fn entry_row(r: &Row<'_>) -> rusqlite::Result<anyhow::Result<MemoEntry>> {
    let (id, one, author, body, created): (i64, Option<i64>, String, String, String) =
        (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
    let (by, at): (Option<String>, Option<String>) = (r.get(5)?, r.get(6)?);
    Ok((|| {
        let edited = match (by, at) {
            (Some(by), Some(at)) => Some((user(&by)?, time_from_db(&at)?)),
            _ => None,
        };
        Ok(MemoEntry {
            id,
            one_on_one_id: one,
            author: user(&author)?,
            body,
            created_at: time_from_db(&created)?,
            edited,
        })
    })())
}

/// The shared-memo entries written on 1on1 `one_on_one_id`, oldest first.
pub fn list_entries_of(conn: &Connection, one_on_one_id: i64) -> anyhow::Result<Vec<MemoEntry>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM memo_entries WHERE one_on_one_id = ?1 ORDER BY created_at, id"
        ))
        .context("prepare memo entries of a 1on1")?;
    let rows = stmt
        .query_map([one_on_one_id], entry_row)
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list memo entries of 1on1 {one_on_one_id}"))?;
    rows.into_iter().collect()
}

pub fn get_entry(conn: &Connection, id: i64) -> anyhow::Result<Option<MemoEntry>> {
    conn.query_row(
        &format!("SELECT {ENTRY_COLUMNS} FROM memo_entries WHERE id = ?1"),
        [id],
        entry_row,
    )
    .optional()
    .with_context(|| format!("get memo entry {id}"))?
    .transpose()
}

/// Replaces an entry's text, keeping the text it had (and who wrote it when) as a revision.
pub fn update_entry(
    conn: &Connection,
    entry: &MemoEntry,
    editor: &UserId,
    body: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let (written_by, written_at) = entry
        .edited
        .clone()
        .unwrap_or((entry.author.clone(), entry.created_at));
    conn.execute(
        "INSERT INTO memo_revisions (entry_id, body, written_by, written_at, replaced_by, replaced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            entry.id,
            entry.body,
            written_by.as_str(),
            time_to_db(written_at),
            editor.as_str(),
            time_to_db(now)
        ],
    )
    .with_context(|| format!("keep the earlier text of memo entry {}", entry.id))?;
    conn.execute(
        "UPDATE memo_entries SET body = ?2, updated_by = ?3, updated_at = ?4 WHERE id = ?1",
        params![entry.id, body, editor.as_str(), time_to_db(now)],
    )
    .with_context(|| format!("edit memo entry {}", entry.id))?;
    Ok(())
}

/// The earlier texts of an entry, oldest first.
pub fn list_revisions(conn: &Connection, entry_id: i64) -> anyhow::Result<Vec<MemoRevision>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT body, written_by, written_at, replaced_by, replaced_at FROM memo_revisions
             WHERE entry_id = ?1 ORDER BY id",
        )
        .context("prepare memo revisions")?;
    let rows = stmt
        .query_map([entry_id], |r| {
            let row: (String, String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            Ok(row)
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list revisions of memo entry {entry_id}"))?;
    rows.into_iter()
        .map(|(body, wb, wa, rb, ra)| {
            Ok(MemoRevision {
                body,
                written_by: user(&wb)?,
                written_at: time_from_db(&wa)?,
                replaced_by: user(&rb)?,
                replaced_at: time_from_db(&ra)?,
            })
        })
        .collect()
}

/// `author`'s private memo on a 1on1. There is no query by 1on1 alone: a private memo is
/// only ever read by naming its author.
pub fn get_private_memo(
    conn: &Connection,
    one_on_one_id: i64,
    author: &UserId,
) -> anyhow::Result<Option<String>> {
    conn.query_row(
        "SELECT body FROM private_memos WHERE one_on_one_id = ?1 AND author_id = ?2",
        params![one_on_one_id, author.as_str()],
        |r| r.get(0),
    )
    .optional()
    .with_context(|| format!("get the private memo of {author} on 1on1 {one_on_one_id}"))
}

/// Saves `author`'s private memo (an empty text deletes it).
pub fn upsert_private_memo(
    conn: &Connection,
    one_on_one_id: i64,
    author: &UserId,
    body: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    if body.is_empty() {
        conn.execute(
            "DELETE FROM private_memos WHERE one_on_one_id = ?1 AND author_id = ?2",
            params![one_on_one_id, author.as_str()],
        )
        .context("clear a private memo")?;
        return Ok(());
    }
    conn.execute(
        "INSERT INTO private_memos (one_on_one_id, author_id, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (one_on_one_id, author_id) DO UPDATE SET body = ?3, updated_at = ?4",
        params![one_on_one_id, author.as_str(), body, time_to_db(now)],
    )
    .context("save a private memo")?;
    Ok(())
}

const TODO_COLUMNS: &str =
    "id, one_on_one_id, mentor_id, mentee_id, owner_id, body, due_on, done_at";

fn todo_row(r: &Row<'_>) -> rusqlite::Result<anyhow::Result<Todo>> {
    let (id, one, mentor, mentee, owner): (i64, i64, String, String, String) =
        (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
    let (text, due, done): (String, Option<String>, Option<String>) =
        (r.get(5)?, r.get(6)?, r.get(7)?);
    Ok((|| {
        Ok(Todo {
            id,
            one_on_one_id: one,
            mentor: user(&mentor)?,
            mentee: user(&mentee)?,
            owner: user(&owner)?,
            text,
            due: due
                .map(|d| NaiveDate::parse_from_str(&d, DAY).context("stored due date"))
                .transpose()?,
            done: done.is_some(),
        })
    })())
}

fn collect_todos(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
    what: &str,
) -> anyhow::Result<Vec<Todo>> {
    let mut stmt = conn
        .prepare_cached(sql)
        .with_context(|| format!("prepare {what}"))?;
    let rows = stmt
        .query_map(args, todo_row)
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list {what}"))?;
    rows.into_iter().collect()
}

/// A new TODO of `one_on_one_id` (its pair copied, so visibility needs no join).
#[allow(clippy::too_many_arguments)]
pub fn insert_todo(
    conn: &Connection,
    one_on_one_id: i64,
    mentor: &UserId,
    mentee: &UserId,
    owner: &UserId,
    text: &str,
    due: Option<NaiveDate>,
    by: &UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    conn.execute(
        "INSERT INTO todos (one_on_one_id, mentor_id, mentee_id, owner_id, body, due_on, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            one_on_one_id,
            mentor.as_str(),
            mentee.as_str(),
            owner.as_str(),
            text,
            due.map(|d| d.format(DAY).to_string()),
            by.as_str(),
            time_to_db(now)
        ],
    )
    .context("add a TODO")?;
    Ok(conn.last_insert_rowid())
}

/// A TODO that was not deleted.
pub fn get_todo(conn: &Connection, id: i64) -> anyhow::Result<Option<Todo>> {
    conn.query_row(
        &format!("SELECT {TODO_COLUMNS} FROM todos WHERE id = ?1 AND deleted_at IS NULL"),
        [id],
        todo_row,
    )
    .optional()
    .with_context(|| format!("get TODO {id}"))?
    .transpose()
}

/// The TODOs of a 1on1, in the order they were added.
pub fn list_todos_of(conn: &Connection, one_on_one_id: i64) -> anyhow::Result<Vec<Todo>> {
    collect_todos(
        conn,
        &format!(
            "SELECT {TODO_COLUMNS} FROM todos WHERE one_on_one_id = ?1 AND deleted_at IS NULL ORDER BY id"
        ),
        [one_on_one_id],
        "TODOs of a 1on1",
    )
}

/// `owner`'s open TODOs, those due soonest first (undated last), at most `limit`; a declined or
/// expired request's TODOs are not listed (its memo never opens).
pub fn list_open_todos_of_owner(
    conn: &Connection,
    owner: &UserId,
    limit: usize,
) -> anyhow::Result<Vec<Todo>> {
    collect_todos(
        conn,
        &format!(
            "SELECT {TODO_COLUMNS} FROM todos WHERE owner_id = ?1 AND done_at IS NULL AND deleted_at IS NULL
               AND one_on_one_id NOT IN (SELECT id FROM one_on_ones WHERE status IN ('declined', 'expired'))
             ORDER BY due_on IS NULL, due_on, id LIMIT ?2"
        ),
        params![owner.as_str(), limit as i64],
        "open TODOs of an owner",
    )
}

/// How many open TODOs `owner` has.
pub fn count_open_todos_of_owner(conn: &Connection, owner: &UserId) -> anyhow::Result<usize> {
    conn.query_row(
        "SELECT COUNT(*) FROM todos WHERE owner_id = ?1 AND done_at IS NULL AND deleted_at IS NULL
           AND one_on_one_id NOT IN (SELECT id FROM one_on_ones WHERE status IN ('declined', 'expired'))",
        [owner.as_str()],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n as usize)
    .context("count open TODOs")
}

/// Marks a TODO done; false when it already was (or is gone).
pub fn update_todo_done(
    conn: &Connection,
    id: i64,
    by: &UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "UPDATE todos SET done_at = ?2, done_by = ?3
             WHERE id = ?1 AND done_at IS NULL AND deleted_at IS NULL",
            params![id, time_to_db(now), by.as_str()],
        )
        .with_context(|| format!("mark TODO {id} done"))?;
    Ok(n == 1)
}

/// Deletes a TODO (the row stays, hidden, for the record); false when it was already gone.
pub fn update_todo_deleted(conn: &Connection, id: i64, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "UPDATE todos SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, time_to_db(now)],
        )
        .with_context(|| format!("delete TODO {id}"))?;
    Ok(n == 1)
}

/// The ids of `user`'s past 1on1s (confirmed and ended by `now`), with `partner` when given,
/// newest first: `limit` of them after skipping `offset`.
pub fn list_past_ids(
    conn: &Connection,
    user: &UserId,
    partner: Option<&UserId>,
    now: DateTime<Utc>,
    limit: usize,
    offset: usize,
) -> anyhow::Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id FROM one_on_ones
             WHERE (mentor_id = ?1 OR mentee_id = ?1) AND status = 'confirmed' AND ends_at <= ?2
               AND (?3 IS NULL OR mentor_id = ?3 OR mentee_id = ?3)
             ORDER BY starts_at DESC, id DESC LIMIT ?4 OFFSET ?5",
        )
        .context("prepare past 1on1s")?;
    stmt.query_map(
        params![
            user.as_str(),
            time_to_db(now),
            partner.map(UserId::as_str),
            limit as i64,
            offset as i64
        ],
        |r| r.get(0),
    )
    .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
    .with_context(|| format!("list past 1on1s of {user}"))
}

/// Whether the mentor marked a 1on1 held (`Some(true)`), not held, or nothing yet.
pub fn get_held(conn: &Connection, one_on_one_id: i64) -> anyhow::Result<Option<bool>> {
    let held: Option<String> = conn
        .query_row(
            "SELECT held FROM one_on_ones WHERE id = ?1",
            [one_on_one_id],
            |r| r.get(0),
        )
        .optional()
        .with_context(|| format!("get whether 1on1 {one_on_one_id} was held"))?
        .flatten();
    Ok(held.map(|h| h == "held"))
}

/// Everyone `user` has had a past 1on1 with, each once.
pub fn list_partners(
    conn: &Connection,
    user: &UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<UserId>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT DISTINCT CASE WHEN mentor_id = ?1 THEN mentee_id ELSE mentor_id END
             FROM one_on_ones WHERE (mentor_id = ?1 OR mentee_id = ?1) AND status = 'confirmed'
               AND ends_at <= ?2 ORDER BY 1",
        )
        .context("prepare past partners")?;
    let ids = stmt
        .query_map(params![user.as_str(), time_to_db(now)], |r| {
            r.get::<_, String>(0)
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list past partners of {user}"))?;
    ids.iter()
        .map(|id| UserId::parse(id).context("stored partner"))
        .collect()
}
