//! The program office's surveys in Teams: the console's Surveys button opens the list dialog;
//! its buttons open the preview and the results, or pause / resume a survey and redraw the
//! list. The use cases check the role on every press (results: advisors in their scope), so
//! a forged press gets the refusal and changes nothing.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::actions::{dialog, dialog_message, text};
use super::{Reply, Sender, TeamsState};
use crate::app::actions::{SurveyAction, SurveyForm};
use crate::app::admin::Actor;
use crate::app::errors::{Message, UserError};
use crate::app::surveys::{SurveyError, SurveyField, SurveyInput};
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
        SurveyAction::Preview { survey } => {
            app.preview_survey(&actor, survey, now).await.map(|screen| {
                dialog(
                    &t(lang, "button-survey-preview-plain"),
                    views::preview_dialog(&sender.reader, &screen, "survey-preview-intro"),
                )
            })
        }
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
        SurveyAction::New => app.survey_themes(&actor).await.map(|themes| {
            form(
                lang,
                &themes,
                &SurveyInput::default(),
                &[],
                SurveyForm::Define,
            )
        }),
        SurveyAction::Edit { survey } => app
            .survey_edit_form(&actor, survey)
            .await
            .map(|(themes, input)| form(lang, &themes, &input, &[], SurveyForm::Edit { survey })),
        // The files come to the chat as offers to save (Teams' consent flow).
        SurveyAction::Export { survey } => app
            .export_survey(&actor, survey, now)
            .await
            .map(|()| dialog_message(t(lang, "teams-fileout-queued"))),
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

fn form(
    lang: crate::domain::Lang,
    themes: &[(i64, String)],
    entered: &SurveyInput,
    errors: &[(String, String)],
    survey_form: SurveyForm,
) -> Reply {
    let title = match survey_form {
        SurveyForm::Edit { .. } => "survey-edit-title-plain",
        _ => "survey-define-title-plain",
    };
    dialog(
        &t(lang, title),
        views::form_dialog(lang, themes, entered, errors, survey_form),
    )
}

fn field(data: &Value, id: &str) -> String {
    data.get(id)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The survey dialog as submitted.
fn submitted(data: &Value) -> SurveyInput {
    use views::inputs;
    let audience = field(data, inputs::AUDIENCE);
    SurveyInput {
        title: field(data, inputs::TITLE),
        schedule: field(data, inputs::SCHEDULE),
        open_days: field(data, inputs::OPEN_DAYS),
        audience: (!audience.is_empty()).then_some(audience),
        themes: field(data, inputs::THEMES)
            .split(',')
            .filter_map(|t| t.trim().parse().ok())
            .collect(),
        questions: data
            .get(inputs::QUESTIONS)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        low_growth: field(data, inputs::LOW_GROWTH),
    }
}

/// The new / edit survey dialog submitted: saved (a new one shown as recipients will see it,
/// an edit closing with what was revised), or the dialog again with the field errors.
pub(super) async fn submit(
    state: &TeamsState,
    sender: &Sender,
    survey_form: SurveyForm,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let actor = Actor::User(sender.user.clone());
    let lang = sender.reader.lang;
    let input = submitted(data);
    let saved = match survey_form {
        SurveyForm::Edit { survey } => {
            app.update_survey(&actor, survey, &input)
                .await
                .map(|revised| {
                    let said = Message::new("survey-edited").number("revised", revised);
                    dialog_message(text(sender, &said))
                })
        }
        _ => match app.create_survey(&actor, &input, now).await {
            Ok(survey) => app.preview_survey(&actor, survey, now).await.map(|screen| {
                dialog(
                    &t(lang, "survey-define-title-plain"),
                    views::preview_dialog(&sender.reader, &screen, "survey-saved"),
                )
            }),
            Err(e) => Err(e),
        },
    };
    match saved {
        Ok(reply) => Ok(reply),
        Err(SurveyError::Fields(errors)) => {
            let keyed: Vec<(&str, Message)> = errors
                .into_iter()
                .map(|(f, m): (SurveyField, Message)| (views::field_input(f), m))
                .collect();
            let errors = crate::teams::cards::kit::error_texts(&sender.reader, &keyed);
            let themes = app.survey_themes(&actor).await.unwrap_or_default();
            Ok(form(lang, &themes, &input, &errors, survey_form))
        }
        Err(e) => refused(sender, e),
    }
}
