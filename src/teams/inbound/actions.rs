//! Card buttons and dialogs. Each carries a typed action or form in the same wire strings as
//! Slack (`app::wire`); the use cases check the actor again, so a forged action gets a
//! refusal and changes nothing. `Action.Execute` answers with the card that replaces the
//! pressed one; dialogs (`task/fetch`, `task/submit`) answer with a card or a closing message.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::{Reply, Sender, TeamsState};
use crate::app::actions::{
    Action, BookingAction, BookingForm, FindCtx, Form, HomeAction, MemoAction, MentorAction,
    NudgeAction, SurveyAction,
};
use crate::app::booking::BookingError;
use crate::app::errors::{Message, UserError};
use crate::app::screens::{Entered, Redraw};
use crate::teams::activity::Activity;
use crate::teams::cards;

/// The dialog submits live in `submit`; the router reaches them here.
pub(super) use super::submit::on_task_submit;

/// An `adaptiveCard/action` answer that replaces the pressed card.
fn card_reply(card: Value) -> Reply {
    Reply::Body(json!({
        "statusCode": 200,
        "type": "application/vnd.microsoft.card.adaptive",
        "value": card,
    }))
}

/// A dialog showing `card`.
pub(super) fn dialog(title: &str, card: Value) -> Reply {
    Reply::Body(json!({
        "task": {
            "type": "continue",
            "value": {"title": title, "width": "medium", "height": "large", "card": cards::attachment(card)}
        }
    }))
}

/// Closes a dialog with a short message.
pub(super) fn dialog_message(text: String) -> Reply {
    Reply::Body(json!({"task": {"type": "message", "value": text}}))
}

/// A dialog's closing message is plain text: people by name, typed text as it is.
struct PlainMarkup(crate::domain::Lang);

impl crate::i18n::Markup for PlainMarkup {
    fn mention(&self, user: &crate::domain::UserId) -> String {
        crate::app::names::name_of(user).unwrap_or_else(|| crate::i18n::t(self.0, "teams-someone"))
    }
    fn text(&self, text: &str) -> String {
        text.to_string()
    }
}

pub(super) fn text(sender: &Sender, message: &Message) -> String {
    crate::i18n::message(
        sender.reader.lang,
        sender.reader.tz,
        message,
        &PlainMarkup(sender.reader.lang),
    )
}

pub(super) fn parse_action(data: &Value) -> Option<Action> {
    match cards::parse_action(data)? {
        Ok(action) => Some(action),
        Err(e) => {
            tracing::warn!(error = %e, "unreadable Teams card action");
            None
        }
    }
}

fn find_ctx(data: &Value) -> FindCtx {
    match cards::parse_form(data) {
        Some(Ok(Form::Booking(BookingForm::Results(ctx)))) => ctx,
        _ => FindCtx::default(),
    }
}

/// An `Action.Execute` press (Teams' Universal Actions).
pub(super) async fn on_execute(
    state: &Arc<TeamsState>,
    sender: &Sender,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let Some(action) = parse_action(data) else {
        return Ok(card_reply(cards::notice(
            &Message::new("error-generic"),
            &sender.reader,
        )));
    };
    Ok(card_reply(press(state, sender, &action, data, now).await?))
}

/// The same press from a client without Universal Actions: the answer is a new card in the chat.
pub(super) async fn on_submit_message(
    state: &Arc<TeamsState>,
    activity: &Activity,
    sender: &Sender,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let card = if data.get(cards::kit::FORM_KEY).is_some() {
        // A form drawn on a card in the chat (not in a dialog): handled as the dialog's submit,
        // its answer shown as a card.
        let answer = on_task_submit(state, sender, data, now).await?;
        answer_card(answer, &sender.reader)
    } else {
        match parse_action(data) {
            Some(action) => press(state, sender, &action, data, now).await?,
            None => cards::notice(&Message::new("error-generic"), &sender.reader),
        }
    };
    super::commands::reply(state, activity, card).await?;
    Ok(Reply::Empty)
}

