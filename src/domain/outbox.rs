//! Outbox dedupe keys: which change owes whom what. A key is unique in `outbox`, so a retried
//! or repeated change queues nothing twice. Its text is stored: `Display` must keep producing
//! exactly the strings rows already in databases carry.

use std::fmt;

use chrono::{DateTime, Utc};

use super::booking::BookingStatus;
use super::{OutboxKind, UserId};

/// The dedupe key of an outbox row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutboxKey {
    /// `welcome:{user}`: the greeting the first time someone opens Messages.
    Welcome { user: UserId },
    /// `home:{user}:{cause}`: one App Home refresh per person and cause.
    Home { user: UserId, cause: HomeCause },
    /// `certified:{certification}:{generation}`
    Certified { certification: i64, generation: i64 },
    /// `revoked:{certification}:{generation}`
    Revoked { certification: i64, generation: i64 },
    /// `{theme.archive|theme.restore}:{theme}:{at_ms}:{certification}`: one DM per mentor.
    ThemeArchived {
        change: AdminChange,
        certification: i64,
    },
    /// `answers-needed:{certification}:{q}.{rev},{q}.{rev}…`: once per revision of the
    /// missing required questions.
    AnswersNeeded {
        certification: i64,
        questions: Vec<(i64, i64)>,
    },
    /// `request:{id}`: the mentor's request DM (Accept / Decline).
    Request { one_on_one: i64 },
    /// `declined:{id}`
    Declined { one_on_one: i64 },
    /// `cancelled:{id}`
    Cancelled { one_on_one: i64 },
    /// `expired:{id}:{user}`
    Expired { one_on_one: i64, user: UserId },
    /// `moved:{id}:{sequence}`
    Moved { one_on_one: i64, sequence: i64 },
    /// `confirmed:{id}:{sequence}:{user}`
    Confirmed {
        one_on_one: i64,
        sequence: i64,
        user: UserId,
    },
    /// `invite:{id}:{sequence}:{user}`: a calendar file (or its cancellation).
    Invite {
        one_on_one: i64,
        sequence: i64,
        user: UserId,
    },
    /// `reminder:{id}:{sequence}:{user}:{lead_minutes}`
    Reminder {
        one_on_one: i64,
        sequence: i64,
        user: UserId,
        lead_minutes: i64,
    },
    /// `redraw:{id}:{sequence}:{status}:{user}`: one per person and state of the 1on1.
    Redraw {
        one_on_one: i64,
        sequence: i64,
        status: BookingStatus,
        user: UserId,
    },
    /// `after:{id}:{sequence}:{user}`: after the 1on1, "How was it?" to the mentee, held /
    /// not held to the mentor.
    AfterPrompt {
        one_on_one: i64,
        sequence: i64,
        user: UserId,
    },
    /// `after-reminder:{id}:{sequence}:{user}`: the one gentle reminder of it.
    AfterReminder {
        one_on_one: i64,
        sequence: i64,
        user: UserId,
    },
    /// `summary:{id}:{user}`: an auto-share recipient's summary of a held 1on1.
    Summary { one_on_one: i64, user: UserId },
    /// `todo-due:{one_on_one}:{todo}`: the one reminder of a TODO with a due date (withdrawn
    /// when it is done or deleted first, or its 1on1 is cancelled, declined or expires).
    TodoDue { one_on_one: i64, todo: i64 },
    /// `series-request:{series}`: the mentor's one request DM for a whole series.
    SeriesRequest { series: i64 },
    /// `series-decided:{series}:{user}`: the series was accepted or declined.
    SeriesDecided { series: i64, user: UserId },
    /// `series-expired:{series}:{user}`: once per series, however many occurrences expire.
    SeriesExpired { series: i64, user: UserId },
    /// `nudge-rebook:{user}:{last 1on1}:{period}`: one "book again" per mentee and stretch of
    /// weeks since their last 1on1 (`domain::followup::rebook_period`).
    NudgeRebook {
        user: UserId,
        last_one_on_one: i64,
        period: i64,
    },
    /// `nudge-pending:{mentor}:{request}`: one reminder per waiting request (a series' first).
    NudgePending { mentor: UserId, one_on_one: i64 },
    /// `nudge-pending-series:{mentor}:{series}`: the same for a whole series (one reminder,
    /// whichever of its occurrences is still waiting).
    NudgePendingSeries { mentor: UserId, series: i64 },
    /// `survey:{run}:{user}`: a survey run's DM to one recipient (issue 11).
    Survey { run: i64, user: UserId },
    /// `survey-reminder:{run}:{user}`: its one reminder before the run closes (withdrawn when
    /// they answer).
    SurveyReminder { run: i64, user: UserId },
    /// `survey-export:{survey}:{kind}:{user}:{at_ms}`: one CSV per request of an admin.
    SurveyExport {
        survey: i64,
        kind: &'static str,
        user: UserId,
        at_ms: i64,
    },
    /// `survey-export:{survey}:{kind}:{user}:{at_ms}:consent`: the reader's one answer to the
    /// offer of that export as a file to save (Teams' file consent card): the upload, or the
    /// offer closed as declined. A second press of Allow or Decline queues nothing.
    SurveyExportAnswer {
        survey: i64,
        kind: &'static str,
        user: UserId,
        at_ms: i64,
    },
}

