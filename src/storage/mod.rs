//! The only place that knows SQL: one SQLite file (WAL, foreign keys, busy timeout), used from
//! async code through a blocking thread so the tokio runtime never waits on the disk. One
//! connection writes; a few more read in parallel (WAL lets readers go on while it commits).

pub mod after;
pub mod audit;
pub mod auto_share;
pub mod availability;
pub mod bookings;
pub mod cards;
pub mod certifications;
pub mod email_lookups;
pub mod insight;
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
pub mod survey_edit;
pub mod survey_opt_ins;
pub mod surveys;
pub mod teams_people;
pub mod themes;
pub mod tips;
pub mod users;

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{anyhow, Context};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use tokio::sync::Semaphore;

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

/// The tables whose rows decide what a search finds and shows (the FTS table's shadow tables
/// start with `mentor_search`). People's profiles are not among them: cards name mentors by
/// mention, and a change of zone reaches `mentor_availability` through its trigger.
const SEARCHED_TABLES: &[&str] = &[
    "themes",
    "theme_questions",
    "certifications",
    "mentor_answers",
    "mentor_hours",
    "mentor_windows",
    "one_on_ones",
    "mentor_availability",
];

/// How many connections read at once (besides the one writer): one per core, at least two
/// and at most four. Reads are short and served from the page cache, so more connections than
/// cores only add page caches and statement caches to the memory each process keeps.
fn reader_count() -> usize {
    std::thread::available_parallelism()
        .map_or(2, usize::from)
        .clamp(2, 4)
}

/// A handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
    /// One permit: writers wait here (asynchronously), not in a blocked thread each.
    writing: Arc<Semaphore>,
    readers: Arc<ReadPool>,
    /// Counts the writes that changed what a search reads ([`SEARCHED_TABLES`]) and, apart,
    /// people's profiles, so caches can tell they are stale.
    changes: Arc<Changes>,
    path: Arc<PathBuf>,
}

/// Generations of what caches keep, each moved on after a committed (or rolled back) write
/// that touched its tables; the flags are set by the writer's update hook meanwhile.
#[derive(Default)]
struct Changes {
    searched_changed: AtomicBool,
    generation: AtomicU64,
    people_changed: AtomicBool,
    people_generation: AtomicU64,
}

impl Changes {
    /// After a write ended: a new generation for each kind of table it touched.
    fn bump(&self) {
        if self.searched_changed.swap(false, Ordering::AcqRel) {
            self.generation.fetch_add(1, Ordering::AcqRel);
        }
        if self.people_changed.swap(false, Ordering::AcqRel) {
            self.people_generation.fetch_add(1, Ordering::AcqRel);
        }
    }
}

/// Read-only connections; a permit is held while one is out, so `idle` is never empty then.
struct ReadPool {
    idle: Mutex<Vec<Connection>>,
    permits: Arc<Semaphore>,
    path: PathBuf,
}

impl ReadPool {
    /// An idle reader, or a new one if a read that panicked took one with it.
    fn take(&self) -> anyhow::Result<Connection> {
        let idle = self
            .idle
            .lock()
            .map_err(|_| anyhow!("database lock poisoned"))?
            .pop();
        match idle {
            Some(conn) => Ok(conn),
            None => open_reader(&self.path).context("open another reader"),
        }
    }

