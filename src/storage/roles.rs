//! `user_roles`: roles granted in the bot (admins from configuration have no row).

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::time_to_db;
use crate::domain::{Role, UserId};

/// Granted roles, plus mentor for anyone certified for a theme (and not revoked).
pub fn list_roles(conn: &Connection, user: &UserId) -> anyhow::Result<Vec<Role>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT role FROM user_roles WHERE user_id = ?1
             UNION
             SELECT 'mentor' FROM certifications WHERE user_id = ?1 AND status != 'revoked'",
        )
        .context("prepare list roles")?;
    let roles = stmt
        .query_map([user.as_str()], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list roles of {user}"))?;
    Ok(roles.iter().filter_map(|r| Role::parse(r)).collect())
}

/// Grants a role; returns false when it was already held.
pub fn insert_role(
    conn: &Connection,
    user: &UserId,
    role: Role,
    granted_by: Option<&UserId>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "INSERT OR IGNORE INTO user_roles (user_id, role, granted_by, granted_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                user.as_str(),
                role.as_str(),
                granted_by.map(|u| u.as_str()),
                time_to_db(now)
            ],
        )
        .with_context(|| format!("grant {} to {user}", role.as_str()))?;
    Ok(n == 1)
}

/// Revokes a role; returns false when it was not held.
pub fn delete_role(conn: &Connection, user: &UserId, role: Role) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "DELETE FROM user_roles WHERE user_id = ?1 AND role = ?2",
            params![user.as_str(), role.as_str()],
        )
        .with_context(|| format!("revoke {} from {user}", role.as_str()))?;
    Ok(n == 1)
}

/// Every granted admin and advisor role, by user.
pub fn list_role_holders(conn: &Connection) -> anyhow::Result<Vec<(UserId, Role)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT user_id, role FROM user_roles WHERE role IN ('admin', 'advisor') ORDER BY user_id, role",
        )
        .context("prepare list role holders")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list role holders")?;
    Ok(rows
        .into_iter()
        .filter_map(|(u, r)| Some((UserId::parse(&u).ok()?, Role::parse(&r)?)))
        .collect())
}

/// The themes of an advisor's scope (empty: the advisor sees no theme's aggregates).
pub fn list_advisor_themes(conn: &Connection, user: &UserId) -> anyhow::Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT theme_id FROM advisor_themes WHERE user_id = ?1 ORDER BY theme_id")
        .context("prepare advisor themes")?;
    let themes = stmt
        .query_map([user.as_str()], |r| r.get::<_, i64>(0))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("advisor themes of {user}"))?;
    Ok(themes)
}

/// Replaces an advisor's scope with `themes`.
pub fn replace_advisor_themes(
    conn: &Connection,
    user: &UserId,
    themes: &[i64],
    granted_by: &UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    conn.execute(
        "DELETE FROM advisor_themes WHERE user_id = ?1",
        [user.as_str()],
    )
    .with_context(|| format!("clear advisor themes of {user}"))?;
    for theme in themes {
        conn.execute(
            "INSERT INTO advisor_themes (user_id, theme_id, granted_by, granted_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![user.as_str(), theme, granted_by.as_str(), time_to_db(now)],
        )
        .with_context(|| format!("add theme {theme} to the scope of {user}"))?;
    }
    Ok(())
}
