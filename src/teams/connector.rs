//! The Bot Connector REST API (v3): create a personal conversation, send and update activities,
//! read a member; Teams' rate limits and error codes (msteams-docs `rate-limit.md`,
//! `conversation-messages.md`, `send-proactive-messages.md`).

use super::token::TokenClient;
use crate::app::ports::PortError;
use crate::domain::Failure;
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

mod limits;
pub use limits::{Limits, Window};
mod upload;
pub use upload::{is_expired_upload, Uploaded};

/// What `is_unreachable` recognises in a `PortError`'s message.
const UNREACHABLE: &str = "unreachable: ";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub user_principal_name: Option<String>,
    pub aad_object_id: Option<String>,
}

struct Inner {
    tokens: TokenClient,
    http: reqwest::Client,
    per_conversation: Vec<DefaultKeyedRateLimiter<String>>,
    per_app: Vec<DefaultDirectRateLimiter>,
}

#[derive(Clone)]
pub struct Connector {
    inner: Arc<Inner>,
}

/// A 403 whose body's subCode is MessageWritesBlocked (the user blocked or uninstalled the bot).
pub fn is_unreachable(error: &PortError) -> bool {
    error.failure == Failure::Permanent && error.message.starts_with(UNREACHABLE)
}

/// `encodeURIComponent`, as Microsoft's SDKs escape path segments.
fn segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn conversations_url(service_url: &str) -> String {
    format!("{}/v3/conversations", service_url.trim_end_matches('/'))
}

/// `Retry-After` in seconds, if the answer carried one.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<chrono::Duration> {
    let seconds: f64 = headers
        .get("retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    (seconds >= 0.0).then(|| chrono::Duration::milliseconds((seconds * 1000.0) as i64))
}

/// Microsoft's error code and message from an error body (`{"error": {"code", "message"}}`,
/// or the 403's `{"errorCode", "message": "<JSON with subCode>"}`).
fn error_code(body: &str) -> (String, String) {
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return (String::new(), body.chars().take(200).collect());
    };
    if let Some(error) = value.get("error") {
        let text = |k: &str| {
            error
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        return (text("code"), text("message"));
    }
    let message = value.get("message").and_then(Value::as_str).unwrap_or("");
    let sub_code = serde_json::from_str::<Value>(message)
        .ok()
        .and_then(|m| m.get("subCode").and_then(Value::as_str).map(str::to_string));
    (sub_code.unwrap_or_default(), message.to_string())
}

/// Maps a refused Connector call to how the outbox should treat it.
fn classify(status: StatusCode, retry_after: Option<chrono::Duration>, body: &str) -> PortError {
    let (code, message) = error_code(body);
    let text = format!("teams connector {} {code}: {message}", status.as_u16());
    match status.as_u16() {
        429 => PortError {
            failure: Failure::RateLimited { retry_after },
            message: text,
        },
        412 | 500 | 502 | 503 | 504 if retry_after.is_some() => PortError {
            failure: Failure::RateLimited { retry_after },
            message: text,
        },
        403 if code == "MessageWritesBlocked" || code == "ConversationBlockedByUser" => {
            PortError::permanent(format!(
                "{UNREACHABLE}{code} (the user blocked or uninstalled the bot)"
            ))
        }
        400..=499 if ![401, 408, 412].contains(&status.as_u16()) => PortError::permanent(text),
        _ => PortError::transient(text),
    }
}

impl Connector {
    pub fn new(tokens: TokenClient, http: reqwest::Client, limits: Limits) -> Self {
        Self {
            inner: Arc::new(Inner {
                tokens,
                http,
                per_conversation: limits
                    .per_conversation
                    .iter()
                    .map(|w| RateLimiter::keyed(w.quota()))
                    .collect(),
                per_app: limits
                    .per_app
                    .iter()
                    .map(|w| RateLimiter::direct(w.quota()))
                    .collect(),
            }),
        }
    }

    /// Waits (asynchronously) until Teams' limits allow one more call, for `conversation` if any.
    async fn pace(&self, conversation: Option<&str>) {
        if let Some(key) = conversation {
            let key = key.to_string();
            for limiter in &self.inner.per_conversation {
                // Forget conversations whose windows are over, so the keyed state stays small.
                if limiter.len() > 4096 {
                    limiter.retain_recent();
                }
                limiter.until_key_ready(&key).await;
            }
        }
        for limiter in &self.inner.per_app {
            limiter.until_ready().await;
        }
    }

