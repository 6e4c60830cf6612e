//! Incoming requests: the Bot Framework JWT (RS256, keys from the OpenID metadata's JWKS).
//!
//! Rules from bot-docs "Authenticate requests from the Bot Connector service" and botbuilder-js
//! (see crates/fake-teams/fixtures/README.md, "JWT validation"): issuer, audience, 5 minutes of
//! skew, the `serviceurl` claim equal to the activity's, endorsements for the channel.

use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Keys older than this are fetched again (Microsoft: "at least once every 24 hours").
const KEYS_MAX_AGE: Duration = Duration::from_secs(24 * 3600);
/// An unknown `kid` re-fetches the keys at most this often (botbuilder-js does the same).
const UNKNOWN_KID_REFETCH: Duration = Duration::from_secs(3600);
/// After a failed refresh, the cached keys serve this long before the next attempt.
const FAILED_REFRESH_RETRY: Duration = Duration::from_secs(5 * 60);
/// Clock skew allowed on `exp` / `nbf`.
const LEEWAY_SECS: u64 = 300;

#[derive(Clone, Debug)]
pub struct AuthConfig {
    pub app_id: String,
    /// default "https://login.botframework.com/v1/.well-known/openidconfiguration"
    pub openid_metadata_url: String,
    /// default "https://api.botframework.com"
    pub issuer: String,
    /// hosts ("host" or "host:port") a serviceUrl may have; default Microsoft's.
    pub allowed_service_url_hosts: Vec<String>,
}

