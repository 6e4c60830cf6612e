//! Series and nudges in Slack: the series fields of a submitted request form, the mentor's
//! series buttons, `/mentor nudges [on|off]`, the nudge switch and the office's settings.
//! Every permission is checked by the use cases (only a series' mentor decides it, only an
//! admin changes the settings).

use chrono::{DateTime, Utc};
use slack_morphism::prelude::SlackMessageContent;

use crate::app::actions::{NudgeAction, NudgeForm, SeriesAction};
use crate::app::admin::Actor;
use crate::app::booking::BookingError;
use crate::app::errors::{Message, UserError};
use crate::app::nudges::NudgeError;
use crate::app::screens::Redraw;
use crate::domain::booking::RequestDraft;
use crate::domain::series::{Recurrence, RecurrenceError};
use crate::domain::{Reader, UserId};
use crate::i18n::{t, t_with, Arg};
use crate::slack::blocks::booking::{self as booking_views, inputs as booking_inputs};
use crate::slack::blocks::followup::{self as views, inputs};
use crate::slack::blocks::render::{message_text, plain_message};
use crate::slack::inbound::context::{show_modal, user_lang, InteractionReply, SlackState};
use crate::slack::inbound::payload::ViewRef;

/// A request form as submitted, when it asks for a series: the series' reply (field errors,
/// the form redrawn after a lost race, or what was sent). `None` for a single 1on1.
#[allow(clippy::too_many_arguments)]
pub async fn series_request(
    state: &SlackState,
    reader: &Reader,
    user: &UserId,
    mentor: &UserId,
    theme: i64,
    draft: &RequestDraft,
    view: &ViewRef,
    version: u32,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<InteractionReply>> {
    let lang = reader.lang;
    let recurrence = match Recurrence::parse(
        view.choice(inputs::EVERY).as_deref(),
        &view.text(inputs::COUNT),
    ) {
        Ok(None) => return Ok(None),
        Ok(Some(recurrence)) => recurrence,
        Err(error) => {
            let (block, key) = match error {
                RecurrenceError::Every => (inputs::EVERY, "series-every-invalid"),
                RecurrenceError::CountUnreadable => (inputs::COUNT, "series-count-unreadable"),
                RecurrenceError::CountRange => (inputs::COUNT, "series-count-range"),
            };
            let message =
                Message::new(key).number("max", crate::domain::series::SERIES_MAX as usize);
            let errors = [(block.to_string(), message_text(lang, &message))].into();
            return Ok(Some(InteractionReply::Errors(errors)));
        }
    };
    let app = &state.app;
    let sent = app
        .request_series(user, mentor, theme, draft.clone(), recurrence, now)
        .await;
    let reply = match sent {
        Ok(sent) => InteractionReply::Update(views::series_sent_view(reader, &sent)),
        Err(BookingError::SlotTaken { .. }) => {
            let entered = super::booking::entered(view);
            let redraw = Redraw::after(version, true);
            match app
                .request_screen(reader, mentor, theme, entered, redraw, now)
                .await
            {
                Ok(screen) => {
                    InteractionReply::Update(booking_views::request_form(reader, &screen))
                }
                Err(BookingError::Internal(e)) => return Err(e),
                Err(e) => InteractionReply::Update(booking_views::done(
                    lang,
                    message_text(lang, &e.message()),
                )),
            }
        }
        Err(BookingError::MenteeBusy) => InteractionReply::Errors(
            [(booking_inputs::slot(version), t(lang, "request-busy"))].into(),
        ),
        Err(BookingError::Internal(e)) => return Err(e),
        Err(e) => {
            InteractionReply::Update(booking_views::done(lang, message_text(lang, &e.message())))
        }
    };
    Ok(Some(reply))
}

/// `/mentor nudges [on|off]`: turns them off or on, or says whether they are on.
pub async fn on_command(
    state: &SlackState,
    user: &UserId,
    args: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<SlackMessageContent> {
    let lang = user_lang(state, user, now).await;
    let on = match args.trim().to_lowercase().as_str() {
        "off" | "オフ" => Some(false),
        "on" | "オン" => Some(true),
        "" => None,
        _ => return Ok(plain_message(&t(lang, "nudges-usage"))),
    };
    let on = match on {
        Some(on) => {
            state.app.set_nudges(user, on, now).await?;
            on
        }
        None => state.app.nudges_on(user).await?,
    };
    Ok(plain_message(&views::nudges_now(lang, on)))
}

/// A series button (in the mentor's request DM, or a waiting-request nudge).
pub async fn on_series(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: SeriesAction,
    view: Option<&ViewRef>,
    now: DateTime<Utc>,
) {
    let lang = user_lang(state, user, now).await;
    let result = match action {
        SeriesAction::Accept { series } => state
            .app
            .accept_series(user, series, now)
            .await
            .map(|_| t(lang, "series-accepted-reply")),
        SeriesAction::Decline { series } => state
            .app
            .decline_series(user, series, now)
            .await
            .map(|_| t(lang, "series-declined-reply")),
    };
    let text = match result {
        Ok(text) => text,
        Err(BookingError::Internal(e)) => {
            tracing::error!(user = %user, ?action, error = ?e, "series action failed");
            t(lang, "error-generic")
        }
        Err(e) => {
            tracing::info!(user = %user, ?action, error = %e, "series action refused");
            message_text(lang, &e.message())
        }
    };
    if let Err(e) = show_modal(state, trigger_id, view, booking_views::done(lang, text)).await {
        tracing::warn!(error = %e, "could not show the series outcome");
    }
}

/// The nudge switch (Home, DMs) and the office's settings button (admin console).
pub async fn on_nudge(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: NudgeAction,
    view: Option<&ViewRef>,
    now: DateTime<Utc>,
) {
    let lang = user_lang(state, user, now).await;
    let shown = match action {
        NudgeAction::Off | NudgeAction::On => {
            let on = action == NudgeAction::On;
            match state.app.set_nudges(user, on, now).await {
                Ok(()) => views::notice_view(lang, views::nudges_now(lang, on)),
                Err(e) => {
                    tracing::error!(user = %user, error = ?e, "could not switch nudges");
                    views::notice_view(lang, t(lang, "error-generic"))
                }
            }
        }
        NudgeAction::Settings => {
            let admin = state.app.roles(user).await.map(|r| r.admin);
            match admin {
                Ok(true) => match state.app.rebook_weeks().await {
                    Ok(weeks) => views::nudge_settings_view(lang, weeks),
                    Err(e) => {
                        tracing::error!(error = ?e, "could not read nudge settings");
                        views::notice_view(lang, t(lang, "error-generic"))
                    }
                },
                Ok(false) => {
                    views::notice_view(lang, message_text(lang, &NudgeError::NotAdmin.message()))
                }
                Err(e) => {
                    tracing::error!(error = ?e, "could not read roles");
                    views::notice_view(lang, t(lang, "error-generic"))
                }
            }
        }
    };
    if let Err(e) = show_modal(state, trigger_id, view, shown).await {
        tracing::warn!(error = %e, "could not show the nudge outcome");
    }
}

/// The office's nudge settings, submitted.
pub async fn on_submission(
    state: &SlackState,
    user: &UserId,
    form: NudgeForm,
    view: &ViewRef,
    now: DateTime<Utc>,
) -> InteractionReply {
    let lang = user_lang(state, user, now).await;
    match form {
        NudgeForm::Settings => {
            let text = view.text(inputs::WEEKS);
            let actor = Actor::User(user.clone());
            match state.app.set_rebook_weeks(&actor, &text, now).await {
                Ok(weeks) => InteractionReply::Update(views::notice_view(
                    lang,
                    t_with(
                        lang,
                        "nudge-settings-saved",
                        &[("weeks", Arg::Number(i64::from(weeks)))],
                    ),
                )),
                Err(NudgeError::Weeks) => InteractionReply::Errors(
                    [(
                        inputs::WEEKS.to_string(),
                        message_text(lang, &NudgeError::Weeks.message()),
                    )]
                    .into(),
                ),
                Err(NudgeError::Internal(e)) => {
                    tracing::error!(user = %user, error = ?e, "could not save nudge settings");
                    InteractionReply::Update(views::notice_view(lang, t(lang, "error-generic")))
                }
                Err(e) => InteractionReply::Update(views::notice_view(
                    lang,
                    message_text(lang, &e.message()),
                )),
            }
        }
    }
}