/// Why someone's App Home is refreshed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeCause {
    /// `event:{event_id}`: they opened the Home tab.
    Event(String),
    /// An admin change that touched their certification.
    Change(AdminChange),
    /// A cause the channel named (`booking:…`, `hours:…`, …), kept as given.
    Named(String),
    /// `1on1:{id}:{sequence}:{status}`: a 1on1 of theirs changed.
    OneOnOne {
        id: i64,
        sequence: i64,
        status: BookingStatus,
    },
}

/// An admin change that DMs mentors or refreshes their Home; its text names it in keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminChange {
    /// `theme.archive:{theme}:{at_ms}` (the instant tells one archive from a later one).
    ThemeArchived { theme: i64, at_ms: i64 },
    /// `theme.restore:{theme}:{at_ms}`
    ThemeRestored { theme: i64, at_ms: i64 },
    /// `revoked:{certification}:{generation}`
    Revoked { certification: i64, generation: i64 },
    /// `question.add:{question}`
    QuestionAdded { question: i64 },
    /// `question.update:{question}.{revision}` (the revision after the edit)
    QuestionUpdated { question: i64, revision: i64 },
    /// `question.remove:{question}`
    QuestionRemoved { question: i64 },
}

/// A group of keys withdrawn together by their common start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutboxKeyPrefix {
    /// `reminder:{id}:`: every reminder of a 1on1, of any sequence (ends in the separator, so
    /// 1on1 12 never matches 120).
    Reminders {
        one_on_one: i64,
    },
    /// `after:{id}:` and `after-reminder:{id}:`: the after-1on1 questions and their reminders.
    AfterPrompts {
        one_on_one: i64,
    },
    AfterReminders {
        one_on_one: i64,
    },
    /// `todo-due:{id}:`: the due reminders of a 1on1's TODOs.
    TodosDue {
        one_on_one: i64,
    },
    /// `nudge-rebook:{user}:`, `nudge-pending:{user}:`, `nudge-pending-series:{user}:`: the
    /// nudges of someone who turned them off.
    NudgesTo {
        user: UserId,
        kind: NudgeKind,
    },
}

/// The kinds of nudge, as their keys start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NudgeKind {
    Rebook,
    Pending,
    PendingSeries,
}

impl NudgeKind {
    pub const ALL: [NudgeKind; 3] = [
        NudgeKind::Rebook,
        NudgeKind::Pending,
        NudgeKind::PendingSeries,
    ];
}

