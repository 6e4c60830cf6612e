//! What the bot does with each kind of Slack request, shared by HTTP and Socket Mode.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use slack_morphism::prelude::*;

use super::gateway::SlackGateway;
use super::payload::{Event, EventBody, Interaction, SlashCommand};
use super::render::{self, actions};
use crate::app::events::EventOutcome;
use crate::app::App;
use crate::domain::{Command, Lang, SubCommand, UserId};

/// Everything a handler needs.
pub struct SlackState {
    pub app: App,
    pub gateway: Arc<SlackGateway>,
}

/// Answers a slash command with an ephemeral message (the body of the 200 / the Socket Mode ack).
pub async fn on_command(
    state: &SlackState,
    cmd: SlashCommand,
    now: DateTime<Utc>,
) -> SlackCommandEventResponse {
    let content = match command_reply(state, &cmd, now).await {
        Ok(content) => content,
        Err(e) => {
            tracing::error!(user = %cmd.user, error = ?e, "slash command failed");
            render::error_message(user_lang(state, &cmd.user, now).await)
        }
    };
    SlackCommandEventResponse::new(content).with_response_type(SlackMessageResponseType::Ephemeral)
}

async fn command_reply(
    state: &SlackState,
    cmd: &SlashCommand,
    now: DateTime<Utc>,
) -> anyhow::Result<SlackMessageContent> {
    let app = &state.app;
    match Command::parse(&cmd.text) {
        Command::Run {
            sub: SubCommand::Help,
            ..
        } => Ok(render::help_message(
            &app.help_screen(&cmd.user, now).await?,
        )),
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
            Ok(render::home_link_message(
                lang,
                cmd.team_id.as_deref(),
                cmd.api_app_id.as_deref(),
            ))
        }
        Command::Unknown { word, suggestion } => {
            let lang = user_lang(state, &cmd.user, now).await;
            Ok(render::unknown_command_message(lang, &word, suggestion))
        }
    }
}

/// The reader's language, or the workspace default when even that cannot be loaded.
async fn user_lang(state: &SlackState, user: &UserId, now: DateTime<Utc>) -> Lang {
    match state.app.profile(user, now).await {
        Ok(profile) => state.app.reader(&profile).lang,
        Err(_) => state.app.settings.default_lang,
    }
}

/// Handles a button press, submission or closed modal. Slack only needs the ack.
pub async fn on_interaction(state: &SlackState, interaction: Interaction, now: DateTime<Utc>) {
    let result = match interaction {
        Interaction::BlockActions {
            user,
            trigger_id,
            actions,
            ..
        } => {
            let mut result = Ok(());
            for action in actions {
                result =
                    result.and(on_action(state, &user, trigger_id.as_deref(), &action, now).await);
            }
            result
        }
        Interaction::ViewSubmission { user, view, .. } | Interaction::ViewClosed { user, view } => {
            tracing::debug!(user = %user, callback_id = ?view.callback_id, "view closed or submitted; nothing to save");
            Ok(())
        }
        Interaction::Other { kind } => {
            tracing::debug!(
                kind,
                "interaction type not used by mentor-bot; acknowledged"
            );
            Ok(())
        }
    };
    if let Err(e) = result {
        tracing::error!(error = ?e, "interaction failed");
    }
}

async fn on_action(
    state: &SlackState,
    user: &UserId,
    trigger_id: Option<&str>,
    action: &super::payload::Action,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    match action.action_id.as_str() {
        actions::HOME_HELP => {
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
        other => {
            tracing::warn!(action_id = other, user = %user, "unknown action; ignored");
            Ok(())
        }
    }
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
