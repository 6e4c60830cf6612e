//! Memos and TODOs around a 1on1, and looking back on past ones (issue 10 items 1, 2, 4).
//! Every read and write checks here who the actor is (`domain::memo::may_use`), whatever
//! surface or payload it came from: the pair reads and writes the shared memo and the TODOs;
//! a private memo is only ever loaded for its author. Edits are quiet (no DM); a TODO with a
//! due date owes its owner one reminder, an outbox row withdrawn when it is done or deleted.

mod history;

use chrono::{DateTime, Utc};

use super::outbox as queue;
use super::App;
use crate::app::screens::{EntryScreen, MemoScreen, TodoScreen};
use crate::domain::booking::{Owed, Owing};
use crate::domain::memo::{
    may_use, todo_reminder_at, Denied, MemoText, Todo, TodoDraft, TodoField, TodoOwner, MEMO_MAX,
};
use crate::domain::{FieldError, HomeCause, Notice, OneOnOne, OutboxKey, UserId};
use crate::storage::{auto_share, bookings, memos, outbox, themes};

pub use history::HISTORY_PAGE;

#[derive(Debug, thiserror::Error)]
pub enum MemoError {
    #[error("that 1on1, entry or TODO does not exist")]
    NotFound,
    /// Not one of the pair: a third person, an auto-share recipient, an admin.
    #[error("only the two people of the 1on1 can read or write this")]
    Forbidden,
    /// A declined or expired request has no memo.
    #[error("this request never became a 1on1")]
    Closed,
    #[error("the text is not right")]
    Invalid(FieldError),
    /// The private memo's text (the shared entry beside it may be fine).
    #[error("the private memo is not right")]
    InvalidPrivate(FieldError),
    #[error("the TODO is not right")]
    InvalidTodo(Vec<(TodoField, FieldError)>),
    /// `/mentor history @someone` named nobody they had a 1on1 with.
    #[error("no past 1on1 with that person")]
    UnknownPartner,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<Denied> for MemoError {
    fn from(denied: Denied) -> Self {
        match denied {
            Denied::NotInPair => MemoError::Forbidden,
            Denied::Closed => MemoError::Closed,
        }
    }
}

pub type MemoResult<T> = Result<T, MemoError>;

/// The 1on1 `id` if `user` may use its memos and TODOs.
fn pair_one(conn: &crate::storage::Conn, id: i64, user: &UserId) -> MemoResult<OneOnOne> {
    let one = bookings::get_one_on_one(conn, id)?.ok_or(MemoError::NotFound)?;
    may_use(&one, user)?;
    Ok(one)
}

/// The TODO `id` if `user` is one of its pair.
fn pair_todo(conn: &crate::storage::Conn, id: i64, user: &UserId) -> MemoResult<Todo> {
    let todo = memos::get_todo(conn, id)?.ok_or(MemoError::NotFound)?;
    todo.may_use(user)?;
    Ok(todo)
}

/// Refreshes the open Homes of the pair after a TODO changed (not a DM: edits are quiet).
fn refresh_pair(
    conn: &crate::storage::Conn,
    todo: &Todo,
    what: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    for user in [&todo.mentor, &todo.mentee] {
        let cause = HomeCause::Named(format!("todo:{}:{what}", todo.id));
        queue::queue_home_refresh(conn, user, cause, now)?;
    }
    Ok(())
}

impl App {
    /// The memo of 1on1 `id` as `user` reads it: the shared entries, their own private memo,
    /// the TODOs, and who reads each.
    pub async fn memo_screen(
        &self,
        user: &UserId,
        id: i64,
        now: DateTime<Utc>,
    ) -> MemoResult<MemoScreen> {
        let reader = self.reader(&self.profile(user, now).await?);
        let who = user.clone();
        self.db
            .read(move |c| -> MemoResult<_> {
                let one = pair_one(c, id, &who)?;
                let theme = themes::get_theme(c, one.theme_id)?
                    .map(|t| t.name)
                    .unwrap_or_default();
                let recipients =
                    auto_share::recipients_for(c, one.theme_id, &one.mentee, &one.mentor)?;
                let entries = memos::list_entries_of(c, id)?;
                let mut revised = Vec::with_capacity(entries.len());
                for entry in entries {
                    let count = memos::list_revisions(c, entry.id)?.len();
                    revised.push((entry, count));
                }
                let private = memos::get_private_memo(c, id, &who)?;
                let todos = memos::list_todos_of(c, id)?;
                Ok(MemoScreen::decide(
                    reader, one, theme, recipients, revised, private, todos,
                ))
            })
            .await
    }

