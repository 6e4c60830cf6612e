//! Every real Slack payload in tests/fixtures/slack gets correct handling or a logged,
//! clear rejection: never a panic or a 500. And the official signing vector verifies.

use crate::support;

use std::time::Duration;

use chrono::{TimeZone, Utc};
use mentor_bot::slack::transport::verify::{verify, VerifyError};
use serde_json::json;
use support::bot::*;

#[tokio::test]
async fn every_slash_command_fixture_gets_an_ephemeral_answer() {
    let bot = TestBot::start().await;
    for name in [
        "slash_command.bolt-python.form.txt",
        "slash_command.docs_example.java-slack-sdk.form.txt",
        "slash_command.real_modified.java-slack-sdk.form.txt",
    ] {
        let body = fixture(name);
        let res = bot
            .post_signed(
                "/slack/commands",
                "application/x-www-form-urlencoded",
                body.trim(),
            )
            .await;
        assert_eq!(res.status().as_u16(), 200, "{name}");
        let reply: serde_json::Value = res.json().await.unwrap();
        assert_eq!(reply["response_type"], "ephemeral", "{name}");
        assert!(!text_of(&reply).is_empty(), "{name} got an empty answer");
    }
}

#[tokio::test]
async fn every_interaction_fixture_is_acknowledged_even_org_wide_ones_with_team_null() {
    let bot = TestBot::start().await;
    let names = [
        "block_actions.button.bolt-python.json",
        "block_actions.home_view_confirm.java-slack-sdk.json",
        "block_actions.message_button.java-slack-sdk.json",
        "block_actions.with_state.java-slack-sdk.json",
        "view_submission.plain_text_input.bolt-python.json",
        "view_submission.response_urls.bolt-python.json",
        "view_submission.datepicker_timepicker_tz.java-slack-sdk.json",
        "view_submission.static_select_datepicker_textarea.java-slack-sdk.json",
        "view_closed.bolt-python.json",
        "view_closed.java-slack-sdk.json",
    ];
    for name in names {
        let payload = fixture_json(name);
        assert_eq!(bot.interaction(&payload).await, 200, "{name}");
    }
    // None of those buttons is ours: nothing was queued or sent on their behalf.
    assert_eq!(bot.count("SELECT COUNT(*) FROM outbox"), 0);
    assert!(bot.fake.calls_to("views.open").is_empty());
}

#[tokio::test]
async fn the_org_app_home_opened_fixture_greets_its_user_once() {
    let bot = TestBot::start().await;
    let event = fixture_json("event_callback.app_home_opened.messages_tab.bolt-python.json");
    assert!(
        event["authorizations"][0]["team_id"].is_null(),
        "the fixture is the org-wide shape"
    );
    assert_eq!(bot.event(&event, &[]).await.status().as_u16(), 200);
    assert_eq!(
        bot.event(&event, &[("x-slack-retry-num", "1")])
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key = 'welcome:W111'"),
        1
    );
    assert_eq!(bot.count("SELECT COUNT(*) FROM processed_events"), 1);
}

#[tokio::test]
async fn the_java_sdk_app_home_opened_event_publishes_home_when_wrapped_as_slack_sends_it() {
    let bot = TestBot::start().await;
    bot.fake
        .add_user(support::fake_slack::FakeUser::new("U061F7AUR").with_locale("ja-JP"));
    let inner = fixture_json("event.app_home_opened.java-slack-sdk.json");
    // Alone (as the SDK test holds it) it is not an Events API body: acknowledged, ignored.
    assert_eq!(bot.event(&inner, &[]).await.status().as_u16(), 200);
    assert_eq!(bot.count("SELECT COUNT(*) FROM outbox"), 0);
    let wrapped =
        json!({"type": "event_callback", "event_id": "EvJava", "team_id": "T0001", "event": inner});
    assert_eq!(bot.event(&wrapped, &[]).await.status().as_u16(), 200);
    bot.fake
        .wait_for_calls("views.publish", 1, Duration::from_secs(5))
        .await;
    let home = bot
        .fake
        .published_home("U061F7AUR")
        .expect("home published");
    assert!(text_of(&home).contains("こんにちは"));
}

#[tokio::test]
async fn the_url_verification_fixture_is_answered() {
    let bot = TestBot::start().await;
    let body = fixture_json("url_verification.bolt-python.json");
    let res = bot.event(&body, &[]).await;
    assert_eq!(res.status().as_u16(), 200);
    let answer: serde_json::Value = res.json().await.unwrap();
    assert_eq!(answer["challenge"], body["challenge"]);
}

fn vector() -> (String, String, String, String) {
    let v = fixture_json("signing_vector.slack-docs.json");
    let s = |k: &str| v[k].as_str().unwrap().to_string();
    (
        s("signing_secret"),
        s("timestamp"),
        s("body"),
        s("expected_signature"),
    )
}

#[test]
fn the_official_signing_vector_verifies() {
    let (secret, ts, body, signature) = vector();
    let at = Utc.timestamp_opt(ts.parse().unwrap(), 0).unwrap();
    assert_eq!(
        mentor_bot::slack::transport::verify::sign(&secret, &ts, body.as_bytes()),
        signature
    );
    assert_eq!(
        verify(&secret, Some(&ts), Some(&signature), body.as_bytes(), at),
        Ok(())
    );
}

#[test]
fn one_changed_byte_of_body_timestamp_or_signature_fails() {
    let (secret, ts, body, signature) = vector();
    let at = Utc.timestamp_opt(ts.parse().unwrap(), 0).unwrap();
    let flip = |s: &str, i: usize| {
        let mut b = s.as_bytes().to_vec();
        b[i] = if b[i] == b'0' { b'1' } else { b'0' };
        String::from_utf8(b).unwrap()
    };
    for i in [0, body.len() / 2, body.len() - 1] {
        let bad = flip(&body, i);
        assert_eq!(
            verify(&secret, Some(&ts), Some(&signature), bad.as_bytes(), at),
            Err(VerifyError::Mismatch)
        );
    }
    let other_ts = flip(&ts, ts.len() - 1);
    assert_eq!(
        verify(
            &secret,
            Some(&other_ts),
            Some(&signature),
            body.as_bytes(),
            at
        ),
        Err(VerifyError::Mismatch)
    );
    for i in [3, signature.len() - 1] {
        let bad = flip(&signature, i);
        assert_eq!(
            verify(&secret, Some(&ts), Some(&bad), body.as_bytes(), at),
            Err(VerifyError::Mismatch)
        );
    }
    // The right signature five minutes and one second later is a replay.
    let late = at + chrono::Duration::seconds(301);
    assert_eq!(
        verify(&secret, Some(&ts), Some(&signature), body.as_bytes(), late),
        Err(VerifyError::Stale)
    );
}
