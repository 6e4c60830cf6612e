//! 1on1s: finding mentors, requesting a slot (claimed atomically), the mentor's decision,
//! expiry, cancel and reschedule, reminders and calendar invites. Every change and every DM it
//! causes are written in one transaction. The screens they show are built in `screens.rs`,
//! what their DMs show when delivered in `outgoing.rs`.

mod outgoing;
mod screens;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::outbox as queue;
use super::App;
use crate::domain::availability::{cap_period_bounds, Slot};
use crate::domain::booking::{
    decide_request, effects, request_lapsed, BookingStatus, Change, RequestDraft, RequestField,
    RequestFieldError,
};
use crate::domain::{BookingInfo, CertStatus, Conflict, NewOneOnOne, OneOnOne, Theme, UserId};
use crate::storage::bookings;
use crate::storage::{mentors, themes, Tx};

#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    #[error("that 1on1 no longer exists")]
    NotFound,
    /// Someone who is not part of the 1on1 (or not its mentor, for a decision).
    #[error("only the people in this 1on1 can change it")]
    Forbidden,
    /// The mentee of a request tried to accept or decline it: only the mentor decides.
    #[error("only the mentor accepts or declines a request")]
    MentorOnly,
    #[error("you cannot request a 1on1 with yourself")]
    SelfRequest,
    /// The mentor no longer mentors this theme (paused, stopped, archived…).
    #[error("this mentor is not available for this theme")]
    NotAvailable,
    /// The slot went to someone else (or is no longer offered): the next free ones.
    #[error("that time was just taken")]
    SlotTaken { next: Vec<Slot> },
    /// The mentee already has a 1on1 at that time.
    #[error("you already have a 1on1 at that time")]
    MenteeBusy,
    /// Already decided, cancelled or expired.
    #[error("this request was already {0}")]
    AlreadyDone(&'static str),
    /// A waiting occurrence of a series: the series is accepted or declined as a whole.
    #[error("this 1on1 is part of a series waiting for a decision")]
    SeriesWaiting,
    #[error("invalid request")]
    Invalid(Vec<(RequestField, RequestFieldError)>),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type BookingResult<T> = Result<T, BookingError>;

/// What the request form offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestOptions {
    pub mentor: UserId,
    pub mentor_name: String,
    pub theme: Theme,
    pub slots: Vec<Slot>,
    pub custom_topics: Vec<(i64, String)>,
    /// The auto-share recipients who will also read the note (it opens the shared memo).
    pub note_recipients: Vec<UserId>,
}

impl RequestOptions {
    /// The offered slot starting at `start`; `SlotTaken` with the next offered ones when it is
    /// no longer offered.
    pub fn slot_at(&self, start: DateTime<Utc>) -> BookingResult<Slot> {
        self.slots
            .iter()
            .find(|s| s.start == start)
            .copied()
            .ok_or_else(|| BookingError::SlotTaken {
                next: self.slots.iter().take(5).copied().collect(),
            })
    }
}

impl App {
    /// The slots, topics and theme a mentee chooses from when requesting a 1on1.
    pub async fn request_options(
        &self,
        mentee: &UserId,
        mentor: &UserId,
        theme_id: i64,
        now: DateTime<Utc>,
    ) -> BookingResult<RequestOptions> {
        if mentee == mentor {
            return Err(BookingError::SelfRequest);
        }
        let mt = self
            .mentor_theme(mentor, theme_id)
            .await
            .map_err(|_| BookingError::NotAvailable)?;
        if mt.status != CertStatus::Started || mt.theme.archived {
            return Err(BookingError::NotAvailable);
        }
        // Every free slot of the horizon: the form picks a day, then a time of that day.
        let slots = self.free_slots(mentor, now).await?;
        let custom_topics = self.db.read(bookings::list_custom_topics).await?;
        let note_recipients = {
            let (mentee, mentor) = (mentee.clone(), mentor.clone());
            self.db
                .read(move |c| {
                    crate::storage::auto_share::recipients_for(c, theme_id, &mentee, &mentor)
                })
                .await?
        };
        let mentor_name = self.profile(mentor, now).await?.display_name;
        Ok(RequestOptions {
            mentor: mentor.clone(),
            mentor_name,
            theme: mt.theme,
            slots,
            custom_topics,
            note_recipients,
        })
    }

