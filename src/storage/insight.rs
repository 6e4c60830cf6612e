//! Mentor insight and program analytics as aggregate queries (each reads the groups it shows,
//! never rows one by one).

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::time_to_db;
use crate::domain::insight::{RatingSums, Scope};
use crate::domain::UserId;

/// One topic x response the mentor has ratings in: (topic, response, theirs, the program's).
pub type CellRow = (String, String, RatingSums, RatingSums);

/// Every topic x response in which `mentor` has at least one rating, with the program's sums.
pub fn list_insight_cells(conn: &Connection, mentor: &UserId) -> anyhow::Result<Vec<CellRow>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.topic, o.expected_response,
                    SUM(o.mentor_id = ?1),
                    SUM(CASE WHEN o.mentor_id = ?1 THEN r.clarity ELSE 0 END),
                    SUM(o.mentor_id = ?1 AND r.got_response = 'yes'),
                    COUNT(*), SUM(r.clarity), SUM(r.got_response = 'yes')
             FROM one_on_one_ratings r JOIN one_on_ones o ON o.id = r.one_on_one_id
             WHERE (o.topic, o.expected_response) IN
                   (SELECT DISTINCT topic, expected_response FROM one_on_ones WHERE mentor_id = ?1)
             GROUP BY o.topic, o.expected_response
             HAVING SUM(o.mentor_id = ?1) > 0
             ORDER BY o.topic, o.expected_response",
        )
        .context("prepare insight cells")?;
    stmt.query_map([mentor.as_str()], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            RatingSums {
                ratings: r.get(2)?,
                clarity_sum: r.get(3)?,
                got_yes: r.get(4)?,
            },
            RatingSums {
                ratings: r.get(5)?,
                clarity_sum: r.get(6)?,
                got_yes: r.get(7)?,
            },
        ))
    })
    .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
    .with_context(|| format!("insight cells of {mentor}"))
}

/// Every admin-added topic's name (archived too: old 1on1s keep their topic), by id.
pub fn list_topic_names(conn: &Connection) -> anyhow::Result<Vec<(i64, String)>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, name FROM topics")
        .context("prepare topic names")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .context("list topic names")
}

/// `col IN (…)` for a scope (ids are integers, so nothing user-typed reaches the SQL).
fn theme_filter(scope: &Scope, col: &str) -> String {
    match scope {
        Scope::All => "1".into(),
        Scope::Themes(ids) if ids.is_empty() => "0".into(),
        Scope::Themes(ids) => format!(
            "{col} IN ({})",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        ),
    }
}

fn collect<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    what: &str,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> anyhow::Result<Vec<T>> {
    let mut stmt = conn
        .prepare(sql)
        .with_context(|| format!("prepare {what}"))?;
    let rows = stmt
        .query_map(params, f)
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list {what}"))?;
    Ok(rows)
}

/// 1on1s of one month (by when they were requested, in the workspace's zone): requested,
/// held, cancelled, expired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthRow {
    pub month: String,
    pub requested: i64,
    pub held: i64,
    pub cancelled: i64,
    pub expired: i64,
}

