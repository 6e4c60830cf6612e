//! Unit tests of the cards: every card in both languages is a valid Adaptive Card 1.5 well
//! under Teams' size limit, shows its content in the reader's language and zone, and every
//! button carries a typed action (or form) that parses back.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{json, Value};

use super::*;
use crate::app::actions::{examples, BookingAction, BookingForm, FindCtx, MemoAction};
use crate::app::errors::Message;
use crate::app::mentor::{HoursScreen, MentorCard, MentorTheme};
use crate::app::ports::Outgoing;
use crate::app::screens::{
    Entered, FindResultsScreen, FindScreen, HelpScreen, HomeScreen, MemoHome, MentorHome,
    NudgesHome, OneOnOnesHome, Redraw, RequestScreen, ResultsScreen,
};
use crate::domain::availability::{Cap, Hours, Slot, Window};
use crate::domain::booking::{BookingStatus, DmOutcome, Topic};
use crate::domain::followup::{FollowupNotice, Occurrence};
use crate::domain::memo::Todo;
use crate::domain::{
    BookingInfo, Brief, Category, CertStatus, Lang, MentorCounts, Notice, OneOnOne, Reader, Roles,
    Theme, UserId,
};

/// Teams' message limit is about 40 KB (UTF-16); the cards stay well under it.
const CARD_MAX_BYTES: usize = 28 * 1024;

fn validator() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let schema: Value = serde_json::from_str(include_str!(
            "../../../crates/fake-teams/fixtures/cards/schema/adaptive-card.1.5.0.schema.json"
        ))
        .expect("the schema is JSON");
        jsonschema::validator_for(&schema).expect("the Adaptive Card 1.5 schema compiles")
    })
}

/// Panics unless `card` is a valid Adaptive Card 1.5 under the size limit.
fn assert_valid(name: &str, card: &Value) {
    let errors: Vec<String> = validator()
        .iter_errors(card)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{card:#}");
    assert_eq!(card["type"], "AdaptiveCard", "{name}");
    assert_eq!(card["version"], "1.5", "{name}");
    let size = serde_json::to_vec(card).unwrap().len();
    assert!(size < CARD_MAX_BYTES, "{name}: {size} bytes");
}

fn user(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

fn mentor() -> UserId {
    user("MT6B0A4B4E6C4B4E0A9F4E1C2D3E4F5A6B")
}

fn mentee() -> UserId {
    user("U0MENTEE1")
}

fn names() -> Names {
    [
        (mentor(), "佐藤 健".to_string()),
        (mentee(), "Hanako *Yamada*".to_string()),
    ]
    .into()
}

fn ja() -> Reader {
    Reader {
        user: mentor(),
        name: "佐藤 健".into(),
        lang: Lang::Ja,
        tz: chrono_tz::Asia::Tokyo,
    }
}

fn en() -> Reader {
    Reader {
        user: mentee(),
        name: "Hanako *Yamada*".into(),
        lang: Lang::En,
        tz: chrono_tz::America::New_York,
    }
}

/// 2026-12-07 01:00 UTC: Monday 10:00 in Tokyo, Sunday 20:00 in New York.
fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 1, 0, 0).unwrap()
}

fn theme() -> Theme {
    Theme {
        id: 7,
        name: "育休からの復職".into(),
        category: Category::Programs,
        description: "育休・時短勤務の経験".into(),
        archived: false,
    }
}

fn booking() -> BookingInfo {
    BookingInfo {
        id: 41,
        mentor: mentor(),
        mentee: mentee(),
        theme: theme().name,
        start: start(),
        end: start() + Duration::minutes(30),
        topic: Topic::Default {
            key: "career".into(),
        },
        response: "advice".into(),
        note: "保育園探しについて *相談* したいです\n[link](https://x.example)".into(),
    }
}

fn one_on_one(status: BookingStatus) -> OneOnOne {
    OneOnOne {
        id: 41,
        mentor: mentor(),
        mentee: mentee(),
        theme_id: 7,
        start: start(),
        end: start() + Duration::minutes(30),
        status,
        topic_key: "career".into(),
        topic_other: None,
        response: "advice".into(),
        note: String::new(),
        sequence: 0,
        expires_at: None,
        decline_message: None,
    }
}

