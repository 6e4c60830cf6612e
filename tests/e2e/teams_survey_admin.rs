//! Teams: the program office's surveys from the console (`管理`) — the list dialog, pause and
//! resume (stored), the preview as recipients see it (no send button), the results with small
//! groups hidden; a non-admin's forged list, pause and results presses are refused and change
//! nothing. New / edit in a dialog: an 11th question and a bad schedule refused with field
//! errors under their fields, nothing stored; saved and edited in the database.

use crate::support::teams::{actions, card_text, kana, liam, submit_data, with_inputs, TeamsBot};

use chrono::Utc;
use mentor_bot::app::actions::{Action, SurveyAction};
use mentor_bot::app::admin::Actor;
use mentor_bot::app::surveys::SurveyInput;
use mentor_bot::domain::{Lang, UserId};
use mentor_bot::i18n::{t as tr, t_with};
use mentor_bot::teams::cards::kit::{action_data, md};
use serde_json::{json, Value};

use crate::teams_admin::{ask, closing};

/// Kana (Teams, Japanese) is a program admin.
fn kana_admin(c: &mut mentor_bot::config::Config) {
    c.settings
        .admins
        .push(UserId::teams(&kana().aad_object_id).unwrap());
}

/// The data of the button titled exactly `title`.
fn button(card: &Value, title: &str) -> Value {
    actions(card)
        .into_iter()
        .find(|a| a["title"].as_str() == Some(title))
        .unwrap_or_else(|| panic!("no button {title:?} in {card}"))["data"]
        .clone()
}

fn paused(t: &TeamsBot) -> i64 {
    t.bot.count("SELECT COUNT(*) FROM surveys WHERE paused = 1")
}

pub(crate) fn fetch_data(action: SurveyAction) -> Value {
    let mut data = action_data(&Action::Survey(action));
    data["msteams"] = json!({"type": "task/fetch"});
    data
}

