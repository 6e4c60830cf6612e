//! Block Kit for 1on1s: finding mentors, the request form, DMs about requests and 1on1s, and
//! the 1on1 part of the App Home. Times always in the reader's zone and language.

use std::collections::HashMap;

use chrono::NaiveDate;
use slack_morphism::prelude::*;

use crate::app::actions::{Action::Booking, BookingAction, BookingForm, Form};
use crate::app::booking::{FindPage, RequestOptions};
use crate::app::errors::request_field_message;
use crate::app::ports::Outgoing;
use crate::app::screens::{dm_actions, HomeOneOnOne, OneOnOnesHome, SlotPicker};
use crate::domain::availability::Slot;
use crate::domain::booking::{
    BookingStatus, DmOutcome, RequestField, RequestFieldError, DEFAULT_TOPICS, RESPONSES,
};
use crate::domain::OneOnOne;
use crate::domain::{BookingInfo, Lang, Notice, Reader, Theme, UserId};
use crate::i18n::{format_datetime, response_label, t, t_args, t_with, topic_label};
use crate::slack::actions;
use crate::slack::blocks::admin::category_name;
use crate::slack::blocks::kit::{input, modal, option, static_select, text_input};
use crate::slack::blocks::mentor::card_blocks;
use crate::slack::blocks::render::message_text;
use crate::slack::blocks::render::{button, context, divider, escape, fit, local_time, section};

pub mod inputs {
    pub const THEME: &str = "find.theme";
    pub const WORDS: &str = "find.words";
    /// The day of the slot pickers (its change redraws the form with that day's times).
    pub const DAY: &str = crate::slack::actions::DAY_SELECT;
    pub const SLOT: &str = "booking.slot";
    pub const TOPIC: &str = "booking.topic";
    pub const OTHER: &str = "booking.topic_other";
    pub const RESPONSE: &str = "booking.response";
    pub const NOTE: &str = "booking.note";
    pub const MESSAGE: &str = "booking.message";

    /// The time select's block id in a form's `version`: a new id makes Slack forget a choice
    /// that is no longer offered (a time just taken, or another day's).
    pub fn slot(version: u32) -> String {
        match version {
            0 => SLOT.to_string(),
            v => format!("{SLOT}.{v}"),
        }
    }
}

/// Search state carried in the results view.
pub use crate::app::actions::FindCtx;

/// What the mentee had entered, kept when the slot was just taken.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entered {
    /// The local day chosen in the slot picker.
    pub day: Option<NaiveDate>,
    pub topic: Option<String>,
    pub other: String,
    pub response: Option<String>,
    pub note: String,
}

/// Themes grouped by category (at most 100 options), optionally only names containing `typed`.
fn theme_groups(
    lang: Lang,
    themes: &[Theme],
    typed: &str,
) -> Vec<SlackBlockOptionGroup<SlackBlockPlainTextOnly>> {
    let needle = crate::domain::name_key(typed);
    let mut groups = Vec::new();
    let mut offered = 0;
    for category in crate::domain::Category::ALL {
        let options: Vec<_> = themes
            .iter()
            .filter(|t| t.category == category && !t.archived)
            .filter(|t| needle.is_empty() || crate::domain::name_key(&t.name).contains(&needle))
            .take(100 - offered)
            .map(|t| option(t.name.clone(), t.id.to_string()))
            .collect();
        offered += options.len();
        if !options.is_empty() {
            groups.push(SlackBlockOptionGroup::new(
                pt!(fit(category_name(lang, category), 75)),
                options,
            ));
        }
    }
    groups
}

/// The options answer to a `block_suggestion` for the theme filter.
pub fn theme_suggestions(lang: Lang, themes: &[Theme], typed: &str) -> serde_json::Value {
    serde_json::json!({ "option_groups": theme_groups(lang, themes, typed) })
}

/// The search form: a theme filter grouped by category (a static select up to 100 themes; with
/// more, an external select that searches as the person types), and words.
pub fn find_form(lang: Lang, themes: &[Theme], words: &str) -> SlackView {
    let live = themes.iter().filter(|t| !t.archived).count();
    let mut blocks: Vec<SlackBlock> = Vec::new();
    if live > 100 {
        let theme = SlackBlockExternalSelectElement::new()
            .with_action_id(inputs::THEME.into())
            .with_min_query_length(0);
        blocks.push(
            input(
                inputs::THEME,
                t(lang, "find-theme-label-plain"),
                theme.into(),
            )
            .with_optional(true)
            .with_hint(pt!(t(lang, "find-theme-hint-plain")))
            .into(),
        );
    } else if live > 0 {
        let theme = SlackBlockStaticSelectElement::new()
            .with_action_id(inputs::THEME.into())
            .with_option_groups(theme_groups(lang, themes, ""));
        blocks.push(
            input(
                inputs::THEME,
                t(lang, "find-theme-label-plain"),
                theme.into(),
            )
            .with_optional(true)
            .with_hint(pt!(t(lang, "find-theme-hint-plain")))
            .into(),
        );
    }
    blocks.push(
        input(
            inputs::WORDS,
            t(lang, "find-words-label-plain"),
            text_input(inputs::WORDS, words, 200, false),
        )
        .with_optional(true)
        .with_hint(pt!(t(lang, "find-words-hint-plain")))
        .into(),
    );
    modal(
        lang,
        "find-title-plain",
        &Form::Booking(BookingForm::Find),
        blocks,
        Some("button-search-plain"),
    )
}

