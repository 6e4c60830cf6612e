//! A strict fake of the Slack Web API and Socket Mode, served on loopback for tests and benches.
//!
//! Start it with [`FakeSlack::start`], point the Slack client at [`FakeSlack::api_url`], then
//! look at what the code under test did ([`FakeSlack::calls`], [`FakeSlack::messages`], …).
//! It answers like Slack does: HTTP 200 with `ok:false` and Slack's error codes, Block Kit limits
//! enforced by [`validate_blocks`], single-use trigger ids that expire after 3 s. Faults can be
//! injected per method ([`FakeSlack::fail_next`], [`FakeSlack::delay_response`]).
//!
//! Files a user uploaded through a modal's `file_input` are added with [`FakeSlack::add_file`];
//! `files.info` describes them and their `url_private(_download)` serves the bytes, but only to
//! `Authorization: Bearer` [`BOT_TOKEN`] — like Slack, a request without it gets HTTP 200 and an
//! HTML login page. Downloads are recorded as calls to the pseudo-method `files.download`.
//!
//! The bot's own uploads follow Slack's flow: `files.getUploadURLExternal` hands out an upload URL
//! on the fake's HTTP server, a POST of the raw bytes to it (recorded as the pseudo-method
//! [`FILE_UPLOAD_METHOD`]) must carry exactly the announced length, and
//! `files.completeUploadExternal` shares the file in `channel_id` ([`FakeSlack::shared_files`]).
//!
//! It depends only on axum, tokio, tokio-tungstenite, futures, serde_json, serde_urlencoded
//! and chrono(-tz), never on the bot, so the tests, the benches and a local sandbox share it.
#![forbid(unsafe_code)]

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt::Display;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State as AxumState};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use futures::{SinkExt, StreamExt};
use serde_json::{json, Map, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot, watch};
use tokio_tungstenite::tungstenite::handshake::server::{
    ErrorResponse, Request, Response as WsResponse,
};
use tokio_tungstenite::tungstenite::http::{StatusCode as WsStatus, Uri};
use tokio_tungstenite::tungstenite::Message;

/// The only bot token the fake accepts (Web API methods).
pub const BOT_TOKEN: &str = "xoxb-test-token";
/// The only app-level token the fake accepts (`apps.connections.open`).
pub const APP_TOKEN: &str = "xapp-test-token";
/// Workspace id returned everywhere (`auth.test`, users, views).
pub const TEAM_ID: &str = "T0001";
/// The bot's own user id (`auth.test`'s `user_id`; it is also a known, `is_bot` user).
pub const BOT_USER_ID: &str = "UBOT";
/// The bot id stamped on messages the bot posts.
pub const BOT_ID: &str = "B0001";
/// The app id (`hello` frame, views).
pub const APP_ID: &str = "A0001";
/// The uploader [`FakeSlack::add_file`] stamps on files (see [`FakeSlack::add_file_from`]).
pub const FILE_UPLOADER_ID: &str = "U0UPLOADER";
/// The pseudo-method downloads of `url_private(_download)` are recorded under (and can be
/// given faults or delays with).
pub const FILE_DOWNLOAD_METHOD: &str = "files.download";
/// The pseudo-method a POST to an `upload_url` from `files.getUploadURLExternal` is recorded
/// under (and can be given faults or delays with).
pub const FILE_UPLOAD_METHOD: &str = "files.uploadViaUrl";

const TRIGGER_TTL: Duration = Duration::from_secs(3);
const MAX_MESSAGE_TEXT_CHARS: usize = 40_000;
const MAX_MESSAGE_BLOCKS: usize = 50;
const MAX_VIEW_BLOCKS: usize = 100;
const MAX_VIEW_BYTES: usize = 250_000;
const MAX_DM_USERS: usize = 8;
const HISTORY_DEFAULT_LIMIT: usize = 100;
const HISTORY_MAX_LIMIT: usize = 999;
const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";
const HTML_CONTENT_TYPE: &str = "text/html; charset=utf-8";
const TEXT_CONTENT_TYPE: &str = "text/plain; charset=utf-8";
/// What `files-pri` answers a request without a valid token: Slack's sign-in page, HTTP 200.
const LOGIN_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en-US\"><head><meta charset=\"utf-8\">\
<title>Slack</title></head><body><h1>Sign in to Fake Workspace</h1>\
<form action=\"/signin\" method=\"post\"><input type=\"email\" name=\"email\">\
<button type=\"submit\">Sign in with email</button></form></body></html>\n";
const NOT_FOUND_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en-US\"><head><meta charset=\"utf-8\">\
<title>Page not found | Slack</title></head><body><h1>There’s been a glitch…</h1></body></html>\n";
const MAX_FILES_PER_INPUT: u64 = 10;
const MAX_ALT_TXT_CHARS: usize = 1000;

// ---------------------------------------------------------------------------------------------
// Public data types
// ---------------------------------------------------------------------------------------------

/// A workspace member known to the fake (`users.info`, `users.lookupByEmail`, DMs).
#[derive(Clone, Debug, PartialEq)]
pub struct FakeUser {
    pub id: String,
    pub name: String,
    pub real_name: String,
    pub display_name: String,
    /// IANA time zone, e.g. `Asia/Tokyo`.
    pub tz: String,
    /// Slack locale, e.g. `ja-JP` or `en-US` (only returned with `include_locale=true`).
    pub locale: String,
    pub email: String,
    pub is_bot: bool,
    pub deleted: bool,
}

impl FakeUser {
    /// A human member in Tokyo with a Japanese locale and the email `{id}@example.com`.
    pub fn new(id: &str) -> Self {
        let handle = id.to_lowercase();
        FakeUser {
            id: id.to_string(),
            name: handle.clone(),
            real_name: format!("Test User {id}"),
            display_name: handle,
            tz: "Asia/Tokyo".to_string(),
            locale: "ja-JP".to_string(),
            email: format!("{id}@example.com"),
            is_bot: false,
            deleted: false,
        }
    }

    pub fn with_tz(mut self, tz: &str) -> Self {
        self.tz = tz.to_string();
        self
    }

    pub fn with_locale(mut self, locale: &str) -> Self {
        self.locale = locale.to_string();
        self
    }

    /// Sets `name`, `real_name` and `display_name` at once.
    pub fn with_name(mut self, name: &str) -> Self {
        self.name = name.to_string();
        self.real_name = name.to_string();
        self.display_name = name.to_string();
        self
    }

    pub fn with_email(mut self, email: &str) -> Self {
        self.email = email.to_string();
        self
    }

    /// Marks the user as a bot (`conversations.open` answers `cannot_dm_bot`).
    pub fn bot(mut self) -> Self {
        self.is_bot = true;
        self
    }

    /// Marks the user as deactivated (`conversations.open` answers `user_disabled`).
    pub fn deactivated(mut self) -> Self {
        self.deleted = true;
        self
    }
}

/// One Web API request the fake received, with the answer it gave. A GET of a file's
/// `url_private(_download)` is recorded too, as method [`FILE_DOWNLOAD_METHOD`] with params
/// `{"file", "name", "download"}` and, as `response`, `{"content_type", "bytes"}` for the file or
/// `{"content_type", "page": "login" | "not_found"}` for an HTML page.
#[derive(Clone, Debug)]
pub struct Call {
    pub method: String,
    pub at: Instant,
    /// The bearer token, if an `Authorization: Bearer …` header was sent.
    pub token: Option<String>,
    /// JSON body, or query string / form body as a JSON object of strings (merged). A body that
    /// could not be parsed is kept as a JSON string.
    pub params: Value,
    pub response_status: u16,
    /// The JSON answer (`Value::Null` when the body was empty, as for [`Fault::Http`]).
    pub response: Value,
}

impl Call {
    /// The `error` code of an `ok:false` answer.
    pub fn error(&self) -> Option<&str> {
        self.response.get("error").and_then(Value::as_str)
    }
}

/// A failure to inject instead of the normal answer (the call then has no side effect).
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// HTTP 429 with `Retry-After: {retry_after_secs}` and `{"ok":false,"error":"ratelimited"}`.
    RateLimited { retry_after_secs: u64 },
    /// HTTP 200 with `{"ok":false,"error":…}`.
    SlackError(&'static str),
    /// This HTTP status with an empty body.
    Http(u16),
}

/// A message accepted by `chat.postMessage` (as last changed by `chat.update`), or an
/// ephemeral message accepted by `chat.postEphemeral`.
#[derive(Clone, Debug, PartialEq)]
pub struct PostedMessage {
    pub channel: String,
    /// The message `ts` (`message_ts` for an ephemeral message).
    pub ts: String,
    pub text: Option<String>,
    /// The blocks as sent, or `Value::Null` when there were none.
    pub blocks: Value,
    pub metadata: Option<Value>,
    /// The recipient for a DM channel (comma-separated members for a group DM, empty for a
    /// channel added with [`FakeSlack::add_channel`]); for an ephemeral message, the only user
    /// who sees it.
    pub user: String,
    /// Set for thread replies.
    pub thread_ts: Option<String>,
    /// How many times `chat.update` changed the message.
    pub edits: u32,
    /// The `edited.ts` of the latest `chat.update`.
    pub edited_ts: Option<String>,
}

/// A file stored with [`FakeSlack::add_file`], as if a user uploaded it through a `file_input`.
#[derive(Clone, Debug, PartialEq)]
pub struct FakeFile {
    pub id: String,
    pub name: String,
    pub bytes: Vec<u8>,
    /// The uploader's user id.
    pub user: String,
    /// Unix seconds.
    pub created: i64,
}

