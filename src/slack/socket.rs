//! Slack over Socket Mode (no public URL needed). Each envelope's raw payload goes through the
//! same parsers and handlers as HTTP. We speak the small WebSocket protocol ourselves (hello,
//! envelope → ack, disconnect) because slack-morphism's listener parses payloads into its own
//! types first and drops the ones it cannot model, such as org-wide installs' `team_id: null`.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use slack_morphism::prelude::*;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;

use super::gateway::Client;
use super::handlers::{self, EventReply, SlackState};
use super::payload::{EventBody, Interaction, SlashCommand};
use crate::config::Secret;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Connections kept open at once, so one can refresh while the other keeps receiving
/// (duplicated events are harmless: they are deduplicated on `event_id`).
const CONNECTIONS: usize = 2;
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// Running Socket Mode connections.
pub struct SocketMode {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl SocketMode {
    /// Opens the first connection now (so a bad app token stops start-up with a clear
    /// message), then keeps `CONNECTIONS` open, reconnecting with backoff.
    pub async fn start(
        state: Arc<SlackState>,
        client: Arc<Client>,
        app_token: &Secret,
    ) -> anyhow::Result<Self> {
        let token = SlackApiToken::new(app_token.expose().into());
        let first = connect(&client, &token).await?;
        let (stop, stop_rx) = watch::channel(false);
        let mut first = Some(first);
        let tasks = (0..CONNECTIONS)
            .map(|n| {
                let link = Link {
                    n,
                    state: state.clone(),
                    client: client.clone(),
                    token: token.clone(),
                };
                tokio::spawn(link.run(first.take(), stop_rx.clone()))
            })
            .collect();
        tracing::info!("Socket Mode connected");
        Ok(Self { stop, tasks })
    }

    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }
}

async fn connect(client: &Client, token: &SlackApiToken) -> anyhow::Result<Socket> {
    let opened = client
        .open_session(token)
        .apps_connections_open(&SlackApiAppsConnectionOpenRequest::new())
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "Socket Mode: apps.connections.open failed ({e}); check SLACK_APP_TOKEN"
            )
        })?;
    let (socket, _) = tokio_tungstenite::connect_async(opened.url.value().as_str())
        .await
        .map_err(|e| anyhow::anyhow!("Socket Mode: cannot connect the WebSocket: {e}"))?;
    Ok(socket)
}

/// One connection, kept alive.
struct Link {
    n: usize,
    state: Arc<SlackState>,
    client: Arc<Client>,
    token: SlackApiToken,
}

enum Next {
    Reconnect,
    Stop,
}

impl Link {
    async fn run(self, mut socket: Option<Socket>, mut stop: watch::Receiver<bool>) {
        let mut backoff = Duration::from_secs(1);
        loop {
            let ws = match socket.take() {
                Some(ws) => ws,
                None => match connect(&self.client, &self.token).await {
                    Ok(ws) => {
                        backoff = Duration::from_secs(1);
                        ws
                    }
                    Err(e) => {
                        tracing::warn!(link = self.n, error = %e, retry_in = ?backoff, "Socket Mode reconnect failed");
                        tokio::select! {
                            _ = tokio::time::sleep(backoff) => {}
                            _ = stop.changed() => return,
                        }
                        backoff = (backoff * 2).min(MAX_BACKOFF);
                        continue;
                    }
                },
            };
            match self.serve(ws, &mut stop).await {
                Next::Stop => return,
                Next::Reconnect => tracing::info!(link = self.n, "Socket Mode reconnecting"),
            }
        }
    }

