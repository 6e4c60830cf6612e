//! The mentor card as mentees see it, and the mentor's preview of it.

use slack_morphism::prelude::*;

use super::modal;
use crate::app::actions::MentorForm;
use crate::app::screens::{CardView, PreviewScreen};
use crate::domain::Reader;
use crate::i18n::{t, t_args};
use crate::slack::blocks::admin::category_name;
use crate::slack::blocks::render::{context, divider, escape, local_time, section};

/// The card as mentees see it, as `app::screens` decided it: name, themes with answers, the
/// next free slot.
pub fn card_blocks(card: &CardView, reader: &Reader, prefix: &str) -> Vec<SlackBlock> {
    let lang = reader.lang;
    let mut blocks = vec![section(
        &format!("{prefix}.name"),
        match card.mentor.platform() {
            crate::domain::Platform::Slack => format!("*<@{}>*", card.mentor),
            crate::domain::Platform::Teams => super::super::render::mention(&card.mentor),
        },
    )];
    for (i, shown) in card.themes.iter().enumerate() {
        let mut text = t_args(
            lang,
            "card-theme",
            &[
                ("theme", &escape(&shown.theme.name)),
                ("category", &category_name(lang, shown.theme.category)),
            ],
        );
        for (label, answer) in &shown.answers {
            text.push_str(&format!("\n_{}_\n{}", escape(label), escape(answer)));
        }
        blocks.push(section(&format!("{prefix}.theme.{i}"), text));
    }
    let slot = match card.next_slot {
        Some(at) => t_args(lang, "card-next-slot", &[("time", &local_time(reader, at))]),
        None => t(lang, "card-no-slot"),
    };
    blocks.push(context(&format!("{prefix}.slot"), slot));
    blocks
}

/// The card preview (from the App Home).
pub fn preview(reader: &Reader, screen: &PreviewScreen) -> SlackView {
    let lang = reader.lang;
    let blocks = match &screen.card {
        None => vec![section("preview.none", t(lang, "preview-none"))],
        Some(card) => {
            let mut blocks = vec![
                section("preview.intro", t(lang, "preview-intro")),
                divider("preview.divider"),
            ];
            blocks.extend(card_blocks(card, reader, "card"));
            blocks
        }
    };
    modal(
        lang,
        "preview-title-plain",
        MentorForm::Notice,
        blocks,
        false,
    )
}