impl FakeFile {
    /// `(mimetype, filetype, pretty_type)` as Slack guesses them from the name's extension.
    pub fn kind(&self) -> (&'static str, &'static str, &'static str) {
        let extension = self
            .name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase());
        match extension.as_deref() {
            Some("csv") => ("text/csv", "csv", "CSV"),
            Some("tsv") => ("text/tab-separated-values", "tsv", "TSV"),
            Some("txt") => ("text/plain", "text", "Plain Text"),
            Some("json") => ("application/json", "json", "JSON"),
            Some("xlsx") => (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
                "Excel Spreadsheet",
            ),
            Some("xls") => ("application/vnd.ms-excel", "xls", "Excel Spreadsheet"),
            Some("pdf") => ("application/pdf", "pdf", "PDF"),
            Some("png") => ("image/png", "png", "PNG"),
            _ => ("application/octet-stream", "binary", "Binary"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The handle
// ---------------------------------------------------------------------------------------------

/// A running fake Slack. Cheap to clone; every clone sees the same state.
#[derive(Clone)]
pub struct FakeSlack {
    /// `http://127.0.0.1:PORT/api`, to hand to the Slack client (it appends `/{method}`).
    pub api_url: String,
    inner: Arc<Inner>,
}

impl FakeSlack {
    /// Binds the Web API and the Socket Mode endpoint on 127.0.0.1 (random ports) and serves
    /// them on the current tokio runtime. The bot user [`BOT_USER_ID`] is pre-registered.
    pub async fn start() -> FakeSlack {
        let http = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("fake Slack: bind the Web API port");
        let ws = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("fake Slack: bind the Socket Mode port");
        let http_addr = http.local_addr().expect("fake Slack: Web API address");
        let ws_port = ws.local_addr().expect("fake Slack: socket address").port();

        let inner = Arc::new(Inner::new(http_addr.port(), ws_port));
        let router = Router::new()
            .route("/api/{method}", any(handle_api))
            .route("/files-pri/{team_file}/{name}", get(handle_file))
            .route(
                "/files-pri/{team_file}/download/{name}",
                get(handle_file_download),
            )
            .route("/upload/v1/{ticket}", post(handle_upload))
            .fallback(|| async { StatusCode::NOT_FOUND })
            .with_state(inner.clone());
        tokio::spawn(async move {
            let _ = axum::serve(http, router).await;
        });
        tokio::spawn(accept_sockets(ws, inner.clone()));

        let fake = FakeSlack {
            api_url: format!("http://{http_addr}/api"),
            inner,
        };
        fake.add_user(FakeUser::new(BOT_USER_ID).with_name("mentor-bot").bot());
        fake
    }

    /// Adds (or replaces) a workspace member.
    pub fn add_user(&self, user: FakeUser) {
        self.inner.lock().users.insert(user.id.clone(), user);
    }

    /// Adds a public channel the bot can post to (`C…` id of your choice).
    pub fn add_channel(&self, channel_id: &str) {
        let mut state = self.inner.lock();
        let channel = Channel {
            id: channel_id.to_string(),
            created: unix_seconds(),
            members: Vec::new(),
            kind: ChannelKind::Public,
        };
        state.channels.insert(channel_id.to_string(), channel);
    }

    /// Stores a file as if [`FILE_UPLOADER_ID`] uploaded it through a `file_input`, and returns
    /// the file object exactly as Slack puts it in a `view_submission`'s
    /// `view.state.values[block_id][action_id].files[]`. `files.info` knows it from now on and
    /// its `url_private(_download)` serves `bytes` to the bot token.
    pub fn add_file(&self, name: &str, bytes: Vec<u8>) -> Value {
        self.add_file_from(FILE_UPLOADER_ID, name, bytes)
    }

    /// [`FakeSlack::add_file`] with the uploader's user id.
    pub fn add_file_from(&self, user_id: &str, name: &str, bytes: Vec<u8>) -> Value {
        let mut state = self.inner.lock();
        let file = FakeFile {
            id: state.next_id("F"),
            name: name.to_string(),
            bytes,
            user: user_id.to_string(),
            created: unix_seconds(),
        };
        let json = state.file_json(&file);
        state.files.insert(file.id.clone(), file);
        json
    }

    /// A file stored with [`FakeSlack::add_file`] or uploaded by the bot (once completed).
    pub fn file(&self, file_id: &str) -> Option<FakeFile> {
        self.inner.lock().files.get(file_id).cloned()
    }

    /// `(name, bytes, initial_comment)` of every file `files.completeUploadExternal` shared in
    /// the channel, in order; a user id stands for the bot's DM with that user.
    pub fn shared_files(&self, channel_or_user: &str) -> Vec<(String, Vec<u8>, Option<String>)> {
        let state = self.inner.lock();
        let channel = state
            .dm_by_user
            .get(channel_or_user)
            .map_or(channel_or_user, String::as_str);
        state
            .shared_files
            .iter()
            .filter(|shared| shared.channel == channel)
            .map(|shared| {
                (
                    shared.name.clone(),
                    shared.bytes.clone(),
                    shared.comment.clone(),
                )
            })
            .collect()
    }

    /// A trigger id that `views.open` accepts once, within 3 s from now.
    pub fn issue_trigger_id(&self) -> String {
        let mut state = self.inner.lock();
        let n = state.next_counter();
        let trigger_id = format!(
            "{n}.{}.{:012x}",
            unix_seconds(),
            n.wrapping_mul(0x9e37_79b9)
        );
        let trigger = Trigger {
            issued: Instant::now(),
            used: false,
        };
        state.triggers.insert(trigger_id.clone(), trigger);
        trigger_id
    }

    /// Every call so far, in arrival order (rejected ones included).
    pub fn calls(&self) -> Vec<Call> {
        self.inner.lock().calls.clone()
    }

    pub fn calls_to(&self, method: &str) -> Vec<Call> {
        calls_to(&self.inner.lock(), method)
    }

    /// The next `times` calls to `method` get `fault` (checked before auth; no side effect).
    pub fn fail_next(&self, method: &str, times: usize, fault: Fault) {
        let mut state = self.inner.lock();
        let queue = state.next_faults.entry(method.to_string()).or_default();
        queue.extend(std::iter::repeat_n(fault, times));
    }

    /// Every call to `method` gets `fault` until [`FakeSlack::clear_faults`].
    pub fn fail_always(&self, method: &str, fault: Fault) {
        let mut state = self.inner.lock();
        state.always_faults.insert(method.to_string(), fault);
    }

    /// Calls to `method` are handled and recorded at once, but answered only after `delay`.
    pub fn delay_response(&self, method: &str, delay: Duration) {
        let mut state = self.inner.lock();
        state.delays.insert(method.to_string(), delay);
    }

    /// Removes every injected fault and delay.
    pub fn clear_faults(&self) {
        let mut state = self.inner.lock();
        state.next_faults.clear();
        state.always_faults.clear();
        state.delays.clear();
    }

    /// Every accepted `chat.postMessage`, in order, each with its latest content (after any
    /// `chat.update`; see [`PostedMessage::edits`]).
    pub fn messages(&self) -> Vec<PostedMessage> {
        self.inner.lock().messages.clone()
    }

    /// Every accepted `chat.postEphemeral`, in order (`user` is the one user who saw it).
    pub fn ephemerals(&self) -> Vec<PostedMessage> {
        self.inner.lock().ephemerals.clone()
    }

    /// Messages in the DM channel between the bot and `user_id`.
    pub fn messages_to(&self, user_id: &str) -> Vec<PostedMessage> {
        let state = self.inner.lock();
        let Some(channel) = state.dm_by_user.get(user_id) else {
            return Vec::new();
        };
        messages_in(&state, channel)
    }

    /// Messages in any channel (DM or one added with [`FakeSlack::add_channel`]).
    pub fn messages_in(&self, channel_id: &str) -> Vec<PostedMessage> {
        messages_in(&self.inner.lock(), channel_id)
    }

    /// The DM channel id of `user_id`, once `conversations.open` (or a post) created it.
    pub fn dm_channel_of(&self, user_id: &str) -> Option<String> {
        self.inner.lock().dm_by_user.get(user_id).cloned()
    }

    /// The latest home view published for the user, as returned by Slack (with `id`, `hash`…).
    pub fn published_home(&self, user_id: &str) -> Option<Value> {
        let state = self.inner.lock();
        let view_id = state.home_by_user.get(user_id)?;
        state.views.get(view_id).cloned()
    }

    /// Every view opened with `views.open`, as it was when opened (with `id`, `hash`…).
    pub fn opened_views(&self) -> Vec<Value> {
        self.inner.lock().opened_views.clone()
    }

    /// Every view pushed with `views.push`, as it was when pushed (with `id`, `hash`…).
    pub fn pushed_views(&self) -> Vec<Value> {
        self.inner.lock().pushed_views.clone()
    }

    /// The current state of a view (after any `views.update`).
    pub fn current_view(&self, view_id: &str) -> Option<Value> {
        self.inner.lock().views.get(view_id).cloned()
    }

    /// Waits until at least `count` calls to `method` were recorded and returns them all.
    /// Panics on timeout, listing the calls seen.
    pub async fn wait_for_calls(&self, method: &str, count: usize, timeout: Duration) -> Vec<Call> {
        let deadline = tokio::time::Instant::now() + timeout;
        let found = self
            .wait_until(deadline, |state| {
                let calls = calls_to(state, method);
                (calls.len() >= count).then_some(calls)
            })
            .await;
        found.unwrap_or_else(|| {
            panic!(
                "fake Slack: expected {count} call(s) to {method} within {timeout:?}; calls seen:\n{}",
                describe_calls(&self.calls())
            )
        })
    }

    // ----- Socket Mode --------------------------------------------------------------------

    /// Waits until at least `count` Socket Mode connections are open; panics on timeout.
    pub async fn wait_for_socket_connections(&self, count: usize, timeout: Duration) {
        let deadline = tokio::time::Instant::now() + timeout;
        let open = self
            .wait_until(deadline, |state| {
                (state.sockets.len() >= count).then_some(())
            })
            .await;
        if open.is_none() {
            panic!(
                "fake Slack: fewer than {count} Socket Mode connections within {timeout:?} \
                 ({} open)",
                self.socket_connections()
            );
        }
    }

    /// Waits until at least one Socket Mode client is connected; panics on timeout.
    pub async fn wait_socket_connected(&self, timeout: Duration) {
        let deadline = tokio::time::Instant::now() + timeout;
        if self.wait_for_socket(deadline).await.is_none() {
            panic!(
                "fake Slack: no Socket Mode client connected within {timeout:?} \
                 ({} apps.connections.open call(s) seen)",
                self.calls_to("apps.connections.open").len()
            );
        }
    }

    /// How many Socket Mode connections are open right now.
    pub fn socket_connections(&self) -> usize {
        self.inner.lock().sockets.len()
    }

    /// Sends `envelope` (an `envelope_id` is added if missing) to one connected client and
    /// returns the ack frame the client sent back with the same `envelope_id`.
    /// Panics if no client is connected or no ack arrives within `timeout`.
    pub async fn socket_send(&self, envelope: Value, timeout: Duration) -> Value {
        let deadline = tokio::time::Instant::now() + timeout;
        let (frame, envelope_id) = self.with_envelope_id(envelope);
        let ack = self.inner.expect_ack(&envelope_id);
        self.deliver(frame, deadline, timeout).await;
        match tokio::time::timeout_at(deadline, ack).await {
            Ok(Ok(ack)) => ack,
            _ => {
                self.inner.lock().pending_acks.remove(&envelope_id);
                panic!(
                    "fake Slack: no Socket Mode ack for envelope_id {envelope_id} within \
                     {timeout:?}; frames received from clients: {:?}",
                    self.socket_frames()
                )
            }
        }
    }

    /// Every JSON frame Socket Mode clients sent (acks), in order.
    pub fn socket_frames(&self) -> Vec<Value> {
        self.inner.lock().socket_frames.clone()
    }

    /// Sends Slack's `disconnect` frame to every client and closes their connections.
    pub fn socket_disconnect_all(&self) {
        let frame = json!({
            "type": "disconnect",
            "reason": "refresh_requested",
            "debug_info": {"host": "fake"}
        });
        let mut state = self.inner.lock();
        for socket in state.sockets.drain(..) {
            socket.closed.store(true, Ordering::SeqCst);
            let _ = socket.tx.send(Message::text(frame.to_string()));
            let _ = socket.tx.send(Message::Close(None));
        }
        drop(state);
        self.inner.bump();
    }

    /// Sends Slack's `disconnect` frame with `reason` (`warning`, `refresh_requested`, …) to
    /// the newest connection, the one [`FakeSlack::socket_send`] uses, and closes it. Like
    /// Slack, the fake ignores whatever the client sends on it afterwards (acks included).
    pub fn socket_disconnect_newest(&self, reason: &str) {
        let frame = json!({
            "type": "disconnect",
            "reason": reason,
            "debug_info": {"host": "fake"}
        });
        let mut state = self.inner.lock();
        if let Some(socket) = state.sockets.pop() {
            socket.closed.store(true, Ordering::SeqCst);
            let _ = socket.tx.send(Message::text(frame.to_string()));
            let _ = socket.tx.send(Message::Close(None));
        }
        drop(state);
        self.inner.bump();
    }

    fn with_envelope_id(&self, envelope: Value) -> (String, String) {
        let Value::Object(mut object) = envelope else {
            panic!("fake Slack: socket_send needs a JSON object envelope, got {envelope}");
        };
        let envelope_id = match object.get("envelope_id").and_then(Value::as_str) {
            Some(id) => id.to_string(),
            None => {
                let id = format!("envelope-{}", self.inner.lock().next_counter());
                object.insert("envelope_id".to_string(), json!(id));
                id
            }
        };
        (Value::Object(object).to_string(), envelope_id)
    }

    async fn deliver(&self, frame: String, deadline: tokio::time::Instant, timeout: Duration) {
        loop {
            if self.wait_for_socket(deadline).await.is_none() {
                panic!("fake Slack: socket_send found no connected Socket Mode client within {timeout:?}");
            }
            if self.inner.send_to_newest_socket(&frame) {
                return;
            }
        }
    }

    async fn wait_for_socket(&self, deadline: tokio::time::Instant) -> Option<()> {
        self.wait_until(deadline, |state| (!state.sockets.is_empty()).then_some(()))
            .await
    }

    async fn wait_until<T>(
        &self,
        deadline: tokio::time::Instant,
        mut check: impl FnMut(&FakeState) -> Option<T>,
    ) -> Option<T> {
        let mut changes = self.inner.changed.subscribe();
        loop {
            let found = {
                let state = self.inner.lock();
                check(&state)
            };
            if found.is_some() {
                return found;
            }
            if tokio::time::timeout_at(deadline, changes.changed())
                .await
                .is_err()
            {
                return None;
            }
        }
    }
}

fn calls_to(state: &FakeState, method: &str) -> Vec<Call> {
    state
        .calls
        .iter()
        .filter(|c| c.method == method)
        .cloned()
        .collect()
}

fn messages_in(state: &FakeState, channel: &str) -> Vec<PostedMessage> {
    let mine = state.messages.iter().filter(|m| m.channel == channel);
    mine.cloned().collect()
}

fn describe_calls(calls: &[Call]) -> String {
    if calls.is_empty() {
        return "  (none)".to_string();
    }
    let lines = calls.iter().map(|call| {
        let outcome = call.error().unwrap_or("ok");
        format!(
            "  {} -> HTTP {} {outcome}",
            call.method, call.response_status
        )
    });
    lines.collect::<Vec<_>>().join("\n")
}

// ---------------------------------------------------------------------------------------------
// Shared state
// ---------------------------------------------------------------------------------------------

struct Inner {
    state: Mutex<FakeState>,
    /// Bumped on every recorded call and socket change, to wake the `wait_*` helpers.
    changed: watch::Sender<u64>,
}

impl Inner {
    fn new(http_port: u16, ws_port: u16) -> Self {
        let state = FakeState {
            http_port,
            ws_port,
            ..FakeState::default()
        };
        Inner {
            state: Mutex::new(state),
            changed: watch::channel(0).0,
        }
    }

    /// Locks the state; a panic elsewhere (a failed test assertion) must not wedge the server.
    fn lock(&self) -> MutexGuard<'_, FakeState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn bump(&self) {
        self.changed.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// Answers one Web API request and records it; returns the reply and the delay to apply.
    fn process(
        &self,
        method: &str,
        token: Option<String>,
        request: ParsedParams,
    ) -> (Reply, Option<Duration>) {
        let at = Instant::now();
        let mut state = self.lock();
        let reply = state.respond(method, token.as_deref(), &request);
        state.calls.push(Call {
            method: method.to_string(),
            at,
            token,
            params: request.params,
            response_status: reply.status,
            response: reply.body.clone().unwrap_or(Value::Null),
        });
        let delay = state.delays.get(method).copied();
        drop(state);
        self.bump();
        (reply, delay)
    }

    fn expect_ack(&self, envelope_id: &str) -> oneshot::Receiver<Value> {
        let (tx, rx) = oneshot::channel();
        self.lock().pending_acks.insert(envelope_id.to_string(), tx);
        rx
    }

    /// Queues `frame` on the newest live connection; drops connections whose writer is gone.
    fn send_to_newest_socket(&self, frame: &str) -> bool {
        let mut state = self.lock();
        while let Some(socket) = state.sockets.last() {
            if socket.tx.send(Message::text(frame.to_string())).is_ok() {
                return true;
            }
            state.sockets.pop();
        }
        false
    }
}

#[derive(Default)]
struct FakeState {
    http_port: u16,
    ws_port: u16,
    counter: u64,
    last_ts_micros: u64,
    users: BTreeMap<String, FakeUser>,
    channels: BTreeMap<String, Channel>,
    dm_by_user: HashMap<String, String>,
    messages: Vec<PostedMessage>,
    ephemerals: Vec<PostedMessage>,
    files: HashMap<String, FakeFile>,
    /// Bot uploads between `files.getUploadURLExternal` and `files.completeUploadExternal`.
    uploads: HashMap<String, PendingUpload>,
    /// The secret part of each upload URL, to its file id.
    upload_tickets: HashMap<String, String>,
    shared_files: Vec<SharedFile>,
    triggers: HashMap<String, Trigger>,
    views: HashMap<String, Value>,
    opened_views: Vec<Value>,
    pushed_views: Vec<Value>,
    home_by_user: HashMap<String, String>,
    next_faults: HashMap<String, VecDeque<Fault>>,
    always_faults: HashMap<String, Fault>,
    delays: HashMap<String, Duration>,
    calls: Vec<Call>,
    socket_tickets: HashSet<String>,
    sockets: Vec<SocketConnection>,
    pending_acks: HashMap<String, oneshot::Sender<Value>>,
    socket_frames: Vec<Value>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum ChannelKind {
    Im,
    Mpim,
    Public,
}

#[derive(Clone, Debug)]
struct Channel {
    id: String,
    created: i64,
    members: Vec<String>,
    kind: ChannelKind,
}

struct Trigger {
    issued: Instant,
    used: bool,
}

/// A file announced with `files.getUploadURLExternal`.
struct PendingUpload {
    name: String,
    length: usize,
    ticket: String,
    /// What was POSTed to the upload URL, once it arrived with the announced length.
    bytes: Option<Vec<u8>>,
}

/// A file shared by `files.completeUploadExternal`.
struct SharedFile {
    channel: String,
    file_id: String,
    name: String,
    title: String,
    bytes: Vec<u8>,
    comment: Option<String>,
}

struct SocketConnection {
    id: u64,
    tx: mpsc::UnboundedSender<Message>,
    /// Set once the fake has said `disconnect` or closed it: later client frames are ignored.
    closed: Arc<AtomicBool>,
}

impl FakeState {
    fn next_counter(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    fn next_id(&mut self, prefix: &str) -> String {
        format!("{prefix}{:06}", self.next_counter())
    }

    fn next_hash(&mut self) -> String {
        format!("{}.{:08x}", unix_seconds(), self.next_counter())
    }

    /// A unique, increasing message ts from the wall clock ("1700000000.000100").
    fn next_ts(&mut self) -> String {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_micros() as u64)
            .unwrap_or_default();
        let micros = now.max(self.last_ts_micros + 1);
        self.last_ts_micros = micros;
        format!("{}.{:06}", micros / 1_000_000, micros % 1_000_000)
    }

    fn take_fault(&mut self, method: &str) -> Option<Fault> {
        let queued = self
            .next_faults
            .get_mut(method)
            .and_then(VecDeque::pop_front);
        queued.or_else(|| self.always_faults.get(method).cloned())
    }

    fn respond(&mut self, method: &str, token: Option<&str>, request: &ParsedParams) -> Reply {
        let Some(required) = required_token(method) else {
            let hint = format!("[ERROR] the fake Slack does not implement {method}");
            return Reply::error(ApiError::with("unknown_method", hint));
        };
        if let Some(fault) = self.take_fault(method) {
            return Reply::fault(&fault);
        }
        if let Err(code) = check_token(token, required) {
            return Reply::error(ApiError::new(code));
        }
        if let Some(code) = request.error {
            return Reply::error(ApiError::new(code));
        }
        let empty = Map::new();
        let params = request.params.as_object().unwrap_or(&empty);
        match self.dispatch(method, params) {
            Ok(body) => Reply::ok(body),
            Err(error) => Reply::error(error),
        }
    }

    fn dispatch(&mut self, method: &str, p: &Params) -> ApiResult {
        match method {
            "auth.test" => Ok(auth_test()),
            "users.info" => self.users_info(p),
            "users.lookupByEmail" => self.users_lookup_by_email(p),
            "conversations.open" => self.conversations_open(p),
            "conversations.history" => self.conversations_history(p),
            "chat.postMessage" => self.chat_post_message(p),
            "chat.update" => self.chat_update(p),
            "chat.postEphemeral" => self.chat_post_ephemeral(p),
            "files.info" => self.files_info(p),
            "files.list" => self.files_list(p),
            "files.getUploadURLExternal" => self.files_get_upload_url_external(p),
            "files.completeUploadExternal" => self.files_complete_upload_external(p),
            "views.open" => self.views_open(p),
            "views.push" => self.views_push(p),
            "views.publish" => self.views_publish(p),
            "views.update" => self.views_update(p),
            "apps.connections.open" => Ok(self.apps_connections_open()),
            _ => Err(ApiError::new("unknown_method")),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP plumbing
// ---------------------------------------------------------------------------------------------

type Params = Map<String, Value>;
type ApiResult = Result<Params, ApiError>;

#[derive(Clone, Copy, PartialEq)]
enum TokenKind {
    Bot,
    App,
}

fn required_token(method: &str) -> Option<TokenKind> {
    match method {
        "auth.test"
        | "users.info"
        | "users.lookupByEmail"
        | "conversations.open"
        | "conversations.history"
        | "chat.postMessage"
        | "chat.update"
        | "chat.postEphemeral"
        | "files.info"
        | "files.list"
        | "files.getUploadURLExternal"
        | "files.completeUploadExternal"
        | "views.open"
        | "views.push"
        | "views.publish"
        | "views.update" => Some(TokenKind::Bot),
        "apps.connections.open" => Some(TokenKind::App),
        _ => None,
    }
}

fn check_token(token: Option<&str>, required: TokenKind) -> Result<(), &'static str> {
    let presented = match token {
        None | Some("") => return Err("not_authed"),
        Some(BOT_TOKEN) => TokenKind::Bot,
        Some(APP_TOKEN) => TokenKind::App,
        Some(_) => return Err("invalid_auth"),
    };
    if presented == required {
        Ok(())
    } else {
        Err("not_allowed_token_type")
    }
}

/// A Slack error answer: the `error` code plus optional detail lines.
#[derive(Debug)]
struct ApiError {
    code: &'static str,
    messages: Vec<String>,
}

impl ApiError {
    fn new(code: &'static str) -> Self {
        ApiError {
            code,
            messages: Vec::new(),
        }
    }

    fn with(code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            code,
            messages: vec![message.into()],
        }
    }

    fn invalid_arguments(message: impl Into<String>) -> Self {
        ApiError::with("invalid_arguments", message)
    }

    fn missing(field: &str) -> Self {
        ApiError::invalid_arguments(format!("[ERROR] missing required field: {field}"))
    }
}

struct Reply {
    status: u16,
    body: Option<Value>,
    retry_after: Option<u64>,
}

impl Reply {
    fn ok(mut body: Params) -> Self {
        body.insert("ok".to_string(), Value::Bool(true));
        Reply {
            status: 200,
            body: Some(Value::Object(body)),
            retry_after: None,
        }
    }

    fn error(error: ApiError) -> Self {
        let mut body = json!({"ok": false, "error": error.code});
        if !error.messages.is_empty() {
            body["errors"] = json!(error.messages);
            body["response_metadata"] = json!({"messages": error.messages});
        }
        Reply {
            status: 200,
            body: Some(body),
            retry_after: None,
        }
    }

    fn fault(fault: &Fault) -> Self {
        match fault {
            Fault::RateLimited { retry_after_secs } => Reply {
                status: 429,
                body: Some(json!({"ok": false, "error": "ratelimited"})),
                retry_after: Some(*retry_after_secs),
            },
            Fault::SlackError(code) => Reply::error(ApiError::new(code)),
            Fault::Http(status) => Reply {
                status: *status,
                body: None,
                retry_after: None,
            },
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = match self.body {
            Some(body) => {
                let content_type = [(header::CONTENT_TYPE, JSON_CONTENT_TYPE)];
                (content_type, body.to_string()).into_response()
            }
            None => Body::empty().into_response(),
        };
        *response.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

async fn handle_api(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path(method): Path<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let token = bearer_token(&headers);
    let request = parse_params(&headers, query.as_deref(), &body);
    let (reply, delay) = inner.process(&method, token, request);
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    reply.into_response()
}

fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(|t| t.trim().to_string())
}

/// The request parameters, or the raw body and the Slack error code when they did not parse.
struct ParsedParams {
    params: Value,
    error: Option<&'static str>,
}

fn parse_params(headers: &HeaderMap, query: Option<&str>, body: &[u8]) -> ParsedParams {
    let mut params = Map::new();
    if let Some(query) = query {
        match form_to_map(query) {
            Some(map) => params.extend(map),
            None => return unparsed(query.as_bytes(), "invalid_arguments"),
        }
    }
    if body.is_empty() {
        return ParsedParams {
            params: Value::Object(params),
            error: None,
        };
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let parsed = if content_type.starts_with("application/json") {
        json_object(body).ok_or("invalid_json")
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        let text = std::str::from_utf8(body).ok();
        text.and_then(form_to_map).ok_or("invalid_form_data")
    } else {
        Err("invalid_post_type")
    };
    match parsed {
        Ok(map) => {
            params.extend(map);
            ParsedParams {
                params: Value::Object(params),
                error: None,
            }
        }
        Err(code) => unparsed(body, code),
    }
}

fn unparsed(raw: &[u8], code: &'static str) -> ParsedParams {
    ParsedParams {
        params: Value::String(String::from_utf8_lossy(raw).into_owned()),
        error: Some(code),
    }
}

fn json_object(body: &[u8]) -> Option<Params> {
    match serde_json::from_slice(body).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

fn form_to_map(form: &str) -> Option<Params> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(form).ok()?;
    Some(
        pairs
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
    )
}

// ----- parameter helpers ---------------------------------------------------------------------

fn str_param<'a>(p: &'a Params, key: &str) -> Option<&'a str> {
    p.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

fn required_str<'a>(p: &'a Params, key: &str) -> Result<&'a str, ApiError> {
    str_param(p, key).ok_or_else(|| ApiError::missing(key))
}

fn bool_param(p: &Params, key: &str) -> bool {
    match p.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s == "true" || s == "1",
        Some(Value::Number(n)) => n.as_i64() == Some(1),
        _ => false,
    }
}

/// A JSON parameter sent either as JSON or as a JSON-encoded string (form posts).
fn json_param(p: &Params, key: &str) -> Result<Option<Value>, ()> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => serde_json::from_str(s).map(Some).map_err(|_| ()),
        Some(other) => Ok(Some(other.clone())),
    }
}

fn body(value: Value) -> Params {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn unix_seconds() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// Parses a Slack ts ("1700000000.000100") into microseconds.
fn ts_micros(ts: &str) -> Option<u64> {
    let (secs, frac) = ts.split_once('.').unwrap_or((ts, ""));
    if frac.len() > 6 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: u64 = secs.parse().ok()?;
    let frac_micros: u64 = format!("{frac:0<6}").parse().ok()?;
    secs.checked_mul(1_000_000)?.checked_add(frac_micros)
}

// ---------------------------------------------------------------------------------------------
// Methods: auth and users
// ---------------------------------------------------------------------------------------------

fn auth_test() -> Params {
    body(json!({
        "url": "https://fake-workspace.slack.com/",
        "team": "Fake Workspace",
        "user": "mentor-bot",
        "team_id": TEAM_ID,
        "user_id": BOT_USER_ID,
        "bot_id": BOT_ID,
        "is_enterprise_install": false
    }))
}

impl FakeState {
    fn users_info(&self, p: &Params) -> ApiResult {
        let id = required_str(p, "user")?;
        let user = self.users.get(id).ok_or(ApiError::new("user_not_found"))?;
        let include_locale = bool_param(p, "include_locale");
        Ok(body(json!({"user": user_json(user, include_locale)})))
    }

    fn users_lookup_by_email(&self, p: &Params) -> ApiResult {
        let email = required_str(p, "email")?;
        let mut users = self.users.values();
        let user = users
            .find(|u| u.email.eq_ignore_ascii_case(email))
            .ok_or(ApiError::new("users_not_found"))?;
        Ok(body(json!({"user": user_json(user, false)})))
    }
}

fn user_json(user: &FakeUser, include_locale: bool) -> Value {
    let (tz_offset, tz_label) = tz_details(&user.tz);
    let mut json = json!({
        "id": user.id,
        "team_id": TEAM_ID,
        "name": user.name,
        "real_name": user.real_name,
        "deleted": user.deleted,
        "is_bot": user.is_bot,
        "is_app_user": false,
        "is_admin": false,
        "is_owner": false,
        "tz": user.tz,
        "tz_label": tz_label,
        "tz_offset": tz_offset,
        "profile": {
            "display_name": user.display_name,
            "display_name_normalized": user.display_name,
            "real_name": user.real_name,
            "real_name_normalized": user.real_name,
            "email": user.email,
            "team": TEAM_ID
        }
    });
    if include_locale {
        json["locale"] = json!(user.locale);
    }
    json
}

/// The current UTC offset in seconds and a Slack-like label ("Japan Standard Time").
fn tz_details(tz: &str) -> (i32, String) {
    use chrono::{Offset, TimeZone};
    use chrono_tz::OffsetName;
    let Ok(zone) = tz.parse::<chrono_tz::Tz>() else {
        return (0, tz.to_string());
    };
    let offset = zone.offset_from_utc_datetime(&chrono::Utc::now().naive_utc());
    let seconds = offset.fix().local_minus_utc();
    let label = match offset.abbreviation() {
        Some(abbreviation) => tz_label(abbreviation),
        None => tz.to_string(),
    };
    (seconds, label)
}

fn tz_label(abbreviation: &str) -> String {
    let label = match abbreviation {
        "JST" => "Japan Standard Time",
        "KST" => "Korea Standard Time",
        "UTC" | "GMT" => "Greenwich Mean Time",
        "BST" => "British Summer Time",
        "CET" => "Central European Time",
        "CEST" => "Central European Summer Time",
        "EST" => "Eastern Standard Time",
        "EDT" => "Eastern Daylight Time",
        "CST" => "Central Standard Time",
        "CDT" => "Central Daylight Time",
        "MST" => "Mountain Standard Time",
        "MDT" => "Mountain Daylight Time",
        "PST" => "Pacific Standard Time",
        "PDT" => "Pacific Daylight Time",
        other => other,
    };
    label.to_string()
}

// ---------------------------------------------------------------------------------------------
// Methods: conversations and chat
// ---------------------------------------------------------------------------------------------

impl FakeState {
    fn conversations_open(&mut self, p: &Params) -> ApiResult {
        if let Some(channel_id) = str_param(p, "channel") {
            let channel = self
                .channels
                .get(channel_id)
                .ok_or(ApiError::new("channel_not_found"))?;
            return Ok(open_response(channel, true));
        }
        let users = user_list(p)?;
        let (channel_id, already_open) = self.open_channel_for(&users)?;
        let channel = self
            .channels
            .get(&channel_id)
            .ok_or(ApiError::new("channel_not_found"))?;
        Ok(open_response(channel, already_open))
    }

    /// Finds or creates the DM (one user) or group DM (several) with the bot.
    fn open_channel_for(&mut self, users: &[String]) -> Result<(String, bool), ApiError> {
        if users.len() > MAX_DM_USERS {
            return Err(ApiError::new("too_many_users"));
        }
        for id in users {
            let user = self.users.get(id).ok_or(ApiError::new("user_not_found"))?;
            if user.deleted {
                return Err(ApiError::new("user_disabled"));
            }
            if user.is_bot && users.len() == 1 {
                return Err(ApiError::new("cannot_dm_bot"));
            }
        }
        if let [user] = users {
            return Ok(self.open_dm(user));
        }
        Ok(self.open_group_dm(users))
    }

    fn open_dm(&mut self, user: &str) -> (String, bool) {
        if let Some(existing) = self.dm_by_user.get(user) {
            return (existing.clone(), true);
        }
        let id = self.next_id("D");
        let channel = Channel {
            id: id.clone(),
            created: unix_seconds(),
            members: vec![user.to_string()],
            kind: ChannelKind::Im,
        };
        self.channels.insert(id.clone(), channel);
        self.dm_by_user.insert(user.to_string(), id.clone());
        (id, false)
    }

    fn open_group_dm(&mut self, users: &[String]) -> (String, bool) {
        let mut members = users.to_vec();
        members.sort();
        members.dedup();
        let existing = self
            .channels
            .values()
            .find(|c| c.kind == ChannelKind::Mpim && c.members == members);
        if let Some(channel) = existing {
            return (channel.id.clone(), true);
        }
        let id = self.next_id("G");
        let channel = Channel {
            id: id.clone(),
            created: unix_seconds(),
            members,
            kind: ChannelKind::Mpim,
        };
        self.channels.insert(id.clone(), channel);
        (id, false)
    }

    /// A channel id, or a user id (Slack posts to the bot's DM with that user).
    fn resolve_channel(&mut self, channel: &str) -> Result<String, ApiError> {
        if self.channels.contains_key(channel) {
            return Ok(channel.to_string());
        }
        if self.users.contains_key(channel) {
            return self
                .open_channel_for(&[channel.to_string()])
                .map(|(id, _)| id);
        }
        Err(ApiError::new("channel_not_found"))
    }

    fn chat_post_message(&mut self, p: &Params) -> ApiResult {
        let channel_arg = str_param(p, "channel").ok_or(ApiError::new("channel_not_found"))?;
        let channel = self.resolve_channel(channel_arg)?;
        let content = MessageContent::parse(p)?;
        let message = PostedMessage {
            user: self.recipient_of(&channel),
            channel,
            ts: self.next_ts(),
            text: content.text,
            blocks: content.blocks.unwrap_or(Value::Null),
            metadata: content.metadata,
            thread_ts: str_param(p, "thread_ts").map(str::to_string),
            edits: 0,
            edited_ts: None,
        };
        let reply = json!({
            "channel": message.channel,
            "ts": message.ts,
            "message": message_json(&message, true)
        });
        self.messages.push(message);
        Ok(body(reply))
    }

    /// Slack keeps the blocks (and text, metadata) a `chat.update` leaves out; `blocks: []`
    /// removes them.
    fn chat_update(&mut self, p: &Params) -> ApiResult {
        let channel = str_param(p, "channel").ok_or(ApiError::new("channel_not_found"))?;
        if !self.channels.contains_key(channel) {
            return Err(ApiError::new("channel_not_found"));
        }
        let ts = required_str(p, "ts")?;
        let index = self
            .messages
            .iter()
            .position(|m| m.channel == channel && m.ts == ts)
            .ok_or(ApiError::new("message_not_found"))?;
        let content = MessageContent::parse(p)?;
        let edited_ts = self.next_ts();
        let message = &mut self.messages[index];
        if content.text.is_some() {
            message.text = content.text;
        }
        match content.blocks {
            Some(Value::Array(list)) if list.is_empty() => message.blocks = Value::Null,
            Some(blocks) => message.blocks = blocks,
            None => {}
        }
        if content.metadata.is_some() {
            message.metadata = content.metadata;
        }
        message.edits += 1;
        message.edited_ts = Some(edited_ts);
        let reply = json!({
            "channel": message.channel,
            "ts": message.ts,
            "text": message.text.clone().unwrap_or_default(),
            "message": message_json(message, true)
        });
        Ok(body(reply))
    }

    fn chat_post_ephemeral(&mut self, p: &Params) -> ApiResult {
        let channel_arg = str_param(p, "channel").ok_or(ApiError::new("channel_not_found"))?;
        let user = required_str(p, "user")?;
        if !self.users.contains_key(user) {
            return Err(ApiError::new("user_not_found"));
        }
        let content = MessageContent::parse(p)?;
        let channel = self.resolve_channel(channel_arg)?;
        let in_channel = match self.channels.get(&channel) {
            Some(c) if c.kind != ChannelKind::Public => c.members.iter().any(|m| m == user),
            _ => true,
        };
        if !in_channel {
            return Err(ApiError::new("user_not_in_channel"));
        }
        let message = PostedMessage {
            channel,
            ts: self.next_ts(),
            text: content.text,
            blocks: content.blocks.unwrap_or(Value::Null),
            metadata: None,
            user: user.to_string(),
            thread_ts: str_param(p, "thread_ts").map(str::to_string),
            edits: 0,
            edited_ts: None,
        };
        let reply = json!({"message_ts": message.ts});
        self.ephemerals.push(message);
        Ok(body(reply))
    }

    fn recipient_of(&self, channel: &str) -> String {
        match self.channels.get(channel) {
            Some(c) if c.kind != ChannelKind::Public => c.members.join(","),
            _ => String::new(),
        }
    }

    fn conversations_history(&self, p: &Params) -> ApiResult {
        let channel = required_str(p, "channel")?;
        if !self.channels.contains_key(channel) {
            return Err(ApiError::new("channel_not_found"));
        }
        let query = HistoryQuery::parse(p)?;
        let include_metadata = bool_param(p, "include_all_metadata");
        let mut page: Vec<&PostedMessage> = self
            .messages
            .iter()
            .rev()
            .filter(|m| m.channel == channel && query.matches(m))
            .take(query.limit + 1)
            .collect();
        let has_more = page.len() > query.limit;
        page.truncate(query.limit);
        let messages: Vec<Value> = page
            .iter()
            .map(|m| message_json(m, include_metadata))
            .collect();
        let mut reply = json!({"messages": messages, "has_more": has_more, "pin_count": 0});
        if let (true, Some(last)) = (has_more, page.last()) {
            reply["response_metadata"] = json!({"next_cursor": format!("next_ts:{}", last.ts)});
        }
        Ok(body(reply))
    }
}

fn open_response(channel: &Channel, already_open: bool) -> Params {
    let mut json = json!({
        "id": channel.id,
        "created": channel.created,
        "is_im": channel.kind == ChannelKind::Im,
        "is_mpim": channel.kind == ChannelKind::Mpim,
        "is_channel": channel.kind == ChannelKind::Public,
        "is_open": true,
    });
    if channel.kind == ChannelKind::Im {
        json["user"] = json!(channel.members.first());
    }
    let mut reply = json!({"channel": json});
    if already_open {
        reply["already_open"] = json!(true);
        reply["no_op"] = json!(true);
    }
    body(reply)
}

/// `users` as Slack's comma-separated string or the JSON array slack-morphism sends.
fn user_list(p: &Params) -> Result<Vec<String>, ApiError> {
    let users: Vec<String> = match p.get("users") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => s.split(',').map(|u| u.trim().to_string()).collect(),
        Some(Value::Array(items)) => {
            let ids = items.iter().map(|v| v.as_str().map(str::to_string));
            ids.collect::<Option<Vec<_>>>()
                .ok_or_else(|| ApiError::invalid_arguments("[ERROR] users must be strings"))?
        }
        Some(_) => return Err(ApiError::invalid_arguments("[ERROR] users must be a list")),
    };
    let users: Vec<String> = users.into_iter().filter(|u| !u.is_empty()).collect();
    if users.is_empty() {
        return Err(ApiError::new("users_list_not_supplied"));
    }
    Ok(users)
}

/// `text`, `blocks` and `metadata` of `chat.postMessage`, `chat.update` or `chat.postEphemeral`,
/// checked against Slack's limits.
struct MessageContent {
    text: Option<String>,
    blocks: Option<Value>,
    metadata: Option<Value>,
}

impl MessageContent {
    fn parse(p: &Params) -> Result<Self, ApiError> {
        let text = match p.get("text") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(ApiError::invalid_arguments("[ERROR] text must be a string")),
        };
        let blocks = json_param(p, "blocks").map_err(|_| ApiError::new("invalid_blocks_format"))?;
        let metadata =
            json_param(p, "metadata").map_err(|_| ApiError::new("invalid_metadata_format"))?;
        check_message_content(text.as_deref(), blocks.as_ref())?;
        if let Some(metadata) = &metadata {
            check_metadata(metadata)?;
        }
        Ok(MessageContent {
            text,
            blocks,
            metadata,
        })
    }
}

fn check_message_content(text: Option<&str>, blocks: Option<&Value>) -> Result<(), ApiError> {
    let has_blocks = blocks.is_some_and(|b| b.as_array().is_none_or(|a| !a.is_empty()));
    let text_chars = text.map_or(0, |t| t.chars().count());
    if text_chars == 0 && !has_blocks {
        return Err(ApiError::new("no_text"));
    }
    if text_chars > MAX_MESSAGE_TEXT_CHARS {
        return Err(ApiError::new("msg_too_long"));
    }
    if let Some(blocks) = blocks {
        if !blocks.is_array() {
            return Err(ApiError::new("invalid_blocks_format"));
        }
        validate_blocks(blocks, MAX_MESSAGE_BLOCKS)
            .map_err(|message| ApiError::with("invalid_blocks", message))?;
    }
    Ok(())
}

fn check_metadata(metadata: &Value) -> Result<(), ApiError> {
    let object = metadata
        .as_object()
        .ok_or(ApiError::new("invalid_metadata_format"))?;
    let event_type = object.get("event_type").and_then(Value::as_str);
    if event_type.is_none_or(str::is_empty) {
        let message = "[ERROR] metadata.event_type is required";
        return Err(ApiError::with("invalid_metadata_schema", message));
    }
    match object.get("event_payload") {
        None | Some(Value::Object(_)) => Ok(()),
        Some(_) => {
            let message = "[ERROR] metadata.event_payload must be an object";
            Err(ApiError::with("invalid_metadata_schema", message))
        }
    }
}

/// A message as `chat.postMessage` and `conversations.history` return it.
fn message_json(message: &PostedMessage, include_metadata: bool) -> Value {
    let mut json = json!({
        "type": "message",
        "text": message.text.clone().unwrap_or_default(),
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "app_id": APP_ID,
        "team": TEAM_ID,
        "ts": message.ts,
    });
    if message.blocks.is_array() {
        json["blocks"] = message.blocks.clone();
    }
    if let Some(thread_ts) = &message.thread_ts {
        json["thread_ts"] = json!(thread_ts);
    }
    if let Some(edited_ts) = &message.edited_ts {
        json["edited"] = json!({"user": BOT_USER_ID, "ts": edited_ts});
    }
    if let (true, Some(metadata)) = (include_metadata, &message.metadata) {
        json["metadata"] = metadata.clone();
    }
    json
}

/// `oldest` / `latest` / `inclusive` / `limit` / `cursor` of `conversations.history`.
struct HistoryQuery {
    oldest: u64,
    latest: u64,
    inclusive: bool,
    limit: usize,
    before_cursor: Option<u64>,
}

impl HistoryQuery {
    fn parse(p: &Params) -> Result<Self, ApiError> {
        let oldest = ts_bound(p, "oldest", "invalid_ts_oldest")?.unwrap_or(0);
        let latest = ts_bound(p, "latest", "invalid_ts_latest")?.unwrap_or(u64::MAX);
        let limit = match p.get("limit") {
            None | Some(Value::Null) => HISTORY_DEFAULT_LIMIT,
            Some(v) => number_of(v)
                .ok_or_else(|| ApiError::invalid_arguments("[ERROR] limit must be a number"))?,
        };
        let limit = if limit == 0 {
            HISTORY_DEFAULT_LIMIT
        } else {
            limit.min(HISTORY_MAX_LIMIT)
        };
        let before_cursor = match str_param(p, "cursor") {
            None => None,
            Some(cursor) => {
                let ts = cursor.strip_prefix("next_ts:").and_then(ts_micros);
                Some(ts.ok_or(ApiError::new("invalid_cursor"))?)
            }
        };
        Ok(HistoryQuery {
            oldest,
            latest,
            inclusive: bool_param(p, "inclusive"),
            limit,
            before_cursor,
        })
    }

