//! Where people find the memo (the confirmation, the reminder, the Home's 1on1 rows) and
//! when a 1on1 has none (a declined request).

use crate::memo::{confirmed, forged, open_memo, submit, uid, world, MENTEE, MENTOR};
use crate::support;

use chrono::{Duration, Utc};
use mentor_bot::domain::booking::RequestDraft;
use mentor_bot::domain::RetryPolicy;
use mentor_bot::scheduler::run_due;
use mentor_bot::slack::outbound::gateway::SlackGateway;
use serde_json::{json, Value};
use support::bot::*;

#[tokio::test]
async fn memo_and_todo_buttons_are_on_the_confirmation_the_reminder_and_the_homes_1on1_rows() {
    let (bot, theme) = world().await;
    let now = Utc::now();
    let one = confirmed(&bot, theme, 0, now).await;
    let id = one.id;
    let has_buttons = |blocks: &Value| {
        let text = blocks.to_string();
        text.contains(&format!("memo.open.{id}")) && text.contains(&format!("memo.todo.add.{id}"))
    };
    eventually("the confirmation DM with Memo and Add a TODO", || {
        bot.fake
            .messages_to(MENTEE)
            .iter()
            .any(|m| has_buttons(&m.blocks))
    })
    .await;
    eventually("the Home's 1on1 row with Memo and Add a TODO", || {
        bot.fake
            .published_home(MENTEE)
            .is_some_and(|h| has_buttons(&h["blocks"]))
    })
    .await;

    // Memo pressed on the Home opens the memo; Add a TODO opens the TODO form.
    let home = bot.fake.published_home(MENTEE).unwrap();
    bot.press(MENTEE, &format!("memo.open.{id}"), &id.to_string(), &home)
        .await;
    assert!(bot.view_by_callback("memo.save").is_some());
    bot.press(
        MENTEE,
        &format!("memo.todo.add.{id}"),
        &id.to_string(),
        &home,
    )
    .await;
    assert!(bot.view_by_callback("memo.todo.save").is_some());

    // The reminder (the mentor's is the brief) carries them too, and the brief quotes the
    // shared memo as it reads now.
    bot.app()
        .save_memo(&uid(MENTEE), id, "before the brief", "", now)
        .await
        .unwrap();
    let gateway = SlackGateway::new(bot.config.slack.as_ref().unwrap()).unwrap();
    run_due(
        bot.app(),
        &gateway,
        &RetryPolicy::default(),
        one.start - Duration::days(1),
    )
    .await
    .unwrap();
    eventually("the brief with the memo and its buttons", || {
        bot.fake
            .messages_to(MENTOR)
            .iter()
            .any(|m| m.blocks.to_string().contains("before the brief") && has_buttons(&m.blocks))
    })
    .await;
}

#[tokio::test]
async fn a_declined_request_has_no_memo() {
    let (bot, theme) = world().await;
    let now = Utc::now();
    let app = bot.app();
    let start = app.free_slots(&uid(MENTOR), now).await.unwrap()[0].start;
    let draft = RequestDraft::parse(
        Some(&start.timestamp().to_string()),
        Some("career"),
        "",
        Some("listen"),
        "note",
        &[],
    )
    .unwrap();
    let (one, _) = app
        .request_one_on_one(&uid(MENTEE), &uid(MENTOR), theme, draft, now)
        .await
        .unwrap();
    // While requested, the pair already keeps its memo.
    let view = open_memo(&bot, MENTOR, one.id).await;
    assert_eq!(view["callback_id"], "memo.save");
    app.decline_request(&uid(MENTOR), one.id, None, now)
        .await
        .unwrap();
    let view = open_memo(&bot, MENTEE, one.id).await;
    assert!(text_of(&view).contains("1on1にならなかった"), "{view}");
    let reply = submit(
        &bot,
        MENTEE,
        &forged("memo.save", json!({"one_on_one": one.id})),
        vec![text_value("memo.add", "late entry")],
    )
    .await;
    assert!(text_of(&reply["view"]).contains("1on1にならなかった"));
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM memo_entries WHERE body = 'late entry'"),
        0
    );
}
