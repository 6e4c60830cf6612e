//! Memo, TODO and looking-back screens: what each lists, who reads it, and which actions each
//! row offers, decided once for every channel.

use chrono::NaiveDate;

use crate::app::actions::{Action, BookingAction, MemoAction};
use crate::app::errors::{Message, MessageArg};
use crate::domain::memo::{Audience, MemoEntry, MemoRevision, Todo};
use crate::domain::{Notice, OneOnOne, Reader, UserId};

/// How many shared entries and TODOs the memo modal lists (the newest entries; Slack holds
/// 100 blocks in a modal).
pub const MEMO_ENTRIES_SHOWN: usize = 40;
pub const MEMO_TODOS_SHOWN: usize = 20;
/// Open TODOs on the Home.
pub const HOME_TODOS_SHOWN: usize = 5;

/// The memo of one 1on1 as one of its pair reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoScreen {
    pub reader: Reader,
    pub one: OneOnOne,
    pub theme: String,
    /// Who reads the shared memo: the pair, plus any auto-share recipients.
    pub shared_audience: Audience,
    /// The latest [`MEMO_ENTRIES_SHOWN`] entries, oldest first, each with Edit.
    pub entries: Vec<EntryRow>,
    pub older_entries: usize,
    /// The reader's own private memo (nobody else's is ever loaded).
    pub private: String,
    pub private_audience: Audience,
    pub todos: Vec<TodoRow>,
    pub more_todos: usize,
    /// Add a TODO.
    pub actions: Vec<MemoAction>,
}

/// A shared entry, how many earlier texts it has, and what the reader may do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRow {
    pub entry: MemoEntry,
    pub revisions: usize,
    pub actions: Vec<MemoAction>,
}

/// A TODO and its buttons (Done and Delete while open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodoRow {
    pub todo: Todo,
    pub actions: Vec<MemoAction>,
}

impl TodoRow {
    pub fn decide(todo: Todo) -> Self {
        let actions = match todo.done {
            true => Vec::new(),
            false => vec![
                MemoAction::TodoDone { todo: todo.id },
                MemoAction::TodoDelete { todo: todo.id },
            ],
        };
        Self { todo, actions }
    }
}

impl MemoScreen {
    pub fn decide(
        reader: Reader,
        one: OneOnOne,
        theme: String,
        recipients: Vec<UserId>,
        entries: Vec<(MemoEntry, usize)>,
        private: Option<String>,
        todos: Vec<Todo>,
    ) -> Self {
        let older_entries = entries.len().saturating_sub(MEMO_ENTRIES_SHOWN);
        let entries = entries
            .into_iter()
            .skip(older_entries)
            .map(|(entry, revisions)| EntryRow {
                actions: vec![MemoAction::EditEntry { entry: entry.id }],
                entry,
                revisions,
            })
            .collect();
        let more_todos = todos.len().saturating_sub(MEMO_TODOS_SHOWN);
        let todos = todos
            .into_iter()
            .take(MEMO_TODOS_SHOWN)
            .map(TodoRow::decide)
            .collect();
        Self {
            shared_audience: Audience::Shared {
                other: one.other_than(&reader.user).clone(),
                recipients,
            },
            actions: vec![MemoAction::AddTodo { one_on_one: one.id }],
            reader,
            one,
            theme,
            entries,
            older_entries,
            private: private.unwrap_or_default(),
            private_audience: Audience::OnlyYou,
            todos,
            more_todos,
        }
    }
}

/// Who reads a memo, as a catalog message: "you and <other>", "+ <recipients>", "you only".
pub fn audience_message(audience: &Audience) -> Message {
    match audience {
        Audience::Shared { other, recipients } if recipients.is_empty() => {
            Message::new("memo-audience-pair").with("other", MessageArg::User(other.clone()))
        }
        Audience::Shared { other, recipients } => Message::new("memo-audience-shared")
            .with("other", MessageArg::User(other.clone()))
            .number("count", recipients.len()),
        Audience::OnlyYou => Message::new("memo-audience-private"),
    }
}

/// One shared entry and its earlier texts, for editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryScreen {
    pub reader: Reader,
    pub entry: MemoEntry,
    pub revisions: Vec<MemoRevision>,
}

/// The new-TODO form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodoScreen {
    pub reader: Reader,
    pub one_on_one: i64,
    pub other: UserId,
    pub other_name: String,
    /// The reader's local day: no due date before it.
    pub today: NaiveDate,
}

/// A page of past 1on1s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryScreen {
    pub reader: Reader,
    pub partner: Option<UserId>,
    pub page: usize,
    /// Newest first.
    pub rows: Vec<HistoryRow>,
    /// Newer / Older.
    pub actions: Vec<MemoAction>,
}

impl HistoryScreen {
    pub fn decide(
        reader: Reader,
        partner: Option<UserId>,
        page: usize,
        rows: Vec<HistoryRow>,
        more: bool,
    ) -> Self {
        let mut actions = Vec::new();
        if page > 0 {
            actions.push(MemoAction::History {
                partner: partner.clone(),
                page: page - 1,
            });
        }
        if more {
            actions.push(MemoAction::History {
                partner: partner.clone(),
                page: page + 1,
            });
        }
        Self {
            reader,
            partner,
            page,
            rows,
            actions,
        }
    }
}

