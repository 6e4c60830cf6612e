//! The sandbox page's HTTP API: the page asks what a person sees (`/api/state`) and sends what
//! they did; everything they did goes to the bot as Slack would send it (see `workspace`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Duration;
use serde::Deserialize;
use serde_json::{json, Value};

use super::demo::PEOPLE;
use super::page;
use super::workspace::{Outcome, Workspace};
use super::Sandbox;
use crate::domain::UserId;

mod snapshot;

use snapshot::snapshot;

type Shared = State<Arc<Sandbox>>;

pub fn router(sandbox: Arc<Sandbox>) -> Router {
    Router::new()
        .route("/", get(|| async { html(page::INDEX_HTML) }))
        .route(
            "/sandbox.js",
            get(|| async { asset("text/javascript; charset=utf-8", page::SCRIPT) }),
        )
        .route(
            "/sandbox.css",
            get(|| async { asset("text/css; charset=utf-8", page::STYLE) }),
        )
        .route("/api/state", get(state))
        .route("/api/command", post(command))
        .route("/api/action", post(action))
        .route("/api/submit", post(submit))
        .route("/api/close", post(close))
        .route("/api/home", post(home))
        .route("/api/suggest", post(suggest))
        .route("/api/upload", post(upload))
        .route("/api/file", get(file))
        .route("/api/travel", post(travel))
        .route("/api/reset", post(reset))
        .with_state(sandbox)
}

fn html(body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

#[derive(Deserialize)]
struct Who {
    user: String,
}

/// Only the demo people can act in the sandbox.
fn person(user: &str) -> Result<&'static str, UnknownPerson> {
    PEOPLE
        .iter()
        .find(|p| p.id == user)
        .map(|p| p.id)
        .ok_or_else(|| UnknownPerson(user.to_string()))
}

/// A user id that is none of the demo people: HTTP 400.
struct UnknownPerson(String);

impl IntoResponse for UnknownPerson {
    fn into_response(self) -> Response {
        let text = format!("unknown demo person {:?}\n", self.0);
        (StatusCode::BAD_REQUEST, text).into_response()
    }
}

fn answer(outcome: Outcome) -> Response {
    Json(json!({ "error": outcome.error })).into_response()
}

async fn state(State(sandbox): Shared, Query(who): Query<Who>) -> Response {
    let user = match person(&who.user) {
        Ok(u) => u,
        Err(r) => return r.into_response(),
    };
    let ws = sandbox.workspace().await;
    Json(snapshot(&ws, user).await).into_response()
}

#[derive(Deserialize)]
struct CommandIn {
    user: String,
    text: String,
}

async fn command(State(sandbox): Shared, Json(input): Json<CommandIn>) -> Response {
    let user = match person(&input.user) {
        Ok(u) => u,
        Err(r) => return r.into_response(),
    };
    let text = input.text.trim();
    let Some(rest) = text.strip_prefix("/mentor") else {
        let error = "The sandbox knows one command: /mentor … (try /mentor help)";
        return Json(json!({ "error": error })).into_response();
    };
    answer(sandbox.workspace().await.command(user, rest.trim()).await)
}

#[derive(Deserialize)]
struct ActionIn {
    user: String,
    view_id: Option<String>,
    message_ts: Option<String>,
    action: Value,
    #[serde(default)]
    values: Value,
}

async fn action(State(sandbox): Shared, Json(input): Json<ActionIn>) -> Response {
    let user = match person(&input.user) {
        Ok(u) => u,
        Err(r) => return r.into_response(),
    };
    let values = if input.values.is_object() {
        input.values
    } else {
        json!({})
    };
    let ws = sandbox.workspace().await;
    answer(
        ws.action(
            user,
            input.view_id.as_deref(),
            input.message_ts.as_deref(),
            input.action,
            values,
        )
        .await,
    )
}

#[derive(Deserialize)]
struct SubmitIn {
    user: String,
    view_id: String,
    #[serde(default)]
    values: Value,
}

async fn submit(State(sandbox): Shared, Json(input): Json<SubmitIn>) -> Response {
    let user = match person(&input.user) {
        Ok(u) => u,
        Err(r) => return r.into_response(),
    };
    let values = if input.values.is_object() {
        input.values
    } else {
        json!({})
    };
    answer(
        sandbox
            .workspace()
            .await
            .submit(user, &input.view_id, values)
            .await,
    )
}

#[derive(Deserialize)]
struct CloseIn {
    user: String,
    view_id: String,
}

async fn close(State(sandbox): Shared, Json(input): Json<CloseIn>) -> Response {
    let user = match person(&input.user) {
        Ok(u) => u,
        Err(r) => return r.into_response(),
    };
    answer(sandbox.workspace().await.close(user, &input.view_id).await)
}

async fn home(State(sandbox): Shared, Json(who): Json<Who>) -> Response {
    let user = match person(&who.user) {
        Ok(u) => u,
        Err(r) => return r.into_response(),
    };
    answer(sandbox.workspace().await.open_home(user).await)
}

