//! The audience "everyone who opted in" (issue 11): people turn surveys on or off for themselves
//! with `/mentor survey on|off` (alone, it says which), and a survey sent to that audience
//! reaches exactly those who are on.

use crate::support;
use crate::surveys_slack::{new_survey_form, open_due_runs_created};

use chrono::{Duration, Utc};
use support::bot::*;
use support::fake_slack::FakeUser;

/// The text of `user`'s ephemeral reply to `/mentor <text>`.
async fn says(bot: &TestBot, user: &str, text: &str) -> String {
    let (status, reply) = bot.command(user, text).await;
    assert_eq!(status, 200);
    reply.to_string()
}

#[tokio::test]
async fn a_survey_for_everyone_who_opted_in_reaches_only_those_who_turned_surveys_on() {
    let bot = TestBot::start().await;
    for id in ["UM1", "UM2", "UM3"] {
        bot.fake.add_user(
            FakeUser::new(id)
                .with_name(id)
                .with_tz("Asia/Tokyo")
                .with_locale("en-US"),
        );
    }

    // UM1 turns surveys on; UM2 turns them on, then off; UM3 never does.
    assert!(says(&bot, "UM1", "survey on")
        .await
        .contains("Surveys are on"));
    assert!(says(&bot, "UM2", "survey on")
        .await
        .contains("Surveys are on"));
    assert!(says(&bot, "UM2", "survey off")
        .await
        .contains("Surveys are off"));
    assert!(says(&bot, "UM3", "survey")
        .await
        .contains("Surveys are off"));
    assert!(says(&bot, "UM1", "survey").await.contains("Surveys are on"));
    let usage = says(&bot, "UM3", "survey maybe").await;
    assert!(usage.contains("Type `/mentor survey on`"), "{usage}");
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM survey_opt_ins WHERE user_id = 'UM3'"),
        0,
        "an unreadable word changes nothing"
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM survey_opt_ins WHERE opted_in = 1"),
        1
    );

    // The office sends a survey to everyone who opted in (no theme needed), due an hour ago.
    let form = new_survey_form(&bot).await;
    assert!(form.to_string().contains("opted_in"), "the form offers it");
    let hour_ago = (Utc::now() - Duration::hours(1)).with_timezone(&tokyo());
    let schedule = hour_ago.format("0 %M %H %d %m * %Y").to_string();
    let fields = values(vec![
        text_value("survey.title", "Opt-in pulse"),
        text_value("survey.schedule", &schedule),
        text_value("survey.open_days", "7"),
        choice_value("survey.audience", "opted_in"),
        text_value("survey.questions", "? text: Anything else?"),
        text_value("survey.low_growth", "2"),
    ]);
    let (_, reply) = bot
        .interaction_reply(&view_submission(ADMIN, &form, fields))
        .await;
    assert_eq!(reply["response_action"], "update", "{reply}");
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM surveys WHERE audience = 'opted_in'"),
        1
    );

    // (Defined after the hour: moved back so that the hour counts.)
    open_due_runs_created(&bot, 2).await;

    bot.dm_containing("UM1", "Opt-in pulse").await;
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM survey_recipients WHERE user_id = 'UM1'"),
        1
    );
    assert_eq!(bot.count("SELECT COUNT(*) FROM survey_recipients"), 1);
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'survey:%'"),
        1,
        "nobody else is owed the DM"
    );
    for other in ["UM2", "UM3"] {
        assert!(
            !bot.fake.messages_to(other).iter().any(|m| m
                .text
                .as_deref()
                .unwrap_or_default()
                .contains("Opt-in pulse")),
            "{other} did not opt in"
        );
    }
}