    /// Top-level messages (not thread replies) within the bounds.
    fn matches(&self, message: &PostedMessage) -> bool {
        let is_reply = message.thread_ts.as_ref().is_some_and(|t| *t != message.ts);
        let Some(ts) = ts_micros(&message.ts) else {
            return false;
        };
        let within = if self.inclusive {
            ts >= self.oldest && ts <= self.latest
        } else {
            ts > self.oldest && ts < self.latest
        };
        let before_cursor = self.before_cursor.is_none_or(|cursor| ts < cursor);
        !is_reply && within && before_cursor
    }
}

fn ts_bound(p: &Params, key: &str, error: &'static str) -> Result<Option<u64>, ApiError> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => ts_micros(s).map(Some).ok_or(ApiError::new(error)),
        Some(Value::Number(n)) => {
            let micros = n.as_f64().map(|f| (f * 1_000_000.0) as u64);
            micros.map(Some).ok_or(ApiError::new(error))
        }
        Some(_) => Err(ApiError::new(error)),
    }
}

fn number_of(value: &Value) -> Option<usize> {
    match value {
        Value::Number(n) => n.as_u64().map(|n| n as usize),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Methods: files
// ---------------------------------------------------------------------------------------------

impl FakeState {
    fn files_info(&self, p: &Params) -> ApiResult {
        let id = required_str(p, "file")?;
        let file = self.files.get(id).ok_or(ApiError::new("file_not_found"))?;
        let reply = json!({
            "file": self.file_json(file),
            "comments": [],
            "response_metadata": {"next_cursor": ""}
        });
        Ok(body(reply))
    }

    /// The file object of `files.info` and of a `file_input`'s state value.
    fn file_json(&self, file: &FakeFile) -> Value {
        let (mimetype, filetype, pretty_type) = file.kind();
        let base = format!(
            "http://127.0.0.1:{}/files-pri/{TEAM_ID}-{}",
            self.http_port, file.id
        );
        let name = percent_encode(&file.name);
        json!({
            "id": file.id,
            "created": file.created,
            "timestamp": file.created,
            "name": file.name,
            "title": file.name,
            "mimetype": mimetype,
            "filetype": filetype,
            "pretty_type": pretty_type,
            "user": file.user,
            "user_team": TEAM_ID,
            "editable": false,
            "size": file.bytes.len(),
            "mode": "hosted",
            "is_external": false,
            "external_type": "",
            "is_public": false,
            "public_url_shared": false,
            "display_as_bot": false,
            "username": "",
            "url_private": format!("{base}/{name}"),
            "url_private_download": format!("{base}/download/{name}"),
            "permalink": format!(
                "https://fake-workspace.slack.com/files/{}/{}/{name}",
                file.user, file.id
            ),
            "is_starred": false,
            "has_rich_preview": false,
            "file_access": "visible"
        })
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters (for URL path segments).
fn percent_encode(text: &str) -> String {
    let mut encoded = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// What a GET of a file's `url_private(_download)` gets.
enum FileAnswer {
    Fault(Reply),
    LoginPage,
    NotFound,
    File {
        mimetype: &'static str,
        name: String,
        bytes: Vec<u8>,
        attachment: bool,
    },
}

impl FileAnswer {
    fn status(&self) -> u16 {
        match self {
            FileAnswer::Fault(reply) => reply.status,
            FileAnswer::LoginPage | FileAnswer::File { .. } => 200,
            FileAnswer::NotFound => 404,
        }
    }

    /// What the call log records as the answer.
    fn summary(&self) -> Value {
        match self {
            FileAnswer::Fault(reply) => reply.body.clone().unwrap_or(Value::Null),
            FileAnswer::LoginPage => json!({"content_type": HTML_CONTENT_TYPE, "page": "login"}),
            FileAnswer::NotFound => json!({"content_type": HTML_CONTENT_TYPE, "page": "not_found"}),
            FileAnswer::File {
                mimetype, bytes, ..
            } => json!({"content_type": mimetype, "bytes": bytes.len()}),
        }
    }
}

impl IntoResponse for FileAnswer {
    fn into_response(self) -> Response {
        let html = [(header::CONTENT_TYPE, HTML_CONTENT_TYPE)];
        match self {
            FileAnswer::Fault(reply) => reply.into_response(),
            FileAnswer::LoginPage => (html, LOGIN_PAGE).into_response(),
            FileAnswer::NotFound => (StatusCode::NOT_FOUND, html, NOT_FOUND_PAGE).into_response(),
            FileAnswer::File {
                mimetype,
                name,
                bytes,
                attachment,
            } => {
                let mut response = ([(header::CONTENT_TYPE, mimetype)], bytes).into_response();
                if attachment {
                    let disposition =
                        format!("attachment; filename*=UTF-8''{}", percent_encode(&name));
                    if let Ok(value) = HeaderValue::from_str(&disposition) {
                        response
                            .headers_mut()
                            .insert(header::CONTENT_DISPOSITION, value);
                    }
                }
                response
            }
        }
    }
}

impl Inner {
    /// Answers and records one GET of `/files-pri/{TEAM_ID}-{file_id}/[download/]{name}`.
    fn download(
        &self,
        team_file: &str,
        name: &str,
        attachment: bool,
        token: Option<String>,
    ) -> (FileAnswer, Option<Duration>) {
        let at = Instant::now();
        let mut state = self.lock();
        let file_id = team_file
            .strip_prefix(TEAM_ID)
            .and_then(|rest| rest.strip_prefix('-'))
            .unwrap_or(team_file);
        let answer = if let Some(fault) = state.take_fault(FILE_DOWNLOAD_METHOD) {
            FileAnswer::Fault(Reply::fault(&fault))
        } else if token.as_deref() != Some(BOT_TOKEN) {
            FileAnswer::LoginPage
        } else {
            match state.files.get(file_id) {
                Some(file) if file.name == name => FileAnswer::File {
                    mimetype: file.kind().0,
                    name: file.name.clone(),
                    bytes: file.bytes.clone(),
                    attachment,
                },
                _ => FileAnswer::NotFound,
            }
        };
        state.calls.push(Call {
            method: FILE_DOWNLOAD_METHOD.to_string(),
            at,
            token,
            params: json!({"file": file_id, "name": name, "download": attachment}),
            response_status: answer.status(),
            response: answer.summary(),
        });
        let delay = state.delays.get(FILE_DOWNLOAD_METHOD).copied();
        drop(state);
        self.bump();
        (answer, delay)
    }
}

async fn handle_file(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path((team_file, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    serve_file(&inner, &team_file, &name, false, &headers).await
}

async fn handle_file_download(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path((team_file, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    serve_file(&inner, &team_file, &name, true, &headers).await
}

async fn serve_file(
    inner: &Inner,
    team_file: &str,
    name: &str,
    attachment: bool,
    headers: &HeaderMap,
) -> Response {
    let (answer, delay) = inner.download(team_file, name, attachment, bearer_token(headers));
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    answer.into_response()
}

// ---------------------------------------------------------------------------------------------
// Methods: the bot's uploads (files.getUploadURLExternal → POST → files.completeUploadExternal)
// ---------------------------------------------------------------------------------------------

impl FakeState {
    fn files_get_upload_url_external(&mut self, p: &Params) -> ApiResult {
        let name = required_str(p, "filename")?.to_string();
        let length = match p.get("length") {
            None | Some(Value::Null) => return Err(ApiError::missing("length")),
            Some(Value::String(s)) => s.trim().parse::<usize>().ok(),
            Some(Value::Number(n)) => n.as_u64().and_then(|n| usize::try_from(n).ok()),
            Some(_) => None,
        };
        let length = length.ok_or_else(|| {
            ApiError::invalid_arguments("[ERROR] length must be a non-negative integer")
        })?;
        let alt_txt = str_param(p, "alt_txt").unwrap_or("");
        if alt_txt.chars().count() > MAX_ALT_TXT_CHARS {
            return Err(ApiError::new("alt_txt_too_large"));
        }
        let file_id = self.next_id("F");
        let n = self.next_counter();
        let ticket = format!("{file_id}-{:016x}", n.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let upload_url = format!("http://127.0.0.1:{}/upload/v1/{ticket}", self.http_port);
        let upload = PendingUpload {
            name,
            length,
            ticket: ticket.clone(),
            bytes: None,
        };
        self.uploads.insert(file_id.clone(), upload);
        self.upload_tickets.insert(ticket, file_id.clone());
        Ok(body(json!({"upload_url": upload_url, "file_id": file_id})))
    }

    fn files_complete_upload_external(&mut self, p: &Params) -> ApiResult {
        let files = completed_files(p)?;
        if p.contains_key("channels") {
            let hint = "[ERROR] the fake Slack shares into channel_id only, not channels";
            return Err(ApiError::invalid_arguments(hint));
        }
        let channel = match str_param(p, "channel_id") {
            Some(id) if self.channels.contains_key(id) => Some(id.to_string()),
            Some(_) => return Err(ApiError::new("channel_not_found")),
            None => None,
        };
        let comment = str_param(p, "initial_comment").map(str::to_string);
        if comment
            .as_ref()
            .is_some_and(|c| c.chars().count() > MAX_MESSAGE_TEXT_CHARS)
        {
            return Err(ApiError::new("msg_too_long"));
        }
        // Check every file before changing anything: Slack completes all or none.
        for (id, _) in &files {
            let upload = self
                .uploads
                .get(id)
                .ok_or(ApiError::new("file_not_found"))?;
            if upload.bytes.is_none() {
                let hint = format!("[ERROR] nothing was uploaded to the upload_url of {id}");
                return Err(ApiError::with("file_not_uploaded", hint));
            }
        }
        let mut completed = Vec::new();
        for (id, title) in files {
            let Some(upload) = self.uploads.remove(&id) else {
                continue; // the same id listed twice
            };
            self.upload_tickets.remove(&upload.ticket);
            let bytes = upload.bytes.unwrap_or_default();
            let title = title.unwrap_or_else(|| upload.name.clone());
            if let Some(channel) = &channel {
                self.shared_files.push(SharedFile {
                    channel: channel.clone(),
                    file_id: id.clone(),
                    name: upload.name.clone(),
                    title: title.clone(),
                    bytes: bytes.clone(),
                    comment: comment.clone(),
                });
            }
            let file = FakeFile {
                id: id.clone(),
                name: upload.name,
                bytes,
                user: BOT_USER_ID.to_string(),
                created: unix_seconds(),
            };
            self.files.insert(id.clone(), file);
            completed.push(json!({"id": id, "title": title}));
        }
        Ok(body(json!({"files": completed})))
    }
}

impl FakeState {
    /// `files.list`: files shared in `channel` (the bot's own shares), filtered by `user`,
    /// `ts_from`/`ts_to` (unix seconds, inclusive) and paged by `count`/`page`, newest first.
    fn files_list(&self, p: &Params) -> ApiResult {
        let channel = str_param(p, "channel").filter(|c| !c.is_empty());
        if let Some(channel) = channel {
            if !self.channels.contains_key(channel) {
                return Err(ApiError::new("channel_not_found"));
            }
        }
        let user = str_param(p, "user").filter(|u| !u.is_empty());
        if let Some(user) = user {
            if !self.users.contains_key(user) {
                return Err(ApiError::new("user_not_found"));
            }
        }
        match str_param(p, "types") {
            None | Some("") | Some("all") => {}
            Some(_) => {
                let hint = "[ERROR] the fake Slack lists types=all only";
                return Err(ApiError::with("unknown_type", hint));
            }
        }
        let bound = |key: &str| -> Result<Option<i64>, ApiError> {
            match p.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) if s.is_empty() => Ok(None),
                Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| {
                    ApiError::invalid_arguments(format!("[ERROR] {key} must be an integer"))
                }),
                Some(Value::Number(n)) => n.as_i64().map(Some).ok_or_else(|| {
                    ApiError::invalid_arguments(format!("[ERROR] {key} must be an integer"))
                }),
                Some(_) => Err(ApiError::invalid_arguments(format!(
                    "[ERROR] {key} must be an integer"
                ))),
            }
        };
        let (from, to) = (bound("ts_from")?, bound("ts_to")?);
        let count = bound("count")?.unwrap_or(100).clamp(1, 1000) as usize;
        let page = bound("page")?.unwrap_or(1).max(1) as usize;
        let mut listed: Vec<Value> = Vec::new();
        for shared in self.shared_files.iter().rev() {
            if channel.is_some_and(|c| c != shared.channel) {
                continue;
            }
            let Some(file) = self.files.get(&shared.file_id) else {
                continue;
            };
            if user.is_some_and(|u| u != file.user)
                || from.is_some_and(|f| file.created < f)
                || to.is_some_and(|t| file.created > t)
            {
                continue;
            }
            let mut json = self.file_json(file);
            json["title"] = json!(shared.title);
            let is_dm = self
                .channels
                .get(&shared.channel)
                .is_some_and(|c| c.kind != ChannelKind::Public);
            json[if is_dm { "ims" } else { "channels" }] = json!([shared.channel]);
            listed.push(json);
        }
        let total = listed.len();
        let pages = total.div_ceil(count).max(1);
        let files: Vec<Value> = listed
            .into_iter()
            .skip((page - 1) * count)
            .take(count)
            .collect();
        let paging = json!({"count": count, "total": total, "page": page, "pages": pages});
        Ok(body(json!({"files": files, "paging": paging})))
    }
}

/// `files` of `files.completeUploadExternal`: `[{"id": …, "title": …}]`, as JSON or as a
/// JSON-encoded string (form posts).
fn completed_files(p: &Params) -> Result<Vec<(String, Option<String>)>, ApiError> {
    let bad = || ApiError::invalid_arguments("[ERROR] files must be a list of {id, title}");
    let files = json_param(p, "files")
        .map_err(|_| bad())?
        .ok_or_else(|| ApiError::missing("files"))?;
    let items = files.as_array().filter(|items| !items.is_empty());
    let items = items.ok_or_else(bad)?;
    items
        .iter()
        .map(|item| {
            let id = item
                .get("id")
                .and_then(Value::as_str)
                .filter(|id| !id.is_empty());
            let title = item
                .get("title")
                .and_then(Value::as_str)
                .map(str::to_string);
            id.map(|id| (id.to_string(), title)).ok_or_else(bad)
        })
        .collect()
}

/// What a POST to an upload URL gets: Slack answers `OK - <length>` in plain text.
enum UploadAnswer {
    Fault(Reply),
    /// No such upload URL, or its file was already completed.
    NotFound,
    /// The body's length is not the `length` given to `files.getUploadURLExternal`.
    WrongLength {
        expected: usize,
        received: usize,
    },
    Accepted(usize),
}

impl UploadAnswer {
    fn status(&self) -> u16 {
        match self {
            UploadAnswer::Fault(reply) => reply.status,
            UploadAnswer::NotFound => 404,
            UploadAnswer::WrongLength { .. } => 400,
            UploadAnswer::Accepted(_) => 200,
        }
    }

    fn text(&self) -> String {
        match self {
            UploadAnswer::Fault(_) => String::new(),
            UploadAnswer::NotFound => "Not Found".to_string(),
            UploadAnswer::WrongLength { expected, received } => {
                format!("size mismatch: expected {expected} bytes, received {received}")
            }
            UploadAnswer::Accepted(length) => format!("OK - {length}"),
        }
    }

    /// What the call log records as the answer.
    fn summary(&self) -> Value {
        match self {
            UploadAnswer::Fault(reply) => reply.body.clone().unwrap_or(Value::Null),
            other => json!({"content_type": TEXT_CONTENT_TYPE, "text": other.text()}),
        }
    }
}

impl IntoResponse for UploadAnswer {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::BAD_REQUEST);
        match self {
            UploadAnswer::Fault(reply) => reply.into_response(),
            other => {
                let text = other.text();
                (status, [(header::CONTENT_TYPE, TEXT_CONTENT_TYPE)], text).into_response()
            }
        }
    }
}

impl Inner {
    /// Answers and records one POST of raw bytes to `/upload/v1/{ticket}`. Like Slack, the URL
    /// itself authorises the upload: no token is needed.
    fn upload(
        &self,
        ticket: &str,
        headers: &HeaderMap,
        bytes: &[u8],
    ) -> (UploadAnswer, Option<Duration>) {
        let at = Instant::now();
        let mut state = self.lock();
        let file_id = state.upload_tickets.get(ticket).cloned();
        let answer = if let Some(fault) = state.take_fault(FILE_UPLOAD_METHOD) {
            UploadAnswer::Fault(Reply::fault(&fault))
        } else {
            match file_id.as_ref().and_then(|id| state.uploads.get_mut(id)) {
                None => UploadAnswer::NotFound,
                Some(upload) if upload.length != bytes.len() => UploadAnswer::WrongLength {
                    expected: upload.length,
                    received: bytes.len(),
                },
                Some(upload) => {
                    upload.bytes = Some(bytes.to_vec());
                    UploadAnswer::Accepted(bytes.len())
                }
            }
        };
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        state.calls.push(Call {
            method: FILE_UPLOAD_METHOD.to_string(),
            at,
            token: bearer_token(headers),
            params: json!({"file": file_id, "content_type": content_type, "bytes": bytes.len()}),
            response_status: answer.status(),
            response: answer.summary(),
        });
        let delay = state.delays.get(FILE_UPLOAD_METHOD).copied();
        drop(state);
        self.bump();
        (answer, delay)
    }
}

async fn handle_upload(
    AxumState(inner): AxumState<Arc<Inner>>,
    Path(ticket): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (answer, delay) = inner.upload(&ticket, &headers, &body);
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    answer.into_response()
}

// ---------------------------------------------------------------------------------------------
// Methods: views and Socket Mode URL
// ---------------------------------------------------------------------------------------------

impl FakeState {
    fn views_open(&mut self, p: &Params) -> ApiResult {
        let stateful = self.modal_from_trigger(p)?;
        self.opened_views.push(stateful.clone());
        Ok(body(json!({"view": stateful})))
    }

    /// Like `views.open`: Slack pushes onto the modal the trigger came from; the fake does not
    /// model the stack and accepts any valid trigger.
    fn views_push(&mut self, p: &Params) -> ApiResult {
        let stateful = self.modal_from_trigger(p)?;
        self.pushed_views.push(stateful.clone());
        Ok(body(json!({"view": stateful})))
    }

    /// Checks the trigger and the modal, spends the trigger and stores the view.
    fn modal_from_trigger(&mut self, p: &Params) -> Result<Value, ApiError> {
        let trigger_id = required_str(p, "trigger_id")?;
        self.check_trigger(trigger_id)?;
        let view = view_param(p)?;
        validate_view(&view, "modal")?;
        self.check_external_id_free(&view, None)?;
        if let Some(trigger) = self.triggers.get_mut(trigger_id) {
            trigger.used = true;
        }
        let id = self.next_id("V");
        let hash = self.next_hash();
        let stateful = stateful_view(&view, &id, &hash);
        self.views.insert(id, stateful.clone());
        Ok(stateful)
    }

    fn check_trigger(&self, trigger_id: &str) -> Result<(), ApiError> {
        let trigger = self
            .triggers
            .get(trigger_id)
            .ok_or(ApiError::new("invalid_trigger_id"))?;
        if trigger.used {
            return Err(ApiError::new("exchanged_trigger_id"));
        }
        if trigger.issued.elapsed() > TRIGGER_TTL {
            return Err(ApiError::new("expired_trigger_id"));
        }
        Ok(())
    }

    fn check_external_id_free(&self, view: &Value, own_id: Option<&str>) -> Result<(), ApiError> {
        let Some(external_id) = view.get("external_id").and_then(Value::as_str) else {
            return Ok(());
        };
        if external_id.is_empty() {
            return Ok(());
        }
        let taken = self.views.iter().any(|(id, other)| {
            Some(id.as_str()) != own_id && other["external_id"].as_str() == Some(external_id)
        });
        if taken {
            return Err(ApiError::new("duplicate_external_id"));
        }
        Ok(())
    }

    fn views_publish(&mut self, p: &Params) -> ApiResult {
        let user_id = required_str(p, "user_id")?;
        if !self.users.contains_key(user_id) {
            return Err(ApiError::new("user_not_found"));
        }
        let view = view_param(p)?;
        validate_view(&view, "home")?;
        let existing = self.home_by_user.get(user_id).cloned();
        if let Some(expected) = str_param(p, "hash") {
            let current = existing.as_ref().and_then(|id| self.views.get(id));
            if current.and_then(|v| v["hash"].as_str()) != Some(expected) {
                return Err(ApiError::new("hash_conflict"));
            }
        }
        let id = existing.unwrap_or_else(|| self.next_id("V"));
        let hash = self.next_hash();
        let stateful = stateful_view(&view, &id, &hash);
        self.views.insert(id.clone(), stateful.clone());
        self.home_by_user.insert(user_id.to_string(), id);
        Ok(body(json!({"view": stateful})))
    }

    fn views_update(&mut self, p: &Params) -> ApiResult {
        let id = self.view_id_to_update(p)?;
        let current = self.views.get(&id).ok_or(ApiError::new("not_found"))?;
        if let Some(expected) = str_param(p, "hash") {
            if current["hash"].as_str() != Some(expected) {
                return Err(ApiError::new("hash_conflict"));
            }
        }
        let kind = current["type"].as_str().unwrap_or("modal").to_string();
        let view = view_param(p)?;
        validate_view(&view, &kind)?;
        self.check_external_id_free(&view, Some(&id))?;
        let hash = self.next_hash();
        let stateful = stateful_view(&view, &id, &hash);
        self.views.insert(id, stateful.clone());
        Ok(body(json!({"view": stateful})))
    }

    fn view_id_to_update(&self, p: &Params) -> Result<String, ApiError> {
        if let Some(view_id) = str_param(p, "view_id") {
            return Ok(view_id.to_string());
        }
        let Some(external_id) = str_param(p, "external_id") else {
            let message = "[ERROR] either view_id or external_id is required";
            return Err(ApiError::invalid_arguments(message));
        };
        let found = self
            .views
            .iter()
            .find(|(_, v)| v["external_id"].as_str() == Some(external_id));
        found
            .map(|(id, _)| id.clone())
            .ok_or(ApiError::new("not_found"))
    }

    fn apps_connections_open(&mut self) -> Params {
        let ticket = format!("ticket-{}", self.next_hash());
        self.socket_tickets.insert(ticket.clone());
        let url = format!("ws://127.0.0.1:{}/socket?ticket={ticket}", self.ws_port);
        body(json!({"url": url}))
    }
}

fn view_param(p: &Params) -> Result<Value, ApiError> {
    match json_param(p, "view") {
        Ok(Some(view)) => Ok(view),
        Ok(None) => Err(ApiError::missing("view")),
        Err(()) => Err(ApiError::invalid_arguments(
            "[ERROR] view is not valid JSON",
        )),
    }
}

/// The view as Slack returns it: the request plus `id`, `hash`, `state` and friends.
fn stateful_view(view: &Value, id: &str, hash: &str) -> Value {
    let mut json = body(view.clone());
    let is_modal = json.get("type").and_then(Value::as_str) == Some("modal");
    let fixed = json!({
        "id": id,
        "team_id": TEAM_ID,
        "app_id": APP_ID,
        "app_installed_team_id": TEAM_ID,
        "bot_id": BOT_ID,
        "hash": hash,
        "state": {"values": {}},
        "root_view_id": id,
    });
    json.extend(body(fixed));
    for key in ["private_metadata", "callback_id", "external_id"] {
        json.entry(key).or_insert(json!(""));
    }
    if is_modal {
        json.entry("clear_on_close").or_insert(json!(false));
        json.entry("notify_on_close").or_insert(json!(false));
    }
    Value::Object(json)
}

/// Checks a `modal` or `home` view against Slack's documented limits.
fn validate_view(view: &Value, expected_type: &str) -> Result<(), ApiError> {
    let invalid = ApiError::invalid_arguments;
    let object = view
        .as_object()
        .ok_or_else(|| invalid(fail("view must be an object", "/view")))?;
    if object.get("type").and_then(Value::as_str) != Some(expected_type) {
        let rule = format!("view type must be `{expected_type}`");
        return Err(invalid(fail(rule, "/view/type")));
    }
    if view.to_string().len() > MAX_VIEW_BYTES {
        return Err(ApiError::new("view_too_large"));
    }
    check_view_fields(object).map_err(invalid)?;
    let blocks = object
        .get("blocks")
        .ok_or_else(|| invalid(fail("blocks is required", "/view/blocks")))?;
    let mut checker = BlockChecker::default();
    checker
        .blocks(blocks, MAX_VIEW_BLOCKS, "/view/blocks")
        .map_err(invalid)?;
    if expected_type == "modal" && has_input_block(blocks) && !object.contains_key("submit") {
        let rule = "must provide a submit property when using input blocks";
        return Err(invalid(fail(rule, "/view")));
    }
    Ok(())
}

fn check_view_fields(view: &Params) -> Result<(), String> {
    if view.get("type").and_then(Value::as_str) == Some("modal") {
        text_object(view.get("title"), "/view/title", "title", 24, true)?;
        optional_text_object(view.get("submit"), "/view/submit", "submit", 24, true)?;
        optional_text_object(view.get("close"), "/view/close", "close", 24, true)?;
    }
    optional_str(view, "private_metadata", 3000, "/view")?;
    optional_str(view, "callback_id", 255, "/view")?;
    optional_str(view, "external_id", 255, "/view")
}

fn has_input_block(blocks: &Value) -> bool {
    let list = blocks.as_array().map(Vec::as_slice).unwrap_or_default();
    list.iter().any(|b| b["type"] == "input")
}

// ---------------------------------------------------------------------------------------------
// Block Kit validation
// ---------------------------------------------------------------------------------------------

/// Checks `blocks` against Slack's documented Block Kit limits (at most `max_blocks` blocks,
/// unique `block_id`s and `action_id`s, text lengths, element counts, known types).
/// The error names the rule and the JSON pointer, like Slack's `response_metadata.messages`.
pub fn validate_blocks(blocks: &Value, max_blocks: usize) -> Result<(), String> {
    BlockChecker::default().blocks(blocks, max_blocks, "/blocks")
}

type Check = Result<(), String>;

fn fail(rule: impl Display, pointer: &str) -> String {
    format!("[ERROR] {rule} [json-pointer:{pointer}]")
}

const SELECT_TYPES: &[&str] = &[
    "static_select",
    "external_select",
    "users_select",
    "conversations_select",
    "channels_select",
    "multi_static_select",
    "multi_external_select",
    "multi_users_select",
    "multi_conversations_select",
    "multi_channels_select",
];

/// Where an interactive element sits; each place allows different element types.
#[derive(Clone, Copy)]
enum Slot {
    Accessory,
    Actions,
    Input,
}

impl Slot {
    fn allows(self, element_type: &str) -> bool {
        if SELECT_TYPES.contains(&element_type) {
            return true;
        }
        let allowed: &[&str] = match self {
            Slot::Accessory => &[
                "button",
                "checkboxes",
                "datepicker",
                "image",
                "overflow",
                "radio_buttons",
                "timepicker",
                "workflow_button",
            ],
            Slot::Actions => &[
                "button",
                "checkboxes",
                "datepicker",
                "datetimepicker",
                "overflow",
                "radio_buttons",
                "rich_text_input",
                "timepicker",
                "workflow_button",
            ],
            Slot::Input => &[
                "checkboxes",
                "datepicker",
                "datetimepicker",
                "email_text_input",
                "file_input",
                "number_input",
                "plain_text_input",
                "radio_buttons",
                "rich_text_input",
                "timepicker",
                "url_text_input",
            ],
        };
        allowed.contains(&element_type)
    }

    fn name(self) -> &'static str {
        match self {
            Slot::Accessory => "a section accessory",
            Slot::Actions => "an actions block",
            Slot::Input => "an input block",
        }
    }
}

/// Walks one message or view, remembering ids that must be unique across it.
#[derive(Default)]
struct BlockChecker {
    block_ids: HashSet<String>,
    action_ids: HashSet<String>,
    /// Where an element already asked for `focus_on_load` (Slack allows one per surface).
    focus_on_load: Option<String>,
}

impl BlockChecker {
    fn blocks(&mut self, blocks: &Value, max_blocks: usize, pointer: &str) -> Check {
        let list = blocks
            .as_array()
            .ok_or_else(|| fail("blocks must be an array", pointer))?;
        if list.len() > max_blocks {
            let rule = format!(
                "no more than {max_blocks} blocks allowed (got {})",
                list.len()
            );
            return Err(fail(rule, pointer));
        }
        for (i, block) in list.iter().enumerate() {
            self.block(block, &format!("{pointer}/{i}"))?;
        }
        Ok(())
    }

    fn block(&mut self, block: &Value, pointer: &str) -> Check {
        let object = block
            .as_object()
            .ok_or_else(|| fail("block must be an object", pointer))?;
        let block_type = type_of(object, pointer)?;
        self.block_id(object.get("block_id"), pointer)?;
        match block_type {
            "section" => self.section(object, pointer),
            "header" => text_object(
                object.get("text"),
                &format!("{pointer}/text"),
                "header text",
                150,
                true,
            ),
            "context" => context(object, pointer),
            "actions" => self.actions(object, pointer),
            "input" => self.input(object, pointer),
            "image" => image(object, pointer),
            "rich_text" => array_of(object, "elements", pointer, 1, usize::MAX).map(|_| ()),
            "markdown" => required_str_max(object, "text", 12_000, pointer),
            "divider" | "video" | "file" | "table" => Ok(()),
            other => Err(fail(
                format!("unsupported block type `{other}`"),
                &format!("{pointer}/type"),
            )),
        }
    }

    fn block_id(&mut self, block_id: Option<&Value>, pointer: &str) -> Check {
        let Some(value) = block_id else {
            return Ok(());
        };
        let pointer = format!("{pointer}/block_id");
        let id = value
            .as_str()
            .ok_or_else(|| fail("block_id must be a string", &pointer))?;
        check_length(id, 1, 255, "block_id", &pointer)?;
        if !self.block_ids.insert(id.to_string()) {
            return Err(fail(format!("duplicate block_id `{id}`"), &pointer));
        }
        Ok(())
    }

    fn action_id(&mut self, action_id: Option<&Value>, pointer: &str) -> Check {
        let Some(value) = action_id else {
            return Ok(());
        };
        let pointer = format!("{pointer}/action_id");
        let id = value
            .as_str()
            .ok_or_else(|| fail("action_id must be a string", &pointer))?;
        check_length(id, 1, 255, "action_id", &pointer)?;
        if !self.action_ids.insert(id.to_string()) {
            return Err(fail(format!("duplicate action_id `{id}`"), &pointer));
        }
        Ok(())
    }

    fn section(&mut self, block: &Params, pointer: &str) -> Check {
        let text = block.get("text");
        let fields = block.get("fields");
        if text.is_none() && fields.is_none() {
            return Err(fail("a section needs `text` or `fields`", pointer));
        }
        optional_text_object(
            text,
            &format!("{pointer}/text"),
            "section text",
            3000,
            false,
        )?;
        if fields.is_some() {
            let list = array_of(block, "fields", pointer, 1, 10)?;
            for (i, field) in list.iter().enumerate() {
                let field_pointer = format!("{pointer}/fields/{i}");
                text_object(Some(field), &field_pointer, "section field", 2000, false)?;
            }
        }
        if let Some(accessory) = block.get("accessory") {
            self.element(accessory, &format!("{pointer}/accessory"), Slot::Accessory)?;
        }
        Ok(())
    }

    fn actions(&mut self, block: &Params, pointer: &str) -> Check {
        let elements = array_of(block, "elements", pointer, 1, 25)?;
        for (i, element) in elements.iter().enumerate() {
            self.element(element, &format!("{pointer}/elements/{i}"), Slot::Actions)?;
        }
        Ok(())
    }

    fn input(&mut self, block: &Params, pointer: &str) -> Check {
        text_object(
            block.get("label"),
            &format!("{pointer}/label"),
            "input label",
            2000,
            true,
        )?;
        optional_text_object(
            block.get("hint"),
            &format!("{pointer}/hint"),
            "input hint",
            2000,
            true,
        )?;
        optional_bool(block, "optional", pointer)?;
        optional_bool(block, "dispatch_action", pointer)?;
        let element = block
            .get("element")
            .ok_or_else(|| fail("an input block needs an `element`", pointer))?;
        self.element(element, &format!("{pointer}/element"), Slot::Input)
    }

    fn element(&mut self, element: &Value, pointer: &str, slot: Slot) -> Check {
        let object = element
            .as_object()
            .ok_or_else(|| fail("element must be an object", pointer))?;
        let element_type = type_of(object, pointer)?;
        if !slot.allows(element_type) {
            let rule = format!("`{element_type}` is not allowed in {}", slot.name());
            return Err(fail(rule, &format!("{pointer}/type")));
        }
        self.action_id(object.get("action_id"), pointer)?;
        self.focus_on_load(object, pointer)?;
        let placeholder_pointer = format!("{pointer}/placeholder");
        optional_text_object(
            object.get("placeholder"),
            &placeholder_pointer,
            "placeholder",
            150,
            true,
        )?;
        confirm(object, pointer)?;
        if element_type.starts_with("multi_") {
            optional_int(object, "max_selected_items", 1, u64::MAX, pointer)?;
        }
        match element_type {
            "button" => button(object, pointer),
            "static_select" | "multi_static_select" => static_select(object, pointer),
            "external_select" | "multi_external_select" => external_select(object, pointer),
            "users_select" => optional_str(object, "initial_user", 255, pointer),
            "multi_users_select" => string_list(object, "initial_users", pointer),
            "radio_buttons" | "checkboxes" => choice_options(object, pointer, CHOICE_RULES),
            "overflow" => choice_options(object, pointer, OVERFLOW_RULES),
            "plain_text_input" => plain_text_input(object, pointer),
            "file_input" => file_input(object, pointer),
            "image" => image(object, pointer),
            _ => Ok(()),
        }
    }

    fn focus_on_load(&mut self, element: &Params, pointer: &str) -> Check {
        optional_bool(element, "focus_on_load", pointer)?;
        if element.get("focus_on_load") != Some(&Value::Bool(true)) {
            return Ok(());
        }
        let pointer = format!("{pointer}/focus_on_load");
        if let Some(first) = &self.focus_on_load {
            let rule = format!("only one element can set focus_on_load (already set at {first})");
            return Err(fail(rule, &pointer));
        }
        self.focus_on_load = Some(pointer);
        Ok(())
    }
}

fn type_of<'a>(object: &'a Params, pointer: &str) -> Result<&'a str, String> {
    object
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| fail("`type` is required", &format!("{pointer}/type")))
}

fn check_length(text: &str, min: usize, max: usize, what: &str, pointer: &str) -> Check {
    let chars = text.chars().count();
    if chars < min {
        return Err(fail(
            format!("{what} must be more than {} characters", min - 1),
            pointer,
        ));
    }
    if chars > max {
        return Err(fail(
            format!("{what} must be at most {max} characters (got {chars})"),
            pointer,
        ));
    }
    Ok(())
}

/// A `plain_text` (or, unless `plain_only`, `mrkdwn`) text object of 1..=`max` characters.
fn text_object(
    value: Option<&Value>,
    pointer: &str,
    what: &str,
    max: usize,
    plain_only: bool,
) -> Check {
    let object = value
        .and_then(Value::as_object)
        .ok_or_else(|| fail(format!("{what} must be a text object"), pointer))?;
    let text_type = object.get("type").and_then(Value::as_str);
    let type_ok = match text_type {
        Some("plain_text") => true,
        Some("mrkdwn") => !plain_only,
        _ => false,
    };
    if !type_ok {
        let expected = if plain_only {
            "plain_text"
        } else {
            "plain_text or mrkdwn"
        };
        return Err(fail(
            format!("{what} must be {expected}"),
            &format!("{pointer}/type"),
        ));
    }
    let text_pointer = format!("{pointer}/text");
    let text = object
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| fail(format!("{what} needs a `text` string"), &text_pointer))?;
    check_length(text, 1, max, what, &text_pointer)
}

