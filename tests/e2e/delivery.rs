//! Durable delivery: exactly once across crashes, Retry-After honoured, failures recorded.

use crate::support;

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use mentor_bot::app::ports::Messenger;
use mentor_bot::app::App;
use mentor_bot::domain::{OutboxKind, RetryPolicy, UserId};
use mentor_bot::scheduler::run_due;
use mentor_bot::slack::outbound::gateway::SlackGateway;
use mentor_bot::startup;
use mentor_bot::storage::outbox::{get_outbox_by_key, insert_outbox, NewOutbox};
use support::bot::*;
use support::fake_slack::{FakeSlack, FakeUser, Fault};

fn row_status(bot: &TestBot, key: &str) -> String {
    bot.db()
        .query_row(
            "SELECT status FROM outbox WHERE dedupe_key = ?1",
            [key],
            |r| r.get(0),
        )
        .unwrap_or_else(|_| "missing".into())
}

#[tokio::test]
async fn a_dm_is_sent_exactly_once_when_the_bot_crashes_after_slack_accepted_it() {
    let mut bot = TestBot::start().await;
    // Slack stores the message, but the bot dies before it hears back.
    bot.fake
        .delay_response("chat.postMessage", Duration::from_secs(30));
    bot.event(&app_home_opened("EvCrash", "UEN", "messages"), &[])
        .await;
    bot.fake
        .wait_for_calls("chat.postMessage", 1, Duration::from_secs(5))
        .await;
    bot.kill().await;
    assert_eq!(
        row_status(&bot, "welcome:UEN"),
        "sending",
        "the crash left it in doubt"
    );

    bot.fake.clear_faults();
    bot.restart().await;
    eventually("the row to be settled", || {
        row_status(&bot, "welcome:UEN") == "sent"
    })
    .await;

    assert_eq!(
        bot.fake.messages_to("UEN").len(),
        1,
        "the person got one welcome, not two"
    );
    assert_eq!(bot.fake.calls_to("chat.postMessage").len(), 1);
    assert!(
        !bot.fake.calls_to("conversations.history").is_empty(),
        "it asked Slack first"
    );
    let ts: String = bot
        .db()
        .query_row(
            "SELECT message_ts FROM outbox WHERE dedupe_key = 'welcome:UEN'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ts, bot.fake.messages_to("UEN")[0].ts);
}

#[tokio::test]
async fn a_dm_interrupted_before_it_reached_slack_is_sent_after_the_restart() {
    let mut bot = TestBot::start().await;
    bot.fake
        .delay_response("conversations.open", Duration::from_secs(30));
    bot.event(&app_home_opened("EvEarly", "UJA", "messages"), &[])
        .await;
    bot.fake
        .wait_for_calls("conversations.open", 1, Duration::from_secs(5))
        .await;
    bot.kill().await;
    assert!(bot.fake.messages_to("UJA").is_empty());

    bot.fake.clear_faults();
    bot.restart().await;
    eventually("the row to be sent", || {
        row_status(&bot, "welcome:UJA") == "sent"
    })
    .await;
    let sent = bot.fake.messages_to("UJA");
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].text.as_deref().unwrap().contains("ようこそ"),
        "in Japanese for a ja-JP reader"
    );
}

#[tokio::test]
async fn a_429_is_waited_out_for_as_long_as_retry_after_says() {
    let bot = TestBot::start().await;
    bot.fake.fail_next(
        "chat.postMessage",
        1,
        Fault::RateLimited {
            retry_after_secs: 2,
        },
    );
    bot.event(&app_home_opened("Ev429", "UEN", "messages"), &[])
        .await;
    let calls = bot
        .fake
        .wait_for_calls("chat.postMessage", 2, Duration::from_secs(10))
        .await;
    let waited = calls[1].at - calls[0].at;
    assert!(waited >= Duration::from_secs(2), "retried after {waited:?}");
    eventually("sent", || row_status(&bot, "welcome:UEN") == "sent").await;
    let (attempts, failures): (i64, i64) = bot
        .db()
        .query_row(
            "SELECT attempts, failures FROM outbox WHERE dedupe_key = 'welcome:UEN'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (attempts, failures),
        (2, 0),
        "a rate limit is not a failure"
    );
    assert_eq!(bot.fake.messages_to("UEN").len(), 1);
}

#[tokio::test]
async fn after_a_429_no_dm_goes_out_until_retry_after_has_passed_then_each_goes_once() {
    let bot = TestBot::start().await;
    bot.fake.fail_next(
        "chat.postMessage",
        1,
        Fault::RateLimited {
            retry_after_secs: 2,
        },
    );
    let people = ["UEN", "UJA", ADMIN];
    for (n, person) in people.iter().enumerate() {
        bot.event(
            &app_home_opened(&format!("EvHold{n}"), person, "messages"),
            &[],
        )
        .await;
    }

    let calls = bot
        .fake
        .wait_for_calls(
            "chat.postMessage",
            1 + people.len(),
            Duration::from_secs(15),
        )
        .await;
    let limited = &calls[0];
    assert_eq!(limited.response_status, 429);
    let deadline = limited.at + Duration::from_secs(2);
    for call in &calls[1..] {
        assert!(
            call.at >= deadline,
            "chat.postMessage called {:?} after the 429 that asked for 2 s",
            call.at - limited.at
        );
    }
    for person in people {
        let key = format!("welcome:{person}");
        eventually("sent", || row_status(&bot, &key) == "sent").await;
        assert_eq!(
            bot.fake.messages_to(person).len(),
            1,
            "{person} got one welcome"
        );
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        bot.fake.calls_to("chat.postMessage").len(),
        1 + people.len(),
        "nothing sent twice"
    );
}

