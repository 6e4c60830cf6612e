//! End to end over HTTP: signed requests in, the strict fake Slack and the SQLite file out.

use crate::support;

use std::time::Duration;

use serde_json::json;
use support::bot::*;
use support::fake_slack::FakeUser;

#[tokio::test]
async fn help_answers_in_the_readers_language_and_shows_their_roles() {
    let bot = TestBot::start().await;

    let (status, ja) = bot.command("UJA", "").await;
    assert_eq!(status, 200);
    assert_eq!(ja["response_type"], "ephemeral");
    let ja_text = text_of(&ja);
    assert!(ja_text.contains("佐藤 さん、こんにちは"), "{ja_text}");
    assert!(ja_text.contains("*あなたのロール:* メンティ"), "{ja_text}");
    assert!(
        !ja_text.contains("事務局"),
        "a mentee is not shown as admin: {ja_text}"
    );
    assert!(ja_text.contains("Asia/Tokyo"));

    let (_, en) = bot.command(ADMIN, "help").await;
    let en_text = text_of(&en);
    assert!(en_text.contains("Hello Ada!"), "{en_text}");
    assert!(en_text.contains("program admin, mentee"), "{en_text}");
    assert!(en_text.contains("As a *program admin*"), "{en_text}");
    assert!(en_text.contains("Europe/Berlin"), "{en_text}");

    // Both were looked up once with their locale, and kept.
    let lookups = bot.fake.calls_to("users.info");
    assert_eq!(lookups.len(), 2);
    assert!(lookups.iter().all(|c| c.params["include_locale"] == "true"));
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM users WHERE locale IS NOT NULL"),
        2
    );
    bot.command("UJA", "help").await;
    assert_eq!(
        bot.fake.calls_to("users.info").len(),
        2,
        "a fresh profile is not fetched again"
    );
}

#[tokio::test]
async fn a_mentor_sees_the_mentor_part_of_help() {
    let bot = TestBot::start().await;
    bot.db()
        .execute("INSERT INTO user_roles (user_id, role, granted_at) VALUES ('UEN', 'mentor', '2026-01-01T00:00:00.000Z')", [])
        .unwrap();
    let (_, reply) = bot.command("UEN", "help").await;
    let text = text_of(&reply);
    assert!(text.contains("mentor, mentee"), "{text}");
    assert!(text.contains("As a *mentor*"), "{text}");
    assert!(!text.contains("program admin"), "{text}");
}

#[tokio::test]
async fn an_unknown_subcommand_gets_a_friendly_hint_never_silence() {
    let bot = TestBot::start().await;
    let (status, typo) = bot.command("UEN", "hepl").await;
    assert_eq!(status, 200);
    let text = text_of(&typo);
    assert!(text.contains("I don't know `hepl`"), "{text}");
    assert!(text.contains("Did you mean `/mentor help`?"), "{text}");

    let (_, nonsense) = bot.command("UJA", "<@U1> ｘｙｚ").await;
    let text = text_of(&nonsense);
    assert!(text.contains("分かりませんでした"), "{text}");
    assert!(text.contains("&lt;@U1&gt;"), "user text is escaped: {text}");
    assert!(text.contains("/mentor help"));
}

#[tokio::test]
async fn mentor_home_links_to_the_home_tab_and_publishes_it() {
    let bot = TestBot::start().await;
    let (_, reply) = bot.command("UEN", "home").await;
    assert!(text_of(&reply).contains("slack://app?team=T0001&id=A0001&tab=home"));
    bot.fake
        .wait_for_calls("views.publish", 1, Duration::from_secs(5))
        .await;
    assert!(bot.fake.published_home("UEN").is_some());
}

