//! `certifications` and `mentor_answers`.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::time_to_db;
use crate::domain::{CertStatus, Certification, Certified, UserId};

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<anyhow::Result<Certification>> {
    let user: String = r.get(2)?;
    let status: String = r.get(3)?;
    let (id, theme_id, generation) = (r.get(0)?, r.get(1)?, r.get(4)?);
    Ok((|| {
        Ok(Certification {
            id,
            theme_id,
            user: UserId::parse(&user).context("stored certification user")?,
            status: CertStatus::parse(&status)
                .with_context(|| format!("stored status {status:?}"))?,
            generation,
        })
    })())
}

const COLUMNS: &str = "id, theme_id, user_id, status, generation";

pub fn get_certification(
    conn: &Connection,
    theme_id: i64,
    user: &UserId,
) -> anyhow::Result<Option<Certification>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM certifications WHERE theme_id = ?1 AND user_id = ?2"),
        params![theme_id, user.as_str()],
        from_row,
    )
    .optional()
    .with_context(|| format!("get certification of {user} for theme {theme_id}"))?
    .transpose()
}

/// Certifies `user` for a theme, as `status` (`Certified`, or `Started` when moving an existing
/// program over). Idempotent for someone already certified.
pub fn upsert_certification(
    conn: &Connection,
    theme_id: i64,
    user: &UserId,
    status: CertStatus,
    actor: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Certified> {
    let started_at = (status == CertStatus::Started).then(|| time_to_db(now));
    match get_certification(conn, theme_id, user)? {
        Some(existing) if existing.status != CertStatus::Revoked => {
            Ok(Certified::Already { id: existing.id })
        }
        Some(revoked) => {
            conn.execute(
                "UPDATE certifications SET status = ?2, generation = generation + 1, certified_by = ?3,
                        certified_at = ?4, started_at = ?5, revoked_at = NULL, updated_at = ?4
                 WHERE id = ?1",
                params![revoked.id, status.as_str(), actor, time_to_db(now), started_at],
            )
            .with_context(|| format!("re-certify {user} for theme {theme_id}"))?;
            // Certified as already started (a CSV import) is found at once, answers or not.
            super::search::update_search_row(conn, revoked.id)?;
            Ok(Certified::New {
                id: revoked.id,
                generation: revoked.generation + 1,
            })
        }
        None => {
            conn.execute(
                "INSERT INTO certifications (theme_id, user_id, status, certified_by, certified_at, started_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5)",
                params![theme_id, user.as_str(), status.as_str(), actor, time_to_db(now), started_at],
            )
            .with_context(|| format!("certify {user} for theme {theme_id}"))?;
            let id = conn.last_insert_rowid();
            super::search::update_search_row(conn, id)?;
            Ok(Certified::New { id, generation: 1 })
        }
    }
}

pub fn update_certification_status(
    conn: &Connection,
    id: i64,
    status: CertStatus,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let revoked_at = (status == CertStatus::Revoked).then(|| time_to_db(now));
    conn.execute(
        "UPDATE certifications SET status = ?2, revoked_at = COALESCE(?3, revoked_at), updated_at = ?4 WHERE id = ?1",
        params![id, status.as_str(), revoked_at, time_to_db(now)],
    )
    .with_context(|| format!("set certification {id} to {}", status.as_str()))?;
    // The search index follows the status (only started mentors are found).
    super::search::update_search_row(conn, id)
}

/// The theme's certifications that are not revoked, oldest first (at most `limit`).
pub fn list_certifications_for_theme(
    conn: &Connection,
    theme_id: i64,
    limit: usize,
) -> anyhow::Result<Vec<Certification>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM certifications WHERE theme_id = ?1 AND status != 'revoked'
             ORDER BY certified_at, id LIMIT ?2"
        ))
        .context("prepare list certifications")?;
    let rows = stmt
        .query_map(params![theme_id, limit as i64], from_row)
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list certifications of theme {theme_id}"))?;
    rows.into_iter().collect()
}

/// Whether `user` mentors any theme (certified and not revoked).
pub fn has_certification(conn: &Connection, user: &UserId) -> anyhow::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM certifications WHERE user_id = ?1 AND status != 'revoked')",
        [user.as_str()],
        |r| r.get(0),
    )
    .with_context(|| format!("is {user} a mentor"))
}

/// Stores an answer; returns whether it changed anything.
pub fn upsert_answer(
    conn: &Connection,
    certification_id: i64,
    question_id: i64,
    value: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "INSERT INTO mentor_answers (certification_id, question_id, value, answered_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (certification_id, question_id) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at
             WHERE value != excluded.value",
            params![certification_id, question_id, value, time_to_db(now)],
        )
        .with_context(|| format!("store answer to question {question_id}"))?;
    if n == 1 {
        super::search::update_search_row(conn, certification_id)?;
    }
    Ok(n == 1)
}

/// (question id, value) for every answer of a certification.
pub fn list_answers(
    conn: &Connection,
    certification_id: i64,
) -> anyhow::Result<Vec<(i64, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT question_id, value FROM mentor_answers WHERE certification_id = ?1")
        .context("prepare list answers")?;
    stmt.query_map([certification_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list answers of certification {certification_id}"))
}

/// The themes a person is certified for (not revoked).
pub fn list_theme_ids_for_user(conn: &Connection, user: &UserId) -> anyhow::Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT theme_id FROM certifications WHERE user_id = ?1 AND status != 'revoked'",
        )
        .context("prepare list user themes")?;
    stmt.query_map([user.as_str()], |r| r.get(0))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list themes of {user}"))
}

/// Removes one answer (the mentor cleared it).
pub fn delete_answer(
    conn: &Connection,
    certification_id: i64,
    question_id: i64,
) -> anyhow::Result<()> {
    conn.execute(
        "DELETE FROM mentor_answers WHERE certification_id = ?1 AND question_id = ?2",
        params![certification_id, question_id],
    )
    .with_context(|| format!("clear answer to question {question_id}"))?;
    super::search::update_search_row(conn, certification_id)
}
