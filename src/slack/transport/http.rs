//! Slack over HTTP: every POST is verified (signature and timestamp) before it is parsed.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;

use crate::config::Secret;
use crate::slack::inbound::payload::{EventBody, Interaction, PayloadError, SlashCommand};
use crate::slack::inbound::router::{self, EventReply, SlackState};
use crate::slack::transport::verify::{self, SIGNATURE_HEADER, TIMESTAMP_HEADER};

#[derive(Clone)]
struct HttpState {
    slack: Arc<SlackState>,
    /// `None` in Socket Mode without a signing secret: the Slack endpoints are then off.
    signing_secret: Option<Secret>,
    /// The instant handed to the handlers as `now` (signatures are always checked against
    /// the wall clock).
    clock: Clock,
}

/// Where the handlers' `now` comes from: the wall clock, or the local sandbox's moved clock.
pub type Clock = Arc<dyn Fn() -> chrono::DateTime<Utc> + Send + Sync>;

pub fn router(slack: Arc<SlackState>, signing_secret: Option<Secret>) -> Router {
    router_with_clock(slack, signing_secret, Arc::new(Utc::now))
}

/// [`router`] whose handlers read `now` from `clock` (the sandbox's time travel).
pub fn router_with_clock(
    slack: Arc<SlackState>,
    signing_secret: Option<Secret>,
    clock: Clock,
) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/slack/commands", post(commands))
        .route("/slack/interactions", post(interactions))
        .route("/slack/events", post(events))
        .with_state(HttpState {
            slack,
            signing_secret,
            clock,
        })
}

async fn healthz(State(state): State<HttpState>) -> Response {
    match state.slack.app.db.ping().await {
        Ok(_) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// Verifies the request; `Some` is the answer refusing it.
fn refusal(state: &HttpState, headers: &HeaderMap, body: &[u8]) -> Option<Response> {
    let Some(secret) = &state.signing_secret else {
        return Some(
            (
                StatusCode::NOT_FOUND,
                "Slack HTTP endpoints are off: set SLACK_SIGNING_SECRET to enable them\n",
            )
                .into_response(),
        );
    };
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    verify::verify(
        secret.expose(),
        header(TIMESTAMP_HEADER),
        header(SIGNATURE_HEADER),
        body,
        Utc::now(),
    )
    .err()
    .map(|e| {
        tracing::warn!(reason = %e, "refused an unverified request");
        (StatusCode::UNAUTHORIZED, format!("{e}\n")).into_response()
    })
}

fn bad_request(what: &str, error: PayloadError) -> Response {
    tracing::warn!(what, error = %error, "refused a malformed request");
    (
        StatusCode::BAD_REQUEST,
        format!("malformed {what}: {error}\n"),
    )
        .into_response()
}

async fn commands(State(state): State<HttpState>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(refused) = refusal(&state, &headers, &body) {
        return refused;
    }
    let cmd = match SlashCommand::from_form(&body) {
        Ok(cmd) => cmd,
        Err(e) => return bad_request("slash command", e),
    };
    match router::on_command(&state.slack, cmd, (state.clock)()).await {
        Some(reply) => Json(reply).into_response(),
        // A modal opened instead: an empty 200 posts nothing.
        None => StatusCode::OK.into_response(),
    }
}

async fn interactions(State(state): State<HttpState>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(refused) = refusal(&state, &headers, &body) {
        return refused;
    }
    let interaction = match Interaction::from_form(&body) {
        Ok(i) => i,
        Err(e) => return bad_request("interaction payload", e),
    };
    match router::on_interaction(&state.slack, interaction, (state.clock)())
        .await
        .body()
    {
        Some(body) => Json(body).into_response(),
        None => StatusCode::OK.into_response(),
    }
}

async fn events(State(state): State<HttpState>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(refused) = refusal(&state, &headers, &body) {
        return refused;
    }
    let parsed = match EventBody::from_json_bytes(&body) {
        Ok(b) => b,
        Err(e) => return bad_request("event", e),
    };
    let retry_num = headers
        .get("x-slack-retry-num")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    match router::on_event(&state.slack, parsed, retry_num, (state.clock)()).await {
        EventReply::Challenge(challenge) => {
            Json(serde_json::json!({ "challenge": challenge })).into_response()
        }
        EventReply::Ack => StatusCode::OK.into_response(),
        EventReply::RetryLater => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}
