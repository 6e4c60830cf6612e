//! 1on1s end to end: Japanese search and hidden mentors, requesting, the race for a slot,
//! the mentor's decision, expiry, cancel, reminders, calendar invites, and time zones.

use crate::support;

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use mentor_bot::app::admin::Actor;
use mentor_bot::app::booking::{BookingError, BookingResult};
use mentor_bot::app::App;
use mentor_bot::domain::availability::{Cap, Hours, Window};
use mentor_bot::domain::booking::RequestDraft;
use mentor_bot::domain::OneOnOne;
use mentor_bot::domain::{QuestionDraft, RetryPolicy, ThemeDraft, UserId};
use mentor_bot::scheduler::run_due;
use mentor_bot::slack::outbound::gateway::SlackGateway;
use mentor_bot::startup;
use support::bot::*;
use support::fake_slack::{FakeSlack, FakeUser};

fn uid(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// Every day 09:00–12:00 in the mentor's zone, hourly slots, no notice.
fn open_hours() -> Hours {
    Hours {
        windows: (0..7)
            .map(|day| Window {
                day,
                start: 9 * 60,
                end: 12 * 60,
            })
            .collect(),
        slot_minutes: 60,
        notice_hours: 0,
        horizon_days: 14,
        ..Hours::default()
    }
}

struct World {
    fake: FakeSlack,
    app: App,
    gateway: SlackGateway,
    theme: i64,
    _dir: tempfile::TempDir,
}

/// Mentors: UNY (New York, en) and UTK (Tokyo, ja), started on 「育休からの復帰」 with an answer;
/// mentees: UMA (Tokyo, ja) and UMB (Berlin, en).
async fn world(now: DateTime<Utc>) -> World {
    let fake = FakeSlack::start().await;
    fake.add_user(
        FakeUser::new("UNY")
            .with_name("Nora")
            .with_tz("America/New_York")
            .with_locale("en-US")
            .with_email("nora@example.com"),
    );
    fake.add_user(
        FakeUser::new("UTK")
            .with_name("高橋")
            .with_tz("Asia/Tokyo")
            .with_locale("ja-JP"),
    );
    fake.add_user(
        FakeUser::new("UMA")
            .with_name("佐藤")
            .with_tz("Asia/Tokyo")
            .with_locale("ja-JP")
            .with_email("sato@example.co.jp"),
    );
    fake.add_user(
        FakeUser::new("UMB")
            .with_name("Ben")
            .with_tz("Europe/Berlin")
            .with_locale("en-GB"),
    );
    let dir = tempfile::tempdir().unwrap();
    let config = config_for(&fake, &dir);
    let db = startup::open_db(&config).await.unwrap();
    let (app, _) = startup::build(&config, db).unwrap();
    let gateway = SlackGateway::new(config.slack.as_ref().unwrap()).unwrap();
    let theme = app
        .create_theme(
            &Actor::Cli,
            ThemeDraft::parse("育休からの復帰", Some("programs"), "").unwrap(),
            now,
        )
        .await
        .unwrap();
    let question = app
        .add_question(
            &Actor::Cli,
            theme,
            QuestionDraft::parse("話せること", Some("text"), "", false).unwrap(),
            now,
        )
        .await
        .unwrap();
    app.certify(&Actor::Cli, theme, vec![uid("UNY"), uid("UTK")], now)
        .await
        .unwrap();
    for (mentor, answer) in [
        ("UNY", "育休から復帰して時短で働いた経験"),
        ("UTK", "DX推進と両立した話"),
    ] {
        app.save_answers(
            &uid(mentor),
            theme,
            vec![(question, answer.to_string())],
            true,
            now,
        )
        .await
        .unwrap();
        app.save_hours(&uid(mentor), open_hours(), now)
            .await
            .unwrap();
    }
    World {
        fake,
        app,
        gateway,
        theme,
        _dir: dir,
    }
}

/// `mentee` requests a 1on1 with `mentor` at `start` (career, "listen", with a note).
async fn book(
    w: &World,
    mentee: &str,
    mentor: &str,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> OneOnOne {
    let (one, _) = w
        .app
        .request_one_on_one(&uid(mentee), &uid(mentor), w.theme, draft(start), now)
        .await
        .unwrap();
    one
}

/// A 1on1 requested by `mentee` and accepted by `mentor`.
async fn confirmed(
    w: &World,
    mentee: &str,
    mentor: &str,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> OneOnOne {
    let one = book(w, mentee, mentor, start, now).await;
    w.app
        .accept_request(&uid(mentor), one.id, now)
        .await
        .unwrap();
    one
}

fn draft(start: DateTime<Utc>) -> RequestDraft {
    RequestDraft::parse(
        Some(&start.timestamp().to_string()),
        Some("career"),
        "",
        Some("listen"),
        "復帰後のキャリアについて",
        &[],
    )
    .unwrap()
}

async fn deliver(w: &World, now: DateTime<Utc>) {
    run_due(&w.app, &w.gateway, &RetryPolicy::default(), now)
        .await
        .unwrap();
}

async fn count(app: &App, sql: &'static str) -> i64 {
    app.db
        .call(move |c| Ok(c.query_row(sql, [], |r| r.get(0))?))
        .await
        .unwrap()
}

#[tokio::test]
async fn japanese_search_finds_short_and_long_words_and_hides_who_should_be_hidden() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    let names = |page: &mentor_bot::app::screens::ResultsScreen| {
        page.cards
            .iter()
            .map(|c| c.card.mentor.to_string())
            .collect::<Vec<_>>()
    };

    assert_eq!(
        names(
            &w.app
                .find_mentors(&uid("UMA"), "育休", None, 0, now)
                .await
                .unwrap()
        ),
        ["UNY", "UTK"],
        "2 characters: the theme name"
    );
    assert_eq!(
        names(
            &w.app
                .find_mentors(&uid("UMA"), "時短", None, 0, now)
                .await
                .unwrap()
        ),
        ["UNY"],
        "2 characters inside an answer"
    );
    assert_eq!(
        names(
            &w.app
                .find_mentors(&uid("UMA"), "DX", None, 0, now)
                .await
                .unwrap()
        ),
        ["UTK"]
    );
    assert_eq!(
        names(
            &w.app
                .find_mentors(&uid("UMA"), "復帰して", None, 0, now)
                .await
                .unwrap()
        ),
        ["UNY"],
        "trigram"
    );
    assert_eq!(
        names(
            &w.app
                .find_mentors(&uid("UMA"), "ｄｘ　推進", None, 0, now)
                .await
                .unwrap()
        ),
        ["UTK"],
        "full width, two words"
    );
    let none = w
        .app
        .find_mentors(&uid("UMA"), "ゴルフ", None, 0, now)
        .await
        .unwrap();
    assert!(none.cards.is_empty());

    // Never yourself.
    assert_eq!(
        names(
            &w.app
                .find_mentors(&uid("UNY"), "育休", None, 0, now)
                .await
                .unwrap()
        ),
        ["UTK"]
    );
    // A paused mentor, a mentor away, a mentor at their cap: hidden.
    w.app
        .set_paused(&uid("UTK"), w.theme, true, now)
        .await
        .unwrap();
    assert_eq!(
        names(
            &w.app
                .find_mentors(&uid("UMA"), "育休", None, 0, now)
                .await
                .unwrap()
        ),
        ["UNY"]
    );
    w.app
        .set_paused(&uid("UTK"), w.theme, false, now)
        .await
        .unwrap();
    let away = Hours {
        away_until: Some(chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
        ..open_hours()
    };
    w.app.save_hours(&uid("UTK"), away, now).await.unwrap();
    assert_eq!(
        names(
            &w.app
                .find_mentors(&uid("UMA"), "育休", None, 0, now)
                .await
                .unwrap()
        ),
        ["UNY"]
    );
    let capped = Hours {
        cap: Some(Cap::PerMonth(1)),
        horizon_days: 7,
        ..open_hours()
    };
    w.app.save_hours(&uid("UNY"), capped, now).await.unwrap();
    let slot = w.app.free_slots(&uid("UNY"), now).await.unwrap()[0];
    book(&w, "UMB", "UNY", slot.start, now).await;
    assert!(
        w.app
            .find_mentors(&uid("UMA"), "育休", None, 0, now)
            .await
            .unwrap()
            .cards
            .is_empty(),
        "at cap for November"
    );
    // An archived theme hides its mentors.
    w.app
        .save_hours(&uid("UTK"), open_hours(), now)
        .await
        .unwrap();
    w.app
        .set_theme_archived(&Actor::Cli, w.theme, true, now)
        .await
        .unwrap();
    assert!(w
        .app
        .find_mentors(&uid("UMA"), "", None, 0, now)
        .await
        .unwrap()
        .cards
        .is_empty());
}

#[tokio::test]
async fn a_slot_is_booked_once_when_many_mentees_race_for_it() {
    let now = at(2026, 11, 23, 0, 0);
    let w = Arc::new(world(now).await);
    let mentees: Vec<UserId> = (0..12).map(|i| uid(&format!("URACE{i:02}"))).collect();
    let slots = w.app.free_slots(&uid("UTK"), now).await.unwrap();
    // Repeat the race on 15 different slots.
    for slot in slots.iter().take(15) {
        let tasks: Vec<_> = mentees
            .iter()
            .map(|mentee| {
                let (w, mentee, start) = (w.clone(), mentee.clone(), slot.start);
                tokio::spawn(async move {
                    w.app
                        .request_one_on_one(&mentee, &uid("UTK"), w.theme, draft(start), now)
                        .await
                })
            })
            .collect();
        let mut won = 0;
        let mut lost = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => won += 1,
                Err(BookingError::SlotTaken { next }) => {
                    assert!(
                        next.iter().all(|s| s.start != slot.start),
                        "the next free times exclude the taken one"
                    );
                    lost += 1
                }
                Err(other) => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!((won, lost), (1, mentees.len() - 1), "slot {}", slot.start);
    }
    assert_eq!(count(&w.app, "SELECT COUNT(*) FROM one_on_ones").await, 15);
    assert_eq!(
        count(
            &w.app,
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'request:%'"
        )
        .await,
        15
    );
}

#[tokio::test]
async fn a_mentee_cannot_hold_two_overlapping_requests_nor_book_themselves() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    let start = w.app.free_slots(&uid("UNY"), now).await.unwrap()[0].start;
    book(&w, "UMA", "UNY", start, now).await;
    // UTK's Tokyo hours never meet UNY's New York morning, so make UTK's window match.
    let same_time = start.with_timezone(&chrono_tz::Asia::Tokyo);
    let minute = (same_time.format("%H").to_string().parse::<u16>().unwrap()) * 60;
    let hours = Hours {
        windows: (0..7)
            .map(|day| Window {
                day,
                start: minute,
                end: minute + 60,
            })
            .collect(),
        ..open_hours()
    };
    w.app.save_hours(&uid("UTK"), hours, now).await.unwrap();
    let err = w
        .app
        .request_one_on_one(&uid("UMA"), &uid("UTK"), w.theme, draft(start), now)
        .await
        .unwrap_err();
    assert!(matches!(err, BookingError::MenteeBusy), "{err:?}");
    let err = w
        .app
        .request_one_on_one(&uid("UNY"), &uid("UNY"), w.theme, draft(start), now)
        .await
        .unwrap_err();
    assert!(matches!(err, BookingError::SelfRequest));
}

#[tokio::test]
async fn only_the_mentor_decides_and_only_the_pair_can_cancel() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    let start = w.app.free_slots(&uid("UNY"), now).await.unwrap()[0].start;
    let one = book(&w, "UMA", "UNY", start, now).await;
    // The mentee is told that only the mentor decides; anyone else that it is not theirs.
    for (forger, mentee) in [("UMA", true), ("UMB", false), ("UTK", false)] {
        let refused = |e: &BookingResult<OneOnOne>| match e {
            Err(BookingError::MentorOnly) => mentee,
            Err(BookingError::Forbidden) => !mentee,
            _ => false,
        };
        let accepted = w.app.accept_request(&uid(forger), one.id, now).await;
        assert!(refused(&accepted), "{forger}: {accepted:?}");
        let declined = w.app.decline_request(&uid(forger), one.id, None, now).await;
        assert!(refused(&declined), "{forger}: {declined:?}");
    }
    assert!(matches!(
        w.app.cancel_one_on_one(&uid("UMB"), one.id, now).await,
        Err(BookingError::Forbidden)
    ));
    assert_eq!(
        count(
            &w.app,
            "SELECT COUNT(*) FROM one_on_ones WHERE status = 'requested'"
        )
        .await,
        1
    );
    w.app
        .accept_request(&uid("UNY"), one.id, now)
        .await
        .unwrap();
    // A second decision is refused: it already happened.
    assert!(matches!(
        w.app.decline_request(&uid("UNY"), one.id, None, now).await,
        Err(BookingError::AlreadyDone("confirmed"))
    ));
}

#[tokio::test]
async fn an_unanswered_request_expires_both_are_told_and_the_slot_is_free_again() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    let start = w
        .app
        .free_slots(&uid("UTK"), now)
        .await
        .unwrap()
        .last()
        .unwrap()
        .start;
    book(&w, "UMA", "UTK", start, now).await;
    deliver(&w, now).await;
    assert_eq!(
        w.fake.messages_to("UTK").len(),
        2,
        "certification + request"
    );
    deliver(&w, now + Duration::hours(47)).await;
    assert_eq!(
        count(
            &w.app,
            "SELECT COUNT(*) FROM one_on_ones WHERE status = 'requested'"
        )
        .await,
        1
    );
    deliver(&w, now + Duration::hours(48) + Duration::minutes(1)).await;
    assert_eq!(
        count(
            &w.app,
            "SELECT COUNT(*) FROM one_on_ones WHERE status = 'expired'"
        )
        .await,
        1
    );
    let later = now + Duration::hours(49);
    deliver(&w, later).await;
    assert!(w.fake.messages_to("UMA").iter().any(|m| m
        .text
        .as_deref()
        .unwrap_or_default()
        .contains("期限切れ")));
    assert!(w.fake.messages_to("UTK").iter().any(|m| m
        .text
        .as_deref()
        .unwrap_or_default()
        .contains("期限切れ")));
    assert!(
        w.app
            .free_slots(&uid("UTK"), later)
            .await
            .unwrap()
            .iter()
            .any(|s| s.start == start),
        "freed"
    );
}

