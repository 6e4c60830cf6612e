//! The `mentor-bot` binary: configuration errors are one clear line, migrate works and refuses
//! a database from a newer version.

use std::process::{Command, Output};

fn mentor_bot(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mentor-bot"));
    cmd.args(args).env_clear().env("RUST_BACKTRACE", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn serve_with_no_credentials_says_what_to_set_in_one_line() {
    let out = mentor_bot(&["serve"], &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("SLACK_BOT_TOKEN")
            && err.contains("SLACK_SIGNING_SECRET")
            && err.contains("SLACK_APP_TOKEN")
    );
    assert!(
        err.contains("OAuth & Permissions"),
        "says where to get it: {err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
}

#[test]
fn a_malformed_variable_is_named_with_what_it_expects() {
    let out = mentor_bot(
        &["serve"],
        &[
            ("SLACK_BOT_TOKEN", "xoxb-1"),
            ("SLACK_SIGNING_SECRET", "s"),
            ("MENTOR_BOT_ADDR", "port 3000"),
        ],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.trim(), "mentor-bot: MENTOR_BOT_ADDR is \"port 3000\": expected an IP address and port such as 127.0.0.1:3000 or 0.0.0.0:8080");
}

#[test]
fn migrate_creates_the_database_and_refuses_one_from_a_newer_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let db_str = db.to_str().unwrap();
    let out = mentor_bot(&["migrate"], &[("MENTOR_BOT_DB", db_str)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("schema version"));

    let conn = rusqlite::Connection::open(&db).unwrap();
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);

    let out = mentor_bot(&["migrate"], &[("MENTOR_BOT_DB", db_str)]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("newer mentor-bot") && err.contains("999"),
        "{err}"
    );
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["migrate", "--help"],
        &["run-due", "--help"],
    ] {
        let out = mentor_bot(args, &[]);
        assert!(out.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{args:?}"
        );
    }
    let out = mentor_bot(&["run-due", "--now", "tomorrow"], &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("RFC 3339"));
}
