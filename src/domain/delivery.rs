//! What the bot owes people (DMs and App Home refreshes) and when to try again after a failure.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Where an outbox row goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutboxKind {
    /// A direct message to the recipient.
    Dm,
    /// Re-publish the recipient's App Home tab.
    Home,
    /// Redraw the DMs already sent about one 1on1 whose buttons no longer apply.
    Redraw,
}

impl OutboxKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxKind::Dm => "dm",
            OutboxKind::Home => "home",
            OutboxKind::Redraw => "redraw",
        }
    }
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "dm" => Some(OutboxKind::Dm),
            "home" => Some(OutboxKind::Home),
            "redraw" => Some(OutboxKind::Redraw),
            _ => None,
        }
    }
}

/// The content of a DM, stored as JSON and rendered at send time in the reader's language
/// and zone (so a locale change before sending is honoured).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Notice {
    /// First contact in the Messages tab: what the bot is and where to start.
    Welcome,
    /// An admin certified the reader as a mentor for a theme.
    Certified {
        theme_id: i64,
        theme: String,
        questions: usize,
        required: usize,
        /// Moved over from an existing program: already visible to mentees.
        started: bool,
    },
    /// An admin revoked the reader's certification for a theme.
    CertificationRevoked { theme: String },
    /// The program office archived a theme the reader mentors: mentees no longer see it.
    ThemeArchived { theme_id: i64, theme: String },
    /// An archived theme the reader mentors is offered to mentees again.
    ThemeRestored { theme_id: i64, theme: String },
    /// A required question changed: the reader's profile is hidden until they answer.
    AnswersNeeded {
        theme_id: i64,
        theme: String,
        questions: Vec<String>,
    },
    /// To the mentor: a mentee asks for a 1on1 (Accept / Decline).
    RequestReceived { booking: BookingInfo },
    /// To both: the 1on1 is confirmed (`auto`: by the mentor's auto-accept).
    Confirmed { booking: BookingInfo, auto: bool },
    /// To the mentee: the mentor declined, perhaps with a message.
    Declined {
        booking: BookingInfo,
        message: Option<String>,
    },
    /// To both: nobody answered the request in time; the slot is free again.
    Expired { booking: BookingInfo },
    /// To the other side: the 1on1 was cancelled by `by`.
    Cancelled {
        booking: BookingInfo,
        by: crate::domain::UserId,
    },
    /// To the other side: the 1on1 was moved from `from` by `by`.
    Moved {
        booking: BookingInfo,
        from: DateTime<Utc>,
        by: crate::domain::UserId,
    },
    /// A reminder before a confirmed 1on1 (resolved from the database when due: the mentor's is
    /// the pre-1on1 brief).
    Reminder {
        one_on_one_id: i64,
        sequence: i64,
        for_mentor: bool,
    },
    /// A calendar file for the 1on1 (resolved when sent; dropped if a newer one exists).
    Invite {
        one_on_one_id: i64,
        sequence: i64,
        cancel: bool,
    },
    /// After a 1on1 (resolved when due, dropped once answered): the mentee's "How was it?" or
    /// the mentor's held / not held; `reminder` for the one gentle reminder.
    AfterOneOnOne {
        one_on_one_id: i64,
        sequence: i64,
        for_mentor: bool,
        reminder: bool,
    },
    /// An auto-share recipient's summary of a held 1on1 (resolved when due: a recipient whose
    /// rule was removed meanwhile gets nothing).
    Summary { one_on_one_id: i64 },
    /// To a TODO's owner on its due day (withdrawn if it is done or deleted first).
    TodoDue {
        todo_id: i64,
        one_on_one_id: i64,
        text: String,
        due: chrono::NaiveDate,
        /// The other of the pair (who sees the TODO too).
        other: crate::domain::UserId,
    },
    /// A recurring series' request or outcome, or a nudge (issue 10).
    Followup(crate::domain::followup::FollowupNotice),
    /// A survey run to answer (issue 11); `reminder` for the one reminder before it closes.
    Survey {
        run_id: i64,
        title: String,
        closes_at: DateTime<Utc>,
        reminder: bool,
    },
    /// A survey's CSV export to the admin who asked (made from the database when sent).
    SurveyExport {
        survey_id: i64,
        kind: crate::domain::survey::ExportKind,
    },
    /// The admin's answer to that export offered as a file to save (Teams' file consent card):
    /// on accept the file is made again when sent and uploaded where the platform said; either
    /// way the offer (the `offer_key` row's message) is closed with the outcome.
    SurveyExportAnswer {
        survey_id: i64,
        kind: crate::domain::survey::ExportKind,
        offer_key: String,
        answer: crate::domain::file_offer::OfferAnswer,
    },
}