#[tokio::test]
async fn accepting_confirms_both_with_invites_and_cancelling_withdraws_the_reminders() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    let start = w.app.free_slots(&uid("UNY"), now).await.unwrap()[3].start;
    let one = confirmed(&w, "UMA", "UNY", start, now).await;
    assert_eq!(
        count(
            &w.app,
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'reminder:%' AND status = 'pending'"
        )
        .await,
        4
    );
    deliver(&w, now).await;
    for user in ["UNY", "UMA"] {
        let files = w.fake.shared_files(user);
        assert_eq!(files.len(), 1, "{user} got the invite");
        let ics = String::from_utf8(files[0].1.clone()).unwrap();
        let unfolded = icalendar::parser::unfold(&ics);
        let calendar = icalendar::parser::read_calendar(&unfolded).expect("the invite parses");
        let event = calendar
            .components
            .iter()
            .find(|c| c.name == "VEVENT")
            .unwrap();
        let prop = |name: &str| {
            event
                .properties
                .iter()
                .find(|p| p.name == name)
                .map(|p| p.val.to_string())
                .unwrap()
        };
        assert_eq!(prop("UID"), format!("one-on-one-{}@mentor-bot", one.id));
        assert_eq!(
            prop("DTSTART"),
            start.format("%Y%m%dT%H%M%SZ").to_string(),
            "the instant round-trips"
        );
        assert!(ics.contains("mailto:nora@example.com"));
    }
    let confirmed = w
        .fake
        .messages_to("UMA")
        .into_iter()
        .find(|m| m.text.as_deref().unwrap_or_default().contains("確定"))
        .unwrap();
    assert!(
        support::bot::text_of(&confirmed.blocks).contains("今後のキャリア"),
        "topic in the reader's language"
    );

    // The mentee cancels: reminders withdrawn, the mentor told, a CANCEL invite to both.
    w.app
        .cancel_one_on_one(&uid("UMA"), one.id, now)
        .await
        .unwrap();
    assert_eq!(
        count(
            &w.app,
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'reminder:%' AND status = 'pending'"
        )
        .await,
        0
    );
    deliver(&w, now).await;
    assert!(w.fake.messages_to("UNY").iter().any(|m| m
        .text
        .as_deref()
        .unwrap_or_default()
        .contains("cancelled your 1on1")));
    let cancel = String::from_utf8(w.fake.shared_files("UNY")[1].1.clone()).unwrap();
    assert!(
        cancel.contains("METHOD:CANCEL")
            && cancel.contains("STATUS:CANCELLED")
            && cancel.contains("SEQUENCE:1")
    );
    // Nothing more is sent at reminder time.
    let before = w.fake.messages().len();
    deliver(&w, start - Duration::minutes(10)).await;
    assert_eq!(w.fake.messages().len(), before);
}

