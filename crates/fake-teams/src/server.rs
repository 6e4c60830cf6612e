//! The fake's HTTP side: OpenID metadata + JWKS, the token endpoint, and the Bot Connector v3
//! routes (`/teams/v3/…`), each as strict as Microsoft's.

use crate::{Call, Failure, Inner};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use conversations::{create, get_member, send};
use identity::{keys, metadata, token};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

mod conversations;
mod identity;

pub(super) type Shared = State<Arc<Inner>>;

pub(crate) fn router(inner: Arc<Inner>) -> Router {
    Router::new()
        .route("/v1/.well-known/openidconfiguration", get(metadata))
        .route("/v1/.well-known/keys", get(keys))
        .route("/{tenant}/oauth2/v2.0/token", post(token))
        .route("/teams/{*rest}", any(connector))
        .merge(crate::downloads::routes())
        .route(
            "/upload/{id}",
            axum::routing::put(crate::uploads::put_upload),
        )
        .fallback(not_found)
        .with_state(inner)
}

async fn not_found(State(inner): Shared, method: Method, uri: Uri) -> Response {
    inner.reject(format!("no route: {method} {}", uri.path()));
    StatusCode::NOT_FOUND.into_response()
}

pub(super) fn take_failure(
    failures: &mut HashMap<Call, std::collections::VecDeque<Failure>>,
    call: Call,
) -> Option<Failure> {
    failures.get_mut(&call).and_then(|queue| queue.pop_front())
}

pub(super) fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({ "error": { "code": code, "message": message } })),
    )
        .into_response()
}

pub(super) fn failure_response(failure: Failure) -> Response {
    match failure {
        Failure::Throttled { retry_after_secs } => {
            let mut response = error(
                StatusCode::TOO_MANY_REQUESTS,
                "Throttled",
                "Too many requests",
            );
            response.headers_mut().insert(
                "Retry-After",
                retry_after_secs.to_string().parse().expect("header value"),
            );
            response
        }
        Failure::PreconditionFailed => error(
            StatusCode::PRECONDITION_FAILED,
            "PreconditionFailed",
            "Concurrent operations on the conversation",
        ),
        Failure::BadGateway => error(StatusCode::BAD_GATEWAY, "BadGateway", "Bad gateway"),
        Failure::GatewayTimeout => error(
            StatusCode::GATEWAY_TIMEOUT,
            "GatewayTimeout",
            "Gateway timeout",
        ),
        Failure::WritesBlocked => (
            StatusCode::FORBIDDEN,
            Json(
                serde_json::from_str::<Value>(include_str!(
                    "../fixtures/connector/error.message_writes_blocked.403.msteams-docs.json"
                ))
                .expect("fixture JSON"),
            ),
        )
            .into_response(),
    }
}

/// Percent-decodes one path segment.
fn decode_segment(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

enum Route {
    Create,
    Send(String),
    Reply(String),
    Update(String, String),
    Member(String, String),
    Members(String),
}

fn route(method: &Method, path: &str) -> Option<Route> {
    let rest = path.strip_prefix("/teams/v3/conversations")?;
    let segments: Vec<String> = rest
        .split('/')
        .skip(1)
        .map(decode_segment)
        .collect::<Vec<_>>();
    let parts: Vec<&str> = segments.iter().map(String::as_str).collect();
    match (method.as_str(), parts.as_slice()) {
        ("POST", []) => Some(Route::Create),
        ("POST", [id, "activities"]) => Some(Route::Send(id.to_string())),
        ("POST", [id, "activities", _reply_to]) => Some(Route::Reply(id.to_string())),
        ("PUT", [id, "activities", activity]) => {
            Some(Route::Update(id.to_string(), activity.to_string()))
        }
        ("GET", [id, "members", member]) => Some(Route::Member(id.to_string(), member.to_string())),
        ("GET", [id, "members"]) => Some(Route::Members(id.to_string())),
        _ => None,
    }
}

async fn connector(
    State(inner): Shared,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let what = format!("{method} {}", uri.path());
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let authorized = bearer.is_some_and(|token| {
        inner
            .lock()
            .access_tokens
            .get(token)
            .is_some_and(|expires| *expires > Instant::now())
    });
    if !authorized {
        inner.reject(format!(
            "{what}: 401 no valid bearer token issued by the token endpoint"
        ));
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "message": "Authorization has been denied for this request." })),
        )
            .into_response();
    }
    let Some(route) = route(&method, uri.path()) else {
        inner.reject(format!("{what}: 404 no such Connector route"));
        return error(StatusCode::NOT_FOUND, "NotFound", "No such route");
    };
    let call = match &route {
        Route::Create => Some(Call::Create),
        Route::Send(_) | Route::Reply(_) => Some(Call::Send),
        Route::Update(..) => Some(Call::Update),
        Route::Member(..) | Route::Members(_) => None,
    };
    if let Some(failure) = call.and_then(|call| take_failure(&mut inner.lock().failures, call)) {
        return failure_response(failure);
    }
    let body: Value = if matches!(method, Method::GET) {
        Value::Null
    } else {
        if !headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"))
        {
            inner.reject(format!("{what}: 415 body is not application/json"));
            return error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "BadSyntax",
                "Content-Type must be application/json",
            );
        }
        match serde_json::from_slice(&body) {
            Ok(value) => value,
            Err(e) => {
                inner.reject(format!("{what}: 400 invalid JSON: {e}"));
                return error(StatusCode::BAD_REQUEST, "BadSyntax", "Invalid JSON");
            }
        }
    };
    let result = match route {
        Route::Create => create(&inner, &body),
        Route::Send(id) | Route::Reply(id) => send(&inner, &id, None, body),
        Route::Update(id, activity) => send(&inner, &id, Some(activity), body),
        Route::Member(id, member) => get_member(&inner, &id, Some(&member)),
        Route::Members(id) => get_member(&inner, &id, None),
    };
    result.unwrap_or_else(|(status, code, message)| {
        inner.reject(format!("{what}: {} {code}: {message}", status.as_u16()));
        error(status, code, &message)
    })
}
