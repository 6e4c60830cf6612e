//! One sandbox workspace: the strict fake Slack, the real bot wired to it, and the Slack
//! client's side of things: what each person pressed becomes a signed slash command,
//! `block_actions`, `view_submission`, `block_suggestion` or event POSTed to the bot's own HTTP
//! endpoints, and modal stacks move as Slack moves them (trigger ids, `response_action`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use fake_slack::{FakeSlack, FakeUser, BOT_TOKEN};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::clock::SandboxClock;
use super::demo::{self, PEOPLE};
use crate::app::ports::Messenger;
use crate::app::App;
use crate::config::{Config, Secret, Settings, SlackConfig};
use crate::domain::{Lang, RetryPolicy, UserId};
use crate::slack::inbound::router::SlackState;
use crate::slack::outbound::gateway::SlackGateway;
use crate::slack::transport::verify::sign;
use crate::{scheduler, startup};

/// How often the sandbox runs what is due at its clock (the live bot's worker loop).
const TICK: std::time::Duration = std::time::Duration::from_millis(300);

pub struct Workspace {
    pub fake: FakeSlack,
    pub app: App,
    pub clock: SandboxClock,
    gateway: Arc<SlackGateway>,
    bot_url: String,
    secret: String,
    client: Client<HttpConnector, Full<Bytes>>,
    ui: Mutex<Ui>,
    shutdown: watch::Sender<bool>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
}

/// What Slack's own client keeps: each person's modal stack and ephemeral replies.
#[derive(Default)]
struct Ui {
    stacks: HashMap<String, Vec<String>>,
    /// Views changed by a `response_action` (the fake never sees those): the view and the
    /// fake's hash at that moment, so a later `views.update` wins.
    overrides: HashMap<String, (Value, String)>,
    /// Field errors of a modal, by input block id.
    errors: HashMap<String, HashMap<String, String>>,
    ephemerals: HashMap<String, Vec<Value>>,
    /// Web API calls Slack refused, newest last.
    log: Vec<String>,
    calls_seen: usize,
    counter: u64,
}

/// What came back to the person: an error to show, if any.
pub struct Outcome {
    pub error: Option<String>,
}

impl Workspace {
    /// Starts the fake Slack and the bot on a fresh demo database at `db_path`.
    pub async fn start(db_path: PathBuf, clock: SandboxClock) -> anyhow::Result<Arc<Workspace>> {
        let fake = FakeSlack::start().await;
        for p in &PEOPLE {
            fake.add_user(
                FakeUser::new(p.id)
                    .with_name(p.name)
                    .with_tz(p.tz)
                    .with_locale(p.locale)
                    .with_email(&format!("{}@example.com", p.id.to_lowercase())),
            );
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut path = db_path.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(path));
        }
        let secret = generated_secret();
        let config = Config {
            settings: Settings {
                db_path,
                addr: "127.0.0.1:0".parse()?,
                admins: vec![UserId::parse(demo::ADMIN)?],
                default_lang: Lang::Ja,
                default_tz: chrono_tz::Asia::Tokyo,
                request_ttl: chrono::Duration::hours(48),
                reminder_leads: vec![chrono::Duration::days(1), chrono::Duration::minutes(10)],
            },
            slack: SlackConfig {
                bot_token: Secret::new(BOT_TOKEN),
                signing_secret: Some(Secret::new(secret.clone())),
                app_token: None,
                api_url: fake.api_url.clone(),
            },
        };
        let db = startup::open_db(&config).await?;
        let gateway = Arc::new(SlackGateway::paced(&config.slack, false)?);
        let app = startup::build_with(&config, db, gateway.clone());
        demo::seed(&app, clock.now()).await?;