impl AuthConfig {
    pub fn microsoft(app_id: &str) -> Self {
        Self {
            app_id: app_id.to_string(),
            openid_metadata_url:
                "https://login.botframework.com/v1/.well-known/openidconfiguration".to_string(),
            issuer: "https://api.botframework.com".to_string(),
            allowed_service_url_hosts: [
                "smba.trafficmanager.net",
                "smba.infra.gcc.teams.microsoft.com",
                "smba.infra.gov.teams.microsoft.us",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("keys unavailable: {0}")]
    Unavailable(String),
}

impl AuthError {
    pub fn status(&self) -> u16 {
        match self {
            AuthError::Unauthorized(_) => 401,
            AuthError::Forbidden(_) => 403,
            AuthError::Unavailable(_) => 503,
        }
    }
}

/// A signing key from the JWKS.
#[derive(Clone, Debug)]
struct Key {
    n: String,
    e: String,
    endorsements: Vec<String>,
}

#[derive(Default)]
struct KeyCache {
    keys: HashMap<String, Key>,
    /// When the keys are to be fetched again (`None`: never fetched).
    refresh_at: Option<Instant>,
    unknown_kid_refetch_at: Option<Instant>,
}

struct Inner {
    config: AuthConfig,
    http: reqwest::Client,
    cache: tokio::sync::Mutex<KeyCache>,
    /// Seconds added to the clock (tests age the key cache without waiting).
    clock_offset_secs: AtomicU64,
}

#[derive(Clone)]
pub struct Verifier {
    inner: Arc<Inner>,
}

/// A token that passed the signature, issuer, audience and lifetime checks; what remains to
/// check against the activity it came with.
#[derive(Clone, Debug)]
pub struct Verified {
    service_url: Option<String>,
    endorsements: Vec<String>,
    allowed_hosts: Vec<String>,
}

#[derive(Deserialize)]
struct Claims {
    serviceurl: Option<String>,
}

#[derive(Deserialize)]
struct Metadata {
    jwks_uri: String,
}

#[derive(Deserialize)]
struct Jwks {
    keys: Vec<JwkEntry>,
}

#[derive(Deserialize)]
struct JwkEntry {
    kid: Option<String>,
    n: Option<String>,
    e: Option<String>,
    #[serde(default)]
    endorsements: Vec<String>,
}

fn refuse(error: AuthError) -> AuthError {
    tracing::warn!(status = error.status(), reason = %error, "teams: request refused");
    error
}

impl Verifier {
    pub fn new(config: AuthConfig, http: reqwest::Client) -> Self {
        Self {
            inner: Arc::new(Inner {
                config,
                http,
                cache: tokio::sync::Mutex::new(KeyCache::default()),
                clock_offset_secs: AtomicU64::new(0),
            }),
        }
    }

    fn now(&self) -> Instant {
        Instant::now() + Duration::from_secs(self.inner.clock_offset_secs.load(Ordering::Relaxed))
    }

    /// Moves the key cache's clock forward (tests of the 24 h / 1 h refresh rules).
    #[cfg(test)]
    pub(crate) fn advance_clock(&self, by: Duration) {
        self.inner
            .clock_offset_secs
            .fetch_add(by.as_secs(), Ordering::Relaxed);
    }

    /// The `Authorization` header value: RS256 only, key by `kid`, issuer, audience (the app id,
    /// `api://{app_id}`, `api://botid-{app_id}`), `exp`/`nbf` with 300 s leeway.
    pub async fn verify(&self, authorization: Option<&str>) -> Result<Verified, AuthError> {
        self.check(authorization).await.map_err(refuse)
    }

    async fn check(&self, authorization: Option<&str>) -> Result<Verified, AuthError> {
        let unauthorized = |why: &str| AuthError::Unauthorized(why.to_string());
        let value = authorization.ok_or_else(|| unauthorized("no Authorization header"))?;
        let token = value
            .split_once(' ')
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .ok_or_else(|| unauthorized("Authorization is not a Bearer token"))?;
        let header = decode_header(token)
            .map_err(|e| AuthError::Unauthorized(format!("malformed token header: {e}")))?;
        if header.alg != Algorithm::RS256 {
            return Err(AuthError::Unauthorized(format!(
                "algorithm {:?} is not RS256",
                header.alg
            )));
        }
        let kid = header.kid.ok_or_else(|| unauthorized("token has no kid"))?;
        let key = self.key(&kid).await?;
        let decoding = DecodingKey::from_rsa_components(&key.n, &key.e)
            .map_err(|e| AuthError::Unauthorized(format!("key {kid} is unusable: {e}")))?;
        let config = &self.inner.config;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.leeway = LEEWAY_SECS;
        validation.validate_nbf = true;
        validation.set_issuer(&[&config.issuer]);
        validation.set_audience(&[
            config.app_id.clone(),
            format!("api://{}", config.app_id),
            format!("api://botid-{}", config.app_id),
        ]);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        let data = decode::<Claims>(token, &decoding, &validation)
            .map_err(|e| AuthError::Unauthorized(format!("token rejected: {e}")))?;
        Ok(Verified {
            service_url: data.claims.serviceurl,
            endorsements: key.endorsements,
            allowed_hosts: config.allowed_service_url_hosts.clone(),
        })
    }

    /// The key named `kid`: from the cache (refreshed when older than 24 h), re-fetched at
    /// most hourly when the kid is unknown.
    async fn key(&self, kid: &str) -> Result<Key, AuthError> {
        let mut cache = self.inner.cache.lock().await;
        let now = self.now();
        let due = cache.refresh_at.is_none_or(|at| now >= at);
        if due {
            match self.fetch_keys().await {
                Ok(keys) => {
                    cache.keys = keys;
                    cache.refresh_at = Some(now + KEYS_MAX_AGE);
                }
                Err(e) if cache.keys.is_empty() => return Err(e),
                Err(e) => {
                    tracing::warn!(error = %e, "teams: keys refresh failed; using the cached keys");
                    cache.refresh_at = Some(now + FAILED_REFRESH_RETRY);
                }
            }
        }
        if let Some(key) = cache.keys.get(kid) {
            return Ok(key.clone());
        }
        let may_refetch = !due
            && cache
                .unknown_kid_refetch_at
                .is_none_or(|at| now.saturating_duration_since(at) >= UNKNOWN_KID_REFETCH);
        if may_refetch {
            cache.unknown_kid_refetch_at = Some(now);
            cache.keys = self.fetch_keys().await?;
            cache.refresh_at = Some(now + KEYS_MAX_AGE);
        }
        cache
            .keys
            .get(kid)
            .cloned()
            .ok_or_else(|| AuthError::Unauthorized(format!("unknown signing key {kid}")))
    }

    async fn fetch_keys(&self) -> Result<HashMap<String, Key>, AuthError> {
        let unavailable =
            |what: &str, e: reqwest::Error| AuthError::Unavailable(format!("{what}: {e}"));
        let http = &self.inner.http;
        let metadata: Metadata = http
            .get(&self.inner.config.openid_metadata_url)
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(|e| unavailable("OpenID metadata", e))?
            .json()
            .await
            .map_err(|e| unavailable("OpenID metadata", e))?;
        let jwks: Jwks = http
            .get(&metadata.jwks_uri)
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(|e| unavailable("JWKS", e))?
            .json()
            .await
            .map_err(|e| unavailable("JWKS", e))?;
        Ok(jwks
            .keys
            .into_iter()
            .filter_map(|k| {
                Some((
                    k.kid?,
                    Key {
                        n: k.n?,
                        e: k.e?,
                        endorsements: k.endorsements,
                    },
                ))
            })
            .collect())
    }
}

impl Verified {
    /// The token's `serviceurl` claim, if it had one.
    pub fn service_url(&self) -> Option<&str> {
        self.service_url.as_deref()
    }

    /// The token's `serviceurl` claim equals the activity's `serviceUrl` exactly (botbuilder
    /// compares exactly; a case-only difference is refused), its host is allowed, and when the
    /// signing key lists endorsements they include `channel_id` (else Forbidden).
    pub fn check_activity(&self, service_url: &str, channel_id: &str) -> Result<(), AuthError> {
        self.check_activity_inner(service_url, channel_id)
            .map_err(refuse)
    }

    fn check_activity_inner(&self, service_url: &str, channel_id: &str) -> Result<(), AuthError> {
        let claim = self
            .service_url
            .as_deref()
            .ok_or_else(|| AuthError::Unauthorized("token has no serviceurl claim".into()))?;
        if claim != service_url {
            return Err(AuthError::Unauthorized(
                "serviceurl claim does not match the activity's serviceUrl".into(),
            ));
        }
        let url = reqwest::Url::parse(service_url)
            .map_err(|e| AuthError::Unauthorized(format!("serviceUrl is not a URL: {e}")))?;
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let host = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host,
        };
        if !self
            .allowed_hosts
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(&host))
        {
            return Err(AuthError::Forbidden(format!(
                "serviceUrl host {host} is not allowed"
            )));
        }
        if !self.endorsements.is_empty() && !self.endorsements.iter().any(|e| e == channel_id) {
            return Err(AuthError::Forbidden(format!(
                "signing key is not endorsed for channel {channel_id}"
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
