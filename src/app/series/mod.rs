//! Recurring 1on1s: a mentee asks for a series (every 1, 2 or 4 weeks, up to 12 times); its
//! occurrences are claimed all or nothing in one transaction, each its own 1on1, and an
//! occurrence whose time is not free is proposed at the nearest free slot. The mentor accepts
//! or declines the whole series once, from one DM.

mod claim;

use chrono::{DateTime, Duration, Utc};

use self::claim::{occurrence, refresh_homes, reread, scheduled_only, tell, Claim};
use super::booking::{decider_error, BookingError, BookingResult};
use super::outbox as queue;
use super::App;
use crate::domain::availability::{free_slots, Hours, Slot};
use crate::domain::booking::{
    decide_request, effects, request_lapsed, BookingStatus, Change, RequestDraft,
};
use crate::domain::followup::{FollowupNotice, Occurrence};
use crate::domain::series::{plan, Recurrence};
use crate::domain::{Notice, OutboxKey, Theme, UserId};
use crate::storage::series::{self as store, SeriesRow};
use crate::storage::{bookings, mentors, themes, Tx};

/// What asking for a series did: the occurrences booked (some perhaps proposed at another
/// time) and the ones left out for want of a free time near the one wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesSent {
    pub series_id: i64,
    pub mentor: UserId,
    /// `Confirmed` under the mentor's auto-accept, otherwise `Requested`.
    pub status: BookingStatus,
    pub occurrences: Vec<Occurrence>,
    pub left_out: Vec<DateTime<Utc>>,
}

