//! Recurring 1on1s (issue 10): a weekly series across New York's fall-back with one week
//! proposed at the nearest free time, each occurrence its own 1on1; weeks left out, claimed
//! all or nothing, auto-accepted, expired. Through Slack: `series_slack.rs`.

use crate::support;

use chrono::{DateTime, Duration, TimeZone, Timelike, Utc};
use mentor_bot::app::admin::Actor;
use mentor_bot::app::booking::{BookingError, BookingResult};
use mentor_bot::app::series::SeriesSent;
use mentor_bot::app::App;
use mentor_bot::domain::availability::Hours;
use mentor_bot::domain::booking::BookingStatus;
use mentor_bot::domain::series::Recurrence;
use support::bot::*;
use support::world::{draft, morning_hours, uid, World};

fn utc(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).unwrap()
}

/// Nora offers mornings in New York three weeks ahead.
async fn world(now: DateTime<Utc>) -> World {
    World::start(now, morning_hours(21)).await
}

/// Sato asks Nora for a series from `first`, every `every_weeks` weeks, `count` times.
async fn ask(
    w: &World,
    first: DateTime<Utc>,
    every_weeks: u32,
    count: u32,
    now: DateTime<Utc>,
) -> BookingResult<SeriesSent> {
    let recurrence = Recurrence { every_weeks, count };
    w.app
        .request_series(
            &uid("UMA"),
            &uid("UNY"),
            w.theme,
            draft(first),
            recurrence,
            now,
        )
        .await
}

async fn deliver(w: &World, now: DateTime<Utc>) {
    w.run_due(now).await;
}

