//! Adaptive Cards 1.5 drawn from the shared view models (app::screens), one file per screen.
//! Buttons carry the typed actions in Slack's strings (`app::wire`): `Action.Execute` (verb
//! `mb`, `data: {mb_action, mb_value}`) with an `Action.Submit` fallback, or, for a button that
//! opens a form, an `Action.Submit` asking Teams for a dialog (`task/fetch`). A dialog's
//! submit carries its form as `{mb_form, mb_meta}` beside the inputs.

use serde_json::{json, Value};

use crate::app::actions::{Action, Form};
use crate::app::wire::{self, ParseError};

mod booking;
mod dm;
mod find;
mod help;
mod history;
mod home;
mod hours;
pub mod kit;
pub mod labels;
mod memo;
pub mod read;
mod request;
mod survey;
pub mod survey_admin;
// Files given through Teams' consent flow.
pub mod files_out;

#[cfg(test)]
mod tests;

pub use booking::{request_sent, reschedule_dialog, series_sent_card};
pub use dm::{meeting_link, outgoing, DmExtras};
pub use find::{find_form, find_results, find_results_with, preview};
pub use help::{help, notice, notice_with, unknown_command, works_in_teams, TEAMS_COMMANDS};
pub use history::{history_card, history_people};
pub use home::{home, home_with};
pub use hours::{hours_dialog, hours_errors};
pub use kit::Names;
pub use labels::opens_dialog;
pub use memo::{dialog_button, entry_dialog, memo_dialog, memo_inputs, memo_people, todo_line};
pub use request::{decline_dialog, rate_dialog, rating_errors, request_dialog, request_errors};
pub use survey::{
    question_input as survey_question_input, survey_answer_dialog, GROWTH as SURVEY_GROWTH,
};

pub mod admin;
pub mod admin2;
pub mod import;
mod insight;
pub use insight::{insight_card, stats_card, stats_people, tip_dialog, tip_inputs};

mod mentor;
pub use mentor::{
    answer_input as mentor_answer_input, setup_dialog as mentor_setup_dialog,
    setup_result as mentor_setup_result, START as MENTOR_START,
};

/// The ids of the dialogs' and forms' inputs (Teams sends each input's value under its id).
pub mod inputs {
    pub const THEME: &str = "theme";
    pub const WORDS: &str = "words";
    pub const SLOT: &str = "slot";
    pub const TOPIC: &str = "topic";
    pub const OTHER: &str = "other";
    pub const RESPONSE: &str = "response";
    pub const NOTE: &str = "note";
    pub const EVERY: &str = "every";
    pub const COUNT: &str = "count";
    /// The decline dialog's message to the mentee.
    pub const MESSAGE: &str = "message";
    pub const SCORE: &str = "score";
    pub const GOT: &str = "got";
    pub const COMMENT: &str = "comment";
    pub const SLOT_MINUTES: &str = "slot_minutes";
    pub const HORIZON_DAYS: &str = "horizon_days";
    pub const NOTICE_HOURS: &str = "notice_hours";
    pub const CAP: &str = "cap";
    pub const AWAY_UNTIL: &str = "away_until";
    pub const AUTO_ACCEPT: &str = "auto_accept";

    /// The weekdays' windows in the hours dialog, Monday first.
    pub const DAYS: [&str; 7] = ["d0", "d1", "d2", "d3", "d4", "d5", "d6"];

    /// A weekday's windows in the hours dialog: `d0` (Monday) … `d6` (Sunday).
    pub fn day(day: u8) -> &'static str {
        DAYS[usize::from(day).min(6)]
    }
}

/// The content type of an Adaptive Card attachment.
pub const CONTENT_TYPE: &str = "application/vnd.microsoft.card.adaptive";

/// A card as an attachment: `{contentType, content}`.
pub fn attachment(card: Value) -> Value {
    json!({"contentType": CONTENT_TYPE, "content": card})
}

/// A message activity carrying one card.
pub fn message(card: Value) -> Value {
    json!({"type": "message", "attachments": [attachment(card)]})
}

/// The answer to `task/fetch` that opens `card` as a dialog titled `title`.
pub fn dialog(title: &str, card: Value) -> Value {
    json!({"task": {"type": "continue", "value": {
        "title": title,
        "card": attachment(card),
    }}})
}

/// The typed action an Action.Execute / Action.Submit / task data carries (None if absent).
pub fn parse_action(data: &Value) -> Option<Result<Action, ParseError>> {
    let id = data.get(kit::ACTION_KEY)?;
    let Some(id) = id.as_str() else {
        return Some(Err(ParseError::UnknownAction(id.to_string())));
    };
    let value = data.get(kit::VALUE_KEY).and_then(Value::as_str);
    Some(wire::parse(id, value))
}

/// A dialog's submit carries its form the same way: {"mb_form": callback_id, "mb_meta": metadata}.
pub fn parse_form(data: &Value) -> Option<Result<Form, ParseError>> {
    let callback = data.get(kit::FORM_KEY)?;
    let Some(callback) = callback.as_str() else {
        return Some(Err(ParseError::UnknownCallback(Some(callback.to_string()))));
    };
    let metadata = data.get(kit::META_KEY).and_then(Value::as_str);
    Some(wire::parse_form(Some(callback), metadata))
}

mod advisor;
pub use advisor::with_survey_results;