    async fn serve(&self, ws: Socket, stop: &mut watch::Receiver<bool>) -> Next {
        let (mut write, mut read) = ws.split();
        let (acks, mut pending_acks) = mpsc::unbounded_channel::<Value>();
        loop {
            tokio::select! {
                _ = stop.changed() => {
                    let _ = write.send(Message::Close(None)).await;
                    return Next::Stop;
                }
                Some(ack) = pending_acks.recv() => {
                    if let Err(e) = write.send(Message::text(ack.to_string())).await {
                        tracing::warn!(link = self.n, error = %e, "Socket Mode ack not sent");
                        return Next::Reconnect;
                    }
                }
                frame = read.next() => match frame {
                    Some(Ok(Message::Text(text))) => {
                        if let Some(next) = self.on_frame(text.as_str(), &acks) {
                            return next;
                        }
                    }
                    Some(Ok(Message::Ping(data))) => {
                        let _ = write.send(Message::Pong(data)).await;
                    }
                    Some(Ok(Message::Close(_))) | None => return Next::Reconnect,
                    Some(Ok(_)) => {}
                    Some(Err(e)) => {
                        tracing::warn!(link = self.n, error = %e, "Socket Mode connection lost");
                        return Next::Reconnect;
                    }
                },
            }
        }
    }

    /// Handles one frame; `Some` when the connection should end.
    fn on_frame(&self, text: &str, acks: &mpsc::UnboundedSender<Value>) -> Option<Next> {
        let Ok(frame) = serde_json::from_str::<Value>(text) else {
            tracing::warn!(link = self.n, "Socket Mode frame is not JSON; ignored");
            return None;
        };
        let kind = frame
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        match kind.as_str() {
            "hello" => None,
            "disconnect" => {
                tracing::info!(link = self.n, reason = ?frame.get("reason"), "Slack asked us to reconnect");
                Some(Next::Reconnect)
            }
            _ => {
                let Some(envelope_id) = frame
                    .get("envelope_id")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                else {
                    tracing::debug!(
                        link = self.n,
                        kind,
                        "Socket Mode frame without envelope; ignored"
                    );
                    return None;
                };
                // Handlers may wait on Slack or the database: never hold up the next envelope.
                let state = self.state.clone();
                let acks = acks.clone();
                tokio::spawn(async move {
                    if let Some(ack) = dispatch(&state, &kind, frame, &envelope_id).await {
                        let _ = acks.send(ack);
                    }
                });
                None
            }
        }
    }
}

/// Handles one envelope; returns the ack to send (`None` asks Slack to redeliver it).
async fn dispatch(
    state: &Arc<SlackState>,
    kind: &str,
    frame: Value,
    envelope_id: &str,
) -> Option<Value> {
    let payload = frame.get("payload").cloned().unwrap_or(Value::Null);
    let now = Utc::now();
    let ack = json!({ "envelope_id": envelope_id });
    match kind {
        "slash_commands" => match SlashCommand::from_json(payload) {
            Ok(cmd) => match handlers::on_command(state, cmd, now).await {
                Some(reply) => Some(json!({ "envelope_id": envelope_id, "payload": reply })),
                None => Some(ack),
            },
            Err(e) => {
                tracing::warn!(error = %e, "refused a malformed Socket Mode slash command");
                Some(ack)
            }
        },
        "interactive" => match Interaction::from_json(payload) {
            Ok(interaction) => match handlers::on_interaction(state, interaction, now)
                .await
                .body()
            {
                Some(body) => Some(json!({ "envelope_id": envelope_id, "payload": body })),
                None => Some(ack),
            },
            Err(e) => {
                tracing::warn!(error = %e, "refused a malformed Socket Mode interaction");
                Some(ack)
            }
        },
        "events_api" => {
            let retry = frame
                .get("retry_attempt")
                .and_then(Value::as_u64)
                .map(|n| n as u32);
            match EventBody::from_json(payload) {
                Ok(body) => match handlers::on_event(state, body, retry, now).await {
                    EventReply::RetryLater => None,
                    _ => Some(ack),
                },
                Err(e) => {
                    tracing::warn!(error = %e, "refused a malformed Socket Mode event");
                    Some(ack)
                }
            }
        }
        other => {
            tracing::debug!(
                kind = other,
                "Socket Mode envelope type not used; acknowledged"
            );
            Some(ack)
        }
    }
}
