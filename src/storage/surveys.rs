//! `surveys`, their questions and themes, `survey_runs` (one per occurrence), who each run was
//! sent to and what they answered (migration 0013).

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{time_from_db, time_to_db};
use crate::domain::survey::{Audience, QuestionDef, QuestionKind, Schedule};
use crate::domain::UserId;

pub use super::survey_answers::{
    get_recipient, insert_recipient, list_answers, list_recipients, upsert_answers,
};
pub use super::survey_edit::{update_survey, UpdateOutcome};

/// A survey as the office defined it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyRow {
    pub id: i64,
    pub title: String,
    pub schedule: Schedule,
    pub open_days: u32,
    pub audience: Audience,
    pub themes: Vec<i64>,
    pub paused: bool,
    pub created_at: DateTime<Utc>,
    /// Growth feelings at or below this are listed for follow-up (migration 0015).
    pub low_growth: u8,
}

/// A stored custom question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionRow {
    pub id: i64,
    pub def: QuestionDef,
}

/// One occurrence of a survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunRow {
    pub id: i64,
    pub survey_id: i64,
    pub occurs_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

/// A person a run was sent to, with their growth feeling once answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientRow {
    pub run_id: i64,
    pub occurs_at: DateTime<Utc>,
    pub user: UserId,
    pub theme_id: Option<i64>,
    pub growth: Option<u8>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// A custom answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRow {
    pub run_id: i64,
    pub user: UserId,
    pub question_id: i64,
    pub question_text: String,
    pub value: String,
}

/// A new survey to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSurvey {
    pub title: String,
    pub schedule: Schedule,
    pub open_days: u32,
    pub audience: Audience,
    pub themes: Vec<i64>,
    pub questions: Vec<QuestionDef>,
    pub low_growth: u8,
}

pub fn insert_survey(
    conn: &Connection,
    survey: &NewSurvey,
    by: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    conn.execute(
        "INSERT INTO surveys (title, schedule, open_days, audience, created_by, created_at,
                              low_growth)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            survey.title,
            survey.schedule.as_str(),
            survey.open_days,
            survey.audience.as_str(),
            by,
            time_to_db(now),
            survey.low_growth
        ],
    )
    .context("insert a survey")?;
    let id = conn.last_insert_rowid();
    for theme in &survey.themes {
        conn.execute(
            "INSERT OR IGNORE INTO survey_themes (survey_id, theme_id) VALUES (?1, ?2)",
            params![id, theme],
        )
        .with_context(|| format!("add theme {theme} to survey {id}"))?;
    }
    for (position, q) in survey.questions.iter().enumerate() {
        insert_question(conn, id, position, q)?;
    }
    Ok(id)
}

/// Adds a question at `position` (0-based).
pub(super) fn insert_question(
    conn: &Connection,
    survey: i64,
    position: usize,
    q: &QuestionDef,
) -> anyhow::Result<i64> {
    conn.execute(
        "INSERT INTO survey_questions (survey_id, position, kind, text, choices, required)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            survey,
            position as i64,
            q.kind.as_str(),
            q.text,
            q.choices.join("\n"),
            q.required
        ],
    )
    .with_context(|| format!("add a question to survey {survey}"))?;
    Ok(conn.last_insert_rowid())
}

fn survey_from_row(conn: &Connection, r: &rusqlite::Row<'_>) -> rusqlite::Result<SurveyRow> {
    let id: i64 = r.get(0)?;
    let schedule: String = r.get(2)?;
    let audience: String = r.get(4)?;
    let created: String = r.get(6)?;
    let themes = list_survey_themes(conn, id).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })?;
    Ok(SurveyRow {
        id,
        title: r.get(1)?,
        schedule: Schedule::parse(&schedule).unwrap_or(Schedule::FirstWeekday),
        open_days: r.get(3)?,
        audience: Audience::parse(&audience).unwrap_or(Audience::Had1on1),
        themes,
        paused: r.get(5)?,
        created_at: time_from_db(&created).unwrap_or_default(),
        low_growth: r.get(7)?,
    })
}

const SURVEY_COLUMNS: &str =
    "id, title, schedule, open_days, audience, paused, created_at, low_growth";

