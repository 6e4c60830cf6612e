//! TODOs with one due reminder and Done, and looking back (issue 10 items 2 and 4): the
//! history's pages from `/mentor history [@person]` and the Home.

use crate::memo::{confirmed, open_memo, submit, uid, world, MENTEE, MENTOR, THIRD};
use crate::support;
use mentor_bot::domain::memo::{TodoDraft, TodoOwner};

use chrono::{Duration, Utc};
use mentor_bot::domain::RetryPolicy;
use mentor_bot::scheduler::run_due;
use mentor_bot::slack::outbound::gateway::SlackGateway;
use serde_json::{json, Value};
use support::bot::*;

#[tokio::test]
async fn a_todo_is_reminded_once_on_its_due_day_and_done_from_the_reminder_or_withdrawn() {
    let (bot, theme) = world().await;
    let now = Utc::now();
    let one = confirmed(&bot, theme, 0, now).await;
    let due = (now + Duration::days(3)).date_naive();
    let add = |text: &'static str| {
        let bot = &bot;
        async move {
            bot.press_in_message(
                MENTEE,
                &format!("memo.todo.add.{}", one.id),
                &one.id.to_string(),
            )
            .await;
            let form = bot
                .view_by_callback("memo.todo.save")
                .expect("the TODO form");
            assert!(
                text_of(&form).contains("Emma"),
                "the other is named as a possible owner"
            );
            let reply = submit(
                bot,
                MENTEE,
                &form,
                vec![
                    text_value("memo.todo.text", text),
                    choice_value("memo.todo.owner", "other"),
                    (
                        "memo.todo.due".to_string(),
                        json!({"memo.todo.due": {"type": "datepicker", "selected_date": due.to_string()}}),
                    ),
                ],
            )
            .await;
            assert!(
                text_of(&reply["view"]).contains("TODOを追加しました"),
                "{reply}"
            );
            bot.db()
                .query_row("SELECT MAX(id) FROM todos", [], |r| r.get::<_, i64>(0))
                .unwrap()
        }
    };
    let reminded = add("履歴書を送る").await;
    let done_early = add("finish early").await;
    let deleted = add("drop this").await;
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM todos WHERE owner_id = 'UEN'"),
        3,
        "the mentee gave them to the mentor"
    );
    // 09:00 of the due day in the owner's zone (New York).
    let nine = due
        .and_hms_opt(9, 0, 0)
        .unwrap()
        .and_local_timezone(chrono_tz::America::New_York)
        .unwrap()
        .with_timezone(&Utc);
    let due_at: String = bot
        .db()
        .query_row(
            "SELECT due_at FROM outbox WHERE dedupe_key = ?1",
            [format!("todo-due:{}:{reminded}", one.id)],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(due_at, nine.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string());

    // The owner's Home lists them with Done; the mentee's memo shows them too.
    eventually("the mentor's Home lists the TODOs", || {
        bot.fake
            .published_home(MENTOR)
            .is_some_and(|h| text_of(&h).contains("履歴書を送る"))
    })
    .await;
    let home = bot.fake.published_home(MENTOR).unwrap();
    bot.press(
        MENTOR,
        &format!("memo.todo.{done_early}"),
        &format!("done:{done_early}"),
        &home,
    )
    .await;
    let memo = open_memo(&bot, MENTEE, one.id).await;
    assert!(
        text_of(&memo).contains("履歴書を送る") && text_of(&memo).contains("drop this"),
        "the mentee's memo shows the TODOs they gave the mentor"
    );
    bot.choose(
        MENTEE,
        &format!("memo.todo.{deleted}"),
        &format!("delete:{deleted}"),
        &memo,
    )
    .await;
    assert_eq!(bot.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'todo-due:%' AND status = 'cancelled'"), 2);

    // At the due instant exactly one reminder goes out, with Done.
    let gateway = SlackGateway::new(bot.config.slack.as_ref().unwrap()).unwrap();
    run_due(bot.app(), &gateway, &RetryPolicy::default(), nine)
        .await
        .unwrap();
    let reminder = bot.dm_containing(MENTOR, "履歴書を送る").await;
    let said = text_of(&reminder.blocks);
    assert!(said.contains("<@UJA>"), "{said}");
    assert!(
        said.contains(&format!("{}, {}", due.format("%-d"), due.format("%Y")))
            && !said.contains(&due.to_string()),
        "the due day in the owner's language, not a stored date: {said}"
    );
    run_due(
        bot.app(),
        &gateway,
        &RetryPolicy::default(),
        nine + Duration::hours(1),
    )
    .await
    .unwrap();
    for text in ["finish early", "drop this"] {
        assert!(
            !bot.fake.messages_to(MENTOR).iter().any(|m| m
                .text
                .as_deref()
                .unwrap_or_default()
                .contains(text)),
            "{text} was withdrawn"
        );
    }
    assert_eq!(
        bot.fake
            .messages_to(MENTOR)
            .iter()
            .filter(|m| m
                .text
                .as_deref()
                .unwrap_or_default()
                .contains("履歴書を送る"))
            .count(),
        1
    );
    bot.press_in_message(
        MENTOR,
        &format!("memo.todo.{reminded}"),
        &format!("done:{reminded}"),
    )
    .await;
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM todos WHERE done_at IS NOT NULL"),
        2
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM todos WHERE deleted_at IS NOT NULL"),
        1
    );
}