#[tokio::test]
async fn a_permanently_failing_message_stops_and_is_recorded_as_failed() {
    let bot = TestBot::start().await;
    bot.fake
        .fail_always("chat.postMessage", Fault::SlackError("invalid_blocks"));
    bot.event(&app_home_opened("EvBad", "UEN", "messages"), &[])
        .await;
    eventually("failed", || row_status(&bot, "welcome:UEN") == "failed").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        bot.fake.calls_to("chat.postMessage").len(),
        1,
        "no retry for a permanent error"
    );
    let error: String = bot
        .db()
        .query_row(
            "SELECT last_error FROM outbox WHERE dedupe_key = 'welcome:UEN'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(error.contains("invalid_blocks"), "{error}");
}

/// The app and gateway without a running worker, so tests decide the instants.
async fn app_without_worker() -> (FakeSlack, App, SlackGateway, tempfile::TempDir) {
    let fake = FakeSlack::start().await;
    fake.add_user(
        FakeUser::new("UEN")
            .with_tz("America/New_York")
            .with_locale("en-US"),
    );
    let dir = tempfile::tempdir().unwrap();
    let config = config_for(&fake, &dir);
    let db = startup::open_db(&config).await.unwrap();
    let (app, _) = startup::build(&config, db).unwrap();
    let gateway = SlackGateway::new(config.slack.as_ref().unwrap()).unwrap();
    (fake, app, gateway, dir)
}

fn t(h: u32, m: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, h, m, s).unwrap()
}

async fn queue(
    app: &App,
    key: &str,
    kind: OutboxKind,
    due_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
) {
    let row = NewOutbox {
        dedupe_key: key.into(),
        recipient: UserId::parse("UEN").unwrap(),
        kind,
        body: if kind == OutboxKind::Dm {
            r#"{"type":"welcome"}"#.into()
        } else {
            "{}".into()
        },
        due_at,
        expires_at,
    };
    app.db
        .call(move |c| insert_outbox(c, &row, due_at))
        .await
        .unwrap();
}

async fn status(app: &App, key: &str) -> String {
    let key = key.to_string();
    app.db
        .call(move |c| get_outbox_by_key(c, &key))
        .await
        .unwrap()
        .unwrap()
        .status
}

#[tokio::test]
async fn transient_failures_back_off_and_finally_give_up() {
    let (fake, app, gateway, _dir) = app_without_worker().await;
    fake.fail_always("chat.postMessage", Fault::Http(500));
    let policy = RetryPolicy::default();
    let messenger: &dyn Messenger = &gateway;
    queue(&app, "k", OutboxKind::Dm, t(9, 0, 0), None).await;

    let mut now = t(9, 0, 0);
    let mut delays = Vec::new();
    for attempt in 1..=policy.max_attempts {
        let report = run_due(&app, messenger, &policy, now).await.unwrap();
        assert_eq!(fake.calls_to("chat.postMessage").len(), attempt as usize);
        if attempt < policy.max_attempts {
            assert_eq!(report.delivery.retried, 1);
            let next = app.next_delivery_at().await.unwrap().unwrap();
            delays.push((next - now).num_seconds());
            // Nothing happens before the next attempt is due.
            run_due(
                &app,
                messenger,
                &policy,
                next - chrono::Duration::seconds(1),
            )
            .await
            .unwrap();
            assert_eq!(fake.calls_to("chat.postMessage").len(), attempt as usize);
            now = next;
        } else {
            assert_eq!(report.delivery.failed, 1);
        }
    }
    assert!(
        delays.windows(2).all(|w| w[1] > w[0]),
        "backoff grows: {delays:?}"
    );
    assert_eq!(status(&app, "k").await, "failed");
    run_due(&app, messenger, &policy, now + chrono::Duration::days(1))
        .await
        .unwrap();
    assert_eq!(
        fake.calls_to("chat.postMessage").len(),
        policy.max_attempts as usize,
        "no more tries"
    );
}