#[tokio::test]
async fn forged_stale_and_unsigned_requests_get_401_and_change_nothing() {
    let bot = TestBot::start().await;
    let body = slash_form("UEN", "help", "1.2.x");
    let now = now_unix().to_string();
    let stale = (now_unix() - 301).to_string();
    let good_sig =
        mentor_bot::slack::transport::verify::sign(SIGNING_SECRET, &now, body.as_bytes());
    let wrong_secret =
        mentor_bot::slack::transport::verify::sign("not-the-secret", &now, body.as_bytes());
    let stale_sig =
        mentor_bot::slack::transport::verify::sign(SIGNING_SECRET, &stale, body.as_bytes());
    let form = "application/x-www-form-urlencoded";
    let cases: Vec<(Option<&str>, Option<&str>, String)> = vec![
        (None, None, body.clone()),
        (Some(&now), None, body.clone()),
        (Some(&now), Some(&wrong_secret), body.clone()),
        (Some(&stale), Some(&stale_sig), body.clone()),
        (Some(&now), Some(&good_sig), body.replace("help", "hack")),
        (Some("soon"), Some(&good_sig), body.clone()),
    ];
    for path in ["/slack/commands", "/slack/interactions", "/slack/events"] {
        for (ts, sig, body) in &cases {
            let res = bot.post_with(path, form, body, *ts, *sig, &[]).await;
            assert_eq!(res.status().as_u16(), 401, "{path} ts={ts:?}");
        }
    }
    assert!(bot.fake.calls().is_empty(), "nothing reached Slack");
    assert_eq!(bot.count("SELECT COUNT(*) FROM users"), 0);
    assert_eq!(bot.count("SELECT COUNT(*) FROM outbox"), 0);
    assert_eq!(bot.count("SELECT COUNT(*) FROM processed_events"), 0);
}

#[tokio::test]
async fn opening_the_home_tab_publishes_it_once_even_when_slack_retries() {
    let bot = TestBot::start().await;
    let event = app_home_opened("Ev0001", "UJA", "home");
    assert_eq!(bot.event(&event, &[]).await.status().as_u16(), 200);
    bot.fake
        .wait_for_calls("views.publish", 1, Duration::from_secs(5))
        .await;
    // Slack retries the same event (it thought we were slow).
    let retry = bot
        .event(
            &event,
            &[
                ("x-slack-retry-num", "1"),
                ("x-slack-retry-reason", "http_timeout"),
            ],
        )
        .await;
    assert_eq!(retry.status().as_u16(), 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(bot.fake.calls_to("views.publish").len(), 1);
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM outbox WHERE kind = 'home' AND status = 'sent'"),
        1
    );

    let home = bot.fake.published_home("UJA").unwrap();
    assert_eq!(home["type"], "home");
    let text = text_of(&home);
    assert!(text.contains("佐藤 さん、こんにちは"), "{text}");
    assert!(text.contains("更新（Asia/Tokyo）"), "{text}");
}

#[tokio::test]
async fn the_messages_tab_greets_a_person_once() {
    let bot = TestBot::start().await;
    bot.event(&app_home_opened("EvA", "UEN", "messages"), &[])
        .await;
    bot.fake
        .wait_for_calls("chat.postMessage", 1, Duration::from_secs(5))
        .await;
    bot.event(&app_home_opened("EvB", "UEN", "messages"), &[])
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent = bot.fake.messages_to("UEN");
    assert_eq!(sent.len(), 1, "welcomed once, not on every visit");
    assert!(sent[0].text.as_deref().unwrap().contains("Welcome"));
    assert_eq!(
        sent[0].metadata.as_ref().unwrap()["event_payload"]["key"],
        "welcome:UEN",
        "tagged so a crash can be reconciled"
    );
}

#[tokio::test]
async fn the_help_button_opens_a_modal_with_the_trigger_id() {
    let bot = TestBot::start().await;
    let trigger = bot.fake.issue_trigger_id();
    assert_eq!(
        bot.interaction(&block_action("UEN", "home.help", &trigger))
            .await,
        200
    );
    let opened = bot.fake.opened_views();
    assert_eq!(opened.len(), 1);
    assert_eq!(opened[0]["type"], "modal");
    assert!(text_of(&opened[0]).contains("How to use"));

    // Slack's trigger ids work once: a replayed press is acknowledged, and logged, not a 500.
    assert_eq!(
        bot.interaction(&block_action("UEN", "home.help", &trigger))
            .await,
        200
    );
    let calls = bot.fake.calls_to("views.open");
    assert_eq!(calls[1].error(), Some("exchanged_trigger_id"));
    assert_eq!(bot.fake.opened_views().len(), 1);
}

