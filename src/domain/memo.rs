//! Memos and TODOs around a 1on1 (issue 10 items 1, 2 and 4): who may read and write what,
//! the typed texts people enter, and when a TODO's reminder is due. Pure rules, no I/O.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::booking::BookingStatus;
use super::{FieldError, OneOnOne, UserId};

/// The longest memo entry, private memo or TODO text (a Slack input holds 3000).
pub const MEMO_MAX: usize = 3000;
pub const TODO_MAX: usize = 300;

/// Why someone may not read or write a memo or TODO.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Not one of the pair (a third person, an auto-share recipient, an admin).
    NotInPair,
    /// The 1on1 never happened (declined or expired requests have no memo).
    Closed,
}

/// Whether `user` may read and write the shared memo and the TODOs of `one`, and keep a
/// private memo on it: only the pair, from the request on (not for a declined or expired
/// request). Auto-share recipients read the shared memo only in summaries, never here.
pub fn may_use(one: &OneOnOne, user: &UserId) -> Result<(), Denied> {
    if *user != one.mentor && *user != one.mentee {
        return Err(Denied::NotInPair);
    }
    match one.status {
        BookingStatus::Declined | BookingStatus::Expired => Err(Denied::Closed),
        _ => Ok(()),
    }
}

/// Who reads a memo surface, as every surface says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// The shared memo: the reader, the other of the pair, and the auto-share recipients
    /// (who receive it in summaries of held 1on1s).
    Shared {
        other: UserId,
        recipients: Vec<UserId>,
    },
    /// A private memo: its author only.
    OnlyYou,
}

/// A memo text as typed: trimmed, not empty, at most [`MEMO_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoText(String);

impl MemoText {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        parse_text(raw, MEMO_MAX).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn parse_text(raw: &str, max: usize) -> Result<String, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::Empty);
    }
    if text.chars().count() > max {
        return Err(FieldError::TooLong { max });
    }
    Ok(text.to_string())
}

/// Whose TODO it is, relative to the person adding it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TodoOwner {
    Me,
    Other,
}

/// A new TODO as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodoDraft {
    pub text: String,
    pub owner: TodoOwner,
    pub due: Option<NaiveDate>,
}

/// A TODO field that was not right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TodoField {
    Text,
    Owner,
    Due,
}

impl TodoDraft {
    /// Reads the TODO form; a due date before `today` (the adder's local day) is refused.
    pub fn parse(
        text: &str,
        owner: Option<&str>,
        due: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Self, Vec<(TodoField, FieldError)>> {
        let mut errors = Vec::new();
        let text = parse_text(text, TODO_MAX)
            .map_err(|e| errors.push((TodoField::Text, e)))
            .ok();
        let owner = match owner {
            Some("me") | None => Some(TodoOwner::Me),
            Some("other") => Some(TodoOwner::Other),
            Some(_) => {
                errors.push((TodoField::Owner, FieldError::Empty));
                None
            }
        };
        if due.is_some_and(|d| d < today) {
            errors.push((TodoField::Due, FieldError::Empty));
        }
        match (text, owner) {
            (Some(text), Some(owner)) if errors.is_empty() => Ok(Self { text, owner, due }),
            _ => Err(errors),
        }
    }
}

/// The hour (in the owner's zone) at which a TODO due on a day is reminded.
pub const TODO_REMINDER_HOUR: u32 = 9;

/// When the reminder of a TODO due on `due` goes out: 09:00 that day in the owner's zone (the
/// first valid instant after it when a daylight-saving change skips it).
pub fn todo_reminder_at(due: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let mut local =
        due.and_time(NaiveTime::from_hms_opt(TODO_REMINDER_HOUR, 0, 0).unwrap_or_default());
    for _ in 0..4 {
        if let Some(at) = tz.from_local_datetime(&local).earliest() {
            return at.with_timezone(&Utc);
        }
        local += chrono::Duration::minutes(30);
    }
    Utc.from_utc_datetime(&local)
}

/// One entry of a shared memo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoEntry {
    pub id: i64,
    pub one_on_one_id: Option<i64>,
    pub author: UserId,
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// The last edit: who and when (`None` if never edited).
    pub edited: Option<(UserId, DateTime<Utc>)>,
}

