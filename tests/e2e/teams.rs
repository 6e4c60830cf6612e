//! Teams end to end: activities signed by the fake's keys POSTed to `/api/messages`, the
//! bot's answers read from the fake Bot Connector (which validates every card against the
//! Adaptive Card 1.5 schema), and the database checked after each step.

use crate::support::teams::{
    action_titled, actions, button_data, card_of, card_text, choices, kana, liam, teams_uid,
    with_inputs, TeamsBot,
};

use chrono::{Duration, Timelike, Utc};
use fake_teams::{SigningKey, TokenAlg, TokenSpec};
use mentor_bot::domain::Lang;
use mentor_bot::i18n::t;
use serde_json::Value;

use crate::support::bot::eventually;

#[tokio::test]
async fn every_forged_or_wrong_token_is_refused_before_anything_is_read_or_stored() {
    let t = TeamsBot::start().await;
    let user = t.teams.add_user(liam());
    let activity = t.teams.message(&user, "help");
    let service_url = t.teams.service_url();
    let url = t.messages_url();
    let cases: Vec<(&str, Option<String>, u16)> = vec![
        ("no Authorization header", None, 401),
        ("not a bearer token", Some("Basic abc".into()), 401),
        ("garbage", Some("Bearer not.a.jwt".into()), 401),
        (
            "wrong issuer",
            Some(t.teams.token_with(&TokenSpec {
                issuer: Some("https://sts.windows.net/evil/".into()),
                ..TokenSpec::new(&service_url)
            })),
            401,
        ),
        (
            "wrong audience",
            Some(t.teams.token_with(&TokenSpec {
                audience: Some("00000000-0000-0000-0000-000000000000".into()),
                ..TokenSpec::new(&service_url)
            })),
            401,
        ),
        (
            "expired beyond the 5 minutes of skew",
            Some(t.teams.token_with(&TokenSpec {
                expires_in_secs: -400,
                not_before_secs: -4000,
                ..TokenSpec::new(&service_url)
            })),
            401,
        ),
        (
            "serviceurl claim of another service",
            Some(
                t.teams
                    .token_with(&TokenSpec::new("https://smba.trafficmanager.net/amer/"))
                    .to_string(),
            ),
            401,
        ),
        (
            "serviceurl claim missing",
            Some(t.teams.token_with(&TokenSpec {
                service_url: None,
                ..TokenSpec::new(&service_url)
            })),
            401,
        ),
        (
            "unknown kid",
            Some(t.teams.token_with(&TokenSpec {
                key: SigningKey::Unlisted,
                ..TokenSpec::new(&service_url)
            })),
            401,
        ),
        (
            "alg none",
            Some(t.teams.token_with(&TokenSpec {
                alg: TokenAlg::None,
                ..TokenSpec::new(&service_url)
            })),
            401,
        ),
        (
            "HS256 signed with the public key",
            Some(t.teams.token_with(&TokenSpec {
                alg: TokenAlg::Hs256WithPublicKey,
                ..TokenSpec::new(&service_url)
            })),
            401,
        ),
        (
            "a key endorsed for another channel",
            Some(t.teams.token_with(&TokenSpec {
                key: SigningKey::Webchat,
                ..TokenSpec::new(&service_url)
            })),
            403,
        ),
    ];
    for (what, token, expected) in cases {
        let authorization = token.map(|t| {
            if t.starts_with("Bearer ") || t.starts_with("Basic ") {
                t
            } else {
                format!("Bearer {t}")
            }
        });
        let (status, _) = t
            .teams
            .post_with_token(&url, &activity, authorization.as_deref())
            .await;
        assert_eq!(status, expected, "{what}");
    }
    // Within the skew a token is still good, and the one good request is the only one stored.
    let late = format!(
        "Bearer {}",
        t.teams.token_with(&TokenSpec {
            expires_in_secs: -200,
            not_before_secs: -4000,
            ..TokenSpec::new(&service_url)
        })
    );
    let (status, _) = t.teams.post_with_token(&url, &activity, Some(&late)).await;
    assert_eq!(
        status, 200,
        "expired 200 s ago is within the 5 minutes of skew"
    );
    assert_eq!(t.bot.count("SELECT COUNT(*) FROM teams_people"), 1);
    // A malformed body with a good token: 400, nothing stored beyond the one above.
    let (status, _) = t
        .teams
        .post_with_token(
            &url,
            &Value::String("nope".into()),
            Some(&format!("Bearer {}", t.teams.token_for(&service_url))),
        )
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn an_activity_from_a_service_url_host_that_is_not_allowed_is_refused() {
    let t = TeamsBot::start().await;
    let user = t.teams.add_user(liam());
    let mut activity = t.teams.message(&user, "help");
    activity["serviceUrl"] = Value::String("https://evil.example/teams/".into());
    let token = format!(
        "Bearer {}",
        t.teams
            .token_with(&TokenSpec::new("https://evil.example/teams/"))
    );
    let (status, _) = t
        .teams
        .post_with_token(&t.messages_url(), &activity, Some(&token))
        .await;
    assert!(status == 401 || status == 403, "{status}");
    assert_eq!(t.bot.count("SELECT COUNT(*) FROM teams_people"), 0);
    assert!(t.teams.sent().is_empty());
}

#[tokio::test]
async fn installing_the_app_greets_each_person_in_their_language_and_remembers_how_to_reach_them() {
    let t = TeamsBot::start().await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    t.card_containing(&kana, &t_plain(Lang::Ja, "welcome-fallback"))
        .await;
    t.card_containing(&liam, &t_plain(Lang::En, "welcome-fallback"))
        .await;
    // Teams sends a conversationUpdate and an installationUpdate for one install, and may send
    // the install again: one welcome each, ever.
    t.post(&t.teams.installation_update(&kana, "add")).await;
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'welcome:%'"),
        2
    );
    // Typing help (in Japanese too) answers with the help card, times in the reader's zone.
    assert_eq!(t.say(&kana, "ヘルプ").await, 200);
    let help_ja = t
        .card_containing(&kana, &t_plain(Lang::Ja, "help-title-plain"))
        .await;
    assert!(card_text(&help_ja).contains("Asia/Tokyo"), "{help_ja}");
    assert_eq!(t.say(&liam, "help").await, 200);
    let help_en = t
        .card_containing(&liam, &t_plain(Lang::En, "help-title-plain"))
        .await;
    assert!(
        card_text(&help_en).contains("America/New_York"),
        "{help_en}"
    );
    let db = t.bot.db();
    let (conversation, tz, locale, name): (String, String, String, String) = db
        .query_row(
            "SELECT p.conversation_id, u.tz, u.locale, u.display_name FROM teams_people p JOIN users u ON u.id = p.user_id WHERE p.user_id = ?1",
            [teams_uid(&kana).as_str()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(conversation, kana.conversation_id);
    // The zone comes from the message's clientInfo (install events carry none).
    assert_eq!((tz.as_str(), locale.as_str()), ("Asia/Tokyo", "ja-JP"));
    let _ = name;
    // Install events carry no name either: it and the email come from the Connector's member
    // lookup, after the answer.
    eventually("Kana's name and email from the member lookup", || {
        t.bot.count(
            "SELECT COUNT(*) FROM users WHERE email = 'kana@contoso.example' AND display_name = '小林 加奈'",
        ) == 1
    })
    .await;
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

fn t_plain(lang: Lang, key: &str) -> String {
    t(lang, key)
}

#[tokio::test]
async fn the_whole_booking_loop_in_teams_in_japanese_and_english() {
    let t = TeamsBot::start().await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    let kana_id = teams_uid(&kana);
    let liam_id = teams_uid(&liam);
    t.bot
        .started_mentor_with_hours(kana_id.as_str(), "育休からの復帰", "programs", None)
        .await;

    // Liam (English, New York) types "find 育休": the results come at once, as a card.
    assert_eq!(
        t.say(&liam, "find 育休").await,
        200,
        "{:?}",
        t.teams.rejections()
    );
    let results = t.card_containing(&liam, "小林 加奈").await;
    assert!(card_text(&results).contains("育休からの復帰"), "{results}");

    // "Request a 1on1" opens the request dialog: times in New York, choices in English.
    let request = button_data(&results, "booking.request");
    let dialog = t.fetch_dialog(&liam, request.clone()).await;
    let slots = choices(&dialog, "slot");
    assert!(!slots.is_empty(), "{dialog}");
    // Each time is one of Kana's hours in Tokyo (09:00–12:00), shown at New York's time
    // (EST in December: 09:00 in Tokyo is 19:00 the evening before).
    for (label, value) in &slots {
        let start: chrono::DateTime<Utc> = value.parse().unwrap();
        let tokyo = start.with_timezone(&chrono_tz::Asia::Tokyo);
        assert!(
            (9..12).contains(&tokyo.hour()) && tokyo.minute() == 0,
            "{label} {value}"
        );
        let new_york = mentor_bot::i18n::format_datetime(
            Lang::En,
            start.with_timezone(&chrono_tz::America::New_York),
        );
        assert!(
            label.contains(&new_york),
            "{label} is {new_york} in New York"
        );
    }
    let topic = choices(&dialog, "topic")[0].1.clone();
    let response = choices(&dialog, "response")[0].1.clone();

    // Sending without a time: the dialog comes back with the error under the field.
    let submit = action_titled(&dialog, &t_plain(Lang::En, "button-send-plain"))["data"].clone();
    let body = t
        .submit_dialog(
            &liam,
            with_inputs(&submit, &[("topic", &topic), ("response", &response)]),
        )
        .await;
    assert_eq!(body["task"]["type"], "continue", "{body}");
    assert_eq!(t.bot.count("SELECT COUNT(*) FROM one_on_ones"), 0);

    let body = t
        .submit_dialog(
            &liam,
            with_inputs(
                &submit,
                &[
                    ("slot", &slots[0].1),
                    ("topic", &topic),
                    ("response", &response),
                    ("note", "Back in April"),
                ],
            ),
        )
        .await;
    assert_eq!(body["task"]["type"], "message", "{body}");
    let (status, mentee, mentor): (String, String, String) = t
        .bot
        .db()
        .query_row(
            "SELECT status, mentee_id, mentor_id FROM one_on_ones",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (status.as_str(), mentee.as_str(), mentor.as_str()),
        ("requested", liam_id.as_str(), kana_id.as_str())
    );

    // Kana (Japanese, Tokyo) gets the request in Japanese and accepts on the card.
    let request_card = t.card_containing(&kana, "Liam Walsh").await;
    assert!(
        card_text(&request_card).contains("Back in April"),
        "{request_card}"
    );
    let accepted = t
        .execute(&kana, button_data(&request_card, "booking.accept"))
        .await;
    assert!(
        card_text(&accepted).contains(&t_plain(Lang::Ja, "booking-accepted")),
        "{accepted}"
    );
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'confirmed'"),
        1
    );

    // Both get the confirmation, with the Teams meeting link for both attendees at the time.
    for (user, other) in [(&liam, "小林 加奈"), (&kana, "Liam Walsh")] {
        let confirmed = wait_for_meeting_link(&t, user).await;
        assert!(card_text(&confirmed).contains(other), "{confirmed}");
        let link = actions(&confirmed)
            .into_iter()
            .find_map(|a| {
                a["url"]
                    .as_str()
                    .filter(|u| u.contains("/l/meeting/new"))
                    .map(str::to_string)
            })
            .unwrap();
        assert!(
            link.contains("kana%40contoso.example") || link.contains("kana@contoso.example"),
            "{link}"
        );
        assert!(
            link.contains("liam%40contoso.example") || link.contains("liam@contoso.example"),
            "{link}"
        );
    }
    // The request card Kana pressed was replaced by its outcome, in place (no new message).
    eventually("the request card closed", || {
        t.teams
            .sent()
            .iter()
            .any(|s| s.updated && s.conversation_id == kana.conversation_id)
    })
    .await;

    // A day before: the reminder to Liam, and to Kana with the brief (Liam's note).
    let start: chrono::DateTime<Utc> = {
        let s: String = t
            .bot
            .db()
            .query_row("SELECT starts_at FROM one_on_ones", [], |r| r.get(0))
            .unwrap();
        s.parse().unwrap()
    };
    t.run_due(start - Duration::days(1) + Duration::minutes(1))
        .await;
    let brief = t.card_containing(&kana, "Back in April").await;
    assert!(brief != request_card, "the brief is its own card");
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

async fn wait_for_meeting_link(t: &TeamsBot, user: &fake_teams::User) -> Value {
    let found = || {
        t.chat(user)
            .into_iter()
            .rev()
            .map(|a| card_of(&a))
            .find(|c| {
                actions(c).iter().any(|a| {
                    a["url"]
                        .as_str()
                        .is_some_and(|u| u.contains("/l/meeting/new"))
                })
            })
    };
    eventually("a card with the Teams meeting link", || found().is_some()).await;
    found().unwrap()
}

#[tokio::test]
async fn a_teams_mentee_books_a_slack_mentor_and_each_reads_their_own_language_and_zone() {
    let t = TeamsBot::start().await;
    let liam = t.installed(liam()).await;
    // 佐藤 (UJA) mentors in Slack, in Japanese, in Tokyo.
    t.bot
        .started_mentor_with_hours("UJA", "育休からの復帰", "programs", None)
        .await;
    let dialog = crate::support::teams_flow::open_request(&t, &liam).await;
    crate::support::teams_flow::submit_request(&t, &liam, &dialog, 0).await;

    // The request reaches 佐藤 in Slack, in Japanese, naming Liam (no Slack id: his name).
    let dm = t.bot.dm_containing("UJA", "Liam Walsh").await;
    let blocks = serde_json::to_string(&dm.blocks).unwrap();
    assert!(
        !blocks.contains("<@MT"),
        "a Teams person is never a Slack mention: {blocks}"
    );
    let id: i64 = t
        .bot
        .db()
        .query_row("SELECT id FROM one_on_ones", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        t.bot
            .press_in_message("UJA", &format!("booking.accept.{id}"), &id.to_string())
            .await,
        200
    );
    eventually("confirmed", || {
        t.bot
            .count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'confirmed'")
            == 1
    })
    .await;

    // The confirmation reaches Liam in Teams, in English, at New York time.
    let confirmed = wait_for_meeting_link(&t, &liam).await;
    let text = card_text(&confirmed);
    assert!(text.contains("佐藤"), "{text}");
    let start: chrono::DateTime<Utc> = {
        let s: String = t
            .bot
            .db()
            .query_row("SELECT starts_at FROM one_on_ones", [], |r| r.get(0))
            .unwrap();
        s.parse().unwrap()
    };
    let local = mentor_bot::i18n::format_datetime(
        Lang::En,
        start.with_timezone(&chrono_tz::America::New_York),
    );
    assert!(text.contains(&local), "{local} in {text}");
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn a_teams_only_deployment_books_and_confirms_without_any_slack() {
    let t = TeamsBot::start_with(|c| c.slack = None).await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    t.bot
        .started_mentor_with_hours(
            teams_uid(&kana).as_str(),
            "育休からの復帰",
            "programs",
            None,
        )
        .await;
    // Slack's endpoints are not there; the health check is.
    let health = reqwest::get(format!("{}/healthz", t.bot.url))
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let slack = t
        .bot
        .post_signed(
            "/slack/commands",
            "application/x-www-form-urlencoded",
            "text=help",
        )
        .await;
    assert_eq!(slack.status(), 404);

    let dialog = crate::support::teams_flow::open_request(&t, &liam).await;
    crate::support::teams_flow::submit_request(&t, &liam, &dialog, 0).await;
    let request = t.card_containing(&kana, "Liam Walsh").await;
    t.execute(&kana, button_data(&request, "booking.accept"))
        .await;
    wait_for_meeting_link(&t, &liam).await;
    assert!(t.bot.fake.calls().is_empty(), "nothing reached Slack");
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn a_message_the_bot_framework_delivers_twice_is_answered_once() {
    let t = TeamsBot::start().await;
    let liam = t.installed(liam()).await;
    let message = t.teams.message(&liam, "help");
    assert_eq!(t.post(&message).await.0, 200);
    assert_eq!(t.post(&message).await.0, 200);
    t.card_containing(&liam, &t_plain(Lang::En, "help-title-plain"))
        .await;
    let helps = t
        .chat(&liam)
        .iter()
        .filter(|a| card_text(&card_of(a)).contains(&t_plain(Lang::En, "help-title-plain")))
        .count();
    assert_eq!(helps, 1);
}

#[tokio::test]
async fn the_home_card_appears_when_asked_for_and_is_then_refreshed_in_place() {
    let t = TeamsBot::start().await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    let theme = t
        .bot
        .started_mentor_with_hours(
            teams_uid(&kana).as_str(),
            "育休からの復帰",
            "programs",
            None,
        )
        .await;
    let homes = |user: &fake_teams::User| {
        t.chat(user)
            .iter()
            .filter(|a| {
                actions(&card_of(a))
                    .iter()
                    .any(|b| b["data"]["mb_action"] == "home.refresh")
            })
            .count()
    };
    // Certifying Kana and saving her hours refresh her Home: she never asked for one, so
    // nothing is posted in her chat.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(homes(&kana), 0);

    assert_eq!(t.say(&kana, "ホーム").await, 200);
    assert_eq!(homes(&kana), 1);
    let posted = t.teams.sent().len();

    // Liam requests a 1on1: Kana's Home card (same message) now lists the request.
    let start = mentor_bot::app::App::free_slots(t.bot.app(), &teams_uid(&kana), Utc::now())
        .await
        .unwrap()[0]
        .start;
    t.bot
        .app()
        .request_one_on_one(
            &teams_uid(&liam),
            &teams_uid(&kana),
            theme,
            crate::support::world::draft(start),
            Utc::now(),
        )
        .await
        .unwrap();
    eventually("Kana's Home card updated in place", || {
        t.teams.sent().iter().skip(posted).any(|s| {
            s.updated
                && s.conversation_id == kana.conversation_id
                && card_text(&card_of(&s.activity)).contains("Liam Walsh")
        })
    })
    .await;
    assert_eq!(homes(&kana), 1, "still one Home card in the chat");
    assert_eq!(homes(&liam), 0, "Liam never asked for his");
}
