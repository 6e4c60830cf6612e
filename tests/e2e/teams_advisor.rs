//! Teams: an advisor reaches the results of a survey from their program stats (`統計` / `stats`):
//! the stats card lists the surveys of their themes, each Results button opens the results as
//! the use case decides them for the reader — aggregates of their themes' people only, small
//! groups hidden, no free text, no names — in Japanese and English (the office, for contrast,
//! sees every survey with the free text). A plain mentee's forged Results press is refused and
//! changes nothing.

use crate::support::teams::{actions, card_text, closing, kana, liam, teams_uid, TeamsBot};

use chrono::{Duration, Utc};
use fake_teams::{NewUser, User};
use mentor_bot::app::actions::SurveyAction;
use mentor_bot::app::admin::Actor;
use mentor_bot::app::surveys::SurveyInput;
use mentor_bot::domain::{Lang, Role, UserId};
use mentor_bot::i18n::{t as tr, t_with};
use mentor_bot::storage::{survey_answers, surveys};
use mentor_bot::teams::cards::kit::md;
use serde_json::Value;

use crate::support::bot::{TestBot, ADMIN};
use crate::teams_insight::ask;
use crate::teams_survey_admin::fetch_data;

/// Emma (English, London), a Teams user who will advise the other theme.
fn emma() -> NewUser {
    NewUser {
        aad_object_id: "3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a098".into(),
        name: "Emma Clarke".into(),
        email: "emma@contoso.example".into(),
        locale: "en-GB".into(),
        timezone: "Europe/London".into(),
    }
}