        let state = Arc::new(SlackState { app: app.clone(), gateway: gateway.clone() });
        let router = crate::slack::transport::http::router_with_clock(
            state,
            config.slack.signing_secret.clone(),
            clock.as_fn(),
        );
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let bot_url = format!("http://{}", listener.local_addr()?);
        let (shutdown, rx) = watch::channel(false);
        let mut stop = rx.clone();
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async move {
                    let _ = stop.wait_for(|s| *s).await;
                })
                .await;
        });
        let ticker = tokio::spawn(run_due_loop(app.clone(), gateway.clone(), clock.clone(), rx));
        Ok(Arc::new(Workspace {
            fake,
            app,
            clock,
            gateway,
            bot_url,
            secret,
            client: Client::builder(TokioExecutor::new()).build(HttpConnector::new()),
            ui: Mutex::new(Ui::default()),
            shutdown,
            tasks: Mutex::new(vec![server, ticker]),
        }))
    }

    pub async fn stop(&self) {
        let _ = self.shutdown.send(true);
        let tasks: Vec<_> = self.lock_tasks().drain(..).collect();
        for task in tasks {
            let _ = task.await;
        }
    }

    fn lock_tasks(&self) -> MutexGuard<'_, Vec<JoinHandle<()>>> {
        self.tasks.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn ui(&self) -> MutexGuard<'_, Ui> {
        self.ui.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs everything due at the sandbox clock now (after time travel).
    pub async fn run_due_now(&self) -> anyhow::Result<Vec<&'static str>> {
        let messenger: &dyn Messenger = self.gateway.as_ref();
        let policy = RetryPolicy::default();
        let report = scheduler::run_due(&self.app, messenger, &policy, self.clock.now()).await?;
        Ok(report.jobs_run)
    }

    /// `/mentor <text>` typed by `user`.
    pub async fn command(&self, user: &str, text: &str) -> Outcome {
        let trigger = self.fake.issue_trigger_id();
        let body = serde_urlencoded::to_string([
            ("token", "sandbox"),
            ("team_id", fake_slack::TEAM_ID),
            ("team_domain", "sandbox"),
            ("channel_id", "D0SANDBOX"),
            ("channel_name", "directmessage"),
            ("user_id", user),
            ("user_name", user),
            ("command", "/mentor"),
            ("text", text),
            ("api_app_id", fake_slack::APP_ID),
            ("response_url", "http://127.0.0.1/sandbox/response-url"),
            ("trigger_id", &trigger),
        ])
        .unwrap_or_default();
        let reply = self
            .post("/slack/commands", "application/x-www-form-urlencoded", body)
            .await;
        match reply {
            Ok((status, reply)) if status < 300 => {
                if reply.is_object() {
                    self.ui().ephemerals.entry(user.to_string()).or_default().push(reply);
                }
                self.follow_trigger(user, &trigger);
                Outcome { error: None }
            }
            Ok((status, _)) => Outcome { error: Some(format!("the bot answered HTTP {status}")) },
            Err(e) => Outcome { error: Some(e.to_string()) },
        }
    }

    /// A button, menu or picker pressed by `user`; `view_id` when inside a modal or the Home,
    /// `message_ts` when in a message; `action` is the element's part of `actions[]`, `values`
    /// the modal's `state.values`.
    pub async fn action(
        &self,
        user: &str,
        view_id: Option<&str>,
        message_ts: Option<&str>,
        action: Value,
        values: Value,
    ) -> Outcome {
        let trigger = self.fake.issue_trigger_id();
        let mut action = action;
        action["action_ts"] = json!(format!("{}.000100", self.clock.now().timestamp()));
        let mut payload = json!({
            "type": "block_actions",
            "user": user_json(user),
            "api_app_id": fake_slack::APP_ID,
            "token": "sandbox",
            "trigger_id": trigger,
            "team": {"id": fake_slack::TEAM_ID, "domain": "sandbox"},
            "actions": [action],
        });
        if let Some(view) = view_id.and_then(|id| self.view(id)) {
            let mut view = view;
            view["state"] = json!({ "values": values });
            payload["container"] = json!({"type": "view", "view_id": view["id"]});
            payload["view"] = view;
        } else {
            let ts = message_ts.unwrap_or_default();
            let channel = self.fake.dm_channel_of(user).unwrap_or_default();
            payload["container"] = json!({"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": false});
            payload["channel"] = json!({"id": channel, "name": "directmessage"});
            payload["message"] = json!({"ts": ts, "type": "message"});
        }
        let outcome = self.interaction(user, &payload).await;
        self.follow_trigger(user, &trigger);
        match outcome {
            Ok(_) => Outcome { error: None },
            Err(e) => Outcome { error: Some(e) },
        }
    }

    /// The top modal of `user` submitted with `values`.
    pub async fn submit(&self, user: &str, view_id: &str, values: Value) -> Outcome {
        let Some(mut view) = self.view(view_id) else {
            return Outcome { error: Some("that modal is no longer open".into()) };
        };
        let trigger = self.fake.issue_trigger_id();
        view["state"] = json!({ "values": values });
        let payload = json!({
            "type": "view_submission",
            "team": {"id": fake_slack::TEAM_ID, "domain": "sandbox"},
            "user": user_json(user),
            "api_app_id": fake_slack::APP_ID,
            "token": "sandbox",
            "trigger_id": trigger,
            "view": view,
            "response_urls": [],
        });
        let reply = match self.interaction(user, &payload).await {
            Ok(reply) => reply,
            Err(e) => return Outcome { error: Some(e) },
        };
        let mut guard = self.ui();
        let ui = &mut *guard;
        ui.errors.remove(view_id);
        let stack = ui.stacks.entry(user.to_string()).or_default();
        match reply["response_action"].as_str() {
            Some("errors") => {
                let errors = reply["errors"]
                    .as_object()
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                            .collect()
                    })
                    .unwrap_or_default();
                ui.errors.insert(view_id.to_string(), errors);
            }
            Some("update") => {
                let hash = self.fake.current_view(view_id).map(|v| v["hash"].clone());
                ui.counter += 1;
                let mut updated = reply["view"].clone();
                updated["id"] = json!(view_id);
                updated["hash"] = json!(format!("sandbox-{}", ui.counter));
                let fake_hash = hash.and_then(|h| h.as_str().map(str::to_string)).unwrap_or_default();
                ui.overrides.insert(view_id.to_string(), (updated, fake_hash));
            }
            Some("push") => {
                ui.counter += 1;
                let id = format!("VSANDBOX{}", ui.counter);
                let mut pushed = reply["view"].clone();
                pushed["id"] = json!(id);
                pushed["hash"] = json!(format!("sandbox-{}", ui.counter));
                stack.push(id.clone());
                ui.overrides.insert(id, (pushed, String::new()));
            }
            Some("clear") => stack.clear(),
            _ => {
                if let Some(pos) = stack.iter().position(|v| v == view_id) {
                    stack.truncate(pos);
                }
            }
        }
        drop(guard);
        self.follow_trigger(user, &trigger);
        Outcome { error: None }
    }

    /// The Close button of the top modal.
    pub async fn close(&self, user: &str, view_id: &str) -> Outcome {
        let view = self.view(view_id);
        {
            let mut ui = self.ui();
            let stack = ui.stacks.entry(user.to_string()).or_default();
            if let Some(pos) = stack.iter().position(|v| v == view_id) {
                stack.truncate(pos);
            }
        }
        if let Some(view) = view.filter(|v| v["notify_on_close"] == true) {
            let payload = json!({"type": "view_closed", "user": user_json(user), "view": view, "is_cleared": false});
            if let Err(e) = self.interaction(user, &payload).await {
                return Outcome { error: Some(e) };
            }
        }
        Outcome { error: None }
    }

    /// The App Home tab opened by `user` (`app_home_opened`).
    pub async fn open_home(&self, user: &str) -> Outcome {
        self.ui().counter += 1;
        let n = self.ui().counter;
        let ts = self.clock.now().timestamp();
        let body = json!({
            "token": "sandbox",
            "team_id": fake_slack::TEAM_ID,
            "api_app_id": fake_slack::APP_ID,
            "event": {"type": "app_home_opened", "user": user, "channel": self.fake.dm_channel_of(user).unwrap_or_default(), "tab": "home", "event_ts": format!("{ts}.{n:06}")},
            "type": "event_callback",
            "event_id": format!("EvSANDBOX{n}"),
            "event_time": ts,
        });
        match self.post("/slack/events", "application/json", body.to_string()).await {
            Ok((status, _)) if status < 300 => Outcome { error: None },
            Ok((status, _)) => Outcome { error: Some(format!("the bot answered HTTP {status}")) },
            Err(e) => Outcome { error: Some(e.to_string()) },
        }
    }

    /// The options of an external select for what `user` typed (`block_suggestion`).
    pub async fn suggest(&self, user: &str, view_id: &str, action_id: &str, block_id: &str, value: &str) -> Value {
        let mut payload = json!({
            "type": "block_suggestion",
            "user": user_json(user),
            "team": {"id": fake_slack::TEAM_ID, "domain": "sandbox"},
            "api_app_id": fake_slack::APP_ID,
            "token": "sandbox",
            "action_id": action_id,
            "block_id": block_id,
            "value": value,
        });
        if let Some(view) = self.view(view_id) {
            payload["view"] = view;
        }
        self.interaction(user, &payload).await.unwrap_or(Value::Null)
    }

    /// A file `user` picked in a `file_input`: stored in the fake as Slack stores uploads.
    pub fn upload(&self, user: &str, name: &str, bytes: Vec<u8>) -> Value {
        self.fake.add_file_from(user, name, bytes)
    }

    /// A view as the person sees it now (after `views.update` or a `response_action`).
    pub fn view(&self, view_id: &str) -> Option<Value> {
        let fake = self.fake.current_view(view_id);
        let ui = self.ui();
        match (ui.overrides.get(view_id), fake) {
            (Some((view, at_hash)), Some(fake)) if fake["hash"].as_str() == Some(at_hash) => {
                Some(view.clone())
            }
            (_, Some(fake)) => Some(fake),
            (Some((view, _)), None) => Some(view.clone()),
            (None, None) => None,
        }
    }

    /// The ids of `user`'s open modals, bottom first.
    pub fn stack(&self, user: &str) -> Vec<String> {
        self.ui().stacks.get(user).cloned().unwrap_or_default()
    }

    pub fn errors_of(&self, view_id: &str) -> HashMap<String, String> {
        self.ui().errors.get(view_id).cloned().unwrap_or_default()
    }

    pub fn ephemerals(&self, user: &str) -> Vec<Value> {
        self.ui().ephemerals.get(user).cloned().unwrap_or_default()
    }

    /// Web API calls Slack refused (the newest last): what a real workspace would reject.
    pub fn refusals(&self) -> Vec<String> {
        let calls = self.fake.calls();
        let mut ui = self.ui();
        for call in calls.iter().skip(ui.calls_seen) {
            if let Some(error) = call.error() {
                let detail = call.response["response_metadata"]["messages"]
                    .as_array()
                    .map(|m| m.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("; "))
                    .unwrap_or_default();
                ui.log.push(format!("{}: {error} {detail}", call.method).trim().to_string());
            }
        }
        ui.calls_seen = calls.len();
        ui.log.clone()
    }

    /// Moves the modal stack as Slack does for what the bot did with `trigger`.
    fn follow_trigger(&self, user: &str, trigger: &str) {
        let calls = self.fake.calls();
        let mut ui = self.ui();
        for call in calls.iter().filter(|c| c.params["trigger_id"].as_str() == Some(trigger)) {
            let Some(id) = call.response["view"]["id"].as_str() else {
                continue;
            };
            let stack = ui.stacks.entry(user.to_string()).or_default();
            match call.method.as_str() {
                "views.open" => *stack = vec![id.to_string()],
                "views.push" => stack.push(id.to_string()),
                _ => {}
            }
        }
    }

    async fn interaction(&self, user: &str, payload: &Value) -> Result<Value, String> {
        let body = serde_urlencoded::to_string([("payload", payload.to_string())]).unwrap_or_default();
        match self.post("/slack/interactions", "application/x-www-form-urlencoded", body).await {
            Ok((status, reply)) if status < 300 => Ok(reply),
            Ok((status, _)) => Err(format!("the bot answered HTTP {status} to {user}'s {}", payload["type"])),
            Err(e) => Err(e.to_string()),
        }
    }

    /// POSTs `body` to the bot signed as Slack signs it; the status and the JSON answer.
    async fn post(&self, path: &str, content_type: &str, body: String) -> anyhow::Result<(u16, Value)> {
        let ts = chrono::Utc::now().timestamp().to_string();
        let signature = sign(&self.secret, &ts, body.as_bytes());
        let request = hyper::Request::post(format!("{}{path}", self.bot_url))
            .header("content-type", content_type)
            .header("x-slack-request-timestamp", ts)
            .header("x-slack-signature", signature)
            .body(Full::new(Bytes::from(body)))?;
        let response = self.client.request(request).await?;
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await?.to_bytes();
        Ok((status, serde_json::from_slice(&bytes).unwrap_or(Value::Null)))
    }
}

fn user_json(user: &str) -> Value {
    json!({"id": user, "username": user.to_lowercase(), "name": user.to_lowercase(), "team_id": fake_slack::TEAM_ID})
}

/// A signing secret made for this run (never configured, never printed).
fn generated_secret() -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(format!("{:?}{}", std::time::SystemTime::now(), std::process::id()));
    hasher.update(format!("{:p}", &hasher));
    hex::encode(hasher.finalize())
}

/// The live bot's worker, at the sandbox clock: runs the jobs and delivers what is due.
async fn run_due_loop(
    app: App,
    gateway: Arc<SlackGateway>,
    clock: SandboxClock,
    mut stop: watch::Receiver<bool>,
) {
    let policy = RetryPolicy::default();
    loop {
        let messenger: &dyn Messenger = gateway.as_ref();
        if let Err(e) = scheduler::run_due(&app, messenger, &policy, clock.now()).await {
            tracing::warn!(error = %e, "sandbox: running what is due failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(TICK) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
    }
}
