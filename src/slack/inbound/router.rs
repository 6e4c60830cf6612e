//! What the bot does with each kind of Slack request, shared by HTTP and Socket Mode.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use slack_morphism::prelude::*;

use crate::app::actions::{Action, Form, HomeAction, InsightAction};
use crate::app::admin::AdminError;
use crate::app::events::EventOutcome;
use crate::app::wire as actions;
use crate::domain::{Command, SubCommand, UserId};
use crate::slack::blocks::admin as admin_views;
use crate::slack::blocks::render;
use crate::slack::inbound::admin;
use crate::slack::inbound::booking;
use crate::slack::inbound::context::{show_modal, user_lang};
use crate::slack::inbound::followup;
use crate::slack::inbound::insight;
use crate::slack::inbound::memo;
use crate::slack::inbound::mentor;
use crate::slack::inbound::payload::{
    Event, EventBody, Interaction, Pressed, SlashCommand, ViewRef,
};

pub use crate::slack::inbound::context::{InteractionReply, SlackState};

/// Answers a slash command: an ephemeral message, or nothing when a modal opened instead.
pub async fn on_command(
    state: &Arc<SlackState>,
    cmd: SlashCommand,
    now: DateTime<Utc>,
) -> Option<SlackCommandEventResponse> {
    let content = match command_reply(state, &cmd, now).await {
        Ok(content) => content?,
        Err(e) => {
            tracing::error!(user = %cmd.user, error = ?e, "slash command failed");
            render::error_message(user_lang(state, &cmd.user, now).await)
        }
    };
    Some(
        SlackCommandEventResponse::new(content)
            .with_response_type(SlackMessageResponseType::Ephemeral),
    )
}

