//! `POST /api/messages`: every request's JWT is checked before its body is read, then the
//! activity is parsed at the edge, its sender remembered (conversation reference, name,
//! locale, zone), and it is routed: typed commands, card actions (`adaptiveCard/action`, or an
//! `Action.Submit` on older clients), dialogs (`task/fetch`, `task/submit`), installs.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::activity::Activity;
use super::auth::Verifier;
use super::connector::Connector;
use crate::app::App;
use crate::domain::{Reader, UserId};
use crate::storage::teams_people::TeamsPerson;

mod actions;
mod admin;
mod admin2;
mod after;
mod commands;
mod import;
mod insight;
mod memo;
mod mentor;
mod series;
mod submit;
mod survey;
mod survey_admin;
// Allow / Decline on a file the bot offered.
mod file_consent;

pub use commands::home_people;

/// What the Teams handlers share.
pub struct TeamsState {
    pub app: App,
    pub verifier: Verifier,
    pub connector: Connector,
    /// Files attached in the chat (a CSV import).
    pub downloads: crate::teams::file_in::FileDownloads,
    /// Read once per request; the live bot passes `Utc::now`.
    pub clock: fn() -> DateTime<Utc>,
}

/// The Bot Framework messaging endpoint.
pub fn router(state: Arc<TeamsState>) -> Router {
    Router::new()
        .route("/api/messages", post(on_post))
        .with_state(state)
}

