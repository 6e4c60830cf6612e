//! Dialogs about a 1on1: the request (every free slot in one choice, topic, response, note,
//! series), the mentor's decline with an optional message, and the mentee's rating.

use serde_json::{json, Value};

use super::home::local_time;
use super::inputs;
use super::kit::{
    card, choice_set, error_texts, escape, md, message_md, required, small, submit, text,
    text_input, with_errors, Names,
};
use crate::app::actions::{BookingForm, Form};
use crate::app::errors::{request_field_message, Message};
use crate::app::screens::{audience_message, RequestScreen, TopicChoice};
use crate::domain::after::{GotResponse, RatingField, COMMENT_MAX};
use crate::domain::availability::Slot;
use crate::domain::booking::{RequestField, RequestFieldError};
use crate::domain::Reader;
use crate::i18n::{response_label, t, t_args, t_with};

/// How many free slots the request dialog lists at most (the soonest): enough for weeks of
/// a busy mentor while the card stays well under Teams' size limit.
pub const SLOTS_SHOWN: usize = 200;

/// A slot's value in the dialog: its UTC start.
pub fn slot_value(slot: &Slot) -> String {
    slot.start.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The free slots as choices: the day and time in the reader's zone (so they read grouped by
/// day), the UTC start as the value; the soonest [`SLOTS_SHOWN`].
pub(super) fn slot_choices(slots: &[Slot], reader: &Reader) -> Vec<(String, String)> {
    slots
        .iter()
        .take(SLOTS_SHOWN)
        .map(|slot| {
            let end = slot.end.with_timezone(&reader.tz).format("%H:%M");
            let title = format!("{}–{end}", local_time(reader, slot.start));
            (title, slot_value(slot))
        })
        .collect()
}

/// The required choice of a free slot, labelled `label_key`.
pub(super) fn slot_field(slots: &[Slot], reader: &Reader, label_key: &str) -> Value {
    let lang = reader.lang;
    let choices = slot_choices(slots, reader);
    let slot = choice_set(inputs::SLOT, t(lang, label_key), &choices, None);
    required(slot, t(lang, "teams-choose-one"))
}

/// The request dialog: one Input.ChoiceSet "slot" listing every free slot of `slots` in the
/// reader's zone (its titles start with the day, so they read grouped by day), "topic",
/// "other", "response", "note", "every", "count", field errors under their field, and a
/// submit carrying `screen.submit`.
pub fn request_dialog(
    screen: &RequestScreen,
    slots: &[Slot],
    reader: &Reader,
    errors: &[(&str, Message)],
) -> Value {
    let lang = reader.lang;
    let mut body = Vec::new();
    if screen.slot_taken {
        body.push(text(md(&t(lang, "request-taken"))));
    }
    body.push(text(md(&t_args(
        lang,
        "request-intro",
        &[
            ("mentor", &escape(&screen.mentor_name)),
            ("theme", &escape(&screen.theme.name)),
            ("tz", reader.tz.name()),
        ],
    ))));
    if let Some((topic, response)) = screen.suggested {
        body.push(text(md(&t_args(
            lang,
            "request-suggested",
            &[
                ("topic", &t(lang, &format!("topic-{topic}"))),
                ("response", &response_label(lang, response)),
            ],
        ))));
    }
    let Some(form) = screen.submit.as_ref().filter(|_| !slots.is_empty()) else {
        body.push(text(md(&t(lang, "request-no-slots"))));
        return card(body, Vec::new());
    };
    let entered = &screen.entered;
    let missing = |key: &str| t(lang, key);
    let mut fields = vec![slot_field(slots, reader, "request-slot-label-plain")];
    let topics: Vec<(String, String)> = screen
        .topics
        .iter()
        .map(|topic| {
            let label = match topic {
                TopicChoice::Default(key) => t(lang, &format!("topic-{key}")),
                TopicChoice::Office { name, .. } => name.clone(),
                TopicChoice::Other => t(lang, "topic-other-plain"),
            };
            (label, topic.value())
        })
        .collect();
    fields.push(required(
        choice_set(
            inputs::TOPIC,
            t(lang, "request-topic-label-plain"),
            &topics,
            entered.topic.as_deref(),
        ),
        missing("teams-choose-one"),
    ));
    fields.push(text_input(
        inputs::OTHER,
        t(lang, "request-other-label-plain"),
        &entered.other,
        screen.other_max,
        false,
    ));
    let responses: Vec<(String, String)> = screen
        .responses
        .iter()
        .map(|k| (response_label(lang, k), (*k).to_string()))
        .collect();
    fields.push(required(
        choice_set(
            inputs::RESPONSE,
            t(lang, "request-response-label-plain"),
            &responses,
            entered.response.as_deref(),
        ),
        missing("teams-choose-one"),
    ));
    fields.push(text_input(
        inputs::NOTE,
        t(lang, "request-note-label-plain"),
        &entered.note,
        screen.note_max,
        true,
    ));
    let mut every: Vec<(String, String)> = vec![(t(lang, "series-once-plain"), "once".into())];
    every.extend(screen.series_every.iter().map(|w| {
        (
            t_with(
                lang,
                "series-every-plain",
                &[("weeks", (*w as usize).into())],
            ),
            w.to_string(),
        )
    }));
    fields.push(choice_set(
        inputs::EVERY,
        t(lang, "series-every-label-plain"),
        &every,
        Some(entered.every.as_deref().unwrap_or("once")),
    ));
    fields.push(text_input(
        inputs::COUNT,
        t_with(
            lang,
            "series-count-label-plain",
            &[("max", (screen.series_max as usize).into())],
        ),
        &entered.count,
        2,
        false,
    ));
    let errors = error_texts(reader, errors);
    // Errors not under a field of this dialog (the slot just taken…) go on top.
    let ids: Vec<String> = fields
        .iter()
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect();
    for (field, error) in &errors {
        if !ids.contains(field) {
            body.push(super::kit::error_text(error.clone()));
        }
    }
    if slots.len() > SLOTS_SHOWN {
        body.push(small(t(lang, "teams-request-more-slots")));
    }
    // Who reads the note, under it (and under its errors).
    let audience = message_md(
        reader,
        &Names::new(),
        &audience_message(&screen.note_audience),
    );
    let mut fields = with_errors(fields, &errors);
    let note = fields.iter().position(|f| f["id"] == inputs::NOTE);
    let after_note = note.map_or(fields.len(), |at| {
        let errors = fields[at + 1..]
            .iter()
            .take_while(|f| f["color"] == "attention")
            .count();
        at + 1 + errors
    });
    fields.insert(after_note, small(audience));
    body.extend(fields);
    card(
        body,
        vec![submit(
            &t(lang, "button-send-plain"),
            &Form::Booking(form.clone()),
        )],
    )
}

/// The request's field errors (as `RequestDraft::parse` and the booking give them) keyed by
/// the dialog's input ids.
pub fn request_errors(
    errors: &[(RequestField, RequestFieldError)],
) -> Vec<(&'static str, Message)> {
    errors
        .iter()
        .map(|(field, error)| {
            let id = match field {
                RequestField::Slot => inputs::SLOT,
                RequestField::Topic => inputs::TOPIC,
                RequestField::TopicOther => inputs::OTHER,
                RequestField::Response => inputs::RESPONSE,
                RequestField::Note => inputs::NOTE,
            };
            (id, request_field_message(*field, error))
        })
        .collect()
}

/// The rating's field errors keyed by the dialog's input ids.
pub fn rating_errors(fields: &[RatingField]) -> Vec<(&'static str, Message)> {
    fields
        .iter()
        .map(|field| match field {
            RatingField::Clarity => (inputs::SCORE, Message::new("rate-clarity-missing")),
            RatingField::Got => (inputs::GOT, Message::new("rate-got-missing")),
            RatingField::Comment => (inputs::COMMENT, Message::new("rate-comment-long")),
        })
        .collect()
}

/// The mentor's decline: an optional message to the mentee, and a button that says what it
/// does (the dialog is the confirmation Slack's confirm gave).
pub fn decline_dialog(reader: &Reader, one_on_one: i64) -> Value {
    let lang = reader.lang;
    let body = vec![
        text(md(&t(lang, "teams-decline-intro"))),
        text_input(
            inputs::MESSAGE,
            t(lang, "decline-message-label-plain"),
            "",
            2000,
            true,
        ),
    ];
    card(
        body,
        vec![submit(
            &t(lang, "button-decline-plain"),
            &Form::Booking(BookingForm::Decline { one_on_one }),
        )],
    )
}

/// "How was it?": the score 1–5, whether they got the response they hoped for, a comment.
pub fn rate_dialog(reader: &Reader, one_on_one: i64, errors: &[(&str, Message)]) -> Value {
    let lang = reader.lang;
    let scores: Vec<(String, String)> = (1..=5)
        .map(|n| (t(lang, &format!("rate-clarity-{n}-plain")), n.to_string()))
        .collect();
    let got: Vec<(String, String)> = GotResponse::ALL
        .iter()
        .map(|g| {
            (
                t(lang, &format!("rate-got-{}-plain", g.as_str())),
                g.as_str().to_string(),
            )
        })
        .collect();
    let mut score = choice_set(
        inputs::SCORE,
        t(lang, "rate-clarity-label-plain"),
        &scores,
        None,
    );
    score["style"] = json!("expanded");
    let mut got = choice_set(inputs::GOT, t(lang, "rate-got-label-plain"), &got, None);
    got["style"] = json!("expanded");
    let fields = vec![
        required(score, t(lang, "rate-clarity-missing")),
        required(got, t(lang, "rate-got-missing")),
        text_input(
            inputs::COMMENT,
            t(lang, "rate-comment-label-plain"),
            "",
            COMMENT_MAX,
            true,
        ),
    ];
    let mut body = vec![text(md(&t(lang, "rate-intro")))];
    body.extend(with_errors(fields, &error_texts(reader, errors)));
    body.push(small(md(&t(lang, "rate-private"))));
    card(
        body,
        vec![submit(
            &t(lang, "button-rate-send-plain"),
            &Form::Booking(BookingForm::Rate { one_on_one }),
        )],
    )
}