pub fn list_surveys(conn: &Connection) -> anyhow::Result<Vec<SurveyRow>> {
    let mut stmt = conn
        .prepare(&format!("SELECT {SURVEY_COLUMNS} FROM surveys ORDER BY id"))
        .context("list surveys")?;
    let rows = stmt
        .query_map([], |r| survey_from_row(conn, r))
        .context("list surveys")?;
    rows.collect::<Result<_, _>>().context("read surveys")
}

pub fn get_survey(conn: &Connection, id: i64) -> anyhow::Result<Option<SurveyRow>> {
    conn.query_row(
        &format!("SELECT {SURVEY_COLUMNS} FROM surveys WHERE id = ?1"),
        params![id],
        |r| survey_from_row(conn, r),
    )
    .optional()
    .with_context(|| format!("get survey {id}"))
}

pub fn list_survey_themes(conn: &Connection, survey: i64) -> anyhow::Result<Vec<i64>> {
    let mut stmt = conn
        .prepare("SELECT theme_id FROM survey_themes WHERE survey_id = ?1 ORDER BY theme_id")
        .context("list survey themes")?;
    let rows = stmt
        .query_map(params![survey], |r| r.get(0))
        .with_context(|| format!("list themes of survey {survey}"))?;
    rows.collect::<Result<_, _>>().context("read survey themes")
}

pub fn update_paused(conn: &Connection, survey: i64, paused: bool) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "UPDATE surveys SET paused = ?2 WHERE id = ?1",
            params![survey, paused],
        )
        .with_context(|| format!("pause survey {survey}"))?;
    Ok(n == 1)
}

/// The questions asked now (not retired by an edit), in order.
pub fn list_questions(conn: &Connection, survey: i64) -> anyhow::Result<Vec<QuestionRow>> {
    questions_where(conn, survey, "retired = 0")
}

/// The questions asked now and every earlier revision that was answered (results and CSV).
pub fn list_questions_with_answered(
    conn: &Connection,
    survey: i64,
) -> anyhow::Result<Vec<QuestionRow>> {
    questions_where(
        conn,
        survey,
        "(retired = 0 OR id IN (SELECT question_id FROM survey_answers))",
    )
}

fn questions_where(
    conn: &Connection,
    survey: i64,
    condition: &str,
) -> anyhow::Result<Vec<QuestionRow>> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT id, kind, text, choices, required FROM survey_questions
             WHERE survey_id = ?1 AND {condition} ORDER BY position, id"
        ))
        .context("list survey questions")?;
    let rows = stmt
        .query_map(params![survey], |r| {
            let kind: String = r.get(1)?;
            let choices: String = r.get(3)?;
            Ok(QuestionRow {
                id: r.get(0)?,
                def: QuestionDef {
                    kind: QuestionKind::parse(&kind).unwrap_or(QuestionKind::Text),
                    text: r.get(2)?,
                    choices: choices
                        .lines()
                        .filter(|c| !c.is_empty())
                        .map(String::from)
                        .collect(),
                    required: r.get(4)?,
                },
            })
        })
        .with_context(|| format!("list questions of survey {survey}"))?;
    rows.collect::<Result<_, _>>()
        .context("read survey questions")
}

/// Opens a run; `None` when this occurrence was opened already.
pub fn insert_run(
    conn: &Connection,
    survey: i64,
    occurs_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
) -> anyhow::Result<Option<i64>> {
    let n = conn
        .execute(
            "INSERT OR IGNORE INTO survey_runs (survey_id, occurs_at, closes_at) VALUES (?1, ?2, ?3)",
            params![survey, time_to_db(occurs_at), time_to_db(closes_at)],
        )
        .with_context(|| format!("open a run of survey {survey}"))?;
    Ok((n == 1).then(|| conn.last_insert_rowid()))
}

fn run_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RunRow> {
    let occurs: String = r.get(2)?;
    let closes: String = r.get(3)?;
    Ok(RunRow {
        id: r.get(0)?,
        survey_id: r.get(1)?,
        occurs_at: time_from_db(&occurs).unwrap_or_default(),
        closes_at: time_from_db(&closes).unwrap_or_default(),
    })
}

pub fn get_run(conn: &Connection, run: i64) -> anyhow::Result<Option<RunRow>> {
    conn.query_row(
        "SELECT id, survey_id, occurs_at, closes_at FROM survey_runs WHERE id = ?1",
        params![run],
        run_from_row,
    )
    .optional()
    .with_context(|| format!("get survey run {run}"))
}