/// For each month of `months` (label, [start, end)), newest first, its 1on1s; months without
/// any are left out. One indexed range count per month shown.
pub fn list_months(
    conn: &Connection,
    scope: &Scope,
    months: &[(String, DateTime<Utc>, DateTime<Utc>)],
) -> anyhow::Result<Vec<MonthRow>> {
    let sql = format!(
        "SELECT COUNT(*), SUM(held = 'held'), SUM(status = 'cancelled'), SUM(status = 'expired')
         FROM one_on_ones WHERE created_at >= ?1 AND created_at < ?2 AND {}",
        theme_filter(scope, "theme_id")
    );
    let mut rows = Vec::new();
    for (label, start, end) in months {
        let row = conn
            .query_row(&sql, params![time_to_db(*start), time_to_db(*end)], |r| {
                Ok(MonthRow {
                    month: label.clone(),
                    requested: r.get(0)?,
                    held: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                    cancelled: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                    expired: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                })
            })
            .with_context(|| format!("1on1s of {label}"))?;
        if row.requested > 0 {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// One theme's 1on1s and ratings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeRow {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub requested: i64,
    pub held: i64,
    pub ratings: RatingSums,
}

/// The `limit` themes with the most 1on1s.
pub fn list_theme_rows(
    conn: &Connection,
    scope: &Scope,
    limit: usize,
) -> anyhow::Result<Vec<ThemeRow>> {
    let sql = format!(
        "SELECT t.id, t.name, t.category, COUNT(o.id), SUM(o.held = 'held'),
                COUNT(r.one_on_one_id), COALESCE(SUM(r.clarity), 0),
                COALESCE(SUM(r.got_response = 'yes'), 0)
         FROM one_on_ones o JOIN themes t ON t.id = o.theme_id
              LEFT JOIN one_on_one_ratings r ON r.one_on_one_id = o.id
         WHERE {}
         GROUP BY t.id ORDER BY COUNT(o.id) DESC, t.name LIMIT ?1",
        theme_filter(scope, "o.theme_id")
    );
    collect(conn, &sql, [limit as i64], "1on1s by theme", |r| {
        Ok(ThemeRow {
            id: r.get(0)?,
            name: r.get(1)?,
            category: r.get(2)?,
            requested: r.get(3)?,
            held: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
            ratings: RatingSums {
                ratings: r.get(5)?,
                clarity_sum: r.get(6)?,
                got_yes: r.get(7)?,
            },
        })
    })
}

/// 1on1s requested and held by theme category.
pub fn list_category_rows(
    conn: &Connection,
    scope: &Scope,
) -> anyhow::Result<Vec<(String, i64, i64)>> {
    let sql = format!(
        "SELECT t.category, COUNT(o.id), SUM(o.held = 'held')
         FROM one_on_ones o JOIN themes t ON t.id = o.theme_id
         WHERE {} GROUP BY t.category ORDER BY COUNT(o.id) DESC, t.category",
        theme_filter(scope, "o.theme_id")
    );
    collect(conn, &sql, [], "1on1s by category", |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get::<_, Option<i64>>(2)?.unwrap_or(0),
        ))
    })
}

/// The `limit` mentors who held the most 1on1s: (mentor, held).
pub fn list_mentor_load(
    conn: &Connection,
    scope: &Scope,
    limit: usize,
) -> anyhow::Result<Vec<(UserId, i64)>> {
    let sql = format!(
        "SELECT mentor_id, COUNT(*) FROM one_on_ones WHERE held = 'held' AND {}
         GROUP BY mentor_id ORDER BY COUNT(*) DESC, mentor_id LIMIT ?1",
        theme_filter(scope, "theme_id")
    );
    let rows: Vec<(String, i64)> = collect(conn, &sql, [limit as i64], "mentor load", |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|(u, n)| Some((UserId::parse(&u).ok()?, n)))
        .collect())
}

/// Mentors whose live 1on1s in their current cap period (the `week` or `month` as
/// [start, end), UTC) have reached their cap.
pub fn list_mentors_at_cap(
    conn: &Connection,
    scope: &Scope,
    week: (DateTime<Utc>, DateTime<Utc>),
    month: (DateTime<Utc>, DateTime<Utc>),
    limit: usize,
) -> anyhow::Result<Vec<UserId>> {
    let sql = format!(
        "SELECT h.user_id FROM mentor_hours h
         WHERE h.cap_count IS NOT NULL
           AND EXISTS (SELECT 1 FROM certifications c
                       WHERE c.user_id = h.user_id AND c.status = 'started' AND {})
           AND (SELECT COUNT(*) FROM one_on_ones o
                WHERE o.mentor_id = h.user_id AND o.status IN ('requested', 'confirmed')
                  AND o.starts_at >= CASE h.cap_period WHEN 'week' THEN ?1 ELSE ?3 END
                  AND o.starts_at < CASE h.cap_period WHEN 'week' THEN ?2 ELSE ?4 END)
               >= h.cap_count
         ORDER BY h.user_id LIMIT ?5",
        theme_filter(scope, "c.theme_id")
    );
    ids(collect(
        conn,
        &sql,
        params![
            time_to_db(week.0),
            time_to_db(week.1),
            time_to_db(month.0),
            time_to_db(month.1),
            limit as i64
        ],
        "mentors at cap",
        |r| r.get(0),
    )?)
}

