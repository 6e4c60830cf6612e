//! A theme's questions, each with a menu, and the question form.

use slack_morphism::prelude::*;

use super::{action_label, input, inputs, modal, text_input, Ctx};
use crate::app::actions::{Action::Admin, AdminForm};
use crate::app::screens::{QuestionFormScreen, QuestionRow, QuestionsScreen};
use crate::domain::{Lang, QuestionKind};
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::kit::{self, text_option};
use crate::slack::blocks::render::{buttons, divider, escape, fit, section};

pub fn questions(lang: Lang, screen: &QuestionsScreen, ctx: Ctx) -> SlackView {
    let theme = &screen.theme;
    let label = |a: &crate::app::actions::AdminAction| (Admin(a.clone()), t(lang, action_label(a)));
    let mut blocks = vec![
        section(
            "questions.intro",
            t_args(lang, "questions-intro", &[("theme", &escape(&theme.name))]),
        ),
        buttons(
            "questions.actions",
            screen.actions.iter().map(label).collect(),
        ),
        divider("questions.divider"),
    ];
    if screen.questions.is_empty() {
        blocks.push(section("questions.empty", t(lang, "questions-empty")));
    }
    for row in &screen.questions {
        let accessory =
            SlackSectionBlockElement::Overflow(kit::overflow(row.menu.iter().map(label).collect()));
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(format!("question.{}", row.question.id).into())
                .with_text(md!(fit(question_summary(lang, row), 3000)))
                .with_accessory(accessory)
                .into(),
        );
    }
    modal(
        lang,
        "questions-title-plain",
        AdminForm::Questions,
        blocks,
        &ctx,
        false,
    )
}

fn question_summary(lang: Lang, row: &QuestionRow) -> String {
    let q = &row.question;
    let required = t(
        lang,
        if q.required {
            "question-required"
        } else {
            "question-optional"
        },
    );
    let head = t_with(
        lang,
        "question-line",
        &[
            ("n", row.number.into()),
            ("label", (&escape(&q.label)).into()),
            ("required", (&required).into()),
        ],
    );
    let kind = match &q.kind {
        QuestionKind::Text => t(lang, "question-free-text"),
        QuestionKind::Choice(options) => t_args(
            lang,
            "question-choices",
            &[("options", &escape(&options.join(" / ")))],
        ),
    };
    format!("{head}\n{kind}")
}

/// Add (no question) or edit a question.
pub fn question_form(lang: Lang, screen: &QuestionFormScreen, ctx: Ctx) -> SlackView {
    let question = screen.question.as_ref();
    let kind_label = |kind: &str| match kind {
        "choice" => "question-kind-choice-plain",
        _ => "question-kind-text-plain",
    };
    let kind_options: Vec<_> = screen
        .kinds
        .iter()
        .map(|k| text_option(t(lang, kind_label(k)), k))
        .collect();
    let mut kind = SlackBlockRadioButtonsElement::new(kind_options.clone())
        .with_action_id(inputs::QUESTION_KIND.into());
    if let Some(initial) = screen.kinds.iter().position(|k| *k == screen.kind) {
        kind = kind.with_initial_option(kind_options[initial].clone());
    }
    let required_option = text_option(t(lang, "question-required-option-plain"), "required");
    let mut required = SlackBlockCheckboxesElement::new(vec![required_option.clone()])
        .with_action_id(inputs::QUESTION_REQUIRED.into());
    if question.is_some_and(|q| q.required) {
        required = required.with_initial_options(vec![required_option]);
    }
    let options_text = question
        .map(|q| q.kind.options().join("\n"))
        .unwrap_or_default();
    let blocks: Vec<SlackBlock> = vec![
        input(
            inputs::QUESTION_LABEL,
            "question-label-label-plain",
            lang,
            text_input(
                inputs::QUESTION_LABEL,
                question.map(|q| q.label.as_str()),
                150,
                false,
            ),
        )
        .into(),
        input(
            inputs::QUESTION_KIND,
            "question-kind-label-plain",
            lang,
            kind.into(),
        )
        .into(),
        input(
            inputs::QUESTION_OPTIONS,
            "question-options-label-plain",
            lang,
            text_input(inputs::QUESTION_OPTIONS, Some(&options_text), 3000, true),
        )
        .with_optional(true)
        .with_hint(pt!(t(lang, "question-options-hint-plain")))
        .into(),
        input(
            inputs::QUESTION_REQUIRED,
            "question-required-label-plain",
            lang,
            required.into(),
        )
        .with_optional(true)
        .into(),
    ];
    let title = if question.is_some() {
        "question-edit-title-plain"
    } else {
        "question-new-title-plain"
    };
    modal(lang, title, AdminForm::Question, blocks, &ctx, true)
}
