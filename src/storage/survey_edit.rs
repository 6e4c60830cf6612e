//! Editing a survey (issue 11): its settings and themes replaced, and its questions reconciled by
//! position — unchanged ones kept, changed or removed ones deleted while unanswered, or retired
//! (kept with their answers, for results and CSV) once answered, a changed text then asked as a
//! new row (migration 0015).

use anyhow::Context;
use rusqlite::{params, Connection};

use super::surveys::{insert_question, list_questions, NewSurvey};

/// What an edit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UpdateOutcome {
    pub found: bool,
    /// Answered questions that became a new revision (or were removed but kept for results).
    pub retired: usize,
}

fn answered(conn: &Connection, question: i64) -> anyhow::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM survey_answers WHERE question_id = ?1)",
        params![question],
        |r| r.get(0),
    )
    .with_context(|| format!("is survey question {question} answered"))
}

/// Retires an answered question (kept for results), or deletes an unanswered one.
fn withdraw(conn: &Connection, question: i64) -> anyhow::Result<bool> {
    if answered(conn, question)? {
        conn.execute(
            "UPDATE survey_questions SET retired = 1 WHERE id = ?1",
            params![question],
        )
        .with_context(|| format!("retire survey question {question}"))?;
        Ok(true)
    } else {
        conn.execute(
            "DELETE FROM survey_questions WHERE id = ?1",
            params![question],
        )
        .with_context(|| format!("delete survey question {question}"))?;
        Ok(false)
    }
}

pub fn update_survey(
    conn: &Connection,
    id: i64,
    survey: &NewSurvey,
) -> anyhow::Result<UpdateOutcome> {
    let n = conn
        .execute(
            "UPDATE surveys SET title = ?2, schedule = ?3, open_days = ?4, audience = ?5,
                                low_growth = ?6
             WHERE id = ?1",
            params![
                id,
                survey.title,
                survey.schedule.as_str(),
                survey.open_days,
                survey.audience.as_str(),
                survey.low_growth
            ],
        )
        .with_context(|| format!("update survey {id}"))?;
    if n == 0 {
        return Ok(UpdateOutcome::default());
    }
    conn.execute(
        "DELETE FROM survey_themes WHERE survey_id = ?1",
        params![id],
    )
    .with_context(|| format!("clear the themes of survey {id}"))?;
    for theme in &survey.themes {
        conn.execute(
            "INSERT OR IGNORE INTO survey_themes (survey_id, theme_id) VALUES (?1, ?2)",
            params![id, theme],
        )
        .with_context(|| format!("add theme {theme} to survey {id}"))?;
    }
    let old = list_questions(conn, id)?;
    let mut retired = 0;
    for (position, def) in survey.questions.iter().enumerate() {
        match old.get(position) {
            Some(q) if &q.def == def => {
                conn.execute(
                    "UPDATE survey_questions SET position = ?2 WHERE id = ?1",
                    params![q.id, position as i64],
                )
                .with_context(|| format!("keep survey question {}", q.id))?;
            }
            Some(q) => {
                retired += usize::from(withdraw(conn, q.id)?);
                insert_question(conn, id, position, def)?;
            }
            None => {
                insert_question(conn, id, position, def)?;
            }
        }
    }
    for q in old.iter().skip(survey.questions.len()) {
        retired += usize::from(withdraw(conn, q.id)?);
    }
    Ok(UpdateOutcome {
        found: true,
        retired,
    })
}
