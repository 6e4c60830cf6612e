//! Finding a mentor through Slack: `/mentor find <words>` opens the form with the results
//! below it at once, best matches first (theme name before answers, then the earliest free
//! slot), every started mentor is findable however they were certified, and under overload
//! the bot answers "busy, try again" instead of letting requests time out.

use std::time::Duration;

use chrono::{Datelike, Utc};
use mentor_bot::app::admin::Actor;
use mentor_bot::app::import::{ImportOutcome, NoProgress};
use mentor_bot::domain::availability::{Hours, Window};
use mentor_bot::domain::{QuestionDraft, ThemeDraft, UserId};
use serde_json::Value;

use crate::support::bot::*;
use crate::support::fake_slack::FakeUser;

/// A new live theme, with one optional text question when `question` is given.
pub(crate) async fn theme(bot: &TestBot, name: &str, question: Option<&str>) -> (i64, Option<i64>) {
    let app = bot.app();
    let now = Utc::now();
    let draft = ThemeDraft::parse(name, Some("work"), "").unwrap();
    let id = app.create_theme(&Actor::Cli, draft, now).await.unwrap();
    let question = match question {
        Some(label) => {
            let q = QuestionDraft::parse(label, Some("text"), "", false).unwrap();
            Some(app.add_question(&Actor::Cli, id, q, now).await.unwrap())
        }
        None => None,
    };
    (id, question)
}

/// When a mentor is free: every day all day (their next slot is about a day ahead, after the
/// notice), or only on the weekday four days from now (their next slot is days later).
#[derive(Clone, Copy)]
pub(crate) enum Free {
    Soon,
    Later,
}

/// `user` (in Tokyo) mentors `theme`, started, with `answer` to its question if given.
pub(crate) async fn mentor(
    bot: &TestBot,
    user: &str,
    theme: (i64, Option<i64>),
    answer: &str,
    free: Free,
) {
    bot.fake
        .add_user(FakeUser::new(user).with_name(user).with_tz("Asia/Tokyo"));
    let app = bot.app();
    let now = Utc::now();
    let id = UserId::parse(user).unwrap();
    app.certify(&Actor::Cli, theme.0, vec![id.clone()], now)
        .await
        .unwrap();
    let answers = theme
        .1
        .filter(|_| !answer.is_empty())
        .map(|q| vec![(q, answer.to_string())])
        .unwrap_or_default();
    app.save_answers(&id, theme.0, answers, true, now)
        .await
        .unwrap();
    app.save_hours(&id, hours(free), now).await.unwrap();
}

fn hours(free: Free) -> Hours {
    let later = (Utc::now() + chrono::Duration::days(4))
        .with_timezone(&chrono_tz::Asia::Tokyo)
        .weekday()
        .num_days_from_monday() as u8;
    let days: Vec<u8> = match free {
        Free::Soon => (0..7).collect(),
        Free::Later => vec![later],
    };
    Hours {
        windows: days
            .into_iter()
            .map(|day| Window {
                day,
                start: 0,
                end: 1440,
            })
            .collect(),
        slot_minutes: 60,
        ..Hours::default()
    }
}

/// Runs `/mentor <text>` and returns the modal it opened (the form above the results).
pub(crate) async fn find(bot: &TestBot, user: &str, text: &str) -> Value {
    let (status, body) = bot.command_with_trigger(user, text).await;
    assert_eq!(
        (status, body.as_str()),
        (200, ""),
        "acknowledged with nothing to show"
    );
    bot.view_by_callback("booking.results")
        .expect("the form with its results, without pressing Search")
}

/// The mentors a view shows, in order.
pub(crate) fn mentors_shown(view: &Value) -> Vec<String> {
    let text = text_of(view);
    let mut found: Vec<(usize, String)> = regex::Regex::new(r"<@(U[A-Z0-9]+)>")
        .unwrap()
        .captures_iter(&text)
        .map(|c| (c.get(0).unwrap().start(), c[1].to_string()))
        .collect();
    found.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, user) in found {
        if !out.contains(&user) {
            out.push(user);
        }
    }
    out
}