#[tokio::test]
async fn the_refresh_button_republishes_home() {
    let bot = TestBot::start().await;
    let trigger = bot.fake.issue_trigger_id();
    assert_eq!(
        bot.interaction(&block_action("UADMIN", "home.refresh", &trigger))
            .await,
        200
    );
    bot.fake
        .wait_for_calls("views.publish", 1, Duration::from_secs(5))
        .await;
    let text = text_of(&bot.fake.published_home("UADMIN").unwrap());
    assert!(text.contains("You are: program admin, mentee"), "{text}");
}

#[tokio::test]
async fn a_person_slack_cannot_describe_gets_the_workspace_defaults() {
    let bot = TestBot::start().await;
    let (status, reply) = bot.command("UGHOST", "help").await;
    assert_eq!(status, 200);
    let text = text_of(&reply);
    assert!(text.contains("こんにちは"), "default language ja: {text}");
    assert!(text.contains("Asia/Tokyo"), "default zone: {text}");
    assert_eq!(
        bot.count("SELECT described FROM users WHERE id = 'UGHOST'"),
        0
    );
}

#[tokio::test]
async fn a_profile_older_than_a_day_is_refreshed() {
    let bot = TestBot::start().await;
    bot.command("UEN", "help").await;
    assert_eq!(bot.fake.calls_to("users.info").len(), 1);
    // Emma moved to Tokyo and switched Slack to Japanese; our copy is two days old.
    bot.fake.add_user(
        FakeUser::new("UEN")
            .with_name("Emma")
            .with_tz("Asia/Tokyo")
            .with_locale("ja-JP"),
    );
    bot.db()
        .execute(
            "UPDATE users SET refreshed_at = '2000-01-01T00:00:00.000Z' WHERE id = 'UEN'",
            [],
        )
        .unwrap();
    bot.command("UEN", "help").await;
    bot.fake
        .wait_for_calls("users.info", 2, Duration::from_secs(5))
        .await;
    eventually("the refreshed zone stored", || {
        bot.db()
            .query_row("SELECT tz FROM users WHERE id = 'UEN'", [], |r| {
                r.get::<_, String>(0)
            })
            .unwrap()
            == "Asia/Tokyo"
    })
    .await;
    let (_, reply) = bot.command("UEN", "help").await;
    assert!(text_of(&reply).contains("Emma さん"));
}

#[tokio::test]
async fn malformed_bodies_get_a_clear_400_and_change_nothing() {
    let bot = TestBot::start().await;
    let form = "application/x-www-form-urlencoded";
    for (path, body) in [
        ("/slack/commands", "command=%2Fmentor"),
        ("/slack/commands", "user_id=not-a-user&command=%2Fmentor"),
        ("/slack/interactions", "payload=%7Bnot+json"),
        ("/slack/interactions", "nothing=here"),
        (
            "/slack/events",
            "{\"type\":\"event_callback\",\"event\":{\"type\":\"app_home_opened\"}}",
        ),
        ("/slack/events", "\u{0}\u{1}"),
    ] {
        let res = bot.post_signed(path, form, body).await;
        assert_eq!(res.status().as_u16(), 400, "{path} {body}");
        let reason = res.text().await.unwrap();
        assert!(reason.starts_with("malformed"), "{reason}");
    }
    assert_eq!(bot.count("SELECT COUNT(*) FROM outbox"), 0);
    assert_eq!(bot.count("SELECT COUNT(*) FROM processed_events"), 0);
}

#[tokio::test]
async fn health_reports_ok_while_the_database_answers() {
    let bot = TestBot::start().await;
    let res = reqwest::get(format!("{}/healthz", bot.url)).await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.text().await.unwrap(), "ok\n");
    let _ = json!({});
}
