//! Editing a survey (issue 11, admins only): the form prefilled from what is stored, and the
//! save that keeps the survey's id and turns a question changed after it was answered into a
//! new revision (`storage::survey_edit`), so earlier answers keep the text they answered.

use super::{SurveyError, SurveyInput};
use crate::app::admin::Actor;
use crate::app::App;
use crate::domain::survey::questions_text;
use crate::storage::surveys as store;

impl App {
    /// What the edit form starts with, and the themes it offers (admins only).
    pub async fn survey_edit_form(
        &self,
        actor: &Actor,
        survey: i64,
    ) -> Result<(Vec<(i64, String)>, SurveyInput), SurveyError> {
        self.require_survey_admin(actor).await?;
        let (row, questions, themes) = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                Ok((
                    store::get_survey(c, survey)?,
                    store::list_questions(c, survey)?,
                    store::list_theme_names(c)?,
                ))
            })
            .await?;
        let row = row.ok_or(SurveyError::NotFound)?;
        let defs: Vec<_> = questions.into_iter().map(|q| q.def).collect();
        let input = SurveyInput {
            title: row.title,
            schedule: row.schedule.as_str().to_string(),
            open_days: row.open_days.to_string(),
            audience: Some(row.audience.as_str().to_string()),
            themes: row.themes,
            questions: questions_text(&defs),
            low_growth: row.low_growth.to_string(),
        };
        Ok((themes, input))
    }

    /// Saves an edit (admins only; every field checked first); returns how many answered
    /// questions became a new revision.
    pub async fn update_survey(
        &self,
        actor: &Actor,
        survey: i64,
        input: &SurveyInput,
    ) -> Result<usize, SurveyError> {
        self.require_survey_admin(actor).await?;
        let edited = input.validate().map_err(SurveyError::Fields)?;
        let outcome = self
            .db
            .write(move |tx| store::update_survey(tx, survey, &edited))
            .await?;
        if !outcome.found {
            return Err(SurveyError::NotFound);
        }
        tracing::info!(survey, retired = outcome.retired, "survey edited");
        Ok(outcome.retired)
    }
}
