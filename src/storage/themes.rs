//! `themes` and `theme_questions`.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::time_to_db;
use crate::domain::{
    Category, MentorCounts, Question, QuestionDraft, QuestionKind, Theme, ThemeDraft, UserId,
};

pub(super) const THEME_COLUMNS: &str = "id, name, category, description, archived_at IS NOT NULL";

pub(super) fn theme_from_row(r: &Row<'_>) -> rusqlite::Result<Theme> {
    let category: String = r.get(2)?;
    Ok(Theme {
        id: r.get(0)?,
        name: r.get(1)?,
        category: Category::parse(&category).unwrap_or(Category::Other),
        description: r.get(3)?,
        archived: r.get(4)?,
    })
}

pub fn insert_theme(
    conn: &Connection,
    draft: &ThemeDraft,
    actor: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    conn.execute(
        "INSERT INTO themes (name, name_key, category, description, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            draft.name.as_str(),
            draft.name.key(),
            draft.category.as_str(),
            draft.description,
            actor,
            time_to_db(now)
        ],
    )
    .with_context(|| format!("insert theme {:?}", draft.name.as_str()))?;
    Ok(conn.last_insert_rowid())
}

pub fn update_theme(
    conn: &Connection,
    id: i64,
    draft: &ThemeDraft,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "UPDATE themes SET name = ?2, name_key = ?3, category = ?4, description = ?5, updated_at = ?6
             WHERE id = ?1",
            params![
                id,
                draft.name.as_str(),
                draft.name.key(),
                draft.category.as_str(),
                draft.description,
                time_to_db(now)
            ],
        )
        .with_context(|| format!("update theme {id}"))?;
    super::search::update_search_rows_for_theme(conn, id)?;
    Ok(n == 1)
}

/// Archives (`Some(now)`) or restores (`None`) a theme.
pub fn update_theme_archived(
    conn: &Connection,
    id: i64,
    archived_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "UPDATE themes SET archived_at = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, archived_at.map(time_to_db), time_to_db(now)],
        )
        .with_context(|| format!("archive/restore theme {id}"))?;
    super::search::update_search_rows_for_theme(conn, id)?;
    Ok(n == 1)
}

pub fn get_theme(conn: &Connection, id: i64) -> anyhow::Result<Option<Theme>> {
    conn.query_row(
        &format!("SELECT {THEME_COLUMNS} FROM themes WHERE id = ?1"),
        [id],
        theme_from_row,
    )
    .optional()
    .with_context(|| format!("get theme {id}"))
}

/// The theme whose name has this uniqueness key (see `domain::name_key`).
pub fn get_theme_by_key(conn: &Connection, key: &str) -> anyhow::Result<Option<Theme>> {
    conn.query_row(
        &format!("SELECT {THEME_COLUMNS} FROM themes WHERE name_key = ?1"),
        [key],
        theme_from_row,
    )
    .optional()
    .with_context(|| format!("get theme by name {key:?}"))
}

/// One page of themes (active first, then by name) with their mentor counts, and the total.
pub fn list_theme_summaries(
    conn: &Connection,
    include_archived: bool,
    offset: usize,
    limit: usize,
) -> anyhow::Result<(Vec<(Theme, MentorCounts)>, usize)> {
    let total: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM themes WHERE ?1 OR archived_at IS NULL",
            [include_archived],
            |r| r.get(0),
        )
        .context("count themes")?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT t.id, t.name, t.category, t.description, t.archived_at IS NOT NULL,
                    COUNT(c.id) FILTER (WHERE c.status != 'revoked'),
                    COUNT(c.id) FILTER (WHERE c.status = 'started'),
                    COUNT(c.id) FILTER (WHERE c.status IN ('certified', 'needs_answers'))
             FROM themes t LEFT JOIN certifications c ON c.theme_id = t.id
             WHERE ?1 OR t.archived_at IS NULL
             GROUP BY t.id
             ORDER BY t.archived_at IS NOT NULL, t.name_key
             LIMIT ?2 OFFSET ?3",
        )
        .context("prepare list themes")?;
    let rows = stmt
        .query_map(
            params![include_archived, limit as i64, offset as i64],
            |r| {
                Ok((
                    theme_from_row(r)?,
                    MentorCounts {
                        certified: r.get(5)?,
                        started: r.get(6)?,
                        waiting: r.get(7)?,
                    },
                ))
            },
        )
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list themes")?;
    Ok((rows, total as usize))
}

pub(super) const QUESTION_COLUMNS: &str =
    "id, theme_id, position, label, kind, options, required, revision";

pub(super) fn question_from_row(r: &Row<'_>) -> rusqlite::Result<Question> {
    let kind: String = r.get(4)?;
    let options: String = r.get(5)?;
    let kind = match kind.as_str() {
        "choice" => QuestionKind::Choice(serde_json::from_str(&options).unwrap_or_default()),
        _ => QuestionKind::Text,
    };
    Ok(Question {
        id: r.get(0)?,
        theme_id: r.get(1)?,
        position: r.get(2)?,
        label: r.get(3)?,
        kind,
        required: r.get(6)?,
        revision: r.get(7)?,
    })
}