impl fmt::Display for OutboxKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutboxKey::Welcome { user } => write!(f, "welcome:{user}"),
            OutboxKey::Home { user, cause } => write!(f, "home:{user}:{cause}"),
            OutboxKey::Certified {
                certification,
                generation,
            } => write!(f, "certified:{certification}:{generation}"),
            OutboxKey::Revoked {
                certification,
                generation,
            } => write!(f, "revoked:{certification}:{generation}"),
            OutboxKey::ThemeArchived {
                change,
                certification,
            } => write!(f, "{change}:{certification}"),
            OutboxKey::AnswersNeeded {
                certification,
                questions,
            } => {
                write!(f, "answers-needed:{certification}:")?;
                for (i, (question, revision)) in questions.iter().enumerate() {
                    let comma = if i == 0 { "" } else { "," };
                    write!(f, "{comma}{question}.{revision}")?;
                }
                Ok(())
            }
            OutboxKey::Request { one_on_one } => write!(f, "request:{one_on_one}"),
            OutboxKey::Declined { one_on_one } => write!(f, "declined:{one_on_one}"),
            OutboxKey::Cancelled { one_on_one } => write!(f, "cancelled:{one_on_one}"),
            OutboxKey::Expired { one_on_one, user } => write!(f, "expired:{one_on_one}:{user}"),
            OutboxKey::Moved {
                one_on_one,
                sequence,
            } => write!(f, "moved:{one_on_one}:{sequence}"),
            OutboxKey::Confirmed {
                one_on_one,
                sequence,
                user,
            } => write!(f, "confirmed:{one_on_one}:{sequence}:{user}"),
            OutboxKey::Invite {
                one_on_one,
                sequence,
                user,
            } => write!(f, "invite:{one_on_one}:{sequence}:{user}"),
            OutboxKey::Reminder {
                one_on_one,
                sequence,
                user,
                lead_minutes,
            } => write!(f, "reminder:{one_on_one}:{sequence}:{user}:{lead_minutes}"),
            OutboxKey::Redraw {
                one_on_one,
                sequence,
                status,
                user,
            } => write!(
                f,
                "redraw:{one_on_one}:{sequence}:{}:{user}",
                status.as_str()
            ),
            OutboxKey::AfterPrompt {
                one_on_one,
                sequence,
                user,
            } => write!(f, "after:{one_on_one}:{sequence}:{user}"),
            OutboxKey::AfterReminder {
                one_on_one,
                sequence,
                user,
            } => write!(f, "after-reminder:{one_on_one}:{sequence}:{user}"),
            OutboxKey::Summary { one_on_one, user } => write!(f, "summary:{one_on_one}:{user}"),
            OutboxKey::TodoDue { one_on_one, todo } => write!(f, "todo-due:{one_on_one}:{todo}"),
            OutboxKey::SeriesRequest { series } => write!(f, "series-request:{series}"),
            OutboxKey::SeriesDecided { series, user } => {
                write!(f, "series-decided:{series}:{user}")
            }
            OutboxKey::SeriesExpired { series, user } => {
                write!(f, "series-expired:{series}:{user}")
            }
            OutboxKey::NudgeRebook {
                user,
                last_one_on_one,
                period,
            } => write!(f, "nudge-rebook:{user}:{last_one_on_one}:{period}"),
            OutboxKey::NudgePending { mentor, one_on_one } => {
                write!(f, "nudge-pending:{mentor}:{one_on_one}")
            }
            OutboxKey::NudgePendingSeries { mentor, series } => {
                write!(f, "nudge-pending-series:{mentor}:{series}")
            }
            OutboxKey::Survey { run, user } => write!(f, "survey:{run}:{user}"),
            OutboxKey::SurveyReminder { run, user } => write!(f, "survey-reminder:{run}:{user}"),
            OutboxKey::SurveyExport {
                survey,
                kind,
                user,
                at_ms,
            } => write!(f, "survey-export:{survey}:{kind}:{user}:{at_ms}"),
            OutboxKey::SurveyExportAnswer {
                survey,
                kind,
                user,
                at_ms,
            } => write!(f, "survey-export:{survey}:{kind}:{user}:{at_ms}:consent"),
        }
    }
}

impl fmt::Display for HomeCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HomeCause::Event(id) => write!(f, "event:{id}"),
            HomeCause::Change(change) => change.fmt(f),
            HomeCause::Named(cause) => f.write_str(cause),
            HomeCause::OneOnOne {
                id,
                sequence,
                status,
            } => write!(f, "1on1:{id}:{sequence}:{}", status.as_str()),
        }
    }
}