impl App {
    /// Asks for a series starting at `draft.start` (a free slot of the mentor, like a single
    /// request). All occurrences are claimed in one transaction, or none.
    pub async fn request_series(
        &self,
        mentee: &UserId,
        mentor: &UserId,
        theme_id: i64,
        draft: RequestDraft,
        recurrence: Recurrence,
        now: DateTime<Utc>,
    ) -> BookingResult<SeriesSent> {
        let options = self.request_options(mentee, mentor, theme_id, now).await?;
        let first = options.slot_at(draft.start)?;
        let (hours, _) = self.hours(mentor).await?;
        let tz = self.reader(&self.profile(mentor, now).await?).tz;
        let wanted = recurrence.wanted(first.start, tz);
        // A series reaches past the mentor's booking horizon by design: they accept it once.
        let last = wanted.last().copied().unwrap_or(first.start);
        let reach = (last + recurrence.reach() - now).num_days() + 1;
        let hours = Hours {
            horizon_days: hours
                .horizon_days
                .max(u32::try_from(reach).unwrap_or(u32::MAX)),
            ..hours
        };
        let (m, e) = (mentor.clone(), mentee.clone());
        let (mentor_taken, mentee_busy) = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                Ok((
                    mentors::list_held_slots(c, &m, now - Duration::days(32))?,
                    mentors::list_held_slots(c, &e, now)?,
                ))
            })
            .await?;
        let planned = plan(&recurrence, &wanted, |planned| {
            let mut taken = mentor_taken.clone();
            taken.extend_from_slice(planned);
            free_slots(&hours, tz, &taken, now)
                .into_iter()
                .filter(|s| !mentee_busy.iter().any(|b| overlaps(b, s)))
                .collect()
        });
        if planned.first().and_then(|p| p.slot) != Some(first) {
            return Err(BookingError::MenteeBusy);
        }
        let (status, expires_at) = decide_request(
            hours.auto_accept,
            first.start,
            self.settings.request_ttl,
            now,
        );
        let claim = Claim {
            mentor: mentor.clone(),
            mentee: mentee.clone(),
            theme: options.theme.clone(),
            recurrence,
            draft,
            planned,
            status,
            expires_at,
            cap: hours.cap.map(|cap| (cap, tz)),
            leads: self.settings.reminder_leads.clone(),
        };
        let sent = self.db.write(move |tx| claim.save(tx, now)).await;
        match sent {
            Ok(sent) => {
                self.wake_delivery();
                Ok(sent)
            }
            Err(BookingError::SlotTaken { .. }) => {
                let next = self.free_slots(mentor, now).await?;
                Err(BookingError::SlotTaken {
                    next: next.into_iter().take(5).collect(),
                })
            }
            Err(e) => Err(e),
        }
    }

    /// The mentor accepts the whole series: every occurrence still waiting is confirmed (its
    /// reminders and calendar files queued), and the mentee is told once.
    pub async fn accept_series(
        &self,
        actor: &UserId,
        series_id: i64,
        now: DateTime<Utc>,
    ) -> BookingResult<Vec<Occurrence>> {
        let actor = actor.clone();
        let leads = self.settings.reminder_leads.clone();
        let accepted = self
            .db
            .write(move |tx| -> BookingResult<_> {
                let (series, theme) = decidable(tx, series_id, &actor, "accepted", now)?;
                let mut confirmed = Vec::new();
                for (one, wanted) in store::list_occurrences(tx, series_id)? {
                    if one.status != BookingStatus::Requested || request_lapsed(&one, now) {
                        continue;
                    }
                    let live = [BookingStatus::Requested];
                    let to = BookingStatus::Confirmed;
                    if !bookings::update_status(tx, one.id, &live, to, None, None, now)? {
                        continue;
                    }
                    let after = reread(tx, one.id)?;
                    let fx = effects(&Change::Accepted, &after, &theme.name, &leads, now);
                    queue::apply(tx, &scheduled_only(fx), now)?;
                    confirmed.push(occurrence(&after, wanted));
                }
                if confirmed.is_empty() {
                    // Every occurrence lapsed or was cancelled: nothing left to accept.
                    return Err(BookingError::AlreadyDone("expired"));
                }
                let notice = FollowupNotice::SeriesAccepted {
                    series_id,
                    mentor: series.mentor.clone(),
                    mentee: series.mentee.clone(),
                    auto: false,
                    theme: theme.name.clone(),
                    occurrences: confirmed.clone(),
                };
                tell(tx, &series, &series.mentee, notice, now)?;
                refresh_homes(tx, &series, "accepted", now)?;
                Ok(confirmed)
            })
            .await?;
        self.wake_delivery();
        Ok(accepted)
    }

    /// The mentor declines the whole series: every occurrence still waiting is declined.
    pub async fn decline_series(
        &self,
        actor: &UserId,
        series_id: i64,
        now: DateTime<Utc>,
    ) -> BookingResult<()> {
        let actor = actor.clone();
        self.db
            .write(move |tx| -> BookingResult<_> {
                let (series, theme) = decidable(tx, series_id, &actor, "declined", now)?;
                let mut declined = 0;
                for (one, _) in store::list_occurrences(tx, series_id)? {
                    let live = [BookingStatus::Requested];
                    let to = BookingStatus::Declined;
                    if !bookings::update_status(tx, one.id, &live, to, None, None, now)? {
                        continue;
                    }
                    declined += 1;
                    // What each occurrence owed later (its TODOs' reminders) is withdrawn.
                    let after = reread(tx, one.id)?;
                    let change = Change::Declined { message: None };
                    let fx = effects(&change, &after, &theme.name, &[], now);
                    queue::apply(tx, &scheduled_only(fx), now)?;
                }
                if declined == 0 {
                    // Every occurrence lapsed or was cancelled: nothing left to decline.
                    return Err(BookingError::AlreadyDone("expired"));
                }
                let notice = FollowupNotice::SeriesDeclined {
                    series_id,
                    mentor: series.mentor.clone(),
                    theme: theme.name,
                };
                tell(tx, &series, &series.mentee, notice, now)?;
                refresh_homes(tx, &series, "declined", now)?;
                Ok(())
            })
            .await?;
        self.wake_delivery();
        Ok(())
    }
}
/// Expires an occurrence quietly if it is one (`false` for a single 1on1, which the caller
/// expires the usual way): the pair get one DM for the whole series, not one per occurrence.
pub(crate) fn expire_occurrence(
    tx: &Tx<'_>,
    id: i64,
    theme: &Theme,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Some(series_id) = store::get_series_of(tx, id)? else {
        return Ok(false);
    };
    let series = store::get_series(tx, series_id)?
        .ok_or_else(|| anyhow::anyhow!("series {series_id} of 1on1 {id} vanished"))?;
    // What the occurrence owed later (its TODOs' reminders) is withdrawn, quietly.
    if let Some(after) = bookings::get_one_on_one(tx, id)? {
        let fx = effects(&Change::Expired, &after, &theme.name, &[], now);
        queue::apply(tx, &scheduled_only(fx), now)?;
    }
    for user in [&series.mentor, &series.mentee] {
        let notice = FollowupNotice::SeriesExpired {
            series_id: series.id,
            mentor: series.mentor.clone(),
            mentee: series.mentee.clone(),
            theme: theme.name.clone(),
        };
        let key = OutboxKey::SeriesExpired {
            series: series.id,
            user: user.clone(),
        };
        queue::queue_dm(tx, key, user, Notice::Followup(notice), now)?;
    }
    refresh_homes(tx, &series, "expired", now)?;
    Ok(true)
}
fn overlaps(a: &Slot, b: &Slot) -> bool {
    a.start < b.end && b.start < a.end
}
/// Loads a series the actor may decide and marks it `status`; refuses anyone but its mentor.
fn decidable(
    tx: &Tx<'_>,
    id: i64,
    actor: &UserId,
    status: &'static str,
    now: DateTime<Utc>,
) -> BookingResult<(SeriesRow, Theme)> {
    let series = store::get_series(tx, id)?.ok_or(BookingError::NotFound)?;
    if series.mentor != *actor {
        // Decided like a single request: the mentee is told only the mentor decides.
        let first = store::list_occurrences(tx, id)?
            .into_iter()
            .next()
            .map(|(one, _)| one)
            .ok_or(BookingError::NotFound)?;
        return Err(decider_error(&first, actor));
    }
    let theme = themes::get_theme(tx, series.theme_id)?.ok_or(BookingError::NotFound)?;
    if !store::update_series_decided(tx, id, status, now)? {
        let was = match series.status.as_str() {
            "accepted" => "confirmed",
            _ => "declined",
        };
        return Err(BookingError::AlreadyDone(was));
    }
    Ok((series, theme))
}
