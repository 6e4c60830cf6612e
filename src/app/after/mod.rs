//! After a 1on1: the mentee rates it, the mentor marks it held or not held (which sends the
//! auto-share summaries), the after-1on1 DMs are resolved when due, and "Book the next 1on1"
//! opens the request form prefilled. Every step checks who the actor is here, whatever
//! surface (or forged payload) it came from.

use chrono::{DateTime, Utc};

use crate::app::booking::BookingError;
use crate::app::errors::{Message, UserError};
use crate::app::outbox;
use crate::app::ports::Outgoing;
use crate::app::screens::{Entered, Redraw, RequestScreen};
use crate::app::App;
use crate::domain::after::{self, Held, Rating, RatingField, Refusal};
use crate::domain::booking::BookingStatus;
use crate::domain::{BookingInfo, Notice, OneOnOne, OutboxKey, Reader, UserId};
use crate::storage::{after as store, auto_share, bookings, themes, Conn};

#[derive(Debug, thiserror::Error)]
pub enum AfterError {
    #[error("that 1on1 no longer exists")]
    NotFound,
    #[error("only the mentee rates a 1on1")]
    MenteeOnly,
    #[error("only the mentor says whether a 1on1 took place")]
    MentorOnly,
    #[error("only the mentee books the next 1on1")]
    NextMenteeOnly,
    #[error("the 1on1 was not confirmed")]
    NotConfirmed,
    #[error("the 1on1 has not ended yet")]
    NotEnded,
    #[error("already answered")]
    AlreadyAnswered,
    #[error("the mentor said it did not take place")]
    NotHeld,
    #[error("invalid rating")]
    Invalid(Vec<RatingField>),
    #[error(transparent)]
    Booking(BookingError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AfterResult<T> = Result<T, AfterError>;

impl UserError for AfterError {
    fn message(&self) -> Message {
        match self {
            AfterError::NotFound => Message::new("booking-not-found"),
            AfterError::MenteeOnly => Message::new("after-mentee-only"),
            AfterError::MentorOnly => Message::new("after-mentor-only"),
            AfterError::NextMenteeOnly => Message::new("after-next-mentee-only"),
            AfterError::NotConfirmed => Message::new("after-not-confirmed"),
            AfterError::NotEnded => Message::new("after-not-ended"),
            AfterError::AlreadyAnswered => Message::new("after-already-answered"),
            AfterError::NotHeld => Message::new("after-not-held"),
            AfterError::Booking(e) => e.message(),
            AfterError::Invalid(_) | AfterError::Internal(_) => Message::new("error-generic"),
        }
    }
}

impl AfterError {
    /// The refusal, told as the question asked (`rating`: the mentee's; else the mentor's).
    fn refused(refusal: Refusal, rating: bool) -> Self {
        match refusal {
            Refusal::WrongPerson if rating => AfterError::MenteeOnly,
            Refusal::WrongPerson => AfterError::MentorOnly,
            Refusal::NotConfirmed => AfterError::NotConfirmed,
            Refusal::NotEnded => AfterError::NotEnded,
            Refusal::AlreadyAnswered => AfterError::AlreadyAnswered,
            Refusal::NotHeld => AfterError::NotHeld,
        }
    }
}

/// The 1on1 with what its mentee and mentor answered so far.
fn load(c: &Conn, id: i64) -> AfterResult<(OneOnOne, Option<Held>, bool)> {
    let one = bookings::get_one_on_one(c, id)?.ok_or(AfterError::NotFound)?;
    Ok((one, store::get_held(c, id)?, store::get_rated(c, id)?))
}

impl App {
    /// Queues the after-1on1 questions of confirmed 1on1s that have none yet: those confirmed
    /// before this version asked them (an upgrade). Each key makes a repeat a no-op and a sent
    /// row is kept longer than the questions are asked, so running it at every start-up sends
    /// nothing twice. Returns how many rows were new.
    pub async fn queue_missing_after_questions(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        self.db
            .write(move |tx| -> anyhow::Result<usize> {
                let mut queued = 0;
                for id in store::list_confirmed_ending_after(tx, now - after::ASK_UNTIL)? {
                    let Some(one) = bookings::get_one_on_one(tx, id)? else {
                        continue;
                    };
                    for owed in after::after_dms(&one) {
                        queued += usize::from(outbox::queue(tx, &owed, now)?);
                    }
                }
                Ok(queued)
            })
            .await
    }

    /// Whether `actor` may open the rating form of 1on1 `id` (the submission checks again).
    pub async fn open_rating(
        &self,
        actor: &UserId,
        id: i64,
        now: DateTime<Utc>,
    ) -> AfterResult<()> {
        let (one, held, rated) = self.db.read(move |c| load(c, id)).await?;
        after::may_rate(&one, actor, held, rated, now).map_err(|r| AfterError::refused(r, true))
    }

    /// The mentee rates 1on1 `id`, once; their pending reminder is withdrawn in the same
    /// transaction. The rating is never shown to the mentor.
    pub async fn rate_one_on_one(
        &self,
        actor: &UserId,
        id: i64,
        rating: Rating,
        now: DateTime<Utc>,
    ) -> AfterResult<()> {
        let actor = actor.clone();
        self.db
            .write(move |tx| -> AfterResult<()> {
                let (one, held, rated) = load(tx, id)?;
                after::may_rate(&one, &actor, held, rated, now)
                    .map_err(|r| AfterError::refused(r, true))?;
                if !store::insert_rating(tx, id, &actor, &rating, now)? {
                    return Err(AfterError::AlreadyAnswered);
                }
                withdraw_reminder(tx, &one, &actor, now)?;
                Ok(())
            })
            .await
    }

    /// The mentor marks 1on1 `id` held or not held, once. Held: each auto-share recipient's
    /// summary is queued in the same transaction. Not held: the mentee is not asked to rate
    /// it. Returns how many summaries were queued.
    pub async fn mark_held(
        &self,
        actor: &UserId,
        id: i64,
        held: Held,
        now: DateTime<Utc>,
    ) -> AfterResult<usize> {
        let actor = actor.clone();
        let queued = self
            .db
            .write(move |tx| -> AfterResult<usize> {
                let (one, marked, _) = load(tx, id)?;
                after::may_mark(&one, &actor, marked, now)
                    .map_err(|r| AfterError::refused(r, false))?;
                if !store::update_held(tx, id, held, now)? {
                    return Err(AfterError::AlreadyAnswered);
                }
                withdraw_reminder(tx, &one, &actor, now)?;
                if held == Held::NotHeld {
                    for key in mentee_questions(&one) {
                        crate::storage::outbox::update_cancel_pending_key(
                            tx,
                            &key.to_string(),
                            now,
                        )?;
                    }
                    return Ok(0);
                }
                let recipients =
                    auto_share::recipients_for(tx, one.theme_id, &one.mentee, &one.mentor)?;
                for user in &recipients {
                    let key = OutboxKey::Summary {
                        one_on_one: id,
                        user: user.clone(),
                    };
                    let notice = Notice::Summary { one_on_one_id: id };
                    outbox::queue_dm(tx, key, user, notice, now)?;
                }
                Ok(recipients.len())
            })
            .await?;
        self.wake_delivery();
        Ok(queued)
    }

    /// "Book the next 1on1" after 1on1 `id`: the request form for the same mentor and theme,
    /// the last topic offered first, and the suggested next topic × response chosen (else the
    /// last ones). Only the 1on1's mentee may open it.
    pub async fn book_next_screen(
        &self,
        reader: &Reader,
        id: i64,
        now: DateTime<Utc>,
    ) -> AfterResult<RequestScreen> {
        let one = self
            .db
            .read(move |c| bookings::get_one_on_one(c, id))
            .await?
            .ok_or(AfterError::NotFound)?;
        if one.mentee != reader.user {
            return Err(AfterError::NextMenteeOnly);
        }
        let (topic, response) = match after::next_step(&one.topic_key, &one.response) {
            Some((topic, response)) => (topic.to_string(), response.to_string()),
            None => (one.topic_key.clone(), one.response.clone()),
        };
        let other = match (topic.as_str(), &one.topic_other) {
            ("other", Some(text)) => text.clone(),
            _ => String::new(),
        };
        let entered = Entered {
            topic: Some(topic),
            other,
            response: Some(response),
            ..Entered::default()
        };
        self.request_screen(
            reader,
            &one.mentor,
            one.theme_id,
            entered,
            Redraw::default(),
            now,
        )
        .await
        .map_err(AfterError::from)
    }

    /// The last topic and the suggested next step of the pair on this theme, for the request
    /// form (see [`RequestScreen::follow_up`]).
    pub(crate) async fn follow_up(
        &self,
        mentee: &UserId,
        mentor: &UserId,
        theme: i64,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<(String, String)>> {
        let (mentee, mentor) = (mentee.clone(), mentor.clone());
        self.db
            .read(move |c| store::get_last_topic(c, &mentee, &mentor, theme, now))
            .await
    }

    /// An after-1on1 question or an auto-share summary, resolved from the database when due:
    /// `Some(None)` when it no longer applies (answered, cancelled or moved, not held, the
    /// recipient's rule removed); `None` for any other notice.
    pub(crate) async fn resolve_after(
        &self,
        notice: &Notice,
        recipient: &UserId,
    ) -> anyhow::Result<Option<Option<Outgoing>>> {
        let id = match notice {
            Notice::AfterOneOnOne { one_on_one_id, .. } | Notice::Summary { one_on_one_id } => {
                *one_on_one_id
            }
            _ => return Ok(None),
        };
        let (notice, recipient) = (notice.clone(), recipient.clone());
        let outgoing = self
            .db
            .read(move |c| -> anyhow::Result<Option<Outgoing>> {
                let Some(one) = bookings::get_one_on_one(c, id)? else {
                    return Ok(None);
                };
                let Some(theme) = themes::get_theme(c, one.theme_id)? else {
                    return Ok(None);
                };
                let (held, rated) = (store::get_held(c, id)?, store::get_rated(c, id)?);
                let booking = one.booking_info(&theme.name);
                Ok(match notice {
                    Notice::AfterOneOnOne {
                        sequence,
                        for_mentor,
                        reminder,
                        ..
                    } => {
                        let current =
                            one.status == BookingStatus::Confirmed && one.sequence == sequence;
                        let answered = match for_mentor {
                            true => held.is_some(),
                            false => rated || held == Some(Held::NotHeld),
                        };
                        (current && !answered).then_some(Outgoing::AfterPrompt {
                            booking,
                            for_mentor,
                            reminder,
                        })
                    }
                    _ => summary(c, &one, booking, held, &recipient)?,
                })
            })
            .await?;
        Ok(Some(outgoing))
    }
}

/// The summary for `recipient` if the 1on1 was held and they still receive its summaries:
/// date, pair, theme, topic, expected response and the 1on1's shared memo — no note outside
/// the memo, no private memo, no rating.
fn summary(
    c: &Conn,
    one: &OneOnOne,
    booking: BookingInfo,
    held: Option<Held>,
    recipient: &UserId,
) -> anyhow::Result<Option<Outgoing>> {
    if held != Some(Held::Held) {
        return Ok(None);
    }
    if !auto_share::recipients_for(c, one.theme_id, &one.mentee, &one.mentor)?.contains(recipient) {
        return Ok(None);
    }
    Ok(Some(Outgoing::Summary {
        booking: BookingInfo {
            note: String::new(),
            ..booking
        },
        memo: store::list_shared_memo(c, one.id)?,
    }))
}

/// Withdraws `user`'s pending reminder of the after-1on1 question they just answered.
fn withdraw_reminder(
    c: &Conn,
    one: &OneOnOne,
    user: &UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let key = OutboxKey::AfterReminder {
        one_on_one: one.id,
        sequence: one.sequence,
        user: user.clone(),
    };
    crate::storage::outbox::update_cancel_pending_key(c, &key.to_string(), now)?;
    Ok(())
}

/// The mentee's after-1on1 question and its reminder.
fn mentee_questions(one: &OneOnOne) -> [OutboxKey; 2] {
    let (one_on_one, sequence, user) = (one.id, one.sequence, one.mentee.clone());
    [
        OutboxKey::AfterPrompt {
            one_on_one,
            sequence,
            user: user.clone(),
        },
        OutboxKey::AfterReminder {
            one_on_one,
            sequence,
            user,
        },
    ]
}

impl From<BookingError> for AfterError {
    fn from(e: BookingError) -> Self {
        match e {
            BookingError::Internal(e) => AfterError::Internal(e),
            e => AfterError::Booking(e),
        }
    }
}
