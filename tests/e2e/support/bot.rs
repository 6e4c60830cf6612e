//! Runs the real bot on port 0 with a temp SQLite file against the fake Slack, and builds
//! signed Slack requests on the shapes of the fixtures in tests/fixtures/slack.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono_tz::Tz;
use mentor_bot::config::{Config, Secret, Settings, SlackConfig};
use mentor_bot::domain::{Lang, UserId};
use mentor_bot::slack::transport::verify::sign;
use mentor_bot::startup::{self, RunningBot};
use serde_json::{json, Value};
use tempfile::TempDir;

use super::fake_slack::{FakeSlack, FakeUser, BOT_TOKEN};

pub const SIGNING_SECRET: &str = "test-signing-secret";
pub const ADMIN: &str = "UADMIN";

/// The fixtures Slack's own SDKs test against, copied into the repository (see its README).
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/slack")
}

pub fn fixture(name: &str) -> String {
    let path = fixtures_dir().join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("read fixture {}: {e}", path.display()))
}

pub fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&fixture(name))
        .unwrap_or_else(|e| panic!("fixture {name} is not JSON: {e}"))
}

/// A configuration pointing at `fake`, with the database in `dir`.
pub fn config_for(fake: &FakeSlack, dir: &TempDir) -> Config {
    Config {
        settings: Settings {
            db_path: dir.path().join("mentor-bot.db"),
            addr: "127.0.0.1:0".parse().unwrap(),
            admins: vec![UserId::parse(ADMIN).unwrap()],
            default_lang: Lang::Ja,
            default_tz: chrono_tz::Asia::Tokyo,
            request_ttl: chrono::Duration::hours(48),
            reminder_leads: vec![chrono::Duration::days(1), chrono::Duration::minutes(10)],
        },
        slack: Some(SlackConfig {
            bot_token: Secret::new(BOT_TOKEN),
            signing_secret: Some(Secret::new(SIGNING_SECRET)),
            app_token: None,
            api_url: fake.api_url.clone(),
            max_pending: mentor_bot::config::DEFAULT_MAX_PENDING,
        }),
        teams: None,
    }
}

/// The fake, the bot, and a way to talk to it as Slack would.
pub struct TestBot {
    pub fake: FakeSlack,
    pub config: Config,
    pub url: String,
    bot: Option<RunningBot>,
    http: reqwest::Client,
    _dir: TempDir,
}

impl TestBot {
    /// Fake Slack with an English user in New York (UEN), a Japanese user in Tokyo (UJA) and the
    /// admin (UADMIN, English), plus the bot in HTTP mode.
    pub async fn start() -> TestBot {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestBot {
        let fake = FakeSlack::start().await;
        fake.add_user(
            FakeUser::new("UEN")
                .with_name("Emma")
                .with_tz("America/New_York")
                .with_locale("en-US"),
        );
        fake.add_user(
            FakeUser::new("UJA")
                .with_name("佐藤")
                .with_tz("Asia/Tokyo")
                .with_locale("ja-JP"),
        );
        fake.add_user(
            FakeUser::new(ADMIN)
                .with_name("Ada")
                .with_tz("Europe/Berlin")
                .with_locale("en-GB"),
        );
        let dir = tempfile::tempdir().unwrap();
        let mut config = config_for(&fake, &dir);
        adjust(&mut config);
        let bot = launch(&config).await;
        TestBot {
            url: format!("http://{}", bot.addr),
            fake,
            config,
            bot: Some(bot),
            http: reqwest::Client::new(),
            _dir: dir,
        }
    }

    /// The running bot's application, for arranging state the way the use cases would.
    pub fn app(&self) -> &mentor_bot::app::App {
        &self.bot.as_ref().expect("the bot is running").app
    }

    pub fn db_path(&self) -> PathBuf {
        self.config.settings.db_path.clone()
    }

    /// A separate connection to the bot's SQLite file, for assertions.
    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db_path()).unwrap()
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.db().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Stops the bot as a crash would (no graceful shutdown).
    pub async fn kill(&mut self) {
        if let Some(bot) = self.bot.take() {
            bot.kill().await;
        }
    }

    /// Starts the bot again on the same database (after `kill`).
    pub async fn restart(&mut self) {
        self.kill().await;
        let bot = launch(&self.config).await;
        self.url = format!("http://{}", bot.addr);
        self.bot = Some(bot);
    }

    /// POSTs `body` signed with the signing secret at the current time.
    pub async fn post_signed(
        &self,
        path: &str,
        content_type: &str,
        body: &str,
    ) -> reqwest::Response {
        let ts = now_unix().to_string();
        self.post_with(
            path,
            content_type,
            body,
            Some(&ts),
            Some(&sign(SIGNING_SECRET, &ts, body.as_bytes())),
            &[],
        )
        .await
    }

