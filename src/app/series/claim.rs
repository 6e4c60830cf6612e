//! Writing a series: claiming every planned occurrence in one transaction (any conflict rolls
//! all back), and what a series' changes queue (one DM and one Home refresh per person, the
//! occurrences' reminders and calendar files).

use chrono::{DateTime, Duration, Utc};

use super::SeriesSent;
use crate::app::booking::{BookingError, BookingResult};
use crate::app::outbox as queue;
use crate::domain::availability::{cap_period_bounds, Cap};
use crate::domain::booking::{effects, BookingStatus, Change, Effects, RequestDraft};
use crate::domain::followup::{FollowupNotice, Occurrence};
use crate::domain::series::{Planned, Recurrence};
use crate::domain::{Conflict, HomeCause, NewOneOnOne, Notice, OneOnOne, OutboxKey, Theme, UserId};
use crate::storage::series::{self as store, SeriesRow};
use crate::storage::{bookings, mentors, Tx};

/// Everything needed to claim a planned series in one transaction.
pub(super) struct Claim {
    pub(super) mentor: UserId,
    pub(super) mentee: UserId,
    pub(super) theme: Theme,
    pub(super) recurrence: Recurrence,
    pub(super) draft: RequestDraft,
    pub(super) planned: Vec<Planned>,
    pub(super) status: BookingStatus,
    pub(super) expires_at: Option<DateTime<Utc>>,
    pub(super) cap: Option<(Cap, chrono_tz::Tz)>,
    pub(super) leads: Vec<Duration>,
}

impl Claim {
    /// Inserts the series and every occurrence; any conflict is an `Err`, which rolls the
    /// whole transaction back (a series is claimed all or nothing).
    pub(super) fn save(self, tx: &Tx<'_>, now: DateTime<Utc>) -> BookingResult<SeriesSent> {
        let (mentor, mentee) = (&self.mentor, &self.mentee);
        let series_id =
            store::insert_series(tx, mentor, mentee, self.theme.id, &self.recurrence, now)?;
        let mut occurrences = Vec::new();
        let mut left_out = Vec::new();
        for planned in &self.planned {
            let Some(slot) = planned.slot else {
                left_out.push(planned.wanted);
                continue;
            };
            if let Some((cap, tz)) = self.cap {
                let (from, to) = cap_period_bounds(cap, tz, slot.start);
                if mentors::count_live_between(tx, mentor, from, to)? >= i64::from(cap.limit()) {
                    return Err(taken());
                }
            }
            let new = NewOneOnOne {
                mentor,
                mentee,
                theme_id: self.theme.id,
                start: slot.start,
                end: slot.end,
                status: self.status,
                topic: &self.draft.topic,
                response: &self.draft.response,
                note: &self.draft.note,
                expires_at: self.expires_at,
            };
            let id = match bookings::insert_one_on_one(tx, &new, now)? {
                Ok(id) => id,
                Err(Conflict::SlotTaken) => return Err(taken()),
                Err(Conflict::MenteeBusy) => return Err(BookingError::MenteeBusy),
            };
            let wanted = planned.moved().then_some(planned.wanted);
            store::update_occurrence(tx, id, series_id, wanted)?;
            let one = reread(tx, id)?;
            if occurrences.is_empty() && !self.draft.note.is_empty() {
                bookings::insert_memo_entry(tx, &one, mentee, &self.draft.note, now)?;
            }
            let fx = effects(&Change::Requested, &one, &self.theme.name, &self.leads, now);
            queue::apply(tx, &scheduled_only(fx), now)?;
            occurrences.push(occurrence(&one, wanted));
        }
        let series = SeriesRow {
            id: series_id,
            mentor: mentor.clone(),
            mentee: mentee.clone(),
            theme_id: self.theme.id,
            every_weeks: self.recurrence.every_weeks,
            count: self.recurrence.count,
            status: "requested".into(),
        };
        if self.status == BookingStatus::Confirmed {
            store::update_series_decided(tx, series_id, "accepted", now)?;
            for user in [mentor, mentee] {
                let notice = FollowupNotice::SeriesAccepted {
                    series_id,
                    mentor: mentor.clone(),
                    mentee: mentee.clone(),
                    auto: true,
                    theme: self.theme.name.clone(),
                    occurrences: occurrences.clone(),
                };
                tell(tx, &series, user, notice, now)?;
            }
        } else {
            let notice = FollowupNotice::SeriesRequested {
                series_id,
                mentee: mentee.clone(),
                theme: self.theme.name.clone(),
                every_weeks: self.recurrence.every_weeks,
                topic: self.draft.topic.clone(),
                response: self.draft.response.clone(),
                occurrences: occurrences.clone(),
                left_out: left_out.clone(),
            };
            let key = OutboxKey::SeriesRequest { series: series_id };
            queue::queue_dm(tx, key, mentor, Notice::Followup(notice), now)?;
        }
        refresh_homes(tx, &series, self.status.as_str(), now)?;
        Ok(SeriesSent {
            series_id,
            mentor: mentor.clone(),
            status: self.status,
            occurrences,
            left_out,
        })
    }
}
fn taken() -> BookingError {
    BookingError::SlotTaken { next: Vec::new() }
}
pub(super) fn occurrence(one: &OneOnOne, wanted: Option<DateTime<Utc>>) -> Occurrence {
    Occurrence {
        one_on_one_id: one.id,
        start: one.start,
        wanted,
    }
}

