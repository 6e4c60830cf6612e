//! What the bot does with each kind of Slack request, shared by HTTP and Socket Mode.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use slack_morphism::prelude::*;

use crate::app::admin::AdminError;
use crate::app::events::EventOutcome;
use crate::app::App;
use crate::domain::{Command, Lang, SubCommand, UserId};
use crate::slack::blocks::admin as admin_views;
use crate::slack::blocks::render::{self, actions};
use crate::slack::inbound::admin;
use crate::slack::inbound::booking;
use crate::slack::inbound::mentor;
use crate::slack::inbound::payload::{
    Action, Event, EventBody, Interaction, SlashCommand, ViewRef,
};
use crate::slack::outbound::gateway::SlackGateway;

/// Everything a handler needs.
pub struct SlackState {
    pub app: App,
    pub gateway: Arc<SlackGateway>,
}

/// Answers a slash command: an ephemeral message, or nothing when a modal opened instead.
pub async fn on_command(
    state: &SlackState,
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
    state: &SlackState,
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
        } => {
            booking::open_find(
                state,
                &cmd.user,
                cmd.trigger_id.as_deref(),
                &args,
                None,
                now,
            )
            .await?;
            Ok(None)
        }
        Command::Run {
            sub: SubCommand::Hours,
            ..
        } => match mentor::open_hours(state, &cmd.user, cmd.trigger_id.as_deref(), now).await? {
            Some(message) => Ok(Some(render::plain_message(&message))),
            None => Ok(None),
        },
        Command::Unknown { word, suggestion } => {
            let lang = user_lang(state, &cmd.user, now).await;
            Ok(Some(render::unknown_command_message(
                lang, &word, suggestion,
            )))
        }
    }
}

/// The reader's language, or the workspace default when even that cannot be loaded.
pub(super) async fn user_lang(state: &SlackState, user: &UserId, now: DateTime<Utc>) -> Lang {
    match state.app.profile(user, now).await {
        Ok(profile) => state.app.reader(&profile).lang,
        Err(_) => state.app.settings.default_lang,
    }
}

/// The answer to an interaction: a plain ack, or (for a submitted modal) field errors or a
/// replacement view.
#[derive(Debug, Clone)]
pub enum InteractionReply {
    Ack,
    /// `response_action: errors`, keyed by input block id.
    Errors(HashMap<String, String>),
    /// `response_action: update`.
    Update(SlackView),
    /// The options an external select asked for (`block_suggestion`).
    Options(Value),
}

impl InteractionReply {
    /// The response body Slack expects (HTTP body or Socket Mode ack payload).
    pub fn body(&self) -> Option<Value> {
        match self {
            InteractionReply::Ack => None,
            InteractionReply::Errors(errors) => {
                Some(json!({"response_action": "errors", "errors": errors}))
            }
            InteractionReply::Update(view) => {
                Some(json!({"response_action": "update", "view": view}))
            }
            InteractionReply::Options(options) => Some(options.clone()),
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
        Interaction::ViewSubmission { user, view, .. } => match view.callback_id.as_deref() {
            Some(cb) if admin::owns_callback(cb) => {
                admin::on_submission(state, &user, &view, now).await
            }
            Some(cb) if mentor::owns_callback(cb) => {
                mentor::on_submission(state, &user, &view, now).await
            }
            Some(cb) if booking::owns_callback(cb) => {
                booking::on_submission(state, &user, &view, now).await
            }
            other => {
                tracing::debug!(user = %user, callback_id = ?other, "view submitted; nothing to save");
                InteractionReply::Ack
            }
        },
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

async fn on_action(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: &Action,
    view: Option<&ViewRef>,
    now: DateTime<Utc>,
) {
    if admin::owns_action(&action.action_id) {
        return admin::on_action(state, user, trigger_id, action, view, now).await;
    }
    if mentor::owns_action(&action.action_id) {
        return mentor::on_action(state, user, trigger_id, action, view, now).await;
    }
    if booking::owns_action(&action.action_id) {
        return booking::on_action(state, user, trigger_id, action, view, now).await;
    }
    let result = match action.action_id.as_str() {
        actions::HOME_HELP => open_help(state, user, trigger_id, now).await,
        actions::HOME_REFRESH => {
            let cause = format!(
                "refresh:{}",
                action
                    .action_ts
                    .as_deref()
                    .unwrap_or(&now.timestamp_millis().to_string())
            );
            state.app.request_home_refresh(user, &cause, now).await
        }
        actions::HOME_ADMIN => match trigger_id {
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
        other => {
            tracing::warn!(action_id = other, user = %user, "action not handled (yet); ignored");
            Ok(())
        }
    };
    if let Err(e) = result {
        tracing::error!(user = %user, action = action.action_id, error = ?e, "interaction failed");
    }
}

/// Shows a modal: pushed over the modal the interaction came `from`, or opened on its own
/// when it came from a message or the App Home (whose payloads carry a `home` view, and where
/// `views.push` is not allowed).
pub(super) async fn show_modal(
    state: &SlackState,
    trigger_id: Option<&str>,
    from: Option<&ViewRef>,
    view: SlackView,
) -> anyhow::Result<()> {
    let Some(trigger_id) = trigger_id else {
        anyhow::bail!("no trigger_id to open a modal with");
    };
    if from.is_some_and(ViewRef::is_modal) {
        state.gateway.push_view(trigger_id, view).await?;
    } else {
        state.gateway.open_view(trigger_id, view).await?;
    }
    Ok(())
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
