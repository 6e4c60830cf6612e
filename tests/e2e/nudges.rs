//! Nudges (issue 10): each nudge at most once per period across a restart (`run-due` at two
//! instants), the "Book again" button opening the request form, people turning nudges off
//! and on, and the office's setting in the admin console (forged changes refused).

use crate::support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{json, Value};
use support::bot::*;
use support::world::{draft, morning_hours, uid, World};

/// Nora offers mornings in New York 60 days ahead.
async fn world(now: DateTime<Utc>) -> World {
    World::start(now, morning_hours(60)).await
}

#[tokio::test]
async fn each_nudge_is_sent_at_most_once_per_period_across_a_restart() {
    let t0 = Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap();
    let mut w = world(t0).await;
    // Sato met Nora on 2 October (10:00–11:00 New York); Ben's request for 8 October waits.
    let held = Utc.with_ymd_and_hms(2026, 10, 2, 14, 0, 0).unwrap();
    let (one, _) = w
        .app
        .request_one_on_one(&uid("UMA"), &uid("UNY"), w.theme, draft(held), t0)
        .await
        .unwrap();
    w.app.accept_request(&uid("UNY"), one.id, t0).await.unwrap();
    let waiting = Utc.with_ymd_and_hms(2026, 10, 8, 14, 0, 0).unwrap();
    w.app
        .request_one_on_one(&uid("UMB"), &uid("UNY"), w.theme, draft(waiting), t0)
        .await
        .unwrap();

    // Under a day of waiting: no reminder yet.
    w.run_due(t0 + Duration::hours(23)).await;
    assert!(w
        .dms_containing("UNY", "has waited more than a day")
        .is_empty());

    // After a day: one reminder; a restart and a second run two hours later send no other.
    let t1 = t0 + Duration::hours(25);
    w.run_due(t1).await;
    assert_eq!(
        w.dms_containing("UNY", "has waited more than a day").len(),
        1
    );
    w.restart().await;
    w.run_due(t1 + Duration::hours(2)).await;
    let pending = w.dms_containing("UNY", "has waited more than a day");
    assert_eq!(pending.len(), 1, "one reminder per waiting request");
    assert!(
        text_of(&pending[0]).contains("<@UMB>'s request"),
        "{}",
        text_of(&pending[0])
    );
    let buttons = pending[0].to_string();
    assert!(buttons.contains("booking.accept.") && buttons.contains("nudge.off"));

    // Four weeks after her 1on1 ended with nothing booked, Sato gets one "Book again", in
    // Japanese; `mentor-bot run-due` at two instants of the period (two processes) sends it
    // once.
    let ended = held + Duration::hours(1);
    let t2 = ended + Duration::weeks(4) + Duration::minutes(10);
    let stdout = w.run_due_command(t2).await;
    assert!(stdout.contains("nudges"), "{stdout}");
    let rebook = |w: &World| w.dms_containing("UMA", "次の1on1を予約しませんか");
    assert_eq!(rebook(&w).len(), 1);
    let last: i64 = rusqlite::Connection::open(&w.config.settings.db_path)
        .unwrap()
        .query_row(
            "SELECT MAX(id) FROM one_on_ones WHERE mentee_id = 'UMA'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        rebook(&w)[0]
            .to_string()
            .contains(&format!("booking.next.{last}")),
        "Book again books the next 1on1 after the last one"
    );
    let stdout = w.run_due_command(t2 + Duration::hours(3)).await;
    assert!(stdout.contains("nudges"), "the job ran again: {stdout}");
    assert_eq!(rebook(&w).len(), 1, "once per person and period");
    assert_eq!(
        w.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'nudge-%'")
            .await,
        2,
        "one row per nudge: the keys name the period"
    );

    // The next four weeks are the next period: one more nudge, unless she turned them off.
    w.run_due(t2 + Duration::weeks(4)).await;
    assert_eq!(rebook(&w).len(), 2);
    w.app.set_nudges(&uid("UMA"), false, t2).await.unwrap();
    w.run_due(t2 + Duration::weeks(8)).await;
    assert_eq!(rebook(&w).len(), 2, "nudges off: nothing more");

    // A booked 1on1 ends the stretch: nothing is due while one is ahead.
    w.app.set_nudges(&uid("UMA"), true, t2).await.unwrap();
    let later = t2 + Duration::weeks(12);
    let next = w.app.free_slots(&uid("UNY"), later).await.unwrap()[0].start + Duration::weeks(1);
    w.app
        .request_one_on_one(&uid("UMA"), &uid("UNY"), w.theme, draft(next), later)
        .await
        .unwrap();
    w.run_due(later + Duration::hours(1)).await;
    assert_eq!(rebook(&w).len(), 2, "a 1on1 is booked");
}

