//! 1on1 requests: the topic and expected response a mentee chooses, what a request must
//! contain, its statuses, and when reminders go out.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::OutboxKey;

mod change;

pub use change::{
    decide_request, effects, request_lapsed, Change, Effects, Owed, Owing, Withdrawal,
};

/// The default topics (トピック) of PRODUCT.md; admins add their own, mentees may say "other".
pub const DEFAULT_TOPICS: [&str; 8] = [
    "work_progress",
    "goals",
    "relationships",
    "wellbeing",
    "career",
    "skills",
    "private",
    "policy",
];

/// The expected responses (期待する対応) of PRODUCT.md.
pub const RESPONSES: [&str; 6] = [
    "advice",
    "think_together",
    "listen",
    "opinion",
    "report",
    "other",
];

pub const OTHER_TOPIC_MAX: usize = 100;
pub const NOTE_MAX: usize = 2000;

/// What the mentee wants to talk about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Topic {
    /// One of `DEFAULT_TOPICS`.
    Default { key: String },
    /// An admin-added topic, with its name when the request was made.
    Custom { id: i64, name: String },
    /// The mentee's own words.
    Other { text: String },
}

impl Topic {
    /// The key stored in `one_on_ones.topic`.
    pub fn key(&self) -> String {
        match self {
            Topic::Default { key } => key.clone(),
            Topic::Custom { id, .. } => format!("custom:{id}"),
            Topic::Other { .. } => "other".into(),
        }
    }
}

/// Which field of the request form a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestField {
    Slot,
    Topic,
    TopicOther,
    Response,
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestFieldError {
    Empty,
    TooLong { max: usize },
    Unknown,
}

/// A valid request as the mentee submitted it (the slot is checked against the mentor's free
/// slots by the caller, atomically).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDraft {
    pub start: DateTime<Utc>,
    pub topic: Topic,
    pub response: String,
    pub note: String,
}

impl RequestDraft {
    /// `slot` is the chosen slot's start as unix seconds; `custom_topics` are the admin-added
    /// topics on offer (id, name).
    pub fn parse(
        slot: Option<&str>,
        topic: Option<&str>,
        other: &str,
        response: Option<&str>,
        note: &str,
        custom_topics: &[(i64, String)],
    ) -> Result<RequestDraft, Vec<(RequestField, RequestFieldError)>> {
        let mut errors = Vec::new();
        let start = match slot.map(str::trim).filter(|s| !s.is_empty()) {
            None => {
                errors.push((RequestField::Slot, RequestFieldError::Empty));
                None
            }
            Some(s) => s
                .parse::<i64>()
                .ok()
                .and_then(|secs| DateTime::from_timestamp(secs, 0))
                .or_else(|| {
                    errors.push((RequestField::Slot, RequestFieldError::Unknown));
                    None
                }),
        };
        let other = other.trim();
        let topic = match topic.map(str::trim).filter(|t| !t.is_empty()) {
            None => {
                errors.push((RequestField::Topic, RequestFieldError::Empty));
                None
            }
            Some("other") if other.is_empty() => {
                errors.push((RequestField::TopicOther, RequestFieldError::Empty));
                None
            }
            Some("other") if other.chars().count() > OTHER_TOPIC_MAX => {
                errors.push((
                    RequestField::TopicOther,
                    RequestFieldError::TooLong {
                        max: OTHER_TOPIC_MAX,
                    },
                ));
                None
            }
            Some("other") => Some(Topic::Other {
                text: other.to_string(),
            }),
            Some(key) if DEFAULT_TOPICS.contains(&key) => Some(Topic::Default {
                key: key.to_string(),
            }),
            Some(key) => {
                let custom = key
                    .strip_prefix("custom:")
                    .and_then(|id| id.parse::<i64>().ok())
                    .and_then(|id| custom_topics.iter().find(|(cid, _)| *cid == id));
                match custom {
                    Some((id, name)) => Some(Topic::Custom {
                        id: *id,
                        name: name.clone(),
                    }),
                    None => {
                        errors.push((RequestField::Topic, RequestFieldError::Unknown));
                        None
                    }
                }
            }
        };
        let response = match response.map(str::trim).filter(|r| !r.is_empty()) {
            None => {
                errors.push((RequestField::Response, RequestFieldError::Empty));
                None
            }
            Some(r) if RESPONSES.contains(&r) => Some(r.to_string()),
            Some(_) => {
                errors.push((RequestField::Response, RequestFieldError::Unknown));
                None
            }
        };
        let note = note.trim().to_string();
        if note.chars().count() > NOTE_MAX {
            errors.push((
                RequestField::Note,
                RequestFieldError::TooLong { max: NOTE_MAX },
            ));
        }
        match (start, topic, response) {
            (Some(start), Some(topic), Some(response)) if errors.is_empty() => Ok(RequestDraft {
                start,
                topic,
                response,
                note,
            }),
            _ => Err(errors),
        }
    }
}

