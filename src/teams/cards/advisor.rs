//! The survey results under the analytics card: one Results button per survey the reader may
//! read (the office: every survey; an advisor: those of their themes), each opening the results
//! dialog as the use case decides them for the reader.

use serde_json::Value;

use super::kit::{action_button, action_set, escape, md, separated, small, text};
use crate::app::actions::{Action, SurveyAction};
use crate::app::surveys::readable::ReadableSurveys;
use crate::domain::Lang;
use crate::i18n::t;

/// Appends the survey results section to `card`'s body.
pub fn with_survey_results(mut card: Value, lang: Lang, readable: &ReadableSurveys) -> Value {
    let head = if readable.whole_program {
        "teams-advisor-surveys-office"
    } else {
        "teams-advisor-surveys-scope"
    };
    let mut block = vec![separated(text(md(&t(lang, head))))];
    if readable.surveys.is_empty() {
        block.push(small(md(&t(lang, "teams-advisor-surveys-none"))));
    }
    for survey in &readable.surveys {
        block.push(text(escape(&survey.title)));
        let results = Action::Survey(SurveyAction::Results { survey: survey.id });
        block.extend(action_set(vec![action_button(lang, &results)]));
    }
    if let Some(body) = card["body"].as_array_mut() {
        body.extend(block);
    }
    card
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::{Audience, Schedule};
    use crate::storage::surveys::SurveyRow;
    use serde_json::json;

    fn survey(id: i64, title: &str) -> SurveyRow {
        SurveyRow {
            id,
            title: title.into(),
            schedule: Schedule::parse("first-weekday").unwrap(),
            open_days: 7,
            audience: Audience::parse("themes").unwrap(),
            themes: vec![1],
            paused: false,
            created_at: chrono::Utc::now(),
            low_growth: 2,
        }
    }

    fn results_actions(card: &Value) -> Vec<String> {
        card["body"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "ActionSet")
            .flat_map(|e| e["actions"].as_array().unwrap().clone())
            .map(|a| a["data"]["mb_action"].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn an_advisor_gets_one_results_button_per_survey_under_the_scope_note() {
        let readable = ReadableSurveys {
            surveys: vec![survey(4, "Pulse <b>"), survey(2, "Check")],
            whole_program: false,
        };
        let card = with_survey_results(json!({"body": []}), Lang::En, &readable);
        let text = card.to_string();
        assert!(text.contains("answers from your themes only"), "{text}");
        assert!(text.contains("Pulse") && text.contains("Check"), "{text}");
        assert_eq!(
            results_actions(&card),
            vec!["survey.results.4", "survey.results.2"]
        );
        let data = &card["body"][2]["actions"][0]["data"];
        assert_eq!(data["msteams"]["type"], "task/fetch", "opens a dialog");
    }

    #[test]
    fn no_survey_says_so_and_offers_no_button() {
        let readable = ReadableSurveys {
            surveys: Vec::new(),
            whole_program: true,
        };
        let card = with_survey_results(json!({"body": []}), Lang::Ja, &readable);
        assert!(card.to_string().contains("サーベイ結果"), "{card}");
        assert!(results_actions(&card).is_empty(), "{card}");
    }
}
