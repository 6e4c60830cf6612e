//! Surveys in Slack (issue 11): the office's list, form, preview, results and pause buttons,
//! and a recipient's Answer button and answer form. Every permission is checked by the use
//! cases (`app::surveys`), so a forged button or form changes nothing.

use chrono::{DateTime, Utc};

use crate::app::actions::{SurveyAction, SurveyForm};
use crate::app::admin::Actor;
use crate::app::errors::{Message, UserError};
use crate::app::surveys::{SurveyError, SurveyInput};
use crate::domain::{Lang, UserId};
use crate::i18n::{t, t_args};
use crate::slack::blocks::render::{local_time, message_text};
use crate::slack::blocks::survey::{self as views, field_block, inputs};
use crate::slack::inbound::context::{show_modal, user_lang, InteractionReply, SlackState};
use crate::slack::inbound::payload::ViewRef;

/// The text a refusal shows (an internal error logged, "something went wrong" shown).
fn refusal(lang: Lang, user: &UserId, error: &SurveyError) -> String {
    if let SurveyError::Internal(e) = error {
        tracing::error!(user = %user, error = ?e, "survey action failed");
    }
    message_text(lang, &error.message())
}

/// A survey button: the office's (list, new, results, preview, pause) or a recipient's Answer.
pub async fn on_action(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: SurveyAction,
    view: Option<&ViewRef>,
    now: DateTime<Utc>,
) {
    let app = &state.app;
    let (reader, _) = match app.reader_and_roles(user, now).await {
        Ok(found) => found,
        Err(e) => {
            tracing::error!(user = %user, error = ?e, "could not read the reader");
            return;
        }
    };
    let lang = reader.lang;
    let actor = Actor::User(user.clone());
    let shown = match action {
        SurveyAction::List => app
            .surveys(&actor)
            .await
            .map(|surveys| views::list_view(lang, &surveys)),
        SurveyAction::New => app
            .survey_themes(&actor)
            .await
            .map(|themes| views::define_view(lang, &themes, &SurveyInput::default())),
        SurveyAction::Results { survey } => app
            .survey_results(user, survey)
            .await
            .map(|results| crate::slack::blocks::survey_results::results_view(lang, &results)),
        SurveyAction::Preview { survey } => {
            app.preview_survey(&actor, survey, now).await.map(|screen| {
                views::answer_view(&reader, &screen, Some(t(lang, "survey-preview-intro")))
            })
        }
        SurveyAction::Pause { survey, paused } => {
            app.pause_survey(&actor, survey, paused).await.map(|()| {
                let key = if paused {
                    "survey-paused-now"
                } else {
                    "survey-resumed-now"
                };
                views::notice_view(lang, t(lang, key))
            })
        }
        SurveyAction::Export { survey } => app
            .export_survey(&actor, survey, now)
            .await
            .map(|()| views::notice_view(lang, t(lang, "survey-export-queued"))),
        SurveyAction::Edit { survey } => app
            .survey_edit_form(&actor, survey)
            .await
            .map(|(themes, input)| views::edit_view(lang, &themes, &input, survey)),
        SurveyAction::Answer { run } => app
            .survey_answer_screen(user, run, now)
            .await
            .map(|screen| views::answer_view(&reader, &screen, None)),
    };
    let shown = shown.unwrap_or_else(|e| {
        tracing::info!(user = %user, ?action, error = %e, "survey action refused");
        views::notice_view(lang, refusal(lang, user, &e))
    });
    if let Err(e) = show_modal(state, trigger_id, view, shown).await {
        tracing::warn!(error = %e, "could not show the survey screen");
    }
}

/// The survey form as submitted (new or edited).
fn form_input(view: &ViewRef) -> SurveyInput {
    SurveyInput {
        title: view.text(inputs::TITLE),
        schedule: view.text(inputs::SCHEDULE),
        open_days: view.text(inputs::OPEN_DAYS),
        audience: view.choice(inputs::AUDIENCE),
        themes: view
            .checked(inputs::THEMES)
            .iter()
            .filter_map(|t| t.parse().ok())
            .collect(),
        questions: view.text(inputs::QUESTIONS),
        low_growth: view.text(inputs::LOW_GROWTH),
    }
}

