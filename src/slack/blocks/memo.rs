//! Block Kit for memos, TODOs and looking back: the memo modal (shared entries, the reader's
//! private memo, TODOs, and who reads each), editing an entry, a new TODO, the history, the
//! TODO reminder DM, and the memo part of the App Home.

use slack_morphism::prelude::*;

use crate::app::actions::{Action, Form, MemoAction, MemoForm};
use crate::app::screens::{
    audience_message, EntryScreen, HistoryRow, HistoryScreen, MemoHome, MemoScreen, TodoDueDm,
    TodoRow, TodoScreen,
};
use crate::domain::memo::{Audience, MemoEntry, Todo, MEMO_MAX, TODO_MAX};
use crate::domain::{Lang, Reader};
use crate::i18n::{response_label, t, t_args, t_with, topic_label};
use crate::slack::blocks::kit::{input, modal, overflow, text_input, text_option};
use crate::slack::blocks::render::{
    button, context, divider, escape, fit, local_time, mention, message_mrkdwn, section,
};

/// Input block ids (each element's action id is its block id).
pub mod inputs {
    pub const ADD: &str = "memo.add";
    pub const PRIVATE: &str = "memo.private";
    pub const ENTRY: &str = "memo.entry";
    pub const TODO_TEXT: &str = "memo.todo.text";
    pub const TODO_OWNER: &str = "memo.todo.owner";
    pub const TODO_DUE: &str = "memo.todo.due";
}

/// The label of a memo button; a history page is "Newer" or "Older" relative to `page`.
fn label(lang: Lang, action: &MemoAction, page: Option<usize>) -> String {
    let key = match action {
        MemoAction::Open { .. } => "button-memo-plain",
        MemoAction::EditEntry { .. } => "button-memo-edit-plain",
        MemoAction::AddTodo { .. } => "button-todo-add-plain",
        MemoAction::TodoDone { .. } => "button-todo-done-plain",
        MemoAction::TodoDelete { .. } => "button-todo-delete-plain",
        MemoAction::History { page: to, .. } => match page {
            Some(now) if *to < now => "button-history-newer-plain",
            Some(_) => "button-history-older-plain",
            None => "button-history-plain",
        },
    };
    t(lang, key)
}

/// A memo action as a Slack button.
pub fn memo_button(lang: Lang, action: &MemoAction) -> SlackActionBlockElement {
    SlackActionBlockElement::Button(button(
        &Action::Memo(action.clone()),
        &label(lang, action, None),
    ))
}

fn actions_block(block_id: &str, elements: Vec<SlackActionBlockElement>) -> Option<SlackBlock> {
    (!elements.is_empty()).then(|| {
        SlackActionsBlock::new(elements)
            .with_block_id(block_id.into())
            .into()
    })
}

/// Who reads a memo, with the auto-share recipients named after the catalog text.
fn audience(reader: &Reader, who: &Audience) -> String {
    let mut text = message_mrkdwn(reader, &audience_message(who));
    if let Audience::Shared { recipients, .. } = who {
        if !recipients.is_empty() {
            let names: Vec<String> = recipients.iter().map(mention).collect();
            text.push(' ');
            text.push_str(&names.join(", "));
        }
    }
    text
}

fn entry_line(reader: &Reader, entry: &MemoEntry) -> String {
    format!(
        "{} · {}\n{}",
        mention(&entry.author),
        local_time(reader, entry.created_at),
        escape(&entry.body)
    )
}

fn todo_line(reader: &Reader, todo: &Todo) -> String {
    let mark = if todo.done { "☑" } else { "☐" };
    let mut line = format!("{mark} {} — {}", escape(&todo.text), mention(&todo.owner));
    if let Some(due) = todo.due {
        line.push_str(&format!(
            " · {}",
            t_args(reader.lang, "todo-due-on", &[("date", &due.to_string())])
        ));
    }
    line
}

