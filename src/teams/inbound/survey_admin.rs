//! The program office's surveys in Teams: the console's Surveys button opens the list dialog;
//! its buttons open the preview and the results, or pause / resume a survey and redraw the
//! list. The use cases check the role on every press (results: advisors in their scope), so
//! a forged press gets the refusal and changes nothing.

use chrono::{DateTime, Utc};

use super::actions::{dialog, dialog_message, text};
use super::{Reply, Sender, TeamsState};
use crate::app::actions::SurveyAction;
use crate::app::admin::Actor;
use crate::app::errors::UserError;
use crate::app::surveys::SurveyError;
use crate::i18n::t;
use crate::teams::cards::survey_admin as views;

fn refused(sender: &Sender, e: SurveyError) -> anyhow::Result<Reply> {
    match e {
        SurveyError::Internal(e) => Err(e),
        e => Ok(dialog_message(text(sender, &e.message()))),
    }
}

/// A survey button of the console or the list dialog (`task/fetch`); `None` when the action
/// is not one of the office's.
pub(super) async fn fetch(
    state: &TeamsState,
    sender: &Sender,
    action: SurveyAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Reply>> {
    let app = &state.app;
    let actor = Actor::User(sender.user.clone());
    let lang = sender.reader.lang;
    let shown = match action {
        SurveyAction::List => list(state, &actor, lang).await,
        SurveyAction::Pause { survey, paused } => {
            match app.pause_survey(&actor, survey, paused).await {
                Ok(()) => list(state, &actor, lang).await,
                Err(e) => Err(e),
            }
        }
        SurveyAction::Preview { survey } => app
            .preview_survey(&actor, survey, now)
            .await
            .map(|screen| {
                dialog(
                    &t(lang, "button-survey-preview-plain"),
                    views::preview_dialog(&sender.reader, &screen),
                )
            }),
        SurveyAction::Results { survey } => {
            app.survey_results(&sender.user, survey)
                .await
                .map(|results| {
                    dialog(
                        &t(lang, "survey-results-title-plain"),
                        views::results_dialog(lang, &results),
                    )
                })
        }
        _ => return Ok(None),
    };
    match shown {
        Ok(reply) => Ok(Some(reply)),
        Err(e) => {
            tracing::info!(user = %sender.user, ?action, error = %e, "Teams survey action refused");
            refused(sender, e).map(Some)
        }
    }
}

async fn list(
    state: &TeamsState,
    actor: &Actor,
    lang: crate::domain::Lang,
) -> Result<Reply, SurveyError> {
    let surveys = state.app.surveys(actor).await?;
    Ok(dialog(
        &t(lang, "survey-list-title-plain"),
        views::list_dialog(lang, &surveys),
    ))
}
