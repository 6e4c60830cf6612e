//! Teams: the memo dialog of a 1on1 (shared entries with who wrote them and when, only the
//! reader's own private memo, TODOs with their owners, who reads each part), adding to it,
//! TODO Done, editing an entry, forged presses by a third person, and `history` / 振り返り.

use crate::support::teams::{
    actions, again, button_data, card_text, closing, submit_data, teams_uid, with_inputs, TeamsBot,
};

use chrono::{Duration, Utc};
use mentor_bot::domain::Lang;
use mentor_bot::i18n::t as tr;
use serde_json::Value;

use crate::teams_after::{card_with_button, kana_and_liam, mia};

/// The first part of a catalog text, before its first placeholder.
fn lead(lang: Lang, key: &str) -> String {
    let text = tr(lang, key);
    text.split('{')
        .next()
        .unwrap_or_default()
        .trim()
        .trim_start_matches(['👥', '🔒'])
        .trim_matches(|c: char| c == '*' || c.is_whitespace())
        .to_string()
}

#[tokio::test]
async fn the_memo_dialog_shows_shared_entries_only_ones_own_private_memo_and_todos_and_who_reads_them(
) {
    let t = TeamsBot::start().await;
    let (kana, liam, id) = kana_and_liam(&t, 0, true).await;
    let mia = t.installed(mia()).await;
    let confirmed = card_with_button(&t, &liam, "memo.open").await;
    let open = button_data(&confirmed, "memo.open");

    // Liam (English) opens the memo: each part says who reads it.
    let dialog = t.fetch_dialog(&liam, open.clone()).await;
    let text = card_text(&dialog);
    assert!(
        text.contains(&lead(Lang::En, "memo-audience-pair")),
        "{text}"
    );
    assert!(text.contains("小林 加奈"), "{text}");
    assert!(
        text.contains(&lead(Lang::En, "memo-audience-private")),
        "{text}"
    );
    assert!(text.contains(&tr(Lang::En, "todo-audience")), "{text}");
    let save = submit_data(&dialog);
    assert_eq!(save["mb_form"], "memo.save", "{save}");

    // A TODO due in the past: the dialog again with the error, nothing saved.
    let yesterday = (Utc::now() - Duration::days(2))
        .format("%Y-%m-%d")
        .to_string();
    let body = t
        .submit_dialog(
            &liam,
            with_inputs(
                &save,
                &[
                    ("memo_add", "Share the return plan"),
                    ("todo_text", "Draft the plan"),
                    ("todo_due", &yesterday),
                ],
            ),
        )
        .await;
    let shown = again(&t, &body);
    assert!(
        card_text(&shown).contains(&tr(Lang::En, "todo-due-past")),
        "{shown}"
    );
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM memo_entries WHERE body = 'Share the return plan'"),
        0
    );
    assert_eq!(t.bot.count("SELECT COUNT(*) FROM todos"), 0);

    let due = (Utc::now() + Duration::days(5))
        .format("%Y-%m-%d")
        .to_string();
    let body = t
        .submit_dialog(
            &liam,
            with_inputs(
                &save,
                &[
                    ("memo_add", "Share the return plan"),
                    ("memo_private", "Nervous about April"),
                    ("todo_text", "Draft the plan"),
                    ("todo_owner", "me"),
                    ("todo_due", &due),
                ],
            ),
        )
        .await;
    assert_eq!(closing(&body), tr(Lang::En, "teams-more-memo-todo-saved"));
    assert_eq!(
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM memo_entries WHERE one_on_one_id = {id} AND body = 'Share the return plan'"
        )),
        1
    );
    assert_eq!(
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM private_memos WHERE author_id = '{}' AND body = 'Nervous about April'",
            teams_uid(&liam)
        )),
        1
    );
    assert_eq!(
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM todos WHERE owner_id = '{}' AND body = 'Draft the plan' AND due_on IS NOT NULL",
            teams_uid(&liam)
        )),
        1
    );

    // Mia (in neither seat): forged open, save and Done are refused and change nothing.
    let (_, forged) = t.post(&t.teams.task_fetch(&mia, open.clone())).await;
    assert_eq!(closing(&forged), tr(Lang::En, "memo-forbidden"));
    let forged = t
        .submit_dialog(
            &mia,
            with_inputs(&save, &[("memo_add", "forged"), ("todo_text", "forged")]),
        )
        .await;
    assert_eq!(closing(&forged), tr(Lang::En, "memo-forbidden"));

    // Kana (Japanese) reads Liam's entry with his name, never his private memo; the TODO is his.
    let dialog = t.fetch_dialog(&kana, open).await;
    let text = card_text(&dialog);
    assert!(text.contains("Share the return plan"), "{text}");
    assert!(text.contains("Liam Walsh"), "{text}");
    assert!(text.contains("Draft the plan"), "{text}");
    assert!(!text.contains("Nervous about April"), "{text}");
    assert!(
        text.contains(&lead(Lang::Ja, "memo-audience-private")),
        "{text}"
    );
    let done = button_data(&dialog, "memo.todo.");
    assert!(
        done["mb_value"].as_str().unwrap().starts_with("done:"),
        "{done}"
    );
    let forged = t.execute(&mia, done.clone()).await;
    assert!(
        card_text(&forged).contains(&tr(Lang::En, "memo-forbidden")),
        "{forged}"
    );
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM todos WHERE done_at IS NOT NULL"),
        0
    );

    // Done pressed in the dialog: the memo is drawn again with the TODO ticked.
    let body = t.submit_dialog(&kana, done).await;
    let shown = again(&t, &body);
    assert!(card_text(&shown).contains("☑ Draft the plan"), "{shown}");
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM todos WHERE done_at IS NOT NULL"),
        1
    );

    // Kana edits Liam's entry: the entry dialog keeps the text, the edit records who.
    let entry_id: i64 = t
        .bot
        .db()
        .query_row(
            "SELECT id FROM memo_entries WHERE body = 'Share the return plan'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let edit = button_data(&shown, &format!("memo.entry.{entry_id}"));
    let body = t.submit_dialog(&kana, edit).await;
    let entry = again(&t, &body);
    assert!(
        card_text(&entry).contains("Share the return plan")
            || entry.to_string().contains("Share the return plan")
    );
    let body = t
        .submit_dialog(
            &kana,
            with_inputs(
                &submit_data(&entry),
                &[("memo_entry", "Share the return plan by Friday")],
            ),
        )
        .await;
    assert_eq!(closing(&body), tr(Lang::Ja, "memo-saved"));
    assert_eq!(
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM memo_entries WHERE body = 'Share the return plan by Friday' AND updated_by = '{}'",
            teams_uid(&kana)
        )),
        1
    );
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn history_lists_past_1on1s_newest_first_with_the_memo_in_japanese_and_english() {
    let t = TeamsBot::start().await;
    let (kana, liam, first) = kana_and_liam(&t, 0, true).await;
    let theme: i64 = t
        .bot
        .db()
        .query_row("SELECT theme_id FROM one_on_ones", [], |r| r.get(0))
        .unwrap();
    let second = crate::teams_after::request(&t, &kana, &liam, theme, 3).await;
    t.bot
        .app()
        .accept_request(&teams_uid(&kana), second, Utc::now())
        .await
        .unwrap();
    t.bot
        .app()
        .save_memo(&teams_uid(&liam), first, "First notes", "", Utc::now())
        .await
        .unwrap();
    crate::after::happened(&t.bot, first, Duration::days(8));
    crate::after::happened(&t.bot, second, Duration::days(1));

    assert_eq!(t.say(&liam, "history Kana").await, 200);
    let unknown = tr(Lang::En, "teams-more-history-unknown");
    let unknown = unknown.split('.').next().unwrap();
    t.card_containing(&liam, unknown).await;

    assert_eq!(t.say(&kana, "振り返り").await, 200);
    let card = t.card_containing(&kana, "First notes").await;
    let text = card_text(&card);
    assert!(text.contains("Liam Walsh"), "{text}");
    // Newest first: the second 1on1's memo button comes before the first's.
    let memo_ids: Vec<String> = actions(&card)
        .iter()
        .filter_map(|a| a["data"]["mb_action"].as_str().map(str::to_string))
        .filter(|id| id.starts_with("memo.open."))
        .collect();
    assert_eq!(
        memo_ids,
        vec![format!("memo.open.{second}"), format!("memo.open.{first}")]
    );

    assert_eq!(t.say(&liam, "history Liam Walsh").await, 200);
    assert_eq!(t.say(&liam, "history 小林 加奈").await, 200);
    let card = t.card_containing(&liam, "First notes").await;
    assert!(
        card_text(&card).contains(&lead(Lang::En, "history-header-with")),
        "{card}"
    );
    // Liam, the mentee, can book the next one from his history.
    button_data(&card, "booking.next");
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn the_history_pages_older_and_newer_in_a_dialog() {
    let t = TeamsBot::start().await;
    let (kana, liam, first) = kana_and_liam(&t, 0, true).await;
    let theme: i64 = t
        .bot
        .db()
        .query_row("SELECT theme_id FROM one_on_ones", [], |r| r.get(0))
        .unwrap();
    let mut ids = vec![first];
    for nth in [2, 4, 6, 8, 10] {
        let id = crate::teams_after::request(&t, &kana, &liam, theme, nth).await;
        t.bot
            .app()
            .accept_request(&teams_uid(&kana), id, Utc::now())
            .await
            .unwrap();
        ids.push(id);
    }
    // The first is the oldest: 6 past 1on1s, one more than a page.
    for (i, id) in ids.iter().enumerate() {
        crate::after::happened(&t.bot, *id, Duration::days(20 - i as i64 * 2));
    }
    let before = t.chat(&liam).len();
    assert_eq!(t.say(&liam, "history").await, 200);
    crate::support::bot::eventually("the history card", || t.chat(&liam).len() > before).await;
    let card = crate::support::teams::card_of(t.chat(&liam).last().unwrap());
    let shown = |card: &Value| -> Vec<String> {
        actions(card)
            .iter()
            .filter_map(|a| a["data"]["mb_action"].as_str().map(str::to_string))
            .filter(|id| id.starts_with("memo.open."))
            .collect()
    };
    assert_eq!(shown(&card).len(), 5, "{card}");
    assert!(!shown(&card).contains(&format!("memo.open.{first}")));
    let older =
        crate::support::teams::action_titled(&card, &tr(Lang::En, "button-history-older-plain"));
    assert_eq!(older["data"]["msteams"]["type"], "task/fetch", "{older}");
    let page = t.fetch_dialog(&liam, older["data"].clone()).await;
    assert_eq!(shown(&page), vec![format!("memo.open.{first}")], "{page}");
    // Newer, inside the dialog, is a submit that answers with the first page.
    let newer =
        crate::support::teams::action_titled(&page, &tr(Lang::En, "button-history-newer-plain"));
    assert_eq!(newer["type"], "Action.Submit");
    let body = t.submit_dialog(&liam, newer["data"].clone()).await;
    let first_page = again(&t, &body);
    assert_eq!(shown(&first_page).len(), 5, "{first_page}");
    // The memo of a past 1on1 opens from the history dialog.
    let memo = button_data(&first_page, "memo.open.");
    let body = t.submit_dialog(&liam, memo).await;
    let memo = again(&t, &body);
    assert!(
        card_text(&memo).contains(&tr(Lang::En, "todo-audience")),
        "{memo}"
    );
}

#[tokio::test]
async fn todo_done_and_the_memo_work_from_the_home_card() {
    let t = TeamsBot::start().await;
    let (_kana, liam, id) = kana_and_liam(&t, 0, true).await;
    let draft = mentor_bot::domain::memo::TodoDraft {
        text: "Send the plan".into(),
        owner: mentor_bot::domain::memo::TodoOwner::Me,
        due: None,
    };
    t.bot
        .app()
        .add_todo(&teams_uid(&liam), id, draft, Utc::now())
        .await
        .unwrap();
    assert_eq!(t.say(&liam, "home").await, 200);
    let home = t.card_containing(&liam, "Send the plan").await;
    // The memo opens from the Home.
    let dialog = t
        .fetch_dialog(&liam, button_data(&home, &format!("memo.open.{id}")))
        .await;
    assert!(card_text(&dialog).contains("Send the plan"), "{dialog}");
    // Done on the Home card: the card says so, the TODO is done.
    let done = actions(&home)
        .into_iter()
        .map(|a| a["data"].clone())
        .find(|d| {
            d["mb_value"]
                .as_str()
                .is_some_and(|v| v.starts_with("done:"))
        })
        .unwrap_or_else(|| panic!("no Done on {home}"));
    let done = t.execute(&liam, done).await;
    assert!(
        card_text(&done).contains(&tr(Lang::En, "todo-done-saved")),
        "{done}"
    );
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM todos WHERE done_at IS NOT NULL"),
        1
    );
}
