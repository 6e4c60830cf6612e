//! `teams_people`: each Teams user's conversation reference (where and how to reach them
//! proactively) and what their activities said about them.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{time_from_db, time_to_db};
use crate::domain::UserId;

/// A Teams person as their activities and the Connector described them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamsPerson {
    pub user_id: UserId,
    pub teams_id: String,
    pub aad_object_id: String,
    pub tenant_id: String,
    pub service_url: String,
    pub bot_id: String,
    pub conversation_id: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub locale: Option<String>,
    pub tz: Option<String>,
    pub home_activity_id: Option<String>,
    pub unreachable_at: Option<DateTime<Utc>>,
    pub unreachable_reason: Option<String>,
}

const COLUMNS: &str = "user_id, teams_id, aad_object_id, tenant_id, service_url, bot_id,
    conversation_id, name, email, locale, tz, home_activity_id, unreachable_at, unreachable_reason";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(TeamsPerson, Option<String>)> {
    let id: String = r.get(0)?;
    let user_id = UserId::parse(&id).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok((
        TeamsPerson {
            user_id,
            teams_id: r.get(1)?,
            aad_object_id: r.get(2)?,
            tenant_id: r.get(3)?,
            service_url: r.get(4)?,
            bot_id: r.get(5)?,
            conversation_id: r.get(6)?,
            name: r.get(7)?,
            email: r.get(8)?,
            locale: r.get(9)?,
            tz: r.get(10)?,
            home_activity_id: r.get(11)?,
            unreachable_at: None,
            unreachable_reason: r.get(13)?,
        },
        r.get(12)?,
    ))
}

fn finish(row: Option<(TeamsPerson, Option<String>)>) -> anyhow::Result<Option<TeamsPerson>> {
    row.map(|(mut p, at)| {
        p.unreachable_at = at.as_deref().map(time_from_db).transpose()?;
        Ok(p)
    })
    .transpose()
}

pub fn get_person(conn: &Connection, user: &UserId) -> anyhow::Result<Option<TeamsPerson>> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM teams_people WHERE user_id = ?1"),
            [user.as_str()],
            from_row,
        )
        .optional()
        .with_context(|| format!("get teams person {user}"))?;
    finish(row)
}

pub fn find_by_email(conn: &Connection, email: &str) -> anyhow::Result<Option<UserId>> {
    let id: Option<String> = conn
        .query_row(
            "SELECT user_id FROM teams_people WHERE email = ?1 COLLATE NOCASE LIMIT 1",
            [email],
            |r| r.get(0),
        )
        .optional()
        .context("find teams person by email")?;
    id.map(|id| UserId::parse(&id).context("stored teams user id"))
        .transpose()
}

/// Stores what an activity says about its sender. The reference (service URL, ids, name,
/// locale and zone) is replaced; the email, the personal chat id and the Home card are kept
/// unless given. Someone who writes to the bot again is reachable again.
pub fn upsert_from_activity(
    conn: &Connection,
    p: &TeamsPerson,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO teams_people (user_id, teams_id, aad_object_id, tenant_id, service_url, bot_id,
            conversation_id, name, email, locale, tz, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (user_id) DO UPDATE SET
            teams_id = excluded.teams_id, aad_object_id = excluded.aad_object_id,
            tenant_id = excluded.tenant_id, service_url = excluded.service_url,
            bot_id = excluded.bot_id,
            conversation_id = COALESCE(excluded.conversation_id, conversation_id),
            name = excluded.name, email = COALESCE(excluded.email, email),
            locale = COALESCE(excluded.locale, locale), tz = COALESCE(excluded.tz, tz),
            unreachable_at = NULL, unreachable_reason = NULL,
            updated_at = excluded.updated_at",
        params![
            p.user_id.as_str(),
            p.teams_id,
            p.aad_object_id,
            p.tenant_id,
            p.service_url,
            p.bot_id,
            p.conversation_id,
            p.name,
            p.email,
            p.locale,
            p.tz,
            time_to_db(now),
        ],
    )
    .with_context(|| format!("upsert teams person {}", p.user_id))?;
    Ok(())
}

pub fn update_conversation(
    conn: &Connection,
    user: &UserId,
    conversation_id: &str,
) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE teams_people SET conversation_id = ?2 WHERE user_id = ?1",
        params![user.as_str(), conversation_id],
    )
    .with_context(|| format!("update teams conversation of {user}"))?;
    Ok(())
}

/// What the Connector's member lookup gave for a Teams person (name, email), kept on their
/// profile too (names on cards, invites, imports by email).
pub fn update_member(
    conn: &Connection,
    user: &UserId,
    name: Option<&str>,
    email: Option<&str>,
) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE teams_people SET name = COALESCE(?2, name), email = COALESCE(?3, email)
         WHERE user_id = ?1",
        params![user.as_str(), name, email],
    )
    .with_context(|| format!("update teams member {user}"))?;
    conn.execute(
        "UPDATE users SET display_name = COALESCE(?2, display_name), email = COALESCE(?3, email)
         WHERE id = ?1",
        params![user.as_str(), name, email],
    )
    .with_context(|| format!("update member {user}"))?;
    Ok(())
}

pub fn update_home_activity(
    conn: &Connection,
    user: &UserId,
    activity_id: &str,
) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE teams_people SET home_activity_id = ?2 WHERE user_id = ?1",
        params![user.as_str(), activity_id],
    )
    .with_context(|| format!("update teams home of {user}"))?;
    Ok(())
}

/// The bot may no longer write to this person (blocked, uninstalled): kept for the admins.
pub fn update_unreachable(
    conn: &Connection,
    user: &UserId,
    reason: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE teams_people SET unreachable_at = ?2, unreachable_reason = ?3 WHERE user_id = ?1",
        params![user.as_str(), time_to_db(now), reason],
    )
    .with_context(|| format!("mark teams person {user} unreachable"))?;
    Ok(())
}

/// The Teams people the bot cannot write to, for the admins, newest first.
pub fn list_unreachable(conn: &Connection, limit: usize) -> anyhow::Result<Vec<TeamsPerson>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM teams_people WHERE unreachable_at IS NOT NULL
         ORDER BY unreachable_at DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map([limit as i64], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|r| finish(Some(r)).map(|p| p.expect("row")))
        .collect()
}

/// How many Teams people the bot cannot write to.
pub fn count_unreachable(conn: &Connection) -> anyhow::Result<usize> {
    let n: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM teams_people WHERE unreachable_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .context("count unreachable teams people")?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Every Teams person's id and name (start-up fills the name registry from it).
pub fn list_names(conn: &Connection) -> anyhow::Result<Vec<(UserId, String)>> {
    let mut stmt = conn.prepare("SELECT user_id, name FROM teams_people")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, name)| Ok((UserId::parse(&id).context("stored teams user id")?, name)))
        .collect()
}