#[tokio::test]
async fn history_pages_past_1on1s_newest_first_with_the_readers_own_private_memo() {
    let (bot, theme) = world().await;
    let app = bot.app();
    // Seven past 1on1s with Emma, set up a month ago; one more still to come.
    let past = Utc::now() - Duration::days(30);
    let mut ids = Vec::new();
    for n in 0..7 {
        ids.push(confirmed(&bot, theme, n, past).await.id);
    }
    let upcoming = confirmed(&bot, theme, 0, Utc::now()).await.id;
    let newest = *ids.last().unwrap();
    app.save_memo(
        &uid(MENTEE),
        newest,
        "shared-on-newest",
        "mentee-private",
        past,
    )
    .await
    .unwrap();
    app.save_memo(&uid(MENTOR), newest, "", "mentor-private", past)
        .await
        .unwrap();
    bot.db()
        .execute(
            "UPDATE one_on_ones SET held = 'held' WHERE id = ?1",
            [newest],
        )
        .unwrap();

    let (_, body) = bot.command_with_trigger(MENTEE, "history").await;
    assert_eq!(body, "", "the history opens as a modal");
    let first = bot.view_by_callback("memo.history").expect("the history");
    let rows = |view: &Value| -> Vec<i64> {
        view["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|b| b["block_id"].as_str())
            .filter_map(|id| id.strip_prefix("history."))
            .filter_map(|id| id.parse().ok())
            .collect()
    };
    let mut expected: Vec<i64> = ids.iter().rev().copied().collect();
    assert_eq!(rows(&first), expected[..5], "newest first, five a page");
    assert!(!rows(&first).contains(&upcoming), "only 1on1s that ended");
    let text = first.to_string();
    assert!(text.contains("shared-on-newest") && text.contains("mentee-private"));
    assert!(
        !text.contains("mentor-private"),
        "never the other's private memo"
    );
    assert!(
        text.contains("読めるのはあなたと <@UEN> さん") && text.contains("読めるのはあなただけ"),
        "each memo says who reads it"
    );
    assert!(
        text.contains("実施済み") && text.contains("今後のキャリア"),
        "held, topic: {text}"
    );

    // The mentee books the next 1on1 from a row: the request form for that mentor and theme.
    let next_id = format!("booking.next.{newest}");
    assert!(
        text.contains(&next_id),
        "Book the next 1on1 on the mentee's rows"
    );
    bot.press(MENTEE, &next_id, &newest.to_string(), &first)
        .await;
    let form = bot
        .view_by_callback("booking.request.send")
        .expect("the request form, from the history");
    let meta: Value = serde_json::from_str(form["private_metadata"].as_str().unwrap()).unwrap();
    assert_eq!(
        (meta["mentor"].as_str(), meta["theme"].as_i64()),
        (Some(MENTOR), Some(theme))
    );

    bot.press(MENTEE, "memo.history.1", "-:1", &first).await;
    let second = bot.view_by_callback("memo.history").unwrap();
    assert_eq!(rows(&second), expected.split_off(5));
    assert!(
        text_of(&second).contains("新しい方へ"),
        "a way back, in Japanese"
    );

    // The mentor looks back on the same person by name; a stranger is told how to ask.
    let (_, body) = bot.command_with_trigger(MENTOR, "history @佐藤").await;
    assert_eq!(body, "");
    let mentor_view = bot.view_by_callback("memo.history").unwrap().to_string();
    assert!(mentor_view.contains("mentor-private") && !mentor_view.contains("mentee-private"));
    assert!(
        !mentor_view.contains("booking.next."),
        "only the mentee books the next one"
    );
    let (_, body) = bot.command_with_trigger(MENTOR, "history @nobody").await;
    assert!(body.contains("no past 1on1 with that person"), "{body}");
    let (_, body) = bot.command_with_trigger(THIRD, "history").await;
    assert_eq!(body, "");
    let none = bot.view_by_callback("memo.history").unwrap();
    assert!(
        text_of(&none).contains("No past 1on1s yet")
            && !none.to_string().contains("shared-on-newest")
    );

    // The Home's Look back opens the same history.
    let home = json!({"id": "VHOME", "type": "home"});
    bot.press(MENTEE, "memo.history.0", "-:0", &home).await;
    let from_home = bot.view_by_callback("memo.history").unwrap();
    assert_eq!(rows(&from_home).len(), 5);
}

#[tokio::test]
async fn a_todo_without_text_or_due_in_the_past_is_refused_field_by_field() {
    let (bot, theme) = world().await;
    let one = confirmed(&bot, theme, 0, Utc::now()).await;
    bot.press_in_message(
        MENTEE,
        &format!("memo.todo.add.{}", one.id),
        &one.id.to_string(),
    )
    .await;
    let form = bot
        .view_by_callback("memo.todo.save")
        .expect("the TODO form");
    let yesterday = (Utc::now() - Duration::days(2)).date_naive();
    let reply = submit(
        &bot,
        MENTEE,
        &form,
        vec![
            text_value("memo.todo.text", "   "),
            choice_value("memo.todo.owner", "me"),
            (
                "memo.todo.due".to_string(),
                json!({"memo.todo.due": {"type": "datepicker", "selected_date": yesterday.to_string()}}),
            ),
        ],
    )
    .await;
    assert_eq!(reply["response_action"], "errors", "{reply}");
    assert_eq!(reply["errors"]["memo.todo.text"], "入力してください。");
    assert_eq!(
        reply["errors"]["memo.todo.due"],
        "期限に過去の日付は指定できません。"
    );
    assert_eq!(bot.count("SELECT COUNT(*) FROM todos"), 0);
}

#[tokio::test]
async fn a_cancelled_1on1s_todos_are_not_reminded_and_a_declined_requests_todos_leave_the_home() {
    let (bot, theme) = world().await;
    let app = bot.app();
    let now = Utc::now();
    let due = (now + Duration::days(3)).date_naive();
    let todo = |text: &str| TodoDraft {
        text: text.to_string(),
        owner: TodoOwner::Me,
        due: Some(due),
    };
    let kept = confirmed(&bot, theme, 0, now).await;
    let cancelled = confirmed(&bot, theme, 1, now).await;
    app.add_todo(&uid(MENTEE), kept.id, todo("kept todo"), now)
        .await
        .unwrap();
    app.add_todo(
        &uid(MENTEE),
        cancelled.id,
        todo("todo of a cancelled 1on1"),
        now,
    )
    .await
    .unwrap();
    let pending = |id: i64| {
        bot.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'todo-due:{id}:%' AND status = 'pending'"
        ))
    };
    assert_eq!((pending(kept.id), pending(cancelled.id)), (1, 1));

    // The mentee cancels one 1on1 from its DM: its TODO's reminder is withdrawn, not the other's.
    bot.press_in_message(
        MENTEE,
        &format!("booking.cancel.{}", cancelled.id),
        &cancelled.id.to_string(),
    )
    .await;
    assert_eq!(
        bot.count(&format!(
            "SELECT COUNT(*) FROM one_on_ones WHERE id = {} AND status = 'cancelled'",
            cancelled.id
        )),
        1
    );
    assert_eq!((pending(kept.id), pending(cancelled.id)), (1, 0));

    // A TODO added while a request waits is gone from the Home once the mentor declines it.
    let start = app.free_slots(&uid(MENTOR), now).await.unwrap()[2].start;
    let draft = mentor_bot::domain::booking::RequestDraft::parse(
        Some(&start.timestamp().to_string()),
        Some("career"),
        "",
        Some("listen"),
        "",
        &[],
    )
    .unwrap();
    let (request, _) = app
        .request_one_on_one(&uid(MENTEE), &uid(MENTOR), theme, draft, now)
        .await
        .unwrap();
    app.add_todo(
        &uid(MENTEE),
        request.id,
        todo("todo of a declined request"),
        now,
    )
    .await
    .unwrap();
    bot.press_in_message(
        MENTOR,
        &format!("booking.decline.{}", request.id),
        &request.id.to_string(),
    )
    .await;
    let decline = bot.view_by_callback("booking.decline.send").unwrap();
    bot.interaction_reply(&view_submission(
        MENTOR,
        &decline,
        values(vec![text_value("booking.message", "")]),
    ))
    .await;
    assert_eq!(pending(request.id), 0, "its reminder is withdrawn");
    bot.command_with_trigger(MENTEE, "home").await;
    eventually("the mentee's Home lists only live TODOs", || {
        bot.fake.published_home(MENTEE).is_some_and(|h| {
            let text = text_of(&h);
            text.contains("kept todo") && !text.contains("todo of a declined request")
        })
    })
    .await;
}
