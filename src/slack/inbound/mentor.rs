//! The mentor's screens in Slack: setting up a theme from the certification DM or the Home,
//! previewing the card, pausing or stopping, and the hours form.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::app::actions::{MentorAction, MentorForm};
use crate::app::errors::UserError;
use crate::app::forms::{HoursField, HoursInput};
use crate::app::mentor::{status_change_message, MentorError, SetupEntry, SetupOutcome};
use crate::domain::{Lang, QuestionKind, UserId};
use crate::i18n::{t, t_with};
use crate::slack::blocks::mentor::{self as views, inputs};
use crate::slack::blocks::render::escape;
use crate::slack::blocks::render::message_text;
use crate::slack::inbound::context::{show_modal as show, user_lang, InteractionReply, SlackState};
use crate::slack::inbound::payload::ViewRef;

fn error_text(lang: Lang, error: &MentorError) -> String {
    message_text(lang, &error.message())
}

/// Opens the hours form; someone who is not a mentor is told why instead.
pub async fn open_hours(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<String>> {
    let lang = user_lang(state, user, now).await;
    match state.app.hours_screen(user, now).await {
        Ok(screen) => {
            show(state, trigger_id, None, views::hours_form(lang, &screen)).await?;
            Ok(None)
        }
        Err(MentorError::Internal(e)) => Err(e),
        Err(e) => Ok(Some(error_text(lang, &e))),
    }
}

/// A mentor button (certification DM or App Home).
pub async fn on_action(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: MentorAction,
    view: Option<&ViewRef>,
    now: DateTime<Utc>,
) {
    let lang = user_lang(state, user, now).await;
    if let Err(e) = act(state, user, lang, trigger_id, action, view, now).await {
        tracing::error!(user = %user, action = ?action, error = ?e, "mentor action failed");
    }
}

async fn act(
    state: &SlackState,
    user: &UserId,
    lang: Lang,
    trigger_id: Option<&str>,
    action: MentorAction,
    from: Option<&ViewRef>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let app = &state.app;
    let theme_id = match action {
        MentorAction::Hours => {
            if let Some(message) = open_hours(state, user, trigger_id, now).await? {
                show(state, trigger_id, from, views::notice(lang, message)).await?;
            }
            return Ok(());
        }
        MentorAction::Setup { theme }
        | MentorAction::Answers { theme }
        | MentorAction::Start { theme }
        | MentorAction::Preview { theme }
        | MentorAction::Pause { theme }
        | MentorAction::Resume { theme }
        | MentorAction::Stop { theme } => theme,
    };
    let refused = |e: MentorError| async move {
        if let MentorError::Internal(e) = e {
            return Err(e);
        }
        show(
            state,
            trigger_id,
            from,
            views::notice(lang, error_text(lang, &e)),
        )
        .await
    };
    let entry = match action {
        MentorAction::Setup { .. } => Some(SetupEntry::SetUp),
        MentorAction::Answers { .. } => Some(SetupEntry::Answers),
        MentorAction::Start { .. } => Some(SetupEntry::Start),
        _ => None,
    };
    if let Some(entry) = entry {
        let view = match app.open_setup(user, theme_id, entry, now).await {
            Ok(SetupOutcome::Form(screen)) => views::setup_form(lang, &screen),
            Ok(SetupOutcome::Started(screen)) => {
                let reader = app.reader(&app.profile(user, now).await?);
                views::setup_result(&reader, &screen)
            }
            Err(e) => return refused(e).await,
        };
        return show(state, trigger_id, from, view).await;
    }
    if matches!(action, MentorAction::Preview { .. }) {
        let reader = app.reader(&app.profile(user, now).await?);
        let screen = app.preview_screen(user, now).await?;
        return show(state, trigger_id, from, views::preview(&reader, &screen)).await;
    }
    let outcome = match action {
        MentorAction::Pause { .. } | MentorAction::Resume { .. } => {
            let pause = matches!(action, MentorAction::Pause { .. });
            app.set_paused(user, theme_id, pause, now).await
        }
        MentorAction::Stop { .. } => app.stop_theme(user, theme_id, now).await,
        // Handled above.
        MentorAction::Hours
        | MentorAction::Setup { .. }
        | MentorAction::Answers { .. }
        | MentorAction::Start { .. }
        | MentorAction::Preview { .. } => return Ok(()),
    };
    let change = match outcome {
        Ok(change) => change,
        Err(e) => return refused(e).await,
    };
    // Say what the button did, in the same words as its label (or that nothing changed).
    let theme = match app.mentor_theme(user, theme_id).await {
        Ok(mt) => escape(&mt.theme.name),
        Err(e) => return refused(e).await,
    };
    let text = message_text(lang, &status_change_message(&theme, change));
    show(state, trigger_id, from, views::notice(lang, text)).await
}

/// A submitted mentor modal.
pub async fn on_submission(
    state: &Arc<SlackState>,
    user: &UserId,
    form: MentorForm,
    view: &ViewRef,
    now: DateTime<Utc>,
) -> InteractionReply {
    let lang = user_lang(state, user, now).await;
    let result = match form {
        MentorForm::Setup { theme } => submit_setup(state, user, lang, theme, view, now).await,
        MentorForm::Hours => submit_hours(state, user, lang, view, now).await,
        MentorForm::Notice => Ok(InteractionReply::Ack),
    };
    match result {
        Ok(reply) => reply,
        Err(MentorError::Internal(e)) => {
            tracing::error!(user = %user, error = ?e, "mentor submission failed");
            InteractionReply::Update(views::notice(lang, t(lang, "error-generic")))
        }
        Err(e) => InteractionReply::Update(views::notice(lang, error_text(lang, &e))),
    }
}

async fn submit_setup(
    state: &SlackState,
    user: &UserId,
    lang: Lang,
    theme: i64,
    view: &ViewRef,
    now: DateTime<Utc>,
) -> Result<InteractionReply, MentorError> {
    let app = &state.app;
    let mt = app.mentor_theme(user, theme).await?;
    let answers: Vec<(i64, String)> = mt
        .questions
        .iter()
        .map(|(q, _)| {
            let block = inputs::answer(q.id);
            let value = match q.kind {
                QuestionKind::Text => view.text(&block),
                QuestionKind::Choice(_) => view.choice(&block).unwrap_or_default(),
            };
            (q.id, value)
        })
        .collect();
    let start = view.checked(inputs::START).iter().any(|v| v == "start");
    let change = match app.save_answers(user, theme, answers, start, now).await {
        Ok(change) => change,
        Err(MentorError::Missing(ids)) => {
            return Ok(InteractionReply::Errors(views::missing_errors(lang, &ids)))
        }
        Err(MentorError::InvalidChoice(id)) => {
            return Ok(InteractionReply::Errors(
                [(inputs::answer(id), t(lang, "setup-invalid-choice"))].into(),
            ))
        }
        Err(e) => return Err(e),
    };
    let reader = app.reader(&app.profile(user, now).await?);
    let screen = app.setup_result(user, mt.theme.name, change, now).await?;
    Ok(InteractionReply::Update(views::setup_result(
        &reader, &screen,
    )))
}

async fn submit_hours(
    state: &SlackState,
    user: &UserId,
    lang: Lang,
    view: &ViewRef,
    now: DateTime<Utc>,
) -> Result<InteractionReply, MentorError> {
    let input = HoursInput {
        days: std::array::from_fn(|day| view.text(&inputs::day(day as u8))),
        slot_minutes: view.choice(inputs::SLOT),
        horizon_days: view.choice(inputs::HORIZON),
        notice_hours: view.choice(inputs::NOTICE),
        cap: view.choice(inputs::CAP),
        away_until: view.date(inputs::AWAY),
        auto_accept: view.checked(inputs::AUTO).iter().any(|v| v == "auto"),
    };
    let hours = match input.validate() {
        Ok(hours) => hours,
        Err(errors) => {
            let errors = errors
                .iter()
                .map(|(field, message)| {
                    let HoursField::Day(day) = field;
                    (inputs::day(*day), message_text(lang, message))
                })
                .collect();
            return Ok(InteractionReply::Errors(errors));
        }
    };
    state.app.save_hours(user, hours, now).await?;
    let count = state.app.free_slots(user, now).await?.len();
    let text = t_with(lang, "hours-saved", &[("count", count.into())]);
    Ok(InteractionReply::Update(views::notice(lang, text)))
}
