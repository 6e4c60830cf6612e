//! Nudges: a mentee whose last 1on1 is N weeks behind them with nothing booked gets one
//! "Book again" DM per stretch of N weeks (N set by the office, default 4); a mentor whose
//! request has waited more than a day gets one reminder. Anyone can turn theirs off. The job
//! queues outbox rows whose keys name the period, so a restart or a second run sends nothing
//! twice.

use chrono::{DateTime, Utc};

use super::admin::{Actor, AdminError};
use super::errors::{Message, UserError};
use super::outbox as queue;
use super::App;
use crate::domain::followup::{
    parse_nudge_weeks, rebook_period, FollowupNotice, NUDGE_WEEKS_DEFAULT, PENDING_NUDGE_AFTER,
};
use crate::domain::{HomeCause, Notice, NudgeKind, OutboxKey, OutboxKeyPrefix, UserId};
use crate::storage::{bookings, nudges, outbox, themes};

#[derive(Debug, thiserror::Error)]
pub enum NudgeError {
    #[error("only the program office changes nudge settings")]
    NotAdmin,
    /// Not a whole number of weeks from 1 to 52.
    #[error("invalid number of weeks")]
    Weeks,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl UserError for NudgeError {
    fn message(&self) -> Message {
        match self {
            NudgeError::NotAdmin => Message::new("admin-only"),
            NudgeError::Weeks => Message::new("nudge-weeks-invalid"),
            NudgeError::Internal(_) => Message::new("error-generic"),
        }
    }
}

impl App {
    /// Weeks without a 1on1 before a mentee is nudged (the office's setting, or the default).
    pub async fn rebook_weeks(&self) -> anyhow::Result<u32> {
        Ok(self
            .db
            .read(nudges::get_rebook_weeks)
            .await?
            .unwrap_or(NUDGE_WEEKS_DEFAULT))
    }

    /// The office sets the weeks (typed as text; 1–52). Admins only, checked here.
    pub async fn set_rebook_weeks(
        &self,
        actor: &Actor,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<u32, NudgeError> {
        match self.require_admin(actor).await {
            Ok(()) => {}
            Err(AdminError::Internal(e)) => return Err(e.into()),
            Err(_) => return Err(NudgeError::NotAdmin),
        }
        let weeks = parse_nudge_weeks(text).ok_or(NudgeError::Weeks)?;
        let by = match actor {
            Actor::User(user) => user.to_string(),
            Actor::Cli => "cli".to_string(),
        };
        self.db
            .write(move |tx| nudges::upsert_rebook_weeks(tx, weeks, &by, now))
            .await?;
        Ok(weeks)
    }

    /// Whether `user` gets nudges.
    pub async fn nudges_on(&self, user: &UserId) -> anyhow::Result<bool> {
        let user = user.clone();
        Ok(!self
            .db
            .read(move |c| nudges::get_opted_out(c, &user))
            .await?)
    }

    /// Turns `user`'s nudges off or on (anyone, for themselves only); their Home shows it.
    pub async fn set_nudges(
        &self,
        user: &UserId,
        on: bool,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let user = user.clone();
        self.db
            .write(move |tx| -> anyhow::Result<()> {
                match on {
                    true => nudges::delete_opt_out(tx, &user)?,
                    false => {
                        nudges::insert_opt_out(tx, &user, now)?;
                        // Nudges already queued (delivery may be behind) are not sent either.
                        for kind in NudgeKind::ALL {
                            let prefix = OutboxKeyPrefix::NudgesTo {
                                user: user.clone(),
                                kind,
                            };
                            outbox::update_cancel_pending(tx, &prefix.to_string(), now)?;
                        }
                    }
                }
                let cause = HomeCause::Named(format!("nudges:{on}:{}", now.timestamp_millis()));
                queue::queue_home_refresh(tx, &user, cause, now)?;
                Ok(())
            })
            .await?;
        self.wake_delivery();
        Ok(())
    }

    /// Queues the nudges due at `now` (the `nudges` job); returns how many were new.
    pub async fn queue_nudges(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let weeks = self.rebook_weeks().await?;
        let queued = self
            .db
            .write(move |tx| -> anyhow::Result<usize> {
                let mut queued = 0;
                for last in nudges::list_last_one_on_ones(tx, now)? {
                    let Some(period) = rebook_period(last.end, now, weeks) else {
                        continue;
                    };
                    let theme = themes::get_theme(tx, last.theme_id)?
                        .map(|t| t.name)
                        .unwrap_or_default();
                    let key = OutboxKey::NudgeRebook {
                        user: last.mentee.clone(),
                        last_one_on_one: last.one_on_one,
                        period,
                    };
                    let notice = FollowupNotice::Rebook {
                        one_on_one_id: last.one_on_one,
                        mentor: last.mentor,
                        theme_id: last.theme_id,
                        theme,
                        weeks,
                        last: last.end,
                    };
                    queued += queue::queue_dm(tx, key, &last.mentee, Notice::Followup(notice), now)?
                        as usize;
                }
                for (id, series_id) in
                    nudges::list_waiting_requests(tx, now - PENDING_NUDGE_AFTER, now)?
                {
                    let Some(one) = bookings::get_one_on_one(tx, id)? else {
                        continue;
                    };
                    let theme = themes::get_theme(tx, one.theme_id)?
                        .map(|t| t.name)
                        .unwrap_or_default();
                    let key = match series_id {
                        Some(series) => OutboxKey::NudgePendingSeries {
                            mentor: one.mentor.clone(),
                            series,
                        },
                        None => OutboxKey::NudgePending {
                            mentor: one.mentor.clone(),
                            one_on_one: id,
                        },
                    };
                    let notice = FollowupNotice::PendingRequest {
                        one_on_one_id: id,
                        series_id,
                        mentee: one.mentee.clone(),
                        theme,
                        start: one.start,
                    };
                    queued += queue::queue_dm(tx, key, &one.mentor, Notice::Followup(notice), now)?
                        as usize;
                }
                Ok(queued)
            })
            .await?;
        if queued > 0 {
            self.wake_delivery();
        }
        Ok(queued)
    }
}
