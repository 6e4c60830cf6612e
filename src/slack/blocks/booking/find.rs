//! The search form and the theme filter's type-ahead answer.

use slack_morphism::prelude::*;

use super::inputs;
use crate::app::actions::{BookingForm, Form};
use crate::app::screens::{FindScreen, ThemeFilter, ThemeGroup};
use crate::domain::Lang;
use crate::i18n::t;
use crate::slack::blocks::admin::category_name;
use crate::slack::blocks::kit::{input, modal, option, text_input};
use crate::slack::blocks::render::fit;

/// The search form: a theme filter grouped by category (a static select, or an external
/// select that searches as the person types), and words.
pub fn find_form(lang: Lang, screen: &FindScreen) -> SlackView {
    modal(
        lang,
        "find-title-plain",
        &Form::Booking(BookingForm::Find),
        form_blocks(lang, screen),
        Some("button-search-plain"),
    )
}

/// The form's inputs (the theme filter if there are themes, and the words).
pub(super) fn form_blocks(lang: Lang, screen: &FindScreen) -> Vec<SlackBlock> {
    let mut blocks: Vec<SlackBlock> = Vec::new();
    let theme: Option<SlackInputBlockElement> = match &screen.filter {
        ThemeFilter::None => None,
        ThemeFilter::TypeAhead => Some(
            SlackBlockExternalSelectElement::new()
                .with_action_id(inputs::THEME.into())
                .with_min_query_length(0)
                .into(),
        ),
        ThemeFilter::List(groups) => Some(
            SlackBlockStaticSelectElement::new()
                .with_action_id(inputs::THEME.into())
                .with_option_groups(option_groups(lang, groups))
                .into(),
        ),
    };
    if let Some(theme) = theme {
        blocks.push(
            input(inputs::THEME, t(lang, "find-theme-label-plain"), theme)
                .with_optional(true)
                .with_hint(pt!(t(lang, "find-theme-hint-plain")))
                .into(),
        );
    }
    blocks.push(
        input(
            inputs::WORDS,
            t(lang, "find-words-label-plain"),
            text_input(inputs::WORDS, &screen.words, 200, false),
        )
        .with_optional(true)
        .with_hint(pt!(t(lang, "find-words-hint-plain")))
        .into(),
    );
    blocks
}

/// The options answer to a `block_suggestion` for the theme filter.
pub fn theme_suggestions(lang: Lang, groups: &[ThemeGroup]) -> serde_json::Value {
    serde_json::json!({ "option_groups": option_groups(lang, groups) })
}

fn option_groups(
    lang: Lang,
    groups: &[ThemeGroup],
) -> Vec<SlackBlockOptionGroup<SlackBlockPlainTextOnly>> {
    groups
        .iter()
        .map(|group| {
            SlackBlockOptionGroup::new(
                pt!(fit(category_name(lang, group.category), 75)),
                group
                    .themes
                    .iter()
                    .map(|t| option(t.name.clone(), t.id.to_string()))
                    .collect(),
            )
        })
        .collect()
}
