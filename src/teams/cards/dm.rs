//! Every DM the outbox sends, as a card: 1on1 DMs as `BookingDm` decides them (request with
//! Accept / Decline, confirmation, moves, cancellations, reminder and the mentor's brief, the
//! closed outcome, after-1on1 prompt, summary), the office's DMs, series and nudges, TODO and
//! survey reminders, and files not offered through the consent flow (`files_out`): a calendar
//! file, named and linked when the caller can.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::home::local_time;
use super::kit::{action_button, card, escape, md, message_md, separated, small, text, Names};
use crate::app::actions::{Action, MentorAction, SurveyAction};
use crate::app::ports::Outgoing;
use crate::app::screens::{BookingDm, FollowupDm, OfficeDm, TodoDueDm};
use crate::domain::calendar;
use crate::domain::{BookingInfo, Notice, Reader};
use crate::i18n::{response_label, t, t_args, topic_label};

/// What a card needs besides the message and its reader.
#[derive(Debug, Clone, Default)]
pub struct DmExtras {
    /// On a confirmed (or moved, or reminded) 1on1: the Teams deep link that creates the
    /// meeting with both attendees (see [`meeting_link`]).
    pub meeting_link: Option<String>,
    /// The people the DM names (Teams cannot draw a Slack mention); unknown ones read "a
    /// colleague".
    pub names: Names,
    /// Where a file (a CSV export, a calendar file) can be downloaded, when the caller has one.
    pub file_link: Option<String>,
}

/// Every DM the outbox sends, as a card for `reader`.
pub fn outgoing(message: &Outgoing, reader: &Reader, extras: &DmExtras) -> Value {
    if let Some(dm) = BookingDm::decide(message, &reader.user) {
        return booking_dm(reader, &dm, extras);
    }
    let lang = reader.lang;
    match message {
        Outgoing::Notice(notice) => notice_dm(notice, reader, extras),
        Outgoing::File {
            file_name, comment, ..
        } => file_dm(
            reader,
            message_md(reader, &extras.names, comment),
            file_name,
            extras,
        ),
        Outgoing::Invite { invite, cancel } => {
            let key = if *cancel {
                "invite-cancel-comment"
            } else {
                "invite-comment"
            };
            let head = format!(
                "{}\n\n**{}** — {}",
                md(&t(lang, key)),
                escape(&invite.summary),
                local_time(reader, invite.start)
            );
            let mut card = file_dm(reader, head, &calendar::file_name(invite), extras);
            if let (false, Some(link)) = (*cancel, &extras.meeting_link) {
                card["actions"] = json!([meeting_button(lang, link)]);
            }
            card
        }
        // Every other kind is a 1on1 DM (BookingDm above); a new kind reads as an error.
        _ => card(vec![text(md(&t(lang, "error-generic")))], Vec::new()),
    }
}

/// A file the bot made, named, with its link when there is one.
fn file_dm(reader: &Reader, head: String, file_name: &str, extras: &DmExtras) -> Value {
    let lang = reader.lang;
    let (line, actions) = match &extras.file_link {
        Some(link) => (
            t_args(lang, "teams-file-link", &[("file", file_name)]),
            vec![
                json!({"type": "Action.OpenUrl", "title": t(lang, "teams-button-download"), "url": link}),
            ],
        ),
        None => (
            t_args(lang, "teams-file-elsewhere", &[("file", file_name)]),
            Vec::new(),
        ),
    };
    card(vec![text(head), small(md(&line))], actions)
}

/// The "Create the Teams meeting" button.
fn meeting_button(lang: crate::domain::Lang, link: &str) -> Value {
    json!({"type": "Action.OpenUrl", "title": t(lang, "teams-button-meeting"), "url": link})
}

/// A DM about a 1on1 as `BookingDm` decided it: what happened, the 1on1, a brief's shared
/// memo and tips, its buttons (and the meeting link when the caller gives one).
fn booking_dm(reader: &Reader, dm: &BookingDm, extras: &DmExtras) -> Value {
    let lang = reader.lang;
    let names = &extras.names;
    let mut head = message_md(reader, names, &dm.head);
    if let Some(extra) = &dm.extra {
        head.push_str("\n\n");
        head.push_str(&message_md(reader, names, extra));
    }
    let mut body = vec![text(head), details(reader, &dm.booking)];
    if !dm.memo.is_empty() {
        let markup = super::kit::TeamsMarkup { lang, names };
        let lines: Vec<String> = dm
            .memo
            .iter()
            .map(|(author, body)| {
                use crate::i18n::Markup;
                format!("{}: {}", markup.mention(author), escape(body))
            })
            .collect();
        body.push(separated(text(newest_lines(
            &md(&t(lang, "dm-brief-memo")),
            &lines,
        ))));
    }
    if !dm.tips.is_empty() {
        let lines: Vec<String> = dm
            .tips
            .iter()
            .map(|(author, tip)| match author {
                Some(a) => format!(
                    "- {} — {}",
                    escape(tip),
                    super::kit::bold(&super::kit::name_of(lang, names, a))
                ),
                None => format!("- {}", escape(tip)),
            })
            .collect();
        body.push(separated(text(format!(
            "{}\n\n{}",
            md(&t(lang, "dm-brief-tips")),
            lines.join("\n")
        ))));
    }
    let mut actions: Vec<Value> = dm
        .actions
        .iter()
        .map(|a| action_button(lang, &Action::Booking(a.clone())))
        .collect();
    actions.extend(
        dm.memo_actions
            .iter()
            .map(|a| action_button(lang, &Action::Memo(a.clone()))),
    );
    if let Some(link) = &extras.meeting_link {
        actions.push(meeting_button(lang, link));
    }
    card(body, actions)
}

