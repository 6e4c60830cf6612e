//! A mentor's 1on1 hours: the form, saving them, and the free slots they give.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::{MentorError, MentorResult};
use crate::app::outbox::queue_home_refresh;
use crate::app::App;
use crate::domain::availability::{free_slots, Hours, Slot};
use crate::domain::{HomeCause, UserId};
use crate::storage::mentors;

/// The hours form: the mentor's hours (the defaults until saved) in their own zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursScreen {
    pub hours: Hours,
    pub tz: Tz,
}

impl App {
    /// The hours form, for mentors only.
    pub async fn hours_screen(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> MentorResult<HoursScreen> {
        if !self.roles(user).await?.mentor {
            return Err(MentorError::NotMentor);
        }
        let (hours, _) = self.hours(user).await?;
        let tz = self.reader(&self.profile(user, now).await?).tz;
        Ok(HoursScreen { hours, tz })
    }

    /// The mentor's hours (the defaults until they save theirs), and whether they were saved.
    pub async fn hours(&self, user: &UserId) -> anyhow::Result<(Hours, bool)> {
        let user = user.clone();
        let saved = self.db.read(move |c| mentors::get_hours(c, &user)).await?;
        Ok(match saved {
            Some(h) => (h, true),
            None => (Hours::default(), false),
        })
    }

    /// Saves hours (already validated by the caller's parsing). Only mentors have hours.
    pub async fn save_hours(
        &self,
        user: &UserId,
        hours: Hours,
        now: DateTime<Utc>,
    ) -> MentorResult<()> {
        if !self.roles(user).await?.mentor {
            return Err(MentorError::NotMentor);
        }
        let user = user.clone();
        self.db
            .write(move |tx| -> anyhow::Result<()> {
                mentors::upsert_hours(tx, &user, &hours, now)?;
                let cause = HomeCause::Named(format!("hours:{}", now.timestamp_millis()));
                queue_home_refresh(tx, &user, cause, now)?;
                Ok(())
            })
            .await?;
        self.wake_delivery();
        Ok(())
    }

    /// The mentor's free slots from `now`, as UTC instants.
    pub async fn free_slots(
        &self,
        mentor: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<Slot>> {
        let (hours, _) = self.hours(mentor).await?;
        let tz: Tz = self
            .profile(mentor, now)
            .await?
            .tz
            .parse()
            .unwrap_or(self.settings.default_tz);
        let id = mentor.clone();
        // A month back, so 1on1s earlier in this week or month count towards a cap.
        let taken = self
            .db
            .read(move |c| mentors::list_held_slots(c, &id, now - Duration::days(32)))
            .await?;
        Ok(free_slots(&hours, tz, &taken, now))
    }
}
