//! Memos and TODOs as Teams dialogs: the memo of a 1on1 (shared entries with who wrote them
//! and when, the reader's own private memo, the TODOs with their owners, and inputs to add an
//! entry, edit the private memo and add a TODO), and editing one entry. Every memo part says
//! who can read it. Buttons inside a dialog are `Action.Submit`s carrying their typed action
//! (Teams sends them as `task/submit`).

use serde_json::{json, Value};

use super::home::local_time;
use super::kit::{
    action_data, bold, card, choice_set, error_texts, escape, fit, md, message_md, small, submit,
    text, text_input, with_errors, Names,
};
use crate::app::actions::{Action, Form, MemoForm};
use crate::app::errors::Message;
use crate::app::screens::{audience_message, EntryScreen, MemoScreen, TodoScreen};
use crate::domain::memo::{Audience, Todo, MEMO_MAX, TODO_MAX};
use crate::domain::{Reader, UserId};
use crate::i18n::{format_date, t, t_args, t_with};

/// The ids of the memo dialogs' inputs.
pub mod memo_inputs {
    pub const ADD: &str = "memo_add";
    pub const PRIVATE: &str = "memo_private";
    pub const ENTRY: &str = "memo_entry";
    pub const TODO_TEXT: &str = "todo_text";
    pub const TODO_OWNER: &str = "todo_owner";
    pub const TODO_DUE: &str = "todo_due";
}
use memo_inputs as inputs;

/// At most this many shared entries in the memo dialog, newest first, within
/// [`ENTRIES_BUDGET`] bytes of text, each cut at [`ENTRY_SHOWN_CHARS`] (Edit shows it whole);
/// with the private memo (up to `MEMO_MAX`) and the TODOs the card stays under Teams' limit.
const ENTRIES_SHOWN: usize = 10;
const ENTRIES_BUDGET: usize = 5_000;
const ENTRY_SHOWN_CHARS: usize = 600;
/// At most this many TODOs in the memo dialog (the Home lists every open one).
const TODOS_SHOWN: usize = 10;
/// Earlier versions of an entry show this much each.
const REVISION_CHARS: usize = 200;

/// A button inside a dialog: an `Action.Submit` carrying `action`.
pub fn dialog_button(title: &str, action: &Action) -> Value {
    json!({"type": "Action.Submit", "title": fit(title.to_string(), 80), "data": action_data(action)})
}

pub(super) fn name(reader: &Reader, names: &Names, user: &UserId) -> String {
    bold(&super::kit::name_of(reader.lang, names, user))
}

/// Who reads a memo, the auto-share recipients by name.
pub(super) fn audience(reader: &Reader, names: &Names, who: &Audience) -> Value {
    let mut line = message_md(reader, names, &audience_message(who));
    if let Audience::Shared { recipients, .. } = who {
        if !recipients.is_empty() {
            let list: Vec<String> = recipients.iter().map(|u| name(reader, names, u)).collect();
            line.push(' ');
            line.push_str(&list.join(&t(reader.lang, "list-separator-plain")));
        }
    }
    small(line)
}

/// A TODO: its text, whose it is, when it is due.
pub fn todo_line(reader: &Reader, names: &Names, todo: &Todo) -> String {
    let mark = if todo.done { "☑" } else { "☐" };
    let mut line = format!(
        "{mark} {} — {}",
        escape(&todo.text),
        name(reader, names, &todo.owner)
    );
    if let Some(due) = todo.due {
        let date = format_date(reader.lang, due);
        line.push_str(&format!(
            " · {}",
            t_args(reader.lang, "todo-due-on", &[("date", &date)])
        ));
    }
    line
}