/// An earlier text of a memo entry: who wrote it when, and who replaced it when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoRevision {
    pub body: String,
    pub written_by: UserId,
    pub written_at: DateTime<Utc>,
    pub replaced_by: UserId,
    pub replaced_at: DateTime<Utc>,
}

/// A TODO of a 1on1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    pub id: i64,
    pub one_on_one_id: i64,
    pub mentor: UserId,
    pub mentee: UserId,
    pub owner: UserId,
    pub text: String,
    pub due: Option<NaiveDate>,
    pub done: bool,
}

impl Todo {
    /// Only the pair of its 1on1 reads, completes or deletes a TODO.
    pub fn may_use(&self, user: &UserId) -> Result<(), Denied> {
        if *user == self.mentor || *user == self.mentee {
            Ok(())
        } else {
            Err(Denied::NotInPair)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn uid(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    fn one(status: BookingStatus) -> OneOnOne {
        let start = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        OneOnOne {
            id: 1,
            mentor: uid("UM"),
            mentee: uid("UE"),
            theme_id: 1,
            start,
            end: start + Duration::hours(1),
            status,
            topic_key: "career".into(),
            topic_other: None,
            response: "listen".into(),
            note: String::new(),
            sequence: 0,
            expires_at: None,
            decline_message: None,
        }
    }

    #[test]
    fn only_the_pair_uses_the_memo_of_a_1on1_from_the_request_on() {
        for status in [
            BookingStatus::Requested,
            BookingStatus::Confirmed,
            BookingStatus::Cancelled,
        ] {
            assert_eq!(may_use(&one(status), &uid("UM")), Ok(()));
            assert_eq!(may_use(&one(status), &uid("UE")), Ok(()));
            assert_eq!(may_use(&one(status), &uid("UX")), Err(Denied::NotInPair));
        }
        assert_eq!(
            may_use(&one(BookingStatus::Declined), &uid("UE")),
            Err(Denied::Closed)
        );
    }

    #[test]
    fn a_todo_needs_text_and_a_due_date_not_in_the_past() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let ok = TodoDraft::parse(" 履歴書を更新 ", Some("other"), Some(today), today).unwrap();
        assert_eq!(ok.text, "履歴書を更新");
        assert_eq!(ok.owner, TodoOwner::Other);
        let err = TodoDraft::parse("  ", Some("me"), today.pred_opt(), today).unwrap_err();
        assert_eq!(
            err,
            [
                (TodoField::Text, FieldError::Empty),
                (TodoField::Due, FieldError::Empty)
            ]
        );
        let long = "あ".repeat(TODO_MAX + 1);
        assert!(TodoDraft::parse(&long, None, None, today).is_err());
    }

    #[test]
    fn a_todo_is_reminded_at_nine_in_the_owners_zone_even_on_a_dst_day() {
        let ny = chrono_tz::America::New_York;
        let day = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        assert_eq!(
            todo_reminder_at(day, ny),
            Utc.with_ymd_and_hms(2026, 3, 8, 13, 0, 0).unwrap(),
            "EDT from 02:00 that day"
        );
        let tokyo = chrono_tz::Asia::Tokyo;
        assert_eq!(
            todo_reminder_at(day, tokyo),
            Utc.with_ymd_and_hms(2026, 3, 8, 0, 0, 0).unwrap()
        );
    }

    #[test]
    fn memo_text_is_trimmed_and_bounded() {
        assert_eq!(MemoText::parse(" a ").unwrap().as_str(), "a");
        assert_eq!(MemoText::parse(""), Err(FieldError::Empty));
        assert!(MemoText::parse(&"x".repeat(MEMO_MAX + 1)).is_err());
    }
}