/// What the mentor reads before a 1on1: how often the pair met, and their shared memo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brief {
    pub sessions: i64,
    /// (author's user id, text), oldest first.
    pub memo: Vec<(String, String)>,
    /// Tips by other mentors for the 1on1's topic x response (issue 11): (the author's user
    /// id when they signed, text), newest first, at most `domain::insight::TIPS_IN_BRIEF`.
    #[serde(default)]
    pub tips: Vec<(Option<String>, String)>,
}

/// A 1on1 as a DM describes it: a snapshot taken when the DM was queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingInfo {
    pub id: i64,
    pub mentor: crate::domain::UserId,
    pub mentee: crate::domain::UserId,
    pub theme: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub topic: crate::domain::booking::Topic,
    pub response: String,
    pub note: String,
}

/// Why one delivery attempt failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Slack said 429: wait exactly as long as it asked.
    RateLimited { retry_after: Option<Duration> },
    /// Worth trying again later (network, 5xx, Slack-side hiccup).
    Transient,
    /// Will never succeed (unknown user, invalid blocks, …): stop now.
    Permanent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryDecision {
    RetryAt(DateTime<Utc>),
    GiveUp,
}

/// Exponential backoff with a cap and a bounded number of attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base: Duration,
    pub cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            base: Duration::seconds(10),
            cap: Duration::hours(1),
        }
    }
}

impl RetryPolicy {
    /// Decides after the `failures`-th failed attempt (1 for the first). `spread` (any number,
    /// e.g. the row id) staggers rows that failed together so they do not retry in lockstep.
    pub fn after_failure(
        &self,
        failures: u32,
        failure: &Failure,
        spread: i64,
        now: DateTime<Utc>,
    ) -> RetryDecision {
        match failure {
            Failure::Permanent => RetryDecision::GiveUp,
            // A rate limit is not the message's fault; it does not use up attempts.
            Failure::RateLimited { retry_after } => {
                RetryDecision::RetryAt(now + retry_after.unwrap_or(Duration::seconds(30)))
            }
            Failure::Transient if failures >= self.max_attempts => RetryDecision::GiveUp,
            Failure::Transient => {
                let exp = failures.saturating_sub(1).min(20);
                let delay = (self.base * 2i32.pow(exp)).min(self.cap);
                let jitter_tenths = spread.rem_euclid(5);
                RetryDecision::RetryAt(now + delay + delay * jitter_tenths as i32 / 10)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap()
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_then_gives_up() {
        let p = RetryPolicy::default();
        let at = |n| p.after_failure(n, &Failure::Transient, 0, now());
        assert_eq!(at(1), RetryDecision::RetryAt(now() + Duration::seconds(10)));
        assert_eq!(at(2), RetryDecision::RetryAt(now() + Duration::seconds(20)));
        assert_eq!(
            at(7),
            RetryDecision::RetryAt(now() + Duration::seconds(640))
        );
        assert_eq!(at(8), RetryDecision::GiveUp);
        let big = RetryPolicy {
            max_attempts: 100,
            ..p
        };
        assert_eq!(
            big.after_failure(30, &Failure::Transient, 0, now()),
            RetryDecision::RetryAt(now() + Duration::hours(1))
        );
    }

    #[test]
    fn retry_after_is_honoured_exactly_and_permanent_failures_stop() {
        let p = RetryPolicy::default();
        let limited = Failure::RateLimited {
            retry_after: Some(Duration::seconds(7)),
        };
        assert_eq!(
            p.after_failure(50, &limited, 3, now()),
            RetryDecision::RetryAt(now() + Duration::seconds(7))
        );
        assert_eq!(
            p.after_failure(1, &Failure::Permanent, 0, now()),
            RetryDecision::GiveUp
        );
    }

    #[test]
    fn notices_round_trip_as_json() {
        let json = serde_json::to_string(&Notice::Welcome).unwrap();
        assert_eq!(json, r#"{"type":"welcome"}"#);
        assert_eq!(
            serde_json::from_str::<Notice>(&json).unwrap(),
            Notice::Welcome
        );
    }
}
