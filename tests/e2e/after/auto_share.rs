//! Auto-share: the office's rules, and the summaries recipients get (exactly the allowed fields).

use crate::support::fake_slack::FakeUser;
use chrono::{Duration, Utc};
use mentor_bot::domain::after::Held;
use mentor_bot::domain::Lang;
use serde_json::json;

use super::*;

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

    // Before writing the note (the shared memo's first entry) the mentee sees who reads it.
    let form = crate::booking_slack::open_request_form(&bot, "UJA", theme).await;
    let readers = form["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == "request.note.readers")
        .map(text_of)
        .expect("who reads the note");
    assert!(
        readers.contains("<@UEN>") && readers.contains("<@UHR>") && readers.contains("<@UMGR>"),
        "{readers}"
    );

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
    // Both of the pair keep a private memo on it: never part of a summary.
    for (author, body) in [
        ("UEN", "メンターの非公開メモ"),
        ("UJA", "mentee private note"),
    ] {
        bot.db()
            .execute(
                "INSERT INTO private_memos (one_on_one_id, author_id, body, created_at, updated_at)
                 VALUES (?1, ?2, ?3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                rusqlite::params![first, author, body],
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
    for never in [
        "別の回のメモ",
        "秘密のコメント",
        "スッキリ",
        "メンターの非公開メモ",
        "mentee private note",
    ] {
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
