//! Writing what a change owes to the outbox, in the change's own transaction: the one place
//! use cases turn typed keys and notices into rows.

use chrono::{DateTime, Duration, Utc};

use crate::domain::booking::{Effects, Owed, Owing, Withdrawal};
use crate::domain::{HomeCause, Notice, OutboxKey, OutboxKind, UserId};
use crate::storage::outbox::{self, NewOutbox};
use crate::storage::Conn;

/// The body of a `redraw` outbox row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RedrawBody {
    pub one_on_one_id: i64,
}

/// Withdraws, then queues, what a 1on1 change owes (the order matters: a move withdraws the
/// old reminders before queueing the new ones under the same prefix).
pub(crate) fn apply(conn: &Conn, effects: &Effects, now: DateTime<Utc>) -> anyhow::Result<()> {
    for withdrawal in &effects.withdraw {
        match withdrawal {
            Withdrawal::Key(key) => outbox::update_cancel_pending_key(conn, &key.to_string(), now)?,
            Withdrawal::Prefix(prefix) => {
                outbox::update_cancel_pending(conn, &prefix.to_string(), now)?
            }
        };
    }
    for owed in &effects.owed {
        queue(conn, owed, now)?;
    }
    Ok(())
}

/// Queues one row (the key makes a repeat a no-op); returns whether it was new.
pub(crate) fn queue(conn: &Conn, owed: &Owed, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let (kind, body) = match &owed.what {
        Owing::Dm(notice) => (OutboxKind::Dm, serde_json::to_string(notice)?),
        Owing::Redraw { one_on_one_id } => (
            OutboxKind::Redraw,
            serde_json::to_string(&RedrawBody {
                one_on_one_id: *one_on_one_id,
            })?,
        ),
        Owing::Home => (OutboxKind::Home, "{}".to_string()),
    };
    let row = NewOutbox {
        dedupe_key: owed.key.to_string(),
        recipient: owed.to.clone(),
        kind,
        body,
        due_at: owed.due_at,
        expires_at: owed.expires_at,
    };
    outbox::insert_outbox(conn, &row, now)
}

/// Queues a DM due now.
pub(crate) fn queue_dm(
    conn: &Conn,
    key: OutboxKey,
    user: &UserId,
    notice: Notice,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let owed = Owed {
        key,
        to: user.clone(),
        what: Owing::Dm(notice),
        due_at: now,
        expires_at: None,
    };
    queue(conn, &owed, now)
}

/// Queues a fresh App Home for `user` — inside the caller's transaction when the refresh
/// follows a change (the change and its refresh are saved together or not at all). `cause`
/// names the change, so one change refreshes each person once.
pub(crate) fn queue_home_refresh(
    conn: &Conn,
    user: &UserId,
    cause: HomeCause,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    outbox::insert_outbox(conn, &home_row(user, cause, now), now)
}

pub(crate) fn home_row(user: &UserId, cause: HomeCause, now: DateTime<Utc>) -> NewOutbox {
    let key = OutboxKey::Home {
        user: user.clone(),
        cause,
    };
    NewOutbox {
        dedupe_key: key.to_string(),
        recipient: user.clone(),
        kind: OutboxKind::Home,
        body: "{}".into(),
        due_at: now,
        // A Home nobody is looking at any more is not worth publishing hours late.
        expires_at: Some(now + Duration::hours(1)),
    }
}