/// A dialog answer as a card in the chat: the dialog's card again, or its closing message.
fn answer_card(answer: Reply, reader: &crate::domain::Reader) -> Value {
    let Reply::Body(body) = answer else {
        return cards::notice(&Message::new("error-generic"), reader);
    };
    let task = &body["task"];
    match task["type"].as_str() {
        Some("continue") => task["value"]["card"]["content"].clone(),
        Some("message") => {
            let said = task["value"].as_str().unwrap_or_default();
            cards::kit::card(vec![cards::kit::text(cards::kit::escape(said))], Vec::new())
        }
        _ => cards::notice(&Message::new("error-generic"), reader),
    }
}

/// What a button does, as the card that shows the result.
async fn press(
    state: &Arc<TeamsState>,
    sender: &Sender,
    action: &Action,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    let app = &state.app;
    let (user, reader) = (&sender.user, &sender.reader);
    let refused = |e: BookingError| -> anyhow::Result<Value> {
        match e {
            BookingError::Internal(e) => Err(e),
            e => Ok(cards::notice(&e.message(), reader)),
        }
    };
    match action {
        Action::Home(HomeAction::Help) => {
            Ok(cards::help(&app.help_screen(user, now).await?, reader))
        }
        Action::Home(HomeAction::Refresh) => {
            super::commands::home_card(app, &app.home_screen(user, now).await?).await
        }
        Action::Booking(BookingAction::Find | BookingAction::NewSearch) => {
            let screen = app.find_with_results(user, FindCtx::default(), now).await?;
            super::commands::find_card(state, &screen, sender).await
        }
        &Action::Booking(BookingAction::Page(page)) => {
            let ctx = FindCtx {
                page,
                ..find_ctx(data)
            };
            let screen = app.find_with_results(user, ctx, now).await?;
            super::commands::find_card(state, &screen, sender).await
        }
        &Action::Booking(BookingAction::Accept { one_on_one }) => {
            match app.accept_request(user, one_on_one, now).await {
                Ok(_) => Ok(cards::notice(&Message::new("booking-accepted"), reader)),
                Err(e) => refused(e),
            }
        }
        &Action::Booking(BookingAction::Decline { one_on_one }) => {
            // Never declined without asking: the decline form, on a card where no dialog opens.
            match app.open_decline(user, one_on_one, now).await {
                Ok(()) => Ok(cards::decline_dialog(reader, one_on_one)),
                Err(e) => refused(e),
            }
        }
        &Action::Booking(BookingAction::Cancel { one_on_one }) => {
            match app.cancel_one_on_one(user, one_on_one, now).await {
                Ok(_) => Ok(cards::notice(&Message::new("booking-cancelled"), reader)),
                Err(e) => refused(e),
            }
        }
        Action::Memo(memo @ (MemoAction::TodoDone { .. } | MemoAction::TodoDelete { .. })) => {
            match super::memo::press(state, sender, memo, now).await? {
                Some(card) => Ok(card),
                None => Ok(cards::notice(&Message::new("error-generic"), reader)),
            }
        }
        Action::Nudge(nudge @ (NudgeAction::On | NudgeAction::Off)) => {
            let on = *nudge == NudgeAction::On;
            super::survey::nudges(state, sender, Some(on), now).await
        }
        &Action::Series(series) => super::series::press(state, sender, series, now).await,
        &Action::Booking(BookingAction::MarkHeld { one_on_one, held }) => {
            super::after::mark_held(state, sender, one_on_one, held, now).await
        }
        Action::Insight(insight) => super::insight::card(state, sender, insight, now).await,
        &Action::Mentor(mentor) if mentor != MentorAction::Hours => {
            super::mentor::press(state, sender, mentor, now).await
        }
        Action::Admin(
            import @ (crate::app::actions::AdminAction::OpenImport
            | crate::app::actions::AdminAction::ConfirmImport
            | crate::app::actions::AdminAction::CancelImport),
        ) => super::import::press(state, sender, import, data, now).await,
        Action::Admin(admin) => super::admin::press(state, sender, admin, data, now).await,
        Action::Home(HomeAction::AdminConsole) => super::admin::command(state, sender).await,
        other => {
            tracing::info!(action = ?other, "Teams press of an action Teams does not draw yet");
            Ok(cards::notice(&Message::new("teams-open-in-dialog"), reader))
        }
    }
}