fn hours() -> Hours {
    Hours {
        windows: vec![
            Window {
                day: 0,
                start: 600,
                end: 720,
            },
            Window {
                day: 0,
                start: 840,
                end: 930,
            },
            Window {
                day: 3,
                start: 1140,
                end: 1200,
            },
        ],
        slot_minutes: 30,
        horizon_days: 28,
        notice_hours: 24,
        cap: Some(Cap::PerWeek(4)),
        away_until: chrono::NaiveDate::from_ymd_opt(2026, 12, 24),
        auto_accept: true,
    }
}

fn all_roles() -> Roles {
    Roles {
        admin: true,
        advisor: true,
        mentor: true,
    }
}

fn home_screen(reader: &Reader) -> HomeScreen {
    let now = start() - Duration::days(2);
    let mut requested = one_on_one(BookingStatus::Requested);
    requested.id = 42;
    let theme_row = MentorTheme {
        theme: theme(),
        status: CertStatus::Started,
        questions: Vec::new(),
    };
    HomeScreen {
        reader: reader.clone(),
        roles: all_roles(),
        updated_at: now,
        admin: Some((
            12,
            MentorCounts {
                certified: 30,
                started: 21,
                waiting: 4,
            },
        )),
        mentor: Some(MentorHome::decide(vec![theme_row], hours(), true)),
        one_on_ones: OneOnOnesHome::decide(
            &mentor(),
            vec![
                (requested, theme().name),
                (one_on_one(BookingStatus::Confirmed), theme().name),
            ],
            now,
        ),
        memo: MemoHome::decide(
            vec![Todo {
                id: 5,
                one_on_one_id: 41,
                mentor: mentor(),
                mentee: mentee(),
                owner: mentee(),
                text: "引き継ぎ資料を共有する".into(),
                due: chrono::NaiveDate::from_ymd_opt(2026, 12, 10),
                done: false,
            }],
            0,
        ),
        nudges: NudgesHome::decide(true),
    }
}

fn slots(count: usize) -> Vec<Slot> {
    (0..count as i64)
        .map(|i| {
            let at = start() + Duration::hours(i / 4 * 24) + Duration::minutes(i % 4 * 30);
            Slot {
                start: at,
                end: at + Duration::minutes(30),
            }
        })
        .collect()
}

fn request_screen(reader: &Reader, slots: &[Slot]) -> RequestScreen {
    let options = crate::app::booking::RequestOptions {
        mentor: mentor(),
        mentor_name: "佐藤 健".into(),
        theme: theme(),
        slots: slots.to_vec(),
        custom_topics: vec![(3, "保活".into())],
        note_recipients: Vec::new(),
    };
    let entered = Entered {
        topic: Some("custom:3".into()),
        response: Some("advice".into()),
        note: "よろしくお願いします".into(),
        ..Entered::default()
    };
    RequestScreen::decide(&options, reader.tz, entered, Redraw::default())
}

fn results_screen() -> FindResultsScreen {
    let card = MentorCard {
        mentor: mentor(),
        name: "佐藤 健".into(),
        themes: vec![MentorTheme {
            theme: theme(),
            status: CertStatus::Started,
            questions: Vec::new(),
        }],
        next_slot: Some(start()),
    };
    let search = FindCtx {
        words: "育休".into(),
        theme: Some(7),
        page: 1,
    };
    let mut results = ResultsScreen::page(search, Some(theme().name), &[card], true);
    results.cards[0].card.themes[0].answers = vec![(
        "どんな経験がありますか".into(),
        "2023年に8か月の育休を取りました。保育園探しと時短勤務の相談に乗れます。".into(),
    )];
    FindResultsScreen {
        form: FindScreen::decide(&[theme()], "育休"),
        results,
    }
}