/// One page of mentor cards with a request button per theme, and paging.
pub fn results(
    reader: &Reader,
    page: &FindPage,
    ctx: &FindCtx,
    theme_name: Option<&str>,
) -> SlackView {
    let lang = reader.lang;
    let query = match (ctx.words.trim(), theme_name) {
        ("", None) => t(lang, "results-all"),
        ("", Some(theme)) => format!("*{}*", escape(theme)),
        (words, None) => format!("「{}」", escape(words)),
        (words, Some(theme)) => format!("*{}* 「{}」", escape(theme), escape(words)),
    };
    let mut blocks = Vec::new();
    if page.cards.is_empty() {
        blocks.push(section(
            "results.empty",
            t_args(lang, "results-empty", &[("query", &query)]),
        ));
    } else {
        blocks.push(section(
            "results.intro",
            t_args(lang, "results-intro", &[("query", &query)]),
        ));
    }
    for (i, card) in page.cards.iter().enumerate() {
        blocks.push(divider(&format!("results.divider.{i}")));
        blocks.extend(card_blocks(card, reader, &format!("card.{i}")));
        let buttons: Vec<SlackActionBlockElement> = card
            .themes
            .iter()
            .take(5)
            .map(|mt| {
                let label = t_args(lang, "button-request-plain", &[("theme", &mt.theme.name)]);
                SlackActionBlockElement::Button(
                    button(
                        &Booking(BookingAction::Request {
                            mentor: card.mentor.clone(),
                            theme: mt.theme.id,
                        }),
                        &label,
                    )
                    .with_style(SlackBlockButtonStyle::Primary),
                )
            })
            .collect();
        blocks.push(
            SlackActionsBlock::new(buttons)
                .with_block_id(format!("card.{i}.actions").into())
                .into(),
        );
    }
    let mut paging = Vec::new();
    if page.page > 0 {
        paging.push(SlackActionBlockElement::Button(button(
            &Booking(BookingAction::Page(page.page - 1)),
            &t(lang, "button-prev-plain"),
        )));
    }
    if page.has_more {
        paging.push(SlackActionBlockElement::Button(button(
            &Booking(BookingAction::Page(page.page + 1)),
            &t(lang, "button-next-plain"),
        )));
    }
    paging.push(SlackActionBlockElement::Button(button(
        &Booking(BookingAction::NewSearch),
        &t(lang, "button-new-search-plain"),
    )));
    blocks.push(
        SlackActionsBlock::new(paging)
            .with_block_id("results.paging".into())
            .into(),
    );
    modal(
        lang,
        "results-title-plain",
        &Form::Booking(BookingForm::Results(ctx.clone())),
        blocks,
        None,
    )
}

/// A day as an option text, in the reader's language ("Tue, Mar 3, 2026").
fn day_label(reader: &Reader, day: NaiveDate) -> String {
    // Noon exists on every day, whatever a daylight-saving change does to the night.
    let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
    let Some(at) = noon.and_local_timezone(reader.tz).earliest() else {
        return day.format("%Y-%m-%d").to_string();
    };
    let text = format_datetime(reader.lang, at);
    text.rsplit_once(' ')
        .map(|(d, _)| d.to_string())
        .unwrap_or(text)
}

/// A day option's value: the day select presses [`BookingAction::PickDay`].
fn day_value(day: NaiveDate) -> String {
    actions::encode(&Booking(BookingAction::PickDay(day))).value
}

