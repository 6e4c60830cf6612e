//! The local sandbox: `mentor-bot` without Slack credentials (or `mentor-bot sandbox`) serves a
//! page that plays Slack for a few demo people. Behind it run the strict fake Slack Web API
//! (crate `fake-slack`) and the real bot pointed at it; the page's actions become signed
//! requests to the bot's own HTTP endpoints, so there is no second code path. A moved clock
//! (time travel) is the only clock the sandboxed bot reads.

pub mod blockkit;
pub mod clock;
pub mod demo;
mod emoji;
pub mod mrkdwn;
mod page;
pub mod web;
pub mod workspace;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::{watch, RwLock};
use tokio::task::JoinHandle;

use clock::SandboxClock;
use workspace::Workspace;

/// The demo database unless `MENTOR_BOT_SANDBOX_DB` says otherwise (never `MENTOR_BOT_DB`).
pub const DEFAULT_DB: &str = "./mentor-bot-sandbox.db";

/// Where the sandbox keeps its demo database, from the environment.
pub fn db_path_from_env() -> PathBuf {
    std::env::var("MENTOR_BOT_SANDBOX_DB")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
}

/// The running sandbox: the current workspace (replaced by "Reset demo") and where it lives.
pub struct Sandbox {
    pub db_path: PathBuf,
    workspace: RwLock<Arc<Workspace>>,
}

impl Sandbox {
    pub async fn workspace(&self) -> Arc<Workspace> {
        self.workspace.read().await.clone()
    }

    /// Throws the demo away and starts it again from the seeds, at the wall clock.
    pub async fn reset(&self) -> anyhow::Result<()> {
        let mut current = self.workspace.write().await;
        current.stop().await;
        *current = Workspace::start(self.db_path.clone(), SandboxClock::default()).await?;
        Ok(())
    }
}

pub struct RunningSandbox {
    pub addr: SocketAddr,
    pub sandbox: Arc<Sandbox>,
    shutdown: watch::Sender<bool>,
    server: JoinHandle<()>,
}

impl RunningSandbox {
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        let _ = self.server.await;
        self.sandbox.workspace().await.stop().await;
    }
}

/// Seeds a fresh demo database at `db_path` and serves the page on `listener`.
pub async fn launch(db_path: PathBuf, listener: TcpListener) -> anyhow::Result<RunningSandbox> {
    let workspace = Workspace::start(db_path.clone(), SandboxClock::default())
        .await
        .with_context(|| format!("cannot start the sandbox on {}", db_path.display()))?;
    let sandbox = Arc::new(Sandbox {
        db_path,
        workspace: RwLock::new(workspace),
    });
    let addr = listener.local_addr()?;
    let (shutdown, mut rx) = watch::channel(false);
    let router = web::router(sandbox.clone());
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = rx.wait_for(|s| *s).await;
            })
            .await;
    });
    Ok(RunningSandbox {
        addr,
        sandbox,
        shutdown,
        server,
    })
}
