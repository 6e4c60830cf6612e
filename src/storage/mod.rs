//! The only place that knows SQL: one SQLite file (WAL, foreign keys, busy timeout), used from
//! async code through a blocking thread so the tokio runtime never waits on the disk.

pub mod after;
pub mod audit;
pub mod auto_share;
pub mod bookings;
pub mod certifications;
pub mod email_lookups;
pub mod jobs;
pub mod memos;
pub mod mentors;
mod migrations;
pub mod nudges;
pub mod outbox;
pub mod processed_events;
pub mod roles;
pub mod search;
pub mod series;
pub mod survey_answers;
pub mod surveys;
pub mod themes;
pub mod users;

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{anyhow, Context};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::Connection;

pub use migrations::{MigrationError, LATEST_VERSION};

/// What every storage function reads and writes through. Use cases get one from `Db::read`
/// (queries) or, inside a transaction, from `Db::write` (a `Tx` derefs to it); they never
/// name rusqlite.
pub type Conn = Connection;

/// One IMMEDIATE write transaction, open while a `Db::write` closure runs. It derefs to the
/// connection, so every storage function takes it; only `Db::write` commits it.
pub struct Tx<'c>(rusqlite::Transaction<'c>);

impl Deref for Tx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.0
    }
}

/// A handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
    path: Arc<PathBuf>,
}

impl Db {
    /// Opens (creating if needed) the database file and applies pending migrations.
    pub fn open(path: &Path) -> Result<Db, MigrationError> {
        let mut conn = Connection::open(path).map_err(|e| MigrationError::Open {
            path: path.to_path_buf(),
            source: e,
        })?;
        configure(&conn).map_err(|e| MigrationError::Open {
            path: path.to_path_buf(),
            source: e,
        })?;
        migrations::apply(&mut conn, path)?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
            path: Arc::new(path.to_path_buf()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with the connection on a blocking thread.
    pub async fn call<F, R>(&self, f: F) -> anyhow::Result<R>
    where
        F: FnOnce(&mut Connection) -> anyhow::Result<R> + Send + 'static,
        R: Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().map_err(|_| anyhow!("database lock poisoned"))?;
            f(&mut guard)
        })
        .await
        .context("database task panicked")?
    }

    /// Runs `f` in one IMMEDIATE transaction on a blocking thread: committed when `f` returns
    /// `Ok`, rolled back when it returns `Err` (a use case's own error passes through as is).
    /// IMMEDIATE takes the write lock up front, so a check and the write it guards are one step.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&Tx<'_>) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<anyhow::Error> + Send + 'static,
    {
        let conn = self.conn.clone();
        let task = tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().map_err(|_| anyhow!("database lock poisoned"))?;
            let tx = guard
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .context("begin transaction")?;
            let tx = Tx(tx);
            // On `Err` the transaction is dropped here, which rolls it back.
            let out = f(&tx)?;
            tx.0.commit().context("commit transaction")?;
            Ok(out)
        });
        match task.await {
            Ok(result) => result,
            Err(e) => Err(anyhow::Error::new(e)
                .context("database task panicked")
                .into()),
        }
    }

    /// Runs the queries in `f` on a blocking thread (no transaction: for reads only).
    pub async fn read<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&Conn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<anyhow::Error> + Send + 'static,
    {
        let conn = self.conn.clone();
        let task = tokio::task::spawn_blocking(move || {
            let guard = conn.lock().map_err(|_| anyhow!("database lock poisoned"))?;
            f(&guard)
        });
        match task.await {
            Ok(result) => result,
            Err(e) => Err(anyhow::Error::new(e)
                .context("database task panicked")
                .into()),
        }
    }

    /// Whether the database answers (for the health check).
    pub async fn ping(&self) -> anyhow::Result<()> {
        self.call(|c| {
            c.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))
                .context("database ping")?;
            Ok(())
        })
        .await
    }

    /// Runs `f` inside one transaction: all of it is saved, or none of it.
    pub async fn transaction<F, R>(&self, f: F) -> anyhow::Result<R>
    where
        F: FnOnce(&rusqlite::Transaction<'_>) -> anyhow::Result<R> + Send + 'static,
        R: Send + 'static,
    {
        self.call(move |conn| {
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .context("begin transaction")?;
            let out = f(&tx)?;
            tx.commit().context("commit transaction")?;
            Ok(out)
        })
        .await
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // WAL lets readers go on while one writer commits; NORMAL sync is durable across a
    // process crash (only an OS crash can lose the last commits, never corrupt the file).
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Another process (the CLI's run-due beside a running bot) may hold the write lock briefly.
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(())
}

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.3fZ";

/// A UTC instant as stored: fixed width, so text order is time order.
pub fn time_to_db(t: DateTime<Utc>) -> String {
    t.format(TIME_FORMAT).to_string()
}

pub fn time_from_db(s: &str) -> anyhow::Result<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(s, TIME_FORMAT)
        .map(|n| n.and_utc())
        .with_context(|| format!("stored time {s:?} is not in {TIME_FORMAT}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn stored_times_round_trip_and_sort_as_text() {
        let a = Utc.with_ymd_and_hms(2026, 3, 8, 6, 59, 59).unwrap();
        let b = a + chrono::Duration::milliseconds(1500);
        assert_eq!(time_from_db(&time_to_db(a)).unwrap(), a);
        assert!(time_to_db(a) < time_to_db(b));
        assert!(time_from_db("yesterday").is_err());
    }

    #[derive(Debug)]
    enum Refused {
        No,
        Internal(#[allow(dead_code)] anyhow::Error),
    }

    impl From<anyhow::Error> for Refused {
        fn from(e: anyhow::Error) -> Self {
            Refused::Internal(e)
        }
    }

    async fn processed(db: &Db, id: &'static str) -> bool {
        db.read(move |c| {
            c.query_row(
                "SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = ?1)",
                [id],
                |r| r.get(0),
            )
            .context("read back")
        })
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn a_write_is_kept_on_ok_and_undone_on_the_use_cases_own_error() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bot.db")).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 3, 8, 0, 0, 0).unwrap();

        let kept: Result<bool, Refused> = db
            .write(move |tx| Ok(processed_events::insert_processed_event(tx, "Ev1", now)?))
            .await;
        let undone: Result<(), Refused> = db
            .write(move |tx| {
                processed_events::insert_processed_event(tx, "Ev2", now)?;
                Err(Refused::No)
            })
            .await;

        assert!(kept.unwrap());
        assert!(matches!(undone, Err(Refused::No)));
        assert!(processed(&db, "Ev1").await);
        assert!(!processed(&db, "Ev2").await);
    }
}
