//! Block Kit for the program office: one file per screen, each drawing an
//! `app::screens` view model and deciding nothing itself; here what they share (input ids,
//! the modal frame, notices and field errors).

use std::collections::HashMap;

use slack_morphism::prelude::*;

use crate::app::actions::{AdminAction, AdminForm, Form, QuestionOp, ThemeOp, TopicOp};
use crate::app::admin::AdminError;
use crate::app::errors::{Message, MessageArg, UserError};
use crate::app::forms::{AdminField, AdminFieldErrors};
use crate::domain::{Category, CertStatus, Lang};
use crate::i18n::t;
use crate::slack::blocks::kit;
use crate::slack::blocks::render::{escape, fit, message_text, section};

mod certify;
mod console;
mod import;
mod questions;
mod roles;
mod theme;
mod topics;

pub use certify::{certify, certify_result};
pub use console::console;
pub use import::import_form;
pub use questions::{question_form, questions};
pub use roles::roles;
pub use theme::theme_form;
pub use topics::{topic_form, topics};

/// Input block ids; each input's element uses the same string as its action id.
pub mod inputs {
    pub const THEME_NAME: &str = "theme.name";
    pub const THEME_CATEGORY: &str = "theme.category";
    pub const THEME_DESCRIPTION: &str = "theme.description";
    pub const QUESTION_LABEL: &str = "question.label";
    pub const QUESTION_KIND: &str = "question.kind";
    pub const QUESTION_OPTIONS: &str = "question.options";
    pub const QUESTION_REQUIRED: &str = "question.required";
    pub const CERTIFY_USERS: &str = "certify.users";
    pub const ROLE_USER: &str = "roles.user";
    pub const ROLE_ROLE: &str = "roles.role";
    pub const IMPORT_FILE: &str = "import.file";
    pub const IMPORT_THEME: &str = "import.theme";
    pub const TOPIC_NAME: &str = "topics.name";
}

/// What an admin modal is about (carried in its `private_metadata`).
pub use crate::app::actions::AdminCtx as Ctx;

pub fn category_name(lang: Lang, category: Category) -> String {
    t(lang, &format!("category-{}", category.as_str()))
}

/// A one-message modal (refusals, results).
pub fn notice(lang: Lang, title_key: &str, text: String) -> SlackView {
    modal(
        lang,
        title_key,
        AdminForm::Notice,
        vec![section("notice", text)],
        &Ctx::default(),
        false,
    )
}

/// The text for an admin error, in the reader's language.
pub fn error_text(lang: Lang, error: &AdminError) -> String {
    message_text(lang, &error.message())
}

/// The input block of each admin form field.
pub fn field_block(field: AdminField) -> &'static str {
    match field {
        AdminField::ThemeName => inputs::THEME_NAME,
        AdminField::ThemeCategory => inputs::THEME_CATEGORY,
        AdminField::ThemeDescription => inputs::THEME_DESCRIPTION,
        AdminField::QuestionLabel => inputs::QUESTION_LABEL,
        AdminField::QuestionKind => inputs::QUESTION_KIND,
        AdminField::QuestionOptions => inputs::QUESTION_OPTIONS,
        AdminField::CertifyUsers => inputs::CERTIFY_USERS,
        AdminField::RoleUser => inputs::ROLE_USER,
        AdminField::TopicName => inputs::TOPIC_NAME,
        AdminField::ImportFile => inputs::IMPORT_FILE,
    }
}

/// `response_action: errors` content: each message keyed to its input block (the first
/// message of a field wins).
pub fn field_errors(lang: Lang, errors: &AdminFieldErrors) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (field, message) in errors {
        out.entry(field_block(*field).to_string())
            .or_insert_with(|| fit(message_text(lang, message), 2000));
    }
    out
}

/// The label of each admin button and menu choice (a page button reads "next"; the console
/// labels one going back itself).
fn action_label(action: &AdminAction) -> &'static str {
    match action {
        AdminAction::NewTheme => "button-new-theme-plain",
        AdminAction::OpenImport => "button-import-plain",
        AdminAction::OpenRoles => "button-roles-plain",
        AdminAction::OpenTopics => "button-topics-plain",
        AdminAction::ShowArchived(true) => "button-show-archived-plain",
        AdminAction::ShowArchived(false) => "button-hide-archived-plain",
        AdminAction::Page(_) => "button-next-plain",
        AdminAction::Theme { op, .. } => match op {
            ThemeOp::Edit => "menu-edit-plain",
            ThemeOp::Questions => "menu-questions-plain",
            ThemeOp::Certify => "menu-certify-plain",
            ThemeOp::Archive => "menu-archive-plain",
            ThemeOp::Restore => "menu-restore-plain",
        },
        AdminAction::AddQuestion { .. } => "button-add-question-plain",
        AdminAction::Question { op, .. } => match op {
            QuestionOp::Edit => "menu-question-edit-plain",
            QuestionOp::Up => "menu-question-up-plain",
            QuestionOp::Down => "menu-question-down-plain",
            QuestionOp::Remove => "menu-question-remove-plain",
        },
        AdminAction::Topic { op, .. } => match op {
            TopicOp::Rename => "menu-rename-plain",
            TopicOp::Retire => "menu-retire-plain",
        },
        AdminAction::RevokeCertification { .. } | AdminAction::RevokeRole { .. } => {
            "button-revoke-plain"
        }
        AdminAction::OpenAutoShare => "button-auto-share-plain",
        AdminAction::RemoveAutoShare { .. } => "button-remove-plain",
        AdminAction::ConfirmImport => "teams-filein-import-plain",
        AdminAction::CancelImport => "teams-filein-cancel-plain",
    }
}

fn modal(
    lang: Lang,
    title_key: &str,
    form: AdminForm,
    blocks: Vec<SlackBlock>,
    ctx: &Ctx,
    submit: bool,
) -> SlackView {
    kit::modal(
        lang,
        title_key,
        &Form::Admin(form, ctx.clone()),
        blocks,
        submit.then_some("button-save-plain"),
    )
}

fn input(
    block_id: &str,
    label_key: &str,
    lang: Lang,
    element: SlackInputBlockElement,
) -> SlackInputBlock {
    kit::input(block_id, t(lang, label_key), element)
}

fn text_input(
    block_id: &str,
    initial: Option<&str>,
    max: usize,
    multiline: bool,
) -> SlackInputBlockElement {
    kit::text_input(block_id, initial.unwrap_or_default(), max as u64, multiline)
}

fn status_name(lang: Lang, status: CertStatus) -> String {
    t(lang, &format!("status-{}", status.as_str()))
}

/// What the last action did, shown at the top of the screen it came back to. Names the
/// admin typed are escaped for mrkdwn.
fn flash_block(lang: Lang, block_id: &str, flash: Option<&Message>) -> Option<SlackBlock> {
    let mut message = flash?.clone();
    for (_, arg) in &mut message.args {
        if let MessageArg::Text(text) = arg {
            *text = escape(text);
        }
    }
    Some(section(block_id, fit(message_text(lang, &message), 3000)))
}