fn optional_text_object(
    value: Option<&Value>,
    pointer: &str,
    what: &str,
    max: usize,
    plain_only: bool,
) -> Check {
    match value {
        None => Ok(()),
        Some(_) => text_object(value, pointer, what, max, plain_only),
    }
}

/// An optional string field of at most `max` characters.
fn optional_str(object: &Params, key: &str, max: usize, pointer: &str) -> Check {
    let pointer = format!("{pointer}/{key}");
    match object.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(s)) => check_length(s, 0, max, key, &pointer),
        Some(_) => Err(fail(format!("{key} must be a string"), &pointer)),
    }
}

fn required_str_max(object: &Params, key: &str, max: usize, pointer: &str) -> Check {
    let field_pointer = format!("{pointer}/{key}");
    let text = object
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| fail(format!("`{key}` is required"), &field_pointer))?;
    check_length(text, 1, max, key, &field_pointer)
}

fn array_of<'a>(
    object: &'a Params,
    key: &str,
    pointer: &str,
    min: usize,
    max: usize,
) -> Result<&'a Vec<Value>, String> {
    let pointer = format!("{pointer}/{key}");
    let list = object
        .get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| fail(format!("`{key}` must be an array"), &pointer))?;
    if list.len() < min {
        return Err(fail(
            format!("`{key}` needs at least {min} item(s)"),
            &pointer,
        ));
    }
    if list.len() > max {
        return Err(fail(
            format!(
                "no more than {max} items allowed in `{key}` (got {})",
                list.len()
            ),
            &pointer,
        ));
    }
    Ok(list)
}

