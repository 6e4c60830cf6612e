//! Teams delivery failures end to end: a Teams mentee requests a 1on1 of a Teams mentor, and
//! the request DM to the mentor goes through the outbox while the fake Connector (or its token
//! endpoint) refuses; time is driven with `run_due`, and the outbox row and the fake's record
//! of what arrived are checked after each step.

use chrono::{Duration, Utc};
use fake_teams::{Call, Failure};

use crate::support::bot::eventually;
use crate::support::teams::{liam, teams_uid, TeamsBot};
use crate::support::teams_flow::{
    kana_mentors, open_request, request_cards, row, settled, submit_request, tried, with_mentor,
};

#[tokio::test]
async fn a_throttled_request_waits_for_retry_after_then_reaches_the_mentor_once() {
    let t = TeamsBot::start().await;
    let (kana, liam) = with_mentor(&t, liam()).await;
    let dialog = open_request(&t, &liam).await;
    t.teams.fail_next(
        Call::Send,
        Failure::Throttled {
            retry_after_secs: 120,
        },
        1,
    );
    let before = Utc::now();
    let id = submit_request(&t, &liam, &dialog, 0).await;
    let key = format!("request:{id}");
    tried(&t, &key).await;
    let r = row(&t, &key);
    assert_eq!(r.status, "pending", "{r:?}");
    assert_eq!(
        (r.attempts, r.failures),
        (1, 0),
        "a rate limit uses no attempt: {r:?}"
    );
    assert!(
        r.next_attempt_at >= before + Duration::seconds(120),
        "not before Retry-After: {r:?}"
    );
    assert!(r.last_error.unwrap_or_default().contains("429"));
    assert!(request_cards(&t, &kana, "Liam Walsh").is_empty());

    // Before the 120 s are up nothing is sent; after, exactly one request card arrives.
    t.run_due(r.next_attempt_at - Duration::seconds(5)).await;
    assert_eq!(row(&t, &key).status, "pending");
    assert!(request_cards(&t, &kana, "Liam Walsh").is_empty());
    t.run_due(r.next_attempt_at + Duration::seconds(1)).await;
    let r = row(&t, &key);
    assert_eq!((r.status.as_str(), r.attempts), ("sent", 2), "{r:?}");
    assert_eq!(request_cards(&t, &kana, "Liam Walsh").len(), 1);
    t.run_due(r.next_attempt_at + Duration::hours(1)).await;
    assert_eq!(
        request_cards(&t, &kana, "Liam Walsh").len(),
        1,
        "never twice"
    );
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn refusals_412_502_504_are_retried_with_backoff_then_delivered_once() {
    let t = TeamsBot::start().await;
    let (kana, liam) = with_mentor(&t, liam()).await;
    let dialog = open_request(&t, &liam).await;
    t.teams
        .fail_next(Call::Send, Failure::PreconditionFailed, 1);
    let id = submit_request(&t, &liam, &dialog, 0).await;
    let key = format!("request:{id}");
    tried(&t, &key).await;

    // Each refusal counts as a failure and waits longer than the one before. The next
    // refusal is armed once nothing but the request is waiting, so it is the request's.
    let mut waits = Vec::new();
    let mut failed_at = Utc::now();
    let next = [
        Some(Failure::BadGateway),
        Some(Failure::GatewayTimeout),
        None,
    ];
    for ((failures, status), then) in [(1, "412"), (2, "502"), (3, "504")].into_iter().zip(next) {
        eventually("only the request waits", || {
            t.bot.count(
                "SELECT COUNT(*) FROM outbox WHERE status = 'sending'
                 OR (status = 'pending' AND dedupe_key NOT LIKE 'request:%')",
            ) == 0
        })
        .await;
        let r = row(&t, &key);
        assert_eq!(
            (r.status.as_str(), r.failures),
            ("pending", failures),
            "{r:?}"
        );
        assert!(
            r.last_error.as_deref().unwrap_or("").contains(status),
            "{r:?}"
        );
        assert!(request_cards(&t, &kana, "Liam Walsh").is_empty());
        waits.push(r.next_attempt_at - failed_at);
        failed_at = r.next_attempt_at;
        if let Some(failure) = then {
            t.teams.fail_next(Call::Send, failure, 1);
        }
        t.run_due(r.next_attempt_at).await;
    }
    assert!(waits[0] >= Duration::seconds(9), "{waits:?}");
    assert!(
        waits[1] >= Duration::seconds(20) && waits[2] >= Duration::seconds(40),
        "{waits:?}"
    );
    let r = row(&t, &key);
    assert_eq!((r.status.as_str(), r.attempts), ("sent", 4), "{r:?}");
    assert_eq!(request_cards(&t, &kana, "Liam Walsh").len(), 1);
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn a_mentor_who_blocked_the_bot_is_unreachable_until_they_write_again() {
    let t = TeamsBot::start().await;
    let (kana, liam) = with_mentor(&t, liam()).await;
    let kana_id = teams_uid(&kana);
    let dialog = open_request(&t, &liam).await;
    t.teams.fail_next(Call::Send, Failure::WritesBlocked, 1);
    let id = submit_request(&t, &liam, &dialog, 0).await;
    let key = format!("request:{id}");
    tried(&t, &key).await;
    let r = row(&t, &key);
    assert_eq!(
        (r.status.as_str(), r.attempts),
        ("failed", 1),
        "no retry: {r:?}"
    );
    let (at, reason): (Option<String>, Option<String>) = t
        .bot
        .db()
        .query_row(
            "SELECT unreachable_at, unreachable_reason FROM teams_people WHERE user_id = ?1",
            [kana_id.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(at.is_some(), "unreachable_at is set");
    assert!(reason.unwrap_or_default().contains("MessageWritesBlocked"));

    // Liam withdraws and asks for another time: the new request to Kana fails at once, without
    // a call to the Connector (which would have accepted it).
    let dialog = open_request(&t, &liam).await;
    let sent_before = t.teams.sent().len();
    let id2 = submit_request(&t, &liam, &dialog, 1).await;
    let key2 = format!("request:{id2}");
    tried(&t, &key2).await;
    let r = row(&t, &key2);
    assert_eq!((r.status.as_str(), r.attempts), ("failed", 1), "{r:?}");
    assert!(r.last_error.unwrap_or_default().contains("unreachable"));
    let to_kana = |from: usize| {
        t.teams.sent()[from..]
            .iter()
            .filter(|s| s.conversation_id == kana.conversation_id)
            .count()
    };
    assert_eq!(to_kana(sent_before), 0, "nothing was sent to Kana");

    // Kana unblocks the bot and writes: reachable again, and the next request reaches her.
    assert_eq!(t.say(&kana, "help").await, 200);
    assert_eq!(
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM teams_people WHERE user_id = '{kana_id}'
             AND unreachable_at IS NULL AND unreachable_reason IS NULL"
        )),
        1
    );
    settled(&t).await;
    let dialog = open_request(&t, &liam).await;
    let id3 = submit_request(&t, &liam, &dialog, 2).await;
    let key3 = format!("request:{id3}");
    tried(&t, &key3).await;
    assert_eq!(row(&t, &key3).status, "sent");
    assert!(!request_cards(&t, &kana, "Liam Walsh").is_empty());
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn a_token_endpoint_failure_delays_the_request_and_never_drops_it() {
    let t = TeamsBot::start().await;
    let (kana, liam) = with_mentor(&t, liam()).await;
    let dialog = open_request(&t, &liam).await;
    // The cached token is refused from now on, and the token endpoint fails more times than
    // a message has attempts (RetryPolicy: 8): a long outage, which must delay and not drop.
    t.teams.revoke_tokens();
    let outage = 10;
    t.teams.fail_next(Call::Token, Failure::BadGateway, outage);
    let id = submit_request(&t, &liam, &dialog, 0).await;
    let key = format!("request:{id}");
    tried(&t, &key).await;
    let r = row(&t, &key);
    assert_eq!(r.status, "pending", "{r:?}");
    assert!(
        r.last_error.as_deref().unwrap_or("").contains("token"),
        "{r:?}"
    );
    let mut last = r.next_attempt_at;
    for _ in 0..=outage {
        let r = row(&t, &key);
        if r.status == "sent" {
            break;
        }
        assert_eq!((r.status.as_str(), r.failures), ("pending", 0), "{r:?}");
        assert!(r.next_attempt_at >= last, "{r:?}");
        last = r.next_attempt_at;
        t.run_due(r.next_attempt_at).await;
    }
    let r = row(&t, &key);
    assert_eq!(r.status, "sent", "{r:?}");
    assert_eq!(r.failures, 0, "no attempt was used up: {r:?}");
    assert!(
        t.teams.token_requests() > outage,
        "the whole outage happened"
    );
    assert_eq!(request_cards(&t, &kana, "Liam Walsh").len(), 1);
    // The only refusals are of the revoked token (which made the bot fetch a new one).
    assert!(
        t.teams
            .rejections()
            .iter()
            .all(|r| r.contains("401 no valid bearer token")),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn many_requests_to_one_mentor_are_paced_and_each_arrives_once() {
    let t = TeamsBot::start().await;
    let kana = kana_mentors(&t).await;
    let mut mentees = Vec::new();
    for i in 0..8 {
        let mut user = liam();
        user.aad_object_id = format!("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b{i:02x}");
        user.name = format!("Mentee {i}");
        user.email = format!("mentee{i}@contoso.example");
        mentees.push(t.installed(user).await);
    }
    let mut dialogs = Vec::new();
    for mentee in &mentees {
        dialogs.push(open_request(&t, mentee).await);
    }
    settled(&t).await;
    let start = t.teams.sent().len();
    // One throttle in the middle of the burst, as Teams answers when a chat is written too fast.
    t.teams.fail_next(
        Call::Send,
        Failure::Throttled {
            retry_after_secs: 1,
        },
        1,
    );
    for (i, (mentee, dialog)) in mentees.iter().zip(&dialogs).enumerate() {
        submit_request(&t, mentee, dialog, i).await;
    }
    eventually("every request sent", || {
        t.bot.count(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'request:%' AND status = 'sent'",
        ) == 8
    })
    .await;
    for i in 0..8 {
        assert_eq!(
            request_cards(&t, &kana, &format!("Mentee {i}")).len(),
            1,
            "Mentee {i}'s request arrived once"
        );
    }
    // Never more than 7 sends to Kana's chat in any second (Teams' per-conversation limit).
    let times: Vec<_> = t.teams.sent()[start..]
        .iter()
        .filter(|s| s.conversation_id == kana.conversation_id)
        .map(|s| s.at)
        .collect();
    for (i, at) in times.iter().enumerate() {
        let within = times[i..]
            .iter()
            .filter(|b| b.duration_since(*at) < std::time::Duration::from_secs(1))
            .count();
        assert!(within <= 7, "{within} sends within a second");
    }
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}
