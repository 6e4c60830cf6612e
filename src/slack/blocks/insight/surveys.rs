//! The survey results at the end of the analytics modal: one Results button per survey the
//! reader may read (the office: every survey; an advisor: those of their themes), as
//! `App::readable_surveys` decided them; each opens the results the use case scopes.

use slack_morphism::prelude::*;

use super::stats_view;
use crate::app::actions::{Action, SurveyAction};
use crate::app::screens::StatsScreen;
use crate::app::surveys::readable::ReadableSurveys;
use crate::domain::Lang;
use crate::i18n::t;
use crate::slack::blocks::render::{button, divider, escape, fit, section};

/// The analytics modal with the survey results section at its end.
pub fn stats_with_surveys_view(
    lang: Lang,
    screen: &StatsScreen,
    readable: &ReadableSurveys,
) -> SlackView {
    let mut view = stats_view(lang, screen);
    if let SlackView::Modal(modal) = &mut view {
        modal.blocks.extend(survey_results_blocks(lang, readable));
    }
    view
}

/// The section: its heading (the office's, or an advisor's with the scope's note), then each
/// survey's title with its Results button, newest first.
fn survey_results_blocks(lang: Lang, readable: &ReadableSurveys) -> Vec<SlackBlock> {
    let head = if readable.whole_program {
        "advisor-surveys-office"
    } else {
        "advisor-surveys-scope"
    };
    let mut blocks = vec![
        divider("stats.surveys.divider"),
        section("stats.surveys", t(lang, head)),
    ];
    if readable.surveys.is_empty() {
        blocks.push(section(
            "stats.surveys.none",
            t(lang, "teams-advisor-surveys-none"),
        ));
    }
    for survey in &readable.surveys {
        let results = Action::Survey(SurveyAction::Results { survey: survey.id });
        let label = t(lang, "button-survey-results-plain");
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(format!("stats.survey.{}", survey.id).into())
                .with_text(md!(fit(escape(&survey.title), 3000)))
                .with_accessory(SlackSectionBlockElement::Button(button(&results, &label)))
                .into(),
        );
    }
    blocks
}
