//! The memo modal of a 1on1, editing a shared entry, and the new-TODO form.

use slack_morphism::prelude::*;

use super::{actions_block, audience, entry_line, inputs, label, memo_button, todo_line};
use crate::app::actions::{Action, Form, MemoForm};
use crate::app::screens::{audience_message, EntryScreen, MemoScreen, TodoRow, TodoScreen};
use crate::domain::memo::{Audience, MEMO_MAX, TODO_MAX};
use crate::domain::Reader;
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::kit::{input, modal, overflow, text_input, text_option};
use crate::slack::blocks::render::{
    button, context, divider, escape, fit, local_time, mention, message_mrkdwn, section,
};

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