#[tokio::test]
async fn a_theme_named_like_the_search_ranks_before_answers_that_mention_it() {
    let bot = TestBot::start().await;
    let architecture = theme(&bot, "Backend Architecture", Some("Experience")).await;
    let testing = theme(&bot, "Backend Testing", None).await;
    for user in ["UARCH1", "UARCH2", "UARCH3"] {
        mentor(
            &bot,
            user,
            architecture,
            "I do a lot of testing",
            Free::Soon,
        )
        .await;
    }
    mentor(&bot, "UTESTLATE", testing, "", Free::Later).await;
    mentor(&bot, "UTESTSOON", testing, "", Free::Soon).await;

    let view = find(&bot, "UEN", "find backend testing").await;

    assert_eq!(
        mentors_shown(&view),
        ["UTESTSOON", "UTESTLATE", "UARCH1", "UARCH2", "UARCH3"],
        "the theme's mentors first (the earlier free slot first), then answers that mention it"
    );
    assert_eq!(
        view["blocks"][1]["element"]["initial_value"], "backend testing",
        "the form stays above the results to refine them"
    );
}

#[tokio::test]
async fn a_short_japanese_word_in_a_theme_name_ranks_before_the_same_word_in_an_answer() {
    let bot = TestBot::start().await;
    let leave = theme(&bot, "育休と復帰", None).await;
    let career = theme(&bot, "キャリア", Some("話せること")).await;
    mentor(&bot, "UCAREER", career, "育休を二回取りました", Free::Soon).await;
    mentor(&bot, "ULEAVE", leave, "", Free::Later).await;
    mentor(&bot, "UOTHER", career, "転職の話", Free::Soon).await;

    let view = find(&bot, "UJA", "find 育休").await;

    assert_eq!(mentors_shown(&view), ["ULEAVE", "UCAREER"]);
    assert!(text_of(&view).contains("次の空き枠"), "in Japanese");
}

#[tokio::test]
async fn find_alone_shows_the_form_and_the_mentors_free_soonest() {
    let bot = TestBot::start().await;
    let t = theme(&bot, "Public Speaking", None).await;
    mentor(&bot, "ULATER", t, "", Free::Later).await;
    mentor(&bot, "USOONER", t, "", Free::Soon).await;

    let view = find(&bot, "UEN", "find").await;

    assert_eq!(mentors_shown(&view), ["USOONER", "ULATER"]);
    assert_eq!(
        view["blocks"][0]["block_id"], "find.theme",
        "the form on top"
    );
    assert_eq!(view["submit"]["text"], "Search");
}

#[tokio::test]
async fn a_mentor_imported_as_started_without_answers_is_found_by_words() {
    let bot = TestBot::start().await;
    theme(&bot, "Data Engineering", Some("Experience")).await;
    bot.fake.add_user(
        FakeUser::new("UCSV")
            .with_name("Casey")
            .with_tz("Asia/Tokyo"),
    );
    let csv = "person,theme,started\nUCSV,Data Engineering,yes\n";
    let outcome = bot
        .app()
        .import_mentors(
            &Actor::Cli,
            csv.as_bytes().to_vec(),
            None,
            &NoProgress,
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(matches!(outcome, ImportOutcome::Imported(_)));
    let casey = UserId::parse("UCSV").unwrap();
    bot.app()
        .save_hours(&casey, hours(Free::Soon), Utc::now())
        .await
        .unwrap();
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM mentor_search s JOIN certifications c ON c.id = s.rowid WHERE c.user_id = 'UCSV'"),
        1,
        "indexed when certified"
    );

    let view = find(&bot, "UEN", "find engineering").await;

    assert_eq!(mentors_shown(&view), ["UCSV"]);
}