impl fmt::Display for AdminChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdminChange::ThemeArchived { theme, at_ms } => {
                write!(f, "theme.archive:{theme}:{at_ms}")
            }
            AdminChange::ThemeRestored { theme, at_ms } => {
                write!(f, "theme.restore:{theme}:{at_ms}")
            }
            AdminChange::Revoked {
                certification,
                generation,
            } => write!(f, "revoked:{certification}:{generation}"),
            AdminChange::QuestionAdded { question } => write!(f, "question.add:{question}"),
            AdminChange::QuestionUpdated { question, revision } => {
                write!(f, "question.update:{question}.{revision}")
            }
            AdminChange::QuestionRemoved { question } => write!(f, "question.remove:{question}"),
        }
    }
}

impl fmt::Display for OutboxKeyPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutboxKeyPrefix::Reminders { one_on_one } => write!(f, "reminder:{one_on_one}:"),
            OutboxKeyPrefix::AfterPrompts { one_on_one } => write!(f, "after:{one_on_one}:"),
            OutboxKeyPrefix::AfterReminders { one_on_one } => {
                write!(f, "after-reminder:{one_on_one}:")
            }
            OutboxKeyPrefix::TodosDue { one_on_one } => write!(f, "todo-due:{one_on_one}:"),
            OutboxKeyPrefix::NudgesTo { user, kind } => match kind {
                NudgeKind::Rebook => write!(f, "nudge-rebook:{user}:"),
                NudgeKind::Pending => write!(f, "nudge-pending:{user}:"),
                NudgeKind::PendingSeries => write!(f, "nudge-pending-series:{user}:"),
            },
        }
    }
}

impl OutboxKey {
    /// Reads back a stored key about a 1on1 (`request`, `declined`, `cancelled`, `expired`,
    /// `moved`, `confirmed`, `invite`, `reminder`, `redraw`); `None` for any other key, and
    /// for one that is not exactly in its variant's format.
    pub fn parse_one_on_one(key: &str) -> Option<OutboxKey> {
        let parts: Vec<&str> = key.split(':').collect();
        let (&kind, rest) = parts.split_first()?;
        let int = |s: &str| s.parse::<i64>().ok();
        let user = |s: &str| UserId::parse(s).ok();
        let key = match (kind, rest) {
            ("request", [id]) => OutboxKey::Request {
                one_on_one: int(id)?,
            },
            ("declined", [id]) => OutboxKey::Declined {
                one_on_one: int(id)?,
            },
            ("cancelled", [id]) => OutboxKey::Cancelled {
                one_on_one: int(id)?,
            },
            ("expired", [id, u]) => OutboxKey::Expired {
                one_on_one: int(id)?,
                user: user(u)?,
            },
            ("moved", [id, seq]) => OutboxKey::Moved {
                one_on_one: int(id)?,
                sequence: int(seq)?,
            },
            ("confirmed", [id, seq, u]) => OutboxKey::Confirmed {
                one_on_one: int(id)?,
                sequence: int(seq)?,
                user: user(u)?,
            },
            ("invite", [id, seq, u]) => OutboxKey::Invite {
                one_on_one: int(id)?,
                sequence: int(seq)?,
                user: user(u)?,
            },
            ("reminder", [id, seq, u, lead]) => OutboxKey::Reminder {
                one_on_one: int(id)?,
                sequence: int(seq)?,
                user: user(u)?,
                lead_minutes: int(lead)?,
            },
            ("redraw", [id, seq, status, u]) => OutboxKey::Redraw {
                one_on_one: int(id)?,
                sequence: int(seq)?,
                status: BookingStatus::parse(status)?,
                user: user(u)?,
            },
            _ => return None,
        };
        Some(key)
    }
}