    /// Requests a 1on1. The slot is claimed atomically: of two mentees submitting the same slot
    /// at once exactly one wins; the other gets `SlotTaken` with the next free slots.
    pub async fn request_one_on_one(
        &self,
        mentee: &UserId,
        mentor: &UserId,
        theme_id: i64,
        draft: RequestDraft,
        now: DateTime<Utc>,
    ) -> BookingResult<(OneOnOne, BookingInfo)> {
        let options = self.request_options(mentee, mentor, theme_id, now).await?;
        let slot = options.slot_at(draft.start)?;
        let (hours, _) = self.hours(mentor).await?;
        let tz = self.zone_of(mentor, now).await?;
        let (status, expires_at) = decide_request(
            hours.auto_accept,
            slot.start,
            self.settings.request_ttl,
            now,
        );
        let (mentor_id, mentee_id) = (mentor.clone(), mentee.clone());
        let theme = options.theme.clone();
        let leads = self.settings.reminder_leads.clone();
        let cap = hours.cap;
        let claimed = self
            .db
            .write(move |tx| -> anyhow::Result<_> {
                // The cap is counted again inside the transaction: two mentees taking the last
                // two different slots of a full week cannot both get through.
                if let Some(cap) = cap {
                    let (from, to) = cap_period_bounds(cap, tz, slot.start);
                    if mentors::count_live_between(tx, &mentor_id, from, to)? >= cap.limit() as i64
                    {
                        return Ok(Err(Conflict::SlotTaken));
                    }
                }
                let new = NewOneOnOne {
                    mentor: &mentor_id,
                    mentee: &mentee_id,
                    theme_id,
                    start: slot.start,
                    end: slot.end,
                    status,
                    topic: &draft.topic,
                    response: &draft.response,
                    note: &draft.note,
                    expires_at,
                };
                let id = match bookings::insert_one_on_one(tx, &new, now)? {
                    Ok(id) => id,
                    Err(conflict) => return Ok(Err(conflict)),
                };
                let one = bookings::get_one_on_one(tx, id)?
                    .ok_or_else(|| anyhow::anyhow!("1on1 vanished"))?;
                if !draft.note.is_empty() {
                    bookings::insert_memo_entry(tx, &one, &mentee_id, &draft.note, now)?;
                }
                let info = info(&one, &theme);
                let owed = effects(&Change::Requested, &one, &theme.name, &leads, now);
                queue::apply(tx, &owed, now)?;
                Ok(Ok((one, info)))
            })
            .await?;
        match claimed {
            Ok(one) => {
                self.wake_delivery();
                Ok(one)
            }
            Err(Conflict::SlotTaken) => {
                let next = self
                    .free_slots(mentor, now)
                    .await?
                    .into_iter()
                    .take(5)
                    .collect();
                Err(BookingError::SlotTaken { next })
            }
            Err(Conflict::MenteeBusy) => Err(BookingError::MenteeBusy),
        }
    }

    /// The mentor accepts a request (only the mentor of that request may).
    pub async fn accept_request(
        &self,
        actor: &UserId,
        id: i64,
        now: DateTime<Utc>,
    ) -> BookingResult<OneOnOne> {
        let leads = self.settings.reminder_leads.clone();
        let actor = actor.clone();
        let one = self
            .booking_tx(id, move |tx, one, theme| {
                if one.mentor != actor {
                    return Err(decider_error(one, &actor));
                }
                series_decides(tx, id)?;
                if request_lapsed(one, now) {
                    return Err(BookingError::AlreadyDone("expired"));
                }
                if !bookings::update_status(
                    tx,
                    id,
                    &[BookingStatus::Requested],
                    BookingStatus::Confirmed,
                    None,
                    None,
                    now,
                )? {
                    return Err(already(one.status));
                }
                record(tx, Change::Accepted, id, theme, &leads, now)
            })
            .await?;
        Ok(one)
    }

