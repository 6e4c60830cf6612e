//! Teams: `survey on|off` (アンケート オン) and `nudges on|off` typed in the chat and the nudge
//! buttons, and a survey answered in a dialog from the survey card (1–5, one choice, free text;
//! required ones enforced; editable while the run is open; refused for someone it was not
//! sent to).

use crate::support::teams::{
    button_data, card_text, closing, kana, liam, submit_data, teams_uid, with_inputs, TeamsBot,
};

use chrono::{Duration, Utc};
use mentor_bot::app::actions::{Action, NudgeAction};
use mentor_bot::app::admin::Actor;
use mentor_bot::app::surveys::SurveyInput;
use mentor_bot::domain::Lang;
use mentor_bot::i18n::t as tr;
use mentor_bot::teams::cards::kit::action_data;

use crate::support::bot::tokyo;
use crate::teams_after::{card_with_button, mia};

/// The start of a catalog text (before its first code mark or placeholder).
fn lead(lang: Lang, key: &str) -> String {
    tr(lang, key)
        .split(['`', '{'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[tokio::test]
async fn survey_and_nudges_switch_by_typing_in_japanese_and_english_and_by_the_nudge_buttons() {
    let t = TeamsBot::start().await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    let opted = |user: &fake_teams::User| {
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM survey_opt_ins WHERE user_id = '{}' AND opted_in = 1",
            teams_uid(user)
        ))
    };

    assert_eq!(t.say(&liam, "survey maybe").await, 200);
    t.card_containing(&liam, &lead(Lang::En, "teams-more-survey-usage"))
        .await;
    assert_eq!(opted(&liam), 0, "an unreadable word changes nothing");
    assert_eq!(t.say(&liam, "survey on").await, 200);
    t.card_containing(&liam, &lead(Lang::En, "teams-more-survey-now-on"))
        .await;
    assert_eq!(opted(&liam), 1);
    assert_eq!(t.say(&kana, "アンケート オン").await, 200);
    t.card_containing(&kana, &lead(Lang::Ja, "teams-more-survey-now-on"))
        .await;
    assert_eq!(opted(&kana), 1);
    assert_eq!(t.say(&kana, "アンケート オフ").await, 200);
    t.card_containing(&kana, &lead(Lang::Ja, "teams-more-survey-now-off"))
        .await;
    assert_eq!(opted(&kana), 0);

    let off = |user: &fake_teams::User| {
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM nudge_opt_outs WHERE user_id = '{}'",
            teams_uid(user)
        ))
    };
    assert_eq!(t.say(&liam, "nudges off").await, 200);
    t.card_containing(&liam, &lead(Lang::En, "teams-more-nudges-now-off"))
        .await;
    assert_eq!(off(&liam), 1);
    // The nudge switch on a card (as the Home draws it): on again.
    let on = t
        .execute(&liam, action_data(&Action::Nudge(NudgeAction::On)))
        .await;
    assert!(
        card_text(&on).contains(&tr(Lang::En, "nudges-now-on")),
        "{on}"
    );
    assert_eq!(off(&liam), 0);
    let switched = t
        .execute(&kana, action_data(&Action::Nudge(NudgeAction::Off)))
        .await;
    assert!(
        card_text(&switched).contains(&lead(Lang::Ja, "teams-more-nudges-now-off")),
        "{switched}"
    );
    assert_eq!(off(&kana), 1);
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn a_survey_is_answered_in_a_dialog_with_required_questions_enforced_and_answers_editable() {
    let t = TeamsBot::start().await;
    let liam = t.installed(liam()).await;
    let mia = t.installed(mia()).await;
    assert_eq!(t.say(&liam, "survey on").await, 200);
    let hour_ago = (Utc::now() - Duration::hours(1)).with_timezone(&tokyo());
    let input = SurveyInput {
        title: "Opt-in pulse".into(),
        schedule: hour_ago.format("0 %M %H %d %m * %Y").to_string(),
        open_days: "7".into(),
        audience: Some("opted_in".into()),
        themes: Vec::new(),
        questions: "scale: How useful were your 1on1s?\nchoice: Format | Online | In person\n? text: Anything else?".into(),
        low_growth: String::new(),
    };
    t.bot
        .app()
        .create_survey(&Actor::Cli, &input, Utc::now())
        .await
        .unwrap();
    crate::surveys_slack::open_due_runs_created(&t.bot, 2).await;

    let card = card_with_button(&t, &liam, "survey.answer").await;
    assert!(card_text(&card).contains("Opt-in pulse"), "{card}");
    let answer = button_data(&card, "survey.answer");

    // Mia was not sent this survey: refused, no dialog.
    let (_, forged) = t.post(&t.teams.task_fetch(&mia, answer.clone())).await;
    assert_eq!(closing(&forged), tr(Lang::En, "survey-not-yours"));

    let dialog = t.fetch_dialog(&liam, answer.clone()).await;
    let text = card_text(&dialog);
    for question in [
        "How useful were your 1on1s?",
        "Format",
        "Anything else?",
        "In person",
    ] {
        assert!(text.contains(question), "{question} in {text}");
    }
    let questions: Vec<(i64, String)> = {
        let db = t.bot.db();
        let mut stmt = db
            .prepare("SELECT id, kind FROM survey_questions ORDER BY position")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let id = |kind: &str| {
        let q = questions.iter().find(|(_, k)| k == kind).unwrap().0;
        format!("q{q}")
    };
    let send = submit_data(&dialog);

    // Without the required choice: the dialog again, the error under it, nothing saved.
    let body = t
        .submit_dialog(
            &liam,
            with_inputs(&send, &[("growth", "4"), (&id("scale"), "5")]),
        )
        .await;
    assert_eq!(body["task"]["type"], "continue", "{body}");
    let again = body["task"]["value"]["card"]["content"].clone();
    t.teams.check_card(&again).unwrap();
    assert!(
        card_text(&again).contains(&tr(Lang::En, "survey-answer-required")),
        "{again}"
    );
    assert_eq!(t.bot.count("SELECT COUNT(*) FROM survey_answers"), 0);

    let body = t
        .submit_dialog(
            &liam,
            with_inputs(
                &send,
                &[
                    ("growth", "4"),
                    (&id("scale"), "5"),
                    (&id("choice"), "In person"),
                    (&id("text"), "More evening slots"),
                ],
            ),
        )
        .await;
    assert!(
        closing(&body).starts_with(&lead(Lang::En, "survey-answered")),
        "{body}"
    );
    assert_eq!(
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM survey_answers WHERE user_id = '{}' AND value = 'In person'",
            teams_uid(&liam)
        )),
        1
    );

    // Opened again: the earlier answers are filled in; changed while open, replaced.
    let dialog = t.fetch_dialog(&liam, answer).await;
    assert!(
        dialog.to_string().contains("More evening slots"),
        "{dialog}"
    );
    let body = t
        .submit_dialog(
            &liam,
            with_inputs(
                &submit_data(&dialog),
                &[
                    ("growth", "5"),
                    (&id("scale"), "5"),
                    (&id("choice"), "Online"),
                ],
            ),
        )
        .await;
    closing(&body);
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM survey_answers WHERE value = 'In person'"),
        0
    );
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM survey_answers WHERE value = 'Online'"),
        1
    );
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}