    pub async fn post_with(
        &self,
        path: &str,
        content_type: &str,
        body: &str,
        ts: Option<&str>,
        signature: Option<&str>,
        extra: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut req = self
            .http
            .post(format!("{}{path}", self.url))
            .header("content-type", content_type)
            .body(body.to_string());
        if let Some(ts) = ts {
            req = req.header("x-slack-request-timestamp", ts);
        }
        if let Some(sig) = signature {
            req = req.header("x-slack-signature", sig);
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        req.send().await.unwrap()
    }

    /// Runs `/mentor <text>` as `user`; returns the HTTP status and the JSON answer.
    pub async fn command(&self, user: &str, text: &str) -> (u16, Value) {
        let res = self
            .post_signed(
                "/slack/commands",
                "application/x-www-form-urlencoded",
                &slash_form(user, text, "1.2.trigger"),
            )
            .await;
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// POSTs an interaction payload as Slack does (`payload=<json>`); returns the status.
    pub async fn interaction(&self, payload: &Value) -> u16 {
        let body = form(&[("payload", &payload.to_string())]);
        self.post_signed(
            "/slack/interactions",
            "application/x-www-form-urlencoded",
            &body,
        )
        .await
        .status()
        .as_u16()
    }

    /// POSTs an Events API body; extra headers such as X-Slack-Retry-Num go in `extra`.
    pub async fn event(&self, body: &Value, extra: &[(&str, &str)]) -> reqwest::Response {
        let body = body.to_string();
        let ts = now_unix().to_string();
        let sig = sign(SIGNING_SECRET, &ts, body.as_bytes());
        self.post_with(
            "/slack/events",
            "application/json",
            &body,
            Some(&ts),
            Some(&sig),
            extra,
        )
        .await
    }
}

async fn launch(config: &Config) -> RunningBot {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    startup::launch(config.clone(), listener)
        .await
        .expect("the bot starts")
}

pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

pub fn form(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap()
}

/// A slash-command body on the shape of bolt-python's fixture, for `/mentor`.
pub fn slash_form(user: &str, text: &str, trigger_id: &str) -> String {
    let mut pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(&fixture("slash_command.bolt-python.form.txt")).unwrap();
    for (k, v) in pairs.iter_mut() {
        match k.as_str() {
            "user_id" => *v = user.into(),
            "text" => *v = text.into(),
            "command" => *v = "/mentor".into(),
            "trigger_id" => *v = trigger_id.into(),
            "team_id" => *v = "T0001".into(),
            _ => {}
        }
    }
    pairs.push(("api_app_id".into(), "A0001".into()));
    serde_urlencoded::to_string(pairs).unwrap()
}

/// A `block_actions` payload on the shape of bolt-python's fixture.
pub fn block_action(user: &str, action_id: &str, trigger_id: &str) -> Value {
    let mut p = fixture_json("block_actions.button.bolt-python.json");
    p["user"]["id"] = json!(user);
    p["trigger_id"] = json!(trigger_id);
    p["actions"][0]["action_id"] = json!(action_id);
    p["actions"][0]["action_ts"] = json!(format!("{}.000001", now_unix()));
    p
}

/// An `app_home_opened` event callback on the shape of bolt-python's fixture.
pub fn app_home_opened(event_id: &str, user: &str, tab: &str) -> Value {
    let mut e = fixture_json("event_callback.app_home_opened.messages_tab.bolt-python.json");
    e["event_id"] = json!(event_id);
    e["event"]["user"] = json!(user);
    e["event"]["tab"] = json!(tab);
    e
}

/// All text in a Block Kit value, for assertions about what a person reads.
pub fn text_of(v: &Value) -> String {
    let mut out = String::new();
    collect_text(v, &mut out);
    out
}

fn collect_text(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(t)) = map.get("text") {
                out.push_str(t);
                out.push('\n');
            }
            for (k, child) in map {
                if k != "text" || !child.is_string() {
                    collect_text(child, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_text(i, out)),
        _ => {}
    }
}

/// Waits until `check` holds. The bound only matters when something is wrong: 20 s, because CI
/// runs 8 test threads (each a bot, its fakes and its worker) on 2 cores.
pub async fn eventually<F: Fn() -> bool>(what: &str, check: F) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub fn tokyo() -> Tz {
    chrono_tz::Asia::Tokyo
}

impl TestBot {
    /// Runs `/mentor <text>` with a trigger id the fake issued (for commands that open modals).
    pub async fn command_with_trigger(&self, user: &str, text: &str) -> (u16, String) {
        let trigger = self.fake.issue_trigger_id();
        let res = self
            .post_signed(
                "/slack/commands",
                "application/x-www-form-urlencoded",
                &slash_form(user, text, &trigger),
            )
            .await;
        let status = res.status().as_u16();
        let body = res.text().await.unwrap_or_default();
        if body.is_empty() {
            // Acknowledged first: the modal follows the answer; wait for it (or a moment).
            self.wait_for_view_of(&trigger).await;
        }
        (status, body)
    }

    /// Waits (up to 10 s: CI runs 8 test threads on 2 cores) until a modal was opened with `trigger`.
    pub async fn wait_for_view_of(&self, trigger: &str) -> bool {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            let opened = self.fake.calls().iter().any(|c| {
                matches!(c.method.as_str(), "views.open" | "views.push")
                    && c.params["trigger_id"] == trigger
            });
            if opened {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        false
    }

    /// POSTs an interaction and returns the status and the JSON body (Null when empty).
    pub async fn interaction_reply(&self, payload: &Value) -> (u16, Value) {
        let body = form(&[("payload", &payload.to_string())]);
        let res = self
            .post_signed(
                "/slack/interactions",
                "application/x-www-form-urlencoded",
                &body,
            )
            .await;
        let status = res.status().as_u16();
        let text = res.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// The newest view the fake holds under `callback_id` (opened, pushed or updated), with its id.
    pub fn view_by_callback(&self, callback_id: &str) -> Option<Value> {
        self.fake
            .calls()
            .iter()
            .rev()
            .filter(|c| {
                matches!(
                    c.method.as_str(),
                    "views.open" | "views.push" | "views.update"
                )
            })
            .filter_map(|c| c.response.get("view").cloned())
            .find(|v| v["callback_id"] == callback_id)
    }
}

/// A `block_actions` payload pressed inside an open modal (`view` as the fake returned it).
pub fn block_action_in_view(
    user: &str,
    action_id: &str,
    value: &str,
    trigger_id: &str,
    view: &Value,
) -> Value {
    let mut p = block_action(user, action_id, trigger_id);
    p["actions"][0]["value"] = json!(value);
    p["container"] = json!({"type": "view", "view_id": view["id"]});
    p["view"] = view.clone();
    p
}

/// An overflow-menu choice inside an open modal.
pub fn overflow_in_view(
    user: &str,
    action_id: &str,
    value: &str,
    trigger_id: &str,
    view: &Value,
) -> Value {
    let mut p = block_action_in_view(user, action_id, value, trigger_id, view);
    let action = &mut p["actions"][0];
    action["type"] = json!("overflow");
    action.as_object_mut().unwrap().remove("value");
    action["selected_option"] =
        json!({"text": {"type": "plain_text", "text": value}, "value": value});
    p
}

/// An option chosen in a static select inside an open modal (a section's accessory or an
/// actions block's element): the select must be in `view`, with an option of that value.
pub fn select_in_view(
    user: &str,
    action_id: &str,
    value: &str,
    trigger_id: &str,
    view: &Value,
) -> Value {
    let select = view["blocks"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|b| {
            std::iter::once(&b["accessory"]).chain(b["elements"].as_array().into_iter().flatten())
        })
        .find(|e| e["action_id"] == action_id)
        .unwrap_or_else(|| panic!("no element {action_id} in {view}"));
    assert_eq!(select["type"], "static_select", "{select}");
    let option = select["options"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["value"] == value)
        .unwrap_or_else(|| panic!("no option {value} in {select}"))
        .clone();
    let mut p = block_action_in_view(user, action_id, value, trigger_id, view);
    let action = &mut p["actions"][0];
    action["type"] = json!("static_select");
    action.as_object_mut().unwrap().remove("value");
    action["selected_option"] = option;
    action["placeholder"] = select["placeholder"].clone();
    p
}

/// A `view_submission` of `view` (as the fake returned it) with `values` as `state.values`,
/// on the shape of bolt-python's fixture.
pub fn view_submission(user: &str, view: &Value, values: Value) -> Value {
    let mut p = fixture_json("view_submission.plain_text_input.bolt-python.json");
    p["user"]["id"] = json!(user);
    let mut v = view.clone();
    v["state"] = json!({ "values": values });
    p["view"] = v;
    p
}

/// `state.values` entry for a plain_text_input whose action id is its block id.
pub fn text_value(block: &str, value: &str) -> (String, Value) {
    (
        block.to_string(),
        json!({ block: {"type": "plain_text_input", "value": value} }),
    )
}

/// `state.values` entry for a static select or radio group.
pub fn choice_value(block: &str, value: &str) -> (String, Value) {
    (
        block.to_string(),
        json!({ block: {"type": "static_select", "selected_option": {"value": value}} }),
    )
}

/// `state.values` entry for checkboxes.
pub fn checked_value(block: &str, values: &[&str]) -> (String, Value) {
    let options: Vec<Value> = values.iter().map(|v| json!({"value": v})).collect();
    (
        block.to_string(),
        json!({ block: {"type": "checkboxes", "selected_options": options} }),
    )
}

/// `state.values` entry for a multi users select.
pub fn users_value(block: &str, users: &[&str]) -> (String, Value) {
    (
        block.to_string(),
        json!({ block: {"type": "multi_users_select", "selected_users": users} }),
    )
}

pub fn values(entries: Vec<(String, Value)>) -> Value {
    Value::Object(entries.into_iter().collect())
}

impl TestBot {
    /// Presses a button inside `view` as `user`, with a fresh trigger id; returns the status.
    /// Find's presses are acknowledged before their modal is sent: this waits (up to 10 s) for
    /// the view they open or update, so tests read what the person sees next.
    pub async fn press(&self, user: &str, action_id: &str, value: &str, view: &Value) -> u16 {
        let trigger = self.fake.issue_trigger_id();
        let before = self.fake.calls().len();
        let status = self
            .interaction(&block_action_in_view(
                user, action_id, value, &trigger, view,
            ))
            .await;
        let acks_first = action_id == "booking.find"
            || action_id == "booking.search"
            || action_id.starts_with("booking.page.");
        if acks_first {
            self.wait_for_view_call_after(before).await;
        }
        status
    }

    /// Waits (up to 10 s) until a `views.*` call is recorded past the first `before` calls.
    pub async fn wait_for_view_call_after(&self, before: usize) -> bool {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            let calls = self.fake.calls();
            if calls
                .iter()
                .skip(before)
                .any(|c| c.method.starts_with("views."))
            {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        false
    }

    /// Chooses `value` in an overflow menu inside `view` as `user`, with a fresh trigger id.
    pub async fn choose(&self, user: &str, action_id: &str, value: &str, view: &Value) -> u16 {
        let trigger = self.fake.issue_trigger_id();
        self.interaction(&overflow_in_view(user, action_id, value, &trigger, view))
            .await
    }

    /// Chooses the option `value` of the static select `action_id` shown in `view`, as `user`
    /// with a fresh trigger id.
    pub async fn select(&self, user: &str, action_id: &str, value: &str, view: &Value) -> u16 {
        let trigger = self.fake.issue_trigger_id();
        self.interaction(&select_in_view(user, action_id, value, &trigger, view))
            .await
    }

    /// Presses a button outside any view (in a DM) as `user`, with a fresh trigger id.
    pub async fn press_in_message(&self, user: &str, action_id: &str, value: &str) -> u16 {
        let trigger = self.fake.issue_trigger_id();
        let mut payload = block_action(user, action_id, &trigger);
        payload["actions"][0]["value"] = json!(value);
        self.interaction(&payload).await
    }

    /// Waits for a DM to `user` whose text contains `marker`, and returns it.
    pub async fn dm_containing(
        &self,
        user: &str,
        marker: &str,
    ) -> super::fake_slack::PostedMessage {
        let found = || {
            self.fake
                .messages_to(user)
                .into_iter()
                .find(|m| m.text.as_deref().unwrap_or_default().contains(marker))
        };
        eventually(&format!("a DM to {user} containing {marker:?}"), || {
            found().is_some()
        })
        .await;
        found().expect("found above")
    }
}

impl TestBot {
    /// `user` mentors a new theme `name` (started, with `answer` to one optional text question
    /// when given) and offers hourly 1on1s every day 09:00–12:00 in their own zone; returns
    /// the theme id.
    pub async fn started_mentor_with_hours(
        &self,
        user: &str,
        name: &str,
        category: &str,
        answer: Option<(&str, &str)>,
    ) -> i64 {
        use mentor_bot::app::admin::Actor;
        use mentor_bot::domain::availability::{Hours, Window};
        use mentor_bot::domain::{QuestionDraft, ThemeDraft};
        let app = self.app();
        let now = chrono::Utc::now();
        let draft = ThemeDraft::parse(name, Some(category), "").unwrap();
        let theme = app.create_theme(&Actor::Cli, draft, now).await.unwrap();
        let mut answers = Vec::new();
        if let Some((label, text)) = answer {
            let q = QuestionDraft::parse(label, Some("text"), "", false).unwrap();
            let q = app.add_question(&Actor::Cli, theme, q, now).await.unwrap();
            answers.push((q, text.to_string()));
        }
        let mentor = UserId::parse(user).unwrap();
        app.certify(&Actor::Cli, theme, vec![mentor.clone()], now)
            .await
            .unwrap();
        app.save_answers(&mentor, theme, answers, true, now)
            .await
            .unwrap();
        let hours = Hours {
            windows: (0..7)
                .map(|day| Window {
                    day,
                    start: 540,
                    end: 720,
                })
                .collect(),
            slot_minutes: 60,
            ..Hours::default()
        };
        app.save_hours(&mentor, hours, now).await.unwrap();
        theme
    }
}
