//! Surveys in Slack (issue 11): the office's form (an eleventh question refused with a field
//! error, forged admin actions refused), answers through the DM's Answer button (editable,
//! only by recipients), results that hide every group smaller than 3 and show free text and
//! named low scores to admins only (advisors: their themes' aggregates), and the CSV button.

use crate::support;

use chrono::{Duration, Utc};
use mentor_bot::app::admin::Actor;
use mentor_bot::domain::Role;
use serde_json::Value;
use support::bot::*;
use support::fake_slack::FakeUser;
use support::world::{draft, uid};

/// The newest modal under `callback`, as the fake holds it.
pub(crate) fn view(bot: &TestBot, callback: &str) -> Value {
    bot.view_by_callback(callback)
        .unwrap_or_else(|| panic!("a {callback} view"))
}

fn blocks_text(v: &Value) -> String {
    v["blocks"].to_string()
}

/// `mentee` had a confirmed 1on1 with `mentor` in `theme` three days ago (the `i`-th slot).
pub(crate) async fn met(bot: &TestBot, mentee: &str, mentor: &str, theme: i64, i: usize) {
    let app = bot.app();
    let then = Utc::now() - Duration::days(3);
    let slots = app.free_slots(&uid(mentor), then).await.unwrap();
    let (one, _) = app
        .request_one_on_one(
            &uid(mentee),
            &uid(mentor),
            theme,
            draft(slots[i].start),
            then,
        )
        .await
        .unwrap();
    app.accept_request(&uid(mentor), one.id, then)
        .await
        .unwrap();
}

/// The results `user` is shown when pressing Results of `survey`.
pub(crate) async fn results(bot: &TestBot, survey: i64, user: &str) -> String {
    bot.press_in_message(
        user,
        &format!("survey.results.{survey}"),
        &survey.to_string(),
    )
    .await;
    blocks_text(&view(bot, "survey.done"))
}

/// `user` answers `run` through the DM's Answer button; returns the reply to the submission.
pub(crate) async fn answer(
    bot: &TestBot,
    user: &str,
    run: i64,
    growth: &str,
    text_q: i64,
    text: &str,
) -> Value {
    let status = bot
        .press_in_message(user, &format!("survey.answer.{run}"), &run.to_string())
        .await;
    assert_eq!(status, 200);
    let form = view(bot, "survey.answer");
    let values = values(vec![
        choice_value("survey.growth", growth),
        text_value(&format!("survey.q.{text_q}"), text),
    ]);
    let (status, reply) = bot
        .interaction_reply(&view_submission(user, &form, values))
        .await;
    assert_eq!(status, 200);
    reply
}

