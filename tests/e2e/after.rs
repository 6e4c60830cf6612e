//! After the 1on1, through Slack: the mentee's rating and the mentor's held / not held from the
//! after-1on1 DMs (one gentle reminder, then nothing), "Book the next 1on1" prefilled, the
//! office's auto-share rules and the summaries their recipients get, and forged payloads.

use crate::support;

use chrono::{DateTime, Duration, Utc};
use mentor_bot::domain::after::Held;
use mentor_bot::domain::booking::RequestDraft;
use mentor_bot::domain::{Lang, RetryPolicy, UserId};
use mentor_bot::scheduler::run_due;
use mentor_bot::slack::outbound::gateway::SlackGateway;
use serde_json::{json, Value};
use support::bot::*;
use support::fake_slack::{FakeUser, PostedMessage};

fn uid(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

/// Emma (UEN, New York, en) mentors 「育休からの復帰」; returns the theme.
async fn emma_mentors(bot: &TestBot) -> i64 {
    bot.started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await
}

/// 佐藤 (UJA) books Emma's `nth` free slot on `topic` hoping for `response`, and Emma accepts.
async fn confirmed(bot: &TestBot, theme: i64, nth: usize, topic: &str, response: &str) -> i64 {
    let now = Utc::now();
    let start = bot.app().free_slots(&uid("UEN"), now).await.unwrap()[nth].start;
    let draft = RequestDraft::parse(
        Some(&start.timestamp().to_string()),
        Some(topic),
        "",
        Some(response),
        "復帰後の働き方について",
        &[],
    )
    .unwrap();
    let (one, _) = bot
        .app()
        .request_one_on_one(&uid("UJA"), &uid("UEN"), theme, draft, now)
        .await
        .unwrap();
    bot.app()
        .accept_request(&uid("UEN"), one.id, now)
        .await
        .unwrap();
    one.id
}

fn db_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Lets 1on1 `id` happen as if the days had passed: it ended an hour ago, and its pending
/// after-1on1 rows move back with it. Returns its new start.
fn let_it_happen(bot: &TestBot, id: i64) -> DateTime<Utc> {
    happened(bot, id, Duration::hours(1))
}

/// Like [`let_it_happen`], ended `ago`.
fn happened(bot: &TestBot, id: i64, ago: Duration) -> DateTime<Utc> {
    let db = bot.db();
    let (start, end): (String, String) = db
        .query_row(
            "SELECT starts_at, ends_at FROM one_on_ones WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let parse = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let (start, end) = (parse(&start), parse(&end));
    let new_end = Utc::now() - ago;
    let back = (end - new_end).num_seconds();
    let new_start = start - Duration::seconds(back);
    db.execute(
        "UPDATE one_on_ones SET starts_at = ?2, ends_at = ?3 WHERE id = ?1",
        rusqlite::params![
            id,
            db_time(new_start),
            db_time(end - Duration::seconds(back))
        ],
    )
    .unwrap();
    let shift = format!("'-{back} seconds'");
    db.execute(
        &format!(
            "UPDATE outbox SET due_at = strftime('%Y-%m-%dT%H:%M:%fZ', due_at, {shift}),
                    next_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', next_attempt_at, {shift}),
                    expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', expires_at, {shift})
             WHERE status = 'pending'
               AND (dedupe_key LIKE 'after:{id}:%' OR dedupe_key LIKE 'after-reminder:{id}:%')"
        ),
        [],
    )
    .unwrap();
    new_start
}

/// `mentor-bot run-due --now <at>`, on the running bot's database.
async fn run_due_at(bot: &TestBot, at: DateTime<Utc>) {
    let gateway = SlackGateway::new(&bot.config.slack).unwrap();
    run_due(bot.app(), &gateway, &RetryPolicy::default(), at)
        .await
        .unwrap();
}

/// The DMs to `user` whose delivery key starts with `prefix`.
fn dms_keyed(bot: &TestBot, user: &str, prefix: &str) -> Vec<PostedMessage> {
    bot.fake
        .messages_to(user)
        .into_iter()
        .filter(|m| {
            m.metadata.as_ref().is_some_and(|md| {
                md["event_payload"]["key"]
                    .as_str()
                    .is_some_and(|k| k.starts_with(prefix))
            })
        })
        .collect()
}

/// Waits until `user` has `n` DMs keyed `prefix…` (the running bot's worker may be sending
/// one that `run-due` found already claimed), and returns them.
async fn wait_dms(bot: &TestBot, user: &str, prefix: &str, n: usize) -> Vec<PostedMessage> {
    eventually(&format!("{n} DMs {prefix}… to {user}"), || {
        dms_keyed(bot, user, prefix).len() >= n
    })
    .await;
    dms_keyed(bot, user, prefix)
}

/// The (action_id, value) of each button in a message.
fn buttons(message: &PostedMessage) -> Vec<(String, String)> {
    message
        .blocks
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "actions")
        .flat_map(|b| b["elements"].as_array().unwrap().clone())
        .map(|e| {
            (
                e["action_id"].as_str().unwrap().to_string(),
                e["value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The text of the newest view opened or pushed under `callback_id`.
fn shown(bot: &TestBot, callback_id: &str) -> String {
    text_of(&bot.view_by_callback(callback_id).expect(callback_id))
}

fn rating_values(clarity: &str, got: &str, comment: &str) -> Value {
    values(vec![
        choice_value("rate.clarity", clarity),
        choice_value("rate.got", got),
        text_value("rate.comment", comment),
    ])
}

#[tokio::test]
async fn the_mentee_rates_from_the_after_dm_the_mentor_marks_it_held_and_one_reminder_is_all() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let id = confirmed(&bot, theme, 0, "career", "listen").await;
    assert_eq!(
        bot.count(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'after%' AND status = 'pending'"
        ),
        4,
        "queued with the confirmation: a question and a reminder for each"
    );
    let_it_happen(&bot, id);
    let now = Utc::now();
    run_due_at(&bot, now).await;

    let asked = wait_dms(&bot, "UJA", "after:", 1).await;
    assert_eq!(asked.len(), 1);
    assert!(
        text_of(&asked[0].blocks).contains("<@UEN> さんとの1on1はいかがでしたか"),
        "{}",
        text_of(&asked[0].blocks)
    );
    let mentee_buttons = buttons(&asked[0]);
    assert_eq!(
        mentee_buttons,
        [
            (format!("booking.rate.{id}"), id.to_string()),
            (format!("booking.next.{id}"), id.to_string())
        ]
    );
    let mentor_dm = &wait_dms(&bot, "UEN", "after:", 1).await[0];
    assert!(text_of(&mentor_dm.blocks).contains("Did your 1on1 with <@UJA> take place?"));
    let (held_id, held_value) = buttons(mentor_dm)[0].clone();
    assert_eq!(held_id, format!("booking.held.{id}.true"));

    // The mentor answers at once: their reminder is withdrawn.
    bot.press_in_message("UEN", &held_id, &held_value).await;
    assert!(shown(&bot, "booking.done").contains("noted as held"));
    assert_eq!(
        bot.count(&format!(
            "SELECT COUNT(*) FROM one_on_ones WHERE id = {id} AND held = 'held'"
        )),
        1
    );

    // The mentee does not answer: one gentle reminder a day later, and only to them.
    run_due_at(&bot, now + Duration::hours(24)).await;
    let reminded = dms_keyed(&bot, "UJA", "after-reminder:");
    assert_eq!(reminded.len(), 1);
    assert!(text_of(&reminded[0].blocks).contains("念のため"));
    assert!(dms_keyed(&bot, "UEN", "after-reminder:").is_empty());

    // They rate from the reminder's button.
    let (rate_id, rate_value) = buttons(&reminded[0])[0].clone();
    bot.press_in_message("UJA", &rate_id, &rate_value).await;
    let form = bot
        .view_by_callback("booking.rate.send")
        .expect("rating form");
    assert!(text_of(&form).contains("スッキリ度"));
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &form,
            rating_values("4", "partly", ""),
        ))
        .await;
    assert!(
        text_of(&reply["view"]).contains("回答を保存しました"),
        "{reply}"
    );
    let stored: (i64, String) = bot
        .db()
        .query_row(
            "SELECT clarity, got_response FROM one_on_one_ratings WHERE one_on_one_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(stored, (4, "partly".to_string()));

    // Answering twice keeps the first answer; nothing more is ever sent.
    let (_, again) = bot
        .interaction_reply(&view_submission("UJA", &form, rating_values("1", "no", "")))
        .await;
    assert!(text_of(&again["view"]).contains("すでに回答済み"));
    run_due_at(&bot, now + Duration::days(3)).await;
    assert_eq!(dms_keyed(&bot, "UJA", "after").len(), 2);
    assert_eq!(dms_keyed(&bot, "UEN", "after").len(), 1);
    assert_eq!(
        bot.count(&format!(
            "SELECT clarity FROM one_on_one_ratings WHERE one_on_one_id = {id}"
        )),
        4
    );
}

#[tokio::test]
async fn an_answered_question_drops_its_reminder_and_a_cancelled_1on1_asks_nothing() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let id = confirmed(&bot, theme, 0, "career", "listen").await;
    let cancelled = confirmed(&bot, theme, 1, "skills", "advice").await;
    bot.app()
        .cancel_one_on_one(&uid("UJA"), cancelled, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        bot.count(&format!(
                "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'after%:{cancelled}:%' AND status = 'cancelled'"
            )
        ),
        4,
        "the cancellation withdrew them in its transaction"
    );
    let_it_happen(&bot, id);
    let now = Utc::now();
    run_due_at(&bot, now).await;
    let asked = &wait_dms(&bot, "UJA", "after:", 1).await[0];
    let (rate_id, rate_value) = buttons(asked)[0].clone();
    bot.press_in_message("UJA", &rate_id, &rate_value).await;
    let form = bot.view_by_callback("booking.rate.send").unwrap();
    // A missing answer is a field error; nothing is saved.
    let (_, reply) = bot
        .interaction_reply(&view_submission("UJA", &form, values(vec![])))
        .await;
    assert_eq!(reply["response_action"], "errors");
    assert!(reply["errors"]["rate.clarity"].is_string());
    assert_eq!(bot.count("SELECT COUNT(*) FROM one_on_one_ratings"), 0);
    bot.interaction_reply(&view_submission(
        "UJA",
        &form,
        rating_values("5", "yes", "すっきり"),
    ))
    .await;

    run_due_at(&bot, now + Duration::hours(25)).await;
    assert!(
        dms_keyed(&bot, "UJA", "after-reminder:").is_empty(),
        "answered: no reminder"
    );
    assert_eq!(
        dms_keyed(&bot, "UEN", "after-reminder:").len(),
        1,
        "the mentor did not answer: one reminder"
    );
    assert!(bot
        .fake
        .messages()
        .iter()
        .all(|m| !text_of(&m.blocks).contains("すっきり")));
}

#[tokio::test]
async fn forged_after_1on1_buttons_and_forms_are_refused_and_change_nothing() {
    let bot = TestBot::start().await;
    bot.fake.add_user(
        FakeUser::new("UOTHER")
            .with_name("Olga")
            .with_tz("Europe/Berlin")
            .with_locale("en-GB"),
    );
    let theme = emma_mentors(&bot).await;
    let id = confirmed(&bot, theme, 0, "career", "listen").await;

    // Before its end nobody answers anything.
    bot.press_in_message("UJA", &format!("booking.rate.{id}"), &id.to_string())
        .await;
    assert!(shown(&bot, "booking.done").contains("まだ終わっていません"));

    let_it_happen(&bot, id);
    let refused = |user: &'static str, action: String, value: String| {
        let bot = &bot;
        async move {
            let before = bot.fake.calls_to("views.open").len();
            bot.press_in_message(user, &action, &value).await;
            assert_eq!(bot.fake.calls_to("views.open").len(), before + 1);
            shown(bot, "booking.done")
        }
    };
    // The mentor cannot rate; the mentee cannot mark it held; a third person can do neither,
    // nor book the next one from someone else's 1on1.
    let text = refused("UEN", format!("booking.rate.{id}"), id.to_string()).await;
    assert!(
        text.contains("Only the mentee of this 1on1 can rate it"),
        "{text}"
    );
    let text = refused(
        "UJA",
        format!("booking.held.{id}.true"),
        format!("{id}:true"),
    )
    .await;
    assert!(
        text.contains("実施の有無を記録できるのはメンターだけ"),
        "{text}"
    );
    let text = refused(
        "UOTHER",
        format!("booking.held.{id}.false"),
        format!("{id}:false"),
    )
    .await;
    assert!(text.contains("Only the mentor"), "{text}");
    let text = refused("UOTHER", format!("booking.rate.{id}"), id.to_string()).await;
    assert!(text.contains("Only the mentee"), "{text}");
    let text = refused("UEN", format!("booking.next.{id}"), id.to_string()).await;
    assert!(
        text.contains("Only the mentee of this 1on1 can book the next one"),
        "{text}"
    );
    let text = refused("UOTHER", format!("booking.next.{id}"), id.to_string()).await;
    assert!(text.contains("Only the mentee"), "{text}");

    // A rating form submitted by the mentor (forged metadata) saves nothing.
    let forged = json!({"id": "VFORGED", "type": "modal", "callback_id": "booking.rate.send",
                        "private_metadata": json!({"one_on_one": id}).to_string()});
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UEN",
            &forged,
            rating_values("1", "no", ""),
        ))
        .await;
    assert!(text_of(&reply["view"]).contains("Only the mentee"));
    assert_eq!(bot.count("SELECT COUNT(*) FROM one_on_one_ratings"), 0);
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM one_on_ones WHERE held IS NOT NULL"),
        0
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'summary:%'"),
        0
    );

    // Marked not held by the mentor: the mentee is not asked to rate it.
    bot.press_in_message(
        "UEN",
        &format!("booking.held.{id}.false"),
        &format!("{id}:false"),
    )
    .await;
    assert_eq!(
        bot.count(&format!(
            "SELECT COUNT(*) FROM one_on_ones WHERE id = {id} AND held = 'not_held'"
        )),
        1
    );
    let text = refused("UJA", format!("booking.rate.{id}"), id.to_string()).await;
    assert!(text.contains("実施されなかった"), "{text}");
    run_due_at(&bot, Utc::now() + Duration::days(2)).await;
    assert!(
        dms_keyed(&bot, "UJA", "after-reminder:").is_empty(),
        "no reminder to rate a 1on1 that did not take place"
    );
    assert_eq!(
        bot.count(&format!("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'after%:{id}:%:UJA' AND status = 'pending'")
        ),
        0
    );
}