#[tokio::test]
async fn run_due_sends_exactly_the_reminders_due_and_drops_one_after_the_start() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    let start = w.app.free_slots(&uid("UNY"), now).await.unwrap()[10].start;
    assert!(start - now > Duration::days(2));
    confirmed(&w, "UMA", "UNY", start, now).await;
    deliver(&w, now).await;
    let reminders = |w: &World| {
        w.fake
            .messages()
            .into_iter()
            .filter(|m| {
                m.metadata.as_ref().is_some_and(|md| {
                    md["event_payload"]["key"]
                        .as_str()
                        .unwrap_or_default()
                        .starts_with("reminder:")
                })
            })
            .collect::<Vec<_>>()
    };
    assert!(reminders(&w).is_empty());
    deliver(&w, start - Duration::days(1)).await;
    let sent = reminders(&w);
    assert_eq!(sent.len(), 2, "the day-before reminders, one each");
    let brief = sent.iter().find(|m| m.user == "UNY").unwrap();
    let text = support::bot::text_of(&brief.blocks);
    assert!(
        text.contains("Before your 1on1")
            && text.contains("this is your first 1on1 together")
            && text.contains("復帰後のキャリアについて"),
        "{text}"
    );
    // The bot was down through the 10-minute mark; on restart after the start it drops them.
    deliver(&w, start + Duration::minutes(5)).await;
    assert_eq!(reminders(&w).len(), 2);
    assert_eq!(
        count(
            &w.app,
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'reminder:%' AND status = 'dropped'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn a_new_york_mentor_and_a_tokyo_mentee_see_the_same_1on1_at_their_own_times_across_dst() {
    // Before New York's spring-forward (2026-03-08).
    let now = at(2026, 3, 2, 12, 0);
    let w = world(now).await;
    let slots = w.app.free_slots(&uid("UNY"), now).await.unwrap();
    // Mondays 09:00 New York: 14:00 UTC before the change, 13:00 UTC after.
    let before = slots
        .iter()
        .find(|s| s.start == at(2026, 3, 3, 14, 0))
        .expect("Tuesday 3 March 09:00 EST");
    let after = slots
        .iter()
        .find(|s| s.start == at(2026, 3, 10, 13, 0))
        .expect("Tuesday 10 March 09:00 EDT");
    for slot in [before, after] {
        confirmed(&w, "UMA", "UNY", slot.start, now).await;
    }
    deliver(&w, now).await;
    let texts = |user: &str| {
        w.fake
            .messages_to(user)
            .iter()
            .map(|m| support::bot::text_of(&m.blocks))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (mentor, mentee) = (texts("UNY"), texts("UMA"));
    assert!(
        mentor.contains("Tue, Mar 3, 2026 09:00") && mentor.contains("Tue, Mar 10, 2026 09:00"),
        "{mentor}"
    );
    assert!(
        mentee.contains("2026年3月3日(火) 23:00") && mentee.contains("2026年3月10日(火) 22:00"),
        "{mentee}"
    );
}

#[tokio::test]
async fn either_side_reschedules_the_other_is_told_and_reminders_and_invites_follow() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    let slots = w.app.free_slots(&uid("UNY"), now).await.unwrap();
    let one = confirmed(&w, "UMA", "UNY", slots[4].start, now).await;
    deliver(&w, now).await;

    assert!(matches!(
        w.app
            .reschedule_one_on_one(&uid("UMB"), one.id, slots[6].start, now)
            .await,
        Err(BookingError::Forbidden)
    ));
    let moved = w
        .app
        .reschedule_one_on_one(&uid("UMA"), one.id, slots[6].start, now)
        .await
        .unwrap();
    assert_eq!((moved.start, moved.sequence), (slots[6].start, 1));
    let free = w.app.free_slots(&uid("UNY"), now).await.unwrap();
    assert!(
        free.iter().any(|s| s.start == slots[4].start),
        "the old time is free again"
    );
    assert!(!free.iter().any(|s| s.start == slots[6].start));
    assert_eq!(count(&w.app, "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'reminder:%:0:%' AND status = 'cancelled'").await, 4);
    assert_eq!(count(&w.app, "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'reminder:%:1:%' AND status = 'pending'").await, 4);
    deliver(&w, now).await;
    assert!(w.fake.messages_to("UNY").iter().any(|m| m
        .text
        .as_deref()
        .unwrap_or_default()
        .contains("moved your 1on1")));
    let invite = String::from_utf8(w.fake.shared_files("UNY").last().unwrap().1.clone()).unwrap();
    assert!(invite.contains("METHOD:REQUEST") && invite.contains("SEQUENCE:1"));
    assert!(invite.contains(&slots[6].start.format("%Y%m%dT%H%M%SZ").to_string()));
    // The Home lists it, at its new time, for both.
    let home = w.app.home_screen(&uid("UMA"), now).await.unwrap();
    assert_eq!(home.one_on_ones.upcoming.len(), 1);
    assert_eq!(home.one_on_ones.upcoming[0].one.start, slots[6].start);
}

#[tokio::test]
async fn an_admin_added_topic_is_offered_and_named_in_the_mentors_dm() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    assert!(matches!(
        w.app
            .add_topic(&Actor::User(uid("UMA")), "新規事業", now)
            .await,
        Err(mentor_bot::app::admin::AdminError::NotAdmin)
    ));
    let id = w.app.add_topic(&Actor::Cli, "新規事業", now).await.unwrap();
    assert!(matches!(
        w.app.add_topic(&Actor::Cli, " 新規事業 ", now).await,
        Err(mentor_bot::app::admin::AdminError::Invalid(_))
    ));
    let options = w
        .app
        .request_options(&uid("UMA"), &uid("UNY"), w.theme, now)
        .await
        .unwrap();
    assert_eq!(options.custom_topics, [(id, "新規事業".to_string())]);
    let start = options.slots[0].start;
    let draft = RequestDraft::parse(
        Some(&start.timestamp().to_string()),
        Some(&format!("custom:{id}")),
        "",
        Some("opinion"),
        "",
        &options.custom_topics,
    )
    .unwrap();
    w.app
        .request_one_on_one(&uid("UMA"), &uid("UNY"), w.theme, draft, now)
        .await
        .unwrap();
    deliver(&w, now).await;
    let dm = w.fake.messages_to("UNY").into_iter().last().unwrap();
    let text = support::bot::text_of(&dm.blocks);
    assert!(
        text.contains("Topic: 新規事業") && text.contains("I want your opinion"),
        "{text}"
    );
    // Archived, it is no longer offered; the request keeps its name.
    w.app.archive_topic(&Actor::Cli, id, now).await.unwrap();
    assert!(w
        .app
        .request_options(&uid("UMB"), &uid("UTK"), w.theme, now)
        .await
        .unwrap()
        .custom_topics
        .is_empty());
}

#[tokio::test]
async fn cancelling_one_1on1_leaves_the_request_dms_of_others_alone() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    let slots = w.app.free_slots(&uid("UTK"), now).await.unwrap();
    let mut ids = Vec::new();
    // (slots[0] starts right now, and a 1on1 that has started cannot be cancelled)
    for (i, slot) in slots.iter().skip(1).take(11).enumerate() {
        let mentee = uid(&format!("UQ{i:02}"));
        ids.push(
            w.app
                .request_one_on_one(&mentee, &uid("UTK"), w.theme, draft(slot.start), now)
                .await
                .unwrap()
                .0
                .id,
        );
    }
    assert!(ids.contains(&1) && ids.contains(&10) && ids.contains(&11));
    w.app.cancel_one_on_one(&uid("UQ00"), 1, now).await.unwrap();
    assert_eq!(
        count(
            &w.app,
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key = 'request:1' AND status = 'cancelled'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&w.app, "SELECT COUNT(*) FROM outbox WHERE dedupe_key IN ('request:10', 'request:11') AND status = 'pending'").await,
        2,
        "request:1 is not a prefix of request:10"
    );
}

