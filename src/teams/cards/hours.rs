//! The mentor's hours as a dialog: one line per weekday (d0 = Monday … d6), then the rules,
//! with the values `app::forms::HoursInput` reads and errors under their field.

use serde_json::{json, Value};

use super::inputs;
use super::kit::{card, choice_set, error_texts, md, submit, text, text_input, with_errors};
use crate::app::actions::{Form, MentorForm};
use crate::app::errors::Message;
use crate::app::forms::{cap_value, HoursField, CAP_COUNTS, HORIZON_WEEKS, NOTICE_HOURS};
use crate::app::mentor::HoursScreen;
use crate::domain::availability::{Cap, SLOT_LENGTHS};
use crate::domain::Reader;
use crate::i18n::{t, t_args, t_with};

/// `HoursInput::validate`'s errors keyed by the dialog's input ids.
pub fn hours_errors(errors: &[(HoursField, Message)]) -> Vec<(&'static str, Message)> {
    errors
        .iter()
        .map(|(HoursField::Day(day), message)| (inputs::day(*day), message.clone()))
        .collect()
}

/// The hours dialog for `screen` (the mentor's hours in their zone), errors keyed by input id
/// (`d0`…`d6` for a weekday's windows).
pub fn hours_dialog(screen: &HoursScreen, reader: &Reader, errors: &[(&str, Message)]) -> Value {
    let lang = reader.lang;
    let hours = &screen.hours;
    let mut fields = Vec::new();
    for day in 0..7u8 {
        let mut input = text_input(
            inputs::day(day),
            t(lang, &format!("day-{day}-plain")),
            &hours.typed_windows(day),
            200,
            false,
        );
        input["placeholder"] = json!(t(lang, "hours-day-hint-plain"));
        fields.push(input);
    }
    let n = |key: &str, n: u32| t_with(lang, key, &[("n", n.into())]);
    let slots: Vec<(String, String)> = SLOT_LENGTHS
        .iter()
        .map(|m| (n("hours-minutes-plain", *m), m.to_string()))
        .collect();
    fields.push(choice_set(
        inputs::SLOT_MINUTES,
        t(lang, "hours-slot-label-plain"),
        &slots,
        Some(&hours.slot_minutes.to_string()),
    ));
    let horizons: Vec<(String, String)> = HORIZON_WEEKS
        .iter()
        .map(|w| (n("hours-weeks-plain", *w), (w * 7).to_string()))
        .collect();
    fields.push(choice_set(
        inputs::HORIZON_DAYS,
        t(lang, "hours-horizon-label-plain"),
        &horizons,
        Some(&hours.horizon_days.to_string()),
    ));
    let notices: Vec<(String, String)> = NOTICE_HOURS
        .iter()
        .map(|h| {
            let label = if *h >= 24 && h % 24 == 0 {
                n("hours-notice-days-plain", h / 24)
            } else {
                n("hours-notice-hours-plain", *h)
            };
            (label, h.to_string())
        })
        .collect();
    fields.push(choice_set(
        inputs::NOTICE_HOURS,
        t(lang, "hours-notice-label-plain"),
        &notices,
        Some(&hours.notice_hours.to_string()),
    ));
    let mut caps = vec![(t(lang, "hours-cap-none-plain"), cap_value(None))];
    caps.extend(CAP_COUNTS.iter().map(|c| {
        (
            n("hours-cap-week-plain", *c),
            cap_value(Some(Cap::PerWeek(*c))),
        )
    }));
    caps.extend(CAP_COUNTS.iter().map(|c| {
        (
            n("hours-cap-month-plain", *c),
            cap_value(Some(Cap::PerMonth(*c))),
        )
    }));
    fields.push(choice_set(
        inputs::CAP,
        t(lang, "hours-cap-label-plain"),
        &caps,
        Some(&cap_value(hours.cap)),
    ));
    let mut away = json!({
        "type": "Input.Date",
        "id": inputs::AWAY_UNTIL,
        "label": t(lang, "hours-away-label-plain"),
    });
    if let Some(date) = hours.away_until {
        away["value"] = json!(date.format("%Y-%m-%d").to_string());
    }
    fields.push(away);
    fields.push(json!({
        "type": "Input.Toggle",
        "id": inputs::AUTO_ACCEPT,
        "label": t(lang, "hours-auto-label-plain"),
        "title": t(lang, "hours-auto-option-plain"),
        "valueOn": "true",
        "valueOff": "false",
        "value": if hours.auto_accept { "true" } else { "false" },
    }));
    let mut body = vec![text(md(&t_args(
        lang,
        "hours-intro",
        &[("tz", screen.tz.name())],
    )))];
    body.extend(with_errors(fields, &error_texts(reader, errors)));
    card(
        body,
        vec![submit(
            &t(lang, "button-save-plain"),
            &Form::Mentor(MentorForm::Hours),
        )],
    )
}
