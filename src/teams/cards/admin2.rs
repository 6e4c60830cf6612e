//! The rest of the office's console in Teams: the topics dialog (add, rename, retire), the
//! auto-share dialog (people named by email address) and the nudge settings dialog, drawn from the same view models as Slack's modals.

use serde_json::Value;

use super::kit::{
    action_button, action_set, bold, button, card, choice_set, escape, heading, md, message_md,
    name_of, separated, small, submit, text, text_input, with_errors, Names,
};
use crate::app::actions::{
    Action, AdminAction, AdminCtx, AdminForm, Form, NudgeAction, NudgeForm, TopicOp,
};
use crate::app::forms::TOPIC_NAME_MAX;
use crate::app::screens::{AutoShareScreen, ShareScopeView, TopicRenameScreen, TopicsScreen};
use crate::domain::followup::NUDGE_WEEKS_MAX;
use crate::domain::{Lang, Reader};
use crate::i18n::{t, t_args, t_with};

/// The topic name input (the admin field errors' default input).
pub const TOPIC_NAME: &str = super::admin::inputs::NAME;

fn topic_label(op: TopicOp) -> &'static str {
    match op {
        TopicOp::Rename => "menu-rename-plain",
        TopicOp::Retire => "menu-retire-plain",
    }
}

/// The topics dialog: what was last done, the field to add one (with its errors), and each
/// topic with its Rename / Retire buttons.
pub fn topics(
    screen: &TopicsScreen,
    reader: &Reader,
    typed: &str,
    errors: &[(String, String)],
) -> Value {
    let lang = reader.lang;
    let mut body = vec![heading(t(lang, "topics-title-plain"))];
    if let Some(flash) = &screen.flash {
        body.push(text(message_md(reader, &Names::new(), flash)));
    }
    body.push(text(md(&t(lang, "topics-intro"))));
    let label = t(lang, "topics-name-label-plain");
    body.extend(with_errors(
        vec![text_input(TOPIC_NAME, label, typed, TOPIC_NAME_MAX, false)],
        errors,
    ));
    if screen.topics.is_empty() {
        body.push(small(md(&t(lang, "topics-none"))));
    }
    for row in &screen.topics {
        body.push(separated(text(escape(&row.name))));
        let buttons = row.menu.iter().filter_map(|a| match a {
            AdminAction::Topic { op, .. } => Some(button(
                &Action::Admin(a.clone()),
                &t(lang, topic_label(*op)),
            )),
            _ => None,
        });
        body.extend(action_set(buttons.collect()));
    }
    let form = Form::Admin(AdminForm::Topics, AdminCtx::default());
    card(
        body,
        vec![submit(&t(lang, "button-add-topic-plain"), &form)],
    )
}

/// Rename one topic: its name (or what was typed), with the field errors.
pub fn topic_rename(
    screen: &TopicRenameScreen,
    reader: &Reader,
    typed: Option<&str>,
    errors: &[(String, String)],
) -> Value {
    let lang = reader.lang;
    let label = t(lang, "topic-rename-label-plain");
    let value = typed.unwrap_or(&screen.name);
    let mut body = vec![heading(t(lang, "topic-rename-title-plain"))];
    body.extend(with_errors(
        vec![text_input(TOPIC_NAME, label, value, TOPIC_NAME_MAX, false)],
        errors,
    ));
    body.push(small(md(&t(lang, "topic-rename-hint-plain"))));
    let ctx = AdminCtx {
        topic: Some(screen.topic),
        ..AdminCtx::default()
    };
    let form = Form::Admin(AdminForm::TopicRename, ctx);
    card(body, vec![submit(&t(lang, "button-save-plain"), &form)])
}

/// The dialog's input.
pub const WEEKS: &str = "weeks";

/// The console card's buttons for the dialogs built here.
pub fn console_buttons(lang: Lang) -> Option<Value> {
    action_set(vec![action_button(
        lang,
        &Action::Nudge(NudgeAction::Settings),
    )])
}