async fn on_post(
    State(state): State<Arc<TeamsState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let verified = match state.verifier.verify(authorization).await {
        Ok(verified) => verified,
        Err(e) => {
            tracing::warn!(error = %e, "Teams request refused");
            return status(e.status());
        }
    };
    let activity: Activity = match serde_json::from_slice(&body) {
        Ok(activity) => activity,
        Err(e) => {
            tracing::warn!(error = %e, "unreadable Teams activity");
            return (StatusCode::BAD_REQUEST, "unreadable activity").into_response();
        }
    };
    if let Err(e) = verified.check_activity(&activity.service_url, &activity.channel_id) {
        tracing::warn!(error = %e, "Teams activity refused");
        return status(e.status());
    }
    let now = (state.clock)();
    // The Bot Framework redelivers a message it thinks was lost: act on each one once.
    if let (Some(id), "message") = (&activity.id, activity.kind.as_str()) {
        let key = format!("teams:{}:{id}", activity.conversation.id);
        match state.app.first_delivery(&key, now).await {
            Ok(crate::app::events::EventOutcome::Duplicate) => {
                return StatusCode::OK.into_response()
            }
            Ok(crate::app::events::EventOutcome::Handled) => {}
            Err(e) => {
                tracing::error!(error = ?e, "could not record a Teams activity");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        }
    }
    let person = match remember(&state, &activity, now).await {
        Ok(person) => person,
        Err(e) => {
            tracing::error!(error = ?e, "could not store the Teams sender");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match route(&state, &activity, person, now).await {
        Ok(Reply::Empty) => StatusCode::OK.into_response(),
        Ok(Reply::Body(body)) => (StatusCode::OK, Json(body)).into_response(),
        Err(e) => {
            tracing::error!(error = ?e, kind = activity.kind, name = ?activity.name, "Teams activity failed");
            match activity.kind.as_str() {
                // An invoke's caller shows what it gets back: say something went wrong.
                "invoke" => (
                    StatusCode::OK,
                    Json(json!({
                        "statusCode": 500,
                        "type": "application/vnd.microsoft.error",
                        "value": {"code": "InternalError", "message": "mentor-bot could not do that; please try again"}
                    })),
                )
                    .into_response(),
                _ => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        }
    }
}

fn status(code: u16) -> Response {
    StatusCode::from_u16(code)
        .unwrap_or(StatusCode::UNAUTHORIZED)
        .into_response()
}

/// What the HTTP answer carries: nothing, or an invoke's response body.
pub(crate) enum Reply {
    Empty,
    Body(Value),
}

/// The sender, when the activity names a person of a tenant (every Teams activity from a
/// user does; a bot's own or a channel event may not).
pub(crate) struct Sender {
    pub user: UserId,
    pub reader: Reader,
}

async fn remember(
    state: &TeamsState,
    activity: &Activity,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Sender>> {
    let Some(aad) = activity.from.aad_object_id.as_deref() else {
        return Ok(None);
    };
    let Ok(user) = UserId::teams(aad) else {
        return Ok(None);
    };
    let Some(tenant) = activity.tenant_id() else {
        return Ok(None);
    };
    let (tz, client_locale) = activity.client_info();
    let tz = tz.filter(|tz| tz.parse::<chrono_tz::Tz>().is_ok());
    let person = TeamsPerson {
        user_id: user.clone(),
        teams_id: activity.from.id.clone(),
        aad_object_id: aad.to_string(),
        tenant_id: tenant.to_string(),
        service_url: activity.service_url.clone(),
        bot_id: activity.recipient.id.clone(),
        conversation_id: activity
            .is_personal()
            .then(|| activity.conversation.id.clone()),
        name: activity
            .from
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| user.to_string()),
        email: None,
        locale: activity
            .locale
            .clone()
            .or(client_locale.map(str::to_string)),
        tz: tz.map(str::to_string),
        home_activity_id: None,
        unreachable_at: None,
        unreachable_reason: None,
    };
    let known = state.app.teams_person(&user).await?;
    let first_contact = known.is_none();
    // conversationUpdate carries no name: keep the one known (the member lookup fills it).
    let mut person = person;
    if activity
        .from
        .name
        .as_deref()
        .is_none_or(|n| n.trim().is_empty())
    {
        if let Some(known) = &known {
            person.name = known.name.clone();
        }
    }
    let profile = state.app.remember_teams_person(person, now).await?;
    if first_contact {
        // Name and email (for meeting links, invites and imports by email) come from the
        // Connector's member lookup, once, after the answer.
        let (app, connector) = (state.app.clone(), state.connector.clone());
        let (service_url, conversation, member, id) = (
            activity.service_url.clone(),
            activity.conversation.id.clone(),
            activity.from.id.clone(),
            user.clone(),
        );
        tokio::spawn(async move {
            match connector.member(&service_url, &conversation, &member).await {
                Ok(Some(m)) => {
                    let email = m.email.or(m.user_principal_name);
                    let stored = app.remember_teams_member(&id, m.name, email).await;
                    if let Err(e) = stored {
                        tracing::warn!(error = %e, "could not store a Teams member's details");
                    }
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "Teams member lookup failed"),
            }
        });
    }
    Ok(Some(Sender {
        reader: state.app.reader(&profile),
        user,
    }))
}

/// The part of an invoke's `value` at `pointer` (a card action's or a dialog's data).
fn invoke_data(activity: &Activity, pointer: &str) -> Value {
    activity
        .value
        .as_ref()
        .and_then(|v| v.pointer(pointer))
        .cloned()
        .unwrap_or(Value::Null)
}

async fn route(
    state: &Arc<TeamsState>,
    activity: &Activity,
    sender: Option<Sender>,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let Some(sender) = sender else {
        return Ok(match activity.kind.as_str() {
            "invoke" => Reply::Body(json!({"statusCode": 200})),
            _ => Reply::Empty,
        });
    };
    match (activity.kind.as_str(), activity.name.as_deref()) {
        ("message", _) => match &activity.value {
            // An Action.Submit from a client without Universal Actions.
            Some(data) => actions::on_submit_message(state, activity, &sender, data, now).await,
            // A file attached in the chat: a CSV import.
            None => match crate::teams::file_in::AttachedFile::of(activity) {
                Some(file) => import::on_file(state, activity, &sender, file, now).await,
                None => commands::on_text(state, activity, &sender, now).await,
            },
        },
        ("invoke", Some("adaptiveCard/action")) => {
            let data = invoke_data(activity, "/action/data");
            actions::on_execute(state, &sender, &data, now).await
        }
        ("invoke", Some("task/fetch")) => {
            let data = invoke_data(activity, "/data");
            actions::on_task_fetch(state, &sender, &data, now).await
        }
        ("invoke", Some("task/submit")) => {
            let data = invoke_data(activity, "/data");
            actions::on_task_submit(state, &sender, &data, now).await
        }
        ("invoke", Some("fileConsent/invoke")) => {
            file_consent::on_file_consent(state, activity, &sender, now).await
        }
        // Other invokes are not ours: Bot Framework's answer for "not implemented".
        ("invoke", _) => Ok(Reply::Body(json!({"statusCode": 501}))),
        // The install's conversationUpdate only gives the reference (stored above); the
        // welcome waits for the installationUpdate, which carries the person's locale.
        ("conversationUpdate", _) => Ok(Reply::Empty),
        ("installationUpdate", _) => {
            match activity.action.as_deref() {
                Some("add") if activity.is_personal() => {
                    welcome(state, activity, &sender, now).await?
                }
                Some("remove") => {
                    let user = sender.user.clone();
                    state
                        .app
                        .db
                        .write(move |c| {
                            crate::storage::teams_people::update_unreachable(
                                c,
                                &user,
                                "uninstalled",
                                now,
                            )
                        })
                        .await?;
                }
                _ => {}
            }
            Ok(Reply::Empty)
        }
        // New event types appear over time: accepted and ignored.
        _ => Ok(Reply::Empty),
    }
}

/// The bot was added to someone's personal chat: one welcome, through the outbox, keyed by
/// the person (a repeated or upgraded install sends nothing twice).
async fn welcome(
    state: &TeamsState,
    activity: &Activity,
    sender: &Sender,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let event = format!(
        "teams:{}",
        activity.id.as_deref().unwrap_or(&activity.conversation.id)
    );
    state
        .app
        .app_opened(
            &event,
            &sender.user,
            crate::app::events::AppTab::Messages,
            now,
        )
        .await?;
    Ok(())
}
