//! Every screen, for every combination of roles and both languages, keeps within Slack's
//! Block Kit limits (checked by the same validator the strict fake Slack applies).

use crate::support;

use chrono::{TimeZone, Utc};
use mentor_bot::app::admin::{CertifyReport, ThemePage};
use mentor_bot::app::errors::Message;
use mentor_bot::app::mentor::{
    HoursScreen, MentorCard, MentorTheme, SetupEntry, SetupScreen, StatusChange,
};
use mentor_bot::app::screens::{
    role_granted, CertifyResultScreen, CertifyScreen, ConsoleScreen, ImportScreen,
    QuestionFormScreen, QuestionsScreen, RolesScreen, ThemeFormScreen, TopicRenameScreen,
    TopicsScreen,
};
use mentor_bot::app::screens::{HelpScreen, HomeScreen};
use mentor_bot::app::screens::{MentorHome, OneOnOnesHome, PreviewScreen, SetupResultScreen};
use mentor_bot::domain::availability::{Cap, Hours, Window};
use mentor_bot::domain::booking::BookingStatus;
use mentor_bot::domain::OneOnOne;
use mentor_bot::domain::{
    Category, CertStatus, Lang, MentorCounts, Notice, Question, QuestionKind, Reader, Role, Roles,
    SubCommand, Theme, UserId,
};
use mentor_bot::slack::blocks::admin::{self as admin_views, Ctx};
use mentor_bot::slack::blocks::mentor as mentor_views;
use mentor_bot::slack::blocks::render;
use serde_json::Value;
use support::fake_slack::validate_blocks;

pub(crate) fn readers() -> Vec<Reader> {
    // A long name full of mrkdwn control characters is the worst case for escaping and length.
    let long_name = format!("<{}&>", "長い名前".repeat(60));
    [Lang::Ja, Lang::En]
        .into_iter()
        .flat_map(|lang| {
            [
                ("佐藤", chrono_tz::Asia::Tokyo),
                (long_name.as_str(), chrono_tz::America::New_York),
            ]
            .map(|(name, tz)| Reader {
                user: UserId::parse("U1").unwrap(),
                name: name.into(),
                lang,
                tz,
            })
        })
        .collect()
}

fn all_roles() -> Vec<Roles> {
    (0..8)
        .map(|bits| Roles {
            admin: bits & 1 != 0,
            advisor: bits & 2 != 0,
            mentor: bits & 4 != 0,
        })
        .collect()
}

fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

#[test]
fn help_and_home_fit_slacks_limits_for_every_role_and_language() {
    let at = Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap();
    for reader in readers() {
        for roles in all_roles() {
            let help = HelpScreen {
                reader: reader.clone(),
                roles,
            };
            let message = json(&render::help_message(&help));
            validate_blocks(&message["blocks"], 50).unwrap_or_else(|e| panic!("help message: {e}"));
            let modal = json(&render::help_modal(&help));
            validate_blocks(&modal["blocks"], 100).unwrap_or_else(|e| panic!("help modal: {e}"));
            assert!(modal["title"]["text"].as_str().unwrap().chars().count() <= 24);

            let admin = roles.admin.then_some((
                150,
                MentorCounts {
                    certified: 900,
                    started: 700,
                    waiting: 200,
                },
            ));
            let home = json(&render::home_view(&HomeScreen {
                reader: reader.clone(),
                roles,
                updated_at: at,
                admin,
                unreachable: roles.admin.then(|| {
                    let recent = (0..10).map(|i| (format!("Teams person {i}"), at)).collect();
                    mentor_bot::app::screens::UnreachableHome::decide(40, recent).unwrap()
                }),
                mentor: roles.mentor.then(|| mentor_home(20)),
                one_on_ones: OneOnOnesHome::decide(&reader.user, busy_schedule(&reader), at),
                memo: full_todo_list(&reader),
                nudges: mentor_bot::app::screens::NudgesHome::decide(true),
            }));
            assert_eq!(home["type"], "home");
            validate_blocks(&home["blocks"], 100).unwrap_or_else(|e| panic!("home: {e}"));
        }
    }
}

