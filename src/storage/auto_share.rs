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
