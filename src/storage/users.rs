//! `users`: people as Slack described them.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{time_from_db, time_to_db};
use crate::domain::{ChannelId, UserId, UserProfile};

pub fn get_user(conn: &Connection, id: &UserId) -> anyhow::Result<Option<UserProfile>> {
    // Cached: every request reads its sender's profile.
    let row = conn
        .prepare_cached(
            "SELECT display_name, tz, locale, is_bot, deleted, described, refreshed_at, email
             FROM users WHERE id = ?1",
        )?
        .query_row([id.as_str()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, bool>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        })
        .optional()
        .with_context(|| format!("get user {id}"))?;
    row.map(
        |(display_name, tz, locale, is_bot, deleted, described, refreshed, email)| {
            Ok(UserProfile {
                id: id.clone(),
                display_name,
                tz,
                locale,
                is_bot,
                deleted,
                described,
                email,
                refreshed_at: time_from_db(&refreshed)?,
            })
        },
    )
    .transpose()
}

/// Inserts or refreshes a profile; keeps the DM channel already known.
pub fn upsert_user(conn: &Connection, p: &UserProfile, now: DateTime<Utc>) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO users (id, display_name, tz, locale, is_bot, deleted, described, refreshed_at, created_at, email)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET
           display_name = excluded.display_name, tz = excluded.tz, locale = excluded.locale,
           is_bot = excluded.is_bot, deleted = excluded.deleted, described = excluded.described,
           refreshed_at = excluded.refreshed_at, email = excluded.email",
        params![
            p.id.as_str(),
            p.display_name,
            p.tz,
            p.locale,
            p.is_bot,
            p.deleted,
            p.described,
            time_to_db(p.refreshed_at),
            time_to_db(now),
            p.email,
        ],
    )
    .with_context(|| format!("upsert user {}", p.id))?;
    Ok(())
}

pub fn get_dm_channel(conn: &Connection, id: &UserId) -> anyhow::Result<Option<ChannelId>> {
    let channel: Option<Option<String>> = conn
        .query_row(
            "SELECT dm_channel FROM users WHERE id = ?1",
            [id.as_str()],
            |r| r.get(0),
        )
        .optional()
        .with_context(|| format!("get dm channel of {id}"))?;
    channel
        .flatten()
        .map(|c| ChannelId::parse(&c).with_context(|| format!("stored dm channel of {id}")))
        .transpose()
}

/// Remembers the DM channel; does nothing for a user not stored yet.
pub fn update_dm_channel(
    conn: &Connection,
    id: &UserId,
    channel: &ChannelId,
) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE users SET dm_channel = ?2 WHERE id = ?1",
        params![id.as_str(), channel.as_str()],
    )
    .with_context(|| format!("update dm channel of {id}"))?;
    Ok(())
}

/// The display names of `ids` that are stored (one query, whatever their number).
pub fn get_display_names(
    conn: &Connection,
    ids: &[UserId],
) -> anyhow::Result<Vec<(UserId, String)>> {
    let list = serde_json::to_string(&ids.iter().map(UserId::as_str).collect::<Vec<_>>())?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, display_name FROM users WHERE id IN (SELECT value FROM json_each(?1))",
    )?;
    let rows = stmt
        .query_map([list], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .context("get display names")?;
    rows.into_iter()
        .map(|(id, name)| Ok((UserId::parse(&id).context("stored user id")?, name)))
        .collect()
}
