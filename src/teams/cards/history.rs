//! Looking back (振り返り) as a Teams card: a page of past 1on1s, newest first, each with its
//! shared memo and who reads it, the reader's own private memo, its TODOs and its buttons.

use serde_json::Value;

use super::home::local_time;
use super::kit::{card, escape, fit, md, small, text, Names};
use super::memo::{audience, dialog_button, name, todo_line};
use crate::app::actions::{Action, MemoAction};
use crate::app::screens::HistoryScreen;
use crate::domain::memo::{Audience, Todo};
use crate::domain::UserId;
use crate::i18n::{response_label, t, t_args, t_with, topic_label};

/// A history row shows this much of each memo, its newest entries and first TODOs (the Memo
/// button opens the whole memo); five rows stay under Teams' card limit.
const HISTORY_MEMO_CHARS: usize = 200;
const HISTORY_ENTRIES: usize = 2;
const HISTORY_TODOS: usize = 3;

/// A page of past 1on1s, newest first: each with its shared memo (and who reads it), the
/// reader's own private memo, its TODOs, and the memo button; Newer / Older when there are.
/// `in_dialog` draws the buttons for a dialog (`Action.Submit`), else for a chat card.
pub fn history_card(screen: &HistoryScreen, names: &Names, in_dialog: bool) -> Value {
    let r = &screen.reader;
    let lang = r.lang;
    let button = |title: &str, action: &Action| match in_dialog {
        true => dialog_button(title, action),
        false => super::kit::button(action, title),
    };
    let mut body = vec![text(md(&match &screen.partner {
        Some(p) => t_args(
            lang,
            "history-header-with",
            &[("other", &name(r, names, p))],
        ),
        None => t(lang, "history-header"),
    }))];
    if screen.rows.is_empty() {
        body.push(small(t(lang, "history-none")));
    }
    for row in &screen.rows {
        let mut head = t_args(
            lang,
            "history-row",
            &[
                ("time", &local_time(r, row.one.start)),
                ("theme", &escape(&row.theme)),
                ("other", &name(r, names, &row.other)),
                ("topic", &escape(&topic_label(lang, &row.one.topic()))),
                ("response", &response_label(lang, &row.one.response)),
            ],
        );
        if let Some(held) = row.held {
            let key = if held {
                "history-held"
            } else {
                "history-not-held"
            };
            head.push_str(&format!(" · {}", t(lang, key)));
        }
        body.push(super::kit::separated(text(md(&head))));
        for entry in row.shared.iter().rev().take(HISTORY_ENTRIES).rev() {
            body.push(text(format!(
                "{} · {}\n\n{}",
                name(r, names, &entry.author),
                local_time(r, entry.created_at),
                escape(&fit(entry.body.clone(), HISTORY_MEMO_CHARS))
            )));
        }
        if !row.shared.is_empty() {
            body.push(audience(r, names, &row.shared_audience));
        }
        if let Some(private) = row.private.as_deref().filter(|p| !p.trim().is_empty()) {
            body.push(text(format!(
                "{}\n\n{}",
                md(&t(lang, "memo-private-header")),
                escape(&fit(private.to_string(), HISTORY_MEMO_CHARS))
            )));
            body.push(audience(r, names, &Audience::OnlyYou));
        }
        for todo in row.todos.iter().take(HISTORY_TODOS) {
            let short = Todo {
                text: fit(todo.text.clone(), HISTORY_MEMO_CHARS / 2),
                ..todo.clone()
            };
            body.push(text(todo_line(r, names, &short)));
        }
        let hidden = row.shared.len().saturating_sub(HISTORY_ENTRIES)
            + row.todos.len().saturating_sub(HISTORY_TODOS);
        if hidden > 0 {
            body.push(small(t_with(
                lang,
                "home-more",
                &[("count", hidden.into())],
            )));
        }
        if !row.todos.is_empty() {
            body.push(small(t(lang, "todo-audience")));
        }
        let buttons: Vec<Value> = row
            .actions
            .iter()
            .map(|a| button(&super::labels::label(lang, a), a))
            .collect();
        body.extend(super::kit::action_set(buttons));
    }
    let pages: Vec<Value> = screen
        .actions
        .iter()
        .map(|a| {
            let key = match a {
                MemoAction::History { page, .. } if *page < screen.page => {
                    "button-history-newer-plain"
                }
                _ => "button-history-older-plain",
            };
            button(&t(lang, key), &Action::Memo(a.clone()))
        })
        .collect();
    body.extend(super::kit::action_set(pages));
    card(body, Vec::new())
}

/// Everyone a history page names.
pub fn history_people(screen: &HistoryScreen) -> Vec<UserId> {
    let mut people: Vec<UserId> = screen.partner.iter().cloned().collect();
    for row in &screen.rows {
        people.push(row.one.mentor.clone());
        people.push(row.one.mentee.clone());
        if let Audience::Shared { recipients, .. } = &row.shared_audience {
            people.extend(recipients.iter().cloned());
        }
    }
    people
}
