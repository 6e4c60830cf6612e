//! Memos through Slack (issue 10 item 1): the visibility matrix with forged payloads, quiet
//! edits that keep their history. Where the buttons are: `memo_surfaces.rs`; TODO reminders
//! and looking back: `memo_todos.rs`.

use crate::support;

use chrono::{DateTime, Utc};
use mentor_bot::domain::booking::RequestDraft;
use mentor_bot::domain::{OneOnOne, UserId};
use serde_json::{json, Value};
use support::bot::*;
use support::fake_slack::FakeUser;

pub(crate) const MENTOR: &str = "UEN";
pub(crate) const MENTEE: &str = "UJA";
pub(crate) const THIRD: &str = "UTHIRD";
pub(crate) const HR: &str = "UHR";

pub(crate) fn uid(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

/// Emma (UEN, New York) mentors a theme; a third person and an HR partner exist.
pub(crate) async fn world() -> (TestBot, i64) {
    let bot = TestBot::start().await;
    for (id, name) in [(THIRD, "Tom"), (HR, "Hana")] {
        bot.fake.add_user(
            FakeUser::new(id)
                .with_name(name)
                .with_tz("Asia/Tokyo")
                .with_locale("en-US"),
        );
    }
    let theme = bot
        .started_mentor_with_hours(MENTOR, "育休からの復帰", "programs", None)
        .await;
    (bot, theme)
}

/// A 1on1 of UJA with UEN in the `n`-th free slot seen at `now`, accepted.
pub(crate) async fn confirmed(bot: &TestBot, theme: i64, n: usize, now: DateTime<Utc>) -> OneOnOne {
    let app = bot.app();
    let start = app.free_slots(&uid(MENTOR), now).await.unwrap()[n].start;
    let draft = RequestDraft::parse(
        Some(&start.timestamp().to_string()),
        Some("career"),
        "",
        Some("listen"),
        "",
        &[],
    )
    .unwrap();
    let (one, _) = app
        .request_one_on_one(&uid(MENTEE), &uid(MENTOR), theme, draft, now)
        .await
        .unwrap();
    app.accept_request(&uid(MENTOR), one.id, now).await.unwrap();
    one
}

/// Presses Memo (as a DM button would) and returns the modal `user` was shown.
pub(crate) async fn open_memo(bot: &TestBot, user: &str, id: i64) -> Value {
    let before = bot.fake.calls_to("views.open").len();
    bot.press_in_message(user, &format!("memo.open.{id}"), &id.to_string())
        .await;
    bot.fake
        .wait_for_calls("views.open", before + 1, std::time::Duration::from_secs(10))
        .await;
    bot.fake.calls_to("views.open")[before].response["view"].clone()
}

/// A memo-form submission as Slack would send it for `view` (or a forged one).
pub(crate) async fn submit(
    bot: &TestBot,
    user: &str,
    view: &Value,
    entries: Vec<(String, Value)>,
) -> Value {
    let (_, reply) = bot
        .interaction_reply(&view_submission(user, view, values(entries)))
        .await;
    reply
}

pub(crate) fn forged(callback: &str, metadata: Value) -> Value {
    json!({"id": "VFORGED", "type": "modal", "callback_id": callback,
           "private_metadata": metadata.to_string()})
}

#[tokio::test]
async fn only_the_pair_reads_and_writes_memos_and_todos_and_private_memos_only_their_author() {
    let (bot, theme) = world().await;
    let now = Utc::now();
    let one = confirmed(&bot, theme, 0, now).await;
    let id = one.id;
    bot.db()
        .execute(
            "INSERT INTO auto_share_rules (theme_id, recipient_id, created_by, created_at)
             VALUES (?1, ?2, 'UADMIN', '2026-01-01T00:00:00.000Z')",
            rusqlite::params![theme, HR],
        )
        .unwrap();

    // The confirmation DM offers the memo.
    eventually("the confirmation with a Memo button", || {
        bot.fake
            .messages_to(MENTEE)
            .iter()
            .any(|m| m.blocks.to_string().contains(&format!("memo.open.{id}")))
    })
    .await;

    // The pair write: a shared entry each, and a private memo each.
    let form = open_memo(&bot, MENTEE, id).await;
    let seen = form.to_string();
    assert!(
        seen.contains("<@UEN>") && seen.contains("<@UHR>") && seen.contains("自動共有先 1 人"),
        "the shared memo says who reads it, recipients named: {seen}"
    );
    assert!(
        seen.contains("読めるのはあなただけ"),
        "the private memo says it is theirs only"
    );
    // A private memo too long is an error under the private memo, and nothing is saved.
    let entries_before = bot.count("SELECT COUNT(*) FROM memo_entries");
    let reply = submit(
        &bot,
        MENTEE,
        &form,
        vec![
            text_value("memo.add", "this entry waits for the private memo"),
            text_value("memo.private", &"長".repeat(3_001)),
        ],
    )
    .await;
    assert_eq!(reply["response_action"], "errors", "{reply}");
    assert!(
        reply["errors"]["memo.private"].is_string() && reply["errors"]["memo.add"].is_null(),
        "{reply}"
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM memo_entries"),
        entries_before
    );
    let reply = submit(
        &bot,
        MENTEE,
        &form,
        vec![
            text_value("memo.add", "復帰後の働き方を相談したい"),
            text_value("memo.private", "mentee-secret"),
        ],
    )
    .await;
    assert!(
        text_of(&reply["view"]).contains("誰にも通知されません"),
        "{reply}"
    );
    let form = open_memo(&bot, MENTOR, id).await;
    submit(
        &bot,
        MENTOR,
        &form,
        vec![
            text_value("memo.add", "mentor-shared-note"),
            text_value("memo.private", "mentor-secret"),
        ],
    )
    .await;
    bot.app()
        .add_todo(
            &uid(MENTEE),
            id,
            mentor_bot::domain::memo::TodoDraft {
                text: "todo-for-both".into(),
                owner: mentor_bot::domain::memo::TodoOwner::Me,
                due: None,
            },
            now,
        )
        .await
        .unwrap();

    // Read: each of the pair sees the shared memo, the TODOs and only their own private memo.
    for (reader, own, other) in [
        (MENTEE, "mentee-secret", "mentor-secret"),
        (MENTOR, "mentor-secret", "mentee-secret"),
    ] {
        let view = open_memo(&bot, reader, id).await.to_string();
        assert!(view.contains("復帰後の働き方を相談したい") && view.contains("mentor-shared-note"));
        assert!(view.contains("todo-for-both"), "{reader}: {view}");
        assert!(view.contains(own), "{reader} reads their own private memo");
        assert!(
            !view.contains(other),
            "{reader} never reads the other's: {view}"
        );
    }
    // A third person, an auto-share recipient and an admin read nothing of it.
    for outsider in [THIRD, HR, ADMIN] {
        let view = open_memo(&bot, outsider, id).await;
        let text = view.to_string();
        assert_eq!(view["callback_id"], "memo.notice", "{outsider}");
        assert!(
            text_of(&view).contains("Only the two people"),
            "{outsider}: {text}"
        );
        for secret in ["復帰後", "mentor-shared-note", "secret", "todo-for-both"] {
            assert!(!text.contains(secret), "{outsider} read {secret}");
        }
    }

    // Write: forged payloads by outsiders change nothing.
    let entry: i64 = bot
        .db()
        .query_row("SELECT MIN(id) FROM memo_entries", [], |r| r.get(0))
        .unwrap();
    let todo: i64 = bot
        .db()
        .query_row("SELECT id FROM todos", [], |r| r.get(0))
        .unwrap();
    let snapshot = |bot: &TestBot| {
        (
            bot.count("SELECT COUNT(*) FROM memo_entries"),
            bot.count("SELECT COUNT(*) FROM memo_revisions"),
            bot.count("SELECT COUNT(*) FROM private_memos"),
            bot.count("SELECT COUNT(*) FROM todos WHERE done_at IS NULL AND deleted_at IS NULL"),
            bot.count("SELECT COUNT(*) FROM todos"),
        )
    };
    let before = snapshot(&bot);
    assert_eq!(before, (2, 0, 2, 1, 1));
    // Each private memo is its author's: one of the pair saving never touched the other's.
    let privates: Vec<(String, String)> = bot
        .db()
        .prepare("SELECT author_id, body FROM private_memos ORDER BY author_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        privates,
        [
            (MENTOR.to_string(), "mentor-secret".to_string()),
            (MENTEE.to_string(), "mentee-secret".to_string())
        ]
    );
    for outsider in [THIRD, HR, ADMIN] {
        let reply = submit(
            &bot,
            outsider,
            &forged("memo.save", json!({"one_on_one": id})),
            vec![
                text_value("memo.add", "forged entry"),
                text_value("memo.private", "forged private"),
            ],
        )
        .await;
        assert!(
            text_of(&reply["view"]).contains("Only the two people"),
            "{reply}"
        );
        let reply = submit(
            &bot,
            outsider,
            &forged("memo.entry.save", json!({"entry": entry})),
            vec![text_value("memo.entry", "rewritten")],
        )
        .await;
        assert!(
            text_of(&reply["view"]).contains("Only the two people"),
            "{reply}"
        );
        submit(
            &bot,
            outsider,
            &forged("memo.todo.save", json!({"one_on_one": id})),
            vec![text_value("memo.todo.text", "forged todo")],
        )
        .await;
        bot.press_in_message(
            outsider,
            &format!("memo.todo.{todo}"),
            &format!("done:{todo}"),
        )
        .await;
        bot.press_in_message(
            outsider,
            &format!("memo.todo.{todo}"),
            &format!("delete:{todo}"),
        )
        .await;
        let view = {
            let before = bot.fake.calls_to("views.open").len();
            bot.press_in_message(outsider, &format!("memo.entry.{entry}"), &entry.to_string())
                .await;
            bot.fake
                .wait_for_calls("views.open", before + 1, std::time::Duration::from_secs(10))
                .await;
            bot.fake.calls_to("views.open")[before].response["view"].to_string()
        };
        assert!(
            !view.contains("復帰後"),
            "the entry editor is not shown: {view}"
        );
    }
    assert_eq!(snapshot(&bot), before, "nothing changed");
    let body: String = bot
        .db()
        .query_row(
            "SELECT body FROM memo_entries WHERE id = ?1",
            [entry],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(body, "復帰後の働き方を相談したい");
}

#[tokio::test]
async fn editing_a_shared_entry_keeps_the_earlier_text_and_tells_nobody() {
    let (bot, theme) = world().await;
    let one = confirmed(&bot, theme, 0, Utc::now()).await;
    let form = open_memo(&bot, MENTEE, one.id).await;
    submit(
        &bot,
        MENTEE,
        &form,
        vec![text_value("memo.add", "first text")],
    )
    .await;
    let entry: i64 = bot
        .db()
        .query_row("SELECT id FROM memo_entries", [], |r| r.get(0))
        .unwrap();
    let dms = bot.count("SELECT COUNT(*) FROM outbox WHERE kind = 'dm'");

    // The mentor edits the mentee's entry from the memo modal's Edit button.
    let memo = open_memo(&bot, MENTOR, one.id).await;
    bot.press(
        MENTOR,
        &format!("memo.entry.{entry}"),
        &entry.to_string(),
        &memo,
    )
    .await;
    let editor = bot
        .view_by_callback("memo.entry.save")
        .expect("the entry editor");
    assert!(editor.to_string().contains("first text"));
    let reply = submit(
        &bot,
        MENTOR,
        &editor,
        vec![text_value("memo.entry", "second text")],
    )
    .await;
    assert_eq!(reply["response_action"], "update");

    let (body, by): (String, String) = bot
        .db()
        .query_row(
            "SELECT body, updated_by FROM memo_entries WHERE id = ?1",
            [entry],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((body.as_str(), by.as_str()), ("second text", MENTOR));
    let (old, written_by, replaced_by): (String, String, String) = bot
        .db()
        .query_row(
            "SELECT body, written_by, replaced_by FROM memo_revisions WHERE entry_id = ?1",
            [entry],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (old.as_str(), written_by.as_str(), replaced_by.as_str()),
        ("first text", MENTEE, MENTOR),
        "who wrote what, and who replaced it"
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM outbox WHERE kind = 'dm'"),
        dms,
        "edits are quiet"
    );
    // The memo shows the edit and the kept version; an empty entry is refused.
    let memo = open_memo(&bot, MENTEE, one.id).await.to_string();
    assert!(
        memo.contains("second text") && memo.contains("以前の版 1 件"),
        "{memo}"
    );
    bot.press(
        MENTEE,
        &format!("memo.entry.{entry}"),
        &entry.to_string(),
        &json!({"id": "V1", "type": "modal"}),
    )
    .await;
    let editor = bot.view_by_callback("memo.entry.save").unwrap();
    assert!(
        editor.to_string().contains("first text"),
        "earlier versions listed"
    );
    let reply = submit(&bot, MENTEE, &editor, vec![text_value("memo.entry", "  ")]).await;
    assert_eq!(reply["response_action"], "errors", "{reply}");
}