#[tokio::test]
async fn a_mentor_booked_as_a_mentee_is_not_offered_at_that_time() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    // Nora (New York) mentors, and is also 高橋's mentee at one of her own free times.
    let nora_free = w.app.free_slots(&uid("UNY"), now).await.unwrap();
    let hours_for = |start: DateTime<Utc>| {
        let minute = start
            .with_timezone(&chrono_tz::Asia::Tokyo)
            .format("%H")
            .to_string()
            .parse::<u16>()
            .unwrap()
            * 60;
        Hours {
            windows: (0..7)
                .map(|day| Window {
                    day,
                    start: minute,
                    end: minute + 60,
                })
                .collect(),
            ..open_hours()
        }
    };
    let t = nora_free[2].start;
    w.app
        .save_hours(&uid("UTK"), hours_for(t), now)
        .await
        .unwrap();
    book(&w, "UNY", "UTK", t, now).await;
    assert!(
        !w.app
            .free_slots(&uid("UNY"), now)
            .await
            .unwrap()
            .iter()
            .any(|s| s.start == t),
        "her own 1on1 holds her time"
    );
    let err = w
        .app
        .request_one_on_one(&uid("UMA"), &uid("UNY"), w.theme, draft(t), now)
        .await
        .unwrap_err();
    assert!(matches!(err, BookingError::SlotTaken { .. }), "{err:?}");
}

