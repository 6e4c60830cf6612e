//! 1on1s through Slack: /mentor find → results → request → the mentor's DM → accept, and a
//! race of signed submissions for one slot.

use crate::support;

use std::time::Duration;

use chrono::Utc;
use mentor_bot::app::admin::Actor;
use mentor_bot::domain::booking::RequestDraft;
use mentor_bot::domain::{ThemeDraft, UserId};
use serde_json::{json, Value};
use support::bot::*;
use support::fake_slack::FakeUser;

const WAIT: Duration = Duration::from_secs(10);

/// Emma (New York) mentors 「育休からの復帰」 every day 09:00–12:00, hourly slots.
async fn emma_mentors(bot: &TestBot) -> i64 {
    bot.started_mentor_with_hours(
        "UEN",
        "育休からの復帰",
        "programs",
        Some(("話せること", "育休から復帰して時短で働いた経験")),
    )
    .await
}

/// The time select of a request or reschedule form (its block id changes when it is redrawn).
fn time_select(form: &Value) -> Value {
    form["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| {
            b["block_id"]
                .as_str()
                .is_some_and(|id| id.starts_with("booking.slot"))
        })
        .expect("a time select")
        .clone()
}

pub(crate) fn first_slot(form: &Value) -> String {
    time_select(form)["element"]["options"][0]["value"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Every time offered by a form's time select, as unix seconds.
fn offered_times(form: &Value) -> Vec<i64> {
    time_select(form)["element"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap().parse().unwrap())
        .collect()
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
        .view_by_callback("booking.results")
        .expect("search form with results");
    assert_eq!(
        find["blocks"][1]["element"]["initial_value"], "育休",
        "the words are carried over"
    );
    assert!(
        text_of(&find).contains("<@UEN>"),
        "results at once, below the form"
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
    // Each calendar entry describes the topic and response in its reader's language.
    let description = |user: &str| {
        let ics = String::from_utf8(bot.fake.shared_files(user)[0].1.clone()).unwrap();
        icalendar::parser::unfold(&ics)
    };
    let ja = description("UJA");
    assert!(
        ja.contains("トピック: 今後のキャリア") && ja.contains("期待する対応: 一緒に考えてほしい"),
        "{ja}"
    );
    let en = description("UEN");
    assert!(
        en.contains("Topic: Future career") && en.contains("Hoping for: Think it through with me"),
        "{en}"
    );
    assert!(
        !en.contains("think_together") && !ja.contains("think_together"),
        "no stored keys: {en}"
    );
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
    let form = bot.view_by_callback("booking.results").unwrap();
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

/// Opens Emma's request form as `mentee` from a results card, as the fake holds it.
pub(crate) async fn open_request_form(bot: &TestBot, mentee: &str, theme: i64) -> Value {
    let results = json!({"id": "VRESULTS", "type": "modal", "callback_id": "booking.results"});
    bot.press(
        mentee,
        &format!("booking.request.UEN.{theme}"),
        &format!("UEN:{theme}"),
        &results,
    )
    .await;
    bot.view_by_callback("booking.request.send")
        .expect("request form")
}

/// `mentee` requests Emma's first free time through the form; returns the 1on1's id.
async fn request_first_time(bot: &TestBot, mentee: &str, theme: i64) -> i64 {
    let form = open_request_form(bot, mentee, theme).await;
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            mentee,
            &form,
            request_values(&first_slot(&form), ""),
        ))
        .await;
    assert_eq!(reply["view"]["callback_id"], "booking.done", "{reply}");
    bot.count("SELECT MAX(id) FROM one_on_ones")
}

#[tokio::test]
async fn every_free_slot_of_the_horizon_can_be_picked_day_first_then_time() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    // Quarter-hour slots, three hours a day, four weeks ahead: far more than one select holds.
    let emma = UserId::parse("UEN").unwrap();
    let (mut hours, _) = bot.app().hours(&emma).await.unwrap();
    hours.slot_minutes = 15;
    hours.horizon_days = 28;
    bot.app()
        .save_hours(&emma, hours, Utc::now())
        .await
        .unwrap();
    let free = bot.app().free_slots(&emma, Utc::now()).await.unwrap();
    assert!(free.len() > 300, "{} free slots", free.len());

    let form = open_request_form(&bot, "UJA", theme).await;
    let days = form["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == "booking.day")
        .expect("a day select")
        .clone();
    assert_eq!(
        days["dispatch_action"], true,
        "choosing a day redraws the form"
    );
    let day_values: Vec<String> = days["element"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap().to_string())
        .collect();
    let tokyo_day = |at: chrono::DateTime<Utc>| {
        at.with_timezone(&tokyo())
            .date_naive()
            .format("%Y-%m-%d")
            .to_string()
    };
    let mut expected_days: Vec<String> = free.iter().map(|s| tokyo_day(s.start)).collect();
    expected_days.dedup();
    assert_eq!(
        day_values, expected_days,
        "every day with a free time, in Tokyo"
    );
    // The first day's times only, in the mentee's zone.
    let first_day = &day_values[0];
    assert!(offered_times(&form)
        .iter()
        .all(|t| tokyo_day(chrono::DateTime::from_timestamp(*t, 0).unwrap()) == *first_day));

    // The mentee picks the last day (weeks ahead) after typing a note.
    let last_day = day_values.last().unwrap().clone();
    let mut with_state = form.clone();
    with_state["state"] = json!({"values": values(vec![
        choice_value("booking.day", &last_day),
        choice_value("booking.topic", "career"),
        text_value("booking.note", "先の話です"),
    ])});
    let trigger = bot.fake.issue_trigger_id();
    let mut pick = block_action_in_view("UJA", "booking.day", "", &trigger, &with_state);
    pick["actions"][0] = json!({"type": "static_select", "action_id": "booking.day",
        "block_id": "booking.day", "selected_option": {"value": last_day}, "action_ts": "1"});
    assert_eq!(bot.interaction(&pick).await, 200);
    bot.fake.wait_for_calls("views.update", 1, WAIT).await;
    let redrawn = bot.view_by_callback("booking.request.send").unwrap();
    let times = offered_times(&redrawn);
    assert!(!times.is_empty());
    assert!(times
        .iter()
        .all(|t| tokyo_day(chrono::DateTime::from_timestamp(*t, 0).unwrap()) == last_day));
    let note = redrawn["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == "booking.note")
        .unwrap();
    assert_eq!(
        note["element"]["initial_value"], "先の話です",
        "what was typed is kept"
    );
    let block = time_select(&redrawn)["block_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(block, "booking.slot", "a new time select for the new day");

    // And a time that day can be booked.
    let chosen = times.last().unwrap().to_string();
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &redrawn,
            values(vec![
                choice_value(&block, &chosen),
                choice_value("booking.topic", "career"),
                choice_value("booking.response", "think_together"),
            ]),
        ))
        .await;
    assert_eq!(reply["view"]["callback_id"], "booking.done", "{reply}");
    let booked: i64 = bot
        .db()
        .query_row(
            "SELECT CAST(strftime('%s', starts_at) AS INTEGER) FROM one_on_ones",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(booked.to_string(), chosen);
    assert!(
        booked - Utc::now().timestamp() > 20 * 24 * 3600,
        "weeks ahead"
    );
}

#[tokio::test]
async fn after_that_time_was_just_taken_the_form_no_longer_has_it_selected() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    bot.fake.add_user(FakeUser::new("UOTHER"));
    let form = open_request_form(&bot, "UJA", theme).await;
    let taken = first_slot(&form);
    // Someone else books that time first.
    let other_form = open_request_form(&bot, "UOTHER", theme).await;
    let (_, won) = bot
        .interaction_reply(&view_submission(
            "UOTHER",
            &other_form,
            request_values(&taken, ""),
        ))
        .await;
    assert_eq!(won["view"]["callback_id"], "booking.done");

    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &form,
            request_values(&taken, "メモ"),
        ))
        .await;
    let again = &reply["view"];
    assert_eq!(again["callback_id"], "booking.request.send", "{reply}");
    assert!(text_of(again).contains("たった今埋まりました"));
    let select = time_select(again);
    assert_ne!(
        select["block_id"], "booking.slot",
        "a renamed time select, so Slack does not keep the taken time selected"
    );
    assert!(select["element"]["initial_option"].is_null());
    assert!(!offered_times(again).contains(&taken.parse().unwrap()));

    // Submitting again with a time the redrawn form offers goes through.
    let block = select["block_id"].as_str().unwrap();
    let next = first_slot(again);
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            again,
            values(vec![
                choice_value(block, &next),
                choice_value("booking.topic", "career"),
                choice_value("booking.response", "think_together"),
            ]),
        ))
        .await;
    assert_eq!(reply["view"]["callback_id"], "booking.done", "{reply}");
    assert_eq!(bot.count("SELECT COUNT(*) FROM one_on_ones"), 2);
}