#[derive(Deserialize)]
struct SuggestIn {
    user: String,
    view_id: String,
    action_id: String,
    block_id: String,
    value: String,
}

/// An external select's options as `[{value, text}]` (groups flattened with their label).
async fn suggest(State(sandbox): Shared, Json(input): Json<SuggestIn>) -> Response {
    let user = match person(&input.user) {
        Ok(u) => u,
        Err(r) => return r.into_response(),
    };
    let ws = sandbox.workspace().await;
    let reply = ws
        .suggest(
            user,
            &input.view_id,
            &input.action_id,
            &input.block_id,
            &input.value,
        )
        .await;
    let option = |o: &Value, group: Option<&str>| {
        let text = o["text"]["text"].as_str().unwrap_or_default();
        let text = group.map_or(text.to_string(), |g| format!("{g} › {text}"));
        json!({"value": o["value"], "text": text})
    };
    let mut options: Vec<Value> = reply["options"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| option(o, None))
        .collect();
    for group in reply["option_groups"].as_array().into_iter().flatten() {
        let label = group["label"]["text"].as_str();
        options.extend(
            group["options"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|o| option(o, label)),
        );
    }
    Json(json!({ "options": options })).into_response()
}

#[derive(Deserialize)]
struct UploadIn {
    user: String,
    name: String,
}

/// A file picked in a `file_input`: stored as Slack stores an upload; the page puts the file
/// object in the modal's state as Slack's client does.
async fn upload(State(sandbox): Shared, Query(input): Query<UploadIn>, body: Bytes) -> Response {
    let user = match person(&input.user) {
        Ok(u) => u,
        Err(r) => return r.into_response(),
    };
    let file = sandbox
        .workspace()
        .await
        .upload(user, &input.name, body.to_vec());
    Json(file).into_response()
}

#[derive(Deserialize)]
struct FileIn {
    user: String,
    index: usize,
}

/// A file the bot shared in the person's DM (the `.ics`), as a download.
async fn file(State(sandbox): Shared, Query(input): Query<FileIn>) -> Response {
    let user = match person(&input.user) {
        Ok(u) => u,
        Err(r) => return r.into_response(),
    };
    let files = sandbox.workspace().await.fake.shared_files(user);
    let Some((name, bytes, _)) = files.into_iter().nth(input.index) else {
        return (StatusCode::NOT_FOUND, "no such file\n").into_response();
    };
    let content_type = if name.ends_with(".ics") {
        "text/calendar; charset=utf-8"
    } else {
        "application/octet-stream"
    };
    let safe: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "._-".contains(*c))
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Deserialize)]
struct TravelIn {
    /// `hour`, `day` or `next` (to just before the person's next confirmed 1on1, or anyone's).
    by: String,
    user: Option<String>,
}

/// Moves the sandbox clock forward and runs everything due at the new instant.
async fn travel(State(sandbox): Shared, Json(input): Json<TravelIn>) -> Response {
    let ws = sandbox.workspace().await;
    match input.by.as_str() {
        "hour" => ws.clock.advance(Duration::hours(1)),
        "day" => ws.clock.advance(Duration::days(1)),
        "next" => match next_one_on_one(&ws, input.user.as_deref()).await {
            Some(start) => ws.clock.advance_to(start - Duration::minutes(5)),
            None => {
                return Json(
                    json!({"error": "No confirmed 1on1 ahead / 予定された1on1はありません"}),
                )
                .into_response()
            }
        },
        other => {
            return (StatusCode::BAD_REQUEST, format!("unknown step {other:?}\n")).into_response()
        }
    }
    match ws.run_due_now().await {
        Ok(jobs) => Json(json!({"error": null, "jobs": jobs})).into_response(),
        Err(e) => Json(json!({"error": e.to_string()})).into_response(),
    }
}

/// The start of `user`'s soonest confirmed 1on1 still ahead of the sandbox clock (anyone's
/// when they have none).
async fn next_one_on_one(
    ws: &Workspace,
    user: Option<&str>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let mine = PEOPLE.iter().filter(|p| Some(p.id) == user);
    if let Some(start) = soonest_of(ws, mine).await {
        return Some(start);
    }
    soonest_of(ws, PEOPLE.iter()).await
}

async fn soonest_of(
    ws: &Workspace,
    people: impl Iterator<Item = &super::demo::Person>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let now = ws.clock.now();
    let mut soonest = None;
    for p in people {
        let Ok(user) = UserId::parse(p.id) else {
            continue;
        };
        for (one, _) in ws.app.upcoming(&user, now).await.unwrap_or_default() {
            let later = one.start - Duration::minutes(5) > now;
            if one.status == crate::domain::booking::BookingStatus::Confirmed && later {
                soonest = Some(
                    soonest.map_or(one.start, |s: chrono::DateTime<chrono::Utc>| {
                        s.min(one.start)
                    }),
                );
            }
        }
    }
    soonest
}

async fn reset(State(sandbox): Shared) -> Response {
    match sandbox.reset().await {
        Ok(()) => Json(json!({"error": null})).into_response(),
        Err(e) => Json(json!({"error": e.to_string()})).into_response(),
    }
}
