//! The request form (and its field errors), what the mentee sees once it is sent, and the
//! mentor's decline form.

use std::collections::HashMap;

use slack_morphism::prelude::*;

use super::inputs;
use super::notices::details;
use super::picker::slot_picker;
use crate::app::actions::{BookingForm, Form};
use crate::app::errors::request_field_message;
use crate::app::screens::{RequestScreen, TopicChoice};
use crate::domain::booking::{BookingStatus, RequestField, RequestFieldError};
use crate::domain::{BookingInfo, Lang, OneOnOne, Reader};
use crate::i18n::{response_label, t, t_args, t_with};
use crate::slack::blocks::kit::{input, modal, option, static_select, text_input};
use crate::slack::blocks::render::mention;
use crate::slack::blocks::render::{context, escape, message_text, section};

/// The request form as `app::screens` decided it: the slot picker, the topics and responses
/// offered, what the mentee entered, and a warning when their time was just taken.
pub fn request_form(reader: &Reader, screen: &RequestScreen) -> SlackView {
    let lang = reader.lang;
    let mut blocks: Vec<SlackBlock> = Vec::new();
    if screen.slot_taken {
        blocks.push(section("request.warning", t(lang, "request-taken")));
    }
    blocks.push(section(
        "request.intro",
        t_args(
            lang,
            "request-intro",
            &[
                ("mentor", &escape(&screen.mentor_name)),
                ("theme", &escape(&screen.theme.name)),
                ("tz", reader.tz.name()),
            ],
        ),
    ));
    if let Some((topic, response)) = screen.suggested {
        blocks.push(section(
            "request.suggested",
            t_args(
                lang,
                "request-suggested",
                &[
                    ("topic", &t(lang, &format!("topic-{topic}"))),
                    ("response", &response_label(lang, response)),
                ],
            ),
        ));
    }
    let (Some(picker), Some(form)) = (&screen.picker, &screen.submit) else {
        blocks.push(section("request.none", t(lang, "request-no-slots")));
        return modal(
            lang,
            "request-title-plain",
            &Form::Booking(BookingForm::Done),
            blocks,
            None,
        );
    };
    let entered = &screen.entered;
    blocks.extend(slot_picker(reader, picker, "request-slot-label-plain"));
    let topics = screen
        .topics
        .iter()
        .map(|topic| {
            let label = match topic {
                TopicChoice::Default(key) => t(lang, &format!("topic-{key}")),
                TopicChoice::Office { name, .. } => name.clone(),
                TopicChoice::Other => t(lang, "topic-other-plain"),
            };
            option(label, topic.value())
        })
        .collect();
    let mut topic = input(
        inputs::TOPIC,
        t(lang, "request-topic-label-plain"),
        static_select(inputs::TOPIC, topics, entered.topic.as_deref()).into(),
    );
    if screen.more_topics > 0 {
        topic = topic.with_hint(pt!(t_with(
            lang,
            "request-topic-more-plain",
            &[("count", screen.more_topics.into())],
        )));
    }
    blocks.push(topic.into());
    blocks.push(
        input(
            inputs::OTHER,
            t(lang, "request-other-label-plain"),
            text_input(
                inputs::OTHER,
                &entered.other,
                screen.other_max as u64,
                false,
            ),
        )
        .with_optional(true)
        .into(),
    );
    let responses = screen
        .responses
        .iter()
        .map(|k| option(response_label(lang, k), (*k).to_string()))
        .collect();
    blocks.push(
        input(
            inputs::RESPONSE,
            t(lang, "request-response-label-plain"),
            static_select(inputs::RESPONSE, responses, entered.response.as_deref()).into(),
        )
        .into(),
    );
    blocks.push(
        input(
            inputs::NOTE,
            t(lang, "request-note-label-plain"),
            text_input(inputs::NOTE, &entered.note, screen.note_max as u64, true),
        )
        .with_optional(true)
        .into(),
    );
    blocks.push(context(
        "request.note.readers",
        crate::slack::blocks::memo::audience(reader, &screen.note_audience),
    ));
    blocks.extend(crate::slack::blocks::followup::series_fields(
        lang,
        &screen.series_every,
        screen.series_max,
        entered,
    ));
    modal(
        lang,
        "request-title-plain",
        &Form::Booking(form.clone()),
        blocks,
        Some("button-send-plain"),
    )
}

/// Field errors of the request form, keyed to their blocks.
pub fn request_errors(
    lang: Lang,
    errors: &[(RequestField, RequestFieldError)],
    version: u32,
) -> HashMap<String, String> {
    errors
        .iter()
        .map(|(field, error)| {
            let block = match field {
                RequestField::Slot => inputs::slot(version),
                RequestField::Topic => inputs::TOPIC.to_string(),
                RequestField::TopicOther => inputs::OTHER.to_string(),
                RequestField::Response => inputs::RESPONSE.to_string(),
                RequestField::Note => inputs::NOTE.to_string(),
            };
            let text = message_text(lang, &request_field_message(*field, error));
            (block, text)
        })
        .collect()
}

/// What the mentee sees after sending a request.
pub fn request_sent(reader: &Reader, one: &OneOnOne, b: &BookingInfo) -> SlackView {
    let lang = reader.lang;
    let key = if one.status == BookingStatus::Confirmed {
        "request-confirmed"
    } else {
        "request-sent"
    };
    let blocks = vec![
        section(
            "sent",
            t_args(lang, key, &[("mentor", &mention(&one.mentor))]),
        ),
        section("sent.details", details(reader, b)),
    ];
    modal(
        lang,
        "request-sent-title-plain",
        &Form::Booking(BookingForm::Done),
        blocks,
        None,
    )
}

/// The mentor's optional message when declining a request.
pub fn decline_form(lang: Lang, id: i64) -> SlackView {
    let form = Form::Booking(BookingForm::Decline { one_on_one: id });
    let blocks: Vec<SlackBlock> = vec![input(
        inputs::MESSAGE,
        t(lang, "decline-message-label-plain"),
        text_input(inputs::MESSAGE, "", 2000, true),
    )
    .with_optional(true)
    .into()];
    modal(
        lang,
        "decline-title-plain",
        &form,
        blocks,
        Some("button-decline-plain"),
    )
}
