//! A mentor's own setup in Teams, from the certification DM and the Home card: Set up, Answers
//! and Start open the setup dialog (or start a theme without questions at once), Preview shows
//! the card as mentees see it, Pause, Resume and Stop change the theme's status. The use cases
//! check the certification, so a forged press gets a refusal and changes nothing.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::actions::{dialog, dialog_message, text};
use super::{Reply, Sender, TeamsState};
use crate::app::actions::MentorAction;
use crate::app::errors::{Message, UserError};
use crate::app::mentor::{
    status_change_message, MentorError, MentorTheme, SetupEntry, SetupOutcome, SetupScreen,
};
use crate::app::screens::SetupResultScreen;
use crate::i18n::t;
use crate::teams::cards;

/// What a refusal says, as a card; an internal error goes up.
fn refused(sender: &Sender, e: MentorError) -> anyhow::Result<Value> {
    match e {
        MentorError::Internal(e) => Err(e),
        e => Ok(cards::notice(&e.message(), &sender.reader)),
    }
}

fn entry(action: MentorAction) -> Option<(i64, SetupEntry)> {
    match action {
        MentorAction::Setup { theme } => Some((theme, SetupEntry::SetUp)),
        MentorAction::Answers { theme } => Some((theme, SetupEntry::Answers)),
        MentorAction::Start { theme } => Some((theme, SetupEntry::Start)),
        _ => None,
    }
}

/// A mentor button that opens a dialog (`task/fetch`): the setup dialog, the result of a
/// one-click start, the preview, or what the button did.
pub(super) async fn fetch(
    state: &TeamsState,
    sender: &Sender,
    action: MentorAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let lang = sender.reader.lang;
    if let Some((theme, entry)) = entry(action) {
        return match state.app.open_setup(&sender.user, theme, entry, now).await {
            Ok(SetupOutcome::Form(screen)) => Ok(setup_dialog(sender, &screen, &[])),
            Ok(SetupOutcome::Started(screen)) => result_dialog(state, sender, &screen).await,
            Err(MentorError::Internal(e)) => Err(e),
            Err(e) => Ok(dialog_message(text(sender, &e.message()))),
        };
    }
    let title = match action {
        MentorAction::Preview { .. } => t(lang, "preview-title-plain"),
        _ => "mentor-bot".to_string(),
    };
    Ok(dialog(&title, press(state, sender, action, now).await?))
}

/// A mentor button pressed on a card (`Action.Execute`): the card that replaces it. Set up,
/// Answers and Start draw the setup form on the card (a card cannot open a dialog itself).
pub(super) async fn press(
    state: &TeamsState,
    sender: &Sender,
    action: MentorAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    let app = &state.app;
    let (user, reader) = (&sender.user, &sender.reader);
    if let Some((theme, entry)) = entry(action) {
        return match app.open_setup(user, theme, entry, now).await {
            Ok(SetupOutcome::Form(screen)) => Ok(cards::mentor_setup_dialog(&screen, reader, &[])),
            Ok(SetupOutcome::Started(screen)) => result_card(state, sender, &screen).await,
            Err(e) => refused(sender, e),
        };
    }
    let (theme, change) = match action {
        MentorAction::Preview { .. } => {
            let screen = app.preview_screen(user, now).await?;
            let names = app.display_names(vec![user.clone()]).await?;
            return Ok(cards::preview(&screen, reader, &names));
        }
        MentorAction::Pause { theme } => (theme, app.set_paused(user, theme, true, now).await),
        MentorAction::Resume { theme } => (theme, app.set_paused(user, theme, false, now).await),
        MentorAction::Stop { theme } => (theme, app.stop_theme(user, theme, now).await),
        // The hours dialog is the actions module's; the setup buttons are handled above.
        MentorAction::Hours
        | MentorAction::Setup { .. }
        | MentorAction::Answers { .. }
        | MentorAction::Start { .. } => {
            return Ok(cards::notice(&Message::new("error-generic"), reader))
        }
    };
    let change = match change {
        Ok(change) => change,
        Err(e) => return refused(sender, e),
    };
    // Say what the button did, in the same words as its label (or that nothing changed).
    match app.mentor_theme(user, theme).await {
        Ok(mt) => Ok(cards::notice(
            &status_change_message(&mt.theme.name, change),
            reader,
        )),
        Err(e) => refused(sender, e),
    }
}

/// The setup dialog submitted: the answers saved (and the theme started or not, as the toggle
/// says) with what that did, or the dialog again as submitted with the error under each
/// missing required answer or invalid choice (nothing saved).
pub(super) async fn submit(
    state: &TeamsState,
    sender: &Sender,
    theme: i64,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let user = &sender.user;
    let mt = match app.mentor_theme(user, theme).await {
        Ok(mt) => mt,
        Err(MentorError::Internal(e)) => return Err(e),
        Err(e) => return Ok(dialog_message(text(sender, &e.message()))),
    };
    let value = |id: &str| match data.get(id) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    };
    let answers: Vec<(i64, String)> = mt
        .questions
        .iter()
        .map(|(q, _)| (q.id, value(&cards::mentor_answer_input(q.id))))
        .collect();
    let start = value(cards::MENTOR_START) == "true";
    let name = mt.theme.name.clone();
    let ids: Vec<(String, &str)> = match app
        .save_answers(user, theme, answers.clone(), start, now)
        .await
    {
        Ok(change) => {
            let screen = app.setup_result(user, name, change, now).await?;
            return result_dialog(state, sender, &screen).await;
        }
        Err(MentorError::Missing(missing)) => missing
            .into_iter()
            .map(|id| (cards::mentor_answer_input(id), "setup-missing"))
            .collect(),
        Err(MentorError::InvalidChoice(id)) => {
            vec![(cards::mentor_answer_input(id), "setup-invalid-choice")]
        }
        Err(MentorError::Internal(e)) => return Err(e),
        Err(e) => return Ok(dialog_message(text(sender, &e.message()))),
    };
    let errors: Vec<(&str, Message)> = ids
        .iter()
        .map(|(input, key)| (input.as_str(), Message::new(key)))
        .collect();
    Ok(setup_dialog(
        sender,
        &as_submitted(mt, answers, start),
        &errors,
    ))
}

/// The form as it was submitted (nothing was saved), so nothing typed is lost.
fn as_submitted(mut mt: MentorTheme, answers: Vec<(i64, String)>, start: bool) -> SetupScreen {
    for (q, answer) in &mut mt.questions {
        *answer = answers
            .iter()
            .find(|(id, _)| *id == q.id)
            .map(|(_, a)| a.clone())
            .filter(|a| !a.is_empty());
    }
    let mut screen = SetupScreen::decide(mt, SetupEntry::Answers);
    screen.start_ticked = start;
    screen
}

fn setup_dialog(sender: &Sender, screen: &SetupScreen, errors: &[(&str, Message)]) -> Reply {
    dialog(
        &t(sender.reader.lang, "setup-title-plain"),
        cards::mentor_setup_dialog(screen, &sender.reader, errors),
    )
}

async fn result_card(
    state: &TeamsState,
    sender: &Sender,
    screen: &SetupResultScreen,
) -> anyhow::Result<Value> {
    let names = state.app.display_names(vec![sender.user.clone()]).await?;
    Ok(cards::mentor_setup_result(screen, &sender.reader, &names))
}

async fn result_dialog(
    state: &TeamsState,
    sender: &Sender,
    screen: &SetupResultScreen,
) -> anyhow::Result<Reply> {
    let card = result_card(state, sender, screen).await?;
    Ok(dialog(
        &t(sender.reader.lang, "setup-saved-title-plain"),
        card,
    ))
}
