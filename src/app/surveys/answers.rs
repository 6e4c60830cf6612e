//! A recipient answers a survey run: their form with earlier answers, and saving (replacing
//! earlier answers) while the run is open — only for people the run was sent to.

use chrono::{DateTime, Utc};

use super::{AnswerScreen, SurveyError};
use crate::app::App;
use crate::domain::survey::QuestionKind;
use crate::domain::{OutboxKey, UserId};
use crate::storage::outbox;
use crate::storage::surveys::{self as store, QuestionRow, RunRow, SurveyRow};

impl App {
    /// `user`'s answer form for `run` (only theirs, only while it is open).
    pub async fn survey_answer_screen(
        &self,
        user: &UserId,
        run: i64,
        now: DateTime<Utc>,
    ) -> Result<AnswerScreen, SurveyError> {
        let (run, recipient, survey, questions, answers) = self.load_run_for(user, run).await?;
        if run.closes_at <= now {
            return Err(SurveyError::Closed);
        }
        let mine = answers
            .into_iter()
            .filter(|a| &a.user == user && a.run_id == run.id)
            .map(|a| (a.question_id, a.value))
            .collect();
        Ok(AnswerScreen {
            run: run.id,
            title: survey.title,
            closes_at: run.closes_at,
            questions,
            growth: recipient.growth,
            answers: mine,
        })
    }

    /// Saves `user`'s answers to `run` (replacing earlier ones) while it is open, and
    /// withdraws their reminder. `growth` is the 1–5 choice; `answers` by question id.
    pub async fn answer_survey(
        &self,
        user: &UserId,
        run: i64,
        growth: Option<&str>,
        answers: &[(i64, String)],
        now: DateTime<Utc>,
    ) -> Result<(), SurveyError> {
        let (run, _, _, questions, _) = self.load_run_for(user, run).await?;
        if run.closes_at <= now {
            return Err(SurveyError::Closed);
        }
        let growth = growth
            .and_then(|g| g.parse::<u8>().ok())
            .filter(|g| (1..=5).contains(g));
        let mut missing = Vec::new();
        if growth.is_none() {
            missing.push(None);
        }
        let mut saved = Vec::new();
        for q in &questions {
            let value = answers
                .iter()
                .find(|(id, _)| *id == q.id)
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default();
            let valid = match q.def.kind {
                QuestionKind::Text => value.chars().count() <= 2000,
                QuestionKind::Scale => {
                    value.is_empty() || value.parse::<u8>().is_ok_and(|v| (1..=5).contains(&v))
                }
                QuestionKind::Choice => value.is_empty() || q.def.choices.contains(&value),
            };
            if !valid || (q.def.required && value.is_empty()) {
                missing.push(Some(q.id));
            }
            saved.push((q.id, q.def.text.clone(), value));
        }
        let Some(growth) = growth.filter(|_| missing.is_empty()) else {
            return Err(SurveyError::Missing(missing));
        };
        let (user, run_id) = (user.clone(), run.id);
        self.db
            .write(move |tx| -> anyhow::Result<()> {
                store::upsert_answers(tx, run_id, &user, growth, &saved, now)?;
                let key = OutboxKey::SurveyReminder {
                    run: run_id,
                    user: user.clone(),
                };
                outbox::update_cancel_pending_key(tx, &key.to_string(), now)?;
                Ok(())
            })
            .await?;
        Ok(())
    }

    #[allow(clippy::type_complexity)]
    async fn load_run_for(
        &self,
        user: &UserId,
        run: i64,
    ) -> Result<
        (
            RunRow,
            store::RecipientRow,
            SurveyRow,
            Vec<QuestionRow>,
            Vec<store::AnswerRow>,
        ),
        SurveyError,
    > {
        let who = user.clone();
        let loaded = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                let Some(run) = store::get_run(c, run)? else {
                    return Ok(None);
                };
                let recipient = store::get_recipient(c, run.id, &who)?;
                let survey = store::get_survey(c, run.survey_id)?;
                let questions = store::list_questions(c, run.survey_id)?;
                let answers = store::list_answers(c, run.survey_id)?;
                Ok(Some((run, recipient, survey, questions, answers)))
            })
            .await?;
        let Some((run, recipient, survey, questions, answers)) = loaded else {
            return Err(SurveyError::NotFound);
        };
        let Some(recipient) = recipient else {
            tracing::warn!(user = %user, run = run.id, "refused a survey answer from a non-recipient");
            return Err(SurveyError::NotRecipient);
        };
        let survey = survey.ok_or(SurveyError::NotFound)?;
        Ok((run, recipient, survey, questions, answers))
    }
}
