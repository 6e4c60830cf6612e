//! Slack: an advisor reaches the results of a survey from their program stats (`/mentor stats`):
//! the stats modal ends with the surveys of their themes, each Results button (pressed from the
//! modal as drawn) opens the results as the use case decides them for the reader — aggregates
//! of their themes' people only, no free text, no names — in Japanese and English; the office
//! sees every survey. A plain mentee's stats are refused as before, with no section.

use chrono::Utc;
use mentor_bot::app::admin::Actor;
use mentor_bot::domain::{Lang, Role};
use mentor_bot::i18n::{t as tr, t_with};
use serde_json::Value;

use crate::insight::{command, shown, uid};
use crate::support::bot::*;
use crate::support::fake_slack::FakeUser;
use crate::teams_advisor::{answered_survey_in, answering, both_themes, A_PEOPLE, B_PEOPLE};

/// `user` advises `themes` (granted and scoped by the office).
async fn advises(bot: &TestBot, user: &str, themes: Vec<i64>) {
    let app = bot.app();
    app.grant_role(&Actor::Cli, uid(user), Role::Advisor, Utc::now())
        .await
        .unwrap();
    app.set_advisor_scope(&uid(ADMIN), &uid(user), themes, Utc::now())
        .await
        .unwrap();
}

/// The Results buttons of a modal as drawn: (survey id, action id, value).
fn results_buttons(view: &Value) -> Vec<(i64, String, String)> {
    let mut found = Vec::new();
    collect_buttons(view, &mut found);
    found
        .into_iter()
        .filter_map(|(action, value)| {
            let id = action.strip_prefix("survey.results.")?.parse().ok()?;
            Some((id, action, value))
        })
        .collect()
}

fn collect_buttons(v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) => {
            if map.get("type") == Some(&Value::from("button")) {
                let field = |k: &str| map.get(k).and_then(Value::as_str).unwrap_or_default();
                out.push((field("action_id").into(), field("value").into()));
            }
            map.values().for_each(|x| collect_buttons(x, out));
        }
        Value::Array(items) => items.iter().for_each(|x| collect_buttons(x, out)),
        _ => {}
    }
}

fn distribution(lang: Lang, d: [usize; 5]) -> String {
    let args: Vec<(&str, mentor_bot::i18n::Arg)> = ["s1", "s2", "s3", "s4", "s5"]
        .into_iter()
        .zip(d)
        .map(|(k, n)| (k, n.into()))
        .collect();
    t_with(lang, "survey-results-distribution", &args)
}

/// `user` opens their stats and presses the Results button of `survey` in the modal; returns
/// the stats modal's text and the results they see.
async fn results_from_stats(bot: &TestBot, user: &str, survey: i64) -> (String, String) {
    command(bot, user, "stats").await;
    let stats = shown(bot, "insight.view");
    let (_, action, value) = results_buttons(&stats)
        .into_iter()
        .find(|(id, _, _)| *id == survey)
        .unwrap_or_else(|| panic!("a Results button for {survey}: {stats}"));
    assert_eq!(bot.press(user, &action, &value, &stats).await, 200);
    (text_of(&stats), text_of(&shown(bot, "survey.done")))
}

