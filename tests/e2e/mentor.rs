//! The mentor's side end to end: certification DM → setup → started and visible; pause,
//! stop; preferred hours with their validation.

use crate::support;

use std::time::Duration;

use chrono::Utc;
use mentor_bot::app::admin::Actor;
use mentor_bot::domain::{QuestionDraft, ThemeDraft, UserId};
use serde_json::{json, Value};
use support::bot::*;

const WAIT: Duration = Duration::from_secs(5);

/// A theme with a required choice question and an optional text question, Emma certified.
async fn certified_emma(bot: &TestBot, with_questions: bool) -> (i64, Vec<i64>) {
    let app = bot.app();
    let now = Utc::now();
    let name = if with_questions {
        "育休からの復帰"
    } else {
        "ゴルフ部"
    };
    let theme = app
        .create_theme(
            &Actor::Cli,
            ThemeDraft::parse(name, Some("programs"), "").unwrap(),
            now,
        )
        .await
        .unwrap();
    let mut questions = Vec::new();
    if with_questions {
        let q1 = QuestionDraft::parse(
            "育休の期間",
            Some("choice"),
            "半年未満\n半年〜1年\n1年以上",
            true,
        )
        .unwrap();
        questions.push(app.add_question(&Actor::Cli, theme, q1, now).await.unwrap());
        let q2 = QuestionDraft::parse("話せること", Some("text"), "", false).unwrap();
        questions.push(app.add_question(&Actor::Cli, theme, q2, now).await.unwrap());
    }
    app.certify(&Actor::Cli, theme, vec![UserId::parse("UEN").unwrap()], now)
        .await
        .unwrap();
    eventually("the certification DM", || {
        bot.fake.messages_to("UEN").len() == 1
    })
    .await;
    (theme, questions)
}

/// Presses the Set up button in Emma's certification DM.
async fn press_setup_in_dm(bot: &TestBot) -> String {
    let dm = &bot.fake.messages_to("UEN")[0];
    let button = dm
        .blocks
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "actions")
        .unwrap()["elements"][0]
        .clone();
    assert_eq!(button["action_id"], "mentor.setup");
    let trigger = bot.fake.issue_trigger_id();
    let mut press = block_action("UEN", "mentor.setup", &trigger);
    press["actions"][0]["value"] = button["value"].clone();
    press["container"] = json!({"type": "message", "channel_id": dm.channel, "message_ts": dm.ts});
    assert_eq!(bot.interaction(&press).await, 200);
    trigger
}

/// Emma presses a per-theme mentor button (`mentor.pause` → `mentor.pause.{theme}`).
async fn press_theme(bot: &TestBot, action: &str, theme: i64) -> u16 {
    bot.press_in_message("UEN", &format!("{action}.{theme}"), &theme.to_string())
        .await
}

/// Presses it and returns what the confirmation says.
async fn press_and_read(bot: &TestBot, action: &str, theme: i64) -> String {
    press_theme(bot, action, theme).await;
    text_of(&bot.view_by_callback("mentor.notice").unwrap_or_default())
}