    /// Saves what `user` typed in the memo form: a new shared entry (when not empty) and
    /// their private memo (empty clears it). Quiet: nobody is told.
    pub async fn save_memo(
        &self,
        user: &UserId,
        id: i64,
        shared: &str,
        private: &str,
        now: DateTime<Utc>,
    ) -> MemoResult<()> {
        let shared = match shared.trim() {
            "" => None,
            text => Some(MemoText::parse(text).map_err(MemoError::Invalid)?),
        };
        let private = private.trim().to_string();
        if private.chars().count() > MEMO_MAX {
            return Err(MemoError::InvalidPrivate(FieldError::TooLong {
                max: MEMO_MAX,
            }));
        }
        let who = user.clone();
        self.db
            .write(move |tx| -> MemoResult<()> {
                let one = pair_one(tx, id, &who)?;
                if let Some(text) = &shared {
                    bookings::insert_memo_entry(tx, &one, &who, text.as_str(), now)?;
                }
                let before = memos::get_private_memo(tx, id, &who)?.unwrap_or_default();
                if before != private {
                    memos::upsert_private_memo(tx, id, &who, &private, now)?;
                }
                Ok(())
            })
            .await
    }

    /// One shared entry with its earlier texts, for editing.
    pub async fn entry_screen(
        &self,
        user: &UserId,
        entry: i64,
        now: DateTime<Utc>,
    ) -> MemoResult<EntryScreen> {
        let reader = self.reader(&self.profile(user, now).await?);
        let who = user.clone();
        self.db
            .read(move |c| -> MemoResult<_> {
                let found = memos::get_entry(c, entry)?.ok_or(MemoError::NotFound)?;
                let one = found.one_on_one_id.ok_or(MemoError::NotFound)?;
                pair_one(c, one, &who)?;
                let revisions = memos::list_revisions(c, entry)?;
                Ok(EntryScreen {
                    reader,
                    entry: found,
                    revisions,
                })
            })
            .await
    }

    /// Replaces a shared entry's text (either of the pair may); the earlier text is kept.
    pub async fn edit_entry(
        &self,
        user: &UserId,
        entry: i64,
        text: &str,
        now: DateTime<Utc>,
    ) -> MemoResult<()> {
        let text = MemoText::parse(text).map_err(MemoError::Invalid)?;
        let who = user.clone();
        self.db
            .write(move |tx| -> MemoResult<()> {
                let found = memos::get_entry(tx, entry)?.ok_or(MemoError::NotFound)?;
                let one = found.one_on_one_id.ok_or(MemoError::NotFound)?;
                pair_one(tx, one, &who)?;
                if found.body != text.as_str() {
                    memos::update_entry(tx, &found, &who, text.as_str(), now)?;
                }
                Ok(())
            })
            .await
    }

    /// What the TODO form offers: whose it can be, and the adder's local day (no due date
    /// before it).
    pub async fn todo_screen(
        &self,
        user: &UserId,
        id: i64,
        now: DateTime<Utc>,
    ) -> MemoResult<TodoScreen> {
        let reader = self.reader(&self.profile(user, now).await?);
        let who = user.clone();
        let one = self.db.read(move |c| pair_one(c, id, &who)).await?;
        let other = one.other_than(user).clone();
        let other_name = self.profile(&other, now).await?.display_name;
        Ok(TodoScreen {
            today: now.with_timezone(&reader.tz).date_naive(),
            reader,
            one_on_one: id,
            other,
            other_name,
        })
    }

    /// Adds a TODO; one with a due date owes its owner a reminder on that day.
    pub async fn add_todo(
        &self,
        user: &UserId,
        id: i64,
        draft: TodoDraft,
        now: DateTime<Utc>,
    ) -> MemoResult<i64> {
        let one = {
            let who = user.clone();
            self.db.read(move |c| pair_one(c, id, &who)).await?
        };
        let owner = match draft.owner {
            TodoOwner::Me => user.clone(),
            TodoOwner::Other => one.other_than(user).clone(),
        };
        let tz = self.reader(&self.profile(&owner, now).await?).tz;
        // The form checked the adder's day; the owner's day decides (their zone may be ahead).
        if draft
            .due
            .is_some_and(|d| d < now.with_timezone(&tz).date_naive())
        {
            return Err(MemoError::InvalidTodo(vec![(
                TodoField::Due,
                FieldError::Empty,
            )]));
        }
        let who = user.clone();
        let added = self
            .db
            .write(move |tx| -> MemoResult<i64> {
                let one = pair_one(tx, id, &who)?;
                let todo_id = memos::insert_todo(
                    tx,
                    id,
                    &one.mentor,
                    &one.mentee,
                    &owner,
                    &draft.text,
                    draft.due,
                    &who,
                    now,
                )?;
                // A reminder whose hour has passed (due today, added after 09:00) is not sent:
                // adding a TODO tells nobody, and the owner's Home lists it.
                let remind_at = draft.due.map(|due| (due, todo_reminder_at(due, tz)));
                if let Some((due, remind_at)) = remind_at.filter(|(_, at)| *at > now) {
                    let owed = Owed {
                        key: OutboxKey::TodoDue {
                            one_on_one: id,
                            todo: todo_id,
                        },
                        to: owner.clone(),
                        what: Owing::Dm(Notice::TodoDue {
                            todo_id,
                            one_on_one_id: id,
                            text: draft.text.clone(),
                            due,
                            other: one.other_than(&owner).clone(),
                        }),
                        due_at: remind_at,
                        expires_at: None,
                    };
                    queue::queue(tx, &owed, now)?;
                }
                let todo = memos::get_todo(tx, todo_id)?.ok_or(MemoError::NotFound)?;
                refresh_pair(tx, &todo, "added", now)?;
                Ok(todo_id)
            })
            .await?;
        self.wake_delivery();
        Ok(added)
    }

