//! 1on1s: finding mentors, requesting a slot (claimed atomically), the mentor's decision,
//! expiry, cancel and reschedule, reminders and calendar invites. Every change and every DM it
//! causes are written in one transaction.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use super::actions::FindCtx;
use super::outbox as queue;
use super::ports::Outgoing;
use super::screens::{
    theme_groups, Entered, FindScreen, Redraw, RequestScreen, RescheduleScreen, ResultsScreen,
    ThemeGroup,
};
use super::App;
use crate::domain::availability::{cap_period_bounds, Slot};
use crate::domain::booking::{
    decide_request, effects, request_lapsed, stale_dm_outcome, BookingStatus, ButtonDm, Change,
    RequestDraft, RequestField, RequestFieldError,
};
use crate::domain::calendar::{Attendee, Invite};
use crate::domain::{
    BookingInfo, Brief, CertStatus, Conflict, Lang, NewOneOnOne, Notice, OneOnOne, Reader, SentDm,
    Theme, UserId,
};
use crate::i18n::{response_label, t_args, topic_label};
use crate::storage::bookings;
use crate::storage::outbox;
use crate::storage::{mentors, search, themes, Tx};

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
}

impl App {
    /// A page of the mentors matching the words and theme, each with a free slot (mentors
    /// away, at their cap, or without hours are hidden), never the reader.
    pub async fn find_mentors(
        &self,
        reader: &UserId,
        query: &str,
        theme: Option<i64>,
        page: usize,
        now: DateTime<Utc>,
    ) -> anyhow::Result<ResultsScreen> {
        let words = search::search_words(query);
        let me = reader.clone();
        let hits = self
            .db
            .read(move |c| search::list_search_hits(c, &words, theme, &me, 2000))
            .await?;
        let mut mentors: Vec<UserId> = Vec::new();
        for hit in hits {
            if !mentors.contains(&hit.mentor) {
                mentors.push(hit.mentor);
            }
        }
        // Every match is carded, so the page count is known (a later change makes this cost
        // one page, not every match).
        let mut cards = Vec::new();
        for mentor in mentors {
            let card = self.mentor_card(&mentor, now).await?;
            if card.next_slot.is_some() && !card.themes.is_empty() {
                cards.push(card);
            }
        }
        let theme_name = match theme {
            Some(id) => self
                .db
                .read(move |c| themes::get_theme(c, id))
                .await?
                .map(|t| t.name),
            None => None,
        };
        let search = FindCtx {
            words: query.to_string(),
            theme,
            page,
        };
        Ok(ResultsScreen::decide(search, theme_name, &cards))
    }

    /// The search form, with the themes mentees can filter by.
    pub async fn find_screen(&self, words: &str) -> anyhow::Result<FindScreen> {
        Ok(FindScreen::decide(&self.themes_for_mentees().await?, words))
    }

    /// The themes a type-ahead filter offers for what was typed.
    pub async fn theme_suggestions(&self, typed: &str) -> anyhow::Result<Vec<ThemeGroup>> {
        Ok(theme_groups(&self.themes_for_mentees().await?, typed))
    }

    /// The request form as `reader` (the mentee) sees it, keeping what they `entered`.
    pub async fn request_screen(
        &self,
        reader: &Reader,
        mentor: &UserId,
        theme_id: i64,
        entered: Entered,
        redraw: Redraw,
        now: DateTime<Utc>,
    ) -> BookingResult<RequestScreen> {
        let options = self
            .request_options(&reader.user, mentor, theme_id, now)
            .await?;
        Ok(RequestScreen::decide(&options, reader.tz, entered, redraw))
    }

    /// The reschedule form for one of the pair: the mentor's free slots in the reader's zone.
    pub async fn reschedule_screen(
        &self,
        reader: &Reader,
        id: i64,
        day: Option<NaiveDate>,
        redraw: Redraw,
        now: DateTime<Utc>,
    ) -> BookingResult<RescheduleScreen> {
        let one = self.one_on_one(id).await?;
        if one.mentor != reader.user && one.mentee != reader.user {
            return Err(BookingError::Forbidden);
        }
        let slots = self.free_slots(&one.mentor, now).await?;
        Ok(RescheduleScreen::decide(id, &slots, reader.tz, day, redraw))
    }

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
        let mentor_name = self.profile(mentor, now).await?.display_name;
        Ok(RequestOptions {
            mentor: mentor.clone(),
            mentor_name,
            theme: mt.theme,
            slots,
            custom_topics,
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
        let Some(slot) = options
            .slots
            .iter()
            .find(|s| s.start == draft.start)
            .copied()
        else {
            return Err(BookingError::SlotTaken {
                next: options.slots.into_iter().take(5).collect(),
            });
        };
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
                    record(tx, Change::Expired, id, theme, &leads, now)?;
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

    /// The DMs sent to `recipient` about 1on1 `id` whose buttons no longer apply, each with
    /// what it shows instead (read when the redraw is delivered, so it is the latest state).
    pub async fn stale_dms(
        &self,
        recipient: &UserId,
        id: i64,
    ) -> anyhow::Result<Vec<(SentDm, Outgoing)>> {
        let Ok(one) = self.one_on_one(id).await else {
            return Ok(Vec::new());
        };
        let (theme_id, who) = (one.theme_id, recipient.clone());
        let (theme, sent) = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                Ok((
                    themes::get_theme(c, theme_id)?,
                    outbox::list_sent_dms_about(c, &who, id)?,
                ))
            })
            .await?;
        let Some(theme) = theme else {
            return Ok(Vec::new());
        };
        let booking = info(&one, &theme);
        Ok(sent
            .into_iter()
            .filter_map(|dm| {
                let (about, kind) = ButtonDm::from_key(&dm.dedupe_key)?;
                let outcome =
                    stale_dm_outcome(kind, one.status, one.sequence).filter(|_| about == id)?;
                let closed = Outgoing::Closed {
                    booking: booking.clone(),
                    outcome,
                };
                Some((dm, closed))
            })
            .collect())
    }

