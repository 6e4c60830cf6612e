//! After a 1on1 in Slack: the after-1on1 DM's buttons (rate, held / not held, book the next
//! one) and the submitted rating. Who may do what is checked by the use cases in `app::after`,
//! so a forged button value gets the refusal and changes nothing.

use chrono::{DateTime, Utc};

use crate::app::actions::BookingAction;
use crate::app::after::AfterError;
use crate::app::errors::UserError;
use crate::domain::after::{Held, Rating};
use crate::domain::UserId;
use crate::i18n::t;
use crate::slack::blocks::after::{self as views, inputs};
use crate::slack::blocks::booking::{done, request_form};
use crate::slack::blocks::render::message_text;
use crate::slack::inbound::context::{show_modal, InteractionReply, SlackState};
use crate::slack::inbound::payload::ViewRef;

/// A pressed after-1on1 button (the booking router hands these over).
pub async fn on_action(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: &BookingAction,
    view: Option<&ViewRef>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let app = &state.app;
    let reader = app.reader(&app.profile(user, now).await?);
    let lang = reader.lang;
    let shown = match *action {
        BookingAction::BookNext { one_on_one } => app
            .book_next_screen(&reader, one_on_one, now)
            .await
            .map(|screen| request_form(&reader, &screen)),
        BookingAction::Rate { one_on_one } => app
            .open_rating(user, one_on_one, now)
            .await
            .map(|()| views::rating_form(lang, one_on_one)),
        BookingAction::MarkHeld { one_on_one, held } => {
            let (held, key) = match held {
                true => (Held::Held, "after-held-done"),
                false => (Held::NotHeld, "after-not-held-done"),
            };
            app.mark_held(user, one_on_one, held, now)
                .await
                .map(|_| done(lang, t(lang, key)))
        }
        _ => return Ok(()),
    };
    let view_to_show = match shown {
        Ok(shown) => shown,
        Err(AfterError::Internal(e)) => return Err(e),
        Err(refused) => done(lang, message_text(lang, &refused.message())),
    };
    show_modal(state, trigger_id, view, view_to_show).await
}

/// The submitted rating form.
pub async fn on_rating(
    state: &SlackState,
    user: &UserId,
    one_on_one: i64,
    view: &ViewRef,
    now: DateTime<Utc>,
) -> anyhow::Result<InteractionReply> {
    let app = &state.app;
    let lang = app.reader(&app.profile(user, now).await?).lang;
    let rating = Rating::parse(
        view.choice(inputs::CLARITY).as_deref(),
        view.choice(inputs::GOT).as_deref(),
        &view.text(inputs::COMMENT),
    );
    let rating = match rating {
        Ok(rating) => rating,
        Err(fields) => {
            return Ok(InteractionReply::Errors(views::rating_errors(
                lang, &fields,
            )))
        }
    };
    let text = match app.rate_one_on_one(user, one_on_one, rating, now).await {
        Ok(()) => t(lang, "rate-thanks"),
        Err(AfterError::Internal(e)) => return Err(e),
        Err(refused) => message_text(lang, &refused.message()),
    };
    Ok(InteractionReply::Update(done(lang, text)))
}
