//! Admin-added topics, each with a Rename / Retire menu, a field to add one, and the rename form.

use slack_morphism::prelude::*;

use super::{action_label, flash_block, input, inputs, modal, text_input, Ctx};
use crate::app::actions::{Action::Admin, AdminForm, Form};
use crate::app::forms::TOPIC_NAME_MAX;
use crate::app::screens::{TopicRenameScreen, TopicsScreen};
use crate::domain::Lang;
use crate::i18n::t;
use crate::slack::blocks::kit;
use crate::slack::blocks::render::{context, divider, escape, section};

pub fn topics(lang: Lang, screen: &TopicsScreen, ctx: Ctx) -> SlackView {
    let mut blocks: Vec<SlackBlock> = flash_block(lang, "topics.flash", screen.flash.as_ref())
        .into_iter()
        .collect();
    blocks.extend([
        section("topics.intro", t(lang, "topics-intro")),
        input(
            inputs::TOPIC_NAME,
            "topics-name-label-plain",
            lang,
            text_input(inputs::TOPIC_NAME, None, TOPIC_NAME_MAX, false),
        )
        .into(),
        divider("topics.divider"),
    ]);
    if screen.topics.is_empty() {
        blocks.push(context("topics.none", t(lang, "topics-none")));
    }
    for row in &screen.topics {
        let items = row.menu.iter();
        let menu = kit::overflow(
            items
                .map(|a| (Admin(a.clone()), t(lang, action_label(a))))
                .collect(),
        );
        blocks.push(
            SlackSectionBlock::new()
                .with_block_id(format!("topic.{}", row.id).into())
                .with_text(md!(escape(&row.name)))
                .with_accessory(SlackSectionBlockElement::Overflow(menu))
                .into(),
        );
    }
    kit::modal(
        lang,
        "topics-title-plain",
        &Form::Admin(AdminForm::Topics, ctx),
        blocks,
        Some("button-add-topic-plain"),
    )
}

/// Rename one topic (`ctx.topic`).
pub fn topic_form(lang: Lang, screen: &TopicRenameScreen, ctx: Ctx) -> SlackView {
    let blocks: Vec<SlackBlock> = vec![input(
        inputs::TOPIC_NAME,
        "topic-rename-label-plain",
        lang,
        text_input(
            inputs::TOPIC_NAME,
            Some(&screen.name),
            TOPIC_NAME_MAX,
            false,
        ),
    )
    .with_hint(pt!(t(lang, "topic-rename-hint-plain")))
    .into()];
    modal(
        lang,
        "topic-rename-title-plain",
        AdminForm::TopicRename,
        blocks,
        &ctx,
        true,
    )
}
