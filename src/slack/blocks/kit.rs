//! Small Block Kit builders the screens share, each keeping to Slack's limits.

use slack_morphism::prelude::*;

use crate::app::actions::{Action, Form};
use crate::app::wire as actions;
use crate::domain::Lang;
use crate::i18n::t;
use crate::slack::blocks::render::fit;

/// Modal titles, submit and close labels: Slack's limit.
pub const TITLE_MAX: usize = 24;

/// A modal with a title, a Close (or, with `submit_key`, a submit and Cancel) button; `form`
/// becomes its callback id and private metadata.
pub fn modal(
    lang: Lang,
    title_key: &str,
    form: &Form,
    blocks: Vec<SlackBlock>,
    submit_key: Option<&str>,
) -> SlackView {
    let (callback, metadata) = actions::encode_form(form);
    let mut view = SlackModalView::new(pt!(fit(t(lang, title_key), TITLE_MAX)), blocks)
        .with_close(pt!(fit(t(lang, "modal-close-plain"), TITLE_MAX)))
        .with_callback_id(callback.into());
    if let Some(metadata) = metadata {
        view = view.with_private_metadata(metadata);
    }
    if let Some(key) = submit_key {
        view = view
            .with_submit(pt!(fit(t(lang, key), TITLE_MAX)))
            .with_close(pt!(fit(t(lang, "button-cancel-plain"), TITLE_MAX)));
    }
    SlackView::Modal(view)
}

/// A select or overflow option (text cut to 75 characters).
pub fn option(text: String, value: String) -> SlackBlockChoiceItem<SlackBlockPlainTextOnly> {
    SlackBlockChoiceItem::new(pt!(fit(text, 75)), value)
}

/// An overflow menu of actions. Slack gives the menu one action id, so the items must share
/// theirs (the same kind of action on the same item, e.g. one theme's menu).
pub fn overflow(items: Vec<(Action, String)>) -> SlackBlockOverflowElement {
    let encoded: Vec<_> = items
        .into_iter()
        .map(|(action, text)| (actions::encode(&action), text))
        .collect();
    let action_id = encoded
        .first()
        .map(|(e, _)| e.action_id.clone())
        .unwrap_or_default();
    debug_assert!(encoded.iter().all(|(e, _)| e.action_id == action_id));
    SlackBlockOverflowElement::new(
        encoded
            .into_iter()
            .map(|(e, text)| option(text, e.value))
            .collect(),
    )
    .with_action_id(action_id.into())
}

/// A select whose options each press an action of one kind (see `actions::menu_action_id`):
/// choosing one is pressing it. `None` when the kind has no shared action id.
pub fn action_menu(
    placeholder: String,
    items: Vec<(Action, String)>,
) -> Option<SlackBlockStaticSelectElement> {
    let action_id = actions::menu_action_id(&items.first()?.0)?;
    debug_assert!(items
        .iter()
        .all(|(a, _)| actions::menu_action_id(a).as_ref() == Some(&action_id)));
    Some(
        SlackBlockStaticSelectElement::new()
            .with_action_id(action_id.into())
            .with_placeholder(pt!(fit(placeholder, 150)))
            .with_options(
                items
                    .into_iter()
                    .map(|(action, text)| option(text, actions::encode(&action).value))
                    .collect(),
            ),
    )
}

/// A radio button or checkbox option.
pub fn text_option(text: String, value: &str) -> SlackBlockChoiceItem<SlackBlockText> {
    SlackBlockChoiceItem::new(
        SlackBlockText::Plain(SlackBlockPlainText::new(fit(text, 75))),
        value.to_string(),
    )
}

/// An input block; its element's action id should be `block` too (see `ViewRef::input`).
pub fn input(block: &str, label: String, element: SlackInputBlockElement) -> SlackInputBlock {
    SlackInputBlock::new(pt!(fit(label, 2000)), element).with_block_id(block.into())
}

/// A static select with `initial` chosen when it is one of the options.
pub fn static_select(
    block: &str,
    options: Vec<SlackBlockChoiceItem<SlackBlockPlainTextOnly>>,
    initial: Option<&str>,
) -> SlackBlockStaticSelectElement {
    let chosen = initial.and_then(|v| options.iter().find(|o| o.value == v).cloned());
    let mut element = SlackBlockStaticSelectElement::new()
        .with_action_id(block.into())
        .with_options(options);
    if let Some(chosen) = chosen {
        element = element.with_initial_option(chosen);
    }
    element
}

/// A plain-text input, pre-filled with `initial` (cut to `max`) when it is not empty.
pub fn text_input(block: &str, initial: &str, max: u64, multiline: bool) -> SlackInputBlockElement {
    let mut element = SlackBlockPlainTextInputElement::new()
        .with_action_id(block.into())
        .with_max_length(max)
        .with_multiline(multiline);
    if !initial.is_empty() {
        element = element.with_initial_value(initial.chars().take(max as usize).collect());
    }
    element.into()
}