/// The latest run of `survey` that started at or before `at`.
pub fn get_last_run_before(
    conn: &Connection,
    survey: i64,
    at: DateTime<Utc>,
) -> anyhow::Result<Option<RunRow>> {
    conn.query_row(
        "SELECT id, survey_id, occurs_at, closes_at FROM survey_runs
         WHERE survey_id = ?1 AND occurs_at < ?2 ORDER BY occurs_at DESC LIMIT 1",
        params![survey, time_to_db(at)],
        run_from_row,
    )
    .optional()
    .with_context(|| format!("get the last run of survey {survey}"))
}

/// Mentees with a confirmed 1on1 starting in [`since`, `until`), each with the theme of their
/// latest one.
pub fn list_mentees_met(
    conn: &Connection,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> anyhow::Result<Vec<(UserId, i64)>> {
    let mut stmt = conn
        .prepare(
            "SELECT mentee_id, theme_id FROM one_on_ones o
             WHERE status = 'confirmed' AND starts_at >= ?1 AND starts_at < ?2
               AND starts_at = (SELECT MAX(starts_at) FROM one_on_ones p
                                WHERE p.mentee_id = o.mentee_id AND p.status = 'confirmed'
                                  AND p.starts_at >= ?1 AND p.starts_at < ?2)
             GROUP BY mentee_id ORDER BY mentee_id",
        )
        .context("list mentees who met")?;
    let rows = stmt
        .query_map(params![time_to_db(since), time_to_db(until)], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?))
        })
        .context("list mentees who met")?;
    let mut out = Vec::new();
    for row in rows {
        let (user, theme) = row.context("read a mentee")?;
        if let Ok(user) = UserId::parse(&user) {
            out.push((user, theme));
        }
    }
    Ok(out)
}

/// Mentees who ever had a confirmed 1on1 in one of `themes`, each with the first such theme.
pub fn list_mentees_of_themes(
    conn: &Connection,
    themes: &[i64],
) -> anyhow::Result<Vec<(UserId, i64)>> {
    let mut out: Vec<(UserId, i64)> = Vec::new();
    let mut stmt = conn
        .prepare(
            "SELECT DISTINCT mentee_id FROM one_on_ones
             WHERE status = 'confirmed' AND theme_id = ?1 ORDER BY mentee_id",
        )
        .context("list mentees of a theme")?;
    for theme in themes {
        let rows = stmt
            .query_map(params![theme], |r| r.get::<_, String>(0))
            .with_context(|| format!("list mentees of theme {theme}"))?;
        for row in rows {
            let Ok(user) = UserId::parse(&row.context("read a mentee")?) else {
                continue;
            };
            if !out.iter().any(|(u, _)| *u == user) {
                out.push((user, *theme));
            }
        }
    }
    Ok(out)
}

/// Every theme not archived, by name (the survey form's theme choices).
pub fn list_theme_names(conn: &Connection) -> anyhow::Result<Vec<(i64, String)>> {
    let mut stmt = conn
        .prepare("SELECT id, name FROM themes WHERE archived_at IS NULL ORDER BY name LIMIT 100")
        .context("list theme names")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .context("list theme names")?;
    rows.collect::<Result<_, _>>().context("read theme names")
}

/// Every 1on1's start, theme name and status (for the 1on1 statistics export).
pub fn list_one_on_one_outcomes(
    conn: &Connection,
) -> anyhow::Result<Vec<(DateTime<Utc>, String, String)>> {
    let mut stmt = conn
        .prepare(
            "SELECT o.starts_at, t.name, o.status FROM one_on_ones o
             JOIN themes t ON t.id = o.theme_id ORDER BY o.starts_at",
        )
        .context("list 1on1 outcomes")?;
    let rows = stmt
        .query_map([], |r| {
            let start: String = r.get(0)?;
            Ok((start, r.get(1)?, r.get(2)?))
        })
        .context("list 1on1 outcomes")?;
    let mut out = Vec::new();
    for row in rows {
        let (start, theme, status) = row.context("read a 1on1 outcome")?;
        out.push((time_from_db(&start)?, theme, status));
    }
    Ok(out)
}
