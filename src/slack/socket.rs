//! Slack over Socket Mode (no public URL): slack-morphism keeps the WebSocket connections and
//! acks; each envelope's payload goes through the same parsing and handlers as over HTTP.

use std::sync::Arc;

use chrono::Utc;
use slack_morphism::prelude::*;

use super::gateway::Client;
use super::handlers::{self, SlackState};
use super::payload::{EventBody, Interaction, SlashCommand};
use crate::config::Secret;

type Callback<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// A running Socket Mode listener.
pub struct SocketMode {
    listener: SlackClientSocketModeListener<super::gateway::Connector>,
}

impl SocketMode {
    /// Connects with the app-level token and starts receiving envelopes.
    pub async fn start(state: Arc<SlackState>, client: Arc<Client>, app_token: &Secret) -> anyhow::Result<Self> {
        let environment = Arc::new(
            SlackClientEventsListenerEnvironment::new(client)
                .with_error_handler(on_error)
                .with_user_state(state),
        );
        let callbacks = SlackSocketModeListenerCallbacks::new()
            .with_command_events(on_command)
            .with_interaction_events(on_interaction)
            .with_push_events(on_push_event);
        let listener = SlackClientSocketModeListener::new(
            &SlackClientSocketModeConfig::new(),
            environment,
            callbacks,
        );
        listener
            .listen_for(&SlackApiToken::new(app_token.expose().into()))
            .await
            .map_err(|e| anyhow::anyhow!("Socket Mode: apps.connections.open failed: {e}"))?;
        listener.start().await;
        tracing::info!("Socket Mode connected");
        Ok(Self { listener })
    }

    pub async fn shutdown(&self) {
        self.listener.shutdown().await;
    }
}

async fn state_of(states: &SlackClientEventsUserState) -> Option<Arc<SlackState>> {
    states.read().await.get_user_state::<Arc<SlackState>>().cloned()
}

fn on_error(
    err: Box<dyn std::error::Error + Send + Sync>,
    _client: Arc<Client>,
    _states: SlackClientEventsUserState,
) -> axum::http::StatusCode {
    // Payloads slack-morphism cannot model (e.g. `"team": null`) land here: logged, not fatal.
    tracing::warn!(error = %err, "Socket Mode envelope refused");
    axum::http::StatusCode::OK
}

async fn on_command(
    event: SlackCommandEvent,
    _client: Arc<Client>,
    states: SlackClientEventsUserState,
) -> Callback<SlackCommandEventResponse> {
    let state = state_of(&states).await.ok_or("no bot state")?;
    let cmd = SlashCommand::from_json(serde_json::to_value(&event)?)?;
    Ok(handlers::on_command(&state, cmd, Utc::now()).await)
}

async fn on_interaction(
    event: SlackInteractionEvent,
    _client: Arc<Client>,
    states: SlackClientEventsUserState,
) -> Callback<()> {
    let state = state_of(&states).await.ok_or("no bot state")?;
    let interaction = Interaction::from_json(serde_json::to_value(&event)?)?;
    handlers::on_interaction(&state, interaction, Utc::now()).await;
    Ok(())
}

async fn on_push_event(
    event: SlackPushEventCallback,
    _client: Arc<Client>,
    states: SlackClientEventsUserState,
) -> Callback<()> {
    let state = state_of(&states).await.ok_or("no bot state")?;
    let body = EventBody::from_json(serde_json::to_value(&event)?)?;
    match handlers::on_event(&state, body, None, Utc::now()).await {
        handlers::EventReply::RetryLater => Err("could not record the event; Slack will retry".into()),
        _ => Ok(()),
    }
}