#[tokio::test]
async fn the_next_page_and_a_refined_search_come_from_the_same_modal() {
    let bot = TestBot::start().await;
    let t = theme(&bot, "Mentoring Basics", Some("Experience")).await;
    for i in 0..6 {
        let answer = if i == 5 { "kanban boards" } else { "scrum" };
        mentor(&bot, &format!("UPAGE{i}"), t, answer, Free::Soon).await;
    }
    let view = find(&bot, "UEN", "find mentoring").await;
    assert_eq!(mentors_shown(&view).len(), 5, "one page");
    assert!(text_of(&view).contains("Page 1"), "{}", text_of(&view));

    let updates = bot.fake.calls_to("views.update").len();
    bot.press("UEN", "booking.page.1", "1", &view).await;
    let calls = bot
        .fake
        .wait_for_calls("views.update", updates + 1, Duration::from_secs(5))
        .await;
    let second = calls.last().unwrap().response["view"].clone();
    assert_eq!(
        mentors_shown(&second),
        ["UPAGE5"],
        "the sixth mentor on page 2: {}",
        text_of(&second)
    );

    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UEN",
            &view,
            values(vec![text_value("find.words", "kanban")]),
        ))
        .await;
    assert_eq!(reply["response_action"], "update");
    assert_eq!(mentors_shown(&reply["view"]), ["UPAGE5"]);
}