/// A submitted survey form: a new survey (the office) or a recipient's answers.
pub async fn on_submission(
    state: &SlackState,
    user: &UserId,
    form: SurveyForm,
    view: &ViewRef,
    now: DateTime<Utc>,
) -> InteractionReply {
    let app = &state.app;
    let lang = user_lang(state, user, now).await;
    match form {
        SurveyForm::Done => InteractionReply::Ack,
        SurveyForm::Edit { survey } => {
            let actor = Actor::User(user.clone());
            match app.update_survey(&actor, survey, &form_input(view)).await {
                Ok(revised) => InteractionReply::Update(views::notice_view(
                    lang,
                    crate::i18n::t_with(
                        lang,
                        "survey-edited",
                        &[("revised", (revised as u32).into())],
                    ),
                )),
                Err(SurveyError::Fields(errors)) => InteractionReply::Errors(
                    errors
                        .iter()
                        .map(|(field, m)| (field_block(*field).to_string(), message_text(lang, m)))
                        .collect(),
                ),
                Err(e) => {
                    InteractionReply::Update(views::notice_view(lang, refusal(lang, user, &e)))
                }
            }
        }
        SurveyForm::Define => {
            let input = form_input(view);
            let actor = Actor::User(user.clone());
            let saved = app.create_survey(&actor, &input, now).await;
            let survey = match saved {
                Ok(id) => id,
                Err(SurveyError::Fields(errors)) => {
                    let errors = errors
                        .iter()
                        .map(|(field, m)| (field_block(*field).to_string(), message_text(lang, m)))
                        .collect();
                    return InteractionReply::Errors(errors);
                }
                Err(e) => {
                    return InteractionReply::Update(views::notice_view(
                        lang,
                        refusal(lang, user, &e),
                    ))
                }
            };
            // What recipients will see, right after saving.
            match app.reader_and_roles(user, now).await {
                Ok((reader, _)) => match app.preview_survey(&actor, survey, now).await {
                    Ok(screen) => InteractionReply::Update(views::answer_view(
                        &reader,
                        &screen,
                        Some(t(lang, "survey-saved")),
                    )),
                    Err(e) => {
                        InteractionReply::Update(views::notice_view(lang, refusal(lang, user, &e)))
                    }
                },
                Err(e) => {
                    tracing::error!(user = %user, error = ?e, "could not read the reader");
                    InteractionReply::Update(views::notice_view(lang, t(lang, "survey-saved")))
                }
            }
        }
        SurveyForm::Answer { run } => {
            let screen = match app.survey_answer_screen(user, run, now).await {
                Ok(screen) => screen,
                Err(e) => {
                    return InteractionReply::Update(views::notice_view(
                        lang,
                        refusal(lang, user, &e),
                    ))
                }
            };
            let answers: Vec<(i64, String)> = screen
                .questions
                .iter()
                .map(|q| {
                    let block = inputs::question(q.id);
                    let value = view.choice(&block).unwrap_or_else(|| view.text(&block));
                    (q.id, value)
                })
                .collect();
            let growth = view.choice(inputs::GROWTH);
            match app
                .answer_survey(user, run, growth.as_deref(), &answers, now)
                .await
            {
                Ok(()) => {
                    let closes = match app.reader_and_roles(user, now).await {
                        Ok((reader, _)) => local_time(&reader, screen.closes_at),
                        Err(_) => screen.closes_at.to_rfc3339(),
                    };
                    InteractionReply::Update(views::notice_view(
                        lang,
                        t_args(lang, "survey-answered", &[("closes", &closes)]),
                    ))
                }
                Err(SurveyError::Missing(missing)) => {
                    let text = message_text(lang, &Message::new("survey-answer-required"));
                    InteractionReply::Errors(
                        missing
                            .into_iter()
                            .map(|q| {
                                let block = match q {
                                    Some(id) => inputs::question(id),
                                    None => inputs::GROWTH.to_string(),
                                };
                                (block, text.clone())
                            })
                            .collect(),
                    )
                }
                Err(e) => {
                    InteractionReply::Update(views::notice_view(lang, refusal(lang, user, &e)))
                }
            }
        }
    }
}

/// `/mentor survey [on|off]`: turns surveys sent to everyone who opted in on or off, or says
/// which.
pub async fn on_command(
    state: &SlackState,
    user: &UserId,
    args: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<slack_morphism::prelude::SlackMessageContent> {
    use crate::slack::blocks::render::plain_message;
    let lang = user_lang(state, user, now).await;
    let on = match args.trim().to_lowercase().as_str() {
        "on" | "オン" => Some(true),
        "off" | "オフ" => Some(false),
        "" => None,
        _ => return Ok(plain_message(&t(lang, "survey-opt-in-usage"))),
    };
    let on = match on {
        Some(on) => {
            state.app.set_survey_opt_in(user, on, now).await?;
            on
        }
        None => state.app.survey_opted_in(user).await?,
    };
    let key = if on {
        "survey-opt-in-now-on"
    } else {
        "survey-opt-in-now-off"
    };
    Ok(plain_message(&t(lang, key)))
}