#[tokio::test]
async fn book_the_next_1on1_opens_the_request_form_prefilled_from_the_last_one() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let id = confirmed(&bot, theme, 0, "skills", "opinion").await;
    let_it_happen(&bot, id);
    run_due_at(&bot, Utc::now()).await;
    let asked = &wait_dms(&bot, "UJA", "after:", 1).await[0];
    let (next_id, next_value) = buttons(asked)[1].clone();
    assert_eq!(next_id, format!("booking.next.{id}"));

    bot.press_in_message("UJA", &next_id, &next_value).await;
    let form = bot
        .view_by_callback("booking.request.send")
        .expect("the request form");
    let meta: Value = serde_json::from_str(form["private_metadata"].as_str().unwrap()).unwrap();
    assert_eq!(
        (meta["mentor"].as_str(), meta["theme"].as_i64()),
        (Some("UEN"), Some(theme))
    );
    let block = |id: &str| {
        form["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["block_id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
            .clone()
    };
    let topic = block("booking.topic");
    assert_eq!(
        topic["element"]["options"][0]["value"], "skills",
        "the last topic is offered first"
    );
    assert_eq!(topic["element"]["initial_option"]["value"], "career");
    assert_eq!(
        block("booking.response")["element"]["initial_option"]["value"],
        "think_together"
    );
    let suggested = text_of(&block("request.suggested"));
    assert!(
        suggested.contains("今後のキャリア") && suggested.contains("一緒に考えてほしい"),
        "{suggested}"
    );
    // The prefilled form sends like any request.
    let slot = crate::booking_slack::first_slot(&form);
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &form,
            values(vec![
                choice_value("booking.slot", &slot),
                choice_value("booking.topic", "career"),
                choice_value("booking.response", "think_together"),
            ]),
        ))
        .await;
    assert!(
        text_of(&reply["view"]).contains("依頼を送りました"),
        "{reply}"
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM one_on_ones WHERE topic = 'career' AND expected_response = 'think_together'"
        ),
        1
    );
}

