//! The memo, entry, history and survey cards: valid Adaptive Cards in both languages, under
//! the size limit however much is written, and saying who reads each memo.

use chrono::Duration;

use super::*;
use crate::app::screens::{EntryScreen, HistoryRow, HistoryScreen, MemoScreen, TodoScreen};
use crate::app::surveys::AnswerScreen;
use crate::domain::booking::BookingStatus;
use crate::domain::memo::{MemoEntry, MemoRevision, Todo, MEMO_MAX, TODO_MAX};
use crate::domain::survey::{QuestionDef, QuestionKind};
use crate::storage::surveys::QuestionRow;

/// `n` characters of Japanese (three bytes each): the heaviest text people write.
fn long(n: usize) -> String {
    "振".repeat(n)
}

fn entry(id: i64, body: String) -> MemoEntry {
    MemoEntry {
        id,
        one_on_one_id: Some(41),
        author: if id % 2 == 0 { mentor() } else { mentee() },
        body,
        created_at: start() + Duration::minutes(id),
        edited: (id == 1).then(|| (mentor(), start() + Duration::hours(1))),
    }
}

fn todo(id: i64, text: String) -> Todo {
    Todo {
        id,
        one_on_one_id: 41,
        mentor: mentor(),
        mentee: mentee(),
        owner: mentee(),
        text,
        due: Some(start().date_naive() + Duration::days(3)),
        done: id % 3 == 0,
    }
}

/// The memo with everything at its maximum: 40 entries and 20 TODOs at full length, the
/// private memo full, an auto-share recipient.
fn full_memo(reader: &Reader) -> MemoScreen {
    MemoScreen::decide(
        reader.clone(),
        one_on_one(BookingStatus::Confirmed),
        "育休からの復帰".into(),
        vec![user("UOFFICE")],
        (1..=40).map(|i| (entry(i, long(MEMO_MAX)), 2)).collect(),
        Some(long(MEMO_MAX)),
        (1..=20).map(|i| todo(i, long(TODO_MAX))).collect(),
    )
}

fn todo_screen(reader: &Reader) -> TodoScreen {
    TodoScreen {
        reader: reader.clone(),
        one_on_one: 41,
        other: mentee(),
        other_name: "Hanako".into(),
        today: start().date_naive(),
    }
}

fn history(reader: &Reader) -> HistoryScreen {
    let rows = (0..5)
        .map(|i| {
            HistoryRow::decide(
                &reader.user,
                OneOnOne {
                    id: 41 + i,
                    ..one_on_one(BookingStatus::Confirmed)
                },
                "育休からの復帰".into(),
                Some(i % 2 == 0),
                (1..=4).map(|j| entry(j, long(MEMO_MAX))).collect(),
                vec![user("UOFFICE")],
                Some(long(MEMO_MAX)),
                (1..=5).map(|j| todo(j, long(TODO_MAX))).collect(),
            )
        })
        .collect();
    HistoryScreen::decide(reader.clone(), Some(mentee()), 1, rows, true)
}

fn survey() -> AnswerScreen {
    let question = |id: i64, kind: QuestionKind, required: bool| QuestionRow {
        id,
        def: QuestionDef {
            kind,
            text: format!("質問 {id}"),
            choices: match kind {
                QuestionKind::Choice => vec!["Online".into(), "In person".into()],
                _ => Vec::new(),
            },
            required,
        },
    };
    AnswerScreen {
        run: 9,
        title: "月次サーベイ".into(),
        closes_at: start() + Duration::days(7),
        questions: vec![
            question(1, QuestionKind::Scale, true),
            question(2, QuestionKind::Choice, true),
            question(3, QuestionKind::Text, false),
        ],
        growth: Some(4),
        answers: vec![(3, "もっと夜の枠を".into())],
    }
}

use crate::domain::OneOnOne;
use crate::i18n::t;

#[test]
fn the_memo_entry_history_and_survey_cards_are_valid_and_fit_however_much_is_written() {
    for reader in [ja(), en()] {
        let errors = [(memo_inputs::TODO_DUE, Message::new("todo-due-past"))];
        let memo = memo_dialog(
            &full_memo(&reader),
            &todo_screen(&reader),
            &names(),
            &errors,
        );
        assert_valid("memo_dialog (full)", &memo);
        let text = all_text(&memo);
        // Who reads each part, and that older entries are counted, not dropped silently.
        assert!(text.contains(&t(reader.lang, "todo-audience")), "{text}");
        assert!(text.contains("🔒"), "{text}");
        assert!(text.contains("👥"), "{text}");
        let entry = EntryScreen {
            reader: reader.clone(),
            entry: entry(1, long(MEMO_MAX)),
            revisions: (0..12)
                .map(|i| MemoRevision {
                    body: long(MEMO_MAX),
                    written_by: mentee(),
                    written_at: start() + Duration::minutes(i),
                    replaced_by: mentor(),
                    replaced_at: start() + Duration::minutes(i + 1),
                })
                .collect(),
        };
        assert_valid("entry_dialog (long)", &entry_dialog(&entry, &names(), &[]));
        assert_valid(
            "history (dialog)",
            &history_card(&history(&reader), &names(), true),
        );
        assert_valid(
            "history (chat)",
            &history_card(&history(&reader), &names(), false),
        );
        let errors = [("q2", Message::new("survey-answer-required"))];
        assert_valid(
            "survey_answer_dialog",
            &survey_answer_dialog(&survey(), &reader, &errors),
        );
    }
}

#[test]
fn the_memo_dialog_counts_the_entries_it_does_not_show() {
    let memo = memo_dialog(&full_memo(&en()), &todo_screen(&en()), &names(), &[]);
    let text = all_text(&memo);
    assert!(text.contains("earlier entries are not shown"), "{text}");
    assert!(text.contains("more"), "{text}");
}
