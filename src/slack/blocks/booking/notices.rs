//! DMs about requests and 1on1s (requests, confirmations, reminders and briefs, outcomes), and
//! earlier DMs redrawn once their buttons no longer apply.

use slack_morphism::prelude::*;

use super::booking_button;
use crate::app::ports::Outgoing;
use crate::app::screens::BookingDm;
use crate::domain::{BookingInfo, Notice, Reader};
use crate::i18n::{response_label, t, t_args, topic_label};
use crate::slack::blocks::render::{
    escape, fit, local_time, mention, message_mrkdwn, newest_lines, section,
};

/// A DM about a 1on1 as `app::screens::BookingDm` decided it: what happened, the 1on1, a
/// brief's shared memo, and its buttons (under a block id named after the kind of DM).
fn booking_dm(reader: &Reader, dm: &BookingDm, prefix: &str) -> SlackMessageContent {
    let lang = reader.lang;
    let mut head = message_mrkdwn(reader, &dm.head);
    if let Some(extra) = &dm.extra {
        head.push('\n');
        head.push_str(&message_mrkdwn(reader, extra));
    }
    let mut blocks = vec![
        section(&format!("{prefix}.head"), head.clone()),
        section(&format!("{prefix}.details"), details(reader, &dm.booking)),
    ];
    if !dm.memo.is_empty() {
        let memo: Vec<String> = dm
            .memo
            .iter()
            .map(|(author, body)| format!("{}: {}", mention(author), escape(body)))
            .collect();
        blocks.push(section(
            &format!("{prefix}.memo"),
            newest_lines(&t(lang, "dm-brief-memo"), &memo),
        ));
    }
    if !dm.tips.is_empty() {
        blocks.push(crate::slack::blocks::insight::brief_tips(
            lang,
            &dm.tips,
            &format!("{prefix}.tips"),
        ));
    }
    let mut buttons: Vec<_> = dm
        .actions
        .iter()
        .filter_map(|a| booking_button(lang, a))
        .collect();
    buttons.extend(
        dm.memo_actions
            .iter()
            .map(|a| crate::slack::blocks::memo::memo_button(lang, a)),
    );
    if !buttons.is_empty() {
        blocks.push(
            SlackActionsBlock::new(buttons)
                .with_block_id(format!("{prefix}.actions").into())
                .into(),
        );
    }
    SlackMessageContent::new()
        .with_text(fit(head, 3000))
        .with_blocks(blocks)
}

/// The block-id prefix of a DM's blocks, by what it is.
fn prefix(message: &Outgoing) -> &'static str {
    match message {
        Outgoing::Notice(Notice::RequestReceived { .. }) => "request",
        Outgoing::Notice(Notice::Confirmed { .. }) => "confirmed",
        Outgoing::Notice(Notice::Moved { .. }) => "moved",
        Outgoing::Reminder { .. } => "reminder",
        Outgoing::Closed { .. } => "closed",
        Outgoing::AfterPrompt { .. } => "after",
        Outgoing::Summary { .. } => "summary",
        _ => "booking",
    }
}

/// A DM about a 1on1 from its stored notice (`None` for notices that are not about one, and
/// for reminders and calendar files, which are resolved from the database when due).
pub fn booking_notice(notice: &Notice, reader: &Reader) -> Option<SlackMessageContent> {
    let message = Outgoing::Notice(notice.clone());
    BookingDm::decide(&message, &reader.user).map(|dm| booking_dm(reader, &dm, prefix(&message)))
}

/// Any outgoing DM as a message (calendar files are uploaded instead).
pub fn outgoing_message(message: &Outgoing, reader: &Reader) -> SlackMessageContent {
    if let Some(dm) = BookingDm::decide(message, &reader.user) {
        return booking_dm(reader, &dm, prefix(message));
    }
    match message {
        Outgoing::Notice(notice) => crate::slack::blocks::render::notice_message(notice, reader),
        _ => crate::slack::blocks::render::plain_message(&invite_comment(reader, false)),
    }
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