fn ids(rows: Vec<String>) -> anyhow::Result<Vec<UserId>> {
    Ok(rows
        .into_iter()
        .filter_map(|u| UserId::parse(&u).ok())
        .collect())
}

/// Started mentors never booked for their theme: (count, the first `limit`).
pub fn list_never_booked(
    conn: &Connection,
    scope: &Scope,
    limit: usize,
) -> anyhow::Result<(i64, Vec<UserId>)> {
    let filter = theme_filter(scope, "c.theme_id");
    let from = format!(
        "FROM certifications c WHERE c.status = 'started' AND {filter}
           AND NOT EXISTS (SELECT 1 FROM one_on_ones o
                           WHERE o.mentor_id = c.user_id AND o.theme_id = c.theme_id)"
    );
    let total: i64 = conn
        .query_row(
            &format!("SELECT COUNT(DISTINCT c.user_id) {from}"),
            [],
            |r| r.get(0),
        )
        .context("count never booked mentors")?;
    let shown = ids(collect(
        conn,
        &format!("SELECT DISTINCT c.user_id {from} ORDER BY c.user_id LIMIT ?1"),
        [limit as i64],
        "never booked mentors",
        |r| r.get(0),
    )?)?;
    Ok((total, shown))
}

/// Active themes with no started mentor (names, the first `limit`).
pub fn list_themes_without_mentor(
    conn: &Connection,
    scope: &Scope,
    limit: usize,
) -> anyhow::Result<Vec<String>> {
    let sql = format!(
        "SELECT t.name FROM themes t
         WHERE t.archived_at IS NULL AND {}
           AND NOT EXISTS (SELECT 1 FROM certifications c
                           WHERE c.theme_id = t.id AND c.status = 'started')
         ORDER BY t.name LIMIT ?1",
        theme_filter(scope, "t.id")
    );
    collect(conn, &sql, [limit as i64], "themes without a mentor", |r| {
        r.get(0)
    })
}

/// The most asked topic x response: (topic, response, 1on1s), most first.
pub fn list_top_cells(
    conn: &Connection,
    scope: &Scope,
    limit: usize,
) -> anyhow::Result<Vec<(String, String, i64)>> {
    let sql = format!(
        "SELECT topic, expected_response, COUNT(*) FROM one_on_ones WHERE {}
         GROUP BY topic, expected_response
         ORDER BY COUNT(*) DESC, topic, expected_response LIMIT ?1",
        theme_filter(scope, "theme_id")
    );
    collect(conn, &sql, [limit as i64], "most asked", |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
}

/// Mentors certified since `since`: (how many, how many have had a confirmed 1on1, the
/// average days from certification to the first one).
pub fn get_first_one_on_one(
    conn: &Connection,
    scope: &Scope,
    since: DateTime<Utc>,
) -> anyhow::Result<(i64, i64, Option<f64>)> {
    let sql = format!(
        "SELECT COUNT(*), COUNT(first), AVG(julianday(first) - julianday(certified_at))
         FROM (SELECT c.certified_at,
                      (SELECT MIN(o.starts_at) FROM one_on_ones o
                       WHERE o.mentor_id = c.user_id AND o.theme_id = c.theme_id
                         AND o.status = 'confirmed') AS first
               FROM certifications c
               WHERE c.certified_at >= ?1 AND c.status != 'revoked' AND {})",
        theme_filter(scope, "c.theme_id")
    );
    conn.query_row(&sql, [time_to_db(since)], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
    .optional()
    .context("time to first 1on1")
    .map(|row| row.unwrap_or((0, 0, None)))
}