/// The memo part of a Home with as many open TODOs as it shows, long texts, and more.
fn full_todo_list(reader: &Reader) -> mentor_bot::app::screens::MemoHome {
    use mentor_bot::domain::memo::Todo;
    let todos = (0..mentor_bot::app::screens::HOME_TODOS_SHOWN as i64)
        .map(|id| Todo {
            id,
            one_on_one_id: 1,
            mentor: reader.user.clone(),
            mentee: UserId::parse("U2").unwrap(),
            owner: reader.user.clone(),
            text: "長".repeat(mentor_bot::domain::memo::TODO_MAX),
            due: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
            done: false,
        })
        .collect();
    mentor_bot::app::screens::MemoHome::decide(todos, 12)
}

#[test]
fn messages_fit_slacks_limits_in_both_languages() {
    for reader in readers() {
        let lang = reader.lang;
        let long_word = "x".repeat(5000);
        for content in [
            render::notice_message(&Notice::Welcome, &reader),
            render::unknown_command_message(lang, &long_word, Some(SubCommand::Help)),
            render::home_link_message(lang, Some("T1"), Some("A1")),
            render::home_link_message(lang, None, None),
            render::error_message(lang),
        ] {
            let v = json(&content);
            validate_blocks(&v["blocks"], 50).unwrap_or_else(|e| panic!("{e}: {v}"));
            assert!(
                !v["text"].as_str().unwrap().is_empty(),
                "a notification text is always set"
            );
        }
    }
}

#[test]
fn the_same_instant_reads_in_each_readers_zone_across_a_dst_change() {
    let reader = |lang, tz| Reader {
        user: UserId::parse("U1").unwrap(),
        name: "n".into(),
        lang,
        tz,
    };
    let ny = reader(Lang::En, chrono_tz::America::New_York);
    let tokyo = reader(Lang::Ja, chrono_tz::Asia::Tokyo);
    let berlin = reader(Lang::En, chrono_tz::Europe::Berlin);
    // New York springs forward at 2026-03-08 07:00 UTC (02:00 EST → 03:00 EDT).
    let before = Utc.with_ymd_and_hms(2026, 3, 8, 6, 59, 0).unwrap();
    let after = Utc.with_ymd_and_hms(2026, 3, 8, 7, 1, 0).unwrap();
    assert_eq!(render::local_time(&ny, before), "Sun, Mar 8, 2026 01:59");
    assert_eq!(render::local_time(&ny, after), "Sun, Mar 8, 2026 03:01");
    assert_eq!(render::local_time(&tokyo, after), "2026年3月8日(日) 16:01");
    // Berlin falls back on 2026-10-25 01:00 UTC (03:00 CEST → 02:00 CET).
    let cest = Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap();
    let cet = Utc.with_ymd_and_hms(2026, 10, 25, 1, 30, 0).unwrap();
    assert_eq!(render::local_time(&berlin, cest), "Sun, Oct 25, 2026 02:30");
    assert_eq!(render::local_time(&berlin, cet), "Sun, Oct 25, 2026 02:30");
}

fn worst_theme(id: i64) -> Theme {
    Theme {
        id,
        name: format!("<&>{}", "テーマ名".repeat(19)),
        category: Category::NonWork,
        description: "d".repeat(1000),
        archived: id % 2 == 0,
    }
}

