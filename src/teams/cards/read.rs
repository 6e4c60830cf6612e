//! A form's or dialog's inputs as Teams sends them (each input's value under its id, beside
//! `mb_form`), read once into what the use cases take: the search, the request as entered,
//! the hours, the rating, the decline's message.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;

use super::inputs;
use crate::app::actions::FindCtx;
use crate::app::forms::HoursInput;
use crate::app::screens::Entered;

/// An input's value: text as typed, `None` when absent or empty (Teams sends `""` for an
/// empty input and leaves out one never touched).
fn value(data: &Value, id: &str) -> Option<String> {
    match data.get(id)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn text(data: &Value, id: &str) -> String {
    value(data, id).unwrap_or_default()
}

/// The search form: the theme chosen (if any) and the words.
pub fn find_ctx(data: &Value) -> FindCtx {
    FindCtx {
        words: text(data, inputs::WORDS),
        theme: value(data, inputs::THEME).and_then(|t| t.trim().parse().ok()),
        page: 0,
    }
}

/// The request dialog as entered (kept when it is drawn again with errors).
pub fn entered(data: &Value) -> Entered {
    Entered {
        day: None,
        topic: value(data, inputs::TOPIC),
        other: text(data, inputs::OTHER),
        response: value(data, inputs::RESPONSE),
        note: text(data, inputs::NOTE),
        every: value(data, inputs::EVERY),
        count: text(data, inputs::COUNT),
    }
}

/// The chosen slot's start (the dialog's values are UTC instants, `2026-12-07T01:00:00Z`).
pub fn slot_start(data: &Value) -> Option<DateTime<Utc>> {
    let raw = value(data, inputs::SLOT)?;
    NaiveDateTime::parse_from_str(raw.trim(), "%Y-%m-%dT%H:%M:%SZ")
        .ok()
        .map(|at| at.and_utc())
}

/// The chosen slot as `RequestDraft::parse` reads it (unix seconds): `None` when nothing was
/// chosen, and the raw value when it is not one the dialog offered (the draft then says so).
pub fn slot_seconds(data: &Value) -> Option<String> {
    let raw = value(data, inputs::SLOT)?;
    Some(slot_start(data).map_or(raw, |at| at.timestamp().to_string()))
}

/// The hours dialog as `HoursInput::validate` reads it.
pub fn hours_input(data: &Value) -> HoursInput {
    HoursInput {
        days: std::array::from_fn(|day| text(data, inputs::DAYS[day])),
        slot_minutes: value(data, inputs::SLOT_MINUTES),
        horizon_days: value(data, inputs::HORIZON_DAYS),
        notice_hours: value(data, inputs::NOTICE_HOURS),
        cap: value(data, inputs::CAP),
        away_until: value(data, inputs::AWAY_UNTIL)
            .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok()),
        auto_accept: value(data, inputs::AUTO_ACCEPT).as_deref() == Some("true"),
    }
}

/// The rating dialog as `Rating::parse` reads it: (score, got, comment).
pub fn rating(data: &Value) -> (Option<String>, Option<String>, String) {
    (
        value(data, inputs::SCORE),
        value(data, inputs::GOT),
        text(data, inputs::COMMENT),
    )
}

/// The decline dialog's message to the mentee, if one was written.
pub fn decline_message(data: &Value) -> Option<String> {
    value(data, inputs::MESSAGE).map(|m| m.trim().to_string())
}
