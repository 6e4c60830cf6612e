//! After a 1on1: the mentee's rating (スッキリ度, did they get the response they hoped for), the
//! mentor's held / not held, the DMs that ask for them (at the end time, one gentle reminder)
//! and the suggested next topic × response of seed 003's three-session sequences.

use chrono::{DateTime, Duration, Utc};

use super::booking::{BookingStatus, Owed, Owing};
use super::{Notice, OneOnOne, OutboxKey, UserId};

/// The one gentle reminder comes this long after the end when the first DM is unanswered.
pub const REMINDER_AFTER: Duration = Duration::hours(24);
/// Neither DM is worth sending this long after the end (the bot was down meanwhile).
pub const ASK_UNTIL: Duration = Duration::days(7);
/// The longest comment accepted with a rating.
pub const COMMENT_MAX: usize = 1000;

/// "Did you get the response you hoped for?"
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GotResponse {
    Yes,
    Partly,
    No,
}

impl GotResponse {
    pub const ALL: [GotResponse; 3] = [GotResponse::Yes, GotResponse::Partly, GotResponse::No];

    pub fn as_str(self) -> &'static str {
        match self {
            GotResponse::Yes => "yes",
            GotResponse::Partly => "partly",
            GotResponse::No => "no",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == value)
    }
}

/// The mentee's answer to "How was it?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// スッキリ度, 1–5.
    pub clarity: u8,
    pub got: GotResponse,
    pub comment: String,
}

/// A field of the rating form that was missing or wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingField {
    Clarity,
    Got,
    Comment,
}

impl Rating {
    /// The form as submitted → a rating, or every field that is wrong.
    pub fn parse(
        clarity: Option<&str>,
        got: Option<&str>,
        comment: &str,
    ) -> Result<Rating, Vec<RatingField>> {
        let clarity = clarity
            .and_then(|c| c.parse::<u8>().ok())
            .filter(|c| (1..=5).contains(c));
        let got = got.and_then(GotResponse::parse);
        let comment = comment.trim();
        let mut wrong = Vec::new();
        if clarity.is_none() {
            wrong.push(RatingField::Clarity);
        }
        if got.is_none() {
            wrong.push(RatingField::Got);
        }
        if comment.chars().count() > COMMENT_MAX {
            wrong.push(RatingField::Comment);
        }
        match (clarity, got) {
            (Some(clarity), Some(got)) if wrong.is_empty() => Ok(Rating {
                clarity,
                got,
                comment: comment.to_string(),
            }),
            _ => Err(wrong),
        }
    }
}

/// Whether the 1on1 took place, as its mentor says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    Held,
    NotHeld,
}

impl Held {
    pub fn as_str(self) -> &'static str {
        match self {
            Held::Held => "held",
            Held::NotHeld => "not_held",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "held" => Some(Held::Held),
            "not_held" => Some(Held::NotHeld),
            _ => None,
        }
    }
}

/// Why someone may not answer an after-1on1 question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not the mentee (for the rating) or not the mentor (for held / not held).
    WrongPerson,
    /// Not a confirmed 1on1 (cancelled, declined, never accepted).
    NotConfirmed,
    /// It has not ended yet.
    NotEnded,
    /// Already answered (the first answer stands).
    AlreadyAnswered,
    /// The mentor said it did not take place: there is nothing to rate.
    NotHeld,
}

/// Whether `actor` may rate `one` now: its mentee, once it ended, unless the mentor said it did
/// not take place, and only once.
pub fn may_rate(
    one: &OneOnOne,
    actor: &UserId,
    held: Option<Held>,
    rated: bool,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    if one.mentee != *actor {
        return Err(Refusal::WrongPerson);
    }
    ended(one, now)?;
    if held == Some(Held::NotHeld) {
        return Err(Refusal::NotHeld);
    }
    if rated {
        return Err(Refusal::AlreadyAnswered);
    }
    Ok(())
}

/// Whether `actor` may mark `one` held or not held now: its mentor, once it ended, once.
pub fn may_mark(
    one: &OneOnOne,
    actor: &UserId,
    held: Option<Held>,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    if one.mentor != *actor {
        return Err(Refusal::WrongPerson);
    }
    ended(one, now)?;
    if held.is_some() {
        return Err(Refusal::AlreadyAnswered);
    }
    Ok(())
}

fn ended(one: &OneOnOne, now: DateTime<Utc>) -> Result<(), Refusal> {
    if one.status != BookingStatus::Confirmed {
        return Err(Refusal::NotConfirmed);
    }
    if one.end > now {
        return Err(Refusal::NotEnded);
    }
    Ok(())
}

/// The after-1on1 DMs a confirmed 1on1 owes (queued with its confirmation or move): to the
/// mentee "How was it?", to the mentor held / not held, both at the end time, and each one
/// gentle reminder a day later (dropped when delivered if the question was answered).
pub fn after_dms(one: &OneOnOne) -> Vec<Owed> {
    let mut owed = Vec::new();
    for (user, for_mentor) in [(&one.mentee, false), (&one.mentor, true)] {
        for reminder in [false, true] {
            let key = if reminder {
                OutboxKey::AfterReminder {
                    one_on_one: one.id,
                    sequence: one.sequence,
                    user: user.clone(),
                }
            } else {
                OutboxKey::AfterPrompt {
                    one_on_one: one.id,
                    sequence: one.sequence,
                    user: user.clone(),
                }
            };
            let due_at = one.end
                + if reminder {
                    REMINDER_AFTER
                } else {
                    Duration::zero()
                };
            owed.push(Owed {
                key,
                to: user.clone(),
                what: Owing::Dm(Notice::AfterOneOnOne {
                    one_on_one_id: one.id,
                    sequence: one.sequence,
                    for_mentor,
                    reminder,
                }),
                due_at,
                expires_at: Some(one.end + ASK_UNTIL),
            });
        }
    }
    owed
}