/// The memo of a 1on1 as `app::screens::MemoScreen` decided it.
pub fn memo_modal(screen: &MemoScreen) -> SlackView {
    let r = &screen.reader;
    let lang = r.lang;
    let other = screen.one.other_than(&r.user);
    let mut blocks = vec![section(
        "memo.about",
        t_args(
            lang,
            "memo-about",
            &[
                ("time", &local_time(r, screen.one.start)),
                ("theme", &escape(&screen.theme)),
                ("other", &mention(other)),
            ],
        ),
    )];
    blocks.push(section("memo.shared", t(lang, "memo-shared-header")));
    blocks.push(context(
        "memo.shared.audience",
        audience(r, &screen.shared_audience),
    ));
    if screen.older_entries > 0 {
        blocks.push(context(
            "memo.older",
            t_with(
                lang,
                "memo-older",
                &[("count", screen.older_entries.into())],
            ),
        ));
    }
    for row in &screen.entries {
        let mut text = entry_line(r, &row.entry);
        if let Some((by, at)) = &row.entry.edited {
            text.push('\n');
            text.push_str(&t_with(
                lang,
                "memo-edited",
                &[
                    ("by", mention(by).as_str().into()),
                    ("time", local_time(r, *at).as_str().into()),
                    ("count", row.revisions.into()),
                ],
            ));
        }
        let mut block = SlackSectionBlock::new()
            .with_block_id(format!("memo.entry.{}", row.entry.id).into())
            .with_text(md!(fit(text, 3000)));
        if let Some(action) = row.actions.first() {
            block = block.with_accessory(SlackSectionBlockElement::Button(button(
                &Action::Memo(action.clone()),
                &label(lang, action, None),
            )));
        }
        blocks.push(block.into());
    }
    if screen.entries.is_empty() {
        blocks.push(context("memo.shared.none", t(lang, "memo-shared-none")));
    }
    blocks.push(
        input(
            inputs::ADD,
            t(lang, "memo-add-label-plain"),
            text_input(inputs::ADD, "", MEMO_MAX as u64, true),
        )
        .with_optional(true)
        .into(),
    );
    blocks.push(divider("memo.private.divider"));
    blocks.push(section(
        "memo.private.header",
        t(lang, "memo-private-header"),
    ));
    blocks.push(context(
        "memo.private.audience",
        audience(r, &screen.private_audience),
    ));
    blocks.push(
        input(
            inputs::PRIVATE,
            t(lang, "memo-private-label-plain"),
            text_input(inputs::PRIVATE, &screen.private, MEMO_MAX as u64, true),
        )
        .with_optional(true)
        .into(),
    );
    blocks.push(divider("memo.todos.divider"));
    blocks.push(section("memo.todos", t(lang, "memo-todos-header")));
    blocks.push(context(
        "memo.todos.audience",
        message_mrkdwn(
            r,
            &audience_message(&Audience::Shared {
                other: other.clone(),
                recipients: Vec::new(),
            }),
        ),
    ));
    blocks.extend(screen.todos.iter().map(|row| todo_block(r, row)));
    if screen.more_todos > 0 {
        blocks.push(context(
            "memo.todos.more",
            t_with(lang, "home-more", &[("count", screen.more_todos.into())]),
        ));
    }
    let buttons = screen
        .actions
        .iter()
        .map(|a| memo_button(lang, a))
        .collect();
    blocks.extend(actions_block("memo.actions", buttons));
    modal(
        lang,
        "memo-title-plain",
        &Form::Memo(MemoForm::Memo {
            one_on_one: screen.one.id,
        }),
        blocks,
        Some("button-save-plain"),
    )
}

/// A TODO with its Done / Delete menu while open.
fn todo_block(reader: &Reader, row: &TodoRow) -> SlackBlock {
    let mut block = SlackSectionBlock::new()
        .with_block_id(format!("memo.todo.{}", row.todo.id).into())
        .with_text(md!(fit(todo_line(reader, &row.todo), 3000)));
    if !row.actions.is_empty() {
        let items = row
            .actions
            .iter()
            .map(|a| (Action::Memo(a.clone()), label(reader.lang, a, None)))
            .collect();
        block = block.with_accessory(SlackSectionBlockElement::Overflow(overflow(items)));
    }
    block.into()
}

