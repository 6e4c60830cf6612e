//! The memo, entry, TODO and history modals and the TODO reminder keep within Slack's Block
//! Kit limits at their fullest (the most entries, TODOs and rows shown, the longest texts),
//! in both languages, checked by the validator the strict fake Slack applies.

use crate::support;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use mentor_bot::app::memo::HISTORY_PAGE;
use mentor_bot::app::screens::{
    EntryScreen, HistoryRow, HistoryScreen, MemoScreen, TodoDueDm, TodoScreen,
};
use mentor_bot::domain::booking::BookingStatus;
use mentor_bot::domain::memo::{MemoEntry, MemoRevision, Todo, MEMO_MAX, TODO_MAX};
use mentor_bot::domain::{Lang, Notice, OneOnOne, Reader, UserId};
use mentor_bot::slack::blocks::memo as views;
use mentor_bot::slack::blocks::render;
use serde_json::Value;
use support::fake_slack::validate_blocks;

fn uid(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

fn readers() -> Vec<Reader> {
    [Lang::Ja, Lang::En]
        .map(|lang| Reader {
            user: uid("UE"),
            name: "長い名前".repeat(20),
            lang,
            tz: chrono_tz::America::New_York,
        })
        .to_vec()
}

fn one(id: i64) -> OneOnOne {
    let start = Utc.with_ymd_and_hms(2026, 3, 8, 6, 30, 0).unwrap() - Duration::days(id);
    OneOnOne {
        id,
        mentor: uid("UM"),
        mentee: uid("UE"),
        theme_id: 1,
        start,
        end: start + Duration::hours(1),
        status: BookingStatus::Confirmed,
        topic_key: "other".into(),
        topic_other: Some("話".repeat(200)),
        response: "listen".into(),
        note: String::new(),
        sequence: 0,
        expires_at: None,
        decline_message: None,
    }
}

fn entry(id: i64) -> MemoEntry {
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
    MemoEntry {
        id,
        one_on_one_id: Some(1),
        author: uid("UM"),
        body: "<&>".repeat(MEMO_MAX / 3),
        created_at: at,
        edited: Some((uid("UE"), at)),
    }
}

fn todo(id: i64) -> Todo {
    Todo {
        id,
        one_on_one_id: 1,
        mentor: uid("UM"),
        mentee: uid("UE"),
        owner: uid("UE"),
        text: "や".repeat(TODO_MAX),
        due: NaiveDate::from_ymd_opt(2026, 12, 1),
        done: id % 2 == 0,
    }
}

fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

fn check(view: Value, what: &str) {
    validate_blocks(&view["blocks"], 100).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        view["title"]["text"].as_str().unwrap().chars().count() <= 24,
        "{what}"
    );
}

#[test]
fn memo_screens_fit_slacks_limits_at_their_fullest_in_both_languages() {
    for reader in readers() {
        let entries = (0..60).map(|i| (entry(i), 30)).collect();
        let recipients = (0..40).map(|i| uid(&format!("UR{i}"))).collect();
        let private = Some("秘".repeat(MEMO_MAX));
        let todos = (0..30).map(todo).collect();
        let memo = MemoScreen::decide(
            reader.clone(),
            one(1),
            "テーマ".repeat(60),
            recipients,
            entries,
            private,
            todos,
        );
        check(json(&views::memo_modal(&memo)), "memo");

        let revision = MemoRevision {
            body: "x".repeat(MEMO_MAX),
            written_by: uid("UM"),
            written_at: Utc::now(),
            replaced_by: uid("UE"),
            replaced_at: Utc::now(),
        };
        let edit = EntryScreen {
            reader: reader.clone(),
            entry: entry(1),
            revisions: vec![revision; 50],
        };
        check(json(&views::entry_modal(&edit)), "entry");

        let form = TodoScreen {
            reader: reader.clone(),
            one_on_one: 1,
            other: uid("UM"),
            other_name: "名".repeat(200),
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        };
        check(json(&views::todo_modal(&form)), "todo");

        let rows = (0..HISTORY_PAGE as i64)
            .map(|i| {
                HistoryRow::decide(
                    &reader.user,
                    one(i),
                    "テーマ".repeat(60),
                    Some(i % 2 == 0),
                    (0..40).map(entry).collect(),
                    (0..40).map(|i| uid(&format!("UR{i}"))).collect(),
                    Some("秘".repeat(MEMO_MAX)),
                    (0..30).map(todo).collect(),
                )
            })
            .collect();
        let history = HistoryScreen::decide(reader.clone(), Some(uid("UM")), 3, rows, true);
        check(json(&views::history_modal(&history)), "history");

        let notice = Notice::TodoDue {
            todo_id: 1,
            one_on_one_id: 1,
            text: "や".repeat(TODO_MAX),
            due: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            other: uid("UM"),
        };
        assert!(TodoDueDm::decide(&notice).is_some());
        let message = json(&render::notice_message(&notice, &reader));
        validate_blocks(&message["blocks"], 50).unwrap_or_else(|e| panic!("todo due: {e}"));
        assert!(message["text"].as_str().unwrap().contains("やや"));
    }
}