/// Where a 1on1 stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Requested,
    Confirmed,
    Declined,
    Cancelled,
    Expired,
}

impl BookingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            BookingStatus::Requested => "requested",
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::Declined => "declined",
            BookingStatus::Cancelled => "cancelled",
            BookingStatus::Expired => "expired",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            BookingStatus::Requested,
            BookingStatus::Confirmed,
            BookingStatus::Declined,
            BookingStatus::Cancelled,
            BookingStatus::Expired,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }

    /// Whether the 1on1 holds the mentor's slot.
    pub fn is_live(self) -> bool {
        matches!(self, BookingStatus::Requested | BookingStatus::Confirmed)
    }
}

/// When the reminders for a 1on1 starting at `start` are due, skipping those already past
/// at `now` (a 1on1 booked an hour ahead gets no day-before reminder).
pub fn reminder_times(
    start: DateTime<Utc>,
    leads: &[Duration],
    now: DateTime<Utc>,
) -> Vec<(Duration, DateTime<Utc>)> {
    leads
        .iter()
        .map(|lead| (*lead, start - *lead))
        .filter(|(_, at)| *at > now)
        .collect()
}

/// Parses lead times such as `1d,10m` or `2h, 30m` (d, h, m units).
pub fn parse_leads(text: &str) -> Option<Vec<Duration>> {
    let mut leads = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (number, unit) = part.split_at(part.len().checked_sub(1)?);
        let n: i64 = number.trim().parse().ok().filter(|n| *n > 0)?;
        leads.push(match unit {
            "d" => Duration::days(n),
            "h" => Duration::hours(n),
            "m" => Duration::minutes(n),
            _ => return None,
        });
    }
    (!leads.is_empty()).then_some(leads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_request_needs_a_slot_a_topic_and_a_response() {
        let errors = RequestDraft::parse(None, None, "", None, "", &[]).unwrap_err();
        assert_eq!(
            errors.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            [
                RequestField::Slot,
                RequestField::Topic,
                RequestField::Response
            ]
        );
        let ok = RequestDraft::parse(
            Some("1795000000"),
            Some("career"),
            "",
            Some("listen"),
            " 相談です ",
            &[],
        )
        .unwrap();
        assert_eq!(
            ok.topic,
            Topic::Default {
                key: "career".into()
            }
        );
        assert_eq!(ok.note, "相談です");
        assert_eq!(ok.start.timestamp(), 1_795_000_000);
    }

    #[test]
    fn other_needs_words_and_custom_topics_must_be_on_offer() {
        let other = RequestDraft::parse(Some("1"), Some("other"), "  ", Some("advice"), "", &[])
            .unwrap_err();
        assert_eq!(
            other,
            vec![(RequestField::TopicOther, RequestFieldError::Empty)]
        );
        let custom = [(7, "新規事業".to_string())];
        let ok = RequestDraft::parse(Some("1"), Some("custom:7"), "", Some("advice"), "", &custom)
            .unwrap();
        assert_eq!(
            ok.topic,
            Topic::Custom {
                id: 7,
                name: "新規事業".into()
            }
        );
        assert_eq!(ok.topic.key(), "custom:7");
        let unknown =
            RequestDraft::parse(Some("1"), Some("custom:8"), "", Some("nope"), "", &custom)
                .unwrap_err();
        assert_eq!(unknown.len(), 2);
    }

    #[test]
    fn reminders_already_past_are_skipped_and_leads_parse() {
        let start = Utc.with_ymd_and_hms(2026, 11, 24, 1, 0, 0).unwrap();
        let leads = parse_leads("1d, 10m").unwrap();
        assert_eq!(leads, [Duration::days(1), Duration::minutes(10)]);
        assert_eq!(
            reminder_times(start, &leads, start - Duration::days(2)).len(),
            2
        );
        let late = reminder_times(start, &leads, start - Duration::hours(1));
        assert_eq!(
            late,
            [(Duration::minutes(10), start - Duration::minutes(10))]
        );
        assert!(parse_leads("soon").is_none());
        assert!(parse_leads("0m").is_none());
        assert!(parse_leads("").is_none());
    }
}

/// A DM about a 1on1 that carries buttons, as its outbox key names it: the mentor's request
/// (Accept / Decline), and the confirmations, moves and reminders (Reschedule / Cancel) of one
/// sequence of the 1on1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonDm {
    Request,
    OfSequence(i64),
}

