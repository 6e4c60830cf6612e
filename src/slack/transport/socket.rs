//! Slack over Socket Mode (no public URL needed). Each envelope's raw payload goes through the
//! same parsers and handlers as HTTP. We speak the small WebSocket protocol ourselves (hello,
//! envelope → ack, disconnect) because slack-morphism's listener parses payloads into its own
//! types first and drops the ones it cannot model, such as org-wide installs' `team_id: null`.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;
use tokio::sync::{mpsc, watch, Mutex};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;

use crate::config::Secret;
use crate::slack::inbound::payload::{EventBody, Interaction, SlashCommand};
use crate::slack::inbound::router::{self, EventReply, SlackState};
use crate::slack::outbound::gateway::Client;
use crate::slack::outbound::rate::{Pauses, DEFAULT_RETRY_AFTER};

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Connections kept open at once, so one can refresh while the other keeps receiving
/// (duplicated events are harmless: they are deduplicated on `event_id`).
const CONNECTIONS: usize = 2;
const MAX_BACKOFF: Duration = Duration::from_secs(60);
const OPEN_METHOD: &str = "apps.connections.open";
/// What `apps.connections.open` answers a token that will never work.
const BAD_TOKEN_CODES: &[&str] = &[
    "not_authed",
    "invalid_auth",
    "not_allowed_token_type",
    "token_revoked",
    "token_expired",
    "account_inactive",
];

/// Running Socket Mode connections.
pub struct SocketMode {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl SocketMode {
    /// Opens the first connection now (so a bad app token stops start-up with a clear
    /// message), then keeps `CONNECTIONS` open, reconnecting with backoff. A rate limit at
    /// start-up is not a bad token: the links connect once Slack's `Retry-After` has passed.
    /// `pauses` holds `apps.connections.open` after a 429, for every link.
    pub async fn start(
        state: Arc<SlackState>,
        client: Arc<Client>,
        app_token: &Secret,
        pauses: Arc<Pauses>,
    ) -> anyhow::Result<Self> {
        let token = SlackApiToken::new(app_token.expose().into());
        let mut first = match connect(&client, &token, &pauses).await {
            Ok(socket) => {
                tracing::info!("Socket Mode connected");
                Some(socket)
            }
            Err(ConnectError::RateLimited(wait)) => {
                tracing::warn!(retry_in = ?wait, "Socket Mode: apps.connections.open is rate limited; connecting once Slack allows it");
                None
            }
            Err(e) => return Err(e.into()),
        };
        let (stop, stop_rx) = watch::channel(false);
        let acks = Arc::new(Acks::new());
        let tasks = (0..CONNECTIONS)
            .map(|n| {
                let link = Link {
                    n,
                    state: state.clone(),
                    client: client.clone(),
                    token: token.clone(),
                    pauses: pauses.clone(),
                    acks: acks.clone(),
                };
                tokio::spawn(link.run(first.take(), stop_rx.clone()))
            })
            .collect();
        Ok(Self { stop, tasks })
    }

    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }
}

/// Why a connection could not be opened.
#[derive(Debug, thiserror::Error)]
enum ConnectError {
    /// Slack said 429 (or we are still holding the method after one): try again after this.
    #[error("Socket Mode: apps.connections.open is rate limited (retry in {0:?})")]
    RateLimited(Duration),
    #[error("Socket Mode: apps.connections.open failed ({0}); check SLACK_APP_TOKEN")]
    BadToken(String),
    #[error("Socket Mode: apps.connections.open failed ({0})")]
    Open(String),
    #[error("Socket Mode: cannot connect the WebSocket: {0}")]
    WebSocket(String),
}