    /// The mentor declines a request, optionally with a message for the mentee.
    pub async fn decline_request(
        &self,
        actor: &UserId,
        id: i64,
        message: Option<String>,
        now: DateTime<Utc>,
    ) -> BookingResult<OneOnOne> {
        let actor = actor.clone();
        let leads = self.settings.reminder_leads.clone();
        self.booking_tx(id, move |tx, one, theme| {
            if one.mentor != actor {
                return Err(decider_error(one, &actor));
            }
            series_decides(tx, id)?;
            let message = message
                .map(|m| m.trim().chars().take(2000).collect::<String>())
                .filter(|m| !m.is_empty());
            if !bookings::update_status(
                tx,
                id,
                &[BookingStatus::Requested],
                BookingStatus::Declined,
                message.as_deref(),
                None,
                now,
            )? {
                return Err(already(one.status));
            }
            record(tx, Change::Declined { message }, id, theme, &leads, now)?;
            Ok(one.clone())
        })
        .await
    }

    /// Either side cancels; the other is told, reminders are withdrawn, calendars updated.
    pub async fn cancel_one_on_one(
        &self,
        actor: &UserId,
        id: i64,
        now: DateTime<Utc>,
    ) -> BookingResult<OneOnOne> {
        let actor = actor.clone();
        let leads = self.settings.reminder_leads.clone();
        self.booking_tx(id, move |tx, one, theme| {
            if actor != one.mentor && actor != one.mentee {
                return Err(BookingError::Forbidden);
            }
            if one.start <= now {
                return Err(BookingError::AlreadyDone("started"));
            }
            let live = [BookingStatus::Requested, BookingStatus::Confirmed];
            if !bookings::update_status(
                tx,
                id,
                &live,
                BookingStatus::Cancelled,
                None,
                Some(&actor),
                now,
            )? {
                return Err(already(one.status));
            }
            let change = Change::Cancelled {
                by: actor,
                was: one.status,
            };
            record(tx, change, id, theme, &leads, now)?;
            Ok(one.clone())
        })
        .await
    }

