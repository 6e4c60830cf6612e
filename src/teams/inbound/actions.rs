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
    MentorForm,
};
use crate::app::actions::{NudgeAction, SurveyAction, SurveyForm};
use crate::app::booking::BookingError;
use crate::app::errors::{request_field_message, Message, UserError};
use crate::app::forms::{HoursField, HoursInput};
use crate::app::screens::{Entered, Redraw};
use crate::domain::booking::{RequestDraft, RequestField};
use crate::teams::activity::Activity;
use crate::teams::cards;

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

fn parse_action(data: &Value) -> Option<Action> {
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
    let card = match parse_action(data) {
        Some(action) => press(state, sender, &action, data, now).await?,
        None => cards::notice(&Message::new("error-generic"), &sender.reader),
    };
    super::commands::reply(state, activity, card).await?;
    Ok(Reply::Empty)
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
            match app.decline_request(user, one_on_one, None, now).await {
                Ok(_) => Ok(cards::notice(&Message::new("booking-declined"), reader)),
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
        &Action::Booking(BookingAction::MarkHeld { one_on_one, held }) => {
            super::after::mark_held(state, sender, one_on_one, held, now).await
        }
        Action::Insight(insight) => super::insight::card(state, sender, insight, now).await,
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
        Some(Action::Insight(insight)) => super::insight::fetch(state, sender, &insight, now).await,
        Some(other) => {
            // Any other button: do it, and show the result in the dialog.
            let card = press(state, sender, &other, data, now).await?;
            Ok(dialog("mentor-bot", card))
        }
        None => Ok(dialog_message(text(sender, &Message::new("error-generic")))),
    }
}

