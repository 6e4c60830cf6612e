//! A 1on1 as use cases and screens pass it around, and what claiming its slot can run into.

use chrono::{DateTime, Utc};

use super::booking::{BookingStatus, Topic};
use super::{BookingInfo, UserId};

/// A 1on1 (a `one_on_ones` row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOnOne {
    pub id: i64,
    pub mentor: UserId,
    pub mentee: UserId,
    pub theme_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: BookingStatus,
    /// `one_on_ones.topic` (a topic key) and, for "other", the mentee's text (for an admin
    /// topic, its name when requested).
    pub topic_key: String,
    pub topic_other: Option<String>,
    pub response: String,
    pub note: String,
    /// Bumped by every move and by a cancellation: calendar files and reminders of an earlier
    /// sequence no longer apply.
    pub sequence: i64,
    pub expires_at: Option<DateTime<Utc>>,
    pub decline_message: Option<String>,
}

impl OneOnOne {
    /// The topic the mentee chose, as notices and calendar files show it.
    pub fn topic(&self) -> Topic {
        match (self.topic_key.as_str(), &self.topic_other) {
            ("other", Some(text)) => Topic::Other { text: text.clone() },
            (key, name) if key.starts_with("custom:") => Topic::Custom {
                id: key
                    .trim_start_matches("custom:")
                    .parse()
                    .unwrap_or_default(),
                name: name.clone().unwrap_or_default(),
            },
            (key, _) => Topic::Default {
                key: key.to_string(),
            },
        }
    }

    /// What notices say about this 1on1 (`theme` is the theme's name).
    pub fn booking_info(&self, theme: &str) -> BookingInfo {
        BookingInfo {
            id: self.id,
            mentor: self.mentor.clone(),
            mentee: self.mentee.clone(),
            theme: theme.to_string(),
            start: self.start,
            end: self.end,
            topic: self.topic(),
            response: self.response.clone(),
            note: self.note.clone(),
        }
    }

    /// The other person in the 1on1 than `actor` (the mentor, unless `actor` is the mentor).
    pub fn other_than(&self, actor: &UserId) -> &UserId {
        if *actor == self.mentor {
            &self.mentee
        } else {
            &self.mentor
        }
    }
}

/// Why a slot could not be claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// The mentor has a live 1on1 overlapping this time.
    SlotTaken,
    /// The mentee already holds a live 1on1 overlapping this time.
    MenteeBusy,
}

/// A 1on1 to create.
#[derive(Debug, Clone)]
pub struct NewOneOnOne<'a> {
    pub mentor: &'a UserId,
    pub mentee: &'a UserId,
    pub theme_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: BookingStatus,
    pub topic: &'a Topic,
    pub response: &'a str,
    pub note: &'a str,
    pub expires_at: Option<DateTime<Utc>>,
}
