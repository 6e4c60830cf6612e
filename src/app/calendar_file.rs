//! A 1on1's calendar file as it is now, for one of its two people: what a signed download
//! link (Teams' personal chats take no uploads) serves when it is opened.

use chrono::{DateTime, Utc};

use super::ports::Outgoing;
use super::App;
use crate::domain::booking::BookingStatus;
use crate::domain::calendar::{file_name, invite_ics, Method};
use crate::domain::{Notice, UserId};

impl App {
    /// `(file name, iCalendar text)` of 1on1 `one_on_one` for `recipient`, read from the
    /// database now: the latest time for a confirmed 1on1, the cancellation for a cancelled
    /// one. `None` when there is no such 1on1, `recipient` is not one of its two people, or it
    /// never had a calendar entry (requested, declined, expired).
    pub async fn calendar_file(
        &self,
        one_on_one: i64,
        recipient: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<(String, String)>> {
        let Ok(one) = self.one_on_one(one_on_one).await else {
            return Ok(None);
        };
        if &one.mentor != recipient && &one.mentee != recipient {
            return Ok(None);
        }
        let cancel = match one.status {
            BookingStatus::Confirmed => false,
            BookingStatus::Cancelled => true,
            BookingStatus::Requested | BookingStatus::Declined | BookingStatus::Expired => {
                return Ok(None)
            }
        };
        let notice = Notice::Invite {
            one_on_one_id: one.id,
            sequence: one.sequence,
            cancel,
        };
        let Some(Outgoing::Invite { invite, cancel }) =
            self.resolve_outgoing(&notice, recipient, now).await?
        else {
            return Ok(None);
        };
        let method = if cancel {
            Method::Cancel
        } else {
            Method::Request
        };
        Ok(Some((file_name(&invite), invite_ics(&invite, method))))
    }
}