#[tokio::test]
async fn a_mentee_pressing_accept_on_their_own_request_is_told_only_the_mentor_decides() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let id = request_first_time(&bot, "UJA", theme).await;
    for action in ["booking.accept", "booking.decline"] {
        bot.press_in_message("UJA", &format!("{action}.{id}"), &id.to_string())
            .await;
        let said = text_of(&bot.view_by_callback("booking.done").unwrap());
        assert!(said.contains("メンターだけ"), "{action}: {said}");
    }
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'requested'"),
        1
    );
    // Someone outside the 1on1 is still told it is not theirs.
    bot.press_in_message(ADMIN, &format!("booking.accept.{id}"), &id.to_string())
        .await;
    let said = text_of(&bot.view_by_callback("booking.done").unwrap());
    assert!(said.contains("Only the people in this 1on1"), "{said}");
}

#[tokio::test]
async fn the_english_empty_search_hint_has_english_examples() {
    let bot = TestBot::start().await;
    emma_mentors(&bot).await;
    let (_, body) = bot.command_with_trigger("UEN", "find").await;
    assert_eq!(body, "");
    let find = bot.view_by_callback("booking.results").unwrap();
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UEN",
            &find,
            values(vec![text_value("find.words", "zzzz")]),
        ))
        .await;
    // The hint below the form (which lists the themes, whatever their language).
    let empty = reply["view"]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == "results.empty")
        .expect("the empty-results hint");
    let shown = text_of(empty);
    assert!(
        shown.contains("“leave” instead of “parental leave”"),
        "{shown}"
    );
    assert!(!shown.contains("育休"), "{shown}");
}