/// The two selects of a [`SlotPicker`]: the day (its change redraws the form) and the times
/// of that day, the time select named after the picker's version.
fn slot_picker(reader: &Reader, picker: &SlotPicker, label_key: &str) -> Vec<SlackBlock> {
    let lang = reader.lang;
    let day_options = picker
        .days
        .iter()
        .map(|d| option(day_label(reader, *d), day_value(*d)))
        .collect();
    let chosen_value = picker.day.map(day_value);
    let day_block = input(
        inputs::DAY,
        t(lang, "request-day-label-plain"),
        static_select(inputs::DAY, day_options, chosen_value.as_deref()).into(),
    )
    .with_dispatch_action(true)
    .with_hint(pt!(t(lang, "request-day-hint-plain")));
    let block = inputs::slot(picker.version);
    let times = picker
        .times
        .iter()
        .map(|slot| {
            let (start, end) = (
                slot.start.with_timezone(&reader.tz),
                slot.end.with_timezone(&reader.tz),
            );
            let text = format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"));
            option(text, slot.start.timestamp().to_string())
        })
        .collect();
    let time_block = input(
        &block,
        t(lang, label_key),
        SlackBlockStaticSelectElement::new()
            .with_action_id(block.clone().into())
            .with_options(times)
            .into(),
    );
    vec![day_block.into(), time_block.into()]
}