/// The theme's current questions, in order.
pub fn list_questions(conn: &Connection, theme_id: i64) -> anyhow::Result<Vec<Question>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {QUESTION_COLUMNS} FROM theme_questions
             WHERE theme_id = ?1 AND removed_at IS NULL ORDER BY position, id"
        ))
        .context("prepare list questions")?;
    stmt.query_map([theme_id], question_from_row)
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list questions of theme {theme_id}"))
}

/// A question, also when it has been removed (its answers stay readable).
pub fn get_question(conn: &Connection, id: i64) -> anyhow::Result<Option<Question>> {
    conn.query_row(
        &format!(
            "SELECT {QUESTION_COLUMNS} FROM theme_questions WHERE id = ?1 AND removed_at IS NULL"
        ),
        [id],
        question_from_row,
    )
    .optional()
    .with_context(|| format!("get question {id}"))
}

fn options_json(kind: &QuestionKind) -> String {
    serde_json::to_string(kind.options()).unwrap_or_else(|_| "[]".into())
}

/// Appends a question at the end of the theme's list.
pub fn insert_question(
    conn: &Connection,
    theme_id: i64,
    draft: &QuestionDraft,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    conn.execute(
        "INSERT INTO theme_questions (theme_id, position, label, kind, options, required, created_at, updated_at)
         VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM theme_questions WHERE theme_id = ?1),
                 ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            theme_id,
            draft.label,
            draft.kind.as_str(),
            options_json(&draft.kind),
            draft.required,
            time_to_db(now)
        ],
    )
    .with_context(|| format!("insert question into theme {theme_id}"))?;
    let id = conn.last_insert_rowid();
    super::search::update_search_rows_for_theme(conn, theme_id)?;
    Ok(id)
}

pub fn update_question(
    conn: &Connection,
    id: i64,
    draft: &QuestionDraft,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "UPDATE theme_questions SET label = ?2, kind = ?3, options = ?4, required = ?5,
                                        revision = revision + 1, updated_at = ?6
             WHERE id = ?1 AND removed_at IS NULL",
            params![
                id,
                draft.label,
                draft.kind.as_str(),
                options_json(&draft.kind),
                draft.required,
                time_to_db(now)
            ],
        )
        .with_context(|| format!("update question {id}"))?;
    reindex_question_theme(conn, id)?;
    Ok(n == 1)
}

pub fn update_question_removed(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "UPDATE theme_questions SET removed_at = ?2, updated_at = ?2 WHERE id = ?1 AND removed_at IS NULL",
            params![id, time_to_db(now)],
        )
        .with_context(|| format!("remove question {id}"))?;
    reindex_question_theme(conn, id)?;
    Ok(n == 1)
}

/// Rebuilds the search rows of the theme a question (even a removed one) belongs to.
fn reindex_question_theme(conn: &Connection, question_id: i64) -> anyhow::Result<()> {
    let theme: Option<i64> = conn
        .query_row(
            "SELECT theme_id FROM theme_questions WHERE id = ?1",
            [question_id],
            |r| r.get(0),
        )
        .optional()
        .context("theme of question")?;
    match theme {
        Some(theme) => super::search::update_search_rows_for_theme(conn, theme),
        None => Ok(()),
    }
}

/// Swaps the positions of two questions (reordering by one step).
pub fn update_swap_positions(conn: &Connection, a: &Question, b: &Question) -> anyhow::Result<()> {
    let mut stmt = conn
        .prepare_cached("UPDATE theme_questions SET position = ?2 WHERE id = ?1")
        .context("prepare reorder")?;
    stmt.execute(params![a.id, b.position])
        .context("reorder question")?;
    stmt.execute(params![b.id, a.position])
        .context("reorder question")?;
    Ok(())
}

/// Renumbers positions 1..n in the current order (after removals or legacy gaps).
pub fn update_renumber_positions(conn: &Connection, theme_id: i64) -> anyhow::Result<()> {
    let ids: Vec<i64> = list_questions(conn, theme_id)?
        .iter()
        .map(|q| q.id)
        .collect();
    let mut stmt = conn
        .prepare_cached("UPDATE theme_questions SET position = ?2 WHERE id = ?1")
        .context("prepare renumber")?;
    for (i, id) in ids.iter().enumerate() {
        stmt.execute(params![id, i as i64 + 1])
            .context("renumber question")?;
    }
    Ok(())
}

/// `actor` as stored in `created_by` / audit rows.
pub fn actor_label(actor: Option<&UserId>) -> String {
    actor.map(|u| u.to_string()).unwrap_or_else(|| "cli".into())
}

/// Program-wide: (active themes, mentor counts summed over active themes).
pub fn get_overview(conn: &Connection) -> anyhow::Result<(i64, MentorCounts)> {
    conn.query_row(
        "SELECT (SELECT COUNT(*) FROM themes WHERE archived_at IS NULL),
                COUNT(c.id) FILTER (WHERE c.status != 'revoked'),
                COUNT(c.id) FILTER (WHERE c.status = 'started'),
                COUNT(c.id) FILTER (WHERE c.status IN ('certified', 'needs_answers'))
         FROM certifications c JOIN themes t ON t.id = c.theme_id AND t.archived_at IS NULL",
        [],
        |r| {
            Ok((
                r.get(0)?,
                MentorCounts {
                    certified: r.get(1)?,
                    started: r.get(2)?,
                    waiting: r.get(3)?,
                },
            ))
        },
    )
    .context("program overview")
}