/// The admin opens the console, then Auto-share; returns the auto-share modal.
async fn open_auto_share(bot: &TestBot, user: &str) -> Option<Value> {
    bot.command_with_trigger(user, "admin").await;
    let console = bot.view_by_callback("admin.console")?;
    bot.press(user, "admin.share.open", "share", &console).await;
    bot.view_by_callback("admin.share")
}

#[tokio::test]
async fn auto_share_recipients_get_exactly_the_allowed_fields_and_a_removed_one_gets_nothing_more()
{
    let bot = TestBot::start().await;
    bot.fake.add_user(
        FakeUser::new("UHR")
            .with_name("Hana")
            .with_tz("America/Los_Angeles")
            .with_locale("en-US"),
    );
    bot.fake.add_user(
        FakeUser::new("UMGR")
            .with_name("部長")
            .with_tz("Asia/Tokyo")
            .with_locale("ja-JP"),
    );
    let theme = emma_mentors(&bot).await;
    let first = confirmed(&bot, theme, 0, "career", "listen").await;
    let second = confirmed(&bot, theme, 1, "skills", "advice").await;

    // The office shares the theme's 1on1s with HR and 佐藤's with their manager.
    let share = open_auto_share(&bot, ADMIN)
        .await
        .expect("the auto-share modal");
    assert!(text_of(&share).contains("No auto-share rules yet"));
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            ADMIN,
            &share,
            values(vec![
                choice_value("share.theme", &theme.to_string()),
                users_value("share.recipient", &["UHR"]),
            ]),
        ))
        .await;
    assert_eq!(reply["response_action"], "update", "{reply}");
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            ADMIN,
            &share,
            values(vec![
                users_value("share.mentee", &["UJA"]),
                users_value("share.recipient", &["UMGR"]),
            ]),
        ))
        .await;
    let rules = text_of(&reply["view"]);
    assert!(
        rules.contains("theme *育休からの復帰* → <@UHR>")
            && rules.contains("<@UJA>'s 1on1s → <@UMGR>"),
        "{rules}"
    );
    // Neither or both of a theme and a mentee is a field error.
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            ADMIN,
            &share,
            values(vec![users_value("share.recipient", &["UMGR"])]),
        ))
        .await;
    assert_eq!(reply["response_action"], "errors");
    assert_eq!(bot.count("SELECT COUNT(*) FROM auto_share_rules"), 2);

    // The first 1on1 is held: both get the summary of it, with its shared memo only.
    for (id, body) in [
        (first, "次回までに上司と相談する"),
        (second, "別の回のメモ"),
    ] {
        bot.db()
            .execute(
                "INSERT INTO memo_entries (mentor_id, mentee_id, one_on_one_id, author_id, body, created_at)
                 VALUES ('UEN', 'UJA', ?1, 'UEN', ?2, '2026-01-01T00:00:00.000Z')",
                rusqlite::params![id, body],
            )
            .unwrap();
    }
    let start = let_it_happen(&bot, first);
    happened(&bot, second, Duration::hours(3));
    run_due_at(&bot, Utc::now()).await;
    let rate = wait_dms(&bot, "UJA", &format!("after:{first}:"), 1).await;
    bot.press_in_message("UJA", &buttons(&rate[0])[0].0, &first.to_string())
        .await;
    let form = bot.view_by_callback("booking.rate.send").unwrap();
    bot.interaction_reply(&view_submission(
        "UJA",
        &form,
        rating_values("2", "no", "秘密のコメント"),
    ))
    .await;
    bot.press_in_message(
        "UEN",
        &format!("booking.held.{first}.true"),
        &format!("{first}:true"),
    )
    .await;
    run_due_at(&bot, Utc::now()).await;

    let hr = wait_dms(&bot, "UHR", "summary:", 1).await;
    assert_eq!(hr.len(), 1);
    let text = text_of(&hr[0].blocks);
    let la = start.with_timezone(&chrono_tz::America::Los_Angeles);
    for expected in [
        "Summary of the 1on1 between <@UEN> (mentor) and <@UJA>",
        &mentor_bot::i18n::format_datetime(Lang::En, la),
        "育休からの復帰",
        "Future career",
        "Just listen",
        // The shared memo of this 1on1: the request's note starts it.
        "復帰後の働き方について",
        "次回までに上司と相談する",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    // Never another 1on1's memo, never the rating (its comment or its scores).
    for never in ["別の回のメモ", "秘密のコメント", "スッキリ"] {
        assert!(!text.contains(never), "{never:?} in {text}");
    }
    assert!(buttons(&hr[0]).is_empty());
    let manager = wait_dms(&bot, "UMGR", "summary:", 1).await;
    assert_eq!(manager.len(), 1);
    let text = text_of(&manager[0].blocks);
    assert!(
        text.contains("1on1のまとめ") && text.contains("今後のキャリア"),
        "{text}"
    );
    assert!(!text.contains("秘密のコメント"));

    // The second is marked held an hour from now (both summaries wait in the outbox); the
    // office removes the manager's rule before they are due: HR gets theirs, the manager
    // nothing more.
    let later = Utc::now() + Duration::hours(1);
    let queued = bot
        .app()
        .mark_held(&uid("UEN"), second, Held::Held, later)
        .await
        .unwrap();
    assert_eq!(queued, 2);
    let share = open_auto_share(&bot, ADMIN).await.unwrap();
    let remove = share["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["accessory"]["action_id"].as_str().map(|a| (a, b)))
        .find(|(_, b)| text_of(b).contains("UMGR"))
        .map(|(a, b)| {
            (
                a.to_string(),
                b["accessory"]["value"].as_str().unwrap().to_string(),
            )
        })
        .expect("the manager's rule");
    bot.press(ADMIN, &remove.0, &remove.1, &share).await;
    assert_eq!(bot.count("SELECT COUNT(*) FROM auto_share_rules"), 1);
    assert!(shown(&bot, "admin.share").contains("Removed"));
    run_due_at(&bot, later).await;
    let text = text_of(&wait_dms(&bot, "UHR", &format!("summary:{second}:"), 1).await[0].blocks);
    assert!(
        text.contains("別の回のメモ") && !text.contains("次回までに上司と相談する"),
        "{text}"
    );
    assert_eq!(dms_keyed(&bot, "UMGR", "summary:").len(), 1);
    assert_eq!(
        bot.count(&format!(
                "SELECT COUNT(*) FROM outbox WHERE dedupe_key = 'summary:{second}:UMGR' AND status = 'dropped'"
            )
        ),
        1,
        "resolved against the rules as they are when due"
    );
}

#[tokio::test]
async fn only_admins_see_or_change_auto_share_rules_even_with_forged_payloads() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    bot.app()
        .add_auto_share_rule(
            &mentor_bot::app::admin::Actor::Cli,
            mentor_bot::storage::auto_share::ShareScope::Theme(theme),
            uid("UEN"),
            Utc::now(),
        )
        .await
        .unwrap();
    let home = json!({"id": "VHOME", "type": "home", "callback_id": ""});
    bot.press("UJA", "admin.share.open", "share", &home).await;
    assert!(bot.view_by_callback("admin.share").is_none());
    let rule: i64 = bot
        .db()
        .query_row("SELECT id FROM auto_share_rules", [], |r| r.get(0))
        .unwrap();
    bot.press(
        "UJA",
        &format!("admin.share.remove.{rule}"),
        &rule.to_string(),
        &home,
    )
    .await;
    let forged = json!({"id": "VFORGED", "type": "modal", "callback_id": "admin.share",
                        "private_metadata": "{}"});
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &forged,
            values(vec![
                users_value("share.mentee", &["UJA"]),
                users_value("share.recipient", &["UJA"]),
            ]),
        ))
        .await;
    assert!(
        text_of(&reply["view"]).contains("事務局"),
        "told only admins may: {reply}"
    );
    assert_eq!(bot.count("SELECT COUNT(*) FROM auto_share_rules"), 1);
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'auto_share.%'"),
        1,
        "only the CLI's rule"
    );
}
