//! The admins' Home part about Teams people the bot can no longer write to (they blocked or
//! uninstalled the app): how many, and the most recent few by name and when, so the program
//! office can ask them to reinstall. Decided here as catalog messages for every channel.

use chrono::{DateTime, Utc};

use crate::app::errors::{Message, MessageArg};
use crate::app::App;
use crate::storage;

/// How many of the most recent unreachable people the Home names.
pub const HOME_UNREACHABLE_SHOWN: usize = 5;

/// What the admins' Home says about unreachable Teams people: a count line, then one line each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreachableHome {
    pub count: usize,
    pub lines: Vec<Message>,
}

impl UnreachableHome {
    /// `recent` are the newest unreachable people (name, since when), newest first; nothing
    /// is shown when nobody is unreachable.
    pub fn decide(count: usize, recent: Vec<(String, DateTime<Utc>)>) -> Option<Self> {
        if count == 0 {
            return None;
        }
        let mut lines = vec![Message::new("teams-ops-unreachable-count").number("count", count)];
        lines.extend(
            recent
                .into_iter()
                .take(HOME_UNREACHABLE_SHOWN)
                .map(|(name, at)| {
                    Message::new("teams-ops-unreachable-row")
                        .text("name", name)
                        .with(
                            "reason",
                            MessageArg::Key("teams-ops-unreachable-reason".into()),
                        )
                        .with("when", MessageArg::Time(at))
                }),
        );
        let more = count.saturating_sub(HOME_UNREACHABLE_SHOWN);
        if more > 0 {
            lines.push(Message::new("teams-ops-unreachable-more").number("count", more));
        }
        Some(Self { count, lines })
    }
}

impl App {
    /// The admins' view of unreachable Teams people (the caller checks the reader is an admin).
    pub async fn unreachable_home(&self) -> anyhow::Result<Option<UnreachableHome>> {
        let (count, recent) = self
            .db
            .read(|c| {
                let count = storage::teams_people::count_unreachable(c)?;
                let recent = storage::teams_people::list_unreachable(c, HOME_UNREACHABLE_SHOWN)?;
                Ok::<_, anyhow::Error>((count, recent))
            })
            .await?;
        let recent = recent
            .into_iter()
            .filter_map(|p| p.unreachable_at.map(|at| (p.name, at)))
            .collect();
        Ok(UnreachableHome::decide(count, recent))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn nobody_unreachable_shows_nothing_and_many_are_counted_past_the_few_named() {
        assert_eq!(UnreachableHome::decide(0, vec![]), None);
        let at = Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
        let recent: Vec<_> = (0..HOME_UNREACHABLE_SHOWN)
            .map(|i| (format!("P{i}"), at))
            .collect();
        let home = UnreachableHome::decide(7, recent).unwrap();
        assert_eq!(home.count, 7);
        assert_eq!(home.lines.len(), 1 + HOME_UNREACHABLE_SHOWN + 1);
        assert_eq!(home.lines[0].key, "teams-ops-unreachable-count");
        assert_eq!(home.lines[1].key, "teams-ops-unreachable-row");
        assert_eq!(
            home.lines.last().unwrap(),
            &Message::new("teams-ops-unreachable-more").number("count", 2)
        );
    }
}
