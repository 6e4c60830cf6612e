//! Golden `outbox.body` values: rows queued by an earlier build, as they sit in the database.
//!
//! Pending rows outlive the code that wrote them, so each stored shape here must still read back
//! as the same value: renaming a variant or a field fails these tests instead of turning queued
//! DMs into permanent failures ("unreadable notice body"). Add golden lines; never edit one.

use chrono::{DateTime, TimeZone, Utc};

// Through the parent, which reads these bodies, wherever the types are defined.
use super::{Notice, RedrawBody};
use crate::domain::booking::Topic;
use crate::domain::{BookingInfo, UserId};

/// The `booking` field shared by the 1on1 notices (a snapshot taken when the DM was queued).
const BOOKING: &str = r#""booking":{"id":7,"mentor":"UMENTOR","mentee":"UMENTEE","theme":"DX推進","start":"2026-11-21T01:00:00Z","end":"2026-11-21T02:00:00Z","topic":{"kind":"default","key":"career"},"response":"よろしく","note":"memo"}"#;

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, hour, 0, 0).unwrap()
}

fn user(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

fn booking(topic: Topic) -> BookingInfo {
    BookingInfo {
        id: 7,
        mentor: user("UMENTOR"),
        mentee: user("UMENTEE"),
        theme: "DX推進".into(),
        start: at(1),
        end: at(2),
        topic,
        response: "よろしく".into(),
        note: "memo".into(),
    }
}

fn career() -> Topic {
    Topic::Default {
        key: "career".into(),
    }
}

fn golden_notices() -> Vec<(String, Notice)> {
    let mut golden: Vec<(String, Notice)> = vec![
        (r#"{"type":"welcome"}"#.into(), Notice::Welcome),
        (
            r#"{"type":"certified","theme_id":3,"theme":"DX推進","questions":2,"required":1,"started":true}"#.into(),
            Notice::Certified {
                theme_id: 3,
                theme: "DX推進".into(),
                questions: 2,
                required: 1,
                started: true,
            },
        ),
        (
            r#"{"type":"certification_revoked","theme":"DX推進"}"#.into(),
            Notice::CertificationRevoked {
                theme: "DX推進".into(),
            },
        ),
        (
            r#"{"type":"theme_archived","theme_id":3,"theme":"DX推進"}"#.into(),
            Notice::ThemeArchived {
                theme_id: 3,
                theme: "DX推進".into(),
            },
        ),
        (
            r#"{"type":"theme_restored","theme_id":3,"theme":"DX推進"}"#.into(),
            Notice::ThemeRestored {
                theme_id: 3,
                theme: "DX推進".into(),
            },
        ),
        (
            r#"{"type":"answers_needed","theme_id":3,"theme":"DX推進","questions":["経験年数は？"]}"#.into(),
            Notice::AnswersNeeded {
                theme_id: 3,
                theme: "DX推進".into(),
                questions: vec!["経験年数は？".into()],
            },
        ),
        (
            format!(r#"{{"type":"request_received",{BOOKING}}}"#),
            Notice::RequestReceived {
                booking: booking(career()),
            },
        ),
        (
            format!(r#"{{"type":"confirmed",{BOOKING},"auto":true}}"#),
            Notice::Confirmed {
                booking: booking(career()),
                auto: true,
            },
        ),
        (
            format!(r#"{{"type":"declined",{BOOKING},"message":"また今度"}}"#),
            Notice::Declined {
                booking: booking(career()),
                message: Some("また今度".into()),
            },
        ),
        (
            format!(r#"{{"type":"declined",{BOOKING},"message":null}}"#),
            Notice::Declined {
                booking: booking(career()),
                message: None,
            },
        ),
        (
            format!(r#"{{"type":"expired",{BOOKING}}}"#),
            Notice::Expired {
                booking: booking(career()),
            },
        ),
        (
            format!(r#"{{"type":"cancelled",{BOOKING},"by":"UMENTEE"}}"#),
            Notice::Cancelled {
                booking: booking(career()),
                by: user("UMENTEE"),
            },
        ),
        (
            format!(r#"{{"type":"moved",{BOOKING},"from":"2026-11-21T00:00:00Z","by":"UMENTOR"}}"#),
            Notice::Moved {
                booking: booking(career()),
                from: at(0),
                by: user("UMENTOR"),
            },
        ),
        (
            r#"{"type":"reminder","one_on_one_id":7,"sequence":2,"for_mentor":true}"#.into(),
            Notice::Reminder {
                one_on_one_id: 7,
                sequence: 2,
                for_mentor: true,
            },
        ),
        (
            r#"{"type":"invite","one_on_one_id":7,"sequence":2,"cancel":false}"#.into(),
            Notice::Invite {
                one_on_one_id: 7,
                sequence: 2,
                cancel: false,
            },
        ),
        (
            r#"{"type":"after_one_on_one","one_on_one_id":7,"sequence":2,"for_mentor":false,"reminder":true}"#.into(),
            Notice::AfterOneOnOne {
                one_on_one_id: 7,
                sequence: 2,
                for_mentor: false,
                reminder: true,
            },
        ),
        (
            r#"{"type":"summary","one_on_one_id":7}"#.into(),
            Notice::Summary { one_on_one_id: 7 },
        ),
        (
            r#"{"type":"todo_due","todo_id":5,"one_on_one_id":7,"text":"履歴書を更新","due":"2026-12-01","other":"UMENTOR"}"#.into(),
            Notice::TodoDue {
                todo_id: 5,
                one_on_one_id: 7,
                text: "履歴書を更新".into(),
                due: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                other: user("UMENTOR"),
            },
        ),
    ];
    // The other topic shapes, inside the booking snapshot.
    let topics = [
        (
            r#"{"kind":"custom","id":4,"name":"採用"}"#,
            Topic::Custom {
                id: 4,
                name: "採用".into(),
            },
        ),
        (
            r#"{"kind":"other","text":"転職の相談"}"#,
            Topic::Other {
                text: "転職の相談".into(),
            },
        ),
    ];
    golden.extend(followup_notices());
    golden.push((
        r#"{"type":"survey","run_id":3,"title":"月次サーベイ","closes_at":"2026-11-21T01:00:00Z","reminder":true}"#.into(),
        Notice::Survey {
            run_id: 3,
            title: "月次サーベイ".into(),
            closes_at: chrono::DateTime::parse_from_rfc3339("2026-11-21T01:00:00Z")
                .unwrap()
                .with_timezone(&chrono::Utc),
            reminder: true,
        },
    ));
    golden.push((
        r#"{"type":"survey_export","survey_id":3,"kind":"answers"}"#.into(),
        Notice::SurveyExport {
            survey_id: 3,
            kind: crate::domain::survey::ExportKind::Answers,
        },
    ));
    // Teams: the admin's answer to an export offered as a file (file consent).
    golden.push((
        r#"{"type":"survey_export_answer","survey_id":3,"kind":"chart","offer_key":"survey-export:3:chart:UEN:1","answer":{"outcome":"declined"}}"#.into(),
        Notice::SurveyExportAnswer {
            survey_id: 3,
            kind: crate::domain::survey::ExportKind::Chart,
            offer_key: "survey-export:3:chart:UEN:1".into(),
            answer: crate::domain::file_offer::OfferAnswer::Declined,
        },
    ));
    golden.push((
        r#"{"type":"survey_export_answer","survey_id":3,"kind":"answers","offer_key":"survey-export:3:answers:UEN:1","answer":{"outcome":"accepted","upload":{"upload_url":"https://up.example/1","content_url":"https://c.example/f","name":"f.csv","unique_id":"u1","file_type":"csv"}}}"#.into(),
        Notice::SurveyExportAnswer {
            survey_id: 3,
            kind: crate::domain::survey::ExportKind::Answers,
            offer_key: "survey-export:3:answers:UEN:1".into(),
            answer: crate::domain::file_offer::OfferAnswer::Accepted {
                upload: crate::domain::file_offer::UploadTarget {
                    upload_url: "https://up.example/1".into(),
                    content_url: "https://c.example/f".into(),
                    name: "f.csv".into(),
                    unique_id: "u1".into(),
                    file_type: "csv".into(),
                },
            },
        },
    ));
    for (json, topic) in topics {
        let stored = BOOKING.replace(r#"{"kind":"default","key":"career"}"#, json);
        golden.push((
            format!(r#"{{"type":"expired",{stored}}}"#),
            Notice::Expired {
                booking: booking(topic),
            },
        ));
    }
    golden
}

#[test]
fn stored_notice_bodies_still_deserialize() {
    let mut seen = std::collections::BTreeSet::new();
    for (json, expected) in golden_notices() {
        let read: Notice = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(read, expected, "{json}");
        seen.insert(variant(&expected));
    }
    assert_eq!(
        seen.len(),
        VARIANTS,
        "every Notice variant has a golden body"
    );
}

#[test]
fn stored_redraw_bodies_still_deserialize() {
    let read: RedrawBody = serde_json::from_str(r#"{"one_on_one_id":7}"#).unwrap();
    assert_eq!(read, RedrawBody { one_on_one_id: 7 });
}

/// How many arms `variant` has.
const VARIANTS: usize = 21;

/// Exhaustive on purpose: a new `Notice` variant does not compile until it has an arm here, and
/// `stored_notice_bodies_still_deserialize` fails until it also has a golden body.
fn variant(notice: &Notice) -> usize {
    match notice {
        Notice::Welcome => 0,
        Notice::Certified { .. } => 1,
        Notice::CertificationRevoked { .. } => 2,
        Notice::ThemeArchived { .. } => 3,
        Notice::ThemeRestored { .. } => 4,
        Notice::AnswersNeeded { .. } => 5,
        Notice::RequestReceived { .. } => 6,
        Notice::Confirmed { .. } => 7,
        Notice::Declined { .. } => 8,
        Notice::Expired { .. } => 9,
        Notice::Cancelled { .. } => 10,
        Notice::Moved { .. } => 11,
        Notice::Reminder { .. } => 12,
        Notice::Invite { .. } => 13,
        Notice::AfterOneOnOne { .. } => 14,
        Notice::Summary { .. } => 15,
        Notice::TodoDue { .. } => 16,
        Notice::Followup(_) => 17,
        Notice::Survey { .. } => 18,
        Notice::SurveyExport { .. } => 19,
        Notice::SurveyExportAnswer { .. } => 20,
    }
}

/// Series and nudge DMs (issue 10), one body per kind.
fn followup_notices() -> Vec<(String, Notice)> {
    use crate::domain::followup::{FollowupNotice as F, Occurrence};
    let occurrences = vec![
        Occurrence {
            one_on_one_id: 7,
            start: at(1),
            wanted: None,
        },
        Occurrence {
            one_on_one_id: 8,
            start: at(3),
            wanted: Some(at(2)),
        },
    ];
    const OCCURRENCES: &str = r#""occurrences":[{"one_on_one_id":7,"start":"2026-11-21T01:00:00Z","wanted":null},{"one_on_one_id":8,"start":"2026-11-21T03:00:00Z","wanted":"2026-11-21T02:00:00Z"}]"#;
    vec![
        (
            format!(
                r#"{{"type":"followup","kind":"series_requested","series_id":2,"mentee":"UMENTEE","theme":"DX推進","every_weeks":1,"topic":{{"kind":"default","key":"career"}},"response":"listen",{OCCURRENCES},"left_out":["2026-11-21T05:00:00Z"]}}"#
            ),
            Notice::Followup(F::SeriesRequested {
                series_id: 2,
                mentee: user("UMENTEE"),
                theme: "DX推進".into(),
                every_weeks: 1,
                topic: career(),
                response: "listen".into(),
                occurrences: occurrences.clone(),
                left_out: vec![at(5)],
            }),
        ),
        (
            format!(
                r#"{{"type":"followup","kind":"series_accepted","series_id":2,"mentor":"UMENTOR","mentee":"UMENTEE","auto":false,"theme":"DX推進",{OCCURRENCES}}}"#
            ),
            Notice::Followup(F::SeriesAccepted {
                series_id: 2,
                mentor: user("UMENTOR"),
                mentee: user("UMENTEE"),
                auto: false,
                theme: "DX推進".into(),
                occurrences,
            }),
        ),
        (
            r#"{"type":"followup","kind":"series_declined","series_id":2,"mentor":"UMENTOR","theme":"DX推進"}"#.into(),
            Notice::Followup(F::SeriesDeclined {
                series_id: 2,
                mentor: user("UMENTOR"),
                theme: "DX推進".into(),
            }),
        ),
        (
            r#"{"type":"followup","kind":"series_expired","series_id":2,"mentor":"UMENTOR","mentee":"UMENTEE","theme":"DX推進"}"#.into(),
            Notice::Followup(F::SeriesExpired {
                series_id: 2,
                mentor: user("UMENTOR"),
                mentee: user("UMENTEE"),
                theme: "DX推進".into(),
            }),
        ),
        (
            r#"{"type":"followup","kind":"rebook","one_on_one_id":7,"mentor":"UMENTOR","theme_id":3,"theme":"DX推進","weeks":4,"last":"2026-11-21T02:00:00Z"}"#.into(),
            Notice::Followup(F::Rebook {
                one_on_one_id: 7,
                mentor: user("UMENTOR"),
                theme_id: 3,
                theme: "DX推進".into(),
                weeks: 4,
                last: at(2),
            }),
        ),
        (
            r#"{"type":"followup","kind":"pending_request","one_on_one_id":7,"series_id":null,"mentee":"UMENTEE","theme":"DX推進","start":"2026-11-21T01:00:00Z"}"#.into(),
            Notice::Followup(F::PendingRequest {
                one_on_one_id: 7,
                series_id: None,
                mentee: user("UMENTEE"),
                theme: "DX推進".into(),
                start: at(1),
            }),
        ),
    ]
}