#[tokio::test]
async fn a_mentor_who_turned_nudges_off_is_not_reminded_of_a_waiting_request() {
    let t0 = Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap();
    let w = world(t0).await;
    w.app.set_nudges(&uid("UNY"), false, t0).await.unwrap();
    let start = Utc.with_ymd_and_hms(2026, 10, 8, 14, 0, 0).unwrap();
    w.app
        .request_one_on_one(&uid("UMB"), &uid("UNY"), w.theme, draft(start), t0)
        .await
        .unwrap();
    w.run_due(t0 + Duration::hours(30)).await;
    assert!(w.dms_containing("UNY", "has waited").is_empty());
    assert_eq!(
        w.dms_containing("UNY", "requests a 1on1").len(),
        1,
        "the request itself still arrives"
    );
    // On again: the waiting request is remembered once.
    w.app.set_nudges(&uid("UNY"), true, t0).await.unwrap();
    w.run_due(t0 + Duration::hours(31)).await;
    assert_eq!(w.dms_containing("UNY", "has waited").len(), 1);
}

#[tokio::test]
async fn turning_nudges_off_withdraws_a_nudge_already_queued_but_not_sent() {
    let t0 = Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap();
    let w = world(t0).await;
    let start = Utc.with_ymd_and_hms(2026, 10, 8, 14, 0, 0).unwrap();
    w.app
        .request_one_on_one(&uid("UMB"), &uid("UNY"), w.theme, draft(start), t0)
        .await
        .unwrap();
    // The job queued the reminder; delivery is behind (it has not gone out yet).
    let queued = w.app.queue_nudges(t0 + Duration::hours(25)).await.unwrap();
    assert_eq!(queued, 1);
    let pending = "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'nudge-pending:UNY:%' AND status = 'pending'";
    assert_eq!(w.count(pending).await, 1);
    w.app
        .set_nudges(&uid("UNY"), false, t0 + Duration::hours(25))
        .await
        .unwrap();
    assert_eq!(w.count(pending).await, 0, "withdrawn with the switch");
    w.run_due(t0 + Duration::hours(26)).await;
    assert!(w.dms_containing("UNY", "has waited").is_empty());
}

/// A 1on1 between `mentee` and `mentor` that ended `weeks_ago` weeks (and a bit) ago.
async fn past_one_on_one(bot: &TestBot, mentee: &str, mentor: &str, theme: i64, weeks_ago: i64) {
    let app = bot.app();
    let then = Utc::now() - Duration::weeks(weeks_ago) - Duration::days(3);
    let slots = app.free_slots(&uid(mentor), then).await.unwrap();
    let (one, _) = app
        .request_one_on_one(
            &uid(mentee),
            &uid(mentor),
            theme,
            draft(slots[0].start),
            then,
        )
        .await
        .unwrap();
    app.accept_request(&uid(mentor), one.id, then)
        .await
        .unwrap();
}

#[tokio::test]
async fn book_again_opens_the_request_form_and_people_turn_nudges_off_and_on_from_slack() {
    let bot = TestBot::start().await;
    let theme = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    past_one_on_one(&bot, "UJA", "UEN", theme, 5).await;
    // The mentor turns nudges off with the command; a request waiting for them stays quiet.
    let (_, reply) = bot.command("UEN", "nudges off").await;
    assert!(text_of(&reply).contains("Nudges are off"), "{reply}");
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM nudge_opt_outs WHERE user_id = 'UEN'"),
        1
    );
    let (_, reply) = bot.command("UEN", "nudges").await;
    assert!(text_of(&reply).contains("Nudges are off"), "{reply}");
    let app = bot.app();
    let asked = Utc::now() - Duration::hours(30);
    let slots = app.free_slots(&uid("UEN"), Utc::now()).await.unwrap();
    app.request_one_on_one(
        &uid("UADMIN"),
        &uid("UEN"),
        theme,
        draft(slots[0].start),
        asked,
    )
    .await
    .unwrap();

    // (The running bot's own nudges job may have queued it first: the key keeps it one.)
    app.queue_nudges(Utc::now()).await.unwrap();
    app.queue_nudges(Utc::now()).await.unwrap();
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'nudge-rebook:UJA:%'"),
        1
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'nudge-pending:%'"),
        0,
        "the mentor turned nudges off"
    );
    let dm = bot.dm_containing("UJA", "次の1on1を予約しませんか").await;
    let actions = dm
        .blocks
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == "followup.actions")
        .expect("the DM's buttons");
    let press = actions["elements"][0].clone();
    assert!(
        press["action_id"]
            .as_str()
            .is_some_and(|id| id.starts_with("booking.next.")),
        "{press}"
    );
    bot.press_in_message(
        "UJA",
        press["action_id"].as_str().unwrap(),
        press["value"].as_str().unwrap(),
    )
    .await;
    let form = bot
        .view_by_callback("booking.request.send")
        .expect("Book again opens the request form");
    assert!(text_of(&form).contains("育休からの復帰"));
    let meta: Value = serde_json::from_str(form["private_metadata"].as_str().unwrap()).unwrap();
    assert_eq!(
        (meta["mentor"].clone(), meta["theme"].clone()),
        (json!("UEN"), json!(theme)),
        "the same mentor and theme"
    );

    // Sato turns nudges off from her Home, then on again; the Home says which.
    bot.press_in_message("UJA", "nudge.off", "nudge.off").await;
    eventually("Sato's opt-out", || {
        bot.count("SELECT COUNT(*) FROM nudge_opt_outs WHERE user_id = 'UJA'") == 1
    })
    .await;
    eventually("her Home shows nudges off", || {
        bot.fake
            .published_home("UJA")
            .is_some_and(|h| text_of(&h).contains("声かけ* はオフ"))
    })
    .await;
    let home = bot.fake.published_home("UJA").unwrap();
    assert!(
        home.to_string().contains("nudge.on"),
        "the Home offers to turn them on"
    );
    bot.press_in_message("UJA", "nudge.on", "nudge.on").await;
    eventually("Sato's nudges back on", || {
        bot.count("SELECT COUNT(*) FROM nudge_opt_outs WHERE user_id = 'UJA'") == 0
    })
    .await;
    let (_, reply) = bot.command("UEN", "nudges on").await;
    assert!(text_of(&reply).contains("Nudges are on"), "{reply}");
}