/// Editing one shared entry, with its earlier texts (who wrote each, when).
pub fn entry_modal(screen: &EntryScreen) -> SlackView {
    let r = &screen.reader;
    let lang = r.lang;
    let mut blocks = Vec::new();
    for (i, rev) in screen.revisions.iter().enumerate().rev().take(10) {
        blocks.push(context(
            &format!("entry.revision.{i}"),
            format!(
                "{} · {}: {}",
                mention(&rev.written_by),
                local_time(r, rev.written_at),
                escape(&rev.body)
            ),
        ));
    }
    if !screen.revisions.is_empty() {
        blocks.insert(0, section("entry.history", t(lang, "memo-entry-history")));
    }
    blocks.push(
        input(
            inputs::ENTRY,
            t(lang, "memo-entry-label-plain"),
            text_input(inputs::ENTRY, &screen.entry.body, MEMO_MAX as u64, true),
        )
        .into(),
    );
    modal(
        lang,
        "memo-entry-title-plain",
        &Form::Memo(MemoForm::Entry {
            entry: screen.entry.id,
        }),
        blocks,
        Some("button-save-plain"),
    )
}

/// A new TODO: text, whose it is, and an optional due date.
pub fn todo_modal(screen: &TodoScreen) -> SlackView {
    let lang = screen.reader.lang;
    let me = text_option(t(lang, "todo-owner-me-plain"), "me");
    let other = text_option(
        t_args(
            lang,
            "todo-owner-other-plain",
            &[("name", &screen.other_name)],
        ),
        "other",
    );
    let owner = SlackBlockRadioButtonsElement::new(vec![me.clone(), other])
        .with_action_id(inputs::TODO_OWNER.into())
        .with_initial_option(me);
    let due = SlackBlockDatePickerElement::new().with_action_id(inputs::TODO_DUE.into());
    let blocks = vec![
        input(
            inputs::TODO_TEXT,
            t(lang, "todo-text-label-plain"),
            text_input(inputs::TODO_TEXT, "", TODO_MAX as u64, false),
        )
        .into(),
        input(
            inputs::TODO_OWNER,
            t(lang, "todo-owner-label-plain"),
            owner.into(),
        )
        .into(),
        input(
            inputs::TODO_DUE,
            t(lang, "todo-due-label-plain"),
            due.into(),
        )
        .with_optional(true)
        .into(),
        context("todo.audience", t(lang, "todo-audience")),
    ];
    modal(
        lang,
        "todo-title-plain",
        &Form::Memo(MemoForm::Todo {
            one_on_one: screen.one_on_one,
        }),
        blocks,
        Some("button-save-plain"),
    )
}

/// A page of past 1on1s.
pub fn history_modal(screen: &HistoryScreen) -> SlackView {
    let r = &screen.reader;
    let lang = r.lang;
    let mut blocks = vec![section(
        "history.header",
        match &screen.partner {
            Some(p) => t_args(lang, "history-header-with", &[("other", &mention(p))]),
            None => t(lang, "history-header"),
        },
    )];
    if screen.rows.is_empty() {
        blocks.push(context("history.none", t(lang, "history-none")));
    }
    for row in &screen.rows {
        blocks.extend(history_row(r, row));
    }
    let pages = screen
        .actions
        .iter()
        .map(|a| {
            SlackActionBlockElement::Button(button(
                &Action::Memo(a.clone()),
                &label(lang, a, Some(screen.page)),
            ))
        })
        .collect();
    blocks.extend(actions_block("history.pages", pages));
    modal(
        lang,
        "history-title-plain",
        &Form::Memo(MemoForm::History),
        blocks,
        None,
    )
}