fn status(bot: &TestBot) -> String {
    bot.db()
        .query_row(
            "SELECT status FROM certifications WHERE user_id = 'UEN'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[tokio::test]
async fn from_the_certification_dm_a_mentor_answers_starts_and_becomes_visible() {
    let bot = TestBot::start().await;
    let (theme, q) = certified_emma(&bot, true).await;
    press_setup_in_dm(&bot).await;
    let form = bot
        .view_by_callback("mentor.setup.save")
        .expect("setup form opened");
    let text = text_of(&form);
    assert!(text.contains("育休の期間 (required)"), "{text}");
    assert!(!text.contains("話せること (required)"));

    // Starting without the required answer: refused, keyed to that question, nothing saved.
    let (a1, a2) = (format!("answer.{}", q[0]), format!("answer.{}", q[1]));
    let missing = view_submission(
        "UEN",
        &form,
        values(vec![
            text_value(&a2, "復帰後の働き方"),
            checked_value("setup.start", &["start"]),
        ]),
    );
    let reply = bot.interaction_reply(&missing).await.1;
    assert_eq!(reply["response_action"], "errors");
    assert_eq!(
        reply["errors"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        [&a1]
    );
    assert_eq!(status(&bot), "certified");
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM mentor_answers"),
        0,
        "nothing half-saved"
    );

    let complete = view_submission(
        "UEN",
        &form,
        values(vec![
            choice_value(&a1, "半年〜1年"),
            text_value(&a2, "育休から復帰して、時短で働いた経験"),
            checked_value("setup.start", &["start"]),
        ]),
    );
    let reply = bot.interaction_reply(&complete).await.1;
    assert_eq!(reply["response_action"], "update");
    let shown = text_of(&reply["view"]);
    assert!(
        shown.contains("You are now mentoring *育休からの復帰*"),
        "{shown}"
    );
    assert!(
        shown.contains("育休から復帰して、時短で働いた経験"),
        "the card shows the answers: {shown}"
    );
    assert_eq!(status(&bot), "started");

    // Visible: the card mentees will get lists the theme; the Home says started.
    let card = bot
        .app()
        .mentor_card(&UserId::parse("UEN").unwrap(), Utc::now())
        .await
        .unwrap();
    assert_eq!(
        card.themes.iter().map(|t| t.theme.id).collect::<Vec<_>>(),
        [theme]
    );
    bot.fake.wait_for_calls("views.publish", 1, WAIT).await;
    let home = text_of(&bot.fake.published_home("UEN").unwrap());
    assert!(home.contains("*育休からの復帰* — started"), "{home}");
    assert!(home.contains("not set your 1on1 hours"), "{home}");
}

#[tokio::test]
async fn a_draft_is_saved_without_starting_and_a_theme_without_questions_starts_in_one_click() {
    let bot = TestBot::start().await;
    let (_, q) = certified_emma(&bot, true).await;
    press_setup_in_dm(&bot).await;
    let form = bot.view_by_callback("mentor.setup.save").unwrap();
    let draft = view_submission(
        "UEN",
        &form,
        values(vec![text_value(&format!("answer.{}", q[1]), "下書き")]),
    );
    let reply = bot.interaction_reply(&draft).await.1;
    assert!(text_of(&reply["view"]).contains("saved. Start mentoring when you are ready"));
    assert_eq!(status(&bot), "certified");
    assert_eq!(bot.count("SELECT COUNT(*) FROM mentor_answers"), 1);

    let bot = TestBot::start().await;
    certified_emma(&bot, false).await;
    let dm = text_of(&bot.fake.messages_to("UEN")[0].blocks);
    assert!(dm.contains("one click"), "{dm}");
    press_setup_in_dm(&bot).await;
    assert_eq!(status(&bot), "started", "one click started it");
    let shown = bot
        .view_by_callback("mentor.notice")
        .expect("confirmation shown");
    assert!(text_of(&shown).contains("You are now mentoring *ゴルフ部*"));
}

#[tokio::test]
async fn a_mentor_pauses_resumes_and_stops_a_theme_from_the_home() {
    let bot = TestBot::start().await;
    let (theme, _) = certified_emma(&bot, false).await;
    press_setup_in_dm(&bot).await;
    assert_eq!(status(&bot), "started");
    press_theme(&bot, "mentor.pause", theme).await;
    assert_eq!(status(&bot), "paused");
    assert!(bot
        .app()
        .mentor_card(&UserId::parse("UEN").unwrap(), Utc::now())
        .await
        .unwrap()
        .themes
        .is_empty());
    press_theme(&bot, "mentor.resume", theme).await;
    assert_eq!(status(&bot), "started");
    press_theme(&bot, "mentor.stop", theme).await;
    assert_eq!(status(&bot), "certified");
    // Someone who is not certified for it cannot touch it (a forged press).
    bot.press_in_message("UJA", &format!("mentor.pause.{theme}"), &theme.to_string())
        .await;
    assert_eq!(status(&bot), "certified");
    let notice = bot.view_by_callback("mentor.notice").unwrap();
    assert!(
        text_of(&notice).contains("メンターではありません"),
        "{}",
        text_of(&notice)
    );
}

#[tokio::test]
async fn a_forged_setup_submission_for_someone_elses_theme_changes_nothing() {
    let bot = TestBot::start().await;
    let (theme, q) = certified_emma(&bot, true).await;
    let view = json!({"id": "VX", "type": "modal", "callback_id": "mentor.setup.save",
                      "private_metadata": json!({"theme": theme}).to_string()});
    let forged = view_submission(
        "UJA",
        &view,
        values(vec![
            choice_value(&format!("answer.{}", q[0]), "1年以上"),
            checked_value("setup.start", &["start"]),
        ]),
    );
    let reply = bot.interaction_reply(&forged).await.1;
    assert_eq!(reply["response_action"], "update");
    assert!(text_of(&reply["view"]).contains("メンターではありません"));
    assert_eq!(bot.count("SELECT COUNT(*) FROM mentor_answers"), 0);
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM certifications WHERE user_id = 'UJA'"),
        0
    );
}

#[tokio::test]
async fn hours_are_validated_per_day_and_saved_as_wall_clock_windows() {
    let bot = TestBot::start().await;
    // Not a mentor yet: told so, no form.
    let (status_code, body) = bot.command_with_trigger("UEN", "hours").await;
    assert_eq!(status_code, 200);
    assert!(body.contains("Hours are for certified mentors"), "{body}");

    certified_emma(&bot, false).await;
    let (_, body) = bot.command_with_trigger("UEN", "hours").await;
    assert_eq!(body, "", "the form opened instead of a message");
    let form = bot.view_by_callback("mentor.hours.save").unwrap();
    assert!(
        text_of(&form).contains("America/New_York"),
        "times are in the mentor's zone"
    );

    let submit = |entries: Vec<(String, Value)>| {
        let mut all = vec![
            choice_value("hours.slot", "30"),
            choice_value("hours.horizon", "28"),
            choice_value("hours.notice", "24"),
        ];
        all.extend(entries);
        view_submission("UEN", &form, values(all))
    };
    let reply = bot
        .interaction_reply(&submit(vec![
            text_value("hours.day.1", "12:00-10:00"),
            text_value("hours.day.3", "10:00-11:00, 10:30-12:00"),
            text_value("hours.day.4", "lunchtime"),
        ]))
        .await
        .1;
    let errors = reply["errors"].as_object().expect("field errors");
    assert_eq!(
        errors.keys().collect::<Vec<_>>(),
        ["hours.day.1", "hours.day.3", "hours.day.4"]
    );
    assert!(errors["hours.day.1"]
        .as_str()
        .unwrap()
        .contains("end is not after the start"));
    assert!(errors["hours.day.3"].as_str().unwrap().contains("overlap"));

    let reply = bot.interaction_reply(&submit(vec![])).await.1;
    assert_eq!(
        reply["errors"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["hours.day.0"],
        "an empty week"
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM mentor_hours"),
        0,
        "nothing saved"
    );

    let reply = bot
        .interaction_reply(&submit(vec![
            text_value("hours.day.1", "10:00-12:00, 14:00-15:00"),
            text_value("hours.day.3", "１０：００〜１１：００"),
            choice_value("hours.cap", "month:4"),
            checked_value("hours.auto", &["auto"]),
        ]))
        .await
        .1;
    assert_eq!(reply["response_action"], "update", "{reply}");
    assert!(text_of(&reply["view"]).contains("Your hours are saved"));
    assert_eq!(bot.count("SELECT COUNT(*) FROM mentor_windows"), 3);
    assert_eq!(bot.count("SELECT auto_accept FROM mentor_hours"), 1);
    let slots = bot
        .app()
        .free_slots(&UserId::parse("UEN").unwrap(), Utc::now())
        .await
        .unwrap();
    assert!(!slots.is_empty());
    // Every slot starts at a wall-clock time inside a window, in New York.
    for slot in &slots {
        let local = slot
            .start
            .with_timezone(&chrono_tz::America::New_York)
            .format("%a %H:%M")
            .to_string();
        assert!(
            [
                "Tue 10:00",
                "Tue 10:30",
                "Tue 11:00",
                "Tue 11:30",
                "Tue 14:00",
                "Tue 14:30",
                "Thu 10:00",
                "Thu 10:30"
            ]
            .contains(&local.as_str()),
            "{local}"
        );
    }
    bot.fake.wait_for_calls("views.publish", 1, WAIT).await;
    eventually("the Home shows the hours", || {
        bot.fake
            .published_home("UEN")
            .is_some_and(|h| text_of(&h).contains("Tue 10:00-12:00, 14:00-15:00"))
    })
    .await;
    let home = text_of(&bot.fake.published_home("UEN").unwrap());
    assert!(
        home.contains("at most 4 per month") && home.contains("accepted automatically"),
        "{home}"
    );
}

#[tokio::test]
async fn the_preview_shows_the_card_with_the_next_free_slot_in_the_readers_zone() {
    let bot = TestBot::start().await;
    let (theme, _) = certified_emma(&bot, false).await;
    press_setup_in_dm(&bot).await;
    bot.press_in_message(
        "UEN",
        &format!("mentor.preview.{theme}"),
        &theme.to_string(),
    )
    .await;
    let preview = text_of(&bot.view_by_callback("mentor.notice").unwrap());
    assert!(
        preview.contains("ゴルフ部") && preview.contains("No free slot"),
        "{preview}"
    );
}

/// The action ids of every button on Emma's newest published Home.
fn home_action_ids(bot: &TestBot) -> Vec<String> {
    let Some(home) = bot.fake.published_home("UEN") else {
        return Vec::new();
    };
    home["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "actions")
        .flat_map(|b| b["elements"].as_array().unwrap().clone())
        .filter_map(|e| e["action_id"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn unticking_start_on_a_started_theme_stops_it_and_the_confirmation_says_so() {
    let bot = TestBot::start().await;
    let (theme, q) = certified_emma(&bot, true).await;
    press_setup_in_dm(&bot).await;
    let form = bot.view_by_callback("mentor.setup.save").unwrap();
    let (a1, a2) = (format!("answer.{}", q[0]), format!("answer.{}", q[1]));
    let answers = |start: bool| {
        let mut entries = vec![
            choice_value(&a1, "半年〜1年"),
            text_value(&a2, "復帰後の働き方"),
        ];
        if start {
            entries.push(checked_value("setup.start", &["start"]));
        }
        values(entries)
    };
    bot.interaction_reply(&view_submission("UEN", &form, answers(true)))
        .await;
    assert_eq!(status(&bot), "started");

    // "Answers" on the Home opens the form with the box ticked, as the theme is started.
    bot.press_in_message(
        "UEN",
        &format!("mentor.answers.{theme}"),
        &theme.to_string(),
    )
    .await;
    let form = bot.view_by_callback("mentor.setup.save").unwrap();
    let start_box = form["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == "setup.start")
        .unwrap();
    assert_eq!(
        start_box["element"]["initial_options"][0]["value"], "start",
        "a started theme opens with Start ticked"
    );

    // Unticked and saved: no longer visible, and the confirmation says so.
    let reply = bot
        .interaction_reply(&view_submission("UEN", &form, answers(false)))
        .await
        .1;
    let shown = text_of(&reply["view"]);
    assert!(shown.contains("you stopped mentoring it"), "{shown}");
    assert!(!shown.contains("You are now mentoring"), "{shown}");
    assert_eq!(status(&bot), "certified");
    assert!(bot
        .app()
        .mentor_card(&UserId::parse("UEN").unwrap(), Utc::now())
        .await
        .unwrap()
        .themes
        .is_empty());
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM mentor_answers"),
        2,
        "answers kept"
    );
}

#[tokio::test]
async fn after_stop_answers_only_opens_the_form_and_start_starts_again_with_a_confirmation() {
    let bot = TestBot::start().await;
    let (theme, _) = certified_emma(&bot, false).await;
    press_setup_in_dm(&bot).await;
    assert_eq!(status(&bot), "started");
    let said = press_and_read(&bot, "mentor.pause", theme).await;
    assert!(said.contains("*ゴルフ部* is paused"), "{said}");
    let said = press_and_read(&bot, "mentor.resume", theme).await;
    assert!(said.contains("mentoring *ゴルフ部* again"), "{said}");
    let said = press_and_read(&bot, "mentor.stop", theme).await;
    assert!(said.contains("You stopped mentoring *ゴルフ部*"), "{said}");
    assert_eq!(status(&bot), "certified");
    eventually("the Home offers Start after Stop", || {
        home_action_ids(&bot).contains(&format!("mentor.start.{theme}"))
    })
    .await;
    assert!(!home_action_ids(&bot).contains(&format!("mentor.pause.{theme}")));

    // "Answers" opens the form and changes nothing by itself.
    bot.press_in_message(
        "UEN",
        &format!("mentor.answers.{theme}"),
        &theme.to_string(),
    )
    .await;
    assert!(bot.view_by_callback("mentor.setup.save").is_some());
    assert_eq!(status(&bot), "certified", "not visible again by itself");

    // "Start" starts it and confirms with the card.
    bot.press_in_message("UEN", &format!("mentor.start.{theme}"), &theme.to_string())
        .await;
    assert_eq!(status(&bot), "started");
    let shown = text_of(&bot.view_by_callback("mentor.notice").unwrap());
    assert!(
        shown.contains("You are now mentoring *ゴルフ部*"),
        "{shown}"
    );
    eventually("the Home offers Pause and Stop again", || {
        home_action_ids(&bot).contains(&format!("mentor.pause.{theme}"))
    })
    .await;
}

#[tokio::test]
async fn hours_typed_with_a_japanese_input_method_are_accepted() {
    let bot = TestBot::start().await;
    let app = bot.app();
    let now = Utc::now();
    let theme = app
        .create_theme(
            &Actor::Cli,
            ThemeDraft::parse("テニス", Some("other"), "").unwrap(),
            now,
        )
        .await
        .unwrap();
    app.certify(&Actor::Cli, theme, vec![UserId::parse("UJA").unwrap()], now)
        .await
        .unwrap();
    let (_, body) = bot.command_with_trigger("UJA", "hours").await;
    assert_eq!(body, "", "the form opened");
    let form = bot.view_by_callback("mentor.hours.save").unwrap();
    let hint = text_of(&form);
    assert!(hint.contains("空欄の日は受け付けなし"), "{hint}");
    assert!(!hint.contains("空欄は不可"), "{hint}");

    // The minus key in Japanese mode types ー; other keyboards type −, ‐ or ｰ.
    let reply = bot
        .interaction_reply(&view_submission(
            "UJA",
            &form,
            values(vec![
                choice_value("hours.slot", "30"),
                choice_value("hours.horizon", "28"),
                choice_value("hours.notice", "24"),
                text_value("hours.day.0", "１０：００ー１２：００"),
                text_value("hours.day.2", "10:00ｰ11:00"),
                text_value("hours.day.4", "13:00−14:00、15:00‐16:00"),
            ]),
        ))
        .await
        .1;
    assert_eq!(reply["response_action"], "update", "{reply}");
    assert_eq!(bot.count("SELECT COUNT(*) FROM mentor_windows"), 4);
    assert_eq!(
        bot.count("SELECT start_minute FROM mentor_windows WHERE day = 0 AND end_minute = 720"),
        600
    );
}

#[tokio::test]
async fn a_stale_home_button_says_nothing_changed_and_answers_never_restart_a_stopped_theme() {
    let bot = TestBot::start().await;
    let (theme, q) = certified_emma(&bot, true).await;
    // Pause pressed on a Home older than a Stop made elsewhere: nothing changes, and it says so.
    press_theme(&bot, "mentor.pause", theme).await;
    let said = text_of(&bot.view_by_callback("mentor.notice").unwrap());
    assert!(said.contains("nothing changed"), "{said}");
    assert_eq!(status(&bot), "certified");

    // "Answers" on a theme not mentored opens with Start unticked: saving keeps it hidden.
    press_theme(&bot, "mentor.answers", theme).await;
    let form = bot.view_by_callback("mentor.setup.save").unwrap();
    let start_box = form["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == "setup.start")
        .unwrap();
    assert!(
        start_box["element"]["initial_options"].is_null(),
        "{start_box}"
    );
    let reply = bot
        .interaction_reply(&view_submission(
            "UEN",
            &form,
            values(vec![choice_value(&format!("answer.{}", q[0]), "半年〜1年")]),
        ))
        .await
        .1;
    assert!(text_of(&reply["view"]).contains("Start mentoring when you are ready"));
    assert_eq!(status(&bot), "certified", "still not visible");
}