#[tokio::test]
async fn nothing_is_accepted_or_moved_once_it_has_expired_or_started() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    let slots = w.app.free_slots(&uid("UNY"), now).await.unwrap();
    let late = book(&w, "UMA", "UNY", slots[8].start, now).await;
    // Past its 48-hour expiry, before the job ran: it cannot be accepted.
    let after_expiry = now + Duration::hours(49);
    assert!(matches!(
        w.app
            .accept_request(&uid("UNY"), late.id, after_expiry)
            .await,
        Err(BookingError::AlreadyDone("expired"))
    ));
    // A confirmed 1on1 cannot be moved once it has started.
    let one = confirmed(&w, "UMB", "UNY", slots[0].start, now).await;
    let during = slots[0].start + Duration::minutes(5);
    let later = w.app.free_slots(&uid("UNY"), during).await.unwrap()[3].start;
    assert!(matches!(
        w.app
            .reschedule_one_on_one(&uid("UMB"), one.id, later, during)
            .await,
        Err(BookingError::AlreadyDone("started"))
    ));
}

#[tokio::test]
async fn the_brief_quotes_the_latest_memo_entries() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    let start = w.app.free_slots(&uid("UNY"), now).await.unwrap()[5].start;
    let one = confirmed(&w, "UMA", "UNY", start, now).await;
    let id = one.id;
    w.app
        .db
        .call(move |c| {
            for i in 0..30 {
                c.execute(
                    "INSERT INTO memo_entries (mentor_id, mentee_id, one_on_one_id, author_id, body, created_at)
                     VALUES ('UNY', 'UMA', ?1, 'UMA', ?2, ?3)",
                    rusqlite::params![id, format!("entry {i:02}"), format!("2026-11-23T01:{i:02}:00.000Z")],
                )?;
            }
            Ok(())
        })
        .await
        .unwrap();
    let notice = mentor_bot::domain::Notice::Reminder {
        one_on_one_id: id,
        sequence: 0,
        for_mentor: true,
    };
    let Some(mentor_bot::app::ports::Outgoing::Reminder {
        brief: Some(brief), ..
    }) = w
        .app
        .resolve_outgoing(&notice, &uid("UNY"), now)
        .await
        .unwrap()
    else {
        panic!("a brief for the mentor");
    };
    assert_eq!(brief.memo.len(), 20);
    assert_eq!(
        brief.memo.last().unwrap().1,
        "entry 29",
        "the newest is there"
    );
    assert_eq!(
        brief.memo.first().unwrap().1,
        "entry 10",
        "oldest first within the latest 20"
    );
}

