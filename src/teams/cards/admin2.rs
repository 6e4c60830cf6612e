//! The rest of the office's console in Teams: the topics dialog (add, rename, retire) and the
//! nudge settings dialog, drawn from the same view models as Slack's modals.

use serde_json::Value;

use super::kit::{
    action_button, action_set, button, card, escape, heading, md, message_md, separated, small,
    submit, text, text_input, with_errors, Names,
};
use crate::app::actions::{
    Action, AdminAction, AdminCtx, AdminForm, Form, NudgeAction, NudgeForm, TopicOp,
};
use crate::app::forms::TOPIC_NAME_MAX;
use crate::app::screens::{TopicRenameScreen, TopicsScreen};
use crate::domain::followup::NUDGE_WEEKS_MAX;
use crate::domain::{Lang, Reader};
use crate::i18n::{t, t_with};

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
