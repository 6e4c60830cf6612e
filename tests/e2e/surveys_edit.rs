//! Editing a survey (issue 11): the list's Edit button opens the form prefilled, saving keeps the
//! survey's id, a question changed after it was answered becomes a new revision — the results
//! and the answers CSV show each answer under the text it answered — and a forged edit (button
//! or form) by someone not in the office changes nothing.

use crate::support;
use crate::surveys_slack::{answer, new_survey_form, open_due_runs_created, results, view};

use chrono::{Duration, Utc};
use support::bot::*;
use support::fake_slack::FakeUser;

/// A cron expression for once, `hours` ago in Tokyo.
fn once_hours_ago(hours: i64) -> String {
    (Utc::now() - Duration::hours(hours))
        .with_timezone(&tokyo())
        .format("0 %M %H %d %m * %Y")
        .to_string()
}

fn fields(schedule: &str, question: &str) -> serde_json::Value {
    values(vec![
        text_value("survey.title", "Pulse"),
        text_value("survey.schedule", schedule),
        text_value("survey.open_days", "7"),
        choice_value("survey.audience", "opted_in"),
        text_value("survey.questions", question),
        text_value("survey.low_growth", "2"),
    ])
}

#[tokio::test]
async fn an_edited_question_is_a_new_revision_and_old_answers_keep_the_text_they_answered() {
    let bot = TestBot::start().await;
    bot.fake.add_user(
        FakeUser::new("UM1")
            .with_name("UM1")
            .with_tz("Asia/Tokyo")
            .with_locale("en-US"),
    );
    let (status, _) = bot.command("UM1", "survey on").await;
    assert_eq!(status, 200);

    // The office defines it: once, two hours ago.
    let form = new_survey_form(&bot).await;
    let console = view(&bot, "admin.console");
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            ADMIN,
            &form,
            fields(&once_hours_ago(2), "text: What helped?"),
        ))
        .await;
    assert_eq!(reply["response_action"], "update", "{reply}");
    let survey: i64 = bot.count("SELECT id FROM surveys");
    open_due_runs_created(&bot, 3).await;
    let first_run: i64 = bot.count("SELECT MAX(id) FROM survey_runs");
    let old_q: i64 = bot.count("SELECT id FROM survey_questions");
    answer(&bot, "UM1", first_run, "4", old_q, "Old answer").await;

    // Edit from the list: the form is prefilled with what is stored.
    bot.press(ADMIN, "survey.list", "list", &console).await;
    let list = view(&bot, "survey.done");
    assert!(
        list.to_string().contains(&format!("survey.edit.{survey}")),
        "the list has Edit"
    );
    bot.press(
        ADMIN,
        &format!("survey.edit.{survey}"),
        &survey.to_string(),
        &list,
    )
    .await;
    let edit = view(&bot, "survey.edit");
    let shown = edit.to_string();
    assert!(
        shown.contains("text: What helped?")
            && shown.contains("Pulse")
            && shown.contains("Edit survey"),
        "{shown}"
    );

    // Someone outside the office can neither open nor save it.
    bot.press_in_message("UM1", &format!("survey.edit.{survey}"), &survey.to_string())
        .await;
    assert!(blocks_of(&view(&bot, "survey.done")).contains("Only program admins"));
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UM1",
            &edit,
            fields(&once_hours_ago(1), "text: Forged?"),
        ))
        .await;
    assert!(reply.to_string().contains("Only program admins"), "{reply}");
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM survey_questions WHERE text = 'Forged?'"),
        0
    );

    // The office rewords the question (and runs it once more, an hour ago).
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            ADMIN,
            &edit,
            fields(&once_hours_ago(1), "text: What helped most this month?"),
        ))
        .await;
    assert!(
        reply.to_string().contains("One answered question changed"),
        "{reply}"
    );
    assert_eq!(bot.count("SELECT COUNT(*) FROM surveys"), 1, "same survey");
    assert_eq!(bot.count("SELECT id FROM surveys"), survey);
    assert_eq!(
        bot.count(&format!(
            "SELECT retired FROM survey_questions WHERE id = {old_q}"
        )),
        1
    );
    bot.app().queue_surveys(Utc::now()).await.unwrap();
    let second_run: i64 = bot.count("SELECT MAX(id) FROM survey_runs");
    assert_ne!(second_run, first_run);
    let new_q: i64 = bot.count("SELECT id FROM survey_questions WHERE retired = 0");
    assert_ne!(new_q, old_q);
    let reply = answer(&bot, "UM1", second_run, "5", new_q, "New answer").await;
    assert_eq!(reply["response_action"], "update", "{reply}");

    // The results show each answer under the text it answered.
    let shown = results(&bot, survey, ADMIN).await;
    // (The free text comes last, under each question's text as it was answered.)
    let at = |s: &str| {
        shown
            .rfind(s)
            .unwrap_or_else(|| panic!("{s:?} in the results: {shown}"))
    };
    assert!(at("What helped?") < at("Old answer"), "{shown}");
    assert!(
        at("Old answer") < at("What helped most this month?"),
        "{shown}"
    );
    assert!(
        at("What helped most this month?") < at("New answer"),
        "{shown}"
    );

    // So does the answers CSV: one column per revision, each answer under its own.
    bot.press(
        ADMIN,
        &format!("survey.export.{survey}"),
        &survey.to_string(),
        &list,
    )
    .await;
    let answers_file = || {
        bot.fake
            .shared_files(ADMIN)
            .into_iter()
            .find(|f| f.0.contains("answers"))
    };
    eventually("the answers CSV", || answers_file().is_some()).await;
    let (_, bytes, _) = answers_file().unwrap();
    let mut csv = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[5..],
        ["What helped?", "What helped most this month?"],
        "{header:?}"
    );
    let rows: Vec<Vec<String>> = csv
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let cells: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[5].as_str(), r[6].as_str()))
        .collect();
    assert_eq!(cells, [("Old answer", ""), ("", "New answer")], "{rows:?}");
}

fn blocks_of(v: &serde_json::Value) -> String {
    v["blocks"].to_string()
}
