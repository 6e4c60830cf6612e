//! The theme form: create or edit a theme.

use slack_morphism::prelude::*;

use super::{category_name, input, inputs, modal, text_input, Ctx};
use crate::app::actions::AdminForm;
use crate::app::screens::ThemeFormScreen;
use crate::domain::Lang;
use crate::i18n::t;
use crate::slack::blocks::kit::option;

pub fn theme_form(lang: Lang, screen: &ThemeFormScreen, ctx: Ctx) -> SlackView {
    let theme = screen.theme.as_ref();
    let categories: Vec<_> = screen
        .categories
        .iter()
        .map(|c| option(category_name(lang, *c), c.as_str().into()))
        .collect();
    let mut select = SlackBlockStaticSelectElement::new()
        .with_action_id(inputs::THEME_CATEGORY.into())
        .with_options(categories);
    if let Some(theme) = theme {
        select = select.with_initial_option(option(
            category_name(lang, theme.category),
            theme.category.as_str().into(),
        ));
    }
    let blocks: Vec<SlackBlock> = vec![
        input(
            inputs::THEME_NAME,
            "theme-name-label-plain",
            lang,
            text_input(
                inputs::THEME_NAME,
                theme.map(|t| t.name.as_str()),
                80,
                false,
            ),
        )
        .with_hint(pt!(t(lang, "theme-name-hint-plain")))
        .into(),
        input(
            inputs::THEME_CATEGORY,
            "theme-category-label-plain",
            lang,
            select.into(),
        )
        .into(),
        input(
            inputs::THEME_DESCRIPTION,
            "theme-description-label-plain",
            lang,
            text_input(
                inputs::THEME_DESCRIPTION,
                theme.map(|t| t.description.as_str()),
                1000,
                true,
            ),
        )
        .with_optional(true)
        .into(),
    ];
    let title = if theme.is_some() {
        "theme-edit-title-plain"
    } else {
        "theme-new-title-plain"
    };
    modal(lang, title, AdminForm::Theme, blocks, &ctx, true)
}
