//! Memos, TODOs and looking back in Teams: the Memo buttons (DMs, the Home, the history) open
//! the memo dialog; its submit adds a shared entry, saves the private memo and adds a TODO;
//! Done / Delete on a card or in the dialog; `history [name]` (振り返り) posts a page of past
//! 1on1s. Who may read or write what is decided by `app::memo`: a refusal is shown and
//! nothing changes.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::actions::{dialog, dialog_message, text};
use super::{Reply, Sender, TeamsState};
use crate::app::actions::{MemoAction, MemoForm};
use crate::app::errors::{Message, UserError};
use crate::app::memo::{todo_field_messages, MemoError};
use crate::domain::memo::{TodoDraft, TodoField};
use crate::i18n::t;
use crate::teams::cards::{self, memo_inputs as inputs};

/// A refusal as a message; an internal error stays an error.
fn refusal(e: MemoError) -> anyhow::Result<Message> {
    match e {
        MemoError::Internal(e) => Err(e),
        e => Ok(e.message()),
    }
}

fn closed(sender: &Sender, e: MemoError) -> anyhow::Result<Reply> {
    Ok(dialog_message(text(sender, &refusal(e)?)))
}

/// Done / Delete pressed on a card (a DM, the Home): what happened, as the card's answer.
pub(super) async fn press(
    state: &TeamsState,
    sender: &Sender,
    action: &MemoAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Value>> {
    let app = &state.app;
    let result = match *action {
        MemoAction::TodoDone { todo } => app
            .complete_todo(&sender.user, todo, now)
            .await
            .map(|_| "todo-done-saved"),
        MemoAction::TodoDelete { todo } => app
            .delete_todo(&sender.user, todo, now)
            .await
            .map(|_| "todo-deleted"),
        _ => return Ok(None),
    };
    let message = match result {
        Ok(key) => Message::new(key),
        Err(e) => refusal(e)?,
    };
    Ok(Some(cards::notice(&message, &sender.reader)))
}

/// The dialog a memo button opens (or a button pressed inside the memo or history dialog).
pub(super) async fn fetch(
    state: &TeamsState,
    sender: &Sender,
    action: &MemoAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let user = &sender.user;
    match action {
        &MemoAction::Open { one_on_one } | &MemoAction::AddTodo { one_on_one } => {
            memo_dialog(state, sender, one_on_one, &[], now).await
        }
        &MemoAction::EditEntry { entry } => entry_dialog(state, sender, entry, &[], now).await,
        &MemoAction::TodoDone { todo } | &MemoAction::TodoDelete { todo } => {
            // Pressed in the memo dialog: done, and the memo drawn again.
            let found = app
                .db
                .read(move |c| crate::storage::memos::get_todo(c, todo))
                .await?;
            let done = match action {
                MemoAction::TodoDone { .. } => app.complete_todo(user, todo, now).await.map(|_| ()),
                _ => app.delete_todo(user, todo, now).await,
            };
            match (done, found) {
                (Ok(()), Some(found)) => {
                    memo_dialog(state, sender, found.one_on_one_id, &[], now).await
                }
                (Ok(()), None) => closed(sender, MemoError::NotFound),
                (Err(e), _) => closed(sender, e),
            }
        }
        MemoAction::History { partner, page } => {
            match app.history_screen(user, partner.clone(), *page, now).await {
                Ok(screen) => {
                    let names = app.display_names(cards::history_people(&screen)).await?;
                    Ok(dialog(
                        &t(sender.reader.lang, "history-title-plain"),
                        cards::history_card(&screen, &names, true),
                    ))
                }
                Err(e) => closed(sender, e),
            }
        }
    }
}

async fn memo_dialog(
    state: &TeamsState,
    sender: &Sender,
    one_on_one: i64,
    errors: &[(&str, Message)],
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let screen = match app.memo_screen(&sender.user, one_on_one, now).await {
        Ok(screen) => screen,
        Err(e) => return closed(sender, e),
    };
    let todo = match app.todo_screen(&sender.user, one_on_one, now).await {
        Ok(todo) => todo,
        Err(e) => return closed(sender, e),
    };
    let mut people = cards::memo_people(&screen);
    people.extend(screen.todos.iter().map(|row| row.todo.owner.clone()));
    let names = app.display_names(people).await?;
    Ok(dialog(
        &t(sender.reader.lang, "memo-title-plain"),
        cards::memo_dialog(&screen, &todo, &names, errors),
    ))
}

async fn entry_dialog(
    state: &TeamsState,
    sender: &Sender,
    entry: i64,
    errors: &[(&str, Message)],
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    match app.entry_screen(&sender.user, entry, now).await {
        Ok(screen) => {
            let mut people = vec![screen.entry.author.clone()];
            people.extend(screen.revisions.iter().map(|r| r.written_by.clone()));
            let names = app.display_names(people).await?;
            Ok(dialog(
                &t(sender.reader.lang, "memo-entry-title-plain"),
                cards::entry_dialog(&screen, &names, errors),
            ))
        }
        Err(e) => closed(sender, e),
    }
}

fn input(data: &Value, id: &str) -> String {
    data.get(id)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The memo or entry dialog submitted.
pub(super) async fn submit(
    state: &TeamsState,
    sender: &Sender,
    form: MemoForm,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let (user, lang) = (&sender.user, sender.reader.lang);
    match form {
        MemoForm::Memo { one_on_one } => {
            let todo_text = input(data, inputs::TODO_TEXT);
            // A TODO is added only when its text is written; checked before anything is saved.
            let todo = if todo_text.trim().is_empty() {
                None
            } else {
                let screen = match app.todo_screen(user, one_on_one, now).await {
                    Ok(screen) => screen,
                    Err(e) => return closed(sender, e),
                };
                let due = input(data, inputs::TODO_DUE);
                let due = chrono::NaiveDate::parse_from_str(due.trim(), "%Y-%m-%d").ok();
                let owner = input(data, inputs::TODO_OWNER);
                let owner = Some(owner.as_str()).filter(|o| !o.is_empty());
                match TodoDraft::parse(&todo_text, owner, due, screen.today) {
                    Ok(draft) => Some(draft),
                    Err(errors) => {
                        let errors: Vec<(&str, Message)> = todo_field_messages(&errors)
                            .into_iter()
                            .map(|(field, message)| {
                                let id = match field {
                                    TodoField::Text => inputs::TODO_TEXT,
                                    TodoField::Owner => inputs::TODO_OWNER,
                                    TodoField::Due => inputs::TODO_DUE,
                                };
                                (id, message)
                            })
                            .collect();
                        return memo_dialog(state, sender, one_on_one, &errors, now).await;
                    }
                }
            };
            let shared = input(data, inputs::ADD);
            let private = input(data, inputs::PRIVATE);
            match app
                .save_memo(user, one_on_one, &shared, &private, now)
                .await
            {
                Ok(()) => {}
                Err(MemoError::Invalid(e)) => {
                    let errors = [(inputs::ADD, e.message())];
                    return memo_dialog(state, sender, one_on_one, &errors, now).await;
                }
                Err(MemoError::InvalidPrivate(e)) => {
                    let errors = [(inputs::PRIVATE, e.message())];
                    return memo_dialog(state, sender, one_on_one, &errors, now).await;
                }
                Err(e) => return closed(sender, e),
            }
            let key = match todo {
                Some(draft) => match app.add_todo(user, one_on_one, draft, now).await {
                    Ok(_) => "teams-more-memo-todo-saved",
                    Err(e) => return closed(sender, e),
                },
                None => "memo-saved",
            };
            Ok(dialog_message(t(lang, key)))
        }
        MemoForm::Entry { entry } => {
            match app
                .edit_entry(user, entry, &input(data, inputs::ENTRY), now)
                .await
            {
                Ok(()) => Ok(dialog_message(t(lang, "memo-saved"))),
                Err(MemoError::Invalid(e)) => {
                    let errors = [(inputs::ENTRY, e.message())];
                    entry_dialog(state, sender, entry, &errors, now).await
                }
                Err(e) => closed(sender, e),
            }
        }
        // Read-only dialogs: nothing to save.
        MemoForm::Todo { one_on_one } => memo_dialog(state, sender, one_on_one, &[], now).await,
        MemoForm::History | MemoForm::Notice => Ok(Reply::Empty),
    }
}

/// `history [name]` (振り返り) typed in the chat: the newest page of past 1on1s as a card.
pub(super) async fn history(
    state: &TeamsState,
    sender: &Sender,
    args: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    let app = &state.app;
    let reader = &sender.reader;
    let partner = match app.history_partner(&sender.user, args, now).await {
        Ok(partner) => partner,
        Err(MemoError::UnknownPartner) => {
            return Ok(cards::notice(
                &Message::new("teams-more-history-unknown"),
                reader,
            ))
        }
        Err(e) => return Ok(cards::notice(&refusal(e)?, reader)),
    };
    match app.history_screen(&sender.user, partner, 0, now).await {
        Ok(screen) => {
            let names = app.display_names(cards::history_people(&screen)).await?;
            Ok(cards::history_card(&screen, &names, false))
        }
        Err(e) => Ok(cards::notice(&refusal(e)?, reader)),
    }
}
