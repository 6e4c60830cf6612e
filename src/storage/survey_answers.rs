//! `survey_recipients` and `survey_answers`: who a run was sent to, and what they answered
//! (migration 0013).

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::surveys::{AnswerRow, RecipientRow};
use super::{time_from_db, time_to_db};
use crate::domain::UserId;

pub fn insert_recipient(
    conn: &Connection,
    run: i64,
    user: &UserId,
    theme: Option<i64>,
) -> anyhow::Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO survey_recipients (run_id, user_id, theme_id) VALUES (?1, ?2, ?3)",
        params![run, user.as_str(), theme],
    )
    .with_context(|| format!("add {user} to survey run {run}"))?;
    Ok(())
}

const RECIPIENT_SELECT: &str = "SELECT r.run_id, u.occurs_at, r.user_id, r.theme_id, r.growth, \
     r.answered_at FROM survey_recipients r JOIN survey_runs u ON u.id = r.run_id";

fn recipient_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RecipientRow> {
    let occurs: String = r.get(1)?;
    let user: String = r.get(2)?;
    let answered: Option<String> = r.get(5)?;
    Ok(RecipientRow {
        run_id: r.get(0)?,
        occurs_at: time_from_db(&occurs).unwrap_or_default(),
        user: UserId::parse(&user).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into())
        })?,
        theme_id: r.get(3)?,
        growth: r.get(4)?,
        answered_at: answered.and_then(|a| time_from_db(&a).ok()),
    })
}

pub fn get_recipient(
    conn: &Connection,
    run: i64,
    user: &UserId,
) -> anyhow::Result<Option<RecipientRow>> {
    conn.query_row(
        &format!("{RECIPIENT_SELECT} WHERE r.run_id = ?1 AND r.user_id = ?2"),
        params![run, user.as_str()],
        recipient_from_row,
    )
    .optional()
    .with_context(|| format!("get {user} in survey run {run}"))
}

/// Everyone every run of `survey` was sent to, oldest run first.
pub fn list_recipients(conn: &Connection, survey: i64) -> anyhow::Result<Vec<RecipientRow>> {
    let mut stmt = conn
        .prepare(&format!(
            "{RECIPIENT_SELECT} WHERE u.survey_id = ?1 ORDER BY u.occurs_at, r.user_id"
        ))
        .context("list survey recipients")?;
    let rows = stmt
        .query_map(params![survey], recipient_from_row)
        .with_context(|| format!("list recipients of survey {survey}"))?;
    rows.collect::<Result<_, _>>()
        .context("read survey recipients")
}

/// Every custom answer to `survey`, by run and person.
pub fn list_answers(conn: &Connection, survey: i64) -> anyhow::Result<Vec<AnswerRow>> {
    let mut stmt = conn
        .prepare(
            "SELECT a.run_id, a.user_id, a.question_id, a.question_text, a.value
             FROM survey_answers a JOIN survey_runs u ON u.id = a.run_id
             WHERE u.survey_id = ?1 ORDER BY u.occurs_at, a.user_id, a.question_id",
        )
        .context("list survey answers")?;
    let rows = stmt
        .query_map(params![survey], |r| {
            let user: String = r.get(1)?;
            Ok(AnswerRow {
                run_id: r.get(0)?,
                user: UserId::parse(&user).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        1,
                        rusqlite::types::Type::Text,
                        e.into(),
                    )
                })?,
                question_id: r.get(2)?,
                question_text: r.get(3)?,
                value: r.get(4)?,
            })
        })
        .with_context(|| format!("list answers to survey {survey}"))?;
    rows.collect::<Result<_, _>>()
        .context("read survey answers")
}

/// Saves (or replaces) `user`'s answers to `run`: the growth feeling and each custom answer
/// (question id, its text as answered, the value; an empty value removes the answer).
pub fn upsert_answers(
    conn: &Connection,
    run: i64,
    user: &UserId,
    growth: u8,
    answers: &[(i64, String, String)],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE survey_recipients SET growth = ?3, answered_at = ?4 WHERE run_id = ?1 AND user_id = ?2",
        params![run, user.as_str(), growth, time_to_db(now)],
    )
    .with_context(|| format!("save {user}'s growth feeling for run {run}"))?;
    for (question, text, value) in answers {
        conn.execute(
            "DELETE FROM survey_answers WHERE run_id = ?1 AND user_id = ?2 AND question_id = ?3",
            params![run, user.as_str(), question],
        )
        .with_context(|| format!("replace {user}'s answer to question {question}"))?;
        if value.is_empty() {
            continue;
        }
        conn.execute(
            "INSERT INTO survey_answers (run_id, user_id, question_id, question_text, value)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![run, user.as_str(), question, text, value],
        )
        .with_context(|| format!("save {user}'s answer to question {question}"))?;
    }
    Ok(())
}

/// The surveys that reached someone through one of `themes` (an advisor's scope), by id.
pub fn list_surveys_reaching_themes(conn: &Connection, themes: &[i64]) -> anyhow::Result<Vec<i64>> {
    let mut stmt = conn
        .prepare(
            "SELECT DISTINCT u.survey_id FROM survey_recipients r
             JOIN survey_runs u ON u.id = r.run_id
             WHERE r.theme_id IN (SELECT value FROM json_each(?1)) ORDER BY u.survey_id",
        )
        .context("list surveys reaching themes")?;
    let themes = serde_json::to_string(themes).context("themes as json")?;
    let rows = stmt
        .query_map(params![themes], |r| r.get(0))
        .context("list surveys reaching themes")?;
    rows.collect::<Result<_, _>>()
        .context("read surveys reaching themes")
}
