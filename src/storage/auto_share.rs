//! `auto_share_rules`: who else receives the summary of a held 1on1 (自動共有).

use anyhow::Context;
use rusqlite::{params, Connection};

use crate::domain::UserId;

/// Everyone who receives the summary of a 1on1 of `theme_id` with `mentee`: the theme's
/// recipients and the mentee's, each once, never the pair themselves, in a stable order.
pub fn recipients_for(
    conn: &Connection,
    theme_id: i64,
    mentee: &UserId,
    mentor: &UserId,
) -> anyhow::Result<Vec<UserId>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT DISTINCT recipient_id FROM auto_share_rules
             WHERE (theme_id = ?1 OR mentee_id = ?2) AND recipient_id NOT IN (?2, ?3)
             ORDER BY recipient_id",
        )
        .context("prepare auto-share recipients")?;
    let rows = stmt
        .query_map(params![theme_id, mentee.as_str(), mentor.as_str()], |r| {
            r.get::<_, String>(0)
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("auto-share recipients of theme {theme_id} and {mentee}"))?;
    rows.iter()
        .map(|id| UserId::parse(id).context("stored auto-share recipient"))
        .collect()
}

/// Whose 1on1s a rule covers: every 1on1 of a theme, or every 1on1 of one mentee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareScope {
    Theme(i64),
    Mentee(UserId),
}

/// An auto-share rule as the office's screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRule {
    pub id: i64,
    pub scope: ShareScope,
    pub recipient: UserId,
}

/// Adds a rule; false when the same scope already shares with that recipient.
pub fn insert_rule(
    conn: &Connection,
    scope: &ShareScope,
    recipient: &UserId,
    by: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<bool> {
    let (theme, mentee) = match scope {
        ShareScope::Theme(id) => (Some(*id), None),
        ShareScope::Mentee(user) => (None, Some(user.as_str())),
    };
    let inserted = conn
        .execute(
            "INSERT INTO auto_share_rules (theme_id, mentee_id, recipient_id, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
            params![theme, mentee, recipient.as_str(), by, super::time_to_db(now)],
        )
        .with_context(|| format!("add auto-share rule {scope:?} → {recipient}"))?;
    Ok(inserted == 1)
}

/// Removes a rule; false when there was no such rule.
pub fn delete_rule(conn: &Connection, id: i64) -> anyhow::Result<bool> {
    let deleted = conn
        .execute("DELETE FROM auto_share_rules WHERE id = ?1", [id])
        .with_context(|| format!("remove auto-share rule {id}"))?;
    Ok(deleted == 1)
}

/// Every rule: theme rules first (by theme), then mentee rules, each by recipient.
pub fn list_rules(conn: &Connection) -> anyhow::Result<Vec<ShareRule>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, theme_id, mentee_id, recipient_id FROM auto_share_rules
             ORDER BY theme_id IS NULL, theme_id, mentee_id, recipient_id, id",
        )
        .context("prepare auto-share rules")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list auto-share rules")?;
    rows.into_iter()
        .map(|(id, theme, mentee, recipient)| {
            let scope = match (theme, mentee) {
                (Some(theme), _) => ShareScope::Theme(theme),
                (None, Some(mentee)) => {
                    ShareScope::Mentee(UserId::parse(&mentee).context("stored mentee")?)
                }
                (None, None) => anyhow::bail!("auto-share rule {id} has no scope"),
            };
            Ok(ShareRule {
                id,
                scope,
                recipient: UserId::parse(&recipient).context("stored recipient")?,
            })
        })
        .collect()
}