/// Memo lines under `header`, oldest first; when they do not all fit, the newest are kept
/// and "…" stands for the older ones (a brief must show what was written last).
fn newest_lines(header: &str, lines: &[String]) -> String {
    const BUDGET: usize = 3000;
    let mut kept: Vec<String> = Vec::new();
    let mut used = 0;
    for line in lines.iter().rev() {
        let len = line.chars().count() + 2;
        if used + len > BUDGET {
            kept.push("…".to_string());
            break;
        }
        used += len;
        kept.push(line.clone());
    }
    kept.reverse();
    format!("{header}\n\n{}", kept.join("\n\n"))
}

/// The 1on1 a DM is about: time, theme, topic, response and the note.
pub(super) fn details(reader: &Reader, b: &BookingInfo) -> Value {
    let lang = reader.lang;
    let mut text_md = md(&t_args(
        lang,
        "dm-details",
        &[
            ("time", &local_time(reader, b.start)),
            ("theme", &escape(&b.theme)),
            ("topic", &escape(&topic_label(lang, &b.topic))),
            ("response", &response_label(lang, &b.response)),
        ],
    ));
    if !b.note.is_empty() {
        let note = escape(&b.note);
        text_md.push_str(&format!(
            "\n\n{}",
            t_args(lang, "teams-dm-note", &[("note", &note)])
        ));
    }
    text(text_md)
}

/// A stored notice that is not about one 1on1.
fn notice_dm(notice: &Notice, reader: &Reader, extras: &DmExtras) -> Value {
    let lang = reader.lang;
    let names = &extras.names;
    if let Some(dm) = TodoDueDm::decide(notice) {
        let body = vec![
            text(message_md(reader, names, &dm.head)),
            text(format!(
                "**{}**\n{}",
                escape(&dm.text),
                t_args(
                    lang,
                    "todo-due-on",
                    &[("date", &crate::i18n::format_date(lang, dm.due))]
                )
            )),
        ];
        let actions = dm
            .actions
            .iter()
            .map(|a| action_button(lang, &Action::Memo(a.clone())))
            .collect();
        return card(body, actions);
    }
    if let Notice::Survey {
        run_id,
        title,
        closes_at,
        reminder,
    } = notice
    {
        let key = if *reminder {
            "survey-reminder-dm"
        } else {
            "survey-dm"
        };
        let line = md(&t_args(
            lang,
            key,
            &[
                ("title", &escape(title)),
                ("closes", &local_time(reader, *closes_at)),
            ],
        ));
        let answer = Action::Survey(SurveyAction::Answer { run: *run_id });
        return card(vec![text(line)], vec![action_button(lang, &answer)]);
    }
    if let Notice::Followup(followup) = notice {
        let dm = FollowupDm::decide(followup, &reader.user);
        let mut body: Vec<Value> = Vec::new();
        for (i, line) in dm.lines.iter().enumerate() {
            let mut line = message_md(reader, names, line);
            if i == 0 && !dm.list.is_empty() {
                line.push_str("\n\n");
                let items: Vec<String> = dm
                    .list
                    .iter()
                    .map(|item| format!("- {}", message_md(reader, names, item)))
                    .collect();
                line.push_str(&items.join("\n"));
            }
            body.push(text(line));
        }
        let actions = dm.actions.iter().map(|a| action_button(lang, a)).collect();
        return card(body, actions);
    }
    if let Some(dm) = OfficeDm::decide(notice) {
        let mut body: Vec<Value> = Vec::new();
        for (i, line) in dm.lines.iter().enumerate() {
            let mut line = message_md(reader, names, line);
            if i == 0 && !dm.list.is_empty() {
                let items: Vec<String> =
                    dm.list.iter().map(|q| format!("- {}", escape(q))).collect();
                line.push_str(&format!("\n\n{}", items.join("\n")));
            }
            body.push(text(line));
        }
        let actions = dm
            .actions
            .iter()
            .map(|a: &MentorAction| action_button(lang, &Action::Mentor(*a)))
            .collect();
        return card(body, actions);
    }
    card(vec![text(md(&t(lang, "error-generic")))], Vec::new())
}

/// Teams deep link that opens a new meeting with both attendees at the booked time:
/// `https://teams.microsoft.com/l/meeting/new?subject=…&startTime=…&endTime=…&attendees=a@x,b@y&content=…`
/// (each parameter URL-encoded; the attendees' addresses one by one, joined by commas).
pub fn meeting_link(
    subject: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    attendees: &[String],
    content: &str,
) -> String {
    let time = |at: DateTime<Utc>| at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let attendees: Vec<String> = attendees.iter().map(|a| encode(a)).collect();
    format!(
        "https://teams.microsoft.com/l/meeting/new?subject={}&startTime={}&endTime={}&attendees={}&content={}",
        encode(subject),
        encode(&time(start)),
        encode(&time(end)),
        attendees.join(","),
        encode(content),
    )
}

/// Percent-encodes everything but RFC 3986's unreserved characters (a space is `%20`).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