/// The memo of a 1on1 as `MemoScreen` decided it, with the new-TODO inputs of `todo`.
pub fn memo_dialog(
    screen: &MemoScreen,
    todo: &TodoScreen,
    names: &Names,
    errors: &[(&str, Message)],
) -> Value {
    let r = &screen.reader;
    let lang = r.lang;
    let other = screen.one.other_than(&r.user);
    let errors = error_texts(r, errors);
    let mut body = vec![text(md(&t_args(
        lang,
        "memo-about",
        &[
            ("time", &local_time(r, screen.one.start)),
            ("theme", &escape(&screen.theme)),
            ("other", &name(r, names, other)),
        ],
    )))];
    body.push(text(md(&t(lang, "memo-shared-header"))));
    body.push(audience(r, names, &screen.shared_audience));
    // The newest entries that fit the card (Teams caps a card's size); the rest are counted.
    let mut budget = ENTRIES_BUDGET;
    let shown = screen
        .entries
        .iter()
        .rev()
        .take(ENTRIES_SHOWN)
        .take_while(|row| {
            let size = row.entry.body.len().min(ENTRY_SHOWN_CHARS * 4);
            let fits = size <= budget;
            budget = budget.saturating_sub(size);
            fits
        })
        .count();
    let older = screen.older_entries + screen.entries.len() - shown;
    if older > 0 {
        body.push(small(t_with(
            lang,
            "memo-older",
            &[("count", older.into())],
        )));
    }
    for row in &screen.entries[screen.entries.len() - shown..] {
        let entry = &row.entry;
        let mut line = format!(
            "{} · {}\n\n{}",
            name(r, names, &entry.author),
            local_time(r, entry.created_at),
            escape(&fit(entry.body.clone(), ENTRY_SHOWN_CHARS))
        );
        if let Some((by, at)) = &entry.edited {
            let by = name(r, names, by);
            let at = local_time(r, *at);
            line.push_str("\n\n");
            line.push_str(&md(&t_with(
                lang,
                "memo-edited",
                &[
                    ("by", by.as_str().into()),
                    ("time", at.as_str().into()),
                    ("count", row.revisions.into()),
                ],
            )));
        }
        body.push(super::kit::separated(text(line)));
        let buttons: Vec<Value> = row
            .actions
            .iter()
            .map(|a| dialog_button(&t(lang, "button-memo-edit-plain"), &Action::Memo(a.clone())))
            .collect();
        body.extend(super::kit::action_set(buttons));
    }
    if screen.entries.is_empty() {
        body.push(small(t(lang, "memo-shared-none")));
    }
    let shared = text_input(
        inputs::ADD,
        t(lang, "memo-add-label-plain"),
        "",
        MEMO_MAX,
        true,
    );
    body.extend(with_errors(vec![shared], &errors));
    body.push(super::kit::separated(text(md(&t(
        lang,
        "memo-private-header",
    )))));
    body.push(audience(r, names, &screen.private_audience));
    let private = text_input(
        inputs::PRIVATE,
        t(lang, "memo-private-label-plain"),
        &screen.private,
        MEMO_MAX,
        true,
    );
    body.extend(with_errors(vec![private], &errors));
    body.push(super::kit::separated(text(md(&t(
        lang,
        "memo-todos-header",
    )))));
    body.push(small(t(lang, "todo-audience")));
    let todos_shown = screen.todos.len().min(TODOS_SHOWN);
    for row in &screen.todos[..todos_shown] {
        body.push(text(todo_line(r, names, &row.todo)));
        let buttons: Vec<Value> = row
            .actions
            .iter()
            .map(|a| {
                dialog_button(
                    &super::labels::label(lang, &Action::Memo(a.clone())),
                    &Action::Memo(a.clone()),
                )
            })
            .collect();
        body.extend(super::kit::action_set(buttons));
    }
    if screen.todos.is_empty() {
        body.push(small(t(lang, "memo-todos-none")));
    }
    let more_todos = screen.more_todos + screen.todos.len() - todos_shown;
    if more_todos > 0 {
        body.push(small(t_with(
            lang,
            "home-more",
            &[("count", more_todos.into())],
        )));
    }
    body.push(text(md(&t(lang, "teams-more-todo-add"))));
    body.extend(with_errors(todo_fields(todo), &errors));
    card(
        body,
        vec![submit(
            &t(lang, "button-save-plain"),
            &Form::Memo(MemoForm::Memo {
                one_on_one: screen.one.id,
            }),
        )],
    )
}

/// A new TODO's inputs: what, whose (mine or the other's), due (optional).
fn todo_fields(screen: &TodoScreen) -> Vec<Value> {
    let lang = screen.reader.lang;
    let owners = [
        (t(lang, "todo-owner-me-plain"), "me".to_string()),
        (
            t_args(
                lang,
                "todo-owner-other-plain",
                &[("name", &screen.other_name)],
            ),
            "other".to_string(),
        ),
    ];
    let mut owner = choice_set(
        inputs::TODO_OWNER,
        t(lang, "todo-owner-label-plain"),
        &owners,
        Some("me"),
    );
    owner["style"] = json!("expanded");
    vec![
        text_input(
            inputs::TODO_TEXT,
            t(lang, "todo-text-label-plain"),
            "",
            TODO_MAX,
            false,
        ),
        owner,
        json!({
            "type": "Input.Date",
            "id": inputs::TODO_DUE,
            "label": t(lang, "todo-due-label-plain"),
            "min": screen.today.format("%Y-%m-%d").to_string(),
        }),
    ]
}

/// Editing one shared entry, with its earlier texts (who wrote each, when).
pub fn entry_dialog(screen: &EntryScreen, names: &Names, errors: &[(&str, Message)]) -> Value {
    let r = &screen.reader;
    let lang = r.lang;
    let mut body = Vec::new();
    if !screen.revisions.is_empty() {
        body.push(text(md(&t(lang, "memo-entry-history"))));
    }
    // The newest earlier texts, each cut short (the card has a size limit).
    for rev in screen.revisions.iter().rev().take(5) {
        body.push(small(format!(
            "{} · {}: {}",
            name(r, names, &rev.written_by),
            local_time(r, rev.written_at),
            escape(&fit(rev.body.clone(), REVISION_CHARS))
        )));
    }
    let entry = text_input(
        inputs::ENTRY,
        t(lang, "memo-entry-label-plain"),
        &screen.entry.body,
        MEMO_MAX,
        true,
    );
    body.extend(with_errors(vec![entry], &error_texts(r, errors)));
    card(
        body,
        vec![submit(
            &t(lang, "button-save-plain"),
            &Form::Memo(MemoForm::Entry {
                entry: screen.entry.id,
            }),
        )],
    )
}

/// Everyone a memo dialog names.
pub fn memo_people(screen: &MemoScreen) -> Vec<UserId> {
    let mut people = vec![screen.one.mentor.clone(), screen.one.mentee.clone()];
    people.extend(screen.entries.iter().map(|e| e.entry.author.clone()));
    people.extend(
        screen
            .entries
            .iter()
            .filter_map(|e| e.entry.edited.as_ref().map(|(by, _)| by.clone())),
    );
    if let Audience::Shared { recipients, .. } = &screen.shared_audience {
        people.extend(recipients.iter().cloned());
    }
    people
}
