//! Unit tests of the cards: every card in both languages is a valid Adaptive Card 1.5 well
//! under Teams' size limit, shows its content in the reader's language and zone, and every
//! button carries a typed action (or form) that parses back.

use std::sync::OnceLock;

use chrono::Duration;
use serde_json::{json, Value};

use super::*;
use crate::app::actions::{examples, BookingAction, BookingForm, FindCtx, MemoAction};
use crate::app::errors::Message;
use crate::app::mentor::HoursScreen;
use crate::app::ports::Outgoing;
use crate::app::screens::{FindScreen, HelpScreen};
use crate::domain::{Brief, Notice, Reader, Roles};

mod dms;
mod fixtures;
mod more;
mod read;
mod screens;
mod valid;

use fixtures::*;

/// Teams' message limit is about 40 KB (UTF-16); the cards stay well under it.
const CARD_MAX_BYTES: usize = 28 * 1024;

fn validator() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let schema: Value = serde_json::from_str(include_str!(
            "../../../../crates/fake-teams/fixtures/cards/schema/adaptive-card.1.5.0.schema.json"
        ))
        .expect("the schema is JSON");
        jsonschema::validator_for(&schema).expect("the Adaptive Card 1.5 schema compiles")
    })
}

/// Panics unless `card` is a valid Adaptive Card 1.5 under the size limit.
fn assert_valid(name: &str, card: &Value) {
    let errors: Vec<String> = validator()
        .iter_errors(card)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{card:#}");
    assert_eq!(card["type"], "AdaptiveCard", "{name}");
    assert_eq!(card["version"], "1.5", "{name}");
    let size = serde_json::to_vec(card).unwrap().len();
    assert!(size < CARD_MAX_BYTES, "{name}: {size} bytes");
}
/// Every card, by name, for `reader`.
fn every_card(reader: &Reader) -> Vec<(String, Value)> {
    let errors = [
        (inputs::SLOT, Message::new("request-busy")),
        (inputs::NOTE, Message::new("rate-comment-long")),
    ];
    let extras = DmExtras {
        meeting_link: Some(meeting_link(
            "1on1",
            start(),
            start() + Duration::minutes(30),
            &["a@example.com".into()],
            "",
        )),
        names: names(),
        file_link: None,
    };
    let hours_screen = HoursScreen {
        hours: hours(),
        tz: reader.tz,
    };
    let mut cards = vec![
        (
            "help".to_string(),
            help(
                &HelpScreen {
                    reader: reader.clone(),
                    roles: all_roles(),
                },
                reader,
            ),
        ),
        (
            "home".into(),
            home_with(&home_screen(reader), reader, &names()),
        ),
        (
            "find_form".into(),
            find_form(&FindScreen::decide(&[theme()], ""), reader),
        ),
        (
            "find_results".into(),
            find_results_with(&results_screen(), reader, &names()),
        ),
        (
            "request_dialog".into(),
            request_dialog(
                &request_screen(reader, &slots(12)),
                &slots(12),
                reader,
                &errors,
            ),
        ),
        (
            "request_dialog (every slot of 8 weeks)".into(),
            request_dialog(
                &request_screen(reader, &slots(400)),
                &slots(400),
                reader,
                &[],
            ),
        ),
        (
            "request_dialog (no slot)".into(),
            request_dialog(&request_screen(reader, &[]), &[], reader, &[]),
        ),
        ("decline_dialog".into(), decline_dialog(reader, 41)),
        (
            "unknown_command".into(),
            unknown_command(reader, "fnd *x*", Some(crate::domain::SubCommand::Find)),
        ),
        (
            "preview".into(),
            preview(
                &crate::app::screens::PreviewScreen {
                    card: Some(results_screen().results.cards[0].card.clone()),
                },
                reader,
                &names(),
            ),
        ),
        (
            "preview (nothing started)".into(),
            preview(
                &crate::app::screens::PreviewScreen { card: None },
                reader,
                &names(),
            ),
        ),
        (
            "reschedule_dialog".into(),
            reschedule_dialog(
                &reschedule_screen(reader, &slots(8)),
                &slots(8),
                reader,
                &errors[..1],
            ),
        ),
        (
            "reschedule_dialog (no slot)".into(),
            reschedule_dialog(&reschedule_screen(reader, &[]), &[], reader, &[]),
        ),
        (
            "request_sent".into(),
            request_sent(
                reader,
                &one_on_one(crate::domain::booking::BookingStatus::Requested),
                &booking(),
                &names(),
            ),
        ),
        (
            "series_sent".into(),
            series_sent_card(reader, &series(), &names()),
        ),
        (
            "rate_dialog".into(),
            rate_dialog(
                reader,
                41,
                &[(inputs::SCORE, Message::new("rate-clarity-missing"))],
            ),
        ),
        (
            "hours_dialog".into(),
            hours_dialog(
                &hours_screen,
                reader,
                &[("d0", Message::new("hours-error-empty"))],
            ),
        ),
        (
            "notice".into(),
            notice_with(
                &Message::new("dm-cancelled")
                    .with("by", crate::app::errors::MessageArg::User(mentee())),
                reader,
                &names(),
            ),
        ),
    ];
    for (i, message) in outgoing_messages().iter().enumerate() {
        cards.push((
            format!("outgoing {i}: {message:?}"),
            outgoing(message, reader, &extras),
        ));
    }
    cards
}

/// Every element of `card` that is an action (buttons in actions and action sets, fallbacks).
fn buttons(card: &Value) -> Vec<Value> {
    let mut found = Vec::new();
    fn walk(value: &Value, found: &mut Vec<Value>) {
        match value {
            Value::Object(map) => {
                if map
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.starts_with("Action."))
                {
                    found.push(value.clone());
                }
                map.values().for_each(|v| walk(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, found)),
            _ => {}
        }
    }
    walk(card, &mut found);
    found
}

fn all_text(card: &Value) -> String {
    let mut out = String::new();
    fn walk(value: &Value, out: &mut String) {
        match value {
            Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            Value::Object(map) => map.values().for_each(|v| walk(v, out)),
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    walk(card, &mut out);
    out
}