/// A past 1on1 as one of its pair looks back on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRow {
    pub one: OneOnOne,
    pub theme: String,
    pub other: UserId,
    /// Marked by the mentor: held (true), not held (false), or not yet.
    pub held: Option<bool>,
    pub shared: Vec<MemoEntry>,
    /// Who reads the shared memo (the pair, and the auto-share recipients).
    pub shared_audience: Audience,
    /// The reader's own private memo.
    pub private: Option<String>,
    pub todos: Vec<Todo>,
    /// What the reader may do with this 1on1: the memo, and for the mentee "Book the next 1on1".
    pub actions: Vec<Action>,
}

impl HistoryRow {
    #[allow(clippy::too_many_arguments)]
    pub fn decide(
        reader: &UserId,
        one: OneOnOne,
        theme: String,
        held: Option<bool>,
        shared: Vec<MemoEntry>,
        recipients: Vec<UserId>,
        private: Option<String>,
        todos: Vec<Todo>,
    ) -> Self {
        Self {
            other: one.other_than(reader).clone(),
            shared_audience: Audience::Shared {
                other: one.other_than(reader).clone(),
                recipients,
            },
            actions: if *reader == one.mentee {
                vec![
                    Action::Memo(MemoAction::Open { one_on_one: one.id }),
                    Action::Booking(BookingAction::BookNext { one_on_one: one.id }),
                ]
            } else {
                vec![Action::Memo(MemoAction::Open { one_on_one: one.id })]
            },
            one,
            theme,
            held,
            shared,
            private,
            todos,
        }
    }
}

/// The memo part of the Home: the reader's open TODOs (Done) and Looking back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoHome {
    pub todos: Vec<TodoRow>,
    pub more_todos: usize,
    pub actions: Vec<MemoAction>,
}

impl MemoHome {
    pub fn decide(todos: Vec<Todo>, more_todos: usize) -> Self {
        Self {
            todos: todos
                .into_iter()
                .map(|todo| TodoRow {
                    actions: vec![MemoAction::TodoDone { todo: todo.id }],
                    todo,
                })
                .collect(),
            more_todos,
            actions: vec![MemoAction::History {
                partner: None,
                page: 0,
            }],
        }
    }
}

/// The reminder of a TODO on its due day: what it says and its Done button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodoDueDm {
    pub head: Message,
    pub text: String,
    pub due: NaiveDate,
    pub actions: Vec<MemoAction>,
}

impl TodoDueDm {
    pub fn decide(notice: &Notice) -> Option<Self> {
        let Notice::TodoDue {
            todo_id,
            one_on_one_id,
            text,
            due,
            other,
        } = notice
        else {
            return None;
        };
        Some(Self {
            head: Message::new("todo-due").with("other", MessageArg::User(other.clone())),
            text: text.clone(),
            due: *due,
            actions: vec![
                MemoAction::TodoDone { todo: *todo_id },
                MemoAction::Open {
                    one_on_one: *one_on_one_id,
                },
            ],
        })
    }
}

/// The memo and TODO buttons of a 1on1 (on its DMs and its row of the Home).
pub fn row_memo_actions(one_on_one: i64) -> Vec<MemoAction> {
    vec![
        MemoAction::Open { one_on_one },
        MemoAction::AddTodo { one_on_one },
    ]
}

/// The memo buttons a DM about a 1on1 offers (the confirmation, a move and the reminder).
pub fn dm_memo_actions(message: &crate::app::ports::Outgoing) -> Vec<MemoAction> {
    use crate::app::ports::Outgoing;
    match message {
        Outgoing::Notice(Notice::Confirmed { booking, .. })
        | Outgoing::Notice(Notice::Moved { booking, .. })
        | Outgoing::Reminder { booking, .. } => row_memo_actions(booking.id),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uid(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    #[test]
    fn the_history_pages_back_and_forth_with_the_same_partner() {
        let reader = Reader {
            user: uid("UE"),
            name: "E".into(),
            lang: crate::domain::Lang::En,
            tz: chrono_tz::UTC,
        };
        let first = HistoryScreen::decide(reader.clone(), Some(uid("UM")), 0, Vec::new(), true);
        assert_eq!(
            first.actions,
            [MemoAction::History {
                partner: Some(uid("UM")),
                page: 1
            }]
        );
        let last = HistoryScreen::decide(reader, None, 2, Vec::new(), false);
        assert_eq!(
            last.actions,
            [MemoAction::History {
                partner: None,
                page: 1
            }]
        );
    }

    #[test]
    fn the_shared_memo_names_its_readers_and_the_private_one_says_you_only() {
        let pair = audience_message(&Audience::Shared {
            other: uid("UM"),
            recipients: Vec::new(),
        });
        assert_eq!(pair.key, "memo-audience-pair");
        let shared = audience_message(&Audience::Shared {
            other: uid("UM"),
            recipients: vec![uid("UHR")],
        });
        assert_eq!(shared.key, "memo-audience-shared");
        assert_eq!(
            audience_message(&Audience::OnlyYou).key,
            "memo-audience-private"
        );
    }
}
