//! The mentor card as mentees see it, and the mentor's preview of it.

use slack_morphism::prelude::*;

use super::modal;
use crate::app::actions::MentorForm;
use crate::app::screens::{CardView, PreviewScreen};
use crate::domain::Reader;
use crate::i18n::{t, t_args};
use crate::slack::blocks::admin::category_name;
use crate::slack::blocks::render::{divider, escape, fit, local_time, section, SECTION_TEXT_MAX};

/// The card as mentees see it, as `app::screens` decided it: name, themes with answers (the
/// same answers once for the themes that share them), the next free slot. One section, or a
/// few when the answers are long (a section holds 3,000 characters): every block in a modal
/// is one more thing Slack draws and one more thing the reader scrolls past. `accessory` (the
/// results' Request control) sits beside the mentor's name, in the first section.
pub fn card_blocks(
    card: &CardView,
    reader: &Reader,
    prefix: &str,
    accessory: Option<SlackSectionBlockElement>,
) -> Vec<SlackBlock> {
    let lang = reader.lang;
    let mut parts = vec![match card.mentor.platform() {
        crate::domain::Platform::Slack => format!("*<@{}>*", card.mentor),
        crate::domain::Platform::Teams => super::super::render::mention(&card.mentor),
    }];
    for group in card.answer_groups() {
        let mut text = group
            .themes
            .iter()
            .map(|theme| {
                t_args(
                    lang,
                    "card-theme",
                    &[
                        ("theme", &escape(&theme.name)),
                        ("category", &category_name(lang, theme.category)),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        for (label, answer) in group.answers {
            text.push_str(&format!("\n_{}_\n{}", escape(label), escape(answer)));
        }
        parts.push(text);
    }
    let slot = match card.next_slot {
        Some(at) => t_args(lang, "card-next-slot", &[("time", &local_time(reader, at))]),
        None => t(lang, "card-no-slot"),
    };
    parts.push(format!("_{slot}_"));
    let mut accessory = accessory;
    packed(&parts, SECTION_TEXT_MAX)
        .into_iter()
        .enumerate()
        .map(|(i, text)| match (i, accessory.take()) {
            (0, Some(accessory)) => SlackSectionBlock::new()
                .with_block_id(prefix.into())
                .with_text(md!(fit(text, SECTION_TEXT_MAX)))
                .with_accessory(accessory)
                .into(),
            (0, None) => section(prefix, text),
            _ => section(&format!("{prefix}.{i}"), text),
        })
        .collect()
}

/// `parts` joined by newlines into as few texts of at most `max` characters as keep each part
/// whole (a part longer than `max` is a text of its own, which `section` cuts).
fn packed(parts: &[String], max: usize) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    let mut len = 0;
    for part in parts {
        let part_len = part.chars().count();
        match texts.last_mut() {
            Some(text) if len + 1 + part_len <= max => {
                text.push('\n');
                text.push_str(part);
                len += 1 + part_len;
            }
            _ => {
                texts.push(part.clone());
                len = part_len;
            }
        }
    }
    texts
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
            blocks.extend(card_blocks(card, reader, "card", None));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_packed_into_as_few_sections_as_fit_and_each_part_stays_whole() {
        let parts = vec![
            "a".repeat(10),
            "b".repeat(2000),
            "c".repeat(1500),
            "d".repeat(4000),
        ];
        let texts = packed(&parts, 3000);
        assert_eq!(texts.len(), 3);
        assert_eq!(texts[0], format!("{}\n{}", parts[0], parts[1]));
        assert_eq!(texts[1], parts[2]);
        assert_eq!(
            texts[2], parts[3],
            "too long alone: its own text, cut by `section`"
        );
        assert_eq!(packed(&[], 3000), Vec::<String>::new());
        // Exactly at the limit, the newline counted: one text; a character more: two.
        let exact = vec!["e".repeat(2000), "f".repeat(999)];
        assert_eq!(packed(&exact, 3000).len(), 1);
        assert_eq!(packed(&exact, 3000)[0].chars().count(), 3000);
        let over = vec!["e".repeat(2000), "f".repeat(1000)];
        assert_eq!(packed(&over, 3000).len(), 2);
    }
}
