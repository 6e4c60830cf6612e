//! Moving a 1on1 (the reschedule dialog), and what the mentee reads once a request or a
//! series is sent.

use serde_json::Value;

use super::kit::{card, error_texts, md, message_md, small, submit, text, with_errors, Names};
use super::request::{slot_field, SLOTS_SHOWN};
use crate::app::actions::Form;
use crate::app::errors::{Message, MessageArg};
use crate::app::screens::{series_sent, RescheduleScreen};
use crate::app::series::SeriesSent;
use crate::domain::availability::Slot;
use crate::domain::booking::BookingStatus;
use crate::domain::{BookingInfo, OneOnOne, Reader};
use crate::i18n::t;

/// The reschedule dialog: one Input.ChoiceSet "slot" with every free slot of the mentor (as
/// in the request dialog), errors under it, and a submit carrying `screen.submit`.
pub fn reschedule_dialog(
    screen: &RescheduleScreen,
    slots: &[Slot],
    reader: &Reader,
    errors: &[(&str, Message)],
) -> Value {
    let lang = reader.lang;
    let mut body = Vec::new();
    if screen.slot_taken {
        body.push(text(md(&t(lang, "request-taken"))));
    }
    let Some(form) = screen.submit.as_ref().filter(|_| !slots.is_empty()) else {
        body.push(text(md(&t(lang, "request-no-slots"))));
        return card(body, Vec::new());
    };
    let slot = slot_field(slots, reader, "reschedule-slot-label-plain");
    body.extend(with_errors(vec![slot], &error_texts(reader, errors)));
    if slots.len() > SLOTS_SHOWN {
        body.push(small(t(lang, "teams-request-more-slots")));
    }
    card(
        body,
        vec![submit(
            &t(lang, "button-save-plain"),
            &Form::Booking(form.clone()),
        )],
    )
}

/// What the mentee reads once the request is sent (or confirmed at once by auto-accept).
pub fn request_sent(
    reader: &Reader,
    one: &OneOnOne,
    booking: &BookingInfo,
    names: &Names,
) -> Value {
    let key = if one.status == BookingStatus::Confirmed {
        "request-confirmed"
    } else {
        "request-sent"
    };
    let head = Message::new(key).with("mentor", MessageArg::User(one.mentor.clone()));
    card(
        vec![
            text(message_md(reader, names, &head)),
            super::dm::details(reader, booking),
        ],
        Vec::new(),
    )
}

/// What the mentee reads once a series is sent: every occurrence, which moved and to when.
pub fn series_sent_card(reader: &Reader, sent: &SeriesSent, names: &Names) -> Value {
    let (head, list) = series_sent(sent);
    let items: Vec<String> = list
        .iter()
        .map(|item| format!("- {}", message_md(reader, names, item)))
        .collect();
    card(
        vec![text(format!(
            "{}\n\n{}",
            message_md(reader, names, &head),
            items.join("\n")
        ))],
        Vec::new(),
    )
}
