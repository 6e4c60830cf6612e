//! `job_runs`: which occurrences of scheduled jobs have run.

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::{time_from_db, time_to_db};

/// Claims one occurrence of a job; returns false when it had already run.
pub fn insert_job_run(
    conn: &Connection,
    job: &str,
    occurrence: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let n = conn
        .execute(
            "INSERT OR IGNORE INTO job_runs (job, occurrence, ran_at) VALUES (?1, ?2, ?3)",
            params![job, time_to_db(occurrence), time_to_db(now)],
        )
        .with_context(|| format!("record run of job {job}"))?;
    Ok(n == 1)
}

/// The latest occurrence of `job` that was claimed, among those at or before `not_after`
/// (a `run-due` in the future claims later ones; they must not count as the live clock's).
pub fn get_last_job_run(
    conn: &Connection,
    job: &str,
    not_after: DateTime<Utc>,
) -> anyhow::Result<Option<DateTime<Utc>>> {
    let last: Option<String> = conn
        .query_row(
            "SELECT MAX(occurrence) FROM job_runs WHERE job = ?1 AND occurrence <= ?2",
            params![job, time_to_db(not_after)],
            |r| r.get(0),
        )
        .optional()
        .with_context(|| format!("last run of job {job}"))?
        .flatten();
    last.map(|s| time_from_db(&s)).transpose()
}