    /// Either side moves the 1on1 to another free slot of the mentor.
    pub async fn reschedule_one_on_one(
        &self,
        actor: &UserId,
        id: i64,
        start: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> BookingResult<OneOnOne> {
        let current = self.one_on_one(id).await?;
        if *actor != current.mentor && *actor != current.mentee {
            return Err(BookingError::Forbidden);
        }
        if current.start <= now {
            return Err(BookingError::AlreadyDone("started"));
        }
        let free = self.free_slots(&current.mentor, now).await?;
        let Some(slot) = free.iter().find(|s| s.start == start).copied() else {
            return Err(BookingError::SlotTaken {
                next: free.into_iter().take(5).collect(),
            });
        };
        let leads = self.settings.reminder_leads.clone();
        let actor = actor.clone();
        self.booking_tx(id, move |tx, one, theme| {
            if !one.status.is_live() {
                return Err(already(one.status));
            }
            if one.start <= now {
                return Err(BookingError::AlreadyDone("started"));
            }
            match bookings::update_slot(tx, one, slot.start, slot.end, now)? {
                Ok(()) => {}
                Err(Conflict::SlotTaken) => {
                    return Err(BookingError::SlotTaken { next: Vec::new() })
                }
                Err(Conflict::MenteeBusy) => return Err(BookingError::MenteeBusy),
            }
            let change = Change::Moved {
                by: actor,
                from: one.start,
            };
            let moved = record(tx, change, id, theme, &leads, now)?;
            Ok(moved)
        })
        .await
    }

    /// Expires requests nobody answered in time: both are told, the slot is free again.
    pub async fn expire_requests(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let expired = self
            .db
            .read(move |c| bookings::list_expired_requests(c, now))
            .await?;
        let mut count = 0;
        for id in expired {
            let leads = self.settings.reminder_leads.clone();
            let done = self
                .booking_tx(id, move |tx, _one, theme| {
                    if !bookings::update_status(
                        tx,
                        id,
                        &[BookingStatus::Requested],
                        BookingStatus::Expired,
                        None,
                        None,
                        now,
                    )? {
                        return Ok(false);
                    }
                    // An occurrence of a series expires quietly: the series says so once.
                    if !super::series::expire_occurrence(tx, id, theme, now)? {
                        record(tx, Change::Expired, id, theme, &leads, now)?;
                    }
                    Ok(true)
                })
                .await;
            match done {
                Ok(true) => count += 1,
                Ok(false) => {}
                Err(e) => {
                    tracing::error!(id, error = format!("{e:#}"), "could not expire a request")
                }
            }
        }
        Ok(count)
    }

    pub async fn one_on_one(&self, id: i64) -> BookingResult<OneOnOne> {
        self.db
            .read(move |c| bookings::get_one_on_one(c, id))
            .await?
            .ok_or(BookingError::NotFound)
    }

    /// The person's requested and confirmed 1on1s that have not ended, with their themes.
    pub async fn upcoming(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<(OneOnOne, String)>> {
        let user = user.clone();
        self.db
            .read(move |c| {
                let mut out = Vec::new();
                for one in bookings::list_live_for(c, &user, now, 20)? {
                    let theme = themes::get_theme(c, one.theme_id)?
                        .map(|t| t.name)
                        .unwrap_or_default();
                    out.push((one, theme));
                }
                Ok(out)
            })
            .await
    }

    async fn zone_of(&self, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<Tz> {
        Ok(self.reader(&self.profile(user, now).await?).tz)
    }

    /// Loads the 1on1 and its theme, runs `f` in one transaction, wakes delivery.
    async fn booking_tx<R, F>(&self, id: i64, f: F) -> BookingResult<R>
    where
        F: FnOnce(&Tx<'_>, &OneOnOne, &Theme) -> BookingResult<R> + Send + 'static,
        R: Send + 'static,
    {
        let result = self
            .db
            .write(move |tx| {
                let one = bookings::get_one_on_one(tx, id)?.ok_or(BookingError::NotFound)?;
                let theme = themes::get_theme(tx, one.theme_id)?.ok_or(BookingError::NotFound)?;
                f(tx, &one, &theme)
            })
            .await?;
        self.wake_delivery();
        Ok(result)
    }
}

/// Why someone who is not the mentor cannot decide on a request: the mentee is told that only
/// the mentor decides, anyone else that the 1on1 is not theirs.
pub fn decider_error(one: &OneOnOne, actor: &UserId) -> BookingError {
    if one.mentee == *actor {
        BookingError::MentorOnly
    } else {
        BookingError::Forbidden
    }
}

fn already(status: BookingStatus) -> BookingError {
    BookingError::AlreadyDone(status.as_str())
}

fn info(one: &OneOnOne, theme: &Theme) -> BookingInfo {
    one.booking_info(&theme.name)
}

/// Re-reads the 1on1 as `change` left it and writes what the change owes, in the change's
/// transaction.
fn record(
    tx: &Tx<'_>,
    change: Change,
    id: i64,
    theme: &Theme,
    leads: &[Duration],
    now: DateTime<Utc>,
) -> BookingResult<OneOnOne> {
    let after = bookings::get_one_on_one(tx, id)?.ok_or(BookingError::NotFound)?;
    queue::apply(tx, &effects(&change, &after, &theme.name, leads, now), now)?;
    Ok(after)
}

/// Refuses deciding one occurrence of a series still waiting for its mentor: the series is
/// accepted or declined once, from its request DM (otherwise the series would later say it
/// expired while one of its 1on1s is confirmed).
fn series_decides(tx: &Tx<'_>, id: i64) -> BookingResult<()> {
    let Some(series) = crate::storage::series::get_series_of(tx, id)? else {
        return Ok(());
    };
    match crate::storage::series::get_series(tx, series)? {
        Some(row) if row.status == "requested" => Err(BookingError::SeriesWaiting),
        _ => Ok(()),
    }
}