pub(super) fn reread(tx: &Tx<'_>, id: i64) -> BookingResult<OneOnOne> {
    bookings::get_one_on_one(tx, id)?.ok_or(BookingError::NotFound)
}

/// A series' occurrences keep what is sent later about each (reminders, calendar files, the
/// after-1on1 questions) and every withdrawal, but not the per-1on1 DMs and Home refreshes: the
/// series has one DM and one refresh per person.
pub(crate) fn scheduled_only(mut fx: Effects) -> Effects {
    fx.owed.retain(|owed| {
        matches!(
            owed.key,
            OutboxKey::Reminder { .. }
                | OutboxKey::Invite { .. }
                | OutboxKey::AfterPrompt { .. }
                | OutboxKey::AfterReminder { .. }
        )
    });
    fx
}
pub(super) fn tell(
    tx: &Tx<'_>,
    series: &SeriesRow,
    to: &UserId,
    notice: FollowupNotice,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let key = OutboxKey::SeriesDecided {
        series: series.id,
        user: to.clone(),
    };
    queue::queue_dm(tx, key, to, Notice::Followup(notice), now)?;
    Ok(())
}

pub(super) fn refresh_homes(
    tx: &Tx<'_>,
    series: &SeriesRow,
    status: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    for user in [&series.mentor, &series.mentee] {
        let cause = HomeCause::Named(format!("series:{}:{status}", series.id));
        queue::queue_home_refresh(tx, user, cause, now)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::availability::Slot;
    use crate::domain::booking::Topic;
    use crate::domain::ThemeDraft;
    use crate::storage::{themes, Db};
    use chrono::TimeZone;

    fn uid(id: &str) -> UserId {
        UserId::parse(id).unwrap()
    }

    fn slot(day: u32) -> Slot {
        let start = Utc.with_ymd_and_hms(2026, 12, day, 15, 0, 0).unwrap();
        Slot {
            start,
            end: start + Duration::hours(1),
        }
    }

    /// A series whose second week was taken after it was planned claims nothing at all.
    #[tokio::test]
    async fn a_conflict_on_any_occurrence_rolls_back_the_whole_series() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bot.db")).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let theme = db
            .write(move |tx| -> anyhow::Result<Theme> {
                let draft = ThemeDraft::parse("育休", Some("programs"), "").unwrap();
                let id = themes::insert_theme(tx, &draft, "cli", now)?;
                Ok(themes::get_theme(tx, id)?.unwrap())
            })
            .await
            .unwrap();
        let topic = Topic::Default {
            key: "career".into(),
        };
        // Someone else took the second week's slot between planning and claiming.
        let (theme_id, blocker) = (theme.id, topic.clone());
        db.write(move |tx| -> anyhow::Result<()> {
            let new = NewOneOnOne {
                mentor: &uid("UNY"),
                mentee: &uid("UMB"),
                theme_id,
                start: slot(8).start,
                end: slot(8).end,
                status: BookingStatus::Requested,
                topic: &blocker,
                response: "listen",
                note: "",
                expires_at: None,
            };
            bookings::insert_one_on_one(tx, &new, now)?.unwrap();
            Ok(())
        })
        .await
        .unwrap();

        let planned = [1, 8, 15].map(|day| Planned {
            wanted: slot(day).start,
            slot: Some(slot(day)),
        });
        let claim = Claim {
            mentor: uid("UNY"),
            mentee: uid("UMA"),
            theme,
            recurrence: Recurrence {
                every_weeks: 1,
                count: 3,
            },
            draft: RequestDraft {
                start: slot(1).start,
                topic,
                response: "listen".into(),
                note: "a note".into(),
            },
            planned: planned.to_vec(),
            status: BookingStatus::Requested,
            expires_at: None,
            cap: None,
            leads: vec![Duration::days(1)],
        };
        let claimed = db.write(move |tx| claim.save(tx, now)).await;
        assert!(matches!(claimed, Err(BookingError::SlotTaken { .. })));
        let counts = db
            .read(|c| -> anyhow::Result<(i64, i64, i64, i64)> {
                let n = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0));
                Ok((
                    n("SELECT COUNT(*) FROM series")?,
                    n("SELECT COUNT(*) FROM one_on_ones")?,
                    n("SELECT COUNT(*) FROM memo_entries")?,
                    n("SELECT COUNT(*) FROM outbox")?,
                ))
            })
            .await
            .unwrap();
        assert_eq!(counts, (0, 1, 0, 0), "only the other mentee's 1on1 is left");
    }
}
