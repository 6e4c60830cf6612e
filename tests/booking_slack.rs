//! 1on1s through Slack: /mentor find → results → request → the mentor's DM → accept, and a
//! race of signed submissions for one slot.

mod support;

use std::time::Duration;

use chrono::Utc;
use mentor_bot::app::admin::Actor;
use mentor_bot::domain::availability::{Hours, Window};
use mentor_bot::domain::booking::RequestDraft;
use mentor_bot::domain::{QuestionDraft, ThemeDraft, UserId};
use serde_json::{json, Value};
use support::bot::*;
use support::fake_slack::FakeUser;

const WAIT: Duration = Duration::from_secs(10);

/// Emma (New York) mentors 「育休からの復帰」 every day 09:00–12:00, hourly slots.
async fn emma_mentors(bot: &TestBot) -> i64 {
    let app = bot.app();
    let now = Utc::now();
    let theme = app
        .create_theme(
            &Actor::Cli,
            ThemeDraft::parse("育休からの復帰", Some("programs"), "").unwrap(),
            now,
        )
        .await
        .unwrap();
    let q = app
        .add_question(
            &Actor::Cli,
            theme,
            QuestionDraft::parse("話せること", Some("text"), "", false).unwrap(),
            now,
        )
        .await
        .unwrap();
    let emma = UserId::parse("UEN").unwrap();
    app.certify(&Actor::Cli, theme, vec![emma.clone()], now)
        .await
        .unwrap();
    app.save_answers(
        &emma,
        theme,
        vec![(q, "育休から復帰して時短で働いた経験".into())],
        true,
        now,
    )
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
    app.save_hours(&emma, hours, now).await.unwrap();
    theme
}

fn first_slot(form: &Value) -> String {
    let select = form["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == "booking.slot")
        .unwrap();
    select["element"]["option_groups"][0]["options"][0]["value"]
        .as_str()
        .unwrap()
        .to_string()
}

fn request_values(slot: &str, note: &str) -> Value {
    values(vec![
        choice_value("booking.slot", slot),
        choice_value("booking.topic", "career"),
        choice_value("booking.response", "think_together"),
        text_value("booking.note", note),
    ])
}

#[tokio::test]
async fn a_mentee_finds_a_mentor_requests_a_1on1_and_the_mentor_accepts_from_the_dm() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let (_, body) = bot.command_with_trigger("UJA", "find 育休").await;
    assert_eq!(body, "");
    let find = bot
        .view_by_callback("booking.find.search")
        .expect("search form");
    assert_eq!(
        find["blocks"][1]["element"]["initial_value"], "育休",
        "the words are carried over"
    );

    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &find,
            values(vec![text_value("find.words", "育休")]),
        ))
        .await;
    assert_eq!(reply["response_action"], "update");
    let results = text_of(&reply["view"]);
    assert!(
        results.contains("<@UEN>") && results.contains("時短"),
        "{results}"
    );
    assert!(
        results.contains("次の空き枠"),
        "next free slot, in Japanese"
    );

    let mut results_view = reply["view"].clone();
    results_view["id"] = json!("VRESULTS");
    bot.press(
        "UJA",
        &format!("booking.request.UEN.{theme}"),
        &format!("UEN:{theme}"),
        &results_view,
    )
    .await;
    let form = bot
        .view_by_callback("booking.request.send")
        .expect("request form pushed");
    assert!(
        text_of(&form).contains("Asia/Tokyo"),
        "times in the mentee's zone"
    );

    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &form,
            request_values(&first_slot(&form), "復帰後のキャリアについて"),
        ))
        .await;
    assert_eq!(reply["response_action"], "update", "{reply}");
    assert!(text_of(&reply["view"]).contains("依頼を送りました"));
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM memo_entries"),
        1,
        "the note starts the shared memo"
    );

    eventually("the mentor's request DM", || {
        bot.fake.messages_to("UEN").len() == 2
    })
    .await;
    let dm = &bot.fake.messages_to("UEN")[1];
    let text = text_of(&dm.blocks);
    assert!(
        text.contains("<@UJA> requests a 1on1")
            && text.contains("Future career")
            && text.contains("Think it through with me"),
        "{text}"
    );
    let accept = dm
        .blocks
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "actions")
        .unwrap()["elements"][0]
        .clone();
    bot.press_in_message(
        "UEN",
        accept["action_id"].as_str().unwrap(),
        accept["value"].as_str().unwrap(),
    )
    .await;
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'confirmed'"),
        1
    );
    eventually("both confirmed with an invite", || {
        bot.fake.shared_files("UJA").len() == 1 && bot.fake.shared_files("UEN").len() == 1
    })
    .await;
    bot.fake.wait_for_calls("views.publish", 1, WAIT).await;
}

