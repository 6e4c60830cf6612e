//! The setup form (a theme's questions with the mentor's answers) and what saving it did.

use std::collections::HashMap;

use slack_morphism::prelude::*;

use super::{inputs, modal, select};
use crate::app::actions::MentorForm;
use crate::app::mentor::SetupScreen;
use crate::app::screens::SetupResultScreen;
use crate::domain::{CertStatus, Lang, QuestionKind, Reader};
use crate::i18n::{t, t_args};
use crate::slack::blocks::kit::{input, option, text_option};
use crate::slack::blocks::mentor::card_blocks;
use crate::slack::blocks::render::{divider, escape, section};

/// The theme's questions with the mentor's answers. Every input is optional for Slack, so a
/// draft can be saved; the server refuses to start with required ones missing, keyed to them.
/// `start_ticked`: whether "Start mentoring this theme" is ticked when the form opens.
pub fn setup_form(lang: Lang, screen: &SetupScreen) -> SlackView {
    let (mt, start_ticked) = (&screen.theme, screen.start_ticked);
    let name = escape(&mt.theme.name);
    let intro = if mt.questions.is_empty() {
        "setup-no-questions"
    } else {
        "setup-intro"
    };
    let mut blocks: Vec<SlackBlock> = vec![section(
        "setup.intro",
        t_args(lang, intro, &[("theme", &name)]),
    )];
    for (q, answer) in &mt.questions {
        let block = inputs::answer(q.id);
        let mut label = q.label.clone();
        if q.required {
            label = format!("{label} {}", t(lang, "setup-required-suffix-plain"));
        }
        let element: SlackInputBlockElement = match &q.kind {
            QuestionKind::Text => {
                let mut e = SlackBlockPlainTextInputElement::new()
                    .with_action_id(block.clone().into())
                    .with_multiline(true)
                    .with_max_length(3000);
                if let Some(a) = answer.as_deref().filter(|a| !a.is_empty()) {
                    e = e.with_initial_value(a.chars().take(3000).collect());
                }
                e.into()
            }
            QuestionKind::Choice(options) => {
                let items = options
                    .iter()
                    .map(|o| option(o.clone(), o.clone()))
                    .collect();
                select(&block, items, answer.as_deref())
            }
        };
        blocks.push(input(&block, label, element).with_optional(true).into());
    }
    let start = text_option(t(lang, "setup-start-option-plain"), "start");
    let mut checkbox =
        SlackBlockCheckboxesElement::new(vec![start.clone()]).with_action_id(inputs::START.into());
    if start_ticked {
        checkbox = checkbox.with_initial_options(vec![start]);
    }
    blocks.push(
        input(
            inputs::START,
            t(lang, "setup-start-label-plain"),
            checkbox.into(),
        )
        .with_optional(true)
        .into(),
    );
    modal(
        lang,
        "setup-title-plain",
        MentorForm::Setup { theme: mt.theme.id },
        blocks,
        true,
    )
}

/// `response_action: errors` for a refused start: each missing required question.
pub fn missing_errors(lang: Lang, missing: &[i64]) -> HashMap<String, String> {
    missing
        .iter()
        .map(|id| (inputs::answer(*id), t(lang, "setup-missing")))
        .collect()
}

/// What saving the setup did, with the card when the theme is now visible.
pub fn setup_result(reader: &Reader, screen: &SetupResultScreen) -> SlackView {
    let lang = reader.lang;
    let change = screen.change;
    let key = match change.after {
        CertStatus::Started => "setup-started",
        CertStatus::NeedsAnswers => "setup-needs",
        CertStatus::Paused => "setup-saved-paused",
        _ if change.stopped() => "setup-stopped",
        _ => "setup-draft",
    };
    let mut blocks = vec![section(
        "setup.result",
        t_args(lang, key, &[("theme", &escape(&screen.theme))]),
    )];
    if let Some(card) = &screen.card {
        blocks.push(divider("setup.divider"));
        blocks.extend(card_blocks(card, reader, "card", None));
    }
    modal(
        lang,
        "setup-saved-title-plain",
        MentorForm::Notice,
        blocks,
        false,
    )
}