/// Every DM kind the outbox sends.
fn outgoing_messages() -> Vec<Outgoing> {
    let b = booking();
    let brief = Brief {
        sessions: 2,
        memo: vec![(mentee().to_string(), "前回の宿題：復職面談の準備".into())],
        tips: vec![(Some(mentor().to_string()), "最初に期待値を確認する".into())],
    };
    let occurrence = |days: i64| Occurrence {
        one_on_one_id: 50 + days,
        start: start() + Duration::days(days),
        wanted: None,
    };
    let mut messages: Vec<Outgoing> = [
        Notice::Welcome,
        Notice::Certified {
            theme_id: 7,
            theme: theme().name,
            questions: 3,
            required: 1,
            started: false,
        },
        Notice::CertificationRevoked {
            theme: theme().name,
        },
        Notice::ThemeArchived {
            theme_id: 7,
            theme: theme().name,
        },
        Notice::ThemeRestored {
            theme_id: 7,
            theme: theme().name,
        },
        Notice::AnswersNeeded {
            theme_id: 7,
            theme: theme().name,
            questions: vec!["復職後の働き方は？".into()],
        },
        Notice::RequestReceived { booking: b.clone() },
        Notice::Confirmed {
            booking: b.clone(),
            auto: false,
        },
        Notice::Declined {
            booking: b.clone(),
            message: Some("今月は難しいです".into()),
        },
        Notice::Expired { booking: b.clone() },
        Notice::Cancelled {
            booking: b.clone(),
            by: mentee(),
        },
        Notice::Moved {
            booking: b.clone(),
            from: start() - Duration::days(1),
            by: mentor(),
        },
        Notice::TodoDue {
            todo_id: 5,
            one_on_one_id: 41,
            text: "引き継ぎ資料を共有する".into(),
            due: chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
            other: mentor(),
        },
        Notice::Followup(FollowupNotice::SeriesRequested {
            series_id: 3,
            mentee: mentee(),
            theme: theme().name,
            every_weeks: 2,
            topic: b.topic.clone(),
            response: "advice".into(),
            occurrences: vec![occurrence(0), occurrence(14)],
            left_out: vec![start() + Duration::days(28)],
        }),
        Notice::Followup(FollowupNotice::Rebook {
            one_on_one_id: 41,
            mentor: mentor(),
            theme_id: 7,
            theme: theme().name,
            weeks: 6,
            last: start(),
        }),
        Notice::Survey {
            run_id: 12,
            title: "半期アンケート".into(),
            closes_at: start() + Duration::days(7),
            reminder: false,
        },
    ]
    .into_iter()
    .map(Outgoing::Notice)
    .collect();
    messages.extend([
        Outgoing::Reminder {
            booking: b.clone(),
            brief: Some(brief),
        },
        Outgoing::Reminder {
            booking: b.clone(),
            brief: None,
        },
        Outgoing::Closed {
            booking: b.clone(),
            outcome: DmOutcome::Moved,
        },
        Outgoing::AfterPrompt {
            booking: b.clone(),
            for_mentor: false,
            reminder: false,
        },
        Outgoing::AfterPrompt {
            booking: b.clone(),
            for_mentor: true,
            reminder: true,
        },
        Outgoing::Summary {
            booking: b.clone(),
            memo: vec![(mentor(), "次回までに職場と面談".into())],
        },
        Outgoing::File {
            file_name: "survey-3.csv".into(),
            title: "半期アンケート".into(),
            bytes: b"a,b".to_vec(),
            comment: Message::new("survey-export-comment").text("title", "半期アンケート"),
        },
    ]);
    messages
}

