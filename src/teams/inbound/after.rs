//! After the 1on1 and changing one, in Teams: the after-1on1 card's Rate (a dialog), Held /
//! Not held (`Action.Execute`) and "Book the next 1on1" (the request dialog prefilled), the
//! mentor's decline with a message and either side's reschedule (dialogs). The use cases in
//! `app::after` and `app::booking` check who may do each, so a forged press gets the refusal
//! and changes nothing.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::actions::{dialog, dialog_message, text};
use super::{Reply, Sender, TeamsState};
use crate::app::actions::BookingAction;
use crate::app::after::AfterError;
use crate::app::booking::BookingError;
use crate::app::errors::{Message, UserError};
use crate::app::screens::Redraw;
use crate::domain::after::{Held, Rating};
use crate::i18n::{format_datetime, t, t_args};
use crate::teams::cards::{self, read};

/// A refusal as the card or dialog says it; an internal error stays an error.
fn after_refusal(e: AfterError) -> anyhow::Result<Message> {
    match e {
        AfterError::Internal(e) | AfterError::Booking(BookingError::Internal(e)) => Err(e),
        e => Ok(e.message()),
    }
}

fn booking_refusal(e: BookingError) -> anyhow::Result<Message> {
    match e {
        BookingError::Internal(e) => Err(e),
        e => Ok(e.message()),
    }
}

/// Held / Not held pressed on the mentor's after-1on1 card: the card that replaces it.
pub(super) async fn mark_held(
    state: &TeamsState,
    sender: &Sender,
    one_on_one: i64,
    held: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    let (held, key) = match held {
        true => (Held::Held, "after-held-done"),
        false => (Held::NotHeld, "after-not-held-done"),
    };
    let message = match state
        .app
        .mark_held(&sender.user, one_on_one, held, now)
        .await
    {
        Ok(_) => Message::new(key),
        Err(e) => after_refusal(e)?,
    };
    Ok(cards::notice(&message, &sender.reader))
}