/// The nudge settings dialog: the weeks set (or typed), with their field errors.
pub fn nudge_settings(lang: Lang, weeks: &str, errors: &[(String, String)]) -> Value {
    let label = t_with(
        lang,
        "nudge-weeks-label-plain",
        &[("max", (NUDGE_WEEKS_MAX as usize).into())],
    );
    let mut body = vec![
        heading(t(lang, "nudge-settings-title-plain")),
        text(md(&t(lang, "nudge-settings-intro"))),
    ];
    body.extend(with_errors(
        vec![text_input(WEEKS, label, weeks, 2, false)],
        errors,
    ));
    let form = Form::Nudge(NudgeForm::Settings);
    card(body, vec![submit(&t(lang, "button-save-plain"), &form)])
}

/// The auto-share dialog's inputs: a theme, or a mentee's address, and the recipient's.
pub mod share_inputs {
    pub const THEME: &str = "share_theme";
    pub const MENTEE: &str = "share_mentee";
    pub const RECIPIENT: &str = "share_recipient";
}

/// What the admin typed in the auto-share dialog.
#[derive(Debug, Clone, Default)]
pub struct ShareTyped {
    pub theme: String,
    pub mentee: String,
    pub recipient: String,
}

/// The auto-share dialog: what was last done, the add form (people named by email address, as
/// Teams has no people picker in a bot's dialog), and each rule with its remove button.
pub fn auto_share(
    screen: &AutoShareScreen,
    reader: &Reader,
    names: &Names,
    typed: &ShareTyped,
    errors: &[(String, String)],
) -> Value {
    let lang = reader.lang;
    let mut body = vec![heading(t(lang, "share-title-plain"))];
    if let Some(flash) = &screen.flash {
        body.push(text(message_md(reader, names, flash)));
    }
    body.push(text(md(&t(lang, "share-intro"))));
    let mut inputs = Vec::new();
    if !screen.themes.is_empty() {
        let themes: Vec<(String, String)> = screen
            .themes
            .iter()
            .map(|(id, name)| (name.clone(), id.to_string()))
            .collect();
        let label = t(lang, "share-theme-label-plain");
        let chosen = Some(typed.theme.as_str());
        inputs.push(choice_set(share_inputs::THEME, label, &themes, chosen));
    }
    let mentee = t(lang, "teams-admin2-share-mentee-label-plain");
    inputs.push(text_input(
        share_inputs::MENTEE,
        mentee,
        &typed.mentee,
        254,
        false,
    ));
    let recipient = t(lang, "teams-admin2-share-recipient-label-plain");
    inputs.push(text_input(
        share_inputs::RECIPIENT,
        recipient,
        &typed.recipient,
        254,
        false,
    ));
    body.extend(with_errors(inputs, errors));
    if screen.rules.is_empty() {
        body.push(small(md(&t(lang, "share-empty"))));
    }
    for row in &screen.rules {
        let whose = match &row.scope {
            ShareScopeView::Theme(name) => {
                t_args(lang, "share-scope-theme", &[("theme", &escape(name))])
            }
            ShareScopeView::Mentee(user) => t_args(
                lang,
                "share-scope-mentee",
                &[("mentee", &bold(&name_of(lang, names, user)))],
            ),
        };
        let recipient = bold(&name_of(lang, names, &row.recipient));
        let line = t_args(
            lang,
            "share-rule-line",
            &[("whose", &whose), ("recipient", &recipient)],
        );
        body.push(separated(text(md(&line))));
        let remove = Action::Admin(row.remove.clone());
        body.extend(action_set(vec![button(
            &remove,
            &t(lang, "button-remove-plain"),
        )]));
    }
    if screen.more > 0 {
        body.push(small(t_with(
            lang,
            "share-more",
            &[("count", screen.more.into())],
        )));
    }
    let form = Form::Admin(AdminForm::AutoShare, AdminCtx::default());
    card(body, vec![submit(&t(lang, "button-save-plain"), &form)])
}