#[test]
fn admin_screens_fit_slacks_limits_at_their_largest() {
    let counts = MentorCounts {
        certified: 10_000,
        started: 9_000,
        waiting: 1_000,
    };
    let questions: Vec<Question> = (0..120)
        .map(|i| Question {
            id: i,
            theme_id: 1,
            position: i,
            label: "質".repeat(150),
            // The most a question can hold: 100 choices within 3,000 characters in all.
            kind: QuestionKind::Choice(
                (0..100)
                    .map(|o| format!("{o:02}{}", "x".repeat(27)))
                    .collect(),
            ),
            required: i % 2 == 0,
            revision: 1,
        })
        .collect();
    let mentors: Vec<(UserId, CertStatus)> = (0..500)
        .map(|i| {
            (
                UserId::parse(&format!("U{i:08}")).unwrap(),
                CertStatus::NeedsAnswers,
            )
        })
        .collect();
    let holders: Vec<(UserId, Role, bool)> = (0..200)
        .map(|i| {
            (
                UserId::parse(&format!("U{i:08}")).unwrap(),
                Role::Advisor,
                i % 3 == 0,
            )
        })
        .collect();
    let ctx = Ctx {
        theme: Some(1),
        parent: Some("V123".into()),
        ..Ctx::default()
    };
    for lang in [Lang::Ja, Lang::En] {
        let page = ThemePage {
            themes: (1..=10).map(|i| (worst_theme(i), counts)).collect(),
            page: 3,
            pages: 9,
            total: 90,
            include_archived: true,
        };
        let report = CertifyReport {
            certified: mentors.iter().map(|m| m.0.clone()).collect(),
            already: mentors.iter().take(300).map(|m| m.0.clone()).collect(),
        };
        let holders_screen =
            |flash| RolesScreen::decide(holders.clone(), Some(&holders[1].0), flash);
        let many_topics = (0..200)
            .map(|i| (i, format!("{i:03}{}", "長".repeat(72))))
            .collect::<Vec<_>>();
        for view in [
            admin_views::console(lang, &ConsoleScreen::decide(page)),
            admin_views::console(
                lang,
                &ConsoleScreen::decide(ThemePage {
                    themes: vec![],
                    page: 0,
                    pages: 1,
                    total: 0,
                    include_archived: false,
                }),
            ),
            admin_views::theme_form(
                lang,
                &ThemeFormScreen::decide(Some(worst_theme(1))),
                ctx.clone(),
            ),
            admin_views::theme_form(lang, &ThemeFormScreen::decide(None), ctx.clone()),
            admin_views::questions(
                lang,
                &QuestionsScreen::decide(worst_theme(1), questions.clone()),
                ctx.clone(),
            ),
            admin_views::questions(
                lang,
                &QuestionsScreen::decide(worst_theme(1), questions[..1].to_vec()),
                ctx.clone(),
            ),
            admin_views::question_form(
                lang,
                &QuestionFormScreen::decide(1, Some(questions[0].clone())),
                ctx.clone(),
            ),
            admin_views::certify(
                lang,
                &CertifyScreen::decide(worst_theme(1), mentors.clone()),
                ctx.clone(),
            ),
            admin_views::certify_result(
                lang,
                &CertifyResultScreen {
                    theme: worst_theme(1),
                    report,
                },
            ),
            admin_views::roles(lang, &holders_screen(None), ctx.clone()),
            admin_views::roles(
                lang,
                &holders_screen(Some(role_granted(&holders[0].0, holders[0].1, false))),
                ctx.clone(),
            ),
            admin_views::topics(lang, &TopicsScreen::decide(vec![], None), ctx.clone()),
            admin_views::topics(
                lang,
                &TopicsScreen::decide(
                    many_topics,
                    Some(Message::new("topics-added").text("name", "長".repeat(5000))),
                ),
                ctx.clone(),
            ),
            admin_views::topic_form(
                lang,
                &TopicRenameScreen {
                    topic: 1,
                    name: "長".repeat(75),
                },
                ctx.clone(),
            ),
            admin_views::import_form(
                lang,
                &ImportScreen {
                    file_types: vec!["csv"],
                },
                ctx.clone(),
            ),
        ] {
            let v = json(&view);
            validate_blocks(&v["blocks"], 100)
                .unwrap_or_else(|e| panic!("{e}: {}", v["callback_id"]));
            assert!(
                v["title"]["text"].as_str().unwrap().chars().count() <= 24,
                "{}",
                v["title"]
            );
            assert!(v["private_metadata"].as_str().unwrap_or_default().len() <= 3000);
        }
    }
}