/// Every card, by name, for `reader`.
fn every_card(reader: &Reader) -> Vec<(String, Value)> {
    let errors = [
        (inputs::SLOT, Message::new("request-busy")),
        (inputs::NOTE, Message::new("rate-comment-long")),
    ];
    let extras = DmExtras {
        meeting_link: Some(meeting_link(
            "1on1",
            start(),
            start() + Duration::minutes(30),
            &["a@example.com".into()],
            "",
        )),
        names: names(),
        file_link: None,
    };
    let hours_screen = HoursScreen {
        hours: hours(),
        tz: reader.tz,
    };
    let mut cards = vec![
        (
            "help".to_string(),
            help(
                &HelpScreen {
                    reader: reader.clone(),
                    roles: all_roles(),
                },
                reader,
            ),
        ),
        (
            "home".into(),
            home_with(&home_screen(reader), reader, &names()),
        ),
        (
            "find_form".into(),
            find_form(&FindScreen::decide(&[theme()], ""), reader),
        ),
        (
            "find_results".into(),
            find_results_with(&results_screen(), reader, &names()),
        ),
        (
            "request_dialog".into(),
            request_dialog(
                &request_screen(reader, &slots(12)),
                &slots(12),
                reader,
                &errors,
            ),
        ),
        (
            "request_dialog (every slot of 8 weeks)".into(),
            request_dialog(
                &request_screen(reader, &slots(400)),
                &slots(400),
                reader,
                &[],
            ),
        ),
        (
            "request_dialog (no slot)".into(),
            request_dialog(&request_screen(reader, &[]), &[], reader, &[]),
        ),
        ("decline_dialog".into(), decline_dialog(reader, 41)),
        (
            "rate_dialog".into(),
            rate_dialog(
                reader,
                41,
                &[(inputs::SCORE, Message::new("rate-clarity-missing"))],
            ),
        ),
        (
            "hours_dialog".into(),
            hours_dialog(
                &hours_screen,
                reader,
                &[("d0", Message::new("hours-error-empty"))],
            ),
        ),
        (
            "notice".into(),
            notice_with(
                &Message::new("dm-cancelled")
                    .with("by", crate::app::errors::MessageArg::User(mentee())),
                reader,
                &names(),
            ),
        ),
    ];
    for (i, message) in outgoing_messages().iter().enumerate() {
        cards.push((
            format!("outgoing {i}: {message:?}"),
            outgoing(message, reader, &extras),
        ));
    }
    cards
}

/// Every element of `card` that is an action (buttons in actions and action sets, fallbacks).
fn buttons(card: &Value) -> Vec<Value> {
    let mut found = Vec::new();
    fn walk(value: &Value, found: &mut Vec<Value>) {
        match value {
            Value::Object(map) => {
                if map
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.starts_with("Action."))
                {
                    found.push(value.clone());
                }
                map.values().for_each(|v| walk(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, found)),
            _ => {}
        }
    }
    walk(card, &mut found);
    found
}

