//! Socket Mode: the same handlers and the same behaviour as HTTP, with no public URL.

use crate::support;

use std::time::Duration;

use mentor_bot::config::Secret;
use serde_json::json;
use support::bot::*;
use support::fake_slack::APP_TOKEN;

const WAIT: Duration = Duration::from_secs(10);

async fn socket_bot() -> TestBot {
    let bot = TestBot::start_with(|c| {
        c.slack.as_mut().unwrap().app_token = Some(Secret::new(APP_TOKEN));
        c.slack.as_mut().unwrap().signing_secret = None;
    })
    .await;
    bot.fake.wait_socket_connected(WAIT).await;
    bot
}

#[tokio::test]
async fn a_slash_command_over_socket_mode_is_answered_in_the_ack() {
    let bot = socket_bot().await;
    let mut envelope = fixture_json("socket_mode.slash_commands.bolt-python.json");
    envelope["payload"]["user_id"] = json!("UEN");
    envelope["payload"]["command"] = json!("/mentor");
    envelope["payload"]["text"] = json!("help");
    let ack = bot.fake.socket_send(envelope.clone(), WAIT).await;
    assert_eq!(ack["envelope_id"], envelope["envelope_id"]);
    let text = text_of(&ack["payload"]);
    assert!(text.contains("Hello Emma!"), "{ack}");
    assert_eq!(ack["payload"]["response_type"], "ephemeral");
}

#[tokio::test]
async fn app_home_opened_over_socket_mode_publishes_home_once_even_when_redelivered() {
    let bot = socket_bot().await;
    let event = app_home_opened("EvSock1", "UJA", "home");
    let envelope = |id: &str, retry: u32| {
        json!({"envelope_id": id, "type": "events_api", "accepts_response_payload": false,
               "retry_attempt": retry, "retry_reason": if retry > 0 { "timeout" } else { "" },
               "payload": event})
    };
    bot.fake.socket_send(envelope("env-1", 0), WAIT).await;
    bot.fake.wait_for_calls("views.publish", 1, WAIT).await;
    bot.fake.socket_send(envelope("env-2", 1), WAIT).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        bot.fake.calls_to("views.publish").len(),
        1,
        "deduplicated on event_id"
    );
    assert!(text_of(&bot.fake.published_home("UJA").unwrap()).contains("佐藤 さん"));
}

#[tokio::test]
async fn a_button_over_socket_mode_opens_the_help_modal() {
    let bot = socket_bot().await;
    let trigger = bot.fake.issue_trigger_id();
    let envelope = json!({"envelope_id": "env-b", "type": "interactive", "accepts_response_payload": true,
                          "payload": block_action("UADMIN", "home.help", &trigger)});
    bot.fake.socket_send(envelope, WAIT).await;
    let opened = bot.fake.wait_for_calls("views.open", 1, WAIT).await;
    assert_eq!(opened[0].error(), None);
    assert!(text_of(&bot.fake.opened_views()[0]).contains("program admin"));
}

#[tokio::test]
async fn unused_socket_mode_fixtures_are_acknowledged_without_acting() {
    let bot = socket_bot().await;
    for name in [
        "socket_mode.events_api_message_retry.bolt-python.json",
        "socket_mode.interactive_shortcut.bolt-python.json",
    ] {
        let envelope = fixture_json(name);
        let ack = bot.fake.socket_send(envelope.clone(), WAIT).await;
        assert_eq!(ack["envelope_id"], envelope["envelope_id"], "{name}");
    }
    assert_eq!(bot.count("SELECT COUNT(*) FROM outbox"), 0);
}

#[tokio::test]
async fn without_a_signing_secret_the_http_slack_endpoints_are_off_but_health_answers() {
    let bot = socket_bot().await;
    let res = bot
        .post_signed(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            &slash_form("UEN", "", "t"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 404);
    assert!(res.text().await.unwrap().contains("SLACK_SIGNING_SECRET"));
    assert_eq!(
        reqwest::get(format!("{}/healthz", bot.url))
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
}

#[tokio::test]
async fn after_slack_asks_it_to_reconnect_the_bot_is_back_and_answering() {
    let bot = socket_bot().await;
    let opened_before = bot.fake.calls_to("apps.connections.open").len();
    bot.fake.socket_disconnect_all();
    bot.fake
        .wait_for_calls("apps.connections.open", opened_before + 1, WAIT)
        .await;
    bot.fake.wait_socket_connected(WAIT).await;
    let mut envelope = fixture_json("socket_mode.slash_commands.bolt-python.json");
    envelope["envelope_id"] = json!("after-reconnect");
    envelope["payload"]["user_id"] = json!("UJA");
    let ack = bot.fake.socket_send(envelope, WAIT).await;
    assert!(text_of(&ack["payload"]).contains("佐藤 さん"));
}

#[tokio::test]
async fn a_command_in_flight_when_slack_refreshes_its_link_is_still_acknowledged() {
    let bot = socket_bot().await;
    bot.fake.wait_for_socket_connections(2, WAIT).await;
    bot.fake
        .delay_response("users.info", Duration::from_millis(800));
    let mut envelope = fixture_json("socket_mode.slash_commands.bolt-python.json");
    envelope["envelope_id"] = json!("in-flight");
    envelope["payload"]["user_id"] = json!("UEN");
    envelope["payload"]["text"] = json!("help");
    let fake = bot.fake.clone();
    let ack = tokio::spawn(async move { fake.socket_send(envelope, WAIT).await });

    bot.fake.wait_for_calls("users.info", 1, WAIT).await;
    bot.fake.socket_disconnect_newest("refresh_requested");

    let ack = ack
        .await
        .expect("the envelope was acknowledged on a live link");
    assert_eq!(ack["envelope_id"], "in-flight");
    assert!(text_of(&ack["payload"]).contains("Hello Emma!"), "{ack}");
}

#[tokio::test]
async fn a_rate_limited_apps_connections_open_at_start_up_is_waited_out_not_fatal() {
    let fake = support::fake_slack::FakeSlack::start().await;
    fake.fail_next(
        "apps.connections.open",
        1,
        support::fake_slack::Fault::RateLimited {
            retry_after_secs: 2,
        },
    );
    let dir = tempfile::tempdir().unwrap();
    let mut config = config_for(&fake, &dir);
    config.slack.as_mut().unwrap().app_token = Some(Secret::new(APP_TOKEN));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();

    let bot = mentor_bot::startup::launch(config, listener)
        .await
        .expect("a rate limit is not a bad token: the bot starts");

    fake.wait_socket_connected(WAIT).await;
    let opens = fake.calls_to("apps.connections.open");
    assert_eq!(opens[0].response_status, 429);
    for open in &opens[1..] {
        assert!(
            open.at >= opens[0].at + Duration::from_secs(2),
            "apps.connections.open called again {:?} after a 429 asking for 2 s",
            open.at - opens[0].at
        );
    }
    assert_eq!(
        reqwest::get(format!("http://{}/healthz", bot.addr))
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    bot.shutdown().await;
}

#[tokio::test]
async fn a_wrong_app_token_stops_start_up_with_a_clear_message() {
    let fake = support::fake_slack::FakeSlack::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = config_for(&fake, &dir);
    config.slack.as_mut().unwrap().app_token = Some(Secret::new("xapp-wrong"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let err = match mentor_bot::startup::launch(config, listener).await {
        Ok(_) => panic!("started with a wrong app token"),
        Err(e) => format!("{e:#}"),
    };
    assert!(
        err.contains("apps.connections.open") && err.contains("SLACK_APP_TOKEN"),
        "{err}"
    );
}
