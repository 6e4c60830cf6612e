//! The `mentor-bot` command: serve (default; the local sandbox when there are no Slack
//! credentials), sandbox, migrate, run-due.
#![deny(unsafe_code)]

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};

use mentor_bot::app::admin::Actor;
use mentor_bot::app::errors::Message;
use mentor_bot::app::import::{ImportOutcome, ImportProgress, ImportStage};
use mentor_bot::app::import_report::{import_report, ReportLine};
use mentor_bot::app::ports::Messenger;
use mentor_bot::config::{Config, Settings};
use mentor_bot::domain::RetryPolicy;
use mentor_bot::{i18n, scheduler, startup, storage};

#[derive(Parser)]
#[command(
    name = "mentor-bot",
    version,
    about = "A Slack bot that runs a company's mentoring program end to end.",
    long_about = "A Slack bot that runs a company's mentoring program end to end.\n\nConfiguration comes from environment variables (see README.md and .env.example)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the bot: HTTP endpoints (and Socket Mode when SLACK_APP_TOKEN is set), the delivery worker and the scheduler. The default.
    Serve,
    /// Create or upgrade the database (MENTOR_BOT_DB) and exit.
    Migrate,
    /// Certify mentors from a CSV file (UTF-8 or Shift_JIS); checks the whole file first and imports nothing if any row has a problem.
    ImportMentors {
        /// The theme for every row (otherwise the file needs a theme column).
        #[arg(long)]
        theme: Option<String>,
        /// The CSV file: a person column (Slack user id or email), theme, optional started, one column per question.
        file: std::path::PathBuf,
    },
    /// Try it without Slack: a page on loopback that plays Slack for demo people, with the real
    /// bot behind it (the default when no Slack credentials are set). Demo database:
    /// MENTOR_BOT_SANDBOX_DB (default ./mentor-bot-sandbox.db), never MENTOR_BOT_DB.
    Sandbox,
    /// Write the Microsoft Teams app package (manifest.json and the two icons) as
    /// mentor-bot-teams.zip in the current folder, for TEAMS_APP_ID, ready to upload in Teams.
    TeamsPackage {
        /// The app's version in the manifest (bump it for every upload of a changed package).
        #[arg(long)]
        version: Option<String>,
        /// The bot's public host name, added to the manifest's validDomains (e.g. mentor.example.com).
        #[arg(long)]
        domain: Option<String>,
    },
    /// Do once everything the scheduler and the delivery worker would do at the given instant, then exit.
    RunDue {
        /// The instant, in RFC 3339 (e.g. 2026-11-21T09:00:00+09:00). An instant in the future
        /// does now what is due until then (DMs sent early, requests expired early); the running
        /// bot's own scheduled runs are not held back by it.
        #[arg(long, value_parser = parse_instant)]
        now: DateTime<Utc>,
    },
}

fn parse_instant(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("{e}; expected RFC 3339 such as 2026-11-21T09:00:00+09:00"))
}

/// One malloc arena (glibc makes one per thread that allocates, up to 8 per core): under
/// find's load peak memory went from 69 to 45 MB and throughput up by a fifth (two arenas: 47
/// MB, a little slower). Set before any other thread starts; `MALLOC_ARENA_MAX` in the
/// environment still wins.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn limit_malloc_arenas() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only changes allocator settings; no other thread exists yet.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

