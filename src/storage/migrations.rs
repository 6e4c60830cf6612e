//! Numbered migrations from `migrations/*.sql`, each applied in its own transaction; the
//! schema version lives in `PRAGMA user_version`.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

/// (version, file name, SQL). Never edit a landed migration: add the next number.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "0001_foundation.sql",
        include_str!("../../migrations/0001_foundation.sql"),
    ),
    (
        2,
        "0002_themes_and_certification.sql",
        include_str!("../../migrations/0002_themes_and_certification.sql"),
    ),
    (
        3,
        "0003_mentor_hours_and_one_on_ones.sql",
        include_str!("../../migrations/0003_mentor_hours_and_one_on_ones.sql"),
    ),
    (
        4,
        "0004_booking.sql",
        include_str!("../../migrations/0004_booking.sql"),
    ),
];

pub const LATEST_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the database {path} was written by a newer mentor-bot (schema version {found}; this \
         build knows up to {known}): run the newer version, or restore a backup"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("migration {name} failed on {path}: {source}")]
    Failed {
        path: PathBuf,
        name: &'static str,
        source: rusqlite::Error,
    },
}

/// Applies every migration newer than the file's version; returns how many ran.
pub fn apply(conn: &mut Connection, path: &Path) -> Result<usize, MigrationError> {
    let read_error = |source| MigrationError::Open {
        path: path.to_path_buf(),
        source,
    };
    let current: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(read_error)?;
    if current > LATEST_VERSION {
        return Err(MigrationError::TooNew {
            path: path.to_path_buf(),
            found: current,
            known: LATEST_VERSION,
        });
    }
    let mut applied = 0;
    for (version, name, sql) in MIGRATIONS.iter().filter(|(v, _, _)| *v > current) {
        let failed = |source| MigrationError::Failed {
            path: path.to_path_buf(),
            name,
            source,
        };
        let tx = conn.transaction().map_err(failed)?;
        tx.execute_batch(sql).map_err(failed)?;
        tx.pragma_update(None, "user_version", version)
            .map_err(failed)?;
        tx.commit().map_err(failed)?;
        tracing::info!(migration = name, "applied migration");
        applied += 1;
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_and_named_after_their_number() {
        for (i, (version, name, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*version, i as i64 + 1);
            assert!(name.starts_with(&format!("{version:04}_")), "{name}");
        }
    }

    #[test]
    fn applying_twice_is_a_no_op_and_a_newer_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut conn = Connection::open(&path).unwrap();
        assert_eq!(apply(&mut conn, &path).unwrap(), MIGRATIONS.len());
        assert_eq!(apply(&mut conn, &path).unwrap(), 0);
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
        let err = apply(&mut conn, &path).unwrap_err().to_string();
        assert!(err.contains("newer mentor-bot"), "{err}");
    }
}
