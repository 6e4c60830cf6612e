//! The survey's follow-up threshold (issue 11: "low growth scores (≤ 2, configurable)"): the
//! office sets it on the New survey form (1–4, default 2; 5 is refused with a field error), and
//! the results list the growth feelings at or below it, with names, to admins.

use crate::support;
use crate::surveys_slack::{answer, met, new_survey_form, open_due_runs_created, results};

use chrono::{Duration, Utc};
use support::bot::*;

#[tokio::test]
async fn the_results_list_growth_feelings_at_or_below_the_surveys_own_threshold() {
    let bot = TestBot::start().await;
    let theme = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    met(&bot, "UJA", "UEN", theme, 0).await;

    let form = new_survey_form(&bot).await;
    assert!(
        form.to_string().contains("survey.low_growth"),
        "the form asks for the threshold"
    );

    // Once, an hour ago (so that the run opens now).
    let hour_ago = (Utc::now() - Duration::hours(1)).with_timezone(&tokyo());
    let schedule = hour_ago.format("0 %M %H %d %m * %Y").to_string();
    let fields = |title: &str, low: &str| {
        values(vec![
            text_value("survey.title", title),
            text_value("survey.schedule", &schedule),
            text_value("survey.open_days", "7"),
            choice_value("survey.audience", "themes"),
            checked_value("survey.themes", &[&theme.to_string()]),
            text_value("survey.questions", "text: What helped?"),
            text_value("survey.low_growth", low),
        ])
    };

    // 5 would list everyone: refused under the field, nothing saved.
    let (_, reply) = bot
        .interaction_reply(&view_submission(ADMIN, &form, fields("Five", "5")))
        .await;
    assert_eq!(reply["response_action"], "errors", "{reply}");
    assert!(
        reply["errors"]["survey.low_growth"]
            .as_str()
            .unwrap()
            .contains("from 1 to 4"),
        "{reply}"
    );
    assert_eq!(bot.count("SELECT COUNT(*) FROM surveys"), 0);

    // One survey with threshold 3, one with 2.
    for (title, low) in [("Three", "3"), ("Two", "2")] {
        let (_, reply) = bot
            .interaction_reply(&view_submission(ADMIN, &form, fields(title, low)))
            .await;
        assert_eq!(reply["response_action"], "update", "{reply}");
    }
    let three: i64 = bot.count("SELECT id FROM surveys WHERE title = 'Three'");
    let two: i64 = bot.count("SELECT id FROM surveys WHERE title = 'Two'");
    assert_eq!(
        bot.count(&format!(
            "SELECT low_growth FROM surveys WHERE id = {three}"
        )),
        3
    );
    assert_eq!(
        bot.count(&format!("SELECT low_growth FROM surveys WHERE id = {two}")),
        2
    );

    // (Defined after the hour: moved back so that the hour counts.)
    open_due_runs_created(&bot, 2).await;

    // 佐藤 feels 3 in both.
    for survey in [three, two] {
        let run: i64 = bot.count(&format!(
            "SELECT id FROM survey_runs WHERE survey_id = {survey}"
        ));
        let q: i64 = bot.count(&format!(
            "SELECT id FROM survey_questions WHERE survey_id = {survey}"
        ));
        let reply = answer(&bot, "UJA", run, "3", q, "先輩の話").await;
        assert_eq!(reply["response_action"], "update", "{reply}");
    }
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM survey_recipients WHERE growth = 3"),
        2
    );

    let listed = results(&bot, three, ADMIN).await;
    assert!(
        listed.contains("Low growth feeling (3 or less)") && listed.contains("<@UJA> — 3"),
        "{listed}"
    );
    let not_listed = results(&bot, two, ADMIN).await;
    assert!(
        not_listed.contains("Low growth feeling (2 or less)") && !not_listed.contains("<@UJA>"),
        "{not_listed}"
    );
}