/// Whether a DM still offers buttons.
fn has_buttons(dm: &support::fake_slack::PostedMessage) -> bool {
    dm.blocks
        .as_array()
        .is_some_and(|blocks| blocks.iter().any(|b| b["type"] == "actions"))
}

/// The DM to `user` whose newest text contains `marker`.
fn dm_now(bot: &TestBot, user: &str, marker: &str) -> Option<support::fake_slack::PostedMessage> {
    bot.fake
        .messages_to(user)
        .into_iter()
        .find(|m| text_of(&m.blocks).contains(marker))
}

#[tokio::test]
async fn once_a_1on1_is_accepted_moved_or_cancelled_its_earlier_dms_show_the_outcome_instead_of_buttons(
) {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let id = request_first_time(&bot, "UJA", theme).await;
    let request = bot.dm_containing("UEN", "requests a 1on1").await;
    assert!(has_buttons(&request));

    // Accept: the request DM now says so, without Accept / Decline.
    bot.press_in_message("UEN", &format!("booking.accept.{id}"), &id.to_string())
        .await;
    eventually("the request DM redrawn as accepted", || {
        dm_now(&bot, "UEN", "Accepted: this 1on1 is confirmed")
            .is_some_and(|m| m.ts == request.ts && !has_buttons(&m) && m.edits == 1)
    })
    .await;
    let confirmed_mentee = bot.dm_containing("UJA", "確定").await;
    assert!(
        has_buttons(&confirmed_mentee),
        "Reschedule / Cancel still apply"
    );

    // The mentee moves it: the earlier confirmations lose their buttons, the move DM has them.
    bot.press_in_message("UJA", &format!("booking.reschedule.{id}"), &id.to_string())
        .await;
    let form = bot.view_by_callback("booking.reschedule.send").unwrap();
    let block = time_select(&form)["block_id"].as_str().unwrap().to_string();
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &form,
            values(vec![choice_value(&block, &first_slot(&form))]),
        ))
        .await;
    assert_eq!(reply["view"]["callback_id"], "booking.done", "{reply}");
    eventually("the mentee's old confirmation redrawn as moved", || {
        bot.fake
            .messages_to("UJA")
            .iter()
            .any(|m| m.ts == confirmed_mentee.ts && text_of(&m.blocks).contains("に変更されました"))
    })
    .await;
    let moved = bot.dm_containing("UEN", "moved your 1on1").await;
    eventually("the mentor's old confirmation redrawn as moved", || {
        dm_now(&bot, "UEN", "The newer message has its buttons").is_some_and(|m| !has_buttons(&m))
    })
    .await;
    assert!(has_buttons(&moved), "the move DM offers the buttons now");

    // The mentor cancels from the move DM: every DM about it ends with the outcome.
    bot.press_in_message("UEN", &format!("booking.cancel.{id}"), &id.to_string())
        .await;
    eventually("every DM with buttons redrawn as cancelled", || {
        let mentor = bot.fake.messages_to("UEN");
        let mentee = bot.fake.messages_to("UJA");
        mentor
            .iter()
            .chain(mentee.iter())
            .filter(|m| !text_of(&m.blocks).contains("certified as a mentor"))
            .all(|m| !has_buttons(m))
            && dm_now(&bot, "UEN", "This 1on1 was cancelled").is_some()
            && dm_now(&bot, "UJA", "この1on1はキャンセルされました").is_some()
    })
    .await;
    // Each redraw is one outbox row per person and change (accept, move, cancel), each
    // delivered once: the last one may still be on its way when the DMs already read right.
    eventually("six redraws delivered", || {
        bot.count("SELECT COUNT(*) FROM outbox WHERE kind = 'redraw' AND status = 'sent'") == 6
    })
    .await;
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM outbox WHERE kind = 'redraw'"),
        6
    );
}