#[tokio::test]
async fn the_office_defines_a_survey_in_slack_and_results_hide_groups_smaller_than_three() {
    let bot = TestBot::start().await;
    for id in ["UM1", "UM2", "UAD"] {
        bot.fake.add_user(
            FakeUser::new(id)
                .with_name(id)
                .with_tz("Asia/Tokyo")
                .with_locale("en-US"),
        );
    }
    let theme = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    for (i, mentee) in ["UJA", "UM1", "UM2"].into_iter().enumerate() {
        met(&bot, mentee, "UEN", theme, i).await;
    }

    // The console's Surveys block opens the list; New survey opens the form.
    let (status, _) = bot.command_with_trigger(ADMIN, "admin").await;
    assert_eq!(status, 200);
    let console = view(&bot, "admin.console");
    assert!(blocks_text(&console).contains("survey.list"));
    bot.press(ADMIN, "survey.list", "list", &console).await;
    let list = view(&bot, "survey.done");
    assert!(blocks_text(&list).contains("No survey yet"));
    bot.press(ADMIN, "survey.new", "new", &list).await;
    let form = view(&bot, "survey.define");

    // An eleventh question is refused with a field error; nothing is saved.
    let eleven = ["text: q"; 11].join("\n");
    let fields = |questions: &str, schedule: &str| {
        values(vec![
            text_value("survey.title", "Monthly check-in"),
            text_value("survey.schedule", schedule),
            text_value("survey.open_days", "7"),
            choice_value("survey.audience", "themes"),
            checked_value("survey.themes", &[&theme.to_string()]),
            text_value("survey.questions", questions),
        ])
    };
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            ADMIN,
            &form,
            fields(&eleven, "first-weekday"),
        ))
        .await;
    assert_eq!(reply["response_action"], "errors", "{reply}");
    assert!(
        reply["errors"]["survey.questions"]
            .as_str()
            .unwrap()
            .contains("At most 10 questions: this has 11"),
        "{reply}"
    );
    assert_eq!(bot.count("SELECT COUNT(*) FROM surveys"), 0);

    // A non-admin's forged form and buttons change nothing.
    let (_, reply) = bot
        .interaction_reply(&view_submission("UEN", &form, fields("text: q", "")))
        .await;
    assert!(reply.to_string().contains("Only program admins"), "{reply}");
    assert_eq!(bot.count("SELECT COUNT(*) FROM surveys"), 0);

    // Ten questions are fine; this survey runs once, an hour ago (a 7-field cron with the
    // year), so the preview shows what recipients will see.
    let hour_ago = (Utc::now() - Duration::hours(1)).with_timezone(&tokyo());
    let schedule = hour_ago.format("0 %M %H %d %m * %Y").to_string();
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            ADMIN,
            &form,
            fields(
                "text: What helped most?\n? scale: How useful were the 1on1s?",
                &schedule,
            ),
        ))
        .await;
    assert_eq!(reply["response_action"], "update", "{reply}");
    let preview = reply["view"].to_string();
    assert!(
        preview.contains("survey.growth") && preview.contains("What helped most?"),
        "{preview}"
    );
    let survey: i64 = bot.count("SELECT id FROM surveys");
    bot.press_in_message(
        "UEN",
        &format!("survey.pause.{survey}"),
        &format!("{survey}:1"),
    )
    .await;
    assert!(blocks_text(&view(&bot, "survey.done")).contains("Only program admins"));
    assert_eq!(
        bot.count("SELECT paused FROM surveys"),
        0,
        "a forged pause changes nothing"
    );

    // (Defined after the hour: the test moves its creation back so that the hour counts.)
    open_due_runs_created(&bot, 2).await;
    assert_eq!(bot.count("SELECT COUNT(*) FROM survey_runs"), 1);
    assert_eq!(bot.count("SELECT COUNT(*) FROM survey_recipients"), 3);
    let run: i64 = bot.count("SELECT id FROM survey_runs");
    // (Delivery of the DM is proven with run-due above; the worker here has a backlog of
    // the arranged 1on1s' DMs, so the test presses the DM's button itself.)
    assert_eq!(
        bot.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key = 'survey:{run}:UJA'"
        )),
        1
    );
    let text_q: i64 = bot.count("SELECT MIN(id) FROM survey_questions");

    // Someone the survey was not sent to cannot answer it.
    let form_for_uja = {
        bot.press_in_message("UJA", &format!("survey.answer.{run}"), &run.to_string())
            .await;
        view(&bot, "survey.answer")
    };
    let forged = values(vec![
        choice_value("survey.growth", "5"),
        text_value(&format!("survey.q.{text_q}"), "forged"),
    ]);
    let (_, reply) = bot
        .interaction_reply(&view_submission(ADMIN, &form_for_uja, forged))
        .await;
    assert!(reply.to_string().contains("was not sent to you"), "{reply}");
    assert_eq!(bot.count("SELECT COUNT(*) FROM survey_answers"), 0);

    // A required answer left out is a field error; then 佐藤 answers, and changes it.
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &form_for_uja,
            values(vec![choice_value("survey.growth", "3")]),
        ))
        .await;
    assert_eq!(reply["response_action"], "errors", "{reply}");
    assert!(
        reply["errors"][format!("survey.q.{text_q}")].is_string(),
        "{reply}"
    );
    let reply = answer(&bot, "UJA", run, "3", text_q, "先輩の経験談").await;
    assert!(reply.to_string().contains("回答を保存しました"), "{reply}");
    let reply = answer(&bot, "UJA", run, "1", text_q, "先輩の経験談が役立った").await;
    assert_eq!(reply["response_action"], "update", "{reply}");
    let again = {
        bot.press_in_message("UJA", &format!("survey.answer.{run}"), &run.to_string())
            .await;
        view(&bot, "survey.answer")
    };
    assert!(
        again.to_string().contains("先輩の経験談が役立った"),
        "earlier answers are shown"
    );
    assert_eq!(
        bot.count("SELECT growth FROM survey_recipients WHERE user_id = 'UJA'"),
        1
    );
    answer(&bot, "UM1", run, "5", text_q, "Practical advice").await;

    // Two answers: no aggregate is shown, but admins see the free text and low scores.
    let two = results(&bot, survey, ADMIN).await;
    assert!(two.contains("Not enough answers yet"), "{two}");
    assert!(!two.contains("1: 1 · 2: 0"), "{two}");
    assert!(
        two.contains("先輩の経験談が役立った") && two.contains("<@UJA>"),
        "{two}"
    );

    // Three answers: the distribution, response rate and trend appear.
    answer(&bot, "UM2", run, "4", text_q, "Time to think").await;
    let three = results(&bot, survey, ADMIN).await;
    assert!(
        three.contains("1: 1 · 2: 0 · 3: 0 · 4: 1 · 5: 1"),
        "{three}"
    );
    assert!(three.contains("3 of 3 answered (100%)"), "{three}");
    assert!(three.contains("average 3.3 (3 answers)"), "{three}");

    // An advisor of the theme sees the aggregates, never the free text or who scored low; a
    // mentee is refused.
    let app = bot.app();
    app.grant_role(&Actor::Cli, uid("UAD"), Role::Advisor, Utc::now())
        .await
        .unwrap();
    app.db
        .call(move |c| {
            mentor_bot::storage::roles::replace_advisor_themes(
                c,
                &uid("UAD"),
                &[theme],
                &uid(ADMIN),
                Utc::now(),
            )
        })
        .await
        .unwrap();
    let advisor = results(&bot, survey, "UAD").await;
    assert!(
        advisor.contains("1: 1 · 2: 0 · 3: 0 · 4: 1 · 5: 1"),
        "{advisor}"
    );
    assert!(
        !advisor.contains("先輩の経験談") && !advisor.contains("<@UJA>"),
        "{advisor}"
    );
    let mentee = results(&bot, survey, "UM1").await;
    assert!(mentee.contains("Only program admins"), "{mentee}");

    // The CSV button queues both exports to the admin's DM; a forged press queues nothing.
    bot.press_in_message(
        "UM1",
        &format!("survey.export.{survey}"),
        &survey.to_string(),
    )
    .await;
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'survey-export:%'"),
        0
    );
    bot.press(
        ADMIN,
        &format!("survey.export.{survey}"),
        &survey.to_string(),
        &list,
    )
    .await;
    assert!(blocks_text(&view(&bot, "survey.done")).contains("on their way to your DM"));
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'survey-export:%:UADMIN:%'"),
        3
    );
}

/// The office's New survey form, reached as an admin would: `/mentor admin`, Surveys, New.
pub(crate) async fn new_survey_form(bot: &TestBot) -> Value {
    let (status, _) = bot.command_with_trigger(ADMIN, "admin").await;
    assert_eq!(status, 200);
    let console = view(bot, "admin.console");
    bot.press(ADMIN, "survey.list", "list", &console).await;
    let list = view(bot, "survey.done");
    bot.press(ADMIN, "survey.new", "new", &list).await;
    view(bot, "survey.define")
}

/// Moves every survey's creation `hours` back (so that an occurrence defined as past counts),
/// then opens what is due now.
pub(crate) async fn open_due_runs_created(bot: &TestBot, hours: i64) {
    let created = (Utc::now() - Duration::hours(hours))
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    bot.db()
        .execute("UPDATE surveys SET created_at = ?1", [created])
        .unwrap();
    bot.app().queue_surveys(Utc::now()).await.unwrap();
}
