//! `series` and the occurrences' `one_on_ones.series_id`: a series and its 1on1s, and the
//! compare-and-set of its one decision.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{bookings, time_from_db, time_to_db};
use crate::domain::series::Recurrence;
use crate::domain::{OneOnOne, UserId};

/// A `series` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesRow {
    pub id: i64,
    pub mentor: UserId,
    pub mentee: UserId,
    pub theme_id: i64,
    pub every_weeks: u32,
    pub count: u32,
    /// `requested`, `accepted` or `declined`.
    pub status: String,
}

pub fn insert_series(
    conn: &Connection,
    mentor: &UserId,
    mentee: &UserId,
    theme_id: i64,
    recurrence: &Recurrence,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    conn.execute(
        "INSERT INTO series (mentor_id, mentee_id, theme_id, every_weeks, count, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            mentor.as_str(),
            mentee.as_str(),
            theme_id,
            recurrence.every_weeks,
            recurrence.count,
            time_to_db(now)
        ],
    )
    .with_context(|| format!("insert a series of {mentee} with {mentor}"))?;
    Ok(conn.last_insert_rowid())
}

/// Marks a 1on1 as an occurrence of `series`, wanted at `wanted` when it is not there.
pub fn update_occurrence(
    conn: &Connection,
    one_on_one: i64,
    series: i64,
    wanted: Option<DateTime<Utc>>,
) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE one_on_ones SET series_id = ?2, series_wanted_at = ?3 WHERE id = ?1",
        params![one_on_one, series, wanted.map(time_to_db)],
    )
    .with_context(|| format!("mark 1on1 {one_on_one} as of series {series}"))?;
    Ok(())
}

pub fn get_series(conn: &Connection, id: i64) -> anyhow::Result<Option<SeriesRow>> {
    let row = conn
        .query_row(
            "SELECT id, mentor_id, mentee_id, theme_id, every_weeks, count, status
             FROM series WHERE id = ?1",
            params![id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, u32>(4)?,
                    r.get::<_, u32>(5)?,
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()
        .with_context(|| format!("get series {id}"))?;
    let Some((id, mentor, mentee, theme_id, every_weeks, count, status)) = row else {
        return Ok(None);
    };
    Ok(Some(SeriesRow {
        id,
        mentor: UserId::parse(&mentor).context("stored series mentor")?,
        mentee: UserId::parse(&mentee).context("stored series mentee")?,
        theme_id,
        every_weeks,
        count,
        status,
    }))
}

/// The series' occurrences in time order, each with the time the series wanted when it is
/// proposed elsewhere.
pub fn list_occurrences(
    conn: &Connection,
    series: i64,
) -> anyhow::Result<Vec<(OneOnOne, Option<DateTime<Utc>>)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, series_wanted_at FROM one_on_ones WHERE series_id = ?1 ORDER BY starts_at",
        )
        .context("prepare series occurrences")?;
    let rows = stmt
        .query_map(params![series], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("list occurrences of series {series}"))?;
    let mut out = Vec::new();
    for (id, wanted) in rows {
        let one = bookings::get_one_on_one(conn, id)?
            .with_context(|| format!("occurrence {id} of series {series}"))?;
        out.push((one, wanted.as_deref().map(time_from_db).transpose()?));
    }
    Ok(out)
}

/// The series `one_on_one` belongs to, if any.
pub fn get_series_of(conn: &Connection, one_on_one: i64) -> anyhow::Result<Option<i64>> {
    conn.query_row(
        "SELECT series_id FROM one_on_ones WHERE id = ?1",
        params![one_on_one],
        |r| r.get::<_, Option<i64>>(0),
    )
    .optional()
    .map(Option::flatten)
    .with_context(|| format!("get the series of 1on1 {one_on_one}"))
}

/// Decides a series still `requested`; `false` when it was already decided.
pub fn update_series_decided(
    conn: &Connection,
    id: i64,
    status: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let changed = conn
        .execute(
            "UPDATE series SET status = ?2, decided_at = ?3 WHERE id = ?1 AND status = 'requested'",
            params![id, status, time_to_db(now)],
        )
        .with_context(|| format!("decide series {id}"))?;
    Ok(changed == 1)
}
