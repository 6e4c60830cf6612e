//! DMs about requests and 1on1s (requests, confirmations, reminders and briefs, outcomes), and
//! earlier DMs redrawn once their buttons no longer apply.

use slack_morphism::prelude::*;

use super::booking_button;
use crate::app::ports::Outgoing;
use crate::app::screens::dm_actions;
use crate::domain::booking::DmOutcome;
use crate::domain::{BookingInfo, Lang, Notice, Reader, UserId};
use crate::i18n::{response_label, t, t_args, t_with, topic_label};
use crate::slack::blocks::render::{escape, fit, local_time, section};

/// The buttons `app::screens::dm_actions` gives a DM, as one actions block.
fn dm_buttons(lang: Lang, message: &Outgoing, block: &str) -> Option<SlackBlock> {
    let buttons: Vec<_> = dm_actions(message)
        .iter()
        .filter_map(|a| booking_button(lang, a))
        .collect();
    (!buttons.is_empty()).then(|| {
        SlackActionsBlock::new(buttons)
            .with_block_id(block.into())
            .into()
    })
}

fn other_party(b: &BookingInfo, reader: &Reader) -> UserId {
    if reader.user == b.mentor {
        b.mentee.clone()
    } else {
        b.mentor.clone()
    }
}

/// A DM about a 1on1.
pub fn booking_notice(notice: &Notice, reader: &Reader) -> Option<SlackMessageContent> {
    let lang = reader.lang;
    let message = Outgoing::Notice(notice.clone());
    let (head, booking, actions): (String, &BookingInfo, Option<SlackBlock>) = match notice {
        Notice::RequestReceived { booking } => (
            t_args(lang, "dm-request", &[("mentee", booking.mentee.as_str())]),
            booking,
            dm_buttons(lang, &message, "request.actions"),
        ),
        Notice::Confirmed { booking, auto } => {
            let key = if *auto {
                "dm-confirmed-auto"
            } else {
                "dm-confirmed"
            };
            let other = other_party(booking, reader);
            (
                t_args(lang, key, &[("other", other.as_str())]),
                booking,
                dm_buttons(lang, &message, "confirmed.actions"),
            )
        }
        Notice::Declined { booking, message } => {
            let mut head = t_args(lang, "dm-declined", &[("mentor", booking.mentor.as_str())]);
            if let Some(m) = message {
                head.push('\n');
                head.push_str(&t_args(
                    lang,
                    "dm-declined-message",
                    &[("message", &escape(m))],
                ));
            }
            (head, booking, None)
        }
        Notice::Expired { booking } => (
            t_args(
                lang,
                "dm-expired",
                &[
                    ("mentor", booking.mentor.as_str()),
                    ("mentee", booking.mentee.as_str()),
                ],
            ),
            booking,
            None,
        ),
        Notice::Cancelled { booking, by } => (
            t_args(lang, "dm-cancelled", &[("by", by.as_str())]),
            booking,
            None,
        ),
        Notice::Moved { booking, from, by } => (
            t_args(
                lang,
                "dm-moved",
                &[("by", by.as_str()), ("from", &local_time(reader, *from))],
            ),
            booking,
            dm_buttons(lang, &message, "moved.actions"),
        ),
        _ => return None,
    };
    let mut blocks = vec![
        section("booking.head", head.clone()),
        section("booking.details", details(reader, booking)),
    ];
    blocks.extend(actions);
    Some(
        SlackMessageContent::new()
            .with_text(fit(head, 3000))
            .with_blocks(blocks),
    )
}

fn reminder(
    reader: &Reader,
    booking: &BookingInfo,
    brief: Option<&crate::domain::Brief>,
) -> SlackMessageContent {
    let lang = reader.lang;
    let time = local_time(reader, booking.start);
    let head = match brief {
        Some(b) => t_with(
            lang,
            "dm-brief",
            &[
                ("mentee", booking.mentee.as_str().into()),
                ("time", (&time).into()),
                ("sessions", b.sessions.into()),
            ],
        ),
        None => t_args(
            lang,
            "dm-reminder",
            &[
                ("other", other_party(booking, reader).as_str()),
                ("time", &time),
            ],
        ),
    };
    let mut blocks = vec![
        section("reminder.head", head.clone()),
        section("reminder.details", details(reader, booking)),
    ];
    if let Some(brief) = brief.filter(|b| !b.memo.is_empty()) {
        let memo = brief
            .memo
            .iter()
            .map(|(author, body)| format!("<@{author}>: {}", escape(body)))
            .collect::<Vec<_>>()
            .join("\n");
        blocks.push(section(
            "reminder.memo",
            format!("{}\n{memo}", t(lang, "dm-brief-memo")),
        ));
    }
    let message = Outgoing::Reminder {
        booking: booking.clone(),
        brief: brief.cloned(),
    };
    blocks.extend(dm_buttons(lang, &message, "reminder.actions"));
    SlackMessageContent::new()
        .with_text(fit(head, 3000))
        .with_blocks(blocks)
}

/// Any outgoing DM as a message (calendar files are uploaded instead).
pub fn outgoing_message(message: &Outgoing, reader: &Reader) -> SlackMessageContent {
    match message {
        Outgoing::Notice(notice) => booking_notice(notice, reader)
            .unwrap_or_else(|| crate::slack::blocks::render::notice_message(notice, reader)),
        Outgoing::Reminder { booking, brief } => reminder(reader, booking, brief.as_ref()),
        Outgoing::Invite { .. } => {
            crate::slack::blocks::render::plain_message(&invite_comment(reader, false))
        }
        Outgoing::Closed { booking, outcome } => closed(reader, booking, *outcome),
    }
}

/// An earlier DM about a 1on1 once its buttons no longer apply: what happened, and the 1on1 as
/// it is now, with no buttons.
fn closed(reader: &Reader, booking: &BookingInfo, outcome: DmOutcome) -> SlackMessageContent {
    let lang = reader.lang;
    let head = match outcome {
        DmOutcome::Accepted => t(lang, "dm-closed-accepted"),
        DmOutcome::Declined => t(lang, "dm-closed-declined"),
        DmOutcome::Expired => t(lang, "dm-closed-expired"),
        DmOutcome::Cancelled => t(lang, "dm-closed-cancelled"),
        DmOutcome::Moved => t_args(
            lang,
            "dm-closed-moved",
            &[("time", &local_time(reader, booking.start))],
        ),
    };
    SlackMessageContent::new()
        .with_text(fit(head.clone(), 3000))
        .with_blocks(vec![
            section("closed.head", head),
            section("closed.details", details(reader, booking)),
        ])
}

pub fn invite_comment(reader: &Reader, cancel: bool) -> String {
    t(
        reader.lang,
        if cancel {
            "invite-cancel-comment"
        } else {
            "invite-comment"
        },
    )
}

/// The 1on1 a DM or modal is about: time, theme, topic, response and the note.
pub(super) fn details(reader: &Reader, b: &BookingInfo) -> String {
    let lang = reader.lang;
    let mut text = t_args(
        lang,
        "dm-details",
        &[
            ("time", &local_time(reader, b.start)),
            ("theme", &escape(&b.theme)),
            ("topic", &escape(&topic_label(lang, &b.topic))),
            ("response", &response_label(lang, &b.response)),
        ],
    );
    if !b.note.is_empty() {
        text.push('\n');
        text.push_str(&t_args(
            lang,
            "dm-note",
            &[("note", &escape(&b.note).replace('\n', "\n> "))],
        ));
    }
    text
}