#[allow(clippy::too_many_arguments)]
async fn request_dialog(
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

fn input(data: &Value, id: &str) -> String {
    match data.get(id) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn choice(data: &Value, id: &str) -> Option<String> {
    Some(input(data, id)).filter(|s| !s.is_empty())
}

/// A slot's value as the form sent it: Unix seconds, or an RFC 3339 instant.
fn slot_seconds(value: Option<String>) -> Option<String> {
    let value = value?;
    match DateTime::parse_from_rfc3339(&value) {
        Ok(at) => Some(at.timestamp().to_string()),
        Err(_) => Some(value),
    }
}

fn request_input_id(field: RequestField) -> &'static str {
    match field {
        RequestField::Slot => "slot",
        RequestField::Topic => "topic",
        RequestField::TopicOther => "other",
        RequestField::Response => "response",
        RequestField::Note => "note",
    }
}

/// A dialog's submit button.
pub(super) async fn on_task_submit(
    state: &Arc<TeamsState>,
    sender: &Sender,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let (user, reader) = (&sender.user, &sender.reader);
    // A button inside a dialog (the memo's Done, the history's pages…) carries an action,
    // not a form: it answers like the button that opens a dialog.
    if data.get(cards::kit::FORM_KEY).is_none() && data.get(cards::kit::ACTION_KEY).is_some() {
        return on_task_fetch(state, sender, data, now).await;
    }
    let form = match cards::parse_form(data) {
        Some(Ok(form)) => form,
        _ => return Ok(dialog_message(text(sender, &Message::new("error-generic")))),
    };
    match form {
        Form::Booking(BookingForm::Request {
            mentor,
            theme,
            version,
        }) => {
            let entered = Entered {
                day: None,
                topic: choice(data, "topic"),
                other: input(data, "other"),
                response: choice(data, "response"),
                note: input(data, "note"),
                every: choice(data, "every"),
                count: input(data, "count"),
            };
            let options = match app.request_options(user, &mentor, theme, now).await {
                Ok(options) => options,
                Err(BookingError::Internal(e)) => return Err(e),
                Err(e) => return Ok(dialog_message(text(sender, &e.message()))),
            };
            let draft = RequestDraft::parse(
                slot_seconds(choice(data, "slot")).as_deref(),
                entered.topic.as_deref(),
                &entered.other,
                entered.response.as_deref(),
                &entered.note,
                &options.custom_topics,
            );
            let draft = match draft {
                Ok(draft) => draft,
                Err(errors) => {
                    let errors: Vec<(&str, Message)> = errors
                        .iter()
                        .map(|(field, e)| {
                            (request_input_id(*field), request_field_message(*field, e))
                        })
                        .collect();
                    return request_dialog(
                        state,
                        sender,
                        &mentor,
                        theme,
                        entered,
                        Redraw {
                            version,
                            slot_taken: false,
                        },
                        &errors,
                        now,
                    )
                    .await;
                }
            };
            match app
                .request_one_on_one(user, &mentor, theme, draft, now)
                .await
            {
                Ok(_) => Ok(dialog_message(crate::i18n::t(
                    reader.lang,
                    "teams-request-sent",
                ))),
                Err(BookingError::SlotTaken { .. }) => {
                    let taken = [("slot", Message::new("request-taken"))];
                    request_dialog(
                        state,
                        sender,
                        &mentor,
                        theme,
                        entered,
                        Redraw::after(version, true),
                        &taken,
                        now,
                    )
                    .await
                }
                Err(BookingError::MenteeBusy) => {
                    let busy = [("slot", Message::new("request-busy"))];
                    request_dialog(
                        state,
                        sender,
                        &mentor,
                        theme,
                        entered,
                        Redraw::after(version, false),
                        &busy,
                        now,
                    )
                    .await
                }
                Err(BookingError::Internal(e)) => Err(e),
                Err(e) => Ok(dialog_message(text(sender, &e.message()))),
            }
        }
        Form::Mentor(MentorForm::Hours) => {
            let days: [String; 7] = std::array::from_fn(|i| input(data, &format!("d{i}")));
            let hours_input = HoursInput {
                days,
                slot_minutes: choice(data, "slot_minutes"),
                horizon_days: choice(data, "horizon_days"),
                notice_hours: choice(data, "notice_hours"),
                cap: choice(data, "cap"),
                away_until: choice(data, "away_until").and_then(|d| d.parse().ok()),
                auto_accept: input(data, "auto_accept") == "true",
            };
            match hours_input.validate() {
                Ok(hours) => match app.save_hours(user, hours, now).await {
                    Ok(()) => {
                        let count = app.free_slots(user, now).await?.len();
                        Ok(dialog_message(crate::i18n::t_with(
                            reader.lang,
                            "hours-saved",
                            &[("count", count.into())],
                        )))
                    }
                    Err(crate::app::mentor::MentorError::Internal(e)) => Err(e),
                    Err(e) => Ok(dialog_message(text(sender, &e.message()))),
                },
                Err(errors) => {
                    let ids: Vec<String> = errors
                        .iter()
                        .map(|(HoursField::Day(d), _)| format!("d{d}"))
                        .collect();
                    let errors: Vec<(&str, Message)> = ids
                        .iter()
                        .zip(errors)
                        .map(|(id, (_, m))| (id.as_str(), m))
                        .collect();
                    match app.hours_screen(user, now).await {
                        Ok(screen) => Ok(dialog(
                            &crate::i18n::t(reader.lang, "hours-title-plain"),
                            cards::hours_dialog(&screen, reader, &errors),
                        )),
                        Err(crate::app::mentor::MentorError::Internal(e)) => Err(e),
                        Err(e) => Ok(dialog_message(text(sender, &e.message()))),
                    }
                }
            }
        }
        Form::Booking(BookingForm::Rate { one_on_one }) => {
            super::after::submit_rating(state, sender, one_on_one, data, now).await
        }
        Form::Booking(BookingForm::Decline { one_on_one }) => {
            super::after::submit_decline(state, sender, one_on_one, data, now).await
        }
        Form::Booking(BookingForm::Reschedule {
            one_on_one,
            version,
        }) => super::after::submit_reschedule(state, sender, one_on_one, version, data, now).await,
        Form::Memo(memo) => super::memo::submit(state, sender, memo, data, now).await,
        Form::Survey(SurveyForm::Answer { run }) => {
            super::survey::submit(state, sender, run, data, now).await
        }
        Form::Insight(form) => super::insight::submit(state, sender, form, data, now).await,
        other => {
            tracing::info!(form = ?other, "Teams submit of a form Teams does not draw yet");
            Ok(dialog_message(text(
                sender,
                &Message::new("teams-open-in-dialog"),
            )))
        }
    }
}
