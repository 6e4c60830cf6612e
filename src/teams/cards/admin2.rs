//! The rest of the office's console in Teams: the nudge settings button on the console card
//! and its dialog, drawn like Slack's nudge settings modal.

use serde_json::Value;

use super::kit::{
    action_button, action_set, card, heading, md, submit, text, text_input, with_errors,
};
use crate::app::actions::{Action, Form, NudgeAction, NudgeForm};
use crate::domain::followup::NUDGE_WEEKS_MAX;
use crate::domain::Lang;
use crate::i18n::{t, t_with};

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
