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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::availability::{Cap, Hours, Window};
    use serde_json::json;

    #[test]
    fn a_submitted_hours_dialog_reads_back_as_the_hours_it_showed() {
        let data = json!({
            "mb_form": "mentor.hours",
            "d0": "10:00-12:00, 14:00-15:30", "d1": "", "d3": "19:00-20:00",
            "slot_minutes": "30", "horizon_days": "28", "notice_hours": "24",
            "cap": "week:4", "away_until": "2026-12-24", "auto_accept": "true",
        });
        let hours = hours_input(&data).validate().unwrap();
        let expected = Hours {
            windows: vec![
                Window {
                    day: 0,
                    start: 600,
                    end: 720,
                },
                Window {
                    day: 0,
                    start: 840,
                    end: 930,
                },
                Window {
                    day: 3,
                    start: 1140,
                    end: 1200,
                },
            ],
            slot_minutes: 30,
            horizon_days: 28,
            notice_hours: 24,
            cap: Some(Cap::PerWeek(4)),
            away_until: NaiveDate::from_ymd_opt(2026, 12, 24),
            auto_accept: true,
        };
        assert_eq!(hours, expected);
        let off = hours_input(&json!({"d2": "9:00-10:00", "auto_accept": "false"}));
        assert!(!off.auto_accept);
        assert_eq!(off.away_until, None);
    }

    #[test]
    fn a_submitted_request_reads_its_slot_as_the_draft_expects_and_keeps_what_was_entered() {
        let data = json!({
            "slot": "2026-12-07T01:00:00Z", "topic": "custom:3", "other": "",
            "response": "advice", "note": "よろしくお願いします", "every": "2", "count": "4",
        });
        let start = slot_start(&data).unwrap();
        assert_eq!(start.to_rfc3339(), "2026-12-07T01:00:00+00:00");
        assert_eq!(slot_seconds(&data), Some(start.timestamp().to_string()));
        let entered = entered(&data);
        assert_eq!(entered.topic.as_deref(), Some("custom:3"));
        assert_eq!(entered.note, "よろしくお願いします");
        assert_eq!(
            (entered.every.as_deref(), entered.count.as_str()),
            (Some("2"), "4")
        );
        // A forged slot is passed on as it is, so the draft refuses it; none is none.
        assert_eq!(slot_seconds(&json!({"slot": "soon"})), Some("soon".into()));
        assert_eq!(slot_seconds(&json!({"slot": ""})), None);
        let draft = crate::domain::booking::RequestDraft::parse(
            slot_seconds(&json!({"slot": "soon"})).as_deref(),
            Some("career"),
            "",
            Some("advice"),
            "",
            &[],
        );
        assert!(draft.is_err());
    }

    #[test]
    fn the_search_rating_and_decline_read_their_inputs() {
        let ctx = find_ctx(&json!({"theme": "7", "words": "育休"}));
        assert_eq!(
            (ctx.theme, ctx.words.as_str(), ctx.page),
            (Some(7), "育休", 0)
        );
        assert_eq!(find_ctx(&json!({})).theme, None);
        assert_eq!(
            rating(&json!({"score": "4", "got": "partly", "comment": "良かった"})),
            (Some("4".into()), Some("partly".into()), "良かった".into())
        );
        assert_eq!(rating(&json!({})), (None, None, String::new()));
        assert_eq!(
            decline_message(&json!({"message": " 今月は難しいです "})).as_deref(),
            Some("今月は難しいです")
        );
        assert_eq!(decline_message(&json!({"message": ""})), None);
    }
}