pub(crate) async fn define(t: &TeamsBot) -> i64 {
    let input = SurveyInput {
        title: "Monthly pulse".into(),
        schedule: "first-weekday".into(),
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
        .unwrap()
}

#[tokio::test]
async fn a_teams_admin_lists_pauses_resumes_previews_and_reads_results_of_surveys_from_the_console()
{
    let t = TeamsBot::start_with(kana_admin).await;
    let kana = t.installed(kana()).await;
    define(&t).await;
    let ja = |key: &str| tr(Lang::Ja, key);

    let console = ask(&t, &kana, "管理").await;
    assert!(
        card_text(&console).contains(&md(&ja("admin-surveys"))),
        "{console}"
    );
    let list = t
        .fetch_dialog(&kana, button(&console, &ja("button-surveys-plain")))
        .await;
    assert!(card_text(&list).contains("Monthly pulse"), "{list}");
    assert!(!card_text(&list).contains(&md(&ja("survey-paused"))));

    // Pause: stored, and the list redrawn says so and offers Resume.
    let list = t
        .fetch_dialog(&kana, button(&list, &ja("button-survey-pause-plain")))
        .await;
    assert_eq!(paused(&t), 1);
    assert!(
        card_text(&list).contains(&md(&ja("survey-paused"))),
        "{list}"
    );
    let list = t
        .fetch_dialog(&kana, button(&list, &ja("button-survey-resume-plain")))
        .await;
    assert_eq!(paused(&t), 0);
    assert!(!card_text(&list).contains(&md(&ja("survey-paused"))));

    // Preview: the questions as recipients see them, and nothing to send.
    let preview = t
        .fetch_dialog(&kana, button(&list, &ja("button-survey-preview-plain")))
        .await;
    let shown = card_text(&preview);
    assert!(shown.contains("How useful were your 1on1s?"), "{preview}");
    assert!(shown.contains("Anything else?"), "{preview}");
    assert!(
        shown.contains(&md(&ja("survey-preview-intro"))),
        "{preview}"
    );
    assert!(
        actions(&preview)
            .iter()
            .all(|a| !a["data"]["mb_form"].is_string()),
        "a preview sends nothing: {preview}"
    );

    // Results: no answers yet, so the rate and the growth feelings are hidden.
    let results = t
        .fetch_dialog(&kana, button(&list, &ja("button-survey-results-plain")))
        .await;
    let shown = card_text(&results);
    assert!(shown.contains("Monthly pulse"), "{results}");
    assert!(shown.contains(&ja("survey-results-hidden")), "{results}");
    assert!(shown.contains("How useful were your 1on1s?"), "{results}");
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn a_non_admins_forged_survey_presses_in_teams_are_refused_and_change_nothing() {
    let t = TeamsBot::start().await;
    let liam = t.installed(liam()).await;
    let survey = define(&t).await;
    let refusal = tr(Lang::En, "admin-only");

    for action in [
        SurveyAction::List,
        SurveyAction::Pause {
            survey,
            paused: true,
        },
        SurveyAction::Preview { survey },
        SurveyAction::Results { survey },
    ] {
        let (status, body) = t.post(&t.teams.task_fetch(&liam, fetch_data(action))).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(closing(&body), refusal, "{action:?}");
    }
    assert_eq!(paused(&t), 0, "a forged pause changes nothing");
}

fn surveys(t: &TeamsBot) -> i64 {
    t.bot.count("SELECT COUNT(*) FROM surveys")
}

/// The text shown right under the input `id` of a dialog card.
fn under(card: &Value, id: &str) -> String {
    let body = card["body"].as_array().expect("a body");
    let at = body
        .iter()
        .position(|e| e["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no input {id} in {card}"));
    body.get(at + 1)
        .and_then(|e| e["text"].as_str())
        .unwrap_or_default()
        .to_string()
}

fn dialog_card(body: &Value) -> Value {
    assert_eq!(body["task"]["type"], "continue", "{body}");
    body["task"]["value"]["card"]["content"].clone()
}

#[tokio::test]
async fn a_teams_admin_defines_and_edits_a_survey_in_a_dialog_with_field_errors_under_the_fields() {
    let t = TeamsBot::start_with(kana_admin).await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    let ja = |key: &str| tr(Lang::Ja, key);

    let console = ask(&t, &kana, "管理").await;
    let list = t
        .fetch_dialog(&kana, button(&console, &ja("button-surveys-plain")))
        .await;
    let form = t
        .fetch_dialog(&kana, button(&list, &ja("button-survey-new-plain")))
        .await;
    assert!(
        card_text(&form).contains(&ja("survey-define-title-plain")),
        "{form}"
    );
    assert!(
        card_text(&form).contains("first-weekday"),
        "the default schedule: {form}"
    );

    // Eleven questions and an unreadable schedule: both refused under their fields.
    let eleven: Vec<String> = (1..=11).map(|n| format!("text: Question {n}?")).collect();
    let eleven = eleven.join("\n");
    let bad = with_inputs(
        &submit_data(&form),
        &[
            ("title", "Pulse"),
            ("schedule", "every full moon"),
            ("open_days", "7"),
            ("audience", "opted_in"),
            ("questions", &eleven),
            ("low_growth", "2"),
        ],
    );
    let again = dialog_card(&t.submit_dialog(&kana, bad).await);
    t.teams.check_card(&again).expect("a valid dialog card");
    let too_many = t_with(
        Lang::Ja,
        "survey-questions-too-many",
        &[("max", 10.into()), ("count", 11.into())],
    );
    assert_eq!(under(&again, "questions"), md(&too_many), "{again}");
    assert_eq!(
        under(&again, "schedule"),
        md(&ja("survey-schedule-invalid"))
    );
    assert!(
        card_text(&again).contains("every full moon"),
        "kept: {again}"
    );
    assert_eq!(surveys(&t), 0, "nothing stored");

    // Fixed: saved, and shown as recipients will see it.
    let good = with_inputs(
        &submit_data(&again),
        &[
            ("title", "Pulse"),
            ("schedule", "first-weekday"),
            ("open_days", "5"),
            ("audience", "opted_in"),
            (
                "questions",
                "scale: How useful were your 1on1s?\n? text: Anything else?",
            ),
            ("low_growth", "2"),
        ],
    );
    let saved = dialog_card(&t.submit_dialog(&kana, good.clone()).await);
    assert!(
        card_text(&saved).contains(&md(&ja("survey-saved"))),
        "{saved}"
    );
    assert!(card_text(&saved).contains("How useful were your 1on1s?"));
    assert_eq!(
        t.bot.count(
            "SELECT COUNT(*) FROM surveys WHERE title = 'Pulse' AND open_days = 5 \
             AND audience = 'opted_in' AND low_growth = 2"
        ),
        1
    );

    // Edit: the dialog prefilled from the list; a new title stored.
    let list = t
        .fetch_dialog(&kana, button(&console, &ja("button-surveys-plain")))
        .await;
    let edit = t
        .fetch_dialog(&kana, button(&list, &ja("button-survey-edit-plain")))
        .await;
    assert!(card_text(&edit).contains("Pulse"), "{edit}");
    assert!(card_text(&edit).contains("Anything else?"), "{edit}");
    let edited = with_inputs(
        &submit_data(&edit),
        &[
            ("title", "Monthly pulse"),
            ("schedule", "first-weekday"),
            ("open_days", "5"),
            ("audience", "opted_in"),
            (
                "questions",
                "scale: How useful were your 1on1s?\n? text: Anything else?",
            ),
            ("low_growth", "2"),
        ],
    );
    let body = t.submit_dialog(&kana, edited.clone()).await;
    let said = t_with(Lang::Ja, "survey-edited", &[("revised", 0.into())]);
    assert_eq!(closing(&body), said, "{body}");
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM surveys WHERE title = 'Monthly pulse'"),
        1
    );

    // The same submits forged by a non-admin: refused, nothing changes.
    let forged_edit = with_inputs(&edited, &[("title", "Hijacked")]);
    for data in [good, forged_edit] {
        let body = t.submit_dialog(&liam, data).await;
        assert_eq!(closing(&body), tr(Lang::En, "admin-only"), "{body}");
    }
    assert_eq!(surveys(&t), 1);
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM surveys WHERE title = 'Hijacked'"),
        0
    );
}
