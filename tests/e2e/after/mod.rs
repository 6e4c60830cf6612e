//! After the 1on1, through Slack: the mentee's rating and the mentor's held / not held from the
//! after-1on1 DMs (one gentle reminder, then nothing), "Book the next 1on1" prefilled, the
//! office's auto-share rules and the summaries their recipients get, and forged payloads.
//! The fixtures are here; the tests are in the submodules.

use crate::support;

use chrono::{DateTime, Duration, Utc};
use mentor_bot::domain::booking::RequestDraft;
use mentor_bot::domain::{RetryPolicy, UserId};
use mentor_bot::scheduler::run_due;
use mentor_bot::slack::outbound::gateway::SlackGateway;
use serde_json::Value;
use support::bot::*;
use support::fake_slack::PostedMessage;

mod auto_share;
mod limits;
mod next_one;
mod rating;

pub(crate) fn uid(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

/// Emma (UEN, New York, en) mentors 「育休からの復帰」; returns the theme.
pub(crate) async fn emma_mentors(bot: &TestBot) -> i64 {
    bot.started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await
}

/// 佐藤 (UJA) books Emma's `nth` free slot on `topic` hoping for `response`, and Emma accepts.
pub(crate) async fn confirmed(
    bot: &TestBot,
    theme: i64,
    nth: usize,
    topic: &str,
    response: &str,
) -> i64 {
    confirmed_one(bot, theme, nth, topic, response).await.id
}

/// As [`confirmed`], the 1on1 itself.
pub(crate) async fn confirmed_one(
    bot: &TestBot,
    theme: i64,
    nth: usize,
    topic: &str,
    response: &str,
) -> mentor_bot::domain::OneOnOne {
    let now = Utc::now();
    let start = bot.app().free_slots(&uid("UEN"), now).await.unwrap()[nth].start;
    let draft = RequestDraft::parse(
        Some(&start.timestamp().to_string()),
        Some(topic),
        "",
        Some(response),
        "復帰後の働き方について",
        &[],
    )
    .unwrap();
    let (one, _) = bot
        .app()
        .request_one_on_one(&uid("UJA"), &uid("UEN"), theme, draft, now)
        .await
        .unwrap();
    bot.app()
        .accept_request(&uid("UEN"), one.id, now)
        .await
        .unwrap();
    one
}

pub(crate) fn db_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Lets 1on1 `id` happen as if the days had passed: it ended an hour ago, and its pending
/// after-1on1 rows move back with it. Returns its new start.
pub(crate) fn let_it_happen(bot: &TestBot, id: i64) -> DateTime<Utc> {
    happened(bot, id, Duration::hours(1))
}

/// Like [`let_it_happen`], ended `ago`.
pub(crate) fn happened(bot: &TestBot, id: i64, ago: Duration) -> DateTime<Utc> {
    let db = bot.db();
    let (start, end): (String, String) = db
        .query_row(
            "SELECT starts_at, ends_at FROM one_on_ones WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let parse = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let (start, end) = (parse(&start), parse(&end));
    let new_end = Utc::now() - ago;
    let back = (end - new_end).num_seconds();
    let new_start = start - Duration::seconds(back);
    db.execute(
        "UPDATE one_on_ones SET starts_at = ?2, ends_at = ?3 WHERE id = ?1",
        rusqlite::params![
            id,
            db_time(new_start),
            db_time(end - Duration::seconds(back))
        ],
    )
    .unwrap();
    let shift = format!("'-{back} seconds'");
    db.execute(
        &format!(
            "UPDATE outbox SET due_at = strftime('%Y-%m-%dT%H:%M:%fZ', due_at, {shift}),
                    next_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', next_attempt_at, {shift}),
                    expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', expires_at, {shift})
             WHERE status = 'pending'
               AND (dedupe_key LIKE 'after:{id}:%' OR dedupe_key LIKE 'after-reminder:{id}:%')"
        ),
        [],
    )
    .unwrap();
    new_start
}

/// `mentor-bot run-due --now <at>`, on the running bot's database.
pub(crate) async fn run_due_at(bot: &TestBot, at: DateTime<Utc>) {
    let gateway = SlackGateway::new(bot.config.slack.as_ref().unwrap()).unwrap();
    run_due(bot.app(), &gateway, &RetryPolicy::default(), at)
        .await
        .unwrap();
}

/// The DMs to `user` whose delivery key starts with `prefix`.
pub(crate) fn dms_keyed(bot: &TestBot, user: &str, prefix: &str) -> Vec<PostedMessage> {
    bot.fake
        .messages_to(user)
        .into_iter()
        .filter(|m| {
            m.metadata.as_ref().is_some_and(|md| {
                md["event_payload"]["key"]
                    .as_str()
                    .is_some_and(|k| k.starts_with(prefix))
            })
        })
        .collect()
}

/// Waits until `user` has `n` DMs keyed `prefix…` (the running bot's worker may be sending
/// one that `run-due` found already claimed), and returns them.
pub(crate) async fn wait_dms(
    bot: &TestBot,
    user: &str,
    prefix: &str,
    n: usize,
) -> Vec<PostedMessage> {
    eventually(&format!("{n} DMs {prefix}… to {user}"), || {
        dms_keyed(bot, user, prefix).len() >= n
    })
    .await;
    dms_keyed(bot, user, prefix)
}

/// The (action_id, value) of each button in a message.
pub(crate) fn buttons(message: &PostedMessage) -> Vec<(String, String)> {
    message
        .blocks
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "actions")
        .flat_map(|b| b["elements"].as_array().unwrap().clone())
        .map(|e| {
            (
                e["action_id"].as_str().unwrap().to_string(),
                e["value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The text of the newest view opened or pushed under `callback_id`.
pub(crate) fn shown(bot: &TestBot, callback_id: &str) -> String {
    text_of(&bot.view_by_callback(callback_id).expect(callback_id))
}

pub(crate) fn rating_values(clarity: &str, got: &str, comment: &str) -> Value {
    values(vec![
        choice_value("rate.clarity", clarity),
        choice_value("rate.got", got),
        text_value("rate.comment", comment),
    ])
}
