//! The bot's application without its HTTP server or delivery worker, so the tests choose
//! every instant: Nora mentors one theme from New York, Sato (Tokyo) and Ben (Berlin) are
//! mentees. `run_due` (in process) and `run_due_command` (a `mentor-bot run-due` process)
//! are the only clocks; `restart` opens the same database again.

use std::path::Path;

use chrono::{DateTime, Utc};
use mentor_bot::app::admin::Actor;
use mentor_bot::app::App;
use mentor_bot::config::Config;
use mentor_bot::domain::availability::{Hours, Window};
use mentor_bot::domain::booking::RequestDraft;
use mentor_bot::domain::{RetryPolicy, ThemeDraft, UserId};
use mentor_bot::scheduler::run_due;
use mentor_bot::slack::outbound::gateway::SlackGateway;
use mentor_bot::startup;
use serde_json::Value;

use super::bot::{config_for, text_of, SIGNING_SECRET};
use super::fake_slack::{FakeSlack, FakeUser, BOT_TOKEN};

pub fn uid(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

/// Every day 09:00–12:00 in the mentor's zone, hourly, no notice, `horizon_days` ahead.
pub fn morning_hours(horizon_days: u32) -> Hours {
    Hours {
        windows: (0..7)
            .map(|day| Window {
                day,
                start: 9 * 60,
                end: 12 * 60,
            })
            .collect(),
        slot_minutes: 60,
        notice_hours: 0,
        horizon_days,
        ..Hours::default()
    }
}

/// A request at `start` about "career", hoping to be listened to, without a note.
pub fn draft(start: DateTime<Utc>) -> RequestDraft {
    RequestDraft::parse(
        Some(&start.timestamp().to_string()),
        Some("career"),
        "",
        Some("listen"),
        "",
        &[],
    )
    .unwrap()
}

pub struct World {
    pub fake: FakeSlack,
    pub config: Config,
    pub app: App,
    pub gateway: SlackGateway,
    /// The theme Nora (UNY) mentors.
    pub theme: i64,
    _dir: tempfile::TempDir,
}

impl World {
    /// UNY (Nora, New York, en) mentors 「育休からの復帰」 with `hours`; UMA (佐藤, Tokyo, ja)
    /// and UMB (Ben, Berlin, en) are mentees.
    pub async fn start(now: DateTime<Utc>, hours: Hours) -> World {
        let fake = FakeSlack::start().await;
        for (id, name, tz, locale) in [
            ("UNY", "Nora", "America/New_York", "en-US"),
            ("UMA", "佐藤", "Asia/Tokyo", "ja-JP"),
            ("UMB", "Ben", "Europe/Berlin", "en-GB"),
        ] {
            fake.add_user(
                FakeUser::new(id)
                    .with_name(name)
                    .with_tz(tz)
                    .with_locale(locale),
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let config = config_for(&fake, &dir);
        let db = startup::open_db(&config).await.unwrap();
        let (app, _) = startup::build(&config, db).unwrap();
        let gateway = SlackGateway::new(config.slack.as_ref().unwrap()).unwrap();
        let theme = app
            .create_theme(
                &Actor::Cli,
                ThemeDraft::parse("育休からの復帰", Some("programs"), "").unwrap(),
                now,
            )
            .await
            .unwrap();
        app.certify(&Actor::Cli, theme, vec![uid("UNY")], now)
            .await
            .unwrap();
        app.save_answers(&uid("UNY"), theme, Vec::new(), true, now)
            .await
            .unwrap();
        app.save_hours(&uid("UNY"), hours, now).await.unwrap();
        World {
            fake,
            config,
            app,
            gateway,
            theme,
            _dir: dir,
        }
    }

    /// A new process on the same database (what a crash and a restart leave behind).
    pub async fn restart(&mut self) {
        let db = startup::open_db(&self.config).await.unwrap();
        self.app = startup::build(&self.config, db).unwrap().0;
    }

    /// Everything due at `now`, in this process.
    pub async fn run_due(&self, now: DateTime<Utc>) {
        run_due(&self.app, &self.gateway, &RetryPolicy::default(), now)
            .await
            .unwrap();
    }

    /// `mentor-bot run-due --now <now>`, a process of its own; returns its stdout.
    pub async fn run_due_command(&self, now: DateTime<Utc>) -> String {
        run_due_command(&self.fake, &self.config.settings.db_path, now).await
    }

    /// The blocks of each DM to `user` whose text contains `marker`.
    pub fn dms_containing(&self, user: &str, marker: &str) -> Vec<Value> {
        self.fake
            .messages_to(user)
            .into_iter()
            .map(|m| m.blocks)
            .filter(|b| text_of(b).contains(marker))
            .collect()
    }

    /// A single number the database answers.
    pub async fn count(&self, sql: &'static str) -> i64 {
        self.app
            .db
            .call(move |c| Ok(c.query_row(sql, [], |r| r.get(0))?))
            .await
            .unwrap()
    }
}

/// `mentor-bot run-due --now <now>` against the database at `db`; returns its stdout.
pub async fn run_due_command(fake: &FakeSlack, db: &Path, now: DateTime<Utc>) -> String {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_mentor-bot"))
        .args(["run-due", "--now", &now.to_rfc3339()])
        .env_clear()
        .env("SLACK_BOT_TOKEN", BOT_TOKEN)
        .env("SLACK_SIGNING_SECRET", SIGNING_SECRET)
        .env("SLACK_API_URL", &fake.api_url)
        .env("MENTOR_BOT_DB", db)
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}