#[tokio::test]
async fn many_simultaneous_submissions_for_one_slot_make_one_booking_and_every_loser_is_told() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let mentees: Vec<String> = (0..8).map(|i| format!("URACE{i}")).collect();
    for m in &mentees {
        bot.fake.add_user(FakeUser::new(m));
    }
    let form = json!({"id": "VREQ", "type": "modal", "callback_id": "booking.request.send",
                      "private_metadata": json!({"mentor": "UEN", "theme": theme}).to_string()});
    let slot = bot
        .app()
        .free_slots(&UserId::parse("UEN").unwrap(), Utc::now())
        .await
        .unwrap()[0]
        .start
        .timestamp()
        .to_string();
    let bot = &bot;
    let submissions = mentees.iter().map(|m| {
        let payload = view_submission(m, &form, request_values(&slot, &format!("note from {m}")));
        async move { bot.interaction_reply(&payload).await.1 }
    });
    let replies = futures::future::join_all(submissions).await;
    let sent = replies
        .iter()
        .filter(|r| r["view"]["callback_id"] == "booking.done")
        .count();
    let taken: Vec<&Value> = replies
        .iter()
        .filter(|r| r["view"]["callback_id"] == "booking.request.send")
        .collect();
    assert_eq!((sent, taken.len()), (1, 7), "{replies:?}");
    for reply in taken {
        let text = text_of(&reply["view"]);
        assert!(
            text.contains("just taken") || text.contains("たった今埋まりました"),
            "{text}"
        );
        // What they typed is kept, and the taken time is no longer offered.
        let note = reply["view"]["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["block_id"] == "booking.note")
            .unwrap();
        assert!(note["element"]["initial_value"]
            .as_str()
            .unwrap()
            .starts_with("note from URACE"));
        assert_ne!(first_slot(&reply["view"]), slot);
    }
    assert_eq!(bot.count("SELECT COUNT(*) FROM one_on_ones"), 1);
}

#[tokio::test]
async fn with_hundreds_of_themes_the_filter_searches_as_you_type() {
    let bot = TestBot::start().await;
    let now = Utc::now();
    for i in 0..120 {
        let name = if i == 7 {
            "育休からの復帰".to_string()
        } else {
            format!("テーマ{i:03}")
        };
        bot.app()
            .create_theme(
                &Actor::Cli,
                ThemeDraft::parse(&name, Some("work"), "").unwrap(),
                now,
            )
            .await
            .unwrap();
    }
    bot.command_with_trigger("UJA", "find").await;
    let form = bot.view_by_callback("booking.find.search").unwrap();
    assert_eq!(form["blocks"][0]["element"]["type"], "external_select");

    let mut suggestion = block_action("UJA", "find.theme", "unused");
    suggestion["type"] = json!("block_suggestion");
    suggestion["action_id"] = json!("find.theme");
    suggestion["block_id"] = json!("find.theme");
    suggestion["value"] = json!("育休");
    suggestion["view"] = form.clone();
    let (status, options) = bot.interaction_reply(&suggestion).await;
    assert_eq!(status, 200);
    let offered: Vec<&str> = options["option_groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["options"].as_array().unwrap())
        .map(|o| o["text"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(offered, ["育休からの復帰"]);
    suggestion["value"] = json!("");
    let (_, all) = bot.interaction_reply(&suggestion).await;
    let count: usize = all["option_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["options"].as_array().unwrap().len())
        .sum();
    assert_eq!(count, 100, "at most 100 options at a time");
}

#[tokio::test]
async fn buttons_on_the_home_tab_open_modals_rather_than_pushing() {
    let bot = TestBot::start().await;
    emma_mentors(&bot).await;
    let home = json!({"id": "VHOME", "type": "home", "callback_id": ""});
    bot.press("UJA", "booking.find", "find", &home).await;
    let opened = bot.fake.calls_to("views.open");
    assert_eq!(
        opened.len(),
        1,
        "views.open, not views.push (which needs an open modal)"
    );
    assert_eq!(opened[0].error(), None);
    assert!(bot.fake.calls_to("views.push").is_empty());
}

#[tokio::test]
async fn a_calendar_invite_interrupted_by_a_crash_is_shared_once() {
    let mut bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let (emma, sato) = (UserId::parse("UEN").unwrap(), UserId::parse("UJA").unwrap());
    let now = Utc::now();
    let slot = bot.app().free_slots(&emma, now).await.unwrap()[0].start;
    let draft = RequestDraft::parse(
        Some(&slot.timestamp().to_string()),
        Some("career"),
        "",
        Some("think_together"),
        "復帰後のキャリアについて",
        &[],
    )
    .unwrap();
    let (one, _) = bot
        .app()
        .request_one_on_one(&sato, &emma, theme, draft, now)
        .await
        .unwrap();
    // Slack shares the first invite, but the bot dies before it hears back.
    bot.fake
        .delay_response("files.completeUploadExternal", Duration::from_secs(30));
    bot.app().accept_request(&emma, one.id, now).await.unwrap();
    bot.fake
        .wait_for_calls("files.completeUploadExternal", 1, WAIT)
        .await;
    bot.kill().await;
    assert_eq!(
        bot.count(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'invite:%' AND status = 'sending'"
        ),
        1,
        "the crash left one invite in doubt"
    );

    bot.fake.clear_faults();
    bot.restart().await;
    eventually("both invites settled", || {
        bot.count(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'invite:%' AND status = 'sent'",
        ) == 2
    })
    .await;

    for user in ["UEN", "UJA"] {
        assert_eq!(
            bot.fake.shared_files(user).len(),
            1,
            "{user} got one invite"
        );
    }
    assert_eq!(
        bot.fake.calls_to("files.completeUploadExternal").len(),
        2,
        "the invite in doubt was not uploaded again"
    );
    assert!(
        !bot.fake.calls_to("files.list").is_empty(),
        "it asked Slack first"
    );
}