#[tokio::test]
async fn under_overload_find_answers_busy_politely_and_every_request_gets_an_answer() {
    let bot = TestBot::start_with(|c| c.slack.as_mut().unwrap().max_pending = 2).await;
    let t = theme(&bot, "Negotiation", None).await;
    mentor(&bot, "UNEGO", t, "", Free::Soon).await;
    // Slack is slow: each modal takes a while to open, so requests pile up.
    bot.fake
        .delay_response("views.open", Duration::from_millis(1500));

    let asked = 8;
    let answers = futures::future::join_all(
        (0..asked).map(|_| bot.command_with_trigger("UJA", "find negotiation")),
    )
    .await;

    let busy: Vec<&String> = answers
        .iter()
        .filter(|(status, body)| *status == 200 && !body.is_empty())
        .map(|(_, body)| body)
        .collect();
    let acked = answers
        .iter()
        .filter(|(status, body)| *status == 200 && body.is_empty())
        .count();
    assert_eq!(busy.len() + acked, asked, "every request answered 200");
    assert!(!busy.is_empty(), "some were refused at once: {answers:?}");
    assert!(acked >= 2, "as many as may wait were taken: {answers:?}");
    for body in &busy {
        let reply: Value = serde_json::from_str(body).unwrap();
        assert_eq!(reply["response_type"], "ephemeral");
        assert!(
            text_of(&reply).contains("混み合っています"),
            "polite, in the person's language: {reply}"
        );
    }
    bot.fake
        .wait_for_calls("views.open", acked, Duration::from_secs(10))
        .await;
    assert_eq!(
        bot.fake.calls_to("views.open").len(),
        acked,
        "every acknowledged request got its modal, and no refused one did"
    );

    // Once the slow modals are open there is room again.
    bot.fake.clear_faults();
    let mut served = false;
    for _ in 0..50 {
        let (_, body) = bot.command_with_trigger("UJA", "find negotiation").await;
        if body.is_empty() {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(served, "served again after the burst");
}

#[tokio::test]
async fn with_a_few_dozen_themes_the_modal_carries_a_type_ahead_and_its_choice_filters() {
    let bot = TestBot::start().await;
    let wanted = theme(&bot, "Kubernetes", None).await;
    let other = theme(&bot, "Kanban", None).await;
    for i in 0..28 {
        theme(&bot, &format!("Theme {i:02}"), None).await;
    }
    mentor(&bot, "UKUBE", wanted, "", Free::Later).await;
    mentor(&bot, "UKANBAN", other, "", Free::Soon).await;

    let view = find(&bot, "UEN", "find").await;

    assert_eq!(view["blocks"][0]["element"]["type"], "external_select");
    let size = view.to_string().len();
    assert!(size < 8_000, "no theme list in every modal: {size} bytes");
    assert_eq!(mentors_shown(&view), ["UKANBAN", "UKUBE"]);
    let chosen = (
        "find.theme".to_string(),
        serde_json::json!({"find.theme": {
            "type": "external_select",
            "selected_option": {"text": {"type": "plain_text", "text": "Kubernetes"},
                                "value": wanted.0.to_string()}
        }}),
    );
    let (_, reply) = bot
        .interaction_reply(&view_submission("UEN", &view, values(vec![chosen])))
        .await;
    assert_eq!(reply["response_action"], "update");
    assert_eq!(mentors_shown(&reply["view"]), ["UKUBE"]);
}

#[tokio::test]
async fn a_card_shows_an_answer_shared_by_several_themes_once_and_a_request_menu_of_its_themes() {
    let bot = TestBot::start().await;
    let backend = theme(&bot, "Backend Testing", Some("Profile")).await;
    let mobile = theme(&bot, "Mobile Testing", Some("Profile")).await;
    let people = theme(&bot, "People Management", Some("Profile")).await;
    // As a CSV import leaves it: the same profile for two of Mina's themes.
    let profile = "Architect at Hooli; I test everything twice.";
    mentor(&bot, "UMINA", backend, profile, Free::Soon).await;
    mentor(&bot, "UMINA", mobile, profile, Free::Soon).await;
    mentor(&bot, "UMINA", people, "Led a team of twelve.", Free::Soon).await;

    let view = find(&bot, "UEN", "find testing").await;

    let card: Vec<&Value> = view["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| {
            b["block_id"]
                .as_str()
                .is_some_and(|id| id.starts_with("card.0"))
        })
        .collect();
    let text = card[0]["text"]["text"].as_str().unwrap();
    assert_eq!(card[0]["type"], "section", "one section for the whole card");
    assert_eq!(
        text.matches(profile).count(),
        1,
        "the shared answer once: {text}"
    );
    assert!(text.contains("Led a team of twelve."), "{text}");
    for name in ["Backend Testing", "Mobile Testing", "People Management"] {
        assert!(
            text.contains(&format!("*{name}*")),
            "{name} on the card: {text}"
        );
    }
    assert!(text.contains("Next free slot:"), "{text}");
    // One Request control beside the name: a select with an option per theme.
    assert_eq!(card.len(), 1, "no row of buttons under the card");
    let menu = &card[0]["accessory"];
    assert_eq!(menu["type"], "static_select", "{menu}");
    assert_eq!(menu["action_id"], "booking.request.UMINA");
    assert_eq!(menu["placeholder"]["text"], "Request a 1on1…");
    let options: Vec<(&str, &str)> = menu["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["text"]["text"].as_str().unwrap(),
                o["value"].as_str().unwrap(),
            )
        })
        .collect();
    let request = |theme: (i64, Option<i64>)| format!("UMINA:{}", theme.0);
    // In the card's order: the themes sharing the profile, then the other one.
    assert_eq!(
        options,
        [
            ("Backend Testing", request(backend).as_str()),
            ("Mobile Testing", request(mobile).as_str()),
            ("People Management", request(people).as_str()),
        ]
    );

    // Choosing a theme in the menu opens that theme's request form.
    let mut results = view.clone();
    results["id"] = serde_json::json!("VRESULTS");
    bot.select("UEN", "booking.request.UMINA", &request(mobile), &results)
        .await;
    let form = bot
        .view_by_callback("booking.request.send")
        .expect("request form pushed");
    let form_text = text_of(&form);
    assert!(
        form_text.contains("Mobile Testing") && !form_text.contains("Backend Testing"),
        "{form_text}"
    );
}

#[tokio::test]
async fn a_card_with_one_theme_has_one_request_button_beside_the_name() {
    let bot = TestBot::start().await;
    let backend = theme(&bot, "Backend Testing", Some("Profile")).await;
    mentor(
        &bot,
        "UMINA",
        backend,
        "I test everything twice.",
        Free::Soon,
    )
    .await;

    let view = find(&bot, "UJA", "find testing").await;

    let card = view["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == "card.0")
        .unwrap();
    let button = &card["accessory"];
    assert_eq!(button["type"], "button", "{card}");
    assert_eq!(button["text"]["text"], "1on1を依頼");
    assert_eq!(button["value"], format!("UMINA:{}", backend.0));
    assert!(button.get("style").is_none(), "not primary");
    assert!(
        !view["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["block_id"]
                .as_str()
                .is_some_and(|id| id.starts_with("card.0."))),
        "nothing else for the card"
    );
}