fn all_text(card: &Value) -> String {
    let mut out = String::new();
    fn walk(value: &Value, out: &mut String) {
        match value {
            Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            Value::Object(map) => map.values().for_each(|v| walk(v, out)),
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    walk(card, &mut out);
    out
}

#[test]
fn every_card_is_a_valid_adaptive_card_1_5_in_both_languages() {
    for reader in [ja(), en()] {
        for (name, card) in every_card(&reader) {
            assert_valid(&format!("{name} ({})", reader.lang.code()), &card);
            let text = all_text(&card);
            // Nothing written for Slack leaks into Teams.
            for slack in ["<@", ":wave:", "/mentor ", "&lt;", "&gt;"] {
                assert!(!text.contains(slack), "{name}: {slack} in {text}");
            }
        }
    }
    // The wrappers Teams receives.
    let card = notice(&Message::new("error-generic"), &en());
    assert_eq!(
        message(card.clone()),
        json!({"type": "message", "attachments": [{"contentType": CONTENT_TYPE, "content": card}]})
    );
    assert_eq!(
        dialog("Request", card.clone())["task"]["value"]["card"]["contentType"],
        "application/vnd.microsoft.card.adaptive"
    );
}

#[test]
fn every_button_carries_an_action_or_form_that_parses_back() {
    for reader in [ja(), en()] {
        for (name, card) in every_card(&reader) {
            for button in buttons(&card) {
                match button["type"].as_str().unwrap() {
                    "Action.OpenUrl" => {
                        assert!(button["url"].as_str().unwrap().starts_with("https://"))
                    }
                    "Action.Execute" => {
                        assert_eq!(button["verb"], "mb", "{name}");
                        assert_eq!(button["fallback"]["type"], "Action.Submit", "{name}");
                        assert_eq!(button["fallback"]["data"], button["data"], "{name}");
                        assert_parses(&name, &button["data"]);
                    }
                    "Action.Submit" => assert_parses(&name, &button["data"]),
                    other => panic!("{name}: unexpected {other}"),
                }
            }
        }
    }
}

fn assert_parses(name: &str, data: &Value) {
    let action = parse_action(data).map(|r| r.map(|_| ()));
    let form = parse_form(data).map(|r| r.map(|_| ()));
    assert!(
        matches!((action, form), (Some(Ok(())), None) | (None, Some(Ok(())))),
        "{name}: {data}"
    );
}

#[test]
fn every_typed_action_and_form_round_trips_through_card_data() {
    for action in examples::actions() {
        let button = kit::button(&action, "x");
        let data = &button["data"];
        assert_eq!(
            parse_action(data),
            Some(Ok(action.clone())),
            "{action:?}: {data}"
        );
        assert_eq!(parse_form(data), None);
        if opens_dialog(&action) {
            assert_eq!(button["type"], "Action.Submit");
            assert_eq!(data["msteams"]["type"], "task/fetch");
        } else {
            assert_eq!(button["type"], "Action.Execute");
        }
    }
    for form in examples::forms() {
        let data = kit::form_data(&form);
        assert_eq!(
            parse_form(&data),
            Some(Ok(form.clone())),
            "{form:?}: {data}"
        );
        assert_eq!(parse_action(&data), None);
    }
    // Teams merges the dialog's inputs into the same object.
    let mut submitted = kit::form_data(&Form::Booking(BookingForm::Decline { one_on_one: 41 }));
    submitted["message"] = json!("今月は難しいです");
    assert_eq!(
        parse_form(&submitted),
        Some(Ok(Form::Booking(BookingForm::Decline { one_on_one: 41 })))
    );
}

#[test]
fn data_without_an_action_is_none_and_a_forged_one_is_an_error() {
    assert_eq!(
        parse_action(&json!({"msteams": {"type": "task/fetch"}})),
        None
    );
    assert_eq!(parse_form(&json!({"slot": "2026-12-07T01:00:00Z"})), None);
    assert!(matches!(
        parse_action(&json!({"mb_action": "booking.nope", "mb_value": "1"})),
        Some(Err(_))
    ));
    assert!(matches!(
        parse_action(&json!({"mb_action": 5})),
        Some(Err(_))
    ));
    assert!(matches!(
        parse_form(&json!({"mb_form": "no.such.form"})),
        Some(Err(_))
    ));
}

#[test]
fn a_request_to_the_mentor_names_the_mentee_in_bold_in_their_zone_with_accept_and_decline() {
    let message = Outgoing::Notice(Notice::RequestReceived { booking: booking() });
    let extras = DmExtras {
        names: names(),
        ..DmExtras::default()
    };
    let card = outgoing(&message, &ja(), &extras);
    let text = all_text(&card);
    // The mentee's name, in bold, with their typed `*` escaped; the time in Tokyo.
    assert!(text.contains(r"**Hanako \*Yamada\***"), "{text}");
    assert!(text.contains("2026年12月7日(月) 10:00"), "{text}");
    assert!(text.contains("育休からの復職"), "{text}");
    // The note as typed, its Markdown escaped.
    assert!(text.contains(r"\*相談\*"), "{text}");
    assert!(text.contains(r"\[link\](https://x.example)"), "{text}");
    let buttons = &card["actions"];
    assert_eq!(buttons[0]["title"], "承諾する");
    assert_eq!(
        parse_action(&buttons[0]["data"]),
        Some(Ok(Action::Booking(BookingAction::Accept {
            one_on_one: 41
        })))
    );
    // Decline opens the decline dialog (its confirmation).
    assert_eq!(buttons[1]["data"]["msteams"]["type"], "task/fetch");
    assert_eq!(
        parse_action(&buttons[1]["data"]),
        Some(Ok(Action::Booking(BookingAction::Decline {
            one_on_one: 41
        })))
    );
}

#[test]
fn a_confirmed_1on1_reads_in_each_readers_language_and_zone_and_offers_the_meeting() {
    let message = Outgoing::Notice(Notice::Confirmed {
        booking: booking(),
        auto: false,
    });
    let link = "https://teams.microsoft.com/l/meeting/new?subject=1on1".to_string();
    let extras = DmExtras {
        meeting_link: Some(link.clone()),
        names: names(),
        file_link: None,
    };
    let en_card = outgoing(&message, &en(), &extras);
    let text = all_text(&en_card);
    assert!(
        text.contains("Your 1on1 with **佐藤 健** is confirmed."),
        "{text}"
    );
    assert!(text.contains("Sun, Dec 6, 2026 20:00"), "{text}");
    let titles: Vec<&str> = en_card["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Reschedule"), "{titles:?}");
    assert!(
        titles.contains(&"Cancel the 1on1 (both of you are told)"),
        "{titles:?}"
    );
    let meeting = en_card["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "Action.OpenUrl")
        .expect("the meeting button");
    assert_eq!(meeting["title"], "Create the Teams meeting");
    assert_eq!(meeting["url"], link);
    let ja_text = all_text(&outgoing(&message, &ja(), &extras));
    assert!(ja_text.contains("**Hanako \\*Yamada\\***"), "{ja_text}");
    assert!(ja_text.contains("2026年12月7日(月) 10:00"), "{ja_text}");
    // Without names, nobody is shown as a Slack id.
    let unnamed = all_text(&outgoing(&message, &en(), &DmExtras::default()));
    assert!(unnamed.contains("**a colleague**"), "{unnamed}");
    assert!(!unnamed.contains(mentor().as_str()), "{unnamed}");
}

#[test]
fn the_mentors_brief_shows_the_latest_shared_memo_and_tips() {
    let brief = Brief {
        sessions: 2,
        memo: (0..400)
            .map(|i| {
                (
                    mentee().to_string(),
                    format!("メモ{i}：復職面談の準備について"),
                )
            })
            .collect(),
        tips: vec![(None, "最初に期待値を確認する".into())],
    };
    let card = outgoing(
        &Outgoing::Reminder {
            booking: booking(),
            brief: Some(brief),
        },
        &ja(),
        &DmExtras {
            names: names(),
            ..DmExtras::default()
        },
    );
    assert_valid("brief", &card);
    let text = all_text(&card);
    assert!(text.contains("メモ399"), "the newest entry is kept");
    assert!(!text.contains("メモ0："), "the oldest is left out");
    assert!(text.contains("…"));
    assert!(text.contains("最初に期待値を確認する"));
}

#[test]
fn the_request_dialog_lists_every_free_slot_in_the_readers_zone_with_errors_under_their_field() {
    let free = slots(12);
    let screen = request_screen(&ja(), &free);
    let errors = [(inputs::SLOT, Message::new("request-busy"))];
    let card = request_dialog(&screen, &free, &ja(), &errors);
    let body = card["body"].as_array().unwrap();
    let ids: Vec<&str> = body.iter().filter_map(|e| e["id"].as_str()).collect();
    assert_eq!(
        ids,
        ["slot", "topic", "other", "response", "note", "every", "count"]
    );
    let slot_at = body.iter().position(|e| e["id"] == "slot").unwrap();
    let slot = &body[slot_at];
    let choices = slot["choices"].as_array().unwrap();
    assert_eq!(choices.len(), 12);
    assert_eq!(choices[0]["title"], "2026年12月7日(月) 10:00–10:30");
    assert_eq!(choices[0]["value"], "2026-12-07T01:00:00Z");
    assert_eq!(choices[4]["title"], "2026年12月8日(火) 10:00–10:30");
    // The error right under the slot, in the attention colour.
    let error = &body[slot_at + 1];
    assert_eq!(error["color"], "attention");
    assert!(error["text"].as_str().unwrap().contains("1on1"), "{error}");
    // What was entered is kept.
    let topic = body.iter().find(|e| e["id"] == "topic").unwrap();
    assert_eq!(topic["value"], "custom:3");
    assert!(topic["choices"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["title"] == "保活"));
    let submit = &card["actions"][0];
    assert_eq!(submit["type"], "Action.Submit");
    assert_eq!(
        parse_form(&submit["data"]),
        Some(Ok(Form::Booking(BookingForm::Request {
            mentor: mentor(),
            theme: 7,
            version: 0,
        })))
    );
    // In English and New York, the same slot is the evening before.
    let en_card = request_dialog(&request_screen(&en(), &free), &free, &en(), &[]);
    let text = all_text(&en_card);
    assert!(text.contains("Sun, Dec 6, 2026 20:00–20:30"), "{text}");
    // Hundreds of slots are cut to the soonest, and the dialog says so.
    let many = slots(400);
    let card = request_dialog(&request_screen(&ja(), &many), &many, &ja(), &[]);
    let slot = card["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "slot")
        .unwrap()
        .clone();
    assert_eq!(
        slot["choices"].as_array().unwrap().len(),
        request::SLOTS_SHOWN
    );
    assert!(all_text(&card).contains("近い日時から表示"));
}

#[test]
fn the_hours_dialog_shows_the_hours_as_hours_input_reads_them() {
    let screen = HoursScreen {
        hours: hours(),
        tz: chrono_tz::Asia::Tokyo,
    };
    let errors = [("d0", Message::new("hours-error-empty"))];
    let card = hours_dialog(&screen, &ja(), &errors);
    let body = card["body"].as_array().unwrap();
    let input = |id: &str| body.iter().find(|e| e["id"] == id).unwrap().clone();
    assert_eq!(input("d0")["value"], "10:00-12:00, 14:00-15:30");
    assert_eq!(input("d0")["label"], "月曜日");
    assert_eq!(input("d3")["value"], "19:00-20:00");
    assert!(input("d1").get("value").is_none());
    assert_eq!(input("slot_minutes")["value"], "30");
    assert_eq!(input("horizon_days")["value"], "28");
    assert_eq!(input("notice_hours")["value"], "24");
    assert_eq!(input("cap")["value"], "week:4");
    assert_eq!(input("away_until")["type"], "Input.Date");
    assert_eq!(input("away_until")["value"], "2026-12-24");
    assert_eq!(input("auto_accept")["type"], "Input.Toggle");
    assert_eq!(input("auto_accept")["value"], "true");
    let d0 = body.iter().position(|e| e["id"] == "d0").unwrap();
    assert_eq!(body[d0 + 1]["color"], "attention");
    assert!(all_text(&card).contains("Asia/Tokyo"));
    assert_eq!(
        parse_form(&card["actions"][0]["data"]),
        Some(Ok(Form::Mentor(crate::app::actions::MentorForm::Hours)))
    );
    let en_card = hours_dialog(&screen, &en(), &[]);
    assert!(all_text(&en_card).contains("Monday"));
}

#[test]
fn the_home_lists_requests_to_answer_and_refreshes_itself() {
    let card = home_with(&home_screen(&ja()), &ja(), &names());
    let text = all_text(&card);
    assert!(text.contains("佐藤 健"), "greeting: {text}");
    assert!(text.contains("**Hanako \\*Yamada\\***"), "{text}");
    assert!(text.contains("引き継ぎ資料を共有する"));
    assert!(text.contains("Asia/Tokyo"));
    let actions: Vec<Action> = buttons(&card)
        .iter()
        .filter(|b| b["type"] != "Action.Submit" || b["data"].get("msteams").is_some())
        .filter_map(|b| parse_action(&b["data"]).and_then(Result::ok))
        .collect();
    for expected in [
        Action::Booking(BookingAction::Accept { one_on_one: 42 }),
        Action::Booking(BookingAction::Cancel { one_on_one: 41 }),
        Action::Booking(BookingAction::Find),
        Action::Memo(MemoAction::TodoDone { todo: 5 }),
        Action::Mentor(crate::app::actions::MentorAction::Hours),
    ] {
        assert!(actions.contains(&expected), "{expected:?} in {actions:?}");
    }
    assert_eq!(card["refresh"]["action"]["type"], "Action.Execute");
    assert_eq!(
        parse_action(&card["refresh"]["action"]["data"]),
        Some(Ok(Action::Home(crate::app::actions::HomeAction::Refresh)))
    );
    let en_text = all_text(&home(&home_screen(&en()), &en()));
    assert!(
        en_text.contains("Hello Hanako \\*Yamada\\* 👋"),
        "{en_text}"
    );
}

#[test]
fn results_show_each_mentor_by_name_with_a_request_dialog_per_theme_and_paging() {
    let card = find_results_with(&results_screen(), &en(), &names());
    let text = all_text(&card);
    assert!(text.contains("**佐藤 健**"), "{text}");
    assert!(text.contains("保育園探しと時短勤務"), "{text}");
    assert!(text.contains("Page 2"), "{text}");
    let found = buttons(&card);
    let request = found
        .iter()
        .find(|b| b["title"] == "Request a 1on1 — 育休からの復職")
        .expect("a request button");
    assert_eq!(request["data"]["msteams"]["type"], "task/fetch");
    assert_eq!(
        parse_action(&request["data"]),
        Some(Ok(Action::Booking(BookingAction::Request {
            mentor: mentor(),
            theme: 7,
        })))
    );
    let titles: Vec<&str> = found.iter().filter_map(|b| b["title"].as_str()).collect();
    assert!(
        titles.contains(&"◀ Previous") && titles.contains(&"Next ▶"),
        "{titles:?}"
    );
    // Searching again submits the form with the search it shows.
    let search = found.iter().find(|b| b["title"] == "Search").unwrap();
    assert_eq!(
        parse_form(&search["data"]),
        Some(Ok(Form::Booking(BookingForm::Results(FindCtx {
            words: "育休".into(),
            theme: Some(7),
            page: 1,
        }))))
    );
    let form = find_form(&FindScreen::decide(&[theme()], "育休"), &ja());
    let body = form["body"].as_array().unwrap();
    let theme_input = body.iter().find(|e| e["id"] == "theme").unwrap();
    assert_eq!(
        theme_input["choices"][0]["title"],
        "制度の利用 · 育休からの復職"
    );
    assert_eq!(theme_input["choices"][0]["value"], "7");
    assert_eq!(
        body.iter().find(|e| e["id"] == "words").unwrap()["value"],
        "育休"
    );
}

#[test]
fn the_help_lists_the_commands_people_type_in_teams() {
    let screen = HelpScreen {
        reader: ja(),
        roles: Roles::default(),
    };
    let text = all_text(&help(&screen, &ja()));
    assert!(text.contains("find"), "{text}");
    assert!(!text.contains("/mentor"), "{text}");
    assert!(
        !text.contains("admin —"),
        "a mentee is not offered admin: {text}"
    );
    assert!(text.contains("Teams の設定"), "{text}");
}

#[test]
fn a_file_names_itself_and_links_to_it_when_the_caller_can() {
    let file = outgoing_messages().pop().unwrap();
    let text = all_text(&outgoing(&file, &en(), &DmExtras::default()));
    assert!(
        text.contains("survey-3.csv") && text.contains("Slack"),
        "{text}"
    );
    let linked = outgoing(
        &file,
        &en(),
        &DmExtras {
            file_link: Some("https://bot.example.com/files/1".into()),
            ..DmExtras::default()
        },
    );
    assert_valid("file", &linked);
    assert_eq!(
        linked["actions"][0]["url"],
        "https://bot.example.com/files/1"
    );
}

#[test]
fn the_meeting_link_opens_a_new_meeting_with_both_attendees_at_the_booked_time() {
    let link = meeting_link(
        "1on1: 育休 & 復職",
        start(),
        start() + Duration::minutes(30),
        &["ken.sato@example.com".into(), "hanako+y@example.com".into()],
        "Topic: career",
    );
    assert_eq!(
        link,
        "https://teams.microsoft.com/l/meeting/new?subject=1on1%3A%20%E8%82%B2%E4%BC%91%20%26%20%E5%BE%A9%E8%81%B7\
         &startTime=2026-12-07T01%3A00%3A00Z&endTime=2026-12-07T01%3A30%3A00Z\
         &attendees=ken.sato%40example.com,hanako%2By%40example.com&content=Topic%3A%20career"
    );
}

#[test]
fn slack_mrkdwn_reads_as_teams_markdown_and_typed_text_stays_text() {
    assert_eq!(kit::md("*Your 1on1s*"), "**Your 1on1s**");
    assert_eq!(kit::md("Hello Ann :wave:"), "Hello Ann 👋");
    assert_eq!(
        kit::md("the *Home* tab: <https://x.example/a|open it here>"),
        "the **Home** tab: [open it here](https://x.example/a)"
    );
    assert_eq!(kit::md("`/mentor nudges off`"), "nudges off");
    // Bold already written the Teams way, and escaped characters, are kept.
    assert_eq!(
        kit::md("with **Ann** and \\*x\\*"),
        "with **Ann** and \\*x\\*"
    );
    assert_eq!(kit::md("*{**Ann**}*"), "**{**Ann**}**");
    assert_eq!(
        kit::escape("*hi* [x](y) <b>"),
        "\\*hi\\* \\[x\\](y) \\<b\\>"
    );
    assert_eq!(kit::md(&kit::escape("a_b*c")), "a\\_b\\*c");
}