fn history_row(r: &Reader, row: &HistoryRow) -> Vec<SlackBlock> {
    let lang = r.lang;
    let id = row.one.id;
    let mut head = t_args(
        lang,
        "history-row",
        &[
            ("time", &local_time(r, row.one.start)),
            ("theme", &escape(&row.theme)),
            ("other", &mention(&row.other)),
            ("topic", &escape(&topic_label(lang, &row.one.topic()))),
            ("response", &response_label(lang, &row.one.response)),
        ],
    );
    if let Some(held) = row.held {
        head.push_str(&format!(
            " · {}",
            t(
                lang,
                if held {
                    "history-held"
                } else {
                    "history-not-held"
                }
            )
        ));
    }
    let shared = match row.shared.is_empty() {
        true => t(lang, "memo-shared-none"),
        false => row
            .shared
            .iter()
            .map(|e| format!("{}: {}", mention(&e.author), escape(&e.body)))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let private = row
        .private
        .as_deref()
        .map(escape)
        .unwrap_or_else(|| t(lang, "memo-private-none"));
    let todos = match row.todos.is_empty() {
        true => t(lang, "memo-todos-none"),
        false => row
            .todos
            .iter()
            .map(|todo| todo_line(r, todo))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let mut blocks = vec![
        divider(&format!("history.{id}.divider")),
        section(&format!("history.{id}"), head),
        section(
            &format!("history.{id}.shared"),
            format!("{}\n{shared}", t(lang, "memo-shared-header")),
        ),
        section(
            &format!("history.{id}.private"),
            format!("{}\n{private}", t(lang, "memo-private-header")),
        ),
        section(
            &format!("history.{id}.todos"),
            format!("{}\n{todos}", t(lang, "memo-todos-header")),
        ),
    ];
    let buttons = row
        .actions
        .iter()
        .filter_map(|a| match a {
            Action::Memo(m) => Some(memo_button(lang, m)),
            Action::Booking(b) => crate::slack::blocks::booking::booking_button(lang, b),
            _ => None,
        })
        .collect();
    blocks.extend(actions_block(&format!("history.{id}.actions"), buttons));
    blocks
}

/// The memo part of the App Home: open TODOs with Done, and Looking back.
pub fn home_blocks(reader: &Reader, home: &MemoHome) -> Vec<SlackBlock> {
    let lang = reader.lang;
    let mut blocks = vec![
        divider("home.memo.divider"),
        section("home.todos", t(lang, "home-todos-header")),
    ];
    if home.todos.is_empty() {
        blocks.push(context("home.todos.none", t(lang, "memo-todos-none")));
    }
    for row in &home.todos {
        let mut block = SlackSectionBlock::new()
            .with_block_id(format!("home.todo.{}", row.todo.id).into())
            .with_text(md!(fit(todo_line(reader, &row.todo), 3000)));
        if let Some(action) = row.actions.first() {
            block = block.with_accessory(SlackSectionBlockElement::Button(button(
                &Action::Memo(action.clone()),
                &label(lang, action, None),
            )));
        }
        blocks.push(block.into());
    }
    if home.more_todos > 0 {
        blocks.push(context(
            "home.todos.more",
            t_with(lang, "home-more", &[("count", home.more_todos.into())]),
        ));
    }
    let buttons = home.actions.iter().map(|a| memo_button(lang, a)).collect();
    blocks.extend(actions_block("home.memo.actions", buttons));
    blocks
}

/// A one-message memo modal (saved, refused).
pub fn notice(lang: Lang, text: String) -> SlackView {
    modal(
        lang,
        "memo-title-plain",
        &Form::Memo(MemoForm::Notice),
        vec![section("memo.notice", text)],
        None,
    )
}

/// The TODO reminder DM.
pub fn todo_due_message(reader: &Reader, dm: &TodoDueDm) -> SlackMessageContent {
    let head = message_mrkdwn(reader, &dm.head);
    let mut blocks = vec![section(
        "todo-due.head",
        format!("{head}\n> {}", escape(&dm.text)),
    )];
    let buttons = dm
        .actions
        .iter()
        .map(|a| memo_button(reader.lang, a))
        .collect();
    blocks.extend(actions_block("todo-due.actions", buttons));
    SlackMessageContent::new()
        .with_text(fit(format!("{head} {}", dm.text), 3000))
        .with_blocks(blocks)
}
