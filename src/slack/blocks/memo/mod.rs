//! Block Kit for memos, TODOs and looking back: the memo modal (shared entries, the reader's
//! private memo, TODOs, and who reads each), editing an entry, a new TODO (`modals.rs`), the
//! history (`history.rs`), the TODO reminder DM, and the memo part of the App Home.

use slack_morphism::prelude::*;

use crate::app::actions::{Action, Form, MemoAction, MemoForm};
use crate::app::screens::{audience_message, MemoHome, TodoDueDm};
use crate::domain::memo::{Audience, MemoEntry, Todo};
use crate::domain::{Lang, Reader};
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::kit::modal;
use crate::slack::blocks::render::{
    button, context, divider, escape, fit, local_time, mention, message_mrkdwn, section,
};

mod history;
mod modals;

pub use history::history_modal;
pub use modals::{entry_modal, memo_modal, todo_modal};

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
pub(super) fn label(lang: Lang, action: &MemoAction, page: Option<usize>) -> String {
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

pub(super) fn actions_block(
    block_id: &str,
    elements: Vec<SlackActionBlockElement>,
) -> Option<SlackBlock> {
    (!elements.is_empty()).then(|| {
        SlackActionsBlock::new(elements)
            .with_block_id(block_id.into())
            .into()
    })
}

/// Who reads a memo, with the auto-share recipients named after the catalog text.
pub(crate) fn audience(reader: &Reader, who: &Audience) -> String {
    let mut text = message_mrkdwn(reader, &audience_message(who));
    if let Audience::Shared { recipients, .. } = who {
        if !recipients.is_empty() {
            let names: Vec<String> = recipients.iter().map(mention).collect();
            text.push(' ');
            text.push_str(&names.join(&t(reader.lang, "list-separator-plain")));
        }
    }
    text
}

pub(super) fn entry_line(reader: &Reader, entry: &MemoEntry) -> String {
    format!(
        "{} · {}\n{}",
        mention(&entry.author),
        local_time(reader, entry.created_at),
        escape(&entry.body)
    )
}

pub(super) fn todo_line(reader: &Reader, todo: &Todo) -> String {
    let mark = if todo.done { "☑" } else { "☐" };
    let mut line = format!("{mark} {} — {}", escape(&todo.text), mention(&todo.owner));
    if let Some(due) = todo.due {
        line.push_str(&format!(
            " · {}",
            t_args(
                reader.lang,
                "todo-due-on",
                &[("date", &local_date(reader.lang, due))]
            )
        ));
    }
    line
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

/// A day as a reader of `lang` writes it (no time: a due date is a day in the owner's zone).
pub(super) fn local_date(lang: Lang, day: chrono::NaiveDate) -> String {
    crate::i18n::format_date(lang, day)
}

/// The TODO reminder DM.
pub fn todo_due_message(reader: &Reader, dm: &TodoDueDm) -> SlackMessageContent {
    let head = message_mrkdwn(reader, &dm.head);
    let mut blocks = vec![section(
        "todo-due.head",
        format!(
            "{head}\n> {}\n{}",
            escape(&dm.text),
            t_args(
                reader.lang,
                "todo-due-on",
                &[("date", &local_date(reader.lang, dm.due))]
            )
        ),
    )];
    let buttons = dm
        .actions
        .iter()
        .map(|a| memo_button(reader.lang, a))
        .collect();
    blocks.extend(actions_block("todo-due.actions", buttons));
    SlackMessageContent::new()
        .with_text(fit(format!("{head} {}", escape(&dm.text)), 3000))
        .with_blocks(blocks)
}
