//! Looking back (振り返り): a person's past 1on1s, newest first, a page at a time, each with
//! its shared memo, the reader's own private memo (never the other's) and its TODOs.

use chrono::{DateTime, Utc};

use super::{MemoError, MemoResult};
use crate::app::screens::{HistoryRow, HistoryScreen};
use crate::app::App;
use crate::domain::UserId;
use crate::storage::{auto_share, bookings, memos, themes};

/// Past 1on1s per page of the history (each row is a few blocks of a modal).
pub const HISTORY_PAGE: usize = 5;

impl App {
    /// Page `page` (0-based) of `user`'s past 1on1s, with `partner` only when given.
    pub async fn history_screen(
        &self,
        user: &UserId,
        partner: Option<UserId>,
        page: usize,
        now: DateTime<Utc>,
    ) -> MemoResult<HistoryScreen> {
        let reader = self.reader(&self.profile(user, now).await?);
        let who = user.clone();
        let with = partner.clone();
        let (rows, more) = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                let mut ids = memos::list_past_ids(
                    c,
                    &who,
                    with.as_ref(),
                    now,
                    HISTORY_PAGE + 1,
                    // A forged page number beyond any history is an empty page, not an overflow.
                    page.min(1_000_000) * HISTORY_PAGE,
                )?;
                let more = ids.len() > HISTORY_PAGE;
                ids.truncate(HISTORY_PAGE);
                let mut rows = Vec::with_capacity(ids.len());
                for id in ids {
                    let Some(one) = bookings::get_one_on_one(c, id)? else {
                        continue;
                    };
                    let recipients =
                        auto_share::recipients_for(c, one.theme_id, &one.mentee, &one.mentor)?;
                    let theme = themes::get_theme(c, one.theme_id)?
                        .map(|t| t.name)
                        .unwrap_or_default();
                    rows.push(HistoryRow::decide(
                        &who,
                        one,
                        theme,
                        memos::get_held(c, id)?,
                        memos::list_entries_of(c, id)?,
                        recipients,
                        // The reader's own private memo: the query names its author.
                        memos::get_private_memo(c, id, &who)?,
                        memos::list_todos_of(c, id)?,
                    ));
                }
                Ok((rows, more))
            })
            .await?;
        Ok(HistoryScreen::decide(reader, partner, page, rows, more))
    }

    /// Who `/mentor history <arg>` names: a mention (`<@U…>` or `<@U…|name>`), a user id, or
    /// `@name` / `name` matched against the display names of the people `user` has met.
    pub async fn history_partner(
        &self,
        user: &UserId,
        arg: &str,
        now: DateTime<Utc>,
    ) -> MemoResult<Option<UserId>> {
        let arg = arg.trim();
        if arg.is_empty() {
            return Ok(None);
        }
        if let Some(id) = mentioned(arg) {
            return Ok(Some(id));
        }
        let wanted = arg.trim_start_matches(['@', '＠']).to_lowercase();
        let who = user.clone();
        let partners = self
            .db
            .read(move |c| memos::list_partners(c, &who, now))
            .await?;
        for partner in partners {
            let name = self.profile(&partner, now).await?.display_name;
            if name.to_lowercase() == wanted {
                return Ok(Some(partner));
            }
        }
        Err(MemoError::UnknownPartner)
    }
}

/// The user id in `<@U123>`, `<@U123|name>` or a bare `U123`.
fn mentioned(arg: &str) -> Option<UserId> {
    let inner = arg
        .strip_prefix("<@")
        .and_then(|s| s.strip_suffix('>'))
        .map(|s| s.split('|').next().unwrap_or_default())
        .unwrap_or(arg);
    let looks_like_id = inner.len() >= 3
        && inner.starts_with(['U', 'W'])
        && inner
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    looks_like_id.then(|| UserId::parse(inner).ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partner_is_read_from_a_mention_or_an_id_and_a_name_is_not_an_id() {
        let id = |s: &str| mentioned(s).map(|u| u.to_string());
        assert_eq!(id("<@UEN>").as_deref(), Some("UEN"));
        assert_eq!(id("<@UEN|emma>").as_deref(), Some("UEN"));
        assert_eq!(id("W012AB").as_deref(), Some("W012AB"));
        assert_eq!(id("@emma"), None);
        assert_eq!(id("Emma"), None);
    }
}
