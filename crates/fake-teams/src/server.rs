//! The fake's HTTP side: OpenID metadata + JWKS, the token endpoint, and the Bot Connector v3
//! routes (`/teams/v3/…`), each as strict as Microsoft's.

use crate::cards::{check_message, utf16_bytes, MAX_MESSAGE_BYTES};
use crate::{Call, Failure, Inner, Sent};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Form, Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

type Shared = State<Arc<Inner>>;

pub(crate) fn router(inner: Arc<Inner>) -> Router {
    Router::new()
        .route("/v1/.well-known/openidconfiguration", get(metadata))
        .route("/v1/.well-known/keys", get(keys))
        .route("/{tenant}/oauth2/v2.0/token", post(token))
        .route("/teams/{*rest}", any(connector))
        .fallback(not_found)
        .with_state(inner)
}

async fn not_found(State(inner): Shared, method: Method, uri: Uri) -> Response {
    inner.reject(format!("no route: {method} {}", uri.path()));
    StatusCode::NOT_FOUND.into_response()
}

async fn metadata(State(inner): Shared) -> Json<Value> {
    inner.lock().metadata_requests += 1;
    Json(json!({
        "issuer": crate::tokens::ISSUER,
        "authorization_endpoint": "https://invalid.botframework.com",
        "jwks_uri": format!("{}/v1/.well-known/keys", inner.base),
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
    }))
}

async fn keys(State(inner): Shared) -> Json<Value> {
    let with_unlisted = {
        let mut state = inner.lock();
        state.jwks_requests += 1;
        state.unlisted_published
    };
    Json(inner.keys.jwks(with_unlisted))
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

async fn token(
    State(inner): Shared,
    axum::extract::Path(tenant): axum::extract::Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let failure = {
        let mut state = inner.lock();
        state.token_requests += 1;
        take_failure(&mut state.failures, Call::Token)
    };
    if let Some(failure) = failure {
        return failure_response(failure);
    }
    let config = &inner.config;
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or("");
    let refusal = if tenant != config.tenant_id {
        Some((StatusCode::BAD_REQUEST, "invalid_tenant", "unknown tenant"))
    } else if field("grant_type") != "client_credentials" {
        Some((
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        ))
    } else if field("client_id") != config.app_id {
        Some((
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            "unknown client_id",
        ))
    } else if field("client_secret") != config.app_password {
        Some((
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "invalid client secret",
        ))
    } else if field("scope") != "https://api.botframework.com/.default" {
        Some((
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            "scope must be https://api.botframework.com/.default",
        ))
    } else {
        None
    };
    if let Some((status, error, description)) = refusal {
        inner.reject(format!("token: {error}: {description}"));
        return oauth_error(status, error, description);
    }
    let mut state = inner.lock();
    let lifetime = state.token_lifetime_secs;
    let access_token = format!("fake-teams-access-{}", state.token_requests);
    state.access_tokens.insert(
        access_token.clone(),
        Instant::now() + Duration::from_secs(lifetime),
    );
    Json(json!({
        "token_type": "Bearer",
        "expires_in": lifetime,
        "ext_expires_in": lifetime,
        "access_token": access_token,
    }))
    .into_response()
}

fn take_failure(
    failures: &mut HashMap<Call, std::collections::VecDeque<Failure>>,
    call: Call,
) -> Option<Failure> {
    failures.get_mut(&call).and_then(|queue| queue.pop_front())
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({ "error": { "code": code, "message": message } })),
    )
        .into_response()
}

