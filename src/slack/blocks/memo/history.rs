//! The history (振り返り): a page of past 1on1s with their memos and TODOs.

use slack_morphism::prelude::*;

use super::{actions_block, audience, label, memo_button, todo_line};
use crate::app::actions::{Action, Form, MemoForm};
use crate::app::screens::{HistoryRow, HistoryScreen};
use crate::domain::memo::Audience;
use crate::domain::Reader;
use crate::i18n::{response_label, t, t_args, topic_label};
use crate::slack::blocks::kit::modal;
use crate::slack::blocks::render::{
    button, context, divider, escape, local_time, mention, newest_lines, section,
};

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
    let shared: Vec<String> = match row.shared.is_empty() {
        true => vec![t(lang, "memo-shared-none")],
        false => row
            .shared
            .iter()
            .map(|e| format!("{}: {}", mention(&e.author), escape(&e.body)))
            .collect(),
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
            newest_lines(
                &format!(
                    "{} {}",
                    t(lang, "memo-shared-header"),
                    audience(r, &row.shared_audience)
                ),
                &shared,
            ),
        ),
        section(
            &format!("history.{id}.private"),
            format!(
                "{} {}\n{private}",
                t(lang, "memo-private-header"),
                audience(r, &Audience::OnlyYou)
            ),
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