#[tokio::test]
async fn a_declined_request_dm_says_so_instead_of_offering_accept() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let id = request_first_time(&bot, "UJA", theme).await;
    let request = bot.dm_containing("UEN", "requests a 1on1").await;
    bot.press_in_message("UEN", &format!("booking.decline.{id}"), &id.to_string())
        .await;
    let decline = bot.view_by_callback("booking.decline.send").unwrap();
    bot.interaction_reply(&view_submission(
        "UEN",
        &decline,
        values(vec![text_value("booking.message", "")]),
    ))
    .await;
    eventually("the request DM redrawn as declined", || {
        dm_now(&bot, "UEN", "This request was declined")
            .is_some_and(|m| m.ts == request.ts && !has_buttons(&m))
    })
    .await;
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

#[tokio::test]
async fn the_other_persons_open_home_shows_a_1on1_change_without_being_reopened() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let id = request_first_time(&bot, "UJA", theme).await;
    // Emma did nothing, yet her Home now lists the request with Accept / Decline.
    let accept = format!("booking.accept.{id}");
    eventually("the mentor's Home lists the request", || {
        bot.fake
            .published_home("UEN")
            .is_some_and(|home| home.to_string().contains(&accept))
    })
    .await;
    // She accepts from the DM; the mentee's Home now shows it confirmed, with Cancel.
    bot.press_in_message("UEN", &accept, &id.to_string()).await;
    let cancel = format!("booking.cancel.{id}");
    eventually("the mentee's Home shows the 1on1 confirmed", || {
        bot.fake.published_home("UJA").is_some_and(|home| {
            home.to_string().contains(&cancel) && text_of(&home).contains("確定")
        })
    })
    .await;
}

#[tokio::test]
async fn a_request_dm_held_by_a_rate_limit_goes_out_showing_it_was_accepted_not_with_buttons() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    bot.fake.fail_next(
        "chat.postMessage",
        1,
        support::fake_slack::Fault::RateLimited {
            retry_after_secs: 2,
        },
    );
    let id = request_first_time(&bot, "UJA", theme).await;
    bot.fake
        .wait_for_calls("chat.postMessage", 1, Duration::from_secs(5))
        .await;
    // While the request DM waits out the limit, Emma accepts from her Home.
    bot.press_in_message("UEN", &format!("booking.accept.{id}"), &id.to_string())
        .await;
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'confirmed'"),
        1
    );
    let request = bot
        .dm_containing("UEN", "Accepted: this 1on1 is confirmed")
        .await;
    assert!(!request.blocks.to_string().contains("booking.accept"));
    // No message ever offered Accept once it was accepted.
    let offered_accept = bot
        .fake
        .calls()
        .iter()
        .filter(|c| c.method == "chat.postMessage" && c.response_status == 200)
        .any(|c| c.params.to_string().contains("booking.accept"));
    assert!(!offered_accept);
}

#[tokio::test]
async fn old_buttons_on_a_1on1_that_moved_on_say_why_instead_of_opening_a_form() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let id = request_first_time(&bot, "UJA", theme).await;
    bot.press_in_message("UEN", &format!("booking.accept.{id}"), &id.to_string())
        .await;
    // Decline on the request once it was accepted: told it is already confirmed, no form.
    bot.press_in_message("UEN", &format!("booking.decline.{id}"), &id.to_string())
        .await;
    let said = text_of(&bot.view_by_callback("booking.done").unwrap());
    assert!(said.contains("already confirmed"), "{said}");
    assert!(bot.view_by_callback("booking.decline.send").is_none());

    // Reschedule on a cancelled 1on1: told it was cancelled, no form.
    bot.press_in_message("UJA", &format!("booking.cancel.{id}"), &id.to_string())
        .await;
    bot.press_in_message("UJA", &format!("booking.reschedule.{id}"), &id.to_string())
        .await;
    let said = text_of(&bot.view_by_callback("booking.done").unwrap());
    assert!(said.contains("キャンセル"), "{said}");
    assert!(bot.view_by_callback("booking.reschedule.send").is_none());
}