#[tokio::test]
async fn run_due_sends_exactly_what_is_due_at_that_instant() {
    let (fake, app, gateway, _dir) = app_without_worker().await;
    let policy = RetryPolicy::default();
    queue(&app, "first", OutboxKind::Dm, t(9, 0, 0), None).await;
    queue(&app, "second", OutboxKind::Dm, t(10, 0, 0), None).await;

    let report = run_due(&app, &gateway, &policy, t(9, 30, 0)).await.unwrap();
    assert_eq!(report.delivery.sent, 1);
    assert_eq!(
        (status(&app, "first").await, status(&app, "second").await),
        ("sent".into(), "pending".into())
    );
    let again = run_due(&app, &gateway, &policy, t(9, 30, 0)).await.unwrap();
    assert_eq!(again.delivery.sent, 0, "nothing is sent twice");
    run_due(&app, &gateway, &policy, t(10, 0, 0)).await.unwrap();
    assert_eq!(status(&app, "second").await, "sent");
    assert_eq!(fake.messages_to("UEN").len(), 2);
}

#[tokio::test]
async fn a_row_due_while_the_bot_was_down_is_dropped_once_it_has_expired() {
    let (fake, app, gateway, _dir) = app_without_worker().await;
    let policy = RetryPolicy::default();
    queue(
        &app,
        "late-home",
        OutboxKind::Home,
        t(9, 0, 0),
        Some(t(9, 10, 0)),
    )
    .await;
    queue(
        &app,
        "timely-home",
        OutboxKind::Home,
        t(9, 0, 0),
        Some(t(12, 0, 0)),
    )
    .await;
    let report = run_due(&app, &gateway, &policy, t(9, 30, 0)).await.unwrap();
    assert_eq!((report.delivery.dropped, report.delivery.sent), (1, 1));
    assert_eq!(status(&app, "late-home").await, "dropped");
    assert_eq!(fake.calls_to("views.publish").len(), 1);
}

#[tokio::test]
async fn the_run_due_command_delivers_and_reports() {
    let (fake, app, _gateway, dir) = app_without_worker().await;
    queue(&app, "cli", OutboxKind::Dm, t(9, 0, 0), None).await;
    let db_path = dir.path().join("mentor-bot.db");
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_mentor-bot"))
        .args(["run-due", "--now", "2026-11-21T18:30:00+09:00"])
        .env_clear()
        .env("SLACK_BOT_TOKEN", support::fake_slack::BOT_TOKEN)
        .env("SLACK_SIGNING_SECRET", SIGNING_SECRET)
        .env("SLACK_API_URL", &fake.api_url)
        .env("MENTOR_BOT_DB", &db_path)
        .output()
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("sent 1, retrying later 0, failed 0, dropped 0"),
        "{stdout}"
    );
    assert!(stdout.contains("jobs run: housekeeping"), "{stdout}");
    assert_eq!(fake.messages_to("UEN").len(), 1);
}

/// `mentor-bot run-due --now <now>` against `dir`'s database; returns its stdout.
async fn run_due_command(fake: &FakeSlack, dir: &tempfile::TempDir, now: &str) -> String {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_mentor-bot"))
        .args(["run-due", "--now", now])
        .env_clear()
        .env("SLACK_BOT_TOKEN", support::fake_slack::BOT_TOKEN)
        .env("SLACK_SIGNING_SECRET", SIGNING_SECRET)
        .env("SLACK_API_URL", &fake.api_url)
        .env("MENTOR_BOT_DB", dir.path().join("mentor-bot.db"))
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

#[tokio::test]
async fn a_run_due_in_the_future_does_not_hold_back_the_jobs_due_now() {
    let (fake, _app, _gateway, dir) = app_without_worker().await;
    let ahead = run_due_command(&fake, &dir, "2026-11-28T09:00:00Z").await;
    assert!(ahead.contains("expire-requests"), "{ahead}");

    // The clock is at 2026-11-21 09:01 for the scheduler: its jobs still run.
    let now = run_due_command(&fake, &dir, "2026-11-21T09:01:00Z").await;

    assert!(
        now.contains("jobs run: housekeeping, expire-requests"),
        "{now}"
    );
    let again = run_due_command(&fake, &dir, "2026-11-21T09:01:30Z").await;
    assert!(
        again.contains("jobs run: none"),
        "once per occurrence: {again}"
    );
}

#[tokio::test]
async fn dms_are_paced_to_slacks_chat_post_message_limit() {
    let (fake, app, gateway, _dir) = app_without_worker().await;
    for id in ["UA", "UB", "UC"] {
        fake.add_user(FakeUser::new(id));
    }
    for (n, id) in ["UA", "UB", "UC"].iter().enumerate() {
        let row = NewOutbox {
            dedupe_key: format!("pace-{n}"),
            recipient: UserId::parse(id).unwrap(),
            kind: OutboxKind::Dm,
            body: r#"{"type":"welcome"}"#.into(),
            due_at: t(9, 0, 0),
            expires_at: None,
        };
        app.db
            .call(move |c| insert_outbox(c, &row, t(9, 0, 0)))
            .await
            .unwrap();
    }
    let report = run_due(&app, &gateway, &RetryPolicy::default(), t(9, 0, 0))
        .await
        .unwrap();
    assert_eq!(report.delivery.sent, 3);
    let calls = fake.calls_to("chat.postMessage");
    for pair in calls.windows(2) {
        let gap = pair[1].at - pair[0].at;
        assert!(
            gap >= Duration::from_millis(900),
            "chat.postMessage about 1/s, got a gap of {gap:?}"
        );
    }
}
