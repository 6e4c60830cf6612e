//! Wires the layers together. `launch` binds before it returns, so tests run the real bot on
//! port 0 without sleeps.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use chrono::Utc;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::app::ports::{ByPlatform, Directory, Messenger};
use crate::app::{App, AppSettings};
use crate::config::Config;
use crate::domain::RetryPolicy;
use crate::scheduler;
use crate::slack::inbound::router::SlackState;
use crate::slack::outbound::gateway::SlackGateway;
use crate::slack::transport::socket::SocketMode;
use crate::storage::Db;

/// Opens the database (applying migrations) on a blocking thread.
pub async fn open_db(config: &Config) -> anyhow::Result<Db> {
    let path = config.settings.db_path.clone();
    let db = tokio::task::spawn_blocking(move || Db::open(&path)).await??;
    // Every started certification is searchable, however it was made (databases from before
    // the search index, or from an import that did not index mentors without answers).
    db.transaction(|tx| crate::storage::search::update_missing_search_rows(tx))
        .await?;
    // Slack's renderers write Teams people by name.
    for (user, name) in db.read(crate::storage::teams_people::list_names).await? {
        crate::app::names::remember(&user, &name);
    }
    Ok(db)
}

/// The platforms the bot talks to: Slack, and Teams when configured; `ports` routes each
/// person's messages and profile to theirs.
pub struct Platforms {
    pub ports: Arc<ByPlatform>,
    pub slack: Option<Arc<SlackGateway>>,
    pub teams: Option<TeamsParts>,
}

/// What the Teams endpoint needs: the JWT verifier and the Connector client.
#[derive(Clone)]
pub struct TeamsParts {
    pub verifier: crate::teams::auth::Verifier,
    pub connector: crate::teams::connector::Connector,
    /// Calendar files by signed link, when `TEAMS_PUBLIC_URL` is set.
    pub files: Option<crate::teams::files::FileLinks>,
    /// Files attached in the personal chat (CSV import), from `TEAMS_FILE_HOSTS` only.
    pub downloads: crate::teams::file_in::FileDownloads,
}

impl TeamsParts {
    pub fn new(config: &crate::config::TeamsConfig) -> anyhow::Result<Self> {
        use crate::teams::{auth, connector, token};
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .context("HTTP client for Teams")?;
        let verifier = auth::Verifier::new(
            auth::AuthConfig {
                app_id: config.app_id.clone(),
                openid_metadata_url: config.openid_metadata_url.clone(),
                issuer: config.issuer.clone(),
                allowed_service_url_hosts: config.service_url_hosts.clone(),
            },
            http.clone(),
        );
        let mut credentials = token::Credentials::microsoft(
            &config.tenant_id,
            &config.app_id,
            config.app_password.expose(),
        );
        credentials.token_url = config.token_url.clone();
        let tokens = token::TokenClient::new(credentials, http.clone());
        let connector = connector::Connector::new(tokens, http, connector::Limits::default());
        let files = config
            .public_url
            .as_deref()
            .map(|url| crate::teams::files::FileLinks::new(url, config.app_password.expose()));
        let downloads = crate::teams::file_in::FileDownloads::new(config.file_hosts.clone())
            .context("HTTP client for Teams files")?;
        Ok(Self {
            verifier,
            connector,
            files,
            downloads,
        })
    }
}

/// The app and the platforms, as `serve` and `run-due` both need them.
pub fn build(config: &Config, db: Db) -> anyhow::Result<(App, Platforms)> {
    let slack = match &config.slack {
        Some(slack) => Some(Arc::new(SlackGateway::new(slack)?)),
        None => None,
    };
    let teams = config.teams.as_ref().map(TeamsParts::new).transpose()?;
    let ports = Arc::new(ByPlatform {
        slack: slack.as_ref().map(|gateway| {
            let messenger: Arc<dyn Messenger> = gateway.clone();
            let directory: Arc<dyn Directory> = gateway.clone();
            (messenger, directory)
        }),
        teams: teams.as_ref().map(|t| {
            let messenger: Arc<dyn Messenger> = Arc::new(crate::teams::outbound::TeamsMessenger {
                db: db.clone(),
                connector: t.connector.clone(),
                files: t.files.clone(),
            });
            let directory: Arc<dyn Directory> =
                Arc::new(crate::teams::outbound::TeamsDirectory { db: db.clone() });
            (messenger, directory)
        }),
    });
    let app = build_with(config, db, ports.clone());
    Ok((
        app,
        Platforms {
            ports,
            slack,
            teams,
        },
    ))
}

/// The app over `directory` (the local sandbox's Slack gateway is not paced to Slack's tiers).
pub fn build_with(config: &Config, db: Db, directory: Arc<dyn Directory>) -> App {
    let settings = AppSettings {
        admins: config.settings.admins.iter().cloned().collect(),
        default_lang: config.settings.default_lang,
        default_tz: config.settings.default_tz,
        request_ttl: config.settings.request_ttl,
        reminder_leads: config.settings.reminder_leads.clone(),
    };
    // Survey charts need a CJK font; without it everything else works and charts are skipped.
    if let Err(e) = crate::app::surveys::chart::check_font(&crate::config::cjk_font_path()) {
        tracing::warn!(error = %e, "survey charts are off: set MENTOR_BOT_CJK_FONT to a CJK font");
    }
    App::new(db, settings, directory)
}