/// A topic key and an expected response.
pub type Step = (&'static str, &'static str);

/// Seed 003's example three-session sequences (向こう3回のトピックと対応), as
/// (this topic, this response) → (next topic, next response): "evolve how I work" (progress ×
/// opinion → skills × think together → career × listen) and "align direction with my
/// manager" (skills × opinion → career × think together → progress × advice). The program
/// office may make this editable later; until then it is this table.
pub const NEXT_STEPS: [(Step, Step); 4] = [
    (("work_progress", "opinion"), ("skills", "think_together")),
    (("skills", "think_together"), ("career", "listen")),
    (("skills", "opinion"), ("career", "think_together")),
    (("career", "think_together"), ("work_progress", "advice")),
];

/// The suggested next (topic, response) after a 1on1 on `topic` hoping for `response`.
pub fn next_step(topic: &str, response: &str) -> Option<Step> {
    NEXT_STEPS
        .iter()
        .find(|((t, r), _)| *t == topic && *r == response)
        .map(|(_, next)| *next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::booking::{DEFAULT_TOPICS, RESPONSES};
    use chrono::TimeZone;

    fn user(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    fn one(status: BookingStatus) -> OneOnOne {
        let start = Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap();
        OneOnOne {
            id: 7,
            mentor: user("UMENTOR"),
            mentee: user("UMENTEE"),
            theme_id: 1,
            start,
            end: start + Duration::hours(1),
            status,
            topic_key: "skills".into(),
            topic_other: None,
            response: "opinion".into(),
            note: String::new(),
            sequence: 2,
            expires_at: None,
            decline_message: None,
        }
    }

    #[test]
    fn a_rating_needs_a_clarity_of_1_to_5_and_an_answer_and_a_short_comment() {
        assert_eq!(
            Rating::parse(Some("4"), Some("partly"), "  good  "),
            Ok(Rating {
                clarity: 4,
                got: GotResponse::Partly,
                comment: "good".into()
            })
        );
        assert_eq!(
            Rating::parse(Some("6"), None, ""),
            Err(vec![RatingField::Clarity, RatingField::Got])
        );
        assert_eq!(
            Rating::parse(Some("1"), Some("no"), &"x".repeat(COMMENT_MAX + 1)),
            Err(vec![RatingField::Comment])
        );
    }

    #[test]
    fn only_the_mentee_rates_and_only_the_mentor_marks_once_it_has_ended() {
        let one = one(BookingStatus::Confirmed);
        let (before, after) = (one.end - Duration::minutes(1), one.end);
        let (mentee, mentor) = (user("UMENTEE"), user("UMENTOR"));
        assert_eq!(may_rate(&one, &mentee, None, false, after), Ok(()));
        assert_eq!(
            may_rate(&one, &mentor, None, false, after),
            Err(Refusal::WrongPerson)
        );
        assert_eq!(
            may_rate(&one, &mentee, None, false, before),
            Err(Refusal::NotEnded)
        );
        assert_eq!(
            may_rate(&one, &mentee, Some(Held::NotHeld), false, after),
            Err(Refusal::NotHeld)
        );
        assert_eq!(
            may_rate(&one, &mentee, None, true, after),
            Err(Refusal::AlreadyAnswered)
        );
        assert_eq!(may_mark(&one, &mentor, None, after), Ok(()));
        assert_eq!(
            may_mark(&one, &mentee, None, after),
            Err(Refusal::WrongPerson)
        );
        assert_eq!(
            may_mark(&one, &mentor, Some(Held::Held), after),
            Err(Refusal::AlreadyAnswered)
        );
        let cancelled = self::one(BookingStatus::Cancelled);
        assert_eq!(
            may_mark(&cancelled, &mentor, None, after),
            Err(Refusal::NotConfirmed)
        );
    }

    #[test]
    fn a_confirmed_1on1_owes_each_side_one_question_at_its_end_and_one_reminder_a_day_later() {
        let one = one(BookingStatus::Confirmed);
        let owed = after_dms(&one);
        let keys: Vec<String> = owed.iter().map(|o| o.key.to_string()).collect();
        assert_eq!(
            keys,
            [
                "after:7:2:UMENTEE",
                "after-reminder:7:2:UMENTEE",
                "after:7:2:UMENTOR",
                "after-reminder:7:2:UMENTOR"
            ]
        );
        assert_eq!(owed[0].due_at, one.end);
        assert_eq!(owed[1].due_at, one.end + REMINDER_AFTER);
        assert!(owed
            .iter()
            .all(|o| o.expires_at == Some(one.end + ASK_UNTIL)));
    }

    #[test]
    fn the_next_step_follows_seed_003s_sequences_with_known_topics_and_responses() {
        assert_eq!(
            next_step("work_progress", "opinion"),
            Some(("skills", "think_together"))
        );
        assert_eq!(
            next_step("career", "listen"),
            None,
            "the third session ends it"
        );
        for ((topic, response), (next_topic, next_response)) in NEXT_STEPS {
            for t in [topic, next_topic] {
                assert!(DEFAULT_TOPICS.contains(&t), "{t}");
            }
            for r in [response, next_response] {
                assert!(RESPONSES.contains(&r), "{r}");
            }
        }
    }
}