fn failure_response(failure: Failure) -> Response {
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

type Refusal = (StatusCode, &'static str, String);

fn bad(code: &'static str, message: impl Into<String>) -> Refusal {
    (StatusCode::BAD_REQUEST, code, message.into())
}

fn create(inner: &Inner, body: &Value) -> Result<Response, Refusal> {
    if body
        .get("isGroup")
        .and_then(Value::as_bool)
        .unwrap_or(false)
    {
        return Err(bad("BadSyntax", "creating group chats is not supported"));
    }
    let members = body
        .get("members")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("BadArgument", "members is required"))?;
    let [member] = members.as_slice() else {
        return Err(bad(
            "BadArgument",
            format!("a 1:1 chat needs exactly one member, got {}", members.len()),
        ));
    };
    let mri = member.get("id").and_then(Value::as_str).unwrap_or("");
    if !mri.starts_with("29:") {
        return Err(bad(
            "BadArgument",
            format!("member id {mri:?} is not a 29: id"),
        ));
    }
    let tenant = body.get("tenantId").and_then(Value::as_str);
    let channel_tenant = body
        .pointer("/channelData/tenant/id")
        .and_then(Value::as_str);
    let tenant = match (tenant, channel_tenant) {
        (None, None) => return Err(bad("BadArgument", "tenant id is required")),
        (Some(a), Some(b)) if a != b => {
            return Err(bad(
                "BadArgument",
                "tenantId and channelData.tenant.id differ",
            ))
        }
        (Some(t), _) | (None, Some(t)) => t,
    };
    if tenant != inner.config.tenant_id {
        return Err((
            StatusCode::FORBIDDEN,
            "Forbidden",
            format!("tenant {tenant} is not the bot's tenant"),
        ));
    }
    if let Some(bot) = body.pointer("/bot/id").and_then(Value::as_str) {
        if bot != format!("28:{}", inner.config.app_id) {
            return Err(bad("BadArgument", format!("bot id {bot} is not this bot")));
        }
    }
    let state = inner.lock();
    let user = state.users.iter().find(|u| u.mri == mri).ok_or((
        StatusCode::FORBIDDEN,
        "BotNotInConversationRoster",
        format!("{mri} has not installed the bot"),
    ))?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": user.conversation_id })),
    )
        .into_response())
}

fn send(
    inner: &Inner,
    conversation_id: &str,
    update_of: Option<String>,
    activity: Value,
) -> Result<Response, Refusal> {
    if !inner
        .lock()
        .users
        .iter()
        .any(|u| u.conversation_id == conversation_id)
    {
        return Err((
            StatusCode::NOT_FOUND,
            "ConversationNotFound",
            format!("no conversation {conversation_id}"),
        ));
    }
    let size = utf16_bytes(&activity);
    if size > MAX_MESSAGE_BYTES {
        return Err((
            StatusCode::PAYLOAD_TOO_LARGE,
            "MessageSizeTooBig",
            format!("{size} bytes as UTF-16 > {MAX_MESSAGE_BYTES}"),
        ));
    }
    check_message(&activity).map_err(|(code, message)| bad(code, message))?;
    let mut state = inner.lock();
    let (activity_id, updated) = match update_of {
        Some(id) => {
            if !state
                .sent
                .iter()
                .any(|s| s.conversation_id == conversation_id && s.activity_id == id)
            {
                return Err((
                    StatusCode::NOT_FOUND,
                    "ActivityNotFound",
                    format!("no activity {id} in {conversation_id}"),
                ));
            }
            (id, true)
        }
        None => {
            state.next_activity += 1;
            (format!("17{:011}", state.next_activity), false)
        }
    };
    state.sent.push(Sent {
        conversation_id: conversation_id.to_string(),
        activity_id: activity_id.clone(),
        activity,
        updated,
        at: Instant::now(),
    });
    let status = if updated {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(json!({ "id": activity_id }))).into_response())
}

fn get_member(
    inner: &Inner,
    conversation_id: &str,
    member: Option<&str>,
) -> Result<Response, Refusal> {
    let state = inner.lock();
    let user = state
        .users
        .iter()
        .find(|u| u.conversation_id == conversation_id)
        .ok_or((
            StatusCode::NOT_FOUND,
            "ConversationNotFound",
            format!("no conversation {conversation_id}"),
        ))?;
    let account = json!({
        "id": user.mri,
        "name": user.name,
        "aadObjectId": user.aad_object_id,
        "email": user.email,
        "userPrincipalName": user.email,
        "tenantId": inner.config.tenant_id,
        "userRole": "user",
    });
    match member {
        None => Ok(Json(json!([account])).into_response()),
        Some(id) if id == user.mri || id == user.aad_object_id => Ok(Json(account).into_response()),
        Some(id) => Err((
            StatusCode::NOT_FOUND,
            "MemberNotFound",
            format!("{id} is not a member of {conversation_id}"),
        )),
    }
}
