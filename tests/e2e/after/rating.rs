//! The rating loop end to end, held / not held, and forged after-1on1 payloads.

use crate::support::fake_slack::FakeUser;
use chrono::{Duration, Utc};
use serde_json::json;

use super::*;

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
async fn an_answered_question_drops_its_reminder_and_a_cancel_or_move_withdraws_the_questions() {
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
    // A move withdraws them too and queues them again for the new end.
    let moved = confirmed(&bot, theme, 2, "goals", "report").await;
    let to = bot.app().free_slots(&uid("UEN"), Utc::now()).await.unwrap()[5].start;
    let after = bot
        .app()
        .reschedule_one_on_one(&uid("UJA"), moved, to, Utc::now())
        .await
        .unwrap();
    let rows = |status: &str| {
        bot.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'after%:{moved}:%' AND status = '{status}'"
        ))
    };
    assert_eq!((rows("cancelled"), rows("pending")), (4, 4));
    let due: String = bot
        .db()
        .query_row(
            &format!(
                "SELECT due_at FROM outbox WHERE dedupe_key = 'after:{moved}:{}:UJA'",
                after.sequence
            ),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(due, after.end.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string());
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
async fn a_1on1_confirmed_before_the_upgrade_is_asked_after_it_once_across_restarts() {
    let mut bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let id = confirmed(&bot, theme, 0, "career", "listen").await;
    // As a database from before after-1on1 questions existed: the 1on1 has none queued.
    bot.db()
        .execute("DELETE FROM outbox WHERE dedupe_key LIKE 'after%'", [])
        .unwrap();
    bot.restart().await;
    let after_rows = "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'after%'";
    assert_eq!(bot.count(after_rows), 4, "queued at start-up");
    bot.restart().await;
    assert_eq!(bot.count(after_rows), 4, "never twice");

    let_it_happen(&bot, id);
    run_due_at(&bot, Utc::now()).await;
    let asked = wait_dms(&bot, "UJA", &format!("after:{id}:"), 1).await;
    assert_eq!(asked.len(), 1);
}