fn uid(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

/// A survey of `themes` with a scale and a free-text question, one open run, and each
/// `(user, theme, growth, scale, text)` a recipient who answered. Returns the survey's id.
async fn answered_survey(
    t: &TeamsBot,
    title: &str,
    themes: Vec<i64>,
    answers: &[(&str, i64, &str, &str, &str)],
) -> i64 {
    answered_survey_in(&t.bot, title, themes, answers).await
}

/// `answered_survey` on the bot alone (for Slack's tests).
pub(crate) async fn answered_survey_in(
    bot: &TestBot,
    title: &str,
    themes: Vec<i64>,
    answers: &[(&str, i64, &str, &str, &str)],
) -> i64 {
    let app = bot.app();
    let now = Utc::now();
    let input = SurveyInput {
        title: title.into(),
        schedule: "first-weekday".into(),
        open_days: "7".into(),
        audience: Some("themes".into()),
        themes,
        questions: "scale: How useful were your 1on1s?\n? text: What helped most?".into(),
        low_growth: String::new(),
    };
    let survey = app.create_survey(&Actor::Cli, &input, now).await.unwrap();
    let people: Vec<(UserId, i64)> = answers.iter().map(|a| (uid(a.0), a.1)).collect();
    let (run, questions) = app
        .db
        .call(move |c| {
            let run =
                surveys::insert_run(c, survey, now - Duration::days(1), now + Duration::days(6))?
                    .expect("a new run");
            for (user, theme) in &people {
                survey_answers::insert_recipient(c, run, user, Some(*theme))?;
            }
            Ok((run, surveys::list_questions(c, survey)?))
        })
        .await
        .unwrap();
    let (scale, text) = (questions[0].id, questions[1].id);
    for (user, _, growth, useful, said) in answers {
        let given = [(scale, useful.to_string()), (text, said.to_string())];
        app.answer_survey(&uid(user), run, Some(growth), &given, now)
            .await
            .unwrap();
    }
    survey
}

/// `user` advises `themes` (granted and scoped by the office).
async fn advises(t: &TeamsBot, user: &User, themes: Vec<i64>) {
    let app = t.bot.app();
    let id = teams_uid(user);
    app.grant_role(&Actor::Cli, id.clone(), Role::Advisor, Utc::now())
        .await
        .unwrap();
    app.set_advisor_scope(&uid(ADMIN), &id, themes, Utc::now())
        .await
        .unwrap();
}

/// The Results buttons of a card: (survey id, data).
fn results_buttons(card: &Value) -> Vec<(i64, Value)> {
    actions(card)
        .into_iter()
        .map(|a| a["data"].clone())
        .filter_map(|d| {
            let id = d["mb_action"].as_str()?.strip_prefix("survey.results.")?;
            Some((id.parse().ok()?, d.clone()))
        })
        .collect()
}

fn distribution(lang: Lang, d: [usize; 5]) -> String {
    let args: Vec<(&str, mentor_bot::i18n::Arg)> = ["s1", "s2", "s3", "s4", "s5"]
        .into_iter()
        .zip(d)
        .map(|(k, n)| (k, n.into()))
        .collect();
    md(&t_with(lang, "survey-results-distribution", &args))
}

fn rate(lang: Lang, answered: usize, sent: usize, percent: usize) -> String {
    md(&t_with(
        lang,
        "survey-results-rate",
        &[
            ("answered", answered.into()),
            ("sent", sent.into()),
            ("percent", percent.into()),
        ],
    ))
}

/// Theme A's three people feel 5, 5, 4; theme B's feel 1, 1, 2, and say so in free text.
/// An answering person with their certification's theme: (user, theme, growth, rating, text).
pub(crate) type Answerer = (&'static str, i64, &'static str, &'static str, &'static str);

/// `people` (A_PEOPLE or B_PEOPLE) answering through `theme`.
pub(crate) fn answering(
    people: &[(&'static str, &'static str, &'static str, &'static str)],
    theme: i64,
) -> Vec<Answerer> {
    people.iter().map(|p| (p.0, theme, p.1, p.2, p.3)).collect()
}

/// Both themes' people: A's through `a`, then B's through `b`.
pub(crate) fn both_themes(a: i64, b: i64) -> Vec<Answerer> {
    let mut both = answering(&A_PEOPLE, a);
    both.extend(answering(&B_PEOPLE, b));
    both
}

pub(crate) const A_PEOPLE: [(&str, &str, &str, &str); 3] = [
    ("UA1", "5", "4", "A: the mentor listened"),
    ("UA2", "5", "4", "A: concrete advice"),
    ("UA3", "4", "5", "A: time to think"),
];
pub(crate) const B_PEOPLE: [(&str, &str, &str, &str); 3] = [
    ("UB1", "1", "1", "B: nobody came"),
    ("UB2", "1", "1", "B: too rushed"),
    ("UB3", "2", "1", "B: wrong theme"),
];

#[tokio::test]
async fn an_advisor_in_teams_opens_survey_results_from_stats_with_only_their_themes_aggregates() {
    // Liam (English) is a program admin: the office's view, for comparison.
    let t = TeamsBot::start_with(|c| {
        c.settings
            .admins
            .push(UserId::teams(&liam().aad_object_id).unwrap())
    })
    .await;
    let kana = t.installed(kana()).await;
    let emma = t.installed(emma()).await;
    let liam = t.installed(liam()).await;
    let a = t
        .bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    let b = t
        .bot
        .started_mentor_with_hours("UM2", "キャリア相談", "work", None)
        .await;
    let both = both_themes(a, b);
    let pulse = answered_survey(&t, "Monthly pulse", vec![a, b], &both).await;
    let b_only: Vec<_> = both.iter().copied().filter(|p| p.1 == b).collect();
    let career = answered_survey(&t, "Career check", vec![b], &b_only).await;
    advises(&t, &kana, vec![a]).await;
    advises(&t, &emma, vec![b]).await;

    // Kana (Japanese, advisor of A): her stats list the pulse only, under the scope's note.
    let ja = |key: &str| tr(Lang::Ja, key);
    let stats = ask(&t, &kana, "統計", &md(&ja("teams-advisor-surveys-scope"))).await;
    t.teams.check_card(&stats).expect("a valid stats card");
    let listed = results_buttons(&stats);
    assert_eq!(
        listed.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        vec![pulse],
        "{stats}"
    );
    assert!(card_text(&stats).contains("Monthly pulse"), "{stats}");
    assert!(!card_text(&stats).contains("Career check"), "{stats}");
    let results = t.fetch_dialog(&kana, listed[0].1.clone()).await;
    let shown = card_text(&results);
    assert!(
        shown.contains(&distribution(Lang::Ja, [0, 0, 0, 1, 2])),
        "{shown}"
    );
    assert!(shown.contains(&rate(Lang::Ja, 3, 3, 100)), "{shown}");
    assert!(shown.contains("育休からの復帰"), "A's trend: {shown}");
    assert!(shown.contains("平均 4.3"), "A's scale average: {shown}");
    assert!(!shown.contains("キャリア相談"), "no B: {shown}");
    assert!(
        !shown.contains("A: ") && !shown.contains("B: "),
        "no free text: {shown}"
    );
    assert!(
        !shown.contains("UA") && !shown.contains("UB"),
        "no names: {shown}"
    );

    // A Results press for B's survey, forged by Kana: the use case counts A's people only,
    // of whom none was sent it, so everything is hidden.
    let forged = fetch_data(SurveyAction::Results { survey: career });
    let outside = card_text(&t.fetch_dialog(&kana, forged).await);
    assert!(outside.contains(&ja("survey-results-hidden")), "{outside}");
    assert!(!outside.contains("1: 2 · 2: 1"), "{outside}");

    // Emma (English, advisor of B): both surveys, and B's aggregates only.
    let en = |key: &str| tr(Lang::En, key);
    let stats = ask(&t, &emma, "stats", &md(&en("teams-advisor-surveys-scope"))).await;
    let listed = results_buttons(&stats);
    assert_eq!(
        listed.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        vec![career, pulse],
        "newest first: {stats}"
    );
    let results = t.fetch_dialog(&emma, listed[1].1.clone()).await;
    let shown = card_text(&results);
    assert!(
        shown.contains(&distribution(Lang::En, [2, 1, 0, 0, 0])),
        "{shown}"
    );
    assert!(shown.contains(&rate(Lang::En, 3, 3, 100)), "{shown}");
    assert!(shown.contains("Average 1.0"), "B's scale average: {shown}");
    assert!(!shown.contains("育休からの復帰"), "no A: {shown}");
    assert!(
        !shown.contains("B: ") && !shown.contains("UB"),
        "no free text, no names: {shown}"
    );

    // The office: every survey, everyone's aggregates, the free text and the low scores.
    let stats = ask(&t, &liam, "stats", &md(&en("teams-advisor-surveys-office"))).await;
    let listed = results_buttons(&stats);
    assert_eq!(listed.len(), 2, "{stats}");
    let shown = card_text(&t.fetch_dialog(&liam, listed[1].1.clone()).await);
    assert!(
        shown.contains(&distribution(Lang::En, [2, 1, 0, 1, 2])),
        "{shown}"
    );
    assert!(
        shown.contains("A: concrete advice") && shown.contains("B: too rushed"),
        "{shown}"
    );
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn a_plain_mentees_forged_results_press_in_teams_is_refused_and_changes_nothing() {
    let t = TeamsBot::start().await;
    let liam = t.installed(liam()).await;
    let a = t
        .bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    let people = answering(&A_PEOPLE, a);
    let pulse = answered_survey(&t, "Monthly pulse", vec![a], &people).await;
    let state = |t: &TeamsBot| {
        [
            "SELECT COUNT(*) FROM survey_answers",
            "SELECT COUNT(*) FROM survey_recipients WHERE growth IS NOT NULL",
            "SELECT COUNT(*) FROM outbox",
            "SELECT COUNT(*) FROM user_roles",
        ]
        .map(|sql| t.bot.count(sql))
    };
    let before = state(&t);
    let chat = t.chat(&liam).len();

    // His stats are refused (he is neither office nor advisor), so no Results button to press.
    let refused = ask(&t, &liam, "stats", &tr(Lang::En, "insight-not-office")).await;
    assert!(results_buttons(&refused).is_empty(), "{refused}");

    // The Results button, forged: the refusal, in his language; nothing shown, nothing changed.
    let forged = fetch_data(SurveyAction::Results { survey: pulse });
    let (status, body) = t.post(&t.teams.task_fetch(&liam, forged.clone())).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(closing(&body), tr(Lang::En, "admin-only"));
    assert!(!body.to_string().contains("A: "), "{body}");
    // The same press as an Action.Execute on a card: the refusal card.
    let card = t.execute(&liam, forged).await;
    assert!(
        card_text(&card).contains(&tr(Lang::En, "teams-open-in-dialog")),
        "{card}"
    );
    assert!(!card_text(&card).contains("A: "), "{card}");
    assert_eq!(state(&t), before, "nothing changed");
    assert_eq!(
        t.chat(&liam).len(),
        chat + 1,
        "only the stats refusal was sent"
    );
}
