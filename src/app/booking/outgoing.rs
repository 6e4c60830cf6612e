//! What DMs about a 1on1 show when they are delivered: reminders and invites resolved from the
//! database, and earlier DMs whose buttons no longer apply.

use chrono::{DateTime, Utc};

use super::info;
use crate::app::ports::Outgoing;
use crate::app::App;
use crate::domain::booking::{stale_dm_outcome, BookingStatus, ButtonDm};
use crate::domain::calendar::{Attendee, Invite};
use crate::domain::{BookingInfo, Brief, Lang, Notice, OneOnOne, SentDm, Theme, UserId};
use crate::i18n::{response_label, t_args, topic_label};
use crate::storage::{bookings, outbox, themes};

impl App {
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
        Ok(sent
            .into_iter()
            .filter_map(|dm| {
                let closed = closed_dm(&one, &theme, &dm.dedupe_key)?;
                Some((dm, closed))
            })
            .collect())
    }

    /// What a DM with buttons (by its outbox key) shows instead when its 1on1 has moved on
    /// since it was queued; `None` when it is no such DM or its buttons still apply.
    pub(crate) async fn closed_instead(&self, key: &str) -> anyhow::Result<Option<Outgoing>> {
        let Some((id, _)) = ButtonDm::from_key(key) else {
            return Ok(None);
        };
        let Ok(one) = self.one_on_one(id).await else {
            return Ok(None);
        };
        let theme_id = one.theme_id;
        let theme = self
            .db
            .read(move |c| themes::get_theme(c, theme_id))
            .await?;
        Ok(theme.and_then(|theme| closed_dm(&one, &theme, key)))
    }

    /// A reminder or invite resolved from the database when due; `None` when it no longer
    /// applies (the 1on1 was cancelled, moved, or has started).
    pub async fn resolve_outgoing(
        &self,
        notice: &Notice,
        recipient: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<Outgoing>> {
        if let Some(after) = self.resolve_after(notice, recipient).await? {
            return Ok(after);
        }
        if let Some(file) = self.resolve_survey_export(notice, recipient, now).await? {
            return Ok(Some(file));
        }
        if let Some(answer) = self.resolve_export_answer(notice, recipient, now).await? {
            return Ok(answer);
        }
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
                        let (topic, response) = (one.topic_key.clone(), one.response.clone());
                        Some(
                            self.db
                                .read(move |c| -> anyhow::Result<_> {
                                    Ok(Brief {
                                        sessions: bookings::count_pair_sessions(
                                            c, &mentor, &mentee, start,
                                        )?,
                                        memo: bookings::list_memo_entries(c, &mentor, &mentee, 20)?,
                                        tips: crate::storage::tips::list_tips_for(
                                            c,
                                            &topic,
                                            &response,
                                            &mentor,
                                            crate::domain::insight::TIPS_IN_BRIEF,
                                        )?
                                        .into_iter()
                                        .map(|t| (t.signed.then(|| t.author.to_string()), t.body))
                                        .collect(),
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

/// The outcome a DM about `one` keyed `key` shows instead of its buttons, if they no longer
/// apply (`domain::booking::stale_dm_outcome`).
fn closed_dm(one: &OneOnOne, theme: &Theme, key: &str) -> Option<Outgoing> {
    let (about, kind) = ButtonDm::from_key(key)?;
    let outcome = stale_dm_outcome(kind, one.status, one.sequence).filter(|_| about == one.id)?;
    Some(Outgoing::Closed {
        booking: info(one, theme),
        outcome,
    })
}