async fn connect(
    client: &Client,
    token: &SlackApiToken,
    pauses: &Pauses,
) -> Result<Socket, ConnectError> {
    if let Some(left) = pauses.remaining(OPEN_METHOD) {
        return Err(ConnectError::RateLimited(left));
    }
    let opened = client
        .open_session(token)
        .apps_connections_open(&SlackApiAppsConnectionOpenRequest::new())
        .await
        .map_err(|e| match crate::slack::outbound::rate::rate_limited(&e) {
            Some(retry_after) => {
                pauses.hold(OPEN_METHOD, retry_after);
                ConnectError::RateLimited(retry_after.unwrap_or(DEFAULT_RETRY_AFTER))
            }
            None if is_bad_token(&e) => ConnectError::BadToken(e.to_string()),
            None => ConnectError::Open(e.to_string()),
        })?;
    let (socket, _) = tokio_tungstenite::connect_async(opened.url.value().as_str())
        .await
        .map_err(|e| ConnectError::WebSocket(e.to_string()))?;
    Ok(socket)
}

fn is_bad_token(error: &SlackClientError) -> bool {
    match error {
        SlackClientError::ApiError(e) => BAD_TOKEN_CODES.contains(&e.code.as_str()),
        SlackClientError::HttpError(e) => e.status_code.as_u16() == 401,
        _ => false,
    }
}

/// Acks waiting for a live connection, shared by every link: an envelope is acknowledged on
/// whichever connection is open when its handler finishes (Slack accepts an ack on any of
/// the app's connections), so a link refreshed meanwhile loses none.
struct Acks {
    queue: mpsc::UnboundedSender<Value>,
    /// Taken by one serving link at a time; `recv` is cancel-safe, so a link that stops
    /// waiting loses nothing.
    next: Mutex<mpsc::UnboundedReceiver<Value>>,
}

impl Acks {
    fn new() -> Self {
        let (queue, next) = mpsc::unbounded_channel();
        Self {
            queue,
            next: Mutex::new(next),
        }
    }

    fn push(&self, ack: Value) {
        // The receiver lives as long as `self`.
        let _ = self.queue.send(ack);
    }

    async fn next(&self) -> Value {
        let mut next = self.next.lock().await;
        match next.recv().await {
            Some(ack) => ack,
            // Unreachable while `self.queue` exists; never resolve rather than spin.
            None => std::future::pending().await,
        }
    }
}

/// One connection, kept alive.
struct Link {
    n: usize,
    state: Arc<SlackState>,
    client: Arc<Client>,
    token: SlackApiToken,
    pauses: Arc<Pauses>,
    acks: Arc<Acks>,
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
                None => match connect(&self.client, &self.token, &self.pauses).await {
                    Ok(ws) => {
                        backoff = Duration::from_secs(1);
                        ws
                    }
                    Err(e) => {
                        // Slack's Retry-After is a minimum, whatever our backoff says.
                        let wait = match e {
                            ConnectError::RateLimited(wait) => wait.max(backoff),
                            _ => backoff,
                        };
                        tracing::warn!(link = self.n, error = %e, retry_in = ?wait, "Socket Mode connect failed");
                        tokio::select! {
                            _ = tokio::time::sleep(wait) => {}
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
        loop {
            tokio::select! {
                _ = stop.changed() => {
                    let _ = write.send(Message::Close(None)).await;
                    return Next::Stop;
                }
                ack = self.acks.next() => {
                    if let Err(e) = write.send(Message::text(ack.to_string())).await {
                        tracing::warn!(link = self.n, error = %e, "Socket Mode ack not sent here; another link will");
                        self.acks.push(ack);
                        return Next::Reconnect;
                    }
                }
                frame = read.next() => match frame {
                    Some(Ok(Message::Text(text))) => {
                        if let Some(next) = self.on_frame(text.as_str()) {
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
    fn on_frame(&self, text: &str) -> Option<Next> {
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
                let acks = self.acks.clone();
                tokio::spawn(async move {
                    if let Some(ack) = dispatch(&state, &kind, frame, &envelope_id).await {
                        acks.push(ack);
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
            Ok(cmd) => match router::on_command(state, cmd, now).await {
                Some(reply) => Some(json!({ "envelope_id": envelope_id, "payload": reply })),
                None => Some(ack),
            },
            Err(e) => {
                tracing::warn!(error = %e, "refused a malformed Socket Mode slash command");
                Some(ack)
            }
        },
        "interactive" => match Interaction::from_json(payload) {
            Ok(interaction) => match router::on_interaction(state, interaction, now).await.body() {
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
                Ok(body) => match router::on_event(state, body, retry, now).await {
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