/// `mentor-bot run-due --now <now>` against the world's database; returns its stdout.
async fn run_due_command(w: &World, now: DateTime<Utc>) -> String {
    let db = w._dir.path().join("mentor-bot.db");
    support::world::run_due_command(&w.fake, &db, now).await
}

#[tokio::test]
async fn one_run_due_at_the_expiry_instant_also_sends_the_expiry_dms_it_queued() {
    let now = at(2026, 11, 23, 0, 0);
    let w = world(now).await;
    let start = w
        .app
        .free_slots(&uid("UTK"), now)
        .await
        .unwrap()
        .last()
        .unwrap()
        .start;
    book(&w, "UMA", "UTK", start, now).await;
    deliver(&w, now).await;

    let stdout = run_due_command(&w, now + Duration::hours(48) + Duration::minutes(1)).await;

    assert!(stdout.contains("expire-requests"), "{stdout}");
    // Both expiry DMs, the redraw of each person's DMs about the request and both Homes, in
    // one run.
    assert!(
        stdout.contains("sent 6,"),
        "both expiry DMs in the same run: {stdout}"
    );
    let request = w
        .fake
        .messages_to("UTK")
        .into_iter()
        .find(|m| m.edits == 1)
        .expect("the mentor's request DM was redrawn");
    assert!(
        !request.blocks.to_string().contains("\"actions\""),
        "no Accept / Decline on an expired request: {}",
        request.blocks
    );
    for person in ["UMA", "UTK"] {
        let expired = w.fake.messages_to(person);
        let expired = expired
            .iter()
            .filter(|m| m.edits == 0 && m.text.as_deref().unwrap_or_default().contains("期限切れ"));
        assert_eq!(expired.count(), 1, "{person} is told once");
    }
}