/// An outbox row as the delivery worker claims it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    pub id: i64,
    pub dedupe_key: String,
    pub recipient: UserId,
    pub kind: OutboxKind,
    pub body: String,
    pub status: String,
    pub due_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub attempts: u32,
    pub failures: u32,
    pub in_doubt: bool,
    pub last_error: Option<String>,
    pub channel: Option<String>,
    pub message_ts: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// A DM that reached its recipient: its key, channel and message id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentDm {
    pub dedupe_key: String,
    pub channel: String,
    pub message_ts: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    /// Every key as the code wrote it before keys were typed: rows in existing databases must
    /// keep matching.
    fn golden() -> Vec<(OutboxKey, &'static str)> {
        let archive = AdminChange::ThemeArchived {
            theme: 4,
            at_ms: 1_795_000_000_123,
        };
        vec![
            (OutboxKey::Welcome { user: user("UEN") }, "welcome:UEN"),
            (
                OutboxKey::Home {
                    user: user("UEN"),
                    cause: HomeCause::Event("Ev123".into()),
                },
                "home:UEN:event:Ev123",
            ),
            (
                OutboxKey::Home {
                    user: user("UEN"),
                    cause: HomeCause::Named("booking:7:1795000000123".into()),
                },
                "home:UEN:booking:7:1795000000123",
            ),
            (
                OutboxKey::Home {
                    user: user("UEN"),
                    cause: HomeCause::OneOnOne {
                        id: 7,
                        sequence: 1,
                        status: BookingStatus::Cancelled,
                    },
                },
                "home:UEN:1on1:7:1:cancelled",
            ),
            (
                OutboxKey::Home {
                    user: user("UEN"),
                    cause: HomeCause::Change(archive),
                },
                "home:UEN:theme.archive:4:1795000000123",
            ),
            (
                OutboxKey::Certified {
                    certification: 3,
                    generation: 2,
                },
                "certified:3:2",
            ),
            (
                OutboxKey::Revoked {
                    certification: 3,
                    generation: 2,
                },
                "revoked:3:2",
            ),
            (
                OutboxKey::ThemeArchived {
                    change: archive,
                    certification: 9,
                },
                "theme.archive:4:1795000000123:9",
            ),
            (
                OutboxKey::ThemeArchived {
                    change: AdminChange::ThemeRestored { theme: 4, at_ms: 5 },
                    certification: 9,
                },
                "theme.restore:4:5:9",
            ),
            (
                OutboxKey::AnswersNeeded {
                    certification: 3,
                    questions: vec![(11, 2), (12, 1)],
                },
                "answers-needed:3:11.2,12.1",
            ),
            (OutboxKey::Request { one_on_one: 7 }, "request:7"),
            (OutboxKey::Declined { one_on_one: 7 }, "declined:7"),
            (OutboxKey::Cancelled { one_on_one: 7 }, "cancelled:7"),
            (
                OutboxKey::Expired {
                    one_on_one: 7,
                    user: user("UEN"),
                },
                "expired:7:UEN",
            ),
            (
                OutboxKey::Moved {
                    one_on_one: 7,
                    sequence: 2,
                },
                "moved:7:2",
            ),
            (
                OutboxKey::Confirmed {
                    one_on_one: 7,
                    sequence: 0,
                    user: user("UEN"),
                },
                "confirmed:7:0:UEN",
            ),
            (
                OutboxKey::Invite {
                    one_on_one: 7,
                    sequence: 1,
                    user: user("UJA"),
                },
                "invite:7:1:UJA",
            ),
            (
                OutboxKey::Reminder {
                    one_on_one: 7,
                    sequence: 0,
                    user: user("UEN"),
                    lead_minutes: 1440,
                },
                "reminder:7:0:UEN:1440",
            ),
            (
                OutboxKey::Redraw {
                    one_on_one: 7,
                    sequence: 1,
                    status: BookingStatus::Cancelled,
                    user: user("UEN"),
                },
                "redraw:7:1:cancelled:UEN",
            ),
            (
                OutboxKey::AfterPrompt {
                    one_on_one: 7,
                    sequence: 1,
                    user: user("UEN"),
                },
                "after:7:1:UEN",
            ),
            (
                OutboxKey::AfterReminder {
                    one_on_one: 7,
                    sequence: 1,
                    user: user("UEN"),
                },
                "after-reminder:7:1:UEN",
            ),
            (
                OutboxKey::Summary {
                    one_on_one: 7,
                    user: user("UHR"),
                },
                "summary:7:UHR",
            ),
            (
                OutboxKey::TodoDue {
                    one_on_one: 7,
                    todo: 12,
                },
                "todo-due:7:12",
            ),
            (
                OutboxKey::NudgePending {
                    mentor: user("UEN"),
                    one_on_one: 7,
                },
                "nudge-pending:UEN:7",
            ),
            (
                OutboxKey::NudgePendingSeries {
                    mentor: user("UEN"),
                    series: 3,
                },
                "nudge-pending-series:UEN:3",
            ),
        ]
    }

    #[test]
    fn every_key_is_written_exactly_as_before() {
        for (key, text) in golden() {
            assert_eq!(key.to_string(), text);
        }
    }

    #[test]
    fn admin_changes_and_prefixes_are_written_exactly_as_before() {
        let cases = [
            (
                AdminChange::Revoked {
                    certification: 3,
                    generation: 2,
                },
                "revoked:3:2",
            ),
            (AdminChange::QuestionAdded { question: 5 }, "question.add:5"),
            (
                AdminChange::QuestionUpdated {
                    question: 5,
                    revision: 3,
                },
                "question.update:5.3",
            ),
            (
                AdminChange::QuestionRemoved { question: 5 },
                "question.remove:5",
            ),
        ];
        for (change, text) in cases {
            assert_eq!(change.to_string(), text);
        }
        let prefixes = [
            (
                OutboxKeyPrefix::Reminders { one_on_one: 12 },
                "reminder:12:",
            ),
            (
                OutboxKeyPrefix::AfterPrompts { one_on_one: 12 },
                "after:12:",
            ),
            (
                OutboxKeyPrefix::AfterReminders { one_on_one: 12 },
                "after-reminder:12:",
            ),
            (OutboxKeyPrefix::TodosDue { one_on_one: 12 }, "todo-due:12:"),
            (
                OutboxKeyPrefix::NudgesTo {
                    user: user("UEN"),
                    kind: NudgeKind::Rebook,
                },
                "nudge-rebook:UEN:",
            ),
            (
                OutboxKeyPrefix::NudgesTo {
                    user: user("UEN"),
                    kind: NudgeKind::Pending,
                },
                "nudge-pending:UEN:",
            ),
            (
                OutboxKeyPrefix::NudgesTo {
                    user: user("UEN"),
                    kind: NudgeKind::PendingSeries,
                },
                "nudge-pending-series:UEN:",
            ),
        ];
        for (prefix, text) in prefixes {
            assert_eq!(prefix.to_string(), text);
        }
    }

    #[test]
    fn keys_about_a_1on1_read_back_as_written_and_nothing_else_does() {
        for (key, text) in golden() {
            let about_a_1on1 = !matches!(
                key,
                OutboxKey::Welcome { .. }
                    | OutboxKey::Home { .. }
                    | OutboxKey::Certified { .. }
                    | OutboxKey::Revoked { .. }
                    | OutboxKey::ThemeArchived { .. }
                    | OutboxKey::AnswersNeeded { .. }
                    | OutboxKey::AfterPrompt { .. }
                    | OutboxKey::AfterReminder { .. }
                    | OutboxKey::Summary { .. }
                    | OutboxKey::TodoDue { .. }
                    | OutboxKey::NudgePending { .. }
                    | OutboxKey::NudgePendingSeries { .. }
            );
            let parsed = OutboxKey::parse_one_on_one(text);
            assert_eq!(parsed, about_a_1on1.then_some(key), "{text}");
        }
        for bad in [
            "request:x",
            "request:7:1",
            "moved:7",
            "redraw:7:1:gone:UEN",
            "",
        ] {
            assert_eq!(OutboxKey::parse_one_on_one(bad), None, "{bad}");
        }
    }
}
