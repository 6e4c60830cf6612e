//! A series of 1on1s in Teams: the request dialog's "every … weeks, … times" asks for a series
//! (what was sent, each occurrence, shown in the dialog), and the mentor's Accept / Decline
//! on the series card decide every occurrence at once. `app::series` checks who may.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::actions::{dialog, dialog_message, request_dialog, text};
use super::{Reply, Sender, TeamsState};
use crate::app::actions::SeriesAction;
use crate::app::booking::BookingError;
use crate::app::errors::{Message, UserError};
use crate::app::screens::{Entered, Redraw};
use crate::domain::booking::RequestDraft;
use crate::domain::series::{Recurrence, RecurrenceError, SERIES_MAX};
use crate::domain::UserId;
use crate::i18n::t;
use crate::teams::cards;

/// The request dialog submitted with a repetition: the series sent (or the dialog again with
/// the error). `None` when it asks for one 1on1.
#[allow(clippy::too_many_arguments)]
pub(super) async fn request(
    state: &TeamsState,
    sender: &Sender,
    mentor: &UserId,
    theme: i64,
    draft: &RequestDraft,
    entered: &Entered,
    version: u32,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Reply>> {
    let recurrence = match Recurrence::parse(entered.every.as_deref(), &entered.count) {
        Ok(None) => return Ok(None),
        Ok(Some(recurrence)) => recurrence,
        Err(error) => {
            let (id, key) = match error {
                RecurrenceError::Every => (cards::inputs::EVERY, "series-every-invalid"),
                RecurrenceError::CountUnreadable => {
                    (cards::inputs::COUNT, "series-count-unreadable")
                }
                RecurrenceError::CountRange => (cards::inputs::COUNT, "series-count-range"),
            };
            let errors = [(id, Message::new(key).number("max", SERIES_MAX as usize))];
            let redraw = Redraw::after(version, false);
            let again = request_dialog(
                state,
                sender,
                mentor,
                theme,
                entered.clone(),
                redraw,
                &errors,
                now,
            );
            return Ok(Some(again.await?));
        }
    };
    let app = &state.app;
    let sent = app
        .request_series(&sender.user, mentor, theme, draft.clone(), recurrence, now)
        .await;
    let reply = match sent {
        Ok(sent) => {
            let names = app.display_names(vec![mentor.clone()]).await?;
            dialog(
                &t(sender.reader.lang, "request-title-plain"),
                cards::series_sent_card(&sender.reader, &sent, &names),
            )
        }
        Err(e @ (BookingError::SlotTaken { .. } | BookingError::MenteeBusy)) => {
            let key = match e {
                BookingError::MenteeBusy => "request-busy",
                _ => "request-taken",
            };
            let errors = [(cards::inputs::SLOT, Message::new(key))];
            let redraw = Redraw::after(version, key == "request-taken");
            let again = request_dialog(
                state,
                sender,
                mentor,
                theme,
                entered.clone(),
                redraw,
                &errors,
                now,
            );
            again.await?
        }
        Err(BookingError::Internal(e)) => return Err(e),
        Err(e) => dialog_message(text(sender, &e.message())),
    };
    Ok(Some(reply))
}

/// The mentor's Accept / Decline on a series request card: the card that replaces it.
pub(super) async fn press(
    state: &TeamsState,
    sender: &Sender,
    action: SeriesAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    let app = &state.app;
    let done = match action {
        SeriesAction::Accept { series } => app
            .accept_series(&sender.user, series, now)
            .await
            .map(|_| "series-accepted-reply"),
        SeriesAction::Decline { series } => app
            .decline_series(&sender.user, series, now)
            .await
            .map(|_| "series-declined-reply"),
    };
    let message = match done {
        Ok(key) => Message::new(key),
        Err(BookingError::Internal(e)) => return Err(e),
        Err(e) => e.message(),
    };
    Ok(cards::notice(&message, &sender.reader))
}
