//! The import form: upload a CSV of mentors to certify.

use slack_morphism::prelude::*;

use super::{input, inputs, modal, text_input, Ctx};
use crate::app::actions::AdminForm;
use crate::app::screens::ImportScreen;
use crate::domain::Lang;
use crate::i18n::t;
use crate::slack::blocks::render::{context, section};

pub fn import_form(lang: Lang, screen: &ImportScreen, ctx: Ctx) -> SlackView {
    let file = SlackBlockFileInputElement::new()
        .with_action_id(inputs::IMPORT_FILE.into())
        .with_filetypes(screen.file_types.iter().map(|f| f.to_string()).collect())
        .with_max_files(1);
    let blocks: Vec<SlackBlock> = vec![
        section("import.intro", t(lang, "import-intro")),
        input(
            inputs::IMPORT_FILE,
            "import-file-label-plain",
            lang,
            file.into(),
        )
        .into(),
        input(
            inputs::IMPORT_THEME,
            "import-theme-label-plain",
            lang,
            text_input(inputs::IMPORT_THEME, None, 80, false),
        )
        .with_optional(true)
        .with_hint(pt!(t(lang, "import-theme-hint-plain")))
        .into(),
        context("import.columns", t(lang, "import-columns")),
    ];
    modal(
        lang,
        "import-title-plain",
        AdminForm::Import,
        blocks,
        &ctx,
        true,
    )
}
