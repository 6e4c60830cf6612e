//! People, screens and DMs the card tests draw: realistic Japanese and English, one 1on1 at
//! Monday 10:00 in Tokyo (Sunday 20:00 in New York).

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::app::actions::FindCtx;
use crate::app::errors::Message;
use crate::app::mentor::{MentorCard, MentorTheme};
use crate::app::ports::Outgoing;
use crate::app::screens::{
    Entered, FindResultsScreen, FindScreen, HomeScreen, MemoHome, MentorHome, NudgesHome,
    OneOnOnesHome, Redraw, RequestScreen, RescheduleScreen, ResultsScreen,
};
use crate::app::series::SeriesSent;
use crate::domain::availability::{Cap, Hours, Slot, Window};
use crate::domain::booking::{BookingStatus, DmOutcome, Topic};
use crate::domain::followup::{FollowupNotice, Occurrence};
use crate::domain::memo::Todo;
use crate::domain::Lang;
use crate::domain::{
    BookingInfo, Brief, Category, CertStatus, MentorCounts, Notice, OneOnOne, Reader, Roles, Theme,
    UserId,
};
use crate::teams::cards::Names;

pub(super) fn user(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

pub(super) fn mentor() -> UserId {
    user("MT6B0A4B4E6C4B4E0A9F4E1C2D3E4F5A6B")
}

pub(super) fn mentee() -> UserId {
    user("U0MENTEE1")
}

pub(super) fn names() -> Names {
    [
        (mentor(), "佐藤 健".to_string()),
        (mentee(), "Hanako *Yamada*".to_string()),
    ]
    .into()
}

pub(super) fn ja() -> Reader {
    Reader {
        user: mentor(),
        name: "佐藤 健".into(),
        lang: Lang::Ja,
        tz: chrono_tz::Asia::Tokyo,
    }
}

pub(super) fn en() -> Reader {
    Reader {
        user: mentee(),
        name: "Hanako *Yamada*".into(),
        lang: Lang::En,
        tz: chrono_tz::America::New_York,
    }
}

/// 2026-12-07 01:00 UTC: Monday 10:00 in Tokyo, Sunday 20:00 in New York.
pub(super) fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 1, 0, 0).unwrap()
}

pub(super) fn theme() -> Theme {
    Theme {
        id: 7,
        name: "育休からの復職".into(),
        category: Category::Programs,
        description: "育休・時短勤務の経験".into(),
        archived: false,
    }
}

pub(super) fn booking() -> BookingInfo {
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

pub(super) fn one_on_one(status: BookingStatus) -> OneOnOne {
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

pub(super) fn hours() -> Hours {
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

pub(super) fn all_roles() -> Roles {
    Roles {
        admin: true,
        advisor: true,
        mentor: true,
    }
}

pub(super) fn home_screen(reader: &Reader) -> HomeScreen {
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
        unreachable: None,
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

pub(super) fn slots(count: usize) -> Vec<Slot> {
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

pub(super) fn request_screen(reader: &Reader, slots: &[Slot]) -> RequestScreen {
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

pub(super) fn results_screen() -> FindResultsScreen {
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

pub(super) fn reschedule_screen(reader: &Reader, slots: &[Slot]) -> RescheduleScreen {
    RescheduleScreen::decide(41, slots, reader.tz, None, Redraw::default())
}

/// A series of three every two weeks: the second moved, a fourth left out.
pub(super) fn series() -> SeriesSent {
    SeriesSent {
        series_id: 3,
        mentor: mentor(),
        status: BookingStatus::Requested,
        occurrences: vec![
            Occurrence {
                one_on_one_id: 50,
                start: start(),
                wanted: None,
            },
            Occurrence {
                one_on_one_id: 51,
                start: start() + Duration::days(15),
                wanted: Some(start() + Duration::days(14)),
            },
            Occurrence {
                one_on_one_id: 52,
                start: start() + Duration::days(28),
                wanted: None,
            },
        ],
        left_out: vec![start() + Duration::days(42)],
    }
}

/// Every DM kind the outbox sends.
pub(super) fn outgoing_messages() -> Vec<Outgoing> {
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