fn context(block: &Params, pointer: &str) -> Check {
    let elements = array_of(block, "elements", pointer, 1, 10)?;
    for (i, element) in elements.iter().enumerate() {
        let element_pointer = format!("{pointer}/elements/{i}");
        match element.get("type").and_then(Value::as_str) {
            Some("image") => image(object_at(element, &element_pointer)?, &element_pointer)?,
            _ => text_object(
                Some(element),
                &element_pointer,
                "context element",
                3000,
                false,
            )?,
        }
    }
    Ok(())
}

fn object_at<'a>(value: &'a Value, pointer: &str) -> Result<&'a Params, String> {
    value
        .as_object()
        .ok_or_else(|| fail("must be an object", pointer))
}

/// An image block or element: `image_url` (≤ 3000) or `slack_file`, plus `alt_text` (≤ 2000).
fn image(object: &Params, pointer: &str) -> Check {
    if !object.contains_key("slack_file") {
        required_str_max(object, "image_url", 3000, pointer)?;
    }
    required_str_max(object, "alt_text", 2000, pointer)?;
    optional_text_object(
        object.get("title"),
        &format!("{pointer}/title"),
        "image title",
        2000,
        true,
    )
}

fn button(button: &Params, pointer: &str) -> Check {
    text_object(
        button.get("text"),
        &format!("{pointer}/text"),
        "button text",
        75,
        true,
    )?;
    optional_str(button, "url", 3000, pointer)?;
    optional_str(button, "value", 2000, pointer)?;
    optional_str(button, "accessibility_label", 75, pointer)?;
    match button.get("style").and_then(Value::as_str) {
        None | Some("primary") | Some("danger") => Ok(()),
        Some(other) => Err(fail(
            format!("unknown button style `{other}`"),
            &format!("{pointer}/style"),
        )),
    }
}