async fn command_reply(
    state: &Arc<SlackState>,
    cmd: &SlashCommand,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<SlackMessageContent>> {
    let app = &state.app;
    match Command::parse(&cmd.text) {
        Command::Run {
            sub: SubCommand::Help,
            ..
        } => Ok(Some(render::help_message(
            &app.help_screen(&cmd.user, now).await?,
        ))),
        Command::Run {
            sub: SubCommand::Home,
            ..
        } => {
            // Make the Home current for when they open it.
            let cause = format!(
                "command:{}",
                cmd.trigger_id
                    .as_deref()
                    .unwrap_or(&now.timestamp_millis().to_string())
            );
            app.request_home_refresh(&cmd.user, &cause, now).await?;
            let lang = user_lang(state, &cmd.user, now).await;
            Ok(Some(render::home_link_message(
                lang,
                cmd.team_id.as_deref(),
                cmd.api_app_id.as_deref(),
            )))
        }
        Command::Run {
            sub: SubCommand::Admin,
            ..
        } => {
            let lang = user_lang(state, &cmd.user, now).await;
            let Some(trigger_id) = cmd.trigger_id.as_deref() else {
                anyhow::bail!("/mentor admin without a trigger_id");
            };
            match admin::open_console(state, &cmd.user, trigger_id, now).await {
                Ok(()) => Ok(None),
                Err(AdminError::Internal(e)) => Err(e),
                Err(error) => Ok(Some(render::plain_message(&admin_views::error_text(
                    lang, &error,
                )))),
            }
        }
        Command::Run {
            sub: SubCommand::Find,
            args,
        } => Ok(booking::find_after_ack(state, cmd, args, now).await),
        Command::Run {
            sub: SubCommand::Hours,
            ..
        } => match mentor::open_hours(state, &cmd.user, cmd.trigger_id.as_deref(), now).await? {
            Some(message) => Ok(Some(render::plain_message(&message))),
            None => Ok(None),
        },
        Command::Run {
            sub: SubCommand::History,
            args,
        } => Ok(
            memo::open_history(state, &cmd.user, cmd.trigger_id.as_deref(), &args, now)
                .await?
                .map(|text| render::plain_message(&text)),
        ),
        Command::Run {
            sub: SubCommand::Nudges,
            args,
        } => Ok(Some(
            followup::on_command(state, &cmd.user, &args, now).await?,
        )),
        Command::Run {
            sub: sub @ (SubCommand::Insight | SubCommand::Stats),
            ..
        } => {
            let action = match sub {
                SubCommand::Insight => InsightAction::Mine,
                _ => InsightAction::Stats { theme: None },
            };
            insight::on_command(state, &cmd.user, cmd.trigger_id.as_deref(), action, now).await
        }
        Command::Run {
            sub: SubCommand::Survey,
            args,
        } => Ok(Some(
            super::survey::on_command(state, &cmd.user, &args, now).await?,
        )),
        Command::Unknown { word, suggestion } => {
            let lang = user_lang(state, &cmd.user, now).await;
            Ok(Some(render::unknown_command_message(
                lang, &word, suggestion,
            )))
        }
    }
}

/// Handles a button press, submission or closed modal.
pub async fn on_interaction(
    state: &Arc<SlackState>,
    interaction: Interaction,
    now: DateTime<Utc>,
) -> InteractionReply {
    match interaction {
        Interaction::BlockActions {
            user,
            trigger_id,
            actions,
            view,
        } => {
            for action in actions {
                on_action(
                    state,
                    &user,
                    trigger_id.as_deref(),
                    &action,
                    view.as_ref(),
                    now,
                )
                .await;
            }
            InteractionReply::Ack
        }
        Interaction::ViewSubmission { user, view, .. } => {
            let form = actions::parse_form(
                view.callback_id.as_deref(),
                view.private_metadata.as_deref(),
            );
            match form {
                Ok(Form::Admin(form, ctx)) => {
                    admin::on_submission(state, &user, form, &ctx, &view, now).await
                }
                Ok(Form::Mentor(form)) => {
                    mentor::on_submission(state, &user, form, &view, now).await
                }
                Ok(Form::Booking(form)) => {
                    booking::on_submission(state, &user, form, &view, now).await
                }
                Ok(Form::Memo(form)) => memo::on_submission(state, &user, form, &view, now).await,
                Ok(Form::Nudge(form)) => {
                    followup::on_submission(state, &user, form, &view, now).await
                }
                Ok(Form::Insight(form)) => {
                    insight::on_submission(state, &user, form, &view, now).await
                }
                Ok(Form::Survey(form)) => {
                    super::survey::on_submission(state, &user, form, &view, now).await
                }
                Ok(Form::Help) => InteractionReply::Ack,
                // Not one of our modals: acknowledged, as Slack expects.
                Err(e @ actions::ParseError::UnknownCallback(_)) => {
                    tracing::warn!(user = %user, error = %e, "view submitted; nothing to save");
                    InteractionReply::Ack
                }
                Err(e) => {
                    tracing::warn!(user = %user, error = %e, "submitted view not understood; nothing saved");
                    InteractionReply::Update(render::error_modal(
                        user_lang(state, &user, now).await,
                    ))
                }
            }
        }
        Interaction::Suggestion {
            user,
            action_id,
            value,
        } => booking::on_suggestion(state, &user, &action_id, &value, now).await,
        Interaction::ViewClosed { user, view } => {
            tracing::debug!(user = %user, callback_id = ?view.callback_id, "view closed");
            InteractionReply::Ack
        }
        Interaction::Other { kind } => {
            tracing::debug!(
                kind,
                "interaction type not used by mentor-bot; acknowledged"
            );
            InteractionReply::Ack
        }
    }
}

/// One pressed element: parsed once into an [`Action`], then dispatched by a `match`.
async fn on_action(
    state: &Arc<SlackState>,
    user: &UserId,
    trigger_id: Option<&str>,
    pressed: &Pressed,
    view: Option<&ViewRef>,
    now: DateTime<Utc>,
) {
    let action = match actions::parse(&pressed.action_id, pressed.value.as_deref()) {
        Ok(action) => action,
        // Not an element we make (another app's, or a message's link buttons): ignored.
        Err(e @ actions::ParseError::UnknownAction(_)) => {
            tracing::warn!(user = %user, error = %e, "action not ours; ignored");
            return;
        }
        // Ours, but unreadable (forged, or cut short): say that nothing happened.
        Err(e) => {
            tracing::warn!(user = %user, error = %e, "pressed element not understood; told them nothing happened");
            let lang = user_lang(state, user, now).await;
            if let Err(e) = show_modal(state, trigger_id, view, render::error_modal(lang)).await {
                tracing::warn!(error = %e, "could not say the press was not understood");
            }
            return;
        }
    };
    // The modal the element sits in, with the context it carries (none on the Home or in a DM).
    let form = view.and_then(|v| {
        actions::parse_form(v.callback_id.as_deref(), v.private_metadata.as_deref()).ok()
    });
    match action {
        Action::Home(home) => on_home(state, user, trigger_id, home, pressed, now).await,
        Action::Admin(action) => {
            admin::on_action(state, user, trigger_id, action, view, form.as_ref(), now).await
        }
        Action::Mentor(action) => {
            mentor::on_action(state, user, trigger_id, action, view, now).await
        }
        Action::Booking(action) if booking::acks_first(&action) => {
            booking::press_after_ack(state, user, trigger_id, action, view, form.as_ref(), now)
                .await
        }
        Action::Booking(action) => {
            booking::on_action(state, user, trigger_id, action, view, form.as_ref(), now).await
        }
        Action::Memo(action) => memo::on_action(state, user, trigger_id, action, view, now).await,
        Action::Series(action) => {
            followup::on_series(state, user, trigger_id, action, view, now).await
        }
        Action::Nudge(action) => {
            followup::on_nudge(state, user, trigger_id, action, view, now).await
        }
        Action::Insight(action) => {
            insight::on_action(state, user, trigger_id, action, view, now).await
        }
        Action::Survey(action) => {
            super::survey::on_action(state, user, trigger_id, action, view, now).await
        }
    }
}

async fn on_home(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: HomeAction,
    pressed: &Pressed,
    now: DateTime<Utc>,
) {
    let result = match action {
        HomeAction::Help => open_help(state, user, trigger_id, now).await,
        HomeAction::Refresh => {
            let cause = format!(
                "refresh:{}",
                pressed
                    .action_ts
                    .as_deref()
                    .unwrap_or(&now.timestamp_millis().to_string())
            );
            state.app.request_home_refresh(user, &cause, now).await
        }
        HomeAction::AdminConsole => match trigger_id {
            Some(trigger_id) => match admin::open_console(state, user, trigger_id, now).await {
                Ok(()) => Ok(()),
                Err(AdminError::Internal(e)) => Err(e),
                Err(error) => {
                    let lang = user_lang(state, user, now).await;
                    let notice = admin_views::notice(
                        lang,
                        "admin-denied-title-plain",
                        admin_views::error_text(lang, &error),
                    );
                    state
                        .gateway
                        .open_view(trigger_id, notice)
                        .await
                        .map_err(Into::into)
                }
            },
            None => Ok(()),
        },
    };
    if let Err(e) = result {
        tracing::error!(user = %user, action = ?action, error = ?e, "interaction failed");
    }
}

async fn open_help(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let Some(trigger_id) = trigger_id else {
        anyhow::bail!("help button pressed without a trigger_id");
    };
    let screen = state.app.help_screen(user, now).await?;
    state
        .gateway
        .open_view(trigger_id, render::help_modal(&screen))
        .await?;
    Ok(())
}

/// The answer to an Events API request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventReply {
    /// `url_verification`: echo the challenge.
    Challenge(String),
    Ack,
    /// Could not record the event: ask Slack to retry it.
    RetryLater,
}

pub async fn on_event(
    state: &SlackState,
    body: EventBody,
    retry_num: Option<u32>,
    now: DateTime<Utc>,
) -> EventReply {
    match body {
        EventBody::UrlVerification { challenge } => EventReply::Challenge(challenge),
        EventBody::Callback {
            event_id,
            event: Event::AppHomeOpened { user, tab },
        } => match state.app.app_opened(&event_id, &user, tab, now).await {
            Ok(EventOutcome::Handled) => EventReply::Ack,
            Ok(EventOutcome::Duplicate) => {
                tracing::info!(
                    event_id,
                    retry_num,
                    "event already handled; acknowledged again"
                );
                EventReply::Ack
            }
            Err(e) => {
                tracing::error!(event_id, error = ?e, "could not record event");
                EventReply::RetryLater
            }
        },
        EventBody::Callback {
            event_id,
            event: Event::Other { kind },
        } => {
            tracing::debug!(
                event_id,
                kind,
                "event type not used by mentor-bot; acknowledged"
            );
            EventReply::Ack
        }
        EventBody::Other { kind } => {
            tracing::debug!(kind, "events API body type not used; acknowledged");
            EventReply::Ack
        }
    }
}
