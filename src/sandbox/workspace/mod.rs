//! One sandbox workspace: the strict fake Slack, the real bot wired to it, and the Slack
//! client's side of things: what each person pressed becomes a signed slash command,
//! `block_actions`, `view_submission`, `block_suggestion` or event POSTed to the bot's own HTTP
//! endpoints, and modal stacks move as Slack moves them (trigger ids, `response_action`).

mod client;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use fake_slack::{FakeSlack, FakeUser, BOT_TOKEN};
use http_body_util::Full;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
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
    /// Trigger ids handed to the bot that it has not used yet: the bot acknowledges first and
    /// opens its modal afterwards, as Slack allows, within the trigger's 3 seconds.
    pending_triggers: Vec<(String, String, std::time::Instant)>,
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
            slack: Some(SlackConfig {
                bot_token: Secret::new(BOT_TOKEN),
                signing_secret: Some(Secret::new(secret.clone())),
                app_token: None,
                api_url: fake.api_url.clone(),
                max_pending: crate::config::DEFAULT_MAX_PENDING,
            }),
            teams: None,
        };
        let slack = config.slack.as_ref().expect("the sandbox plays Slack");
        let db = startup::open_db(&config).await?;
        let gateway = Arc::new(SlackGateway::paced(slack, false)?);
        let app = startup::build_with(&config, db, gateway.clone());
        demo::seed(&app, clock.now()).await?;

        let state = Arc::new(SlackState {
            app: app.clone(),
            gateway: gateway.clone(),
            pending: crate::slack::inbound::pending::Pending::new(slack.max_pending),
            drawn: Default::default(),
        });
        let router = crate::slack::transport::http::router_with_clock(
            state,
            slack.signing_secret.clone(),
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
        let ticker = tokio::spawn(run_due_loop(
            app.clone(),
            gateway.clone(),
            clock.clone(),
            rx,
        ));
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
        self.settle_triggers();
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
                    .map(|m| {
                        m.iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                    .unwrap_or_default();
                ui.log.push(
                    format!("{}: {error} {detail}", call.method)
                        .trim()
                        .to_string(),
                );
            }
        }
        ui.calls_seen = calls.len();
        ui.log.clone()
    }
}

/// A signing secret made for this run (never configured, never printed).
fn generated_secret() -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(format!(
        "{:?}{}",
        std::time::SystemTime::now(),
        std::process::id()
    ));
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