#[test]
fn mentor_dms_fit_slacks_limits() {
    for reader in readers() {
        for notice in [
            Notice::Certified {
                theme_id: 1,
                theme: "<b>".repeat(30),
                questions: 12,
                required: 3,
                started: false,
            },
            Notice::Certified {
                theme_id: 1,
                theme: "x".into(),
                questions: 0,
                required: 0,
                started: false,
            },
            Notice::Certified {
                theme_id: 1,
                theme: "x".into(),
                questions: 3,
                required: 1,
                started: true,
            },
            Notice::CertificationRevoked {
                theme: "育休".into(),
            },
            Notice::AnswersNeeded {
                theme_id: 1,
                theme: "育休".into(),
                questions: vec!["q".repeat(150); 40],
            },
        ] {
            let v = json(&render::notice_message(&notice, &reader));
            validate_blocks(&v["blocks"], 50).unwrap_or_else(|e| panic!("{e}: {v}"));
        }
    }
}

fn mentor_theme(id: i64, status: CertStatus) -> MentorTheme {
    MentorTheme {
        theme: worst_theme(id),
        status,
        questions: (0..30)
            .map(|i| {
                let q = Question {
                    id: i,
                    theme_id: id,
                    position: i,
                    label: "質".repeat(150),
                    kind: if i % 2 == 0 {
                        QuestionKind::Text
                    } else {
                        QuestionKind::Choice(vec!["a".into(), "b".into()])
                    },
                    required: true,
                    revision: 1,
                };
                (q, Some("答".repeat(3000)))
            })
            .collect(),
    }
}

fn mentor_home(themes: i64) -> MentorHome {
    let statuses = [
        CertStatus::Certified,
        CertStatus::Started,
        CertStatus::NeedsAnswers,
        CertStatus::Paused,
    ];
    MentorHome::decide(
        (0..themes)
            .map(|i| mentor_theme(i, statuses[i as usize % 4]))
            .collect(),
        Hours {
            windows: (0..7)
                .flat_map(|day| {
                    (0..6).map(move |k| Window {
                        day,
                        start: k * 120,
                        end: k * 120 + 60,
                    })
                })
                .collect(),
            cap: Some(Cap::PerMonth(10)),
            away_until: chrono::NaiveDate::from_ymd_opt(2027, 1, 31),
            auto_accept: true,
            ..Hours::default()
        },
        true,
    )
}

#[test]
fn mentor_screens_fit_slacks_limits_at_their_largest() {
    for reader in readers() {
        let lang = reader.lang;
        let mt = mentor_theme(1, CertStatus::NeedsAnswers);
        let card = MentorCard {
            mentor: UserId::parse("U1").unwrap(),
            name: "n".into(),
            themes: (0..12)
                .map(|i| mentor_theme(i, CertStatus::Started))
                .collect(),
            next_slot: Some(Utc.with_ymd_and_hms(2026, 11, 24, 1, 0, 0).unwrap()),
        };
        let home = mentor_home(20);
        for view in [
            mentor_views::setup_form(lang, &SetupScreen::decide(mt.clone(), SetupEntry::Start)),
            mentor_views::setup_result(
                &reader,
                &SetupResultScreen::decide(
                    mt.theme.name.clone(),
                    StatusChange {
                        before: CertStatus::Certified,
                        after: CertStatus::Started,
                    },
                    &card,
                ),
            ),
            mentor_views::preview(&reader, &PreviewScreen::decide(&card)),
            mentor_views::hours_form(
                lang,
                &HoursScreen {
                    hours: home.hours.clone(),
                    tz: reader.tz,
                },
            ),
            mentor_views::hours_form(
                lang,
                &HoursScreen {
                    hours: Hours::default(),
                    tz: reader.tz,
                },
            ),
        ] {
            let v = json(&view);
            validate_blocks(&v["blocks"], 100)
                .unwrap_or_else(|e| panic!("{e}: {}", v["callback_id"]));
            assert!(v["title"]["text"].as_str().unwrap().chars().count() <= 24);
        }
        let blocks = json(&mentor_views::home_blocks(lang, &home, reader.tz));
        validate_blocks(&blocks, 100).unwrap();
    }
}