#[tokio::test]
async fn the_office_sets_the_nudge_weeks_in_the_console_and_forged_changes_are_refused() {
    let bot = TestBot::start().await;
    let (_, body) = bot.command_with_trigger(ADMIN, "admin").await;
    assert_eq!(body, "");
    let console = bot.view_by_callback("admin.console").expect("console");
    let block = console["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["block_id"] == "console.nudges")
        .expect("a Nudges block")
        .clone();
    assert!(text_of(&block).contains("4 weeks"), "the default: {block}");
    assert_eq!(block["accessory"]["action_id"], "nudge.settings");

    bot.press(ADMIN, "nudge.settings", "nudge.settings", &console)
        .await;
    let settings = bot
        .view_by_callback("nudge.settings.save")
        .expect("the settings modal");
    let weeks = |text: &str| values(vec![text_value("nudge.weeks", text)]);
    let (_, reply) = bot
        .interaction_reply(&view_submission(ADMIN, &settings, weeks("0")))
        .await;
    assert_eq!(reply["response_action"], "errors");
    assert!(reply["errors"]["nudge.weeks"]
        .as_str()
        .unwrap()
        .contains("1 to 52"));
    let (_, reply) = bot
        .interaction_reply(&view_submission(ADMIN, &settings, weeks("6")))
        .await;
    assert_eq!(reply["response_action"], "update", "{reply}");
    assert!(text_of(&reply["view"]).contains("after 6 weeks"));
    assert_eq!(bot.count("SELECT rebook_weeks FROM nudge_settings"), 6);

    // Someone who is not an admin: the button is refused, a forged submission changes nothing.
    bot.press_in_message("UEN", "nudge.settings", "nudge.settings")
        .await;
    eventually("the refusal", || {
        bot.fake
            .opened_views()
            .iter()
            .any(|v| text_of(v).contains("Only program admins can do this"))
    })
    .await;
    let (_, reply) = bot
        .interaction_reply(&view_submission("UEN", &settings, weeks("1")))
        .await;
    assert!(
        text_of(&reply["view"]).contains("Only program admins can do this"),
        "{reply}"
    );
    assert_eq!(bot.count("SELECT rebook_weeks FROM nudge_settings"), 6);
    assert_eq!(bot.app().rebook_weeks().await.unwrap(), 6);
}

#[tokio::test]
async fn no_book_again_nudge_for_a_mentor_who_no_longer_mentors_the_theme() {
    let t0 = Utc.with_ymd_and_hms(2026, 10, 1, 9, 0, 0).unwrap();
    let w = world(t0).await;
    let held = Utc.with_ymd_and_hms(2026, 10, 2, 14, 0, 0).unwrap();
    let (one, _) = w
        .app
        .request_one_on_one(&uid("UMA"), &uid("UNY"), w.theme, draft(held), t0)
        .await
        .unwrap();
    w.app.accept_request(&uid("UNY"), one.id, t0).await.unwrap();
    w.app
        .db
        .call(|c| {
            Ok(c.execute(
                "UPDATE certifications SET status = 'paused' WHERE user_id = 'UNY'",
                [],
            )?)
        })
        .await
        .unwrap();
    w.run_due(held + Duration::weeks(5)).await;
    assert_eq!(
        w.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'nudge-rebook:%'")
            .await,
        0,
        "Book again would only say the mentor is not available"
    );
}
