//! The bot's own token for the Bot Connector (OAuth client credentials, single-tenant), cached
//! until 5 minutes before it expires; one refresh at a time.

use crate::app::ports::PortError;
use crate::domain::Failure;
use serde::Deserialize;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Refresh this long before the token's `expires_in` runs out.
const MARGIN: Duration = Duration::from_secs(5 * 60);

#[derive(Clone, Debug)]
pub struct Credentials {
    pub tenant_id: String,
    pub app_id: String,
    pub app_password: String,
    /// default "https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token"
    pub token_url: String,
    /// default "https://api.botframework.com/.default"
    pub scope: String,
}

impl Credentials {
    pub fn microsoft(tenant_id: &str, app_id: &str, app_password: &str) -> Self {
        Self {
            tenant_id: tenant_id.to_string(),
            app_id: app_id.to_string(),
            app_password: app_password.to_string(),
            token_url: format!("https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token"),
            scope: "https://api.botframework.com/.default".to_string(),
        }
    }
}

struct Cached {
    token: String,
    refresh_after: Instant,
}

struct Inner {
    credentials: Credentials,
    http: reqwest::Client,
    cached: Mutex<Option<Cached>>,
    /// Held while fetching, so concurrent callers wait for one refresh.
    refreshing: tokio::sync::Mutex<()>,
}

#[derive(Clone)]
pub struct TokenClient {
    inner: Arc<Inner>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    expires_in: u64,
}

impl TokenClient {
    pub fn new(credentials: Credentials, http: reqwest::Client) -> Self {
        Self {
            inner: Arc::new(Inner {
                credentials,
                http,
                cached: Mutex::new(None),
                refreshing: tokio::sync::Mutex::new(()),
            }),
        }
    }

    fn fresh(&self) -> Option<String> {
        let cached = self.inner.cached.lock().unwrap_or_else(|e| e.into_inner());
        cached
            .as_ref()
            .filter(|c| Instant::now() < c.refresh_after)
            .map(|c| c.token.clone())
    }

    /// Cached until 5 minutes before `expires_in`; one refresh at a time (concurrent callers wait for it).
    pub async fn bearer(&self) -> Result<String, PortError> {
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        let _refreshing = self.inner.refreshing.lock().await;
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        let fetched = self.fetch().await?;
        let token = fetched.access_token.clone();
        let lifetime = Duration::from_secs(fetched.expires_in).saturating_sub(MARGIN);
        *self.inner.cached.lock().unwrap_or_else(|e| e.into_inner()) = Some(Cached {
            token: fetched.access_token,
            refresh_after: Instant::now() + lifetime,
        });
        Ok(token)
    }

    /// Forget the cached token (after a 401 from the Connector).
    pub fn invalidate(&self) {
        *self.inner.cached.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Forgets the cached token only if it is still `token` (a concurrent caller may already have
    /// replaced the one the Connector refused).
    pub(crate) fn invalidate_token(&self, token: &str) {
        let mut cached = self.inner.cached.lock().unwrap_or_else(|e| e.into_inner());
        if cached.as_ref().is_some_and(|c| c.token == token) {
            *cached = None;
        }
    }

    async fn fetch(&self) -> Result<TokenResponse, PortError> {
        let c = &self.inner.credentials;
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", c.app_id.as_str()),
            ("client_secret", c.app_password.as_str()),
            ("scope", c.scope.as_str()),
        ];
        let response = self
            .inner
            .http
            .post(&c.token_url)
            .form(&form)
            .send()
            .await
            .map_err(|e| token_unavailable(format!("teams token: {e}"), None))?;
        let status = response.status();
        if status.is_success() {
            return response
                .json::<TokenResponse>()
                .await
                .map_err(|e| PortError::transient(format!("teams token: bad answer: {e}")));
        }
        let retry_after = super::connector::retry_after(response.headers());
        let body = response.text().await.unwrap_or_default();
        let code = serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string))
            .unwrap_or_default();
        tracing::warn!(status = status.as_u16(), %code, "teams token endpoint refused");
        let message = format!("teams token: {} {code}", status.as_u16());
        // A wrong secret or tenant is fixed by an operator, not by time — but the outbox should
        // keep the messages until then: no refusal of the token endpoint uses up a message's
        // attempts (it is not the message's fault), so a long outage delays and never drops.
        Err(token_unavailable(message, retry_after))
    }
}

/// How long a message waits when the token endpoint failed without saying how long.
pub const TOKEN_RETRY: chrono::Duration = chrono::Duration::seconds(60);

/// The bot could not get a token: the outbox retries after `retry_after` (else
/// [`TOKEN_RETRY`]) without counting an attempt.
fn token_unavailable(message: String, retry_after: Option<chrono::Duration>) -> PortError {
    PortError {
        failure: Failure::RateLimited {
            retry_after: Some(retry_after.unwrap_or(TOKEN_RETRY)),
        },
        message,
    }
}

#[cfg(test)]
pub(crate) mod tests;