/// The request form; `entered` keeps what the mentee typed when a slot was just taken.
pub fn request_form(
    reader: &Reader,
    options: &RequestOptions,
    entered: &Entered,
    warning: Option<String>,
    version: u32,
) -> SlackView {
    let lang = reader.lang;
    let mut blocks: Vec<SlackBlock> = Vec::new();
    if let Some(w) = warning {
        blocks.push(section("request.warning", w));
    }
    blocks.push(section(
        "request.intro",
        t_args(
            lang,
            "request-intro",
            &[
                ("mentor", &escape(&options.mentor_name)),
                ("theme", &escape(&options.theme.name)),
                ("tz", reader.tz.name()),
            ],
        ),
    ));
    let form = Form::Booking(BookingForm::Request {
        mentor: options.mentor.clone(),
        theme: options.theme.id,
        version,
    });
    if options.slots.is_empty() {
        blocks.push(section("request.none", t(lang, "request-no-slots")));
        return modal(
            lang,
            "request-title-plain",
            &Form::Booking(BookingForm::Done),
            blocks,
            None,
        );
    }
    let picker = SlotPicker::decide(&options.slots, reader.tz, entered.day, version);
    blocks.extend(slot_picker(reader, &picker, "request-slot-label-plain"));
    let mut topics: Vec<_> = DEFAULT_TOPICS
        .iter()
        .map(|k| option(t(lang, &format!("topic-{k}")), (*k).to_string()))
        .collect();
    topics.extend(
        options
            .custom_topics
            .iter()
            .take(90)
            .map(|(id, name)| option(name.clone(), format!("custom:{id}"))),
    );
    topics.push(option(t(lang, "topic-other-plain"), "other".into()));
    blocks.push(
        input(
            inputs::TOPIC,
            t(lang, "request-topic-label-plain"),
            static_select(inputs::TOPIC, topics, entered.topic.as_deref()).into(),
        )
        .into(),
    );
    blocks.push(
        input(
            inputs::OTHER,
            t(lang, "request-other-label-plain"),
            text_input(inputs::OTHER, &entered.other, 100, false),
        )
        .with_optional(true)
        .into(),
    );
    let responses = RESPONSES
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
            text_input(inputs::NOTE, &entered.note, 2000, true),
        )
        .with_optional(true)
        .into(),
    );
    modal(
        lang,
        "request-title-plain",
        &form,
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

fn details(reader: &Reader, b: &BookingInfo) -> String {
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
            t_args(lang, key, &[("mentor", one.mentor.as_str())]),
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

pub fn reschedule_form(
    reader: &Reader,
    id: i64,
    slots: &[Slot],
    warning: Option<String>,
    day: Option<NaiveDate>,
    version: u32,
) -> SlackView {
    let lang = reader.lang;
    let form = Form::Booking(BookingForm::Reschedule {
        one_on_one: id,
        version,
    });
    let mut blocks: Vec<SlackBlock> = Vec::new();
    if let Some(w) = warning {
        blocks.push(section("reschedule.warning", w));
    }
    if slots.is_empty() {
        blocks.push(section("reschedule.none", t(lang, "request-no-slots")));
        return modal(
            lang,
            "reschedule-title-plain",
            &Form::Booking(BookingForm::Done),
            blocks,
            None,
        );
    }
    let picker = SlotPicker::decide(slots, reader.tz, day, version);
    blocks.extend(slot_picker(reader, &picker, "reschedule-slot-label-plain"));
    modal(
        lang,
        "reschedule-title-plain",
        &form,
        blocks,
        Some("button-save-plain"),
    )
}

/// A one-message modal.
pub fn done(lang: Lang, text: String) -> SlackView {
    modal(
        lang,
        "booking-done-title-plain",
        &Form::Booking(BookingForm::Done),
        vec![section("done", text)],
        None,
    )
}

fn cancel_button(lang: Lang, id: i64) -> SlackActionBlockElement {
    let confirm = SlackBlockConfirmItem::new(
        pt!(t(lang, "cancel-confirm-title-plain")),
        SlackBlockText::Plain(SlackBlockPlainText::new(t(
            lang,
            "cancel-confirm-text-plain",
        ))),
        pt!(t(lang, "button-cancel-1on1-plain")),
        pt!(t(lang, "button-keep-plain")),
    );
    SlackActionBlockElement::Button(
        button(
            &Booking(BookingAction::Cancel { one_on_one: id }),
            &t(lang, "button-cancel-1on1-plain"),
        )
        .with_style(SlackBlockButtonStyle::Danger)
        .with_confirm(confirm),
    )
}

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

/// The 1on1 part of the App Home, as `app::screens` decided it: requests to answer, then
/// upcoming 1on1s, each with its buttons, and how many more there are.
pub fn home_blocks(reader: &Reader, home: &OneOnOnesHome) -> Vec<SlackBlock> {
    let lang = reader.lang;
    let mut blocks = vec![divider("home.one.divider")];
    let rows = |blocks: &mut Vec<SlackBlock>, prefix: &str, rows: &[HomeOneOnOne]| {
        for row in rows {
            let id = row.one.id;
            blocks.push(section(
                &format!("{prefix}.{id}"),
                line(reader, &row.one, &row.theme),
            ));
            let buttons = row
                .actions
                .iter()
                .filter_map(|a| booking_button(lang, a))
                .collect();
            blocks.push(
                SlackActionsBlock::new(buttons)
                    .with_block_id(format!("{prefix}.{id}.actions").into())
                    .into(),
            );
        }
    };
    let more = |blocks: &mut Vec<SlackBlock>, block: &str, count: usize| {
        if count > 0 {
            blocks.push(context(
                block,
                t_with(lang, "home-more", &[("count", count.into())]),
            ));
        }
    };
    if !home.waiting.is_empty() {
        blocks.push(section("home.waiting", t(lang, "home-waiting-header")));
        rows(&mut blocks, "home.waiting", &home.waiting);
        more(&mut blocks, "home.waiting.more", home.more_waiting);
    }
    blocks.push(section("home.upcoming", t(lang, "home-upcoming-header")));
    if home.upcoming.is_empty() {
        blocks.push(context("home.upcoming.none", t(lang, "home-upcoming-none")));
    }
    rows(&mut blocks, "home.one", &home.upcoming);
    more(&mut blocks, "home.upcoming.more", home.more_upcoming);
    blocks.push(
        SlackActionsBlock::new(vec![SlackActionBlockElement::Button(
            button(&Booking(BookingAction::Find), &t(lang, "button-find-plain"))
                .with_style(SlackBlockButtonStyle::Primary),
        )])
        .with_block_id("home.find".into())
        .into(),
    );
    blocks
}

/// The button for a 1on1 action a screen offers; `None` for actions that are not a button of
/// their own (a page of results is "previous" or "next" by where it is; a day is a select).
fn booking_button(lang: Lang, action: &BookingAction) -> Option<SlackActionBlockElement> {
    let plain = |key: &str| button(&Booking(action.clone()), &t(lang, key));
    let element = match action {
        BookingAction::Accept { .. } => SlackActionBlockElement::Button(
            plain("button-accept-plain").with_style(SlackBlockButtonStyle::Primary),
        ),
        BookingAction::Decline { .. } => {
            SlackActionBlockElement::Button(plain("button-decline-plain"))
        }
        BookingAction::Reschedule { .. } => {
            SlackActionBlockElement::Button(plain("button-reschedule-plain"))
        }
        BookingAction::Cancel { one_on_one } => cancel_button(lang, *one_on_one),
        BookingAction::Find => SlackActionBlockElement::Button(plain("button-find-plain")),
        BookingAction::NewSearch => {
            SlackActionBlockElement::Button(plain("button-new-search-plain"))
        }
        BookingAction::Request { .. } => {
            SlackActionBlockElement::Button(plain("button-request-plain"))
        }
        BookingAction::Page(_) | BookingAction::PickDay(_) => return None,
    };
    Some(element)
}

fn line(reader: &Reader, one: &OneOnOne, theme: &str) -> String {
    let other = if one.mentor == reader.user {
        &one.mentee
    } else {
        &one.mentor
    };
    t_args(
        reader.lang,
        "home-one-line",
        &[
            ("time", &local_time(reader, one.start)),
            ("theme", &escape(theme)),
            ("other", other.as_str()),
            (
                "status",
                &t(
                    reader.lang,
                    &format!("booking-status-{}", one.status.as_str()),
                ),
            ),
        ],
    )
}