/// A running bot: HTTP server, delivery worker and (when configured) Socket Mode.
pub struct RunningBot {
    pub addr: SocketAddr,
    pub app: App,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
    socket: Option<SocketMode>,
}

impl RunningBot {
    /// Stops gracefully: in-flight requests finish, the worker ends between rows.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(socket) = self.socket.take() {
            socket.shutdown().await;
        }
        for task in self.tasks.drain(..) {
            let _ = task.await;
        }
    }

    /// Stops at once, wherever it is: what a crash looks like to the database.
    pub async fn kill(mut self) {
        if let Some(socket) = self.socket.take() {
            socket.shutdown().await;
        }
        for task in self.tasks.drain(..) {
            task.abort();
            let _ = task.await;
        }
    }
}

/// `/healthz` of a deployment without Slack (Slack's router serves it otherwise).
async fn healthz(
    axum::extract::State(app): axum::extract::State<App>,
) -> (axum::http::StatusCode, &'static str) {
    match app.db.ping().await {
        Ok(_) => (axum::http::StatusCode::OK, "ok\n"),
        Err(e) => {
            tracing::error!(error = ?e, "health check: database unavailable");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable\n",
            )
        }
    }
}

/// Starts the bot on `listener` and returns once it is serving.
pub async fn launch(config: Config, listener: TcpListener) -> anyhow::Result<RunningBot> {
    let db = open_db(&config).await?;
    let (app, platforms) = build(&config, db)?;
    let policy = RetryPolicy::default();
    // Rows a previous run left mid-send are checked against the platform before being sent again.
    let recovered = app
        .recover_in_doubt(Utc::now(), chrono::Duration::zero())
        .await?;
    if recovered > 0 {
        tracing::warn!(
            recovered,
            "resuming deliveries interrupted by the last stop"
        );
    }
    let asked = app.queue_missing_after_questions(Utc::now()).await?;
    if asked > 0 {
        tracing::info!(
            asked,
            "after-1on1 questions queued for 1on1s confirmed before"
        );
    }
    let addr = listener.local_addr().context("listener address")?;
    let (shutdown, shutdown_rx) = watch::channel(false);
    let mut router = axum::Router::new();
    let mut socket = None;
    if let (Some(gateway), Some(slack)) = (&platforms.slack, &config.slack) {
        let state = Arc::new(SlackState {
            app: app.clone(),
            gateway: gateway.clone(),
            pending: crate::slack::inbound::pending::Pending::new(slack.max_pending),
            drawn: Default::default(),
        });
        // Socket Mode first: a wrong app token stops start-up before anything else runs (a
        // rate limit does not: the connections open once Slack allows).
        if let Some(token) = &slack.app_token {
            socket = Some(
                SocketMode::start(state.clone(), gateway.client(), token, gateway.pauses()).await?,
            );
        }
        router = crate::slack::transport::http::router(state, slack.signing_secret.clone());
    } else {
        router = router.route(
            "/healthz",
            axum::routing::get(healthz).with_state(app.clone()),
        );
    }
    // Mentors' next free slots that went stale while the bot was down (or were seeded), so the
    // first search does not wait for them.
    let warm = app.clone();
    tokio::spawn(async move {
        if let Err(e) = warm.refresh_availability_if_due(chrono::Utc::now()).await {
            tracing::warn!(error = ?e, "could not bring next free slots up to date");
        }
    });
    let messenger: Arc<dyn Messenger> = platforms.ports.clone();
    let worker = tokio::spawn(scheduler::run_worker(
        app.clone(),
        messenger,
        policy,
        shutdown_rx.clone(),
    ));

    if let Some(teams) = &platforms.teams {
        router = router.merge(crate::teams::inbound::router(Arc::new(
            crate::teams::inbound::TeamsState {
                app: app.clone(),
                verifier: teams.verifier.clone(),
                connector: teams.connector.clone(),
                downloads: teams.downloads.clone(),
                clock: Utc::now,
            },
        )));
        if let Some(files) = &teams.files {
            router = router.merge(crate::teams::files::router(
                app.clone(),
                files.clone(),
                Utc::now,
            ));
        }
    }
    let mut server_shutdown = shutdown_rx.clone();
    let server = tokio::spawn(async move {
        let result = axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = server_shutdown.wait_for(|stop| *stop).await;
            })
            .await;
        if let Err(e) = result {
            tracing::error!(error = %e, "HTTP server stopped");
        }
    });

    tracing::info!(
        %addr,
        slack = platforms.slack.is_some(),
        socket_mode = socket.is_some(),
        teams = platforms.teams.is_some(),
        "mentor-bot is up"
    );
    Ok(RunningBot {
        addr,
        app,
        shutdown,
        tasks: vec![server, worker],
        socket,
    })
}
