//! Numbered migrations from `migrations/*.sql`, each applied in its own transaction; the
//! schema version lives in `PRAGMA user_version`.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, Transaction};

use crate::domain::name_key;

/// A step SQL cannot express (NFKC), run after its file's SQL in the same transaction.
type RustStep = fn(&Transaction<'_>) -> rusqlite::Result<()>;

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
    (
        5,
        "0005_name_keys_ignore_spaces.sql",
        include_str!("../../migrations/0005_name_keys_ignore_spaces.sql"),
    ),
    (
        6,
        "0006_outbox_redraw.sql",
        include_str!("../../migrations/0006_outbox_redraw.sql"),
    ),
    (
        7,
        "0007_after_the_one_on_one.sql",
        include_str!("../../migrations/0007_after_the_one_on_one.sql"),
    ),
    (
        8,
        "0008_find_cost.sql",
        include_str!("../../migrations/0008_find_cost.sql"),
    ),
    (
        9,
        "0009_memos_and_todos.sql",
        include_str!("../../migrations/0009_memos_and_todos.sql"),
    ),
    (
        10,
        "0010_ratings.sql",
        include_str!("../../migrations/0010_ratings.sql"),
    ),
    (
        11,
        "0011_series_and_nudges.sql",
        include_str!("../../migrations/0011_series_and_nudges.sql"),
    ),
    (
        12,
        "0012_advisor_scope.sql",
        include_str!("../../migrations/0012_advisor_scope.sql"),
    ),
    (
        13,
        "0013_surveys.sql",
        include_str!("../../migrations/0013_surveys.sql"),
    ),
    (
        14,
        "0014_insight_and_tips.sql",
        include_str!("../../migrations/0014_insight_and_tips.sql"),
    ),
    (
        15,
        "0015_survey_threshold_and_opt_in.sql",
        include_str!("../../migrations/0015_survey_threshold_and_opt_in.sql"),
    ),
    (
        16,
        "0016_teams_people.sql",
        include_str!("../../migrations/0016_teams_people.sql"),
    ),
];

/// The Rust step of a migration, by version.
fn rust_step(version: i64) -> Option<RustStep> {
    match version {
        5 => Some(recompute_name_keys),
        _ => None,
    }
}

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
        if let Some(step) = rust_step(*version) {
            step(&tx).map_err(failed)?;
        }
        tx.pragma_update(None, "user_version", version)
            .map_err(failed)?;
        tx.commit().map_err(failed)?;
        tracing::info!(migration = name, "applied migration");
        applied += 1;
    }
    Ok(applied)
}

/// Recomputes `themes.name_key` and `topics.name_key` with today's `name_key`. Rows whose
/// names now collide keep existing; see 0005's comment for which one keeps the key.
fn recompute_name_keys(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    for table in ["themes", "topics"] {
        // Active first, then oldest: that row keeps the key a name finds.
        let rows: Vec<(i64, String)> = tx
            .prepare(&format!(
                "SELECT id, name FROM {table} ORDER BY archived_at IS NOT NULL, id"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        // Park every key first, so no row's new key clashes with another's old one mid-way.
        tx.execute(
            &format!("UPDATE {table} SET name_key = 'migrating ' || id"),
            [],
        )?;
        let mut owners: std::collections::HashMap<String, (i64, String)> =
            std::collections::HashMap::new();
        for (id, name) in rows {
            let key = name_key(&name);
            let stored = match owners.get(&key) {
                None => {
                    owners.insert(key.clone(), (id, name.clone()));
                    key
                }
                Some((kept_id, kept_name)) => {
                    tracing::warn!(
                        table,
                        kept = kept_id,
                        duplicate = id,
                        "two names are now the same (spaces are ignored); both rows kept"
                    );
                    let detail = serde_json::json!({
                        "table": table,
                        "kept": {"id": kept_id, "name": kept_name},
                        "duplicate": {"id": id, "name": name},
                    });
                    tx.execute(
                        "INSERT INTO audit_log (actor, action, detail, at)
                         VALUES ('migration', 'name_key.collision', ?1,
                                 strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                        [detail.to_string()],
                    )?;
                    format!("{key} #{id}")
                }
            };
            tx.execute(
                &format!("UPDATE {table} SET name_key = ?2 WHERE id = ?1"),
                params![id, stored],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_and_named_after_their_number() {
        // 1, 2, 3… with no gap: a database is upgraded by every number above its own, so a
        // migration numbered below a released one would never run.
        for (i, (version, name, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*version, i as i64 + 1, "{name}");
            assert!(name.starts_with(&format!("{version:04}_")), "{name}");
        }
    }

    #[test]
    fn upgrading_recomputes_name_keys_and_keeps_both_rows_of_a_collision() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut conn = Connection::open(&path).unwrap();
        for (version, _, sql) in MIGRATIONS.iter().filter(|(v, _, _)| *v <= 4) {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
        }
        let t = "'2026-01-01T00:00:00.000Z'";
        conn.execute_batch(&format!(
            "INSERT INTO themes (id, name, name_key, category, created_by, created_at, updated_at) VALUES
                 (1, 'DX 推進', 'dx 推進', 'work', 'U1', {t}, {t}),
                 (2, 'DX推進', 'dx推進', 'work', 'U1', {t}, {t}),
                 (3, 'Parental  Leave', 'parental leave', 'programs', 'U1', {t}, {t});
             UPDATE themes SET archived_at = {t} WHERE id = 1;
             INSERT INTO topics (id, name, name_key, created_by, created_at) VALUES
                 (1, '社内 公募', '社内 公募', 'U1', {t});"
        ))
        .unwrap();

        assert_eq!(
            apply(&mut conn, &path).unwrap(),
            MIGRATIONS.iter().filter(|(v, _, _)| *v > 4).count()
        );

        let keys: Vec<(i64, String)> = conn
            .prepare("SELECT id, name_key FROM themes ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            keys,
            [
                (1, "dx推進 #1".to_string()),
                (2, "dx推進".to_string()),
                (3, "parentalleave".to_string())
            ],
            "the active theme keeps the key; the archived twin is parked, not lost"
        );
        let topic: String = conn
            .query_row("SELECT name_key FROM topics", [], |r| r.get(0))
            .unwrap();
        assert_eq!(topic, "社内公募");
        let collisions: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'name_key.collision'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(collisions, 1);
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