    fn give_back(&self, conn: Connection) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(conn);
        }
    }
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
        let changes = Arc::new(Changes::default());
        let flags = changes.clone();
        conn.update_hook(Some(
            move |_: rusqlite::hooks::Action, _: &str, table: &str, _| {
                if SEARCHED_TABLES.contains(&table) || table.starts_with("mentor_search") {
                    flags.searched_changed.store(true, Ordering::Release);
                } else if table == "users" {
                    flags.people_changed.store(true, Ordering::Release);
                }
            },
        ))
        .map_err(|e| MigrationError::Open {
            path: path.to_path_buf(),
            source: e,
        })?;
        let count = reader_count();
        let readers = (0..count)
            .map(|_| open_reader(path))
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| MigrationError::Open {
                path: path.to_path_buf(),
                source: e,
            })?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
            writing: Arc::new(Semaphore::new(1)),
            readers: Arc::new(ReadPool {
                idle: Mutex::new(readers),
                permits: Arc::new(Semaphore::new(count)),
                path: path.to_path_buf(),
            }),
            changes,
            path: Arc::new(path.to_path_buf()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes after every write through this handle that changed what a search reads: a
    /// value equal before and after some reads says none was committed meanwhile (writes by
    /// another process, the CLI, are not counted).
    pub fn generation(&self) -> u64 {
        self.changes.generation.load(Ordering::Acquire)
    }

    /// [`Self::generation`] for people's profiles (the `users` table).
    pub fn people_generation(&self) -> u64 {
        self.changes.people_generation.load(Ordering::Acquire)
    }

    /// Runs `f` with the connection on a blocking thread.
    pub async fn call<F, R>(&self, f: F) -> anyhow::Result<R>
    where
        F: FnOnce(&mut Connection) -> anyhow::Result<R> + Send + 'static,
        R: Send + 'static,
    {
        let _permit = self.writing.acquire().await.context("database closed")?;
        let conn = self.conn.clone();
        let changes = self.changes.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().map_err(|_| anyhow!("database lock poisoned"))?;
            let out = f(&mut guard);
            changes.bump();
            out
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
        let _permit = self
            .writing
            .acquire()
            .await
            .map_err(|e| anyhow::Error::new(e).context("database closed"))?;
        let conn = self.conn.clone();
        let changes = self.changes.clone();
        let task = tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().map_err(|_| anyhow!("database lock poisoned"))?;
            let tx = guard
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .context("begin transaction")?;
            let tx = Tx(tx);
            // On `Err` the transaction is dropped here, which rolls it back.
            let out = f(&tx);
            let out = match out {
                Ok(out) => tx.0.commit().context("commit transaction").map(|_| out),
                Err(e) => {
                    drop(tx);
                    changes.bump();
                    return Err(e);
                }
            };
            changes.bump();
            Ok(out?)
        });
        match task.await {
            Ok(result) => result,
            Err(e) => Err(anyhow::Error::new(e)
                .context("database task panicked")
                .into()),
        }
    }

    /// Runs the queries in `f` on a blocking thread with one of the read-only connections
    /// (no transaction: for reads only). Reads run in parallel with each other and with a write;
    /// when every reader is busy, the caller waits without holding a thread.
    pub async fn read<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&Conn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<anyhow::Error> + Send + 'static,
    {
        let pool = self.readers.clone();
        // The permit moves into the task: it is released when the read ends, even if the
        // caller stopped waiting for it.
        let permit = pool
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| anyhow::Error::new(e).context("database closed"))?;
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let conn = pool.take()?;
            let out = f(&conn);
            pool.give_back(conn);
            out
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
        self.read(|c| {
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

/// A read-only connection to the migrated file: it can never take the write lock.
fn open_reader(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "query_only", "ON")?;
    // 512 KB of page cache each instead of 2 MB: the OS caches the file for all of them, and
    // a reader's own cache is what the bot's peak memory grows with.
    conn.pragma_update(None, "cache_size", -512)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn reads_run_side_by_side_on_several_connections() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bot.db")).unwrap();
        // Each read waits until the other has started: one connection would never get there.
        let both = Arc::new(std::sync::Barrier::new(2));
        let read = |both: Arc<std::sync::Barrier>| {
            db.read(move |c| -> anyhow::Result<i64> {
                both.wait();
                c.query_row("SELECT 1", [], |r| r.get(0)).context("select")
            })
        };
        let (a, b) = tokio::time::timeout(
            Duration::from_secs(10),
            futures::future::join(read(both.clone()), read(both)),
        )
        .await
        .expect("two reads at once");
        assert_eq!((a.unwrap(), b.unwrap()), (1, 1));
        let refused = db
            .read(|c| {
                c.execute("DELETE FROM processed_events", [])
                    .context("write")
            })
            .await;
        assert!(refused.is_err(), "readers never write");
    }

    #[tokio::test]
    async fn the_generation_moves_after_writes_to_searched_tables_only() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bot.db")).unwrap();
        let now = chrono::Utc::now();
        let before = db.generation();
        let _: anyhow::Result<bool> = db
            .write(move |tx| processed_events::insert_processed_event(tx, "Ev1", now))
            .await;
        assert_eq!(db.generation(), before, "not a searched table");
        let _: anyhow::Result<usize> = db
            .write(|tx| {
                tx.execute(
                    "INSERT INTO mentor_availability (user_id, recheck_at) VALUES ('U1', '')",
                    [],
                )
                .context("insert")
            })
            .await;
        assert_eq!(db.generation(), before + 1, "a searched table, committed");
        let undone: Result<(), Refused> = db
            .write(|tx| {
                // With a WHERE: SQLite empties a whole table without telling the hook.
                tx.execute("DELETE FROM mentor_availability WHERE user_id = 'U1'", [])
                    .context("delete")?;
                Err(Refused::No)
            })
            .await;
        assert!(undone.is_err());
        assert_eq!(
            db.generation(),
            before + 2,
            "rolled back: moved anyway, never missed"
        );
    }
}