/// A button that opens a dialog.
pub(super) async fn on_task_fetch(
    state: &Arc<TeamsState>,
    sender: &Sender,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let (user, reader) = (&sender.user, &sender.reader);
    let lang = reader.lang;
    let title = |key: &str| crate::i18n::t(lang, key);
    match parse_action(data) {
        Some(Action::Booking(BookingAction::Request { mentor, theme })) => {
            request_dialog(
                state,
                sender,
                &mentor,
                theme,
                Entered::default(),
                Redraw::default(),
                &[],
                now,
            )
            .await
        }
        Some(Action::Mentor(MentorAction::Hours)) => match app.hours_screen(user, now).await {
            Ok(screen) => Ok(dialog(
                &title("hours-title-plain"),
                cards::hours_dialog(&screen, reader, &[]),
            )),
            Err(crate::app::mentor::MentorError::Internal(e)) => Err(e),
            Err(e) => Ok(dialog_message(text(sender, &e.message()))),
        },
        Some(Action::Booking(
            booking @ (BookingAction::Rate { .. }
            | BookingAction::BookNext { .. }
            | BookingAction::Decline { .. }
            | BookingAction::Reschedule { .. }),
        )) => match super::after::fetch(state, sender, &booking, now).await? {
            Some(reply) => Ok(reply),
            None => Ok(dialog_message(text(sender, &Message::new("error-generic")))),
        },
        Some(Action::Memo(memo)) => super::memo::fetch(state, sender, &memo, now).await,
        Some(Action::Survey(SurveyAction::Answer { run })) => {
            super::survey::answer(state, sender, run, &[], now).await
        }
        Some(Action::Survey(survey)) => {
            match super::survey_admin::fetch(state, sender, survey, now).await? {
                Some(reply) => Ok(reply),
                None => Ok(dialog_message(text(
                    sender,
                    &Message::new("teams-open-in-dialog"),
                ))),
            }
        }
        Some(Action::Insight(insight)) => super::insight::fetch(state, sender, &insight, now).await,
        Some(Action::Mentor(mentor)) if mentor != MentorAction::Hours => {
            super::mentor::fetch(state, sender, mentor, now).await
        }
        Some(Action::Admin(crate::app::actions::AdminAction::OpenImport)) => {
            super::import::how_to(state, sender).await
        }
        Some(Action::Admin(admin)) => super::admin::fetch(state, sender, &admin, data, now).await,
        Some(Action::Nudge(NudgeAction::Settings)) => {
            super::admin2::nudge_fetch(state, sender).await
        }
        Some(other) => {
            // Any other button: do it, and show the result in the dialog.
            let card = press(state, sender, &other, data, now).await?;
            Ok(dialog("mentor-bot", card))
        }
        None => Ok(dialog_message(text(sender, &Message::new("error-generic")))),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn request_dialog(
    state: &TeamsState,
    sender: &Sender,
    mentor: &crate::domain::UserId,
    theme: i64,
    entered: Entered,
    redraw: Redraw,
    errors: &[(&str, Message)],
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let reader = &sender.reader;
    let screen = app
        .request_screen(reader, mentor, theme, entered, redraw, now)
        .await;
    let options = app.request_options(&sender.user, mentor, theme, now).await;
    match (screen, options) {
        (Ok(screen), Ok(options)) => {
            let title = crate::i18n::t(reader.lang, "request-title-plain");
            Ok(dialog(
                &title,
                cards::request_dialog(&screen, &options.slots, reader, errors),
            ))
        }
        (Err(BookingError::Internal(e)), _) | (_, Err(BookingError::Internal(e))) => Err(e),
        (Err(e), _) | (_, Err(e)) => Ok(dialog_message(text(sender, &e.message()))),
    }
}
