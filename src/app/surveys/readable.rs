//! Which surveys' results a reader may open from their analytics: every survey for the office,
//! for an advisor the surveys sent to their themes or that reached someone through them; anyone
//! else is refused. What each result shows is still decided by `results` for the reader.

use super::SurveyError;
use crate::app::App;
use crate::domain::UserId;
use crate::storage::roles;
use crate::storage::survey_answers::list_surveys_reaching_themes;
use crate::storage::surveys::{self as store, SurveyRow};

/// Surveys listed under the analytics, newest first.
pub const RESULTS_LISTED: usize = 10;

/// The surveys a reader may open the results of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadableSurveys {
    /// Newest first, at most `RESULTS_LISTED`.
    pub surveys: Vec<SurveyRow>,
    /// The office reads the whole program; an advisor only their themes' aggregates.
    pub whole_program: bool,
}

impl App {
    /// The surveys `reader` may read the results of (admins: all; advisors: those of their
    /// scope); refused to anyone else, whatever a button said.
    pub async fn readable_surveys(&self, reader: &UserId) -> Result<ReadableSurveys, SurveyError> {
        let held = self.roles(reader).await?;
        if !held.admin && !held.advisor {
            tracing::warn!(user = %reader, "refused the survey list to a non-admin");
            return Err(SurveyError::NotAdmin);
        }
        let (who, whole_program) = (reader.clone(), held.admin);
        let surveys = self
            .db
            .read(move |c| -> anyhow::Result<Vec<SurveyRow>> {
                let all = store::list_surveys(c)?;
                let scope = if whole_program {
                    None
                } else {
                    let themes = roles::list_advisor_themes(c, &who)?;
                    Some((list_surveys_reaching_themes(c, &themes)?, themes))
                };
                Ok(all
                    .into_iter()
                    .rev()
                    .filter(|s| match &scope {
                        None => true,
                        Some((reached, themes)) => {
                            reached.contains(&s.id) || s.themes.iter().any(|t| themes.contains(t))
                        }
                    })
                    .take(RESULTS_LISTED)
                    .collect())
            })
            .await?;
        Ok(ReadableSurveys {
            surveys,
            whole_program,
        })
    }
}