/// A mentor with many requests waiting and many 1on1s coming (the Home's worst case).
fn busy_schedule(reader: &Reader) -> Vec<(OneOnOne, String)> {
    let other = UserId::parse("U0OTHER").unwrap();
    (0..30)
        .map(|i| {
            let start =
                Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap() + chrono::Duration::hours(i);
            let one = OneOnOne {
                id: i,
                mentor: if i % 2 == 0 {
                    reader.user.clone()
                } else {
                    other.clone()
                },
                mentee: if i % 2 == 0 {
                    other.clone()
                } else {
                    reader.user.clone()
                },
                theme_id: 1,
                start,
                end: start + chrono::Duration::minutes(30),
                status: if i % 3 == 0 {
                    BookingStatus::Confirmed
                } else {
                    BookingStatus::Requested
                },
                topic_key: "career".into(),
                topic_other: None,
                response: "listen".into(),
                note: "n".repeat(2000),
                sequence: 0,
                expires_at: None,
                decline_message: None,
            };
            (one, "テーマ".repeat(26))
        })
        .collect()
}

#[test]
fn booking_screens_fit_slacks_limits_at_their_largest() {
    use mentor_bot::app::actions::FindCtx;
    use mentor_bot::app::booking::RequestOptions;
    use mentor_bot::app::screens::{
        theme_groups, Entered, FindScreen, Redraw, RequestScreen, RescheduleScreen, ResultsScreen,
    };
    use mentor_bot::domain::availability::Slot;
    use mentor_bot::slack::blocks::booking as booking_views;

    let start = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
    // Every 30 minutes for 150 days: more days and more times of a day than a select holds.
    let slots: Vec<Slot> = (0..150 * 48)
        .map(|i| {
            let at = start + chrono::Duration::minutes(30 * i);
            Slot {
                start: at,
                end: at + chrono::Duration::minutes(30),
            }
        })
        .collect();
    let hits: Vec<MentorCard> = (0..23)
        .map(|i| MentorCard {
            mentor: UserId::parse(&format!("U{i:08}")).unwrap(),
            name: "n".into(),
            themes: (0..12)
                .map(|t| mentor_theme(t, CertStatus::Started))
                .collect(),
            next_slot: Some(start),
        })
        .collect();
    let themes: Vec<Theme> = (0..150).map(|i| worst_theme(i * 2 + 1)).collect();
    let options = RequestOptions {
        note_recipients: Vec::new(),
        mentor: UserId::parse("U1").unwrap(),
        mentor_name: "<&>".repeat(100),
        theme: worst_theme(1),
        slots: slots.clone(),
        custom_topics: (0..130).map(|i| (i, "話題".repeat(40))).collect(),
    };
    let entered = Entered {
        note: "x".repeat(2000),
        other: "y".repeat(100),
        ..Entered::default()
    };
    for reader in readers() {
        let lang = reader.lang;
        let search = |page| FindCtx {
            words: "w".repeat(200),
            theme: Some(1),
            page,
        };
        for view in [
            booking_views::find_form(lang, &FindScreen::decide(&themes[..100], "w")),
            booking_views::find_form(lang, &FindScreen::decide(&themes, "w")),
            booking_views::results(
                &reader,
                &ResultsScreen::decide(search(0), Some("テーマ".repeat(30)), &hits, true),
            ),
            booking_views::results(
                &reader,
                &ResultsScreen::decide(search(4), None, &hits, true),
            ),
            booking_views::request_form(
                &reader,
                &RequestScreen::decide(
                    &options,
                    reader.tz,
                    entered.clone(),
                    Redraw::after(3, true),
                ),
            ),
            booking_views::reschedule_form(
                &reader,
                &RescheduleScreen::decide(9, &slots, reader.tz, None, Redraw::after(0, true)),
            ),
        ] {
            let v = json(&view);
            validate_blocks(&v["blocks"], 100)
                .unwrap_or_else(|e| panic!("{e}: {}", v["callback_id"]));
            assert!(v["title"]["text"].as_str().unwrap().chars().count() <= 24);
        }
        let suggestions = booking_views::theme_suggestions(lang, &theme_groups(&themes, ""));
        let offered: usize = suggestions["option_groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["options"].as_array().unwrap().len())
            .sum();
        assert_eq!(offered, 100);
    }
}
