//! The Bot Connector's conversation routes: create a personal chat, send / update an activity,
//! read members — each refusing what Teams refuses.

use crate::cards::{check_message, utf16_bytes, MAX_MESSAGE_BYTES};
use crate::{Inner, Sent};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::time::Instant;

pub(super) type Refusal = (StatusCode, &'static str, String);

fn bad(code: &'static str, message: impl Into<String>) -> Refusal {
    (StatusCode::BAD_REQUEST, code, message.into())
}

pub(super) fn create(inner: &Inner, body: &Value) -> Result<Response, Refusal> {
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

pub(super) fn send(
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

pub(super) fn get_member(
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
