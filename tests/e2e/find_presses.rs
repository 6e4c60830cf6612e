//! Find's presses in Slack (Next page, New search, the Home's Find) are acknowledged with an
//! empty 200 at once, before the search and `views.update`; when too many are running, the
//! person sees a polite "busy" notice over their results instead of a timeout.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::find::{find, mentor, mentors_shown, theme, Free};
use crate::support::bot::*;

/// Six mentors of one theme: a first page of five, and a second page.
async fn two_pages(bot: &TestBot) {
    let t = theme(bot, "Mentoring Basics", Some("Experience")).await;
    for i in 0..6 {
        mentor(bot, &format!("UPAGE{i}"), t, "scrum", Free::Soon).await;
    }
}

/// A bot with one place for find's work (and one in its queue), a Japanese reader's results
/// modal of two pages, and Slack answering `views.update` after 2 s.
async fn one_place_and_a_slow_update() -> (TestBot, Value) {
    let bot = TestBot::start_with(|c| c.slack.as_mut().unwrap().max_pending = 1).await;
    two_pages(&bot).await;
    let view = find(&bot, "UJA", "find mentoring").await;
    bot.fake
        .delay_response("views.update", Duration::from_millis(2000));
    (bot, view)
}

/// Presses Next page in `view` as `user` without waiting for the modal; the status, the
/// body and how long the answer took.
async fn press_next(bot: &TestBot, user: &str, view: &Value) -> (u16, Value, Duration) {
    let trigger = bot.fake.issue_trigger_id();
    let started = Instant::now();
    let (status, body) = bot
        .interaction_reply(&block_action_in_view(
            user,
            "booking.page.1",
            "1",
            &trigger,
            view,
        ))
        .await;
    (status, body, started.elapsed())
}

#[tokio::test]
async fn next_page_is_answered_at_once_while_slack_is_slow_and_the_page_follows() {
    let bot = TestBot::start().await;
    two_pages(&bot).await;
    let view = find(&bot, "UEN", "find mentoring").await;
    assert_eq!(mentors_shown(&view).len(), 5);
    bot.fake
        .delay_response("views.update", Duration::from_millis(2500));

    let (status, body, took) = press_next(&bot, "UEN", &view).await;

    assert_eq!((status, body), (200, Value::Null), "an empty 200");
    assert!(
        took < Duration::from_millis(1500),
        "not waiting on views.update: {took:?}"
    );
    let calls = bot
        .fake
        .wait_for_calls("views.update", 1, Duration::from_secs(10))
        .await;
    let second = &calls.last().expect("the page arrives").response["view"];
    assert_eq!(mentors_shown(second), ["UPAGE5"], "{}", text_of(second));
}

#[tokio::test]
async fn under_overload_a_page_press_gets_a_polite_busy_notice_over_the_results() {
    let (bot, view) = one_place_and_a_slow_update().await;

    let (first, _, _) = press_next(&bot, "UJA", &view).await;
    let (second, body, took) = press_next(&bot, "UJA", &view).await;

    assert_eq!((first, second, body), (200, 200, Value::Null));
    assert!(took < Duration::from_millis(1500), "{took:?}");
    let pushed = bot
        .fake
        .wait_for_calls("views.push", 1, Duration::from_secs(5))
        .await;
    let notice = &pushed[0].response["view"];
    assert!(
        text_of(notice).contains("混み合っています"),
        "pushed over the results, in the person's language: {notice}"
    );
    let updated = bot
        .fake
        .wait_for_calls("views.update", 1, Duration::from_secs(10))
        .await;
    assert_eq!(updated.len(), 1, "only the first press searched");
    assert_eq!(mentors_shown(&updated[0].response["view"]), ["UPAGE5"]);
}

#[tokio::test]
async fn under_overload_past_every_budget_each_page_press_still_gets_the_page_or_a_busy_notice() {
    let (bot, view) = one_place_and_a_slow_update().await;
    bot.fake
        .delay_response("views.push", Duration::from_millis(300));

    // One runs, one queues, two hold their ack for the queue, and the other 20 are more than
    // the 16 busy notices sent at once: before, the last of them were dropped unanswered.
    let presses = 24;
    let answers =
        futures::future::join_all((0..presses).map(|_| press_next(&bot, "UJA", &view))).await;

    for (status, body, took) in &answers {
        assert_eq!((*status, body), (200, &Value::Null));
        assert!(
            *took < Duration::from_millis(2500),
            "acked inside 3 s: {took:?}"
        );
    }
    // The two that held were acked once a queue place freed (the queued press gives up after
    // 0.4 s), not at once.
    let held = answers
        .iter()
        .filter(|(_, _, took)| *took >= Duration::from_millis(350))
        .count();
    assert!(held >= 2, "two presses held their ack: {answers:?}");
    let pushed = bot
        .fake
        .wait_for_calls("views.push", presses - 1, Duration::from_secs(10))
        .await;
    for call in &pushed {
        assert_eq!(
            call.response["ok"], true,
            "pushed while its trigger was valid: {}",
            call.response
        );
        assert!(text_of(&call.response["view"]).contains("混み合っています"));
    }
    let updated = bot
        .fake
        .wait_for_calls("views.update", 1, Duration::from_secs(10))
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        (
            bot.fake.calls_to("views.update").len(),
            bot.fake.calls_to("views.push").len()
        ),
        (1, presses - 1),
        "each press answered once: the first with its page, every other with a notice"
    );
    assert_eq!(mentors_shown(&updated[0].response["view"]), ["UPAGE5"]);
}