/// The dialogs these buttons open: Rate, Book the next 1on1, Decline, Reschedule. `None` for
/// any other booking button.
pub(super) async fn fetch(
    state: &TeamsState,
    sender: &Sender,
    action: &BookingAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Reply>> {
    let app = &state.app;
    let (user, reader) = (&sender.user, &sender.reader);
    let lang = reader.lang;
    let reply = match *action {
        BookingAction::Rate { one_on_one } => match app.open_rating(user, one_on_one, now).await {
            Ok(()) => rate(sender, one_on_one, &[]),
            Err(e) => dialog_message(text(sender, &after_refusal(e)?)),
        },
        BookingAction::BookNext { one_on_one } => {
            match app.book_next_screen(reader, one_on_one, now).await {
                Ok(screen) => {
                    let one = app.one_on_one(one_on_one).await;
                    let one = match one {
                        Ok(one) => one,
                        Err(e) => return Ok(Some(refused(sender, booking_refusal(e)?))),
                    };
                    let options = app
                        .request_options(user, &one.mentor, one.theme_id, now)
                        .await;
                    match options {
                        Ok(options) => dialog(
                            &t(lang, "request-title-plain"),
                            cards::request_dialog(&screen, &options.slots, reader, &[]),
                        ),
                        Err(e) => refused(sender, booking_refusal(e)?),
                    }
                }
                Err(e) => refused(sender, after_refusal(e)?),
            }
        }
        BookingAction::Decline { one_on_one } => {
            match app.open_decline(user, one_on_one, now).await {
                Ok(()) => dialog(
                    &t(lang, "teams-more-decline-title"),
                    cards::decline_dialog(reader, one_on_one),
                ),
                Err(e) => refused(sender, booking_refusal(e)?),
            }
        }
        BookingAction::Reschedule { one_on_one } => {
            reschedule(state, sender, one_on_one, Redraw::default(), &[], now).await?
        }
        _ => return Ok(None),
    };
    Ok(Some(reply))
}

fn refused(sender: &Sender, message: Message) -> Reply {
    dialog_message(text(sender, &message))
}

fn rate(sender: &Sender, one_on_one: i64, errors: &[(&str, Message)]) -> Reply {
    dialog(
        &t(sender.reader.lang, "teams-more-rate-title"),
        cards::rate_dialog(&sender.reader, one_on_one, errors),
    )
}

/// The reschedule dialog: the mentor's free slots in the reader's zone, `errors` under the slot.
async fn reschedule(
    state: &TeamsState,
    sender: &Sender,
    one_on_one: i64,
    redraw: Redraw,
    errors: &[(&str, Message)],
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let reader = &sender.reader;
    let screen = match app
        .reschedule_screen(reader, one_on_one, None, redraw, now)
        .await
    {
        Ok(screen) => screen,
        Err(e) => return Ok(refused(sender, booking_refusal(e)?)),
    };
    let one = match app.one_on_one(one_on_one).await {
        Ok(one) => one,
        Err(e) => return Ok(refused(sender, booking_refusal(e)?)),
    };
    let slots = app.free_slots(&one.mentor, now).await?;
    Ok(dialog(
        &t(reader.lang, "teams-more-reschedule-title"),
        cards::reschedule_dialog(&screen, &slots, reader, errors),
    ))
}

/// The rating dialog submitted: saved as in Slack, or the dialog again with its field errors.
pub(super) async fn submit_rating(
    state: &TeamsState,
    sender: &Sender,
    one_on_one: i64,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let (score, got, comment) = read::rating(data);
    let rating = match Rating::parse(score.as_deref(), got.as_deref(), &comment) {
        Ok(rating) => rating,
        Err(fields) => return Ok(rate(sender, one_on_one, &cards::rating_errors(&fields))),
    };
    let app = &state.app;
    let message = match app
        .rate_one_on_one(&sender.user, one_on_one, rating, now)
        .await
    {
        Ok(()) => Message::new("rate-thanks"),
        Err(e) => after_refusal(e)?,
    };
    Ok(refused(sender, message))
}

/// The decline dialog submitted: the request declined with the mentor's message.
pub(super) async fn submit_decline(
    state: &TeamsState,
    sender: &Sender,
    one_on_one: i64,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let message = read::decline_message(data);
    let said = match state
        .app
        .decline_request(&sender.user, one_on_one, message, now)
        .await
    {
        Ok(_) => Message::new("booking-declined"),
        Err(e) => booking_refusal(e)?,
    };
    Ok(refused(sender, said))
}

/// The reschedule dialog submitted: moved (both are told), or the dialog again when the time
/// was not one offered or was just taken.
pub(super) async fn submit_reschedule(
    state: &TeamsState,
    sender: &Sender,
    one_on_one: i64,
    version: u32,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let reader = &sender.reader;
    let Some(start) = read::slot_start(data) else {
        let errors = [(cards::inputs::SLOT, Message::new("field-slot-unknown"))];
        let redraw = Redraw::after(version, false);
        return reschedule(state, sender, one_on_one, redraw, &errors, now).await;
    };
    match state
        .app
        .reschedule_one_on_one(&sender.user, one_on_one, start, now)
        .await
    {
        Ok(moved) => {
            let time = format_datetime(reader.lang, moved.start.with_timezone(&reader.tz));
            Ok(dialog_message(t_args(
                reader.lang,
                "booking-moved",
                &[("time", &time)],
            )))
        }
        Err(BookingError::SlotTaken { .. }) => {
            let errors = [(cards::inputs::SLOT, Message::new("request-taken"))];
            let redraw = Redraw::after(version, true);
            reschedule(state, sender, one_on_one, redraw, &errors, now).await
        }
        Err(e) => Ok(refused(sender, booking_refusal(e)?)),
    }
}