    /// Themes mentees can filter by (not archived), by name.
    pub async fn themes_for_mentees(&self) -> anyhow::Result<Vec<Theme>> {
        let (themes, _) = self
            .db
            .read(|c| themes::list_theme_summaries(c, false, 0, 100_000))
            .await?;
        Ok(themes.into_iter().map(|(t, _)| t).collect())
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

    /// A reminder or invite resolved from the database when due; `None` when it no longer
    /// applies (the 1on1 was cancelled, moved, or has started).
    pub async fn resolve_outgoing(
        &self,
        notice: &Notice,
        recipient: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<Outgoing>> {
        let (id, sequence) = match notice {
            Notice::Reminder {
                one_on_one_id,
                sequence,
                ..
            }
            | Notice::Invite {
                one_on_one_id,
                sequence,
                ..
            } => (*one_on_one_id, *sequence),
            other => return Ok(Some(Outgoing::Notice(other.clone()))),
        };
        let Ok(one) = self.one_on_one(id).await else {
            return Ok(None);
        };
        let theme = {
            let theme_id = one.theme_id;
            self.db
                .read(move |c| themes::get_theme(c, theme_id))
                .await?
        };
        let Some(theme) = theme else { return Ok(None) };
        match notice {
            Notice::Reminder { for_mentor, .. } => {
                if one.status != BookingStatus::Confirmed
                    || one.sequence != sequence
                    || one.start <= now
                {
                    return Ok(None);
                }
                let brief = match for_mentor {
                    true => {
                        let (mentor, mentee, start) =
                            (one.mentor.clone(), one.mentee.clone(), one.start);
                        Some(
                            self.db
                                .read(move |c| -> anyhow::Result<_> {
                                    Ok(Brief {
                                        sessions: bookings::count_pair_sessions(
                                            c, &mentor, &mentee, start,
                                        )?,
                                        memo: bookings::list_memo_entries(c, &mentor, &mentee, 20)?,
                                    })
                                })
                                .await?,
                        )
                    }
                    false => None,
                };
                Ok(Some(Outgoing::Reminder {
                    booking: info(&one, &theme),
                    brief,
                }))
            }
            Notice::Invite { cancel, .. } => {
                if one.sequence != sequence {
                    return Ok(None);
                }
                let mentor = self.profile(&one.mentor, now).await?;
                let mentee = self.profile(&one.mentee, now).await?;
                let reader = self.profile(recipient, now).await?;
                let attendee = |p: &crate::domain::UserProfile| Attendee {
                    name: p.display_name.clone(),
                    email: p.email.clone(),
                    slack_id: p.id.to_string(),
                };
                let invite = Invite {
                    uid: format!("one-on-one-{}@mentor-bot", one.id),
                    sequence: one.sequence.max(0) as u32,
                    start: one.start,
                    end: one.end,
                    summary: format!(
                        "1on1: {} ({} × {})",
                        theme.name, mentor.display_name, mentee.display_name
                    ),
                    description: invite_description(self.reader(&reader).lang, &info(&one, &theme)),
                    organizer: attendee(&mentor),
                    attendees: vec![attendee(&mentor), attendee(&mentee)],
                    stamp: now,
                    tz: self.reader(&reader).tz,
                };
                Ok(Some(Outgoing::Invite {
                    invite,
                    cancel: *cancel,
                }))
            }
            _ => unreachable!("handled above"),
        }
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

/// The calendar entry's description, in the language of the person the file is for.
fn invite_description(lang: Lang, booking: &BookingInfo) -> String {
    let mut text = format!(
        "{}\n{}",
        t_args(
            lang,
            "invite-topic",
            &[("topic", &topic_label(lang, &booking.topic))]
        ),
        t_args(
            lang,
            "invite-response",
            &[("response", &response_label(lang, &booking.response))]
        ),
    );
    if !booking.note.is_empty() {
        text.push_str(&format!("\n\n{}", booking.note));
    }
    text
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