    /// Marks a TODO done (either of the pair) and withdraws its reminder; `false` when it
    /// already was.
    pub async fn complete_todo(
        &self,
        user: &UserId,
        todo: i64,
        now: DateTime<Utc>,
    ) -> MemoResult<bool> {
        let who = user.clone();
        let done = self
            .db
            .write(move |tx| -> MemoResult<bool> {
                let found = pair_todo(tx, todo, &who)?;
                if !memos::update_todo_done(tx, todo, &who, now)? {
                    return Ok(false);
                }
                let key = OutboxKey::TodoDue {
                    one_on_one: found.one_on_one_id,
                    todo,
                }
                .to_string();
                outbox::update_cancel_pending_key(tx, &key, now)?;
                refresh_pair(tx, &found, "done", now)?;
                Ok(true)
            })
            .await?;
        self.wake_delivery();
        Ok(done)
    }

    /// Deletes a TODO (either of the pair) and withdraws its reminder.
    pub async fn delete_todo(
        &self,
        user: &UserId,
        todo: i64,
        now: DateTime<Utc>,
    ) -> MemoResult<()> {
        let who = user.clone();
        self.db
            .write(move |tx| -> MemoResult<()> {
                let found = pair_todo(tx, todo, &who)?;
                if memos::update_todo_deleted(tx, todo, now)? {
                    let key = OutboxKey::TodoDue {
                        one_on_one: found.one_on_one_id,
                        todo,
                    }
                    .to_string();
                    outbox::update_cancel_pending_key(tx, &key, now)?;
                    refresh_pair(tx, &found, "deleted", now)?;
                }
                Ok(())
            })
            .await?;
        self.wake_delivery();
        Ok(())
    }

    /// The open TODOs `user` owns, for their Home: at most `limit`, and how many more.
    pub async fn open_todos(
        &self,
        user: &UserId,
        limit: usize,
    ) -> anyhow::Result<(Vec<Todo>, usize)> {
        let who = user.clone();
        self.db
            .read(move |c| -> anyhow::Result<_> {
                let todos = memos::list_open_todos_of_owner(c, &who, limit)?;
                let total = memos::count_open_todos_of_owner(c, &who)?;
                Ok((todos.clone(), total.saturating_sub(todos.len())))
            })
            .await
    }
}

/// What a person reads for each wrong field of the TODO form.
pub fn todo_field_messages(
    errors: &[(TodoField, FieldError)],
) -> Vec<(TodoField, crate::app::errors::Message)> {
    use crate::app::errors::{Message, UserError};
    errors
        .iter()
        .map(|(field, e)| {
            let message = match field {
                TodoField::Due => Message::new("todo-due-past"),
                TodoField::Text | TodoField::Owner => e.message(),
            };
            (*field, message)
        })
        .collect()
}

impl crate::app::errors::UserError for MemoError {
    fn message(&self) -> crate::app::errors::Message {
        use crate::app::errors::Message;
        match self {
            MemoError::NotFound => Message::new("memo-not-found"),
            MemoError::Forbidden => Message::new("memo-forbidden"),
            MemoError::Closed => Message::new("memo-closed"),
            MemoError::Invalid(e) | MemoError::InvalidPrivate(e) => e.message(),
            MemoError::InvalidTodo(errors) => todo_field_messages(errors)
                .into_iter()
                .map(|(_, m)| m)
                .next()
                .unwrap_or_else(|| Message::new("error-generic")),
            MemoError::UnknownPartner => Message::new("history-unknown-partner"),
            MemoError::Internal(_) => Message::new("error-generic"),
        }
    }
}