    /// One call with the bot's token; after a 401, one retry with a fresh token.
    async fn call(
        &self,
        method: Method,
        url: &str,
        body: Option<&Value>,
        conversation: Option<&str>,
    ) -> Result<(StatusCode, String), PortError> {
        self.pace(conversation).await;
        let mut retried = false;
        loop {
            let token = self.inner.tokens.bearer().await?;
            let mut request = self
                .inner
                .http
                .request(method.clone(), url)
                .bearer_auth(&token);
            if let Some(body) = body {
                request = request.json(body);
            }
            let response = request
                .send()
                .await
                .map_err(|e| PortError::transient(format!("teams connector: {e}")))?;
            let status = response.status();
            if status == StatusCode::UNAUTHORIZED {
                self.inner.tokens.invalidate_token(&token);
                if !retried {
                    retried = true;
                    continue;
                }
            }
            let retry_after = retry_after(response.headers());
            let text = response
                .text()
                .await
                .map_err(|e| PortError::transient(format!("teams connector: {e}")))?;
            if status.is_success() || status == StatusCode::NOT_FOUND && method == Method::GET {
                return Ok((status, text));
            }
            let error = classify(status, retry_after, &text);
            tracing::warn!(status = status.as_u16(), error = %error.message, "teams connector refused");
            return Err(error);
        }
    }

    /// POST {serviceUrl}/v3/conversations: the personal chat with `user_id` ("29:…") → its id ("a:…").
    pub async fn create_personal_conversation(
        &self,
        service_url: &str,
        tenant_id: &str,
        bot_id: &str,
        user_id: &str,
    ) -> Result<String, PortError> {
        let body = json!({
            "isGroup": false,
            "bot": { "id": bot_id },
            "members": [{ "id": user_id }],
            "tenantId": tenant_id,
            "channelData": { "tenant": { "id": tenant_id } },
        });
        let url = conversations_url(service_url);
        let key = format!("create:{user_id}");
        let (_, text) = self
            .call(Method::POST, &url, Some(&body), Some(&key))
            .await?;
        id_of(&text)
    }

    /// POST {serviceUrl}/v3/conversations/{id}/activities → the new activity's id.
    pub async fn send(
        &self,
        service_url: &str,
        conversation_id: &str,
        activity: &Value,
    ) -> Result<String, PortError> {
        let url = format!(
            "{}/{}/activities",
            conversations_url(service_url),
            segment(conversation_id)
        );
        let (_, text) = self
            .call(Method::POST, &url, Some(activity), Some(conversation_id))
            .await?;
        id_of(&text)
    }

    /// PUT {serviceUrl}/v3/conversations/{id}/activities/{activity_id}
    pub async fn update(
        &self,
        service_url: &str,
        conversation_id: &str,
        activity_id: &str,
        activity: &Value,
    ) -> Result<(), PortError> {
        let url = format!(
            "{}/{}/activities/{}",
            conversations_url(service_url),
            segment(conversation_id),
            segment(activity_id)
        );
        self.call(Method::PUT, &url, Some(activity), Some(conversation_id))
            .await
            .map(|_| ())
    }

    /// GET {serviceUrl}/v3/conversations/{id}/members/{member_id}; None on 404.
    pub async fn member(
        &self,
        service_url: &str,
        conversation_id: &str,
        member_id: &str,
    ) -> Result<Option<Member>, PortError> {
        let url = format!(
            "{}/{}/members/{}",
            conversations_url(service_url),
            segment(conversation_id),
            segment(member_id)
        );
        let (status, text) = self.call(Method::GET, &url, None, None).await?;
        if status == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| PortError::transient(format!("teams connector: member: {e}")))?;
        let text = |k: &str| value.get(k).and_then(Value::as_str).map(str::to_string);
        Ok(Some(Member {
            id: text("id").unwrap_or_else(|| member_id.to_string()),
            name: text("name"),
            email: text("email"),
            user_principal_name: text("userPrincipalName"),
            aad_object_id: text("aadObjectId"),
        }))
    }
}

/// The `id` of a `ResourceResponse` / `ConversationResourceResponse`.
fn id_of(text: &str) -> Result<String, PortError> {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_string))
        .ok_or_else(|| PortError::transient(format!("teams connector: no id in {text:.200}")))
}

impl Window {
    /// A GCRA quota that never lets more than `requests` through in any `per` window: half
    /// of them as a burst, the other half spread evenly over the window.
    fn quota(&self) -> Quota {
        let requests = self.requests.max(1);
        let burst = requests.div_ceil(2);
        let spread = (requests - burst).max(1);
        let period = (self.per / spread).max(Duration::from_nanos(1));
        Quota::with_period(period)
            .expect("non-zero period")
            .allow_burst(NonZeroU32::new(burst).expect("burst ≥ 1"))
    }
}

#[cfg(test)]
mod tests;