async fn rows(app: &App, sql: &'static str) -> Vec<(i64, String, String, Option<String>)> {
    app.db
        .call(move |c| {
            let mut stmt = c.prepare(sql)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_weekly_series_across_new_yorks_fall_back_keeps_ten_oclock_and_moves_the_taken_week() {
    let now = utc(2026, 10, 20, 12);
    let w = world(now).await;
    let ny = chrono_tz::America::New_York;
    // Ben already holds Tuesday 3 November 10:00 EST (after the clocks fell back on 1 Nov).
    let taken = utc(2026, 11, 3, 15);
    w.app
        .request_one_on_one(&uid("UMB"), &uid("UNY"), w.theme, draft(taken), now)
        .await
        .unwrap();

    // Sato asks for every Tuesday at 10:00 New York time, four times, from 27 October (EDT).
    let sent = ask(&w, utc(2026, 10, 27, 14), 1, 4, now).await.unwrap();
    assert_eq!(sent.status, BookingStatus::Requested);
    assert!(sent.left_out.is_empty());

    let stored = rows(
        &w.app,
        "SELECT id, starts_at, status, series_wanted_at FROM one_on_ones
         WHERE series_id IS NOT NULL ORDER BY starts_at",
    )
    .await;
    let starts: Vec<&str> = stored.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(
        starts,
        [
            "2026-10-27T14:00:00.000Z", // 10:00 EDT
            "2026-11-03T14:00:00.000Z", // 09:00 EST: 10:00 was Ben's, the nearest free hour
            "2026-11-10T15:00:00.000Z", // 10:00 EST
            "2026-11-17T15:00:00.000Z", // 10:00 EST (beyond her 21-day horizon: a series may)
        ]
    );
    assert!(stored.iter().all(|r| r.2 == "requested"));
    let wanted: Vec<Option<&str>> = stored.iter().map(|r| r.3.as_deref()).collect();
    assert_eq!(
        wanted,
        [None, Some("2026-11-03T15:00:00.000Z"), None, None],
        "the moved week remembers the time it was wanted"
    );
    let local_hours: Vec<u32> = sent
        .occurrences
        .iter()
        .map(|o| o.start.with_timezone(&ny).hour())
        .collect();
    assert_eq!(local_hours, [10, 9, 10, 10]);

    // One request DM for the series, in Nora's zone, saying which week moved and to when.
    deliver(&w, now).await;
    let to_nora = w.fake.messages_to("UNY");
    let series_dms: Vec<_> = to_nora
        .iter()
        .filter(|m| text_of(&m.blocks).contains("asks for a series"))
        .collect();
    assert_eq!(series_dms.len(), 1, "one DM for the whole series");
    assert_eq!(
        to_nora
            .iter()
            .filter(|m| text_of(&m.blocks).contains("<@UMA> requests a 1on1"))
            .count(),
        0,
        "no per-occurrence request DMs"
    );
    let dm = text_of(&series_dms[0].blocks);
    assert!(dm.contains("every week") && dm.contains("4 1on1s"), "{dm}");
    assert!(
        dm.contains("09:00 — moved from") && dm.contains("10:00, which was not free"),
        "{dm}"
    );

    // Nora accepts once: every occurrence is confirmed and gets its own reminders.
    let accepted = w.app.accept_series(&uid("UNY"), sent.series_id, now).await;
    assert_eq!(accepted.unwrap().len(), 4);
    assert_eq!(
        w.count(
            "SELECT COUNT(*) FROM one_on_ones WHERE series_id IS NOT NULL AND status = 'confirmed'"
        )
        .await,
        4
    );
    assert_eq!(
        w.count(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'reminder:%' AND status = 'pending'"
        )
        .await,
        4 * 2 * 2,
        "two reminders for each of the pair, per occurrence"
    );
    for sql in [
        "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'after:%' AND status = 'pending'",
        "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'after-reminder:%' AND status = 'pending'",
    ] {
        assert_eq!(
            w.count(sql).await,
            4 * 2,
            "each occurrence asks each of the pair after it: {sql}"
        );
    }
    deliver(&w, now).await;
    let sato = w.fake.messages_to("UMA");
    let accepted_dm = sato
        .iter()
        .find(|m| text_of(&m.blocks).contains("繰り返し（4 回）を承認しました"))
        .expect("Sato is told once, in Japanese");
    assert!(
        text_of(&accepted_dm.blocks).contains("変更"),
        "the moved week is named"
    );

    // One occurrence is cancelled alone, with the existing flow; the others stay.
    let third = stored[2].0;
    w.app
        .cancel_one_on_one(&uid("UMA"), third, now)
        .await
        .unwrap();
    let statuses = rows(
        &w.app,
        "SELECT id, status, starts_at, NULL FROM one_on_ones WHERE series_id IS NOT NULL ORDER BY starts_at",
    )
    .await;
    let statuses: Vec<&str> = statuses.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(
        statuses,
        ["confirmed", "confirmed", "cancelled", "confirmed"]
    );
    assert_eq!(
        w.count(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'reminder:%' AND status = 'pending'"
        )
        .await,
        3 * 2 * 2,
        "only the cancelled occurrence's reminders are withdrawn"
    );
    assert_eq!(
        w.count(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'after:%' AND status = 'pending'"
        )
        .await,
        3 * 2,
        "and its after-1on1 questions"
    );
}

#[tokio::test]
async fn a_series_is_claimed_all_or_nothing_and_a_week_with_no_free_time_near_is_left_out_and_said()
{
    let now = utc(2026, 10, 20, 12);
    let w = world(now).await;
    // Ben holds every hour Nora offers from Saturday 31 October to Friday 6 November: no
    // free time within half a week of Tuesday 3 November.
    let ny = chrono_tz::America::New_York;
    let saturday = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
    for offset in 0..7 {
        for hour in 9..12 {
            let local = (saturday + Duration::days(offset))
                .and_hms_opt(hour, 0, 0)
                .unwrap();
            let start = local.and_local_timezone(ny).unwrap().with_timezone(&Utc);
            w.app
                .request_one_on_one(&uid("UMB"), &uid("UNY"), w.theme, draft(start), now)
                .await
                .unwrap();
        }
    }
    let sent = ask(&w, utc(2026, 10, 27, 14), 1, 3, now).await.unwrap();
    assert_eq!(sent.occurrences.len(), 2);
    assert_eq!(sent.left_out, vec![utc(2026, 11, 3, 15)]);
    deliver(&w, now).await;
    let dm = w
        .fake
        .messages_to("UNY")
        .into_iter()
        .find(|m| text_of(&m.blocks).contains("asks for a series"))
        .expect("the series DM");
    assert!(
        text_of(&dm.blocks).contains("left out: no free time near it"),
        "{}",
        text_of(&dm.blocks)
    );

    // A series whose first time is no longer free claims nothing at all.
    let before = w.count("SELECT COUNT(*) FROM one_on_ones").await;
    let refused = ask(&w, utc(2026, 11, 3, 15), 2, 2, now).await;
    assert!(matches!(refused, Err(BookingError::SlotTaken { .. })));
    assert_eq!(w.count("SELECT COUNT(*) FROM one_on_ones").await, before);
    assert_eq!(w.count("SELECT COUNT(*) FROM series").await, 1);
}

#[tokio::test]
async fn a_week_when_the_mentee_is_busy_elsewhere_is_moved_too() {
    let now = utc(2026, 10, 20, 12);
    let w = world(now).await;
    // Ben mentors too, around the clock; Sato has a 1on1 with him on 10 November, 15:00 UTC.
    w.app
        .certify(&Actor::Cli, w.theme, vec![uid("UMB")], now)
        .await
        .unwrap();
    w.app
        .save_answers(&uid("UMB"), w.theme, Vec::new(), true, now)
        .await
        .unwrap();
    let mut all_day = morning_hours(30);
    for window in &mut all_day.windows {
        (window.start, window.end) = (0, 24 * 60);
    }
    w.app.save_hours(&uid("UMB"), all_day, now).await.unwrap();
    let busy = utc(2026, 11, 10, 15);
    w.app
        .request_one_on_one(&uid("UMA"), &uid("UMB"), w.theme, draft(busy), now)
        .await
        .unwrap();

    let sent = ask(&w, utc(2026, 10, 27, 14), 1, 3, now).await.unwrap();
    let starts: Vec<_> = sent
        .occurrences
        .iter()
        .map(|o| (o.start, o.wanted))
        .collect();
    assert_eq!(
        starts,
        vec![
            (utc(2026, 10, 27, 14), None),
            (utc(2026, 11, 3, 15), None),
            (utc(2026, 11, 10, 14), Some(busy)),
        ],
        "Nora is free at 10:00 on 10 November, but Sato is not: 09:00 instead"
    );
}

#[tokio::test]
async fn under_auto_accept_a_series_is_booked_at_once_and_each_of_the_pair_is_told_once() {
    let now = utc(2026, 10, 20, 12);
    let w = World::start(
        now,
        Hours {
            auto_accept: true,
            ..morning_hours(21)
        },
    )
    .await;
    let sent = ask(&w, utc(2026, 10, 27, 14), 4, 2, now).await.unwrap();
    assert_eq!(sent.status, BookingStatus::Confirmed);
    assert_eq!(
        sent.occurrences.iter().map(|o| o.start).collect::<Vec<_>>(),
        [utc(2026, 10, 27, 14), utc(2026, 11, 24, 15)],
        "four weeks on, still 10:00 in New York"
    );
    assert_eq!(
        w.count("SELECT COUNT(*) FROM series WHERE status = 'accepted'")
            .await,
        1
    );
    w.run_due(now).await;
    assert_eq!(w.dms_containing("UNY", "booked a series with you").len(), 1);
    assert_eq!(w.dms_containing("UMA", "を予約しました").len(), 1);
    assert!(w.dms_containing("UNY", "asks for a series").is_empty());
    // Each occurrence has its own calendar file for each of the pair.
    assert_eq!(
        w.count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'invite:%'")
            .await,
        2 * 2
    );
}

#[tokio::test]
async fn an_unanswered_series_expires_with_one_dm_each_not_one_per_occurrence() {
    let now = utc(2026, 10, 20, 12);
    let w = world(now).await;
    let sent = ask(&w, utc(2026, 10, 27, 14), 2, 3, now).await.unwrap();
    assert_eq!(sent.occurrences.len(), 3);
    // The mentee notes a TODO on the first occurrence while the series waits.
    let first: i64 = rows(
        &w.app,
        "SELECT id, status, starts_at, NULL FROM one_on_ones WHERE series_id IS NOT NULL ORDER BY starts_at",
    )
    .await[0]
        .0;
    w.app
        .add_todo(
            &uid("UMA"),
            first,
            mentor_bot::domain::memo::TodoDraft {
                text: "prepare questions".into(),
                owner: mentor_bot::domain::memo::TodoOwner::Me,
                due: Some((now + Duration::days(5)).date_naive()),
            },
            now,
        )
        .await
        .unwrap();
    let todo_reminders = || {
        w.count(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'todo-due:%' AND status = 'pending'",
        )
    };
    assert_eq!(todo_reminders().await, 1);
    // Nobody answers within the request TTL (48 hours in the tests).
    w.run_due(now + Duration::hours(49)).await;
    assert_eq!(
        todo_reminders().await,
        0,
        "a TODO of an occurrence that expired is not reminded"
    );
    assert_eq!(
        w.count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'expired'")
            .await,
        3
    );
    assert_eq!(
        w.dms_containing("UMA", "期限切れ").len(),
        1,
        "one DM, in Japanese"
    );
    let nora = w.dms_containing("UNY", "expired without an answer");
    assert_eq!(nora.len(), 1);
    assert!(
        text_of(&nora[0]).contains("series request"),
        "{}",
        text_of(&nora[0])
    );
    // Accepting it now is refused: nothing is left to accept.
    let late = w
        .app
        .accept_series(&uid("UNY"), sent.series_id, now + Duration::hours(50))
        .await;
    assert!(
        matches!(late, Err(BookingError::AlreadyDone("expired"))),
        "{late:?}"
    );
    // Declining it now is refused too: the mentee is not told "declined" after "expired".
    let late = w
        .app
        .decline_series(&uid("UNY"), sent.series_id, now + Duration::hours(50))
        .await;
    assert!(
        matches!(late, Err(BookingError::AlreadyDone("expired"))),
        "{late:?}"
    );
    assert_eq!(
        w.count("SELECT COUNT(*) FROM series WHERE status = 'requested'")
            .await,
        1,
        "the refused decision was rolled back"
    );
}