fn main() -> ExitCode {
    limit_malloc_arenas();
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MENTOR_BOT_LOG")
                .unwrap_or_else(|_| "info,slack_morphism=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("mentor-bot: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let command = cli.command.unwrap_or_else(|| {
        // With no Slack credentials at all, `cargo run` is someone trying it: the sandbox.
        match Config::from_env() {
            Err(mentor_bot::config::ConfigError::NoCredentials) => Cmd::Sandbox,
            _ => Cmd::Serve,
        }
    });
    match runtime.block_on(run(command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mentor-bot: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cmd: Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Migrate => {
            let settings = Settings::from_env()?;
            let path = settings.db_path.clone();
            tokio::task::spawn_blocking(move || storage::Db::open(&path)).await??;
            println!(
                "database {} is at schema version {}",
                settings.db_path.display(),
                storage::LATEST_VERSION
            );
            Ok(())
        }
        Cmd::ImportMentors { theme, file } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            let config = Config::from_env()?;
            let db = startup::open_db(&config).await?;
            let (app, _) = startup::build(&config, db)?;
            let outcome = app
                .import_mentors(&Actor::Cli, bytes, theme, &CliProgress, chrono::Utc::now())
                .await?;
            let lang = config.settings.default_lang;
            let name = file.display().to_string();
            // The catalogs mark emphasis the chat way (`*bold*`); a terminal shows it plain.
            let say =
                |m: &Message| i18n::message(lang, chrono_tz::UTC, m, &Terminal).replace('*', "");
            let lines = import_report(&name, &outcome)
                .into_iter()
                .map(|line| match line {
                    ReportLine::Head(m) => say(&m),
                    ReportLine::Problem(place, what) => format!("{}: {}", say(&place), say(&what)),
                });
            match &outcome {
                ImportOutcome::Imported(_) => {
                    lines.for_each(|line| println!("{line}"));
                    Ok(())
                }
                ImportOutcome::Rejected(problems) => {
                    lines.for_each(|line| eprintln!("{line}"));
                    anyhow::bail!("{} problems; nothing was imported", problems.len())
                }
            }
        }
        Cmd::RunDue { now } => {
            let config = Config::from_env()?;
            let ahead = now - chrono::Utc::now();
            if ahead > chrono::Duration::minutes(1) {
                eprintln!(
                    "note: --now is {} min ahead of the clock: what is due until then is done now",
                    ahead.num_minutes()
                );
            }
            let db = startup::open_db(&config).await?;
            let (app, platforms) = startup::build(&config, db)?;
            let messenger: &dyn Messenger = platforms.ports.as_ref();
            let report = scheduler::run_due(&app, messenger, &RetryPolicy::default(), now).await?;
            let d = report.delivery;
            println!(
                "at {now}: sent {}, retrying later {}, failed {}, dropped {}; jobs run: {}",
                d.sent,
                d.retried,
                d.failed,
                d.dropped,
                if report.jobs_run.is_empty() {
                    "none".to_string()
                } else {
                    report.jobs_run.join(", ")
                }
            );
            Ok(())
        }
        Cmd::Sandbox => run_sandbox(Config::from_env().is_ok()).await,
        Cmd::TeamsPackage { version, domain } => {
            let app_id = std::env::var("TEAMS_APP_ID").unwrap_or_default();
            let mut options = mentor_bot::teams::package::PackageOptions::default();
            if let Some(version) = version {
                options.version = version;
            }
            options.valid_domains.extend(domain);
            let path = mentor_bot::teams::package::write_package(
                &std::env::current_dir()?,
                app_id.trim(),
                &options,
            )?;
            println!(
                "wrote {}: upload it in Teams (Apps → Manage your apps → Upload an app)",
                path.display()
            );
            Ok(())
        }
        Cmd::Serve => {
            let config = Config::from_env()?;
            let addr = config.settings.addr;
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|e| anyhow::anyhow!("cannot listen on {addr} (MENTOR_BOT_ADDR): {e}"))?;
            let bot = startup::launch(config, listener).await?;
            eprintln!(
                "mentor-bot listening on http://{} (Ctrl-C to stop)",
                bot.addr
            );
            stop_signal().await?;
            eprintln!("stopping…");
            bot.shutdown().await;
            Ok(())
        }
    }
}

/// The local sandbox on MENTOR_BOT_ADDR (loopback unless told otherwise) until Ctrl-C;
/// `asked` when Slack credentials are set (so `sandbox` was asked for by name).
async fn run_sandbox(asked: bool) -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    let addr = settings.addr;
    let db = mentor_bot::sandbox::db_path_from_env();
    // The sandbox replaces its database at every start: never the bot's own.
    let same = |a: &std::path::Path, b: &std::path::Path| {
        a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
    };
    if same(&db, &settings.db_path) {
        anyhow::bail!(
            "MENTOR_BOT_SANDBOX_DB is the bot's database {} (MENTOR_BOT_DB): the sandbox replaces its \
             database at every start, so give it a file of its own",
            db.display()
        );
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr} (MENTOR_BOT_ADDR): {e}"))?;
    let running = mentor_bot::sandbox::launch(db.clone(), listener).await?;
    let reach = if running.addr.ip().is_loopback() {
        "loopback only: only this computer can open it"
    } else {
        "NOT loopback: anyone who can reach this address can use the sandbox (MENTOR_BOT_ADDR)"
    };
    let why = if asked {
        "Slack credentials are ignored here"
    } else {
        "no Slack credentials set"
    };
    eprintln!(
        "mentor-bot sandbox ({why}): open http://{} — listening on {reach}; demo database {} (reset at each start); Ctrl-C to stop",
        running.addr,
        db.display()
    );
    stop_signal().await?;
    eprintln!("stopping…");
    running.shutdown().await;
    Ok(())
}

/// Progress of a CLI import, on stderr.
struct CliProgress;

#[async_trait::async_trait]
impl ImportProgress for CliProgress {
    async fn stage(&self, stage: ImportStage) {
        match stage {
            ImportStage::Checking { rows } => eprintln!("checking {rows} rows…"),
            ImportStage::LookingUpEmails { done, total } => {
                eprintln!("looking up emails in Slack: {done}/{total}")
            }
            ImportStage::Importing { rows } => eprintln!("certifying {rows} mentors…"),
        }
    }
}

/// A terminal shows people by their id and text as it is.
struct Terminal;

impl i18n::Markup for Terminal {
    fn mention(&self, user: &mentor_bot::domain::UserId) -> String {
        user.to_string()
    }
    fn text(&self, text: &str) -> String {
        text.to_string()
    }
}

/// Ctrl-C, or SIGTERM (what systemd, Docker and Kubernetes send to stop a service): either
/// stops the bot the same way, finishing what it was sending.
async fn stop_signal() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate())
            .map_err(|e| anyhow::anyhow!("cannot wait for SIGTERM: {e}"))?;
        tokio::select! {
            stopped = tokio::signal::ctrl_c() => {
                stopped.map_err(|e| anyhow::anyhow!("cannot wait for Ctrl-C: {e}"))
            }
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c()
            .await
            .map_err(|e| anyhow::anyhow!("cannot wait for Ctrl-C: {e}"))
    }
}