/// An optional boolean field.
fn optional_bool(object: &Params, key: &str, pointer: &str) -> Check {
    match object.get(key) {
        None | Some(Value::Bool(_)) => Ok(()),
        Some(_) => Err(fail(
            format!("{key} must be a boolean"),
            &format!("{pointer}/{key}"),
        )),
    }
}

/// An optional integer field within `min..=max`.
fn optional_int(
    object: &Params,
    key: &str,
    min: u64,
    max: u64,
    pointer: &str,
) -> Result<Option<u64>, String> {
    let pointer = format!("{pointer}/{key}");
    let Some(value) = object.get(key) else {
        return Ok(None);
    };
    let n = value
        .as_u64()
        .ok_or_else(|| fail(format!("{key} must be a non-negative integer"), &pointer))?;
    if n < min {
        return Err(fail(
            format!("{key} must be at least {min} (got {n})"),
            &pointer,
        ));
    }
    if n > max {
        return Err(fail(
            format!("{key} must be at most {max} (got {n})"),
            &pointer,
        ));
    }
    Ok(Some(n))
}

/// An optional array of non-empty strings.
fn string_list(object: &Params, key: &str, pointer: &str) -> Check {
    let Some(value) = object.get(key) else {
        return Ok(());
    };
    let pointer = format!("{pointer}/{key}");
    let list = value
        .as_array()
        .ok_or_else(|| fail(format!("{key} must be an array of strings"), &pointer))?;
    for (i, item) in list.iter().enumerate() {
        if item.as_str().is_none_or(str::is_empty) {
            let rule = format!("{key} must be an array of non-empty strings");
            return Err(fail(rule, &format!("{pointer}/{i}")));
        }
    }
    Ok(())
}

