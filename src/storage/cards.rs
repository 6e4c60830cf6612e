//! What a page of mentor cards needs, read for all of the page's mentors at once (a few
//! queries a page, whatever its size), and the themes the search form offers.

use anyhow::Context;
use rusqlite::{params, Connection};

use super::themes::{question_from_row, theme_from_row, QUESTION_COLUMNS, THEME_COLUMNS};
use crate::domain::{Question, Theme, UserId};

/// A started certification of a live theme, with its theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartedTheme {
    pub mentor: UserId,
    pub certification_id: i64,
    pub theme: Theme,
}

/// Everything the cards of `mentors` show from their certifications.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardRows {
    /// Each mentor's started themes, by theme name.
    pub themes: Vec<StartedTheme>,
    /// The current questions of those themes, in their order.
    pub questions: Vec<Question>,
    /// (certification id, question id, answer).
    pub answers: Vec<(i64, i64, String)>,
}

/// A JSON array of the ids, for `json_each` (one statement whatever the page size).
pub(super) fn id_list(users: &[UserId]) -> String {
    serde_json::Value::from(users.iter().map(|u| u.as_str()).collect::<Vec<_>>()).to_string()
}

/// The started themes (of live themes), their questions and the answers of `mentors`.
pub fn list_card_rows(conn: &Connection, mentors: &[UserId]) -> anyhow::Result<CardRows> {
    if mentors.is_empty() {
        return Ok(CardRows::default());
    }
    let ids = id_list(mentors);
    let theme_columns = THEME_COLUMNS
        .split(", ")
        .map(|c| format!("t.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn
        .prepare_cached(&format!(
            // CROSS JOIN: from the page's mentors (their index) to their themes, never the
            // other way round (which reads every certification of every theme).
            "SELECT {theme_columns}, c.user_id, c.id FROM certifications c
             CROSS JOIN themes t ON t.id = c.theme_id
             WHERE c.user_id IN (SELECT value FROM json_each(?1))
               AND c.status = 'started' AND t.archived_at IS NULL
             ORDER BY c.user_id, t.name, t.id"
        ))
        .context("prepare card themes")?;
    let rows = stmt
        .query_map([&ids], |r| {
            // The theme's columns come first, where `theme_from_row` reads them.
            Ok((
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
                theme_from_row(r)?,
            ))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list card themes")?;
    let themes = rows
        .into_iter()
        .map(|(user, certification_id, theme)| {
            Ok(StartedTheme {
                mentor: UserId::parse(&user).context("stored certification user")?,
                certification_id,
                theme,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;

    let theme_ids =
        serde_json::Value::from(themes.iter().map(|t| t.theme.id).collect::<Vec<_>>()).to_string();
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {QUESTION_COLUMNS} FROM theme_questions
             WHERE theme_id IN (SELECT value FROM json_each(?1)) AND removed_at IS NULL
             ORDER BY theme_id, position, id"
        ))
        .context("prepare card questions")?;
    let questions = stmt
        .query_map([&theme_ids], question_from_row)
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list card questions")?;

    let cert_ids = serde_json::Value::from(
        themes
            .iter()
            .map(|t| t.certification_id)
            .collect::<Vec<_>>(),
    )
    .to_string();
    let mut stmt = conn
        .prepare_cached(
            "SELECT certification_id, question_id, value FROM mentor_answers
             WHERE certification_id IN (SELECT value FROM json_each(?1))",
        )
        .context("prepare card answers")?;
    let answers = stmt
        .query_map([&cert_ids], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list card answers")?;
    Ok(CardRows {
        themes,
        questions,
        answers,
    })
}

/// (person, display name, zone) of the people the bot has met, among `users`.
pub fn list_names_and_zones(
    conn: &Connection,
    users: &[UserId],
) -> anyhow::Result<Vec<(UserId, String, String)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, display_name, tz FROM users WHERE id IN (SELECT value FROM json_each(?1))",
        )
        .context("prepare names and zones")?;
    let rows = stmt
        .query_map(params![id_list(users)], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list names and zones")?;
    rows.into_iter()
        .map(|(id, name, tz)| Ok((UserId::parse(&id).context("stored user id")?, name, tz)))
        .collect()
}

/// Live themes by name, at most `limit`: what the search form's filter offers (no counts:
/// the form needs none, so opening it reads one short page of the themes table).
pub fn list_live_themes(conn: &Connection, limit: usize) -> anyhow::Result<Vec<Theme>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {THEME_COLUMNS} FROM themes WHERE archived_at IS NULL ORDER BY name_key, id LIMIT ?1"
        ))
        .context("prepare live themes")?;
    stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], theme_from_row)
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list live themes")
}
