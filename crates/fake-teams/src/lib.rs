//! A strict fake of Microsoft's side of a Teams bot, started by tests on loopback.
//!
//! One axum server on 127.0.0.1:0 plays the Bot Framework OpenID metadata + JWKS (test-only RSA
//! keys under `keys/`), the Entra ID token endpoint (client credentials) and the Bot Connector v3
//! under `/teams/`. It refuses what the real one refuses (see `fixtures/README.md`), records the
//! reason, and can be told to fail the next calls like Teams does when it throttles.

mod activities;
mod cards;
mod downloads;
mod server;
mod tokens;
// Files through the consent flow: consent / info cards, upload sessions.
mod uploads;
pub use uploads::Upload;

pub use cards::check_card as validate_card;
pub use downloads::AttachedFile;
pub use tokens::{SigningKey, TokenAlg, TokenSpec};

use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// The fake tenant's single-tenant bot registration.
#[derive(Clone, Debug)]
pub struct Config {
    pub app_id: String,
    pub app_password: String,
    pub tenant_id: String,
}

/// A person to add to the fake tenant.
#[derive(Clone, Debug)]
pub struct NewUser {
    pub aad_object_id: String,
    pub name: String,
    pub email: String,
    pub locale: String,
    pub timezone: String,
}

/// A person of the fake tenant who has a personal chat with the bot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// `29:…`
    pub mri: String,
    pub aad_object_id: String,
    pub name: String,
    /// The personal chat's id (`a:…`).
    pub conversation_id: String,
    pub locale: String,
    pub timezone: String,
    pub email: String,
}

/// One activity the bot sent (or a new version of one it updated).
#[derive(Clone, Debug)]
pub struct Sent {
    pub conversation_id: String,
    pub activity_id: String,
    pub activity: Value,
    pub updated: bool,
    /// When the Connector received it.
    pub at: Instant,
}

/// Which Connector (or token endpoint) call `fail_next` applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Call {
    Send,
    Update,
    Create,
    Token,
    /// The keys document (JWKS) GET.
    Keys,
}

/// How a call is failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// 429 `Throttled` with `Retry-After: retry_after_secs`.
    Throttled { retry_after_secs: u64 },
    /// 412 `PreconditionFailed` (concurrent operations on one conversation).
    PreconditionFailed,
    /// 502.
    BadGateway,
    /// 504.
    GatewayTimeout,
    /// 403 with `subCode: MessageWritesBlocked` (the user blocked or uninstalled the bot).
    WritesBlocked,
}

pub(crate) struct State {
    users: Vec<User>,
    sent: Vec<Sent>,
    rejections: Vec<String>,
    failures: HashMap<Call, VecDeque<Failure>>,
    /// Access tokens issued by the token endpoint → when they expire.
    access_tokens: HashMap<String, Instant>,
    token_requests: usize,
    token_lifetime_secs: u64,
    metadata_requests: usize,
    jwks_requests: usize,
    unlisted_published: bool,
    next_activity: u64,
    downloads: downloads::Files,
}

pub(crate) struct Inner {
    config: Config,
    base: String,
    host: String,
    keys: tokens::Keys,
    state: Mutex<State>,
    uploads: Mutex<uploads::Uploads>,
}

impl Inner {
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn uploads(&self) -> MutexGuard<'_, uploads::Uploads> {
        self.uploads.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn reject(&self, reason: String) {
        self.lock().rejections.push(reason);
    }
}

/// Stops the server when the last `FakeTeams` clone is dropped.
struct Stopper(Option<tokio::sync::oneshot::Sender<()>>);

impl Drop for Stopper {
    fn drop(&mut self) {
        if let Some(stop) = self.0.take() {
            let _ = stop.send(());
        }
    }
}

/// The running fake. Clones share it; it stops when the last one is dropped.
#[derive(Clone)]
pub struct FakeTeams {
    inner: Arc<Inner>,
    _stopper: Arc<Stopper>,
    http: reqwest::Client,
}

