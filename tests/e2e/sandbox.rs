//! The local sandbox without a browser: `mentor-bot` with no Slack credentials starts it on
//! loopback with its own demo database, `mentor-bot sandbox` asks for it explicitly, what
//! Slack refuses is listed on the page, and "Reset demo" restores the seeds.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use fake_slack::Fault;
use mentor_bot::domain::UserId;
use serde_json::{json, Value};

/// A started `mentor-bot` process, stopped when dropped (also when an assertion fails).
struct Process(std::process::Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary with `args` and `env` in a temp dir; returns the address it printed.
fn start(args: &[&str], env: &[(&str, &str)]) -> (Process, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mentor-bot"));
    cmd.args(args)
        .env_clear()
        .env("MENTOR_BOT_ADDR", "127.0.0.1:0")
        .env("MENTOR_BOT_LOG", "warn")
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let line = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .find(|l| l.contains("open http://"))
        .expect("the sandbox prints its address");
    assert!(line.contains("loopback only"), "{line}");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_string();
    (Process(child), url, dir)
}

async fn get_json(url: &str) -> Value {
    reqwest::get(url).await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn with_no_credentials_the_bot_starts_the_sandbox_on_loopback_with_its_own_database() {
    let (child, url, dir) = start(&[], &[]);
    let page = reqwest::get(&url).await.unwrap().text().await.unwrap();
    assert!(page.contains("mentor-bot") && page.contains("sandbox.js"));
    let state = get_json(&format!("{url}/api/state?user=USATO")).await;
    assert_eq!(state["me"], "USATO");
    assert_eq!(state["people"].as_array().unwrap().len(), 6);
    assert!(dir.path().join("mentor-bot-sandbox.db").exists());
    assert!(
        !dir.path().join("mentor-bot.db").exists(),
        "never the production database"
    );
    drop(child);
}

#[tokio::test]
async fn the_sandbox_can_be_asked_for_even_with_credentials_set() {
    let db = tempfile::tempdir().unwrap();
    let db_path = db.path().join("demo.db");
    let (child, url, _dir) = start(
        &["sandbox"],
        &[
            ("SLACK_BOT_TOKEN", "xoxb-1"),
            ("SLACK_SIGNING_SECRET", "s"),
            ("MENTOR_BOT_SANDBOX_DB", db_path.to_str().unwrap()),
        ],
    );
    let state = get_json(&format!("{url}/api/state?user=UADMIN")).await;
    assert_eq!(state["me"], "UADMIN");
    assert!(db_path.exists());
    let unknown = reqwest::get(format!("{url}/api/state?user=UNOBODY"))
        .await
        .unwrap();
    assert_eq!(unknown.status(), 400, "only the demo people");
    drop(child);
}

#[test]
fn the_sandbox_refuses_the_bots_own_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("prod.db");
    std::fs::write(&db, b"precious").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mentor-bot"))
        .arg("sandbox")
        .env_clear()
        .env("MENTOR_BOT_DB", &db)
        .env("MENTOR_BOT_SANDBOX_DB", &db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("MENTOR_BOT_SANDBOX_DB"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), b"precious", "left alone");
}

async fn launch() -> (
    mentor_bot::sandbox::RunningSandbox,
    String,
    tempfile::TempDir,
) {
    let dir = tempfile::tempdir().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let running = mentor_bot::sandbox::launch(dir.path().join("s.db"), listener)
        .await
        .unwrap();
    let url = format!("http://{}", running.addr);
    (running, url, dir)
}

async fn post(url: &str, body: Value) -> Value {
    reqwest::Client::new()
        .post(url)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn what_slack_refuses_is_listed_on_the_page() {
    let (running, url, _dir) = launch().await;
    let ws = running.sandbox.workspace().await;
    ws.fake
        .fail_next("views.open", 1, Fault::SlackError("expired_trigger_id"));
    let reply = post(
        &format!("{url}/api/command"),
        json!({"user": "USATO", "text": "/mentor find 育休"}),
    )
    .await;
    assert_eq!(reply["error"], Value::Null);
    // The bot acknowledges first and calls views.open right after: the page shows the refusal
    // once the call has come back.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let state = loop {
        let state = get_json(&format!("{url}/api/state?user=USATO")).await;
        if state["refusals"].to_string().contains("views.open")
            || std::time::Instant::now() > deadline
        {
            break state;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert_eq!(state["modal"], Value::Null, "no modal opened");
    let refusals = state["refusals"].to_string();
    assert!(
        refusals.contains("views.open: expired_trigger_id"),
        "{refusals}"
    );
    let typo = post(
        &format!("{url}/api/command"),
        json!({"user": "USATO", "text": "/mentr find"}),
    )
    .await;
    assert!(typo["error"].as_str().unwrap().contains("/mentor"));
    running.shutdown().await;
}

#[tokio::test]
async fn reset_demo_restores_the_seeds_and_the_clock() {
    let (running, url, _dir) = launch().await;
    let ws = running.sandbox.workspace().await;
    let sato = UserId::parse("USATO").unwrap();
    let tanaka = UserId::parse("UTANAKA").unwrap();
    let booked = ws.app.upcoming(&sato, chrono::Utc::now()).await.unwrap();
    let (one, _) = booked.first().expect("the demo's booked 1on1").clone();
    ws.app
        .cancel_one_on_one(&tanaka, one.id, ws.clock.now())
        .await
        .unwrap();
    let reply = post(&format!("{url}/api/travel"), json!({"by": "day"})).await;
    assert_eq!(reply["error"], Value::Null);
    let state = get_json(&format!("{url}/api/state?user=USATO")).await;
    assert!(state["ahead_minutes"].as_i64().unwrap() >= 24 * 60 - 1);

    let reply = post(&format!("{url}/api/reset"), json!({})).await;
    assert_eq!(reply["error"], Value::Null);
    let state = get_json(&format!("{url}/api/state?user=USATO")).await;
    assert_eq!(state["ahead_minutes"], 0, "the clock is back");
    let ws = running.sandbox.workspace().await;
    let booked = ws.app.upcoming(&sato, chrono::Utc::now()).await.unwrap();
    assert_eq!(booked.len(), 1, "the booked 1on1 is back");
    running.shutdown().await;
}

#[tokio::test]
async fn a_calendar_file_the_bot_shared_can_be_downloaded() {
    let (running, url, _dir) = launch().await;
    // Ben's past 1on1 of the demo was confirmed with a calendar invite.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let files = loop {
        let state = get_json(&format!("{url}/api/state?user=UBEN")).await;
        if !state["files"].as_array().unwrap().is_empty() || std::time::Instant::now() > deadline {
            break state["files"].clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(
        files[0]["name"].as_str().unwrap().ends_with(".ics"),
        "{files}"
    );
    let res = reqwest::get(format!("{url}/api/file?user=UBEN&index=0"))
        .await
        .unwrap();
    assert_eq!(
        res.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert!(res.text().await.unwrap().contains("BEGIN:VCALENDAR"));
    let missing = reqwest::get(format!("{url}/api/file?user=USATO&index=9"))
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    running.shutdown().await;
}

#[tokio::test]
async fn an_external_select_gets_its_options_from_the_bot_as_a_block_suggestion() {
    let (running, url, _dir) = launch().await;
    let reply = post(
        &format!("{url}/api/suggest"),
        json!({"user": "USATO", "view_id": "", "action_id": "find.theme", "block_id": "find.theme", "value": "育休"}),
    )
    .await;
    let options = reply["options"].as_array().unwrap();
    assert!(
        options
            .iter()
            .any(|o| o["text"].as_str().unwrap().contains("育休からの復帰")),
        "{reply}"
    );
    assert!(options.iter().all(|o| o["value"].is_string()), "{reply}");
    running.shutdown().await;
}

/// SIGTERM (what systemd, Docker and Kubernetes send) stops the bot as Ctrl-C does: it says
/// so and exits cleanly, rather than being killed mid-send.
#[test]
fn sigterm_stops_the_bot_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mentor-bot"))
        .env_clear()
        .env("MENTOR_BOT_ADDR", "127.0.0.1:0")
        .env("MENTOR_BOT_LOG", "warn")
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.contains("open http://"))
        .expect("the bot says it is up");
    let sent = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}: {rest:?}");
    assert!(rest.iter().any(|l| l.contains("stopping")), "{rest:?}");
}