#[tokio::test]
async fn an_advisor_in_slack_opens_survey_results_from_stats_with_only_their_themes_aggregates() {
    let bot = TestBot::start().await;
    bot.fake.add_user(
        FakeUser::new("UAD")
            .with_name("Noah")
            .with_tz("Europe/London")
            .with_locale("en-GB"),
    );
    let a = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    let b = bot
        .started_mentor_with_hours(ADMIN, "キャリア相談", "work", None)
        .await;
    let both = both_themes(a, b);
    let pulse = answered_survey_in(&bot, "Monthly pulse", vec![a, b], &both).await;
    let b_only: Vec<_> = both.iter().copied().filter(|p| p.1 == b).collect();
    let career = answered_survey_in(&bot, "Career check", vec![b], &b_only).await;
    advises(&bot, "UJA", vec![a]).await;
    advises(&bot, "UAD", vec![b]).await;

    // UJA (Japanese, advisor of A): her stats end with the pulse only, under the scope's note.
    command(&bot, "UJA", "stats").await;
    let stats = shown(&bot, "insight.view");
    let listed: Vec<i64> = results_buttons(&stats).iter().map(|b| b.0).collect();
    assert_eq!(listed, vec![pulse], "{stats}");
    let text = text_of(&stats);
    assert!(
        text.contains(&tr(Lang::Ja, "advisor-surveys-scope")),
        "{text}"
    );
    assert!(text.contains("Monthly pulse"), "{text}");
    assert!(!text.contains("Career check"), "{text}");
    assert!(text.contains(&tr(Lang::Ja, "button-survey-results-plain")));

    // Her press of that button: A's aggregates only, no free text, no names.
    let (_, shown_ja) = results_from_stats(&bot, "UJA", pulse).await;
    assert!(
        shown_ja.contains(&distribution(Lang::Ja, [0, 0, 0, 1, 2])),
        "{shown_ja}"
    );
    assert!(shown_ja.contains("育休からの復帰"), "A's trend: {shown_ja}");
    assert!(!shown_ja.contains("キャリア相談"), "no B: {shown_ja}");
    assert!(
        !shown_ja.contains("A: ") && !shown_ja.contains("B: "),
        "no free text: {shown_ja}"
    );
    assert!(
        !shown_ja.contains("UA") && !shown_ja.contains("UB"),
        "no names: {shown_ja}"
    );

    // UAD (English, advisor of B): both surveys, newest first, and B's aggregates only.
    command(&bot, "UAD", "stats").await;
    let stats = shown(&bot, "insight.view");
    let listed: Vec<i64> = results_buttons(&stats).iter().map(|b| b.0).collect();
    assert_eq!(listed, vec![career, pulse], "newest first: {stats}");
    let (stats_en, shown_en) = results_from_stats(&bot, "UAD", pulse).await;
    assert!(
        stats_en.contains(&tr(Lang::En, "advisor-surveys-scope")),
        "{stats_en}"
    );
    assert!(
        shown_en.contains(&distribution(Lang::En, [2, 1, 0, 0, 0])),
        "{shown_en}"
    );
    assert!(!shown_en.contains("育休からの復帰"), "no A: {shown_en}");
    assert!(
        !shown_en.contains("B: ") && !shown_en.contains("UB"),
        "no free text, no names: {shown_en}"
    );

    // The office: every survey under its own heading, everyone's aggregates and the free text.
    let (stats_office, shown_office) = results_from_stats(&bot, ADMIN, pulse).await;
    assert!(
        stats_office.contains(&tr(Lang::En, "advisor-surveys-office")),
        "{stats_office}"
    );
    assert!(stats_office.contains("Career check"), "{stats_office}");
    assert!(
        shown_office.contains(&distribution(Lang::En, [2, 1, 0, 1, 2])),
        "{shown_office}"
    );
    assert!(
        shown_office.contains("A: concrete advice") && shown_office.contains("B: too rushed"),
        "{shown_office}"
    );
}

#[tokio::test]
async fn an_advisor_with_no_survey_in_their_themes_is_told_so_without_a_button() {
    let bot = TestBot::start().await;
    let a = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    let b = bot
        .started_mentor_with_hours(ADMIN, "キャリア相談", "work", None)
        .await;
    let people = answering(&B_PEOPLE, b);
    answered_survey_in(&bot, "Career check", vec![b], &people).await;
    advises(&bot, "UJA", vec![a]).await;

    command(&bot, "UJA", "stats").await;
    let stats = shown(&bot, "insight.view");
    assert!(results_buttons(&stats).is_empty(), "{stats}");
    let text = text_of(&stats);
    assert!(
        text.contains(&tr(Lang::Ja, "teams-advisor-surveys-none")),
        "{text}"
    );
    assert!(!text.contains("Career check"), "{text}");
}

#[tokio::test]
async fn a_plain_mentees_stats_in_slack_are_refused_with_no_survey_section() {
    let bot = TestBot::start().await;
    let a = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    let people = answering(&A_PEOPLE, a);
    let pulse = answered_survey_in(&bot, "Monthly pulse", vec![a], &people).await;
    let views = |bot: &TestBot| {
        bot.fake
            .calls()
            .iter()
            // Modals only: a Home refresh (`views.publish`) from the survey's setup may land
            // at any moment.
            .filter(|c| {
                matches!(
                    c.method.as_str(),
                    "views.open" | "views.push" | "views.update"
                )
            })
            .count()
    };
    let before = views(&bot);

    // UJA is neither office nor advisor: the refusal, as an ephemeral line; no modal opens.
    let body = command(&bot, "UJA", "stats").await;
    assert!(body.contains(&tr(Lang::Ja, "insight-not-office")), "{body}");
    assert!(!body.contains("Monthly pulse") && !body.contains("survey.results"));
    assert_eq!(views(&bot), before, "no modal opened");

    // The Results button, forged: the refusal in her language; nothing shown, nothing changed.
    let state = |bot: &TestBot| {
        [
            "SELECT COUNT(*) FROM survey_answers",
            "SELECT COUNT(*) FROM outbox",
            "SELECT COUNT(*) FROM user_roles",
        ]
        .map(|sql| bot.count(sql))
    };
    let counts = state(&bot);
    let status = bot
        .press_in_message(
            "UJA",
            &format!("survey.results.{pulse}"),
            &pulse.to_string(),
        )
        .await;
    assert_eq!(status, 200);
    let refused = text_of(&shown(&bot, "survey.done"));
    assert!(refused.contains(&tr(Lang::Ja, "admin-only")), "{refused}");
    assert!(!refused.contains("A: "), "{refused}");
    assert_eq!(state(&bot), counts, "nothing changed");
}