impl ButtonDm {
    /// The 1on1 and kind of DM a key names: `request:{id}`, `confirmed:{id}:{seq}:{user}`,
    /// `moved:{id}:{seq}`, `reminder:{id}:{seq}:{user}:{lead}`; anything else is not one.
    pub fn from_key(key: &str) -> Option<(i64, ButtonDm)> {
        Self::of(&OutboxKey::parse_one_on_one(key)?)
    }

    /// The 1on1 and kind of DM a key names, if it names one with buttons.
    pub fn of(key: &OutboxKey) -> Option<(i64, ButtonDm)> {
        match *key {
            OutboxKey::Request { one_on_one } => Some((one_on_one, ButtonDm::Request)),
            OutboxKey::Confirmed {
                one_on_one,
                sequence,
                ..
            }
            | OutboxKey::Moved {
                one_on_one,
                sequence,
            }
            | OutboxKey::Reminder {
                one_on_one,
                sequence,
                ..
            } => Some((one_on_one, ButtonDm::OfSequence(sequence))),
            _ => None,
        }
    }
}

/// What a DM's buttons give way to once they no longer apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DmOutcome {
    Accepted,
    Declined,
    Expired,
    Cancelled,
    /// The 1on1 moved since this DM: the newer one has the buttons.
    Moved,
}

/// Whether a sent DM's buttons still apply to the 1on1 as it is now (`status`, `sequence`),
/// and if not, the outcome to show instead.
pub fn stale_dm_outcome(dm: ButtonDm, status: BookingStatus, sequence: i64) -> Option<DmOutcome> {
    let ended = match status {
        BookingStatus::Declined => Some(DmOutcome::Declined),
        BookingStatus::Expired => Some(DmOutcome::Expired),
        BookingStatus::Cancelled => Some(DmOutcome::Cancelled),
        BookingStatus::Requested | BookingStatus::Confirmed => None,
    };
    match dm {
        ButtonDm::Request => match status {
            BookingStatus::Requested => None,
            BookingStatus::Confirmed => Some(DmOutcome::Accepted),
            _ => ended,
        },
        ButtonDm::OfSequence(_) if ended.is_some() => ended,
        ButtonDm::OfSequence(s) if s < sequence => Some(DmOutcome::Moved),
        ButtonDm::OfSequence(_) => None,
    }
}

#[cfg(test)]
mod dm_tests {
    use super::*;

    #[test]
    fn keys_of_dms_with_buttons_are_recognised_and_others_are_not() {
        assert_eq!(
            ButtonDm::from_key("request:7"),
            Some((7, ButtonDm::Request))
        );
        assert_eq!(
            ButtonDm::from_key("confirmed:7:2:UEN"),
            Some((7, ButtonDm::OfSequence(2)))
        );
        assert_eq!(
            ButtonDm::from_key("moved:7:3"),
            Some((7, ButtonDm::OfSequence(3)))
        );
        assert_eq!(
            ButtonDm::from_key("reminder:7:0:UEN:1440"),
            Some((7, ButtonDm::OfSequence(0)))
        );
        for other in [
            "declined:7",
            "invite:7:0:UEN",
            "request:x",
            "request:7:1",
            "welcome",
        ] {
            assert_eq!(ButtonDm::from_key(other), None, "{other}");
        }
    }

    #[test]
    fn buttons_give_way_to_the_outcome_once_they_no_longer_apply() {
        use BookingStatus::*;
        let request = ButtonDm::Request;
        assert_eq!(stale_dm_outcome(request, Requested, 0), None);
        assert_eq!(
            stale_dm_outcome(request, Confirmed, 0),
            Some(DmOutcome::Accepted)
        );
        assert_eq!(
            stale_dm_outcome(request, Declined, 0),
            Some(DmOutcome::Declined)
        );
        assert_eq!(
            stale_dm_outcome(request, Expired, 0),
            Some(DmOutcome::Expired)
        );
        let confirmed = ButtonDm::OfSequence(1);
        assert_eq!(stale_dm_outcome(confirmed, Confirmed, 1), None);
        assert_eq!(
            stale_dm_outcome(confirmed, Confirmed, 2),
            Some(DmOutcome::Moved)
        );
        assert_eq!(
            stale_dm_outcome(confirmed, Cancelled, 1),
            Some(DmOutcome::Cancelled)
        );
        assert_eq!(
            stale_dm_outcome(confirmed, Cancelled, 2),
            Some(DmOutcome::Cancelled)
        );
    }
}
