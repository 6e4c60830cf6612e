//! 1on1s in Slack: finding mentors, requesting, and the mentor's and mentee's buttons in DMs
//! and on the App Home. Every action is checked by the use cases (only the mentor decides,
//! only the pair changes a 1on1). Submitted forms are in `submit.rs`.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use slack_morphism::prelude::{SlackMessageContent, SlackView};

use crate::app::actions::{BookingAction, BookingForm, Form};
use crate::app::booking::BookingError;
use crate::app::errors::UserError;
use crate::app::screens::Redraw;
use crate::domain::{Lang, Reader, UserId};
use crate::i18n::t;
use crate::slack::blocks::booking::{self as views, inputs, Entered, FindCtx};
use crate::slack::blocks::render::{message_text, plain_message as message_text_plain};
use crate::slack::inbound::context::{show_modal as show, InteractionReply, SlackState};
use crate::slack::inbound::payload::{SlashCommand, ViewRef};

mod after_ack;
pub mod drawn;
mod submit;

pub use after_ack::{acks_first, press_after_ack};
pub use submit::on_submission;

fn error_text(lang: Lang, error: &BookingError) -> String {
    message_text(lang, &error.message())
}

async fn reader_of(
    state: &SlackState,
    user: &UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<Reader> {
    Ok(state.app.reader(&state.app.profile(user, now).await?))
}

/// Opens the search form with the results for `words` below it (from `/mentor find [words]`
/// or the Home button).
pub async fn open_find(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    words: &str,
    from: Option<&ViewRef>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let reader = reader_of(state, user, now).await?;
    let search = FindCtx {
        words: words.to_string(),
        ..FindCtx::default()
    };
    let Some(key) = state.app.shared_find_key(user, &search, now) else {
        let screen = state.app.find_with_results(user, search, now).await?;
        return show(
            state,
            trigger_id,
            from,
            views::find_results(&reader, &screen),
        )
        .await;
    };
    let view = match state.drawn.get(&key, &reader) {
        Some(view) => view,
        None => {
            let screen = state.app.find_with_results(user, search, now).await?;
            let view = views::find_results(&reader, &screen);
            let view: std::sync::Arc<serde_json::value::RawValue> =
                serde_json::value::to_raw_value(&view)?.into();
            state.drawn.put(key, &reader, view.clone());
            view
        }
    };
    crate::slack::inbound::context::show_drawn_modal(state, trigger_id, from, &view).await
}

/// `/mentor find [words]`, acknowledged first: the search and `views.open` run after the
/// answer, so neither sits inside Slack's 3 seconds. When too many are still running, the
/// answer is a polite "busy, try again" in the person's language instead (nothing queued).
pub async fn find_after_ack(
    state: &Arc<SlackState>,
    cmd: &SlashCommand,
    words: String,
    now: DateTime<Utc>,
) -> Option<SlackMessageContent> {
    let Some(permit) = state.pending.acquire().await else {
        let lang = state.app.known_lang(&cmd.user).await;
        // Debug only: under overload a line per refused request would add to the load.
        tracing::debug!(user = %cmd.user, "busy: answered /mentor find with try-again");
        return Some(message_text_plain(&t(lang, "busy-try-again")));
    };
    let state = state.clone();
    let (user, trigger_id) = (cmd.user.clone(), cmd.trigger_id.clone());
    tokio::spawn(async move {
        let _permit = permit;
        let opened = open_find(&state, &user, trigger_id.as_deref(), &words, None, now).await;
        if let Err(e) = opened {
            tracing::error!(user = %user, error = ?e, "/mentor find failed after its ack");
        }
    });
    None
}

pub async fn on_action(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: BookingAction,
    view: Option<&ViewRef>,
    form: Option<&Form>,
    now: DateTime<Utc>,
) {
    if let Err(e) = act(state, user, trigger_id, &action, view, form, now).await {
        tracing::error!(user = %user, action = ?action, error = ?e, "1on1 action failed");
    }
}

async fn act(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: &BookingAction,
    view: Option<&ViewRef>,
    form: Option<&Form>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let app = &state.app;
    let reader = reader_of(state, user, now).await?;
    let lang = reader.lang;
    let refused = |e: BookingError| async move {
        if let BookingError::Internal(e) = e {
            return Err(e);
        }
        show(
            state,
            trigger_id,
            view,
            views::done(lang, error_text(lang, &e)),
        )
        .await
    };

    match action {
        BookingAction::Find => open_find(state, user, trigger_id, "", view, now).await,
        BookingAction::NewSearch => {
            if let Some(view_id) = view.and_then(|v| v.id.as_deref()) {
                let fresh = results_view(state, user, &reader, &FindCtx::default(), now).await?;
                state.gateway.update_view(view_id, fresh).await?;
            }
            Ok(())
        }
        &BookingAction::Page(page) => {
            let Some(view) = view else { return Ok(()) };
            let ctx = match form {
                Some(Form::Booking(BookingForm::Results(ctx))) => ctx.clone(),
                _ => FindCtx::default(),
            };
            let ctx = FindCtx { page, ..ctx };
            let results = results_view(state, user, &reader, &ctx, now).await?;
            if let Some(view_id) = view.id.as_deref() {
                state.gateway.update_view(view_id, results).await?;
            }
            Ok(())
        }
        &BookingAction::PickDay(day) => {
            let (Some(view), Some(Form::Booking(form))) = (view, form) else {
                return Ok(());
            };
            redraw_for_day(state, &reader, view, form, day, now).await
        }
        BookingAction::Request { mentor, theme } => {
            let screen = app
                .request_screen(
                    &reader,
                    mentor,
                    *theme,
                    Entered::default(),
                    Redraw::default(),
                    now,
                )
                .await;
            match screen {
                Ok(screen) => {
                    let form = views::request_form(&reader, &screen);
                    show(state, trigger_id, view, form).await
                }
                Err(e) => refused(e).await,
            }
        }
        &BookingAction::Accept { one_on_one } => {
            match app.accept_request(user, one_on_one, now).await {
                Ok(_) => {
                    show(
                        state,
                        trigger_id,
                        view,
                        views::done(lang, t(lang, "booking-accepted")),
                    )
                    .await
                }
                Err(e) => refused(e).await,
            }
        }
        &BookingAction::Decline { one_on_one } => {
            match app.open_decline(user, one_on_one, now).await {
                Ok(()) => {
                    let form = views::decline_form(lang, one_on_one);
                    show(state, trigger_id, view, form).await
                }
                Err(e) => refused(e).await,
            }
        }
        &BookingAction::Cancel { one_on_one } => {
            match app.cancel_one_on_one(user, one_on_one, now).await {
                Ok(_) => {
                    show(
                        state,
                        trigger_id,
                        view,
                        views::done(lang, t(lang, "booking-cancelled")),
                    )
                    .await
                }
                Err(e) => refused(e).await,
            }
        }
        BookingAction::BookNext { .. }
        | BookingAction::Rate { .. }
        | BookingAction::MarkHeld { .. } => {
            crate::slack::inbound::after::on_action(state, user, trigger_id, action, view, now)
                .await
        }
        &BookingAction::Reschedule { one_on_one } => {
            let screen = app
                .reschedule_screen(&reader, one_on_one, None, Redraw::default(), now)
                .await;
            match screen {
                Ok(screen) => {
                    let form = views::reschedule_form(&reader, &screen);
                    show(state, trigger_id, view, form).await
                }
                Err(e) => refused(e).await,
            }
        }
    }
}

/// What the mentee has entered in a request form so far.
pub(crate) fn entered(view: &ViewRef) -> Entered {
    Entered {
        day: view.date_choice(inputs::DAY),
        topic: view.choice(inputs::TOPIC),
        other: view.text(inputs::OTHER),
        response: view.choice(inputs::RESPONSE),
        note: view.text(inputs::NOTE),
        every: view.choice(crate::slack::blocks::followup::inputs::EVERY),
        count: view.text(crate::slack::blocks::followup::inputs::COUNT),
    }
}

/// Another day was chosen in a request or reschedule form: the same form with that day's
/// times (a new time select, so no time of the other day stays chosen), the rest kept.
async fn redraw_for_day(
    state: &SlackState,
    reader: &Reader,
    view: &ViewRef,
    form: &BookingForm,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let app = &state.app;
    let Some(view_id) = view.id.as_deref() else {
        return Ok(());
    };
    let redrawn = match form {
        BookingForm::Request {
            mentor,
            theme,
            version,
        } => {
            let entered = Entered {
                day: Some(day),
                ..entered(view)
            };
            let redraw = Redraw::after(*version, false);
            match app
                .request_screen(reader, mentor, *theme, entered, redraw, now)
                .await
            {
                Ok(screen) => views::request_form(reader, &screen),
                Err(BookingError::Internal(e)) => return Err(e),
                Err(e) => views::done(reader.lang, error_text(reader.lang, &e)),
            }
        }
        &BookingForm::Reschedule {
            one_on_one: id,
            version,
        } => {
            let redraw = Redraw::after(version, false);
            match app
                .reschedule_screen(reader, id, Some(day), redraw, now)
                .await
            {
                Ok(screen) => views::reschedule_form(reader, &screen),
                Err(BookingError::Forbidden) => return Ok(()),
                Err(BookingError::Internal(e)) => return Err(e),
                Err(e) => views::done(reader.lang, error_text(reader.lang, &e)),
            }
        }
        _ => return Ok(()),
    };
    state.gateway.update_view(view_id, redrawn).await?;
    Ok(())
}

async fn results_view(
    state: &SlackState,
    user: &UserId,
    reader: &Reader,
    ctx: &FindCtx,
    now: DateTime<Utc>,
) -> anyhow::Result<SlackView> {
    let screen = state.app.find_with_results(user, ctx.clone(), now).await?;
    Ok(views::find_results(reader, &screen))
}

/// Options for the theme filter when there are too many themes for a static select.
pub async fn on_suggestion(
    state: &SlackState,
    user: &UserId,
    action_id: &str,
    typed: &str,
    now: DateTime<Utc>,
) -> InteractionReply {
    if action_id != inputs::THEME {
        return InteractionReply::Options(serde_json::json!({ "options": [] }));
    }
    let lang = match state.app.profile(user, now).await {
        Ok(p) => state.app.reader(&p).lang,
        Err(_) => state.app.settings.default_lang,
    };
    match state.app.theme_suggestions(typed).await {
        Ok(groups) => InteractionReply::Options(views::theme_suggestions(lang, &groups)),
        Err(e) => {
            tracing::error!(error = ?e, "theme suggestions failed");
            InteractionReply::Options(serde_json::json!({ "options": [] }))
        }
    }
}