/// A confirmation dialog object: title ≤ 100, text ≤ 300, confirm/deny ≤ 30, all required.
fn confirm(element: &Params, pointer: &str) -> Check {
    let Some(value) = element.get("confirm") else {
        return Ok(());
    };
    let pointer = format!("{pointer}/confirm");
    let dialog = object_at(value, &pointer)?;
    let parts = [
        ("title", "confirm title", 100, true),
        ("text", "confirm text", 300, false),
        ("confirm", "confirm button text", 30, true),
        ("deny", "deny button text", 30, true),
    ];
    for (key, what, max, plain_only) in parts {
        text_object(
            dialog.get(key),
            &format!("{pointer}/{key}"),
            what,
            max,
            plain_only,
        )?;
    }
    match dialog.get("style").and_then(Value::as_str) {
        None | Some("primary") | Some("danger") => Ok(()),
        Some(other) => Err(fail(
            format!("unknown confirm style `{other}`"),
            &format!("{pointer}/style"),
        )),
    }
}

/// A `plain_text_input`: `min_length` 0..=3000, `max_length` 1..=3000, `initial_value` within.
fn plain_text_input(input: &Params, pointer: &str) -> Check {
    optional_bool(input, "multiline", pointer)?;
    let min = optional_int(input, "min_length", 0, 3000, pointer)?;
    let max = optional_int(input, "max_length", 1, 3000, pointer)?;
    if let (Some(min), Some(max)) = (min, max) {
        if min > max {
            let rule = format!("min_length ({min}) must not exceed max_length ({max})");
            return Err(fail(rule, &format!("{pointer}/min_length")));
        }
    }
    let max_chars = max.map_or(usize::MAX, |m| m as usize);
    optional_str(input, "initial_value", max_chars, pointer)?;
    let Some(config) = input.get("dispatch_action_config") else {
        return Ok(());
    };
    let config_pointer = format!("{pointer}/dispatch_action_config");
    let config = object_at(config, &config_pointer)?;
    let triggers = array_of(config, "trigger_actions_on", &config_pointer, 1, 2)?;
    for (i, trigger) in triggers.iter().enumerate() {
        if !matches!(
            trigger.as_str(),
            Some("on_enter_pressed") | Some("on_character_entered")
        ) {
            let rule = format!("unknown trigger_actions_on value {trigger}");
            return Err(fail(
                rule,
                &format!("{config_pointer}/trigger_actions_on/{i}"),
            ));
        }
    }
    Ok(())
}