impl FakeTeams {
    pub async fn start(config: Config) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("fake Teams: bind");
        let addr = listener.local_addr().expect("fake Teams: address");
        let inner = Arc::new(Inner {
            config,
            base: format!("http://{addr}"),
            host: addr.to_string(),
            keys: tokens::Keys::load(),
            state: Mutex::new(State {
                users: Vec::new(),
                sent: Vec::new(),
                rejections: Vec::new(),
                failures: HashMap::new(),
                access_tokens: HashMap::new(),
                token_requests: 0,
                token_lifetime_secs: 3600,
                metadata_requests: 0,
                jwks_requests: 0,
                unlisted_published: false,
                next_activity: 1,
                downloads: downloads::Files::default(),
            }),
            uploads: Mutex::default(),
        });
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let router = server::router(inner.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await;
        });
        FakeTeams {
            inner,
            _stopper: Arc::new(Stopper(Some(stop))),
            http: reqwest::Client::new(),
        }
    }

    pub fn openid_metadata_url(&self) -> String {
        format!("{}/v1/.well-known/openidconfiguration", self.inner.base)
    }

    pub fn issuer(&self) -> String {
        tokens::ISSUER.to_string()
    }

    pub fn token_url(&self) -> String {
        format!(
            "{}/{}/oauth2/v2.0/token",
            self.inner.base, self.inner.config.tenant_id
        )
    }

    /// The Connector's base URL (what activities carry as `serviceUrl`), with a trailing '/'.
    pub fn service_url(&self) -> String {
        format!("{}/teams/", self.inner.base)
    }

    /// `127.0.0.1:PORT`, for the verifier's allowed serviceUrl hosts.
    pub fn service_host(&self) -> String {
        self.inner.host.clone()
    }

    pub fn tenant_id(&self) -> String {
        self.inner.config.tenant_id.clone()
    }

    pub fn app_id(&self) -> String {
        self.inner.config.app_id.clone()
    }

    pub fn bot_id(&self) -> String {
        format!("28:{}", self.inner.config.app_id)
    }

    /// A valid Connector→bot token for an activity with this serviceUrl (key endorsed for msteams).
    pub fn token_for(&self, service_url: &str) -> String {
        self.token_with(&TokenSpec::new(service_url))
    }

    /// A token with any variation the negative tests need.
    pub fn token_with(&self, spec: &TokenSpec) -> String {
        self.inner.keys.mint(spec, &self.inner.config.app_id)
    }

    /// Lists the key that was unknown (`SigningKey::Unlisted`) in the JWKS from now on, as when
    /// Microsoft rotates in a new key.
    pub fn publish_unlisted_key(&self) {
        self.inner.lock().unlisted_published = true;
    }

    /// A person of the fake tenant with a personal chat with the bot.
    pub fn add_user(&self, user: NewUser) -> User {
        let compact: String = user
            .aad_object_id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let added = User {
            mri: format!("29:1fake{compact}"),
            conversation_id: format!("a:1fakechat{compact}"),
            aad_object_id: user.aad_object_id,
            name: user.name,
            locale: user.locale,
            timezone: user.timezone,
            email: user.email,
        };
        let mut state = self.inner.lock();
        state.users.retain(|u| u.mri != added.mri);
        state.users.push(added.clone());
        added
    }

    /// POSTs `activity` to `bot_url` with a valid token for its serviceUrl.
    pub async fn post(&self, bot_url: &str, activity: &Value) -> (u16, Value) {
        let service_url = activity
            .get("serviceUrl")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let authorization = format!("Bearer {}", self.token_for(&service_url));
        self.post_with_token(bot_url, activity, Some(&authorization))
            .await
    }

    /// POSTs `activity` with this `Authorization` header value (or none).
    pub async fn post_with_token(
        &self,
        bot_url: &str,
        activity: &Value,
        authorization: Option<&str>,
    ) -> (u16, Value) {
        let mut request = self.http.post(bot_url).json(activity);
        if let Some(value) = authorization {
            request = request.header("Authorization", value);
        }
        let response = request.send().await.expect("fake Teams: POST to the bot");
        let status = response.status().as_u16();
        let bytes = response.bytes().await.expect("fake Teams: bot's answer");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        (status, body)
    }

    /// Every activity the bot sent or updated, in order.
    pub fn sent(&self) -> Vec<Sent> {
        self.inner.lock().sent.clone()
    }

    /// The activities of the personal chat with `user`, latest version of each, in send order.
    pub fn chat(&self, user: &User) -> Vec<Value> {
        let state = self.inner.lock();
        let mut order: Vec<&str> = Vec::new();
        let mut latest: HashMap<&str, &Value> = HashMap::new();
        for sent in state
            .sent
            .iter()
            .filter(|s| s.conversation_id == user.conversation_id)
        {
            if !sent.updated {
                order.push(&sent.activity_id);
            }
            latest.insert(&sent.activity_id, &sent.activity);
        }
        order.iter().map(|id| latest[id].clone()).collect()
    }

    /// Why each refused request was refused, in order.
    pub fn rejections(&self) -> Vec<String> {
        self.inner.lock().rejections.clone()
    }

    /// Fails the next `times` calls of kind `call` with `failure`.
    pub fn fail_next(&self, call: Call, failure: Failure, times: usize) {
        let mut state = self.inner.lock();
        let queue = state.failures.entry(call).or_default();
        queue.extend(std::iter::repeat_n(failure, times));
    }

    /// Requests the token endpoint answered (refused ones included).
    pub fn token_requests(&self) -> usize {
        self.inner.lock().token_requests
    }

    /// `expires_in` of the access tokens issued from now on (default 3600).
    pub fn set_token_lifetime(&self, secs: u64) {
        self.inner.lock().token_lifetime_secs = secs;
    }

    /// Forgets every access token issued so far: the Connector answers 401 to them.
    pub fn revoke_tokens(&self) {
        self.inner.lock().access_tokens.clear();
    }

    /// GETs of the OpenID metadata document.
    pub fn metadata_requests(&self) -> usize {
        self.inner.lock().metadata_requests
    }

    /// GETs of the keys document (JWKS).
    pub fn jwks_requests(&self) -> usize {
        self.inner.lock().jwks_requests
    }

    /// Validates an Adaptive Card the way the Connector does (version ≤ 1.5, schema 1.5.0).
    pub fn check_card(&self, card: &Value) -> Result<(), String> {
        cards::check_card(card)
    }
}
