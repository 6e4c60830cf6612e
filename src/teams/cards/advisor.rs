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