/// A `file_input` (input blocks only): `filetypes` a list of extensions, `max_files` 1..=10.
fn file_input(input: &Params, pointer: &str) -> Check {
    string_list(input, "filetypes", pointer)?;
    optional_int(input, "max_files", 1, MAX_FILES_PER_INPUT, pointer).map(|_| ())
}

/// An `external_select`: `min_query_length` ≥ 0, initial option(s) well formed.
fn external_select(select: &Params, pointer: &str) -> Check {
    optional_int(select, "min_query_length", 0, u64::MAX, pointer)?;
    if let Some(initial) = select.get("initial_option") {
        option(initial, &format!("{pointer}/initial_option"), SELECT_RULES)?;
    }
    if let Some(initial) = select.get("initial_options") {
        let list_pointer = format!("{pointer}/initial_options");
        let list = initial
            .as_array()
            .ok_or_else(|| fail("initial_options must be an array", &list_pointer))?;
        for (i, item) in list.iter().enumerate() {
            option(item, &format!("{list_pointer}/{i}"), SELECT_RULES)?;
        }
    }
    Ok(())
}

/// `options` (≤ 100) or `option_groups` (≤ 100, each ≤ 100 options) of a static select.
fn static_select(select: &Params, pointer: &str) -> Check {
    let mut values = Vec::new();
    if select.contains_key("option_groups") {
        let groups = array_of(select, "option_groups", pointer, 1, 100)?;
        for (i, group) in groups.iter().enumerate() {
            let group_pointer = format!("{pointer}/option_groups/{i}");
            let group = object_at(group, &group_pointer)?;
            text_object(
                group.get("label"),
                &format!("{group_pointer}/label"),
                "option group label",
                75,
                true,
            )?;
            values.extend(options(group, &group_pointer, SELECT_RULES)?);
        }
    } else {
        values = options(select, pointer, SELECT_RULES)?;
    }
    initial_options_are_listed(select, &values, pointer)
}

/// What the option objects of one element type may hold.
#[derive(Clone, Copy)]
struct OptionRules {
    min: usize,
    max: usize,
    /// Selects and overflow menus take `plain_text` only; radio buttons and checkboxes `mrkdwn`.
    plain_only: bool,
    /// Only overflow menu options may have a `url`.
    url: bool,
}

const SELECT_RULES: OptionRules = OptionRules {
    min: 1,
    max: 100,
    plain_only: true,
    url: false,
};
const CHOICE_RULES: OptionRules = OptionRules {
    min: 1,
    max: 10,
    plain_only: false,
    url: false,
};
const OVERFLOW_RULES: OptionRules = OptionRules {
    min: 2,
    max: 5,
    plain_only: true,
    url: true,
};

/// Options of radio buttons, checkboxes or an overflow menu.
fn choice_options(element: &Params, pointer: &str, rules: OptionRules) -> Check {
    let values = options(element, pointer, rules)?;
    initial_options_are_listed(element, &values, pointer)
}

/// Checks the `options` list and returns the options' values.
fn options(element: &Params, pointer: &str, rules: OptionRules) -> Result<Vec<String>, String> {
    let list = array_of(element, "options", pointer, rules.min, rules.max)?;
    let mut values = Vec::new();
    for (i, item) in list.iter().enumerate() {
        values.push(option(item, &format!("{pointer}/options/{i}"), rules)?);
    }
    Ok(values)
}

/// One option object (text ≤ 75, value ≤ 150, description ≤ 75, url ≤ 3000); returns its value.
fn option(option: &Value, pointer: &str, rules: OptionRules) -> Result<String, String> {
    let object = object_at(option, pointer)?;
    text_object(
        object.get("text"),
        &format!("{pointer}/text"),
        "option text",
        75,
        rules.plain_only,
    )?;
    required_str_max(object, "value", 150, pointer)?;
    optional_text_object(
        object.get("description"),
        &format!("{pointer}/description"),
        "option description",
        75,
        rules.plain_only,
    )?;
    if object.contains_key("url") {
        if !rules.url {
            let rule = "only overflow menu options can have a url";
            return Err(fail(rule, &format!("{pointer}/url")));
        }
        required_str_max(object, "url", 3000, pointer)?;
    }
    Ok(object["value"].as_str().unwrap_or_default().to_string())
}

/// Slack rejects an `initial_option(s)` that is not one of the element's options.
fn initial_options_are_listed(element: &Params, values: &[String], pointer: &str) -> Check {
    let single = element.get("initial_option").into_iter();
    let many = element
        .get("initial_options")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    for initial in single.chain(many) {
        let value = initial
            .get("value")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if !values.iter().any(|v| v == value) {
            let rule = format!("initial option `{value}` is not one of the options");
            return Err(fail(rule, &format!("{pointer}/initial_option")));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Socket Mode
// ---------------------------------------------------------------------------------------------

async fn accept_sockets(listener: TcpListener, inner: Arc<Inner>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(serve_socket(stream, inner.clone()));
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

/// One Socket Mode connection: checks the ticket, says hello, forwards frames both ways.
#[allow(clippy::result_large_err)] // the handshake callback's error type is tungstenite's
async fn serve_socket(stream: TcpStream, inner: Arc<Inner>) {
    let handshake_inner = inner.clone();
    let check_ticket = move |request: &Request, response: WsResponse| {
        if handshake_inner.take_ticket(request.uri()) {
            Ok(response)
        } else {
            let mut rejection = ErrorResponse::new(Some("invalid or used ticket".to_string()));
            *rejection.status_mut() = WsStatus::UNAUTHORIZED;
            Err(rejection)
        }
    };
    let Ok(socket) = tokio_tungstenite::accept_hdr_async(stream, check_ticket).await else {
        return;
    };
    let (mut sink, mut source) = socket.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Message>();
    // Once the fake has closed a connection, what the client still sends on it is dropped.
    let closed = Arc::new(AtomicBool::new(false));
    let connection_id = inner.register_socket(tx, closed.clone());
    let writer_closed = closed.clone();
    let writer = tokio::spawn(async move {
        while let Some(message) = rx.recv().await {
            let closing = matches!(message, Message::Close(_));
            if closing {
                writer_closed.store(true, Ordering::SeqCst);
            }
            if sink.send(message).await.is_err() || closing {
                break;
            }
        }
    });
    while let Some(frame) = source.next().await {
        match frame {
            Ok(Message::Text(_)) if closed.load(Ordering::SeqCst) => {}
            Ok(Message::Text(text)) => inner.on_socket_frame(text.as_str()),
            Ok(Message::Close(_)) | Err(_) => break,
            Ok(_) => {}
        }
    }
    inner.unregister_socket(connection_id);
    writer.abort();
}

impl Inner {
    /// Accepts `/socket?ticket=…` once per ticket issued by `apps.connections.open`.
    fn take_ticket(&self, uri: &Uri) -> bool {
        if uri.path() != "/socket" {
            return false;
        }
        let params = uri.query().and_then(form_to_map).unwrap_or_default();
        let Some(ticket) = params.get("ticket").and_then(Value::as_str) else {
            return false;
        };
        self.lock().socket_tickets.remove(ticket)
    }

    /// Registers a connection and queues its `hello` frame first.
    fn register_socket(&self, tx: mpsc::UnboundedSender<Message>, closed: Arc<AtomicBool>) -> u64 {
        let mut state = self.lock();
        let id = state.next_counter();
        let hello = json!({
            "type": "hello",
            "num_connections": state.sockets.len() + 1,
            "connection_info": {"app_id": APP_ID},
            "debug_info": {"host": "fake", "approximate_connection_time": 18060}
        });
        let _ = tx.send(Message::text(hello.to_string()));
        state.sockets.push(SocketConnection { id, tx, closed });
        drop(state);
        self.bump();
        id
    }

    fn unregister_socket(&self, connection_id: u64) {
        self.lock().sockets.retain(|s| s.id != connection_id);
        self.bump();
    }

    /// Records a client frame and hands acks to the waiting `socket_send`.
    fn on_socket_frame(&self, text: &str) {
        let Ok(frame) = serde_json::from_str::<Value>(text) else {
            return;
        };
        let mut state = self.lock();
        state.socket_frames.push(frame.clone());
        let envelope_id = frame.get("envelope_id").and_then(Value::as_str);
        if let Some(waiter) = envelope_id.and_then(|id| state.pending_acks.remove(id)) {
            let _ = waiter.send(frame);
        }
        drop(state);
        self.bump();
    }
}
