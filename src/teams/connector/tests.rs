//! Tests of teams::connector against the strict fake Microsoft (crate fake-teams) on loopback.

use super::*;
use crate::teams::token::tests::{client, fake};
use fake_teams::{Call, Failure as Fail, FakeTeams, NewUser, User};
use governor::clock::{Clock, FakeRelativeClock, Reference};

fn connector(fake: &FakeTeams) -> Connector {
    Connector::new(
        client(fake, "test-secret"),
        reqwest::Client::new(),
        Limits::default(),
    )
}

fn user(fake: &FakeTeams) -> User {
    fake.add_user(NewUser {
        aad_object_id: "6b1f3a52-0000-4000-8000-0000000000a1".into(),
        name: "Aiko Tanaka".into(),
        email: "aiko@example.com".into(),
        locale: "ja-JP".into(),
        timezone: "Asia/Tokyo".into(),
    })
}

fn card_message(text: &str, version: &str) -> Value {
    json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "content": {
                "type": "AdaptiveCard", "version": version,
                "body": [{ "type": "TextBlock", "text": text, "wrap": true }],
                "actions": [{ "type": "Action.Execute", "title": "OK", "verb": "ok", "data": {} }],
            },
        }],
    })
}

#[tokio::test]
async fn creates_the_personal_chat_sends_and_updates_a_card_and_reads_the_member() {
    let fake = fake().await;
    let aiko = user(&fake);
    let teams = connector(&fake);
    let service_url = fake.service_url();
    let conversation = teams
        .create_personal_conversation(&service_url, &fake.tenant_id(), &fake.bot_id(), &aiko.mri)
        .await
        .unwrap();
    assert_eq!(conversation, aiko.conversation_id);
    // Without the trailing slash too, and the same member always yields the same chat.
    let again = teams
        .create_personal_conversation(
            service_url.trim_end_matches('/'),
            &fake.tenant_id(),
            &fake.bot_id(),
            &aiko.mri,
        )
        .await
        .unwrap();
    assert_eq!(again, conversation);

    let id = teams
        .send(&service_url, &conversation, &card_message("first", "1.5"))
        .await
        .unwrap();
    teams
        .update(
            &service_url,
            &conversation,
            &id,
            &card_message("second", "1.5"),
        )
        .await
        .unwrap();
    let chat = fake.chat(&aiko);
    assert_eq!(chat.len(), 1);
    assert_eq!(
        chat[0].pointer("/attachments/0/content/body/0/text"),
        Some(&json!("second"))
    );
    let sent = fake.sent();
    assert_eq!((sent[0].activity_id == id, sent[1].updated), (true, true));

    let member = teams
        .member(&service_url, &conversation, &aiko.mri)
        .await
        .unwrap();
    assert_eq!(
        member,
        Some(Member {
            id: aiko.mri.clone(),
            name: Some("Aiko Tanaka".into()),
            email: Some("aiko@example.com".into()),
            user_principal_name: Some("aiko@example.com".into()),
            aad_object_id: Some(aiko.aad_object_id.clone()),
        })
    );
    let nobody = teams
        .member(&service_url, &conversation, "29:someone-else")
        .await
        .unwrap();
    assert_eq!(nobody, None);
    assert_eq!(fake.token_requests(), 1);
    assert_eq!(fake.rejections().len(), 1, "{:?}", fake.rejections());
}

#[tokio::test]
async fn throttling_carries_retry_after_and_412_502_504_are_transient() {
    let fake = fake().await;
    let aiko = user(&fake);
    let teams = connector(&fake);
    let (url, message) = (fake.service_url(), card_message("hi", "1.5"));
    let send = || teams.send(&url, &aiko.conversation_id, &message);

    fake.fail_next(
        Call::Send,
        Fail::Throttled {
            retry_after_secs: 3,
        },
        1,
    );
    let error = send().await.unwrap_err();
    assert_eq!(
        error.failure,
        Failure::RateLimited {
            retry_after: Some(chrono::Duration::seconds(3))
        }
    );
    for failure in [
        Fail::PreconditionFailed,
        Fail::BadGateway,
        Fail::GatewayTimeout,
    ] {
        fake.fail_next(Call::Send, failure, 1);
        let error = send().await.unwrap_err();
        assert_eq!(
            error.failure,
            Failure::Transient,
            "{failure:?}: {}",
            error.message
        );
        assert!(!is_unreachable(&error));
    }
    // Nothing was retried here (the outbox does that): the next call goes through.
    assert!(send().await.is_ok());
    assert_eq!(fake.sent().len(), 1);
}

#[tokio::test]
async fn a_blocked_bot_is_unreachable_and_permanent() {
    let fake = fake().await;
    let aiko = user(&fake);
    let teams = connector(&fake);
    fake.fail_next(Call::Send, Fail::WritesBlocked, 1);
    let error = teams
        .send(
            &fake.service_url(),
            &aiko.conversation_id,
            &card_message("hi", "1.5"),
        )
        .await
        .unwrap_err();
    assert_eq!(error.failure, Failure::Permanent);
    assert!(is_unreachable(&error), "{}", error.message);
    fake.fail_next(Call::Create, Fail::WritesBlocked, 1);
    let error = teams
        .create_personal_conversation(
            &fake.service_url(),
            &fake.tenant_id(),
            &fake.bot_id(),
            &aiko.mri,
        )
        .await
        .unwrap_err();
    assert!(is_unreachable(&error), "{}", error.message);
}

#[tokio::test]
async fn a_401_is_retried_once_with_a_fresh_token() {
    let fake = fake().await;
    let aiko = user(&fake);
    let teams = connector(&fake);
    let (url, message) = (fake.service_url(), card_message("hi", "1.5"));
    let send = || teams.send(&url, &aiko.conversation_id, &message);
    send().await.unwrap();
    fake.revoke_tokens();
    send().await.unwrap();
    assert_eq!(fake.token_requests(), 2);
    assert_eq!(fake.sent().len(), 2);
    assert_eq!(fake.rejections().len(), 1, "{:?}", fake.rejections());
    assert!(fake.rejections()[0].contains("401"));
}

#[tokio::test]
async fn refusals_are_permanent_with_microsofts_code() {
    let fake = fake().await;
    let aiko = user(&fake);
    let teams = connector(&fake);
    let url = fake.service_url();
    let too_new = teams
        .send(&url, &aiko.conversation_id, &card_message("hi", "1.6"))
        .await
        .unwrap_err();
    assert_eq!(too_new.failure, Failure::Permanent);
    assert!(
        too_new.message.contains("400 BadArgument"),
        "{}",
        too_new.message
    );
    let missing = teams
        .send(
            &url,
            "a:no-such-chat;messageid=1",
            &card_message("hi", "1.5"),
        )
        .await
        .unwrap_err();
    assert_eq!(missing.failure, Failure::Permanent);
    assert!(
        missing.message.contains("404 ConversationNotFound"),
        "{}",
        missing.message
    );
    let huge = teams
        .send(
            &url,
            &aiko.conversation_id,
            &card_message(&"あ".repeat(60_000), "1.5"),
        )
        .await
        .unwrap_err();
    assert!(
        huge.message.contains("413 MessageSizeTooBig"),
        "{}",
        huge.message
    );
    assert!(!is_unreachable(&huge));
    // The id with ':' and ';' reached the fake intact (percent-encoded on the way).
    assert!(
        fake.rejections()
            .iter()
            .any(|r| r.contains("no conversation a:no-such-chat;messageid=1")),
        "{:?}",
        fake.rejections()
    );
}

#[tokio::test]
async fn a_network_error_is_transient() {
    let fake = fake().await;
    let teams = connector(&fake);
    let error = teams
        .send(
            "http://127.0.0.1:9/teams/",
            "a:1",
            &card_message("hi", "1.5"),
        )
        .await
        .unwrap_err();
    assert_eq!(error.failure, Failure::Transient);
}

#[tokio::test]
async fn sends_to_one_conversation_are_paced_by_teams_limits() {
    let fake = fake().await;
    let aiko = user(&fake);
    let teams = connector(&fake);
    // The token is fetched first (a member read is not paced per conversation), so the
    // timestamps below measure the limiter alone.
    let url = fake.service_url();
    let member = teams.member(&url, &aiko.conversation_id, &aiko.mri).await;
    assert!(member.unwrap().is_some());
    for i in 0..10 {
        teams
            .send(
                &fake.service_url(),
                &aiko.conversation_id,
                &card_message(&format!("{i}"), "1.5"),
            )
            .await
            .unwrap();
    }
    let at: Vec<_> = fake.sent().iter().map(|s| s.at).collect();
    assert_eq!(at.len(), 10);
    // 7 per second and 8 per two seconds: the 9th and 10th cannot arrive within 2 s of the 1st
    // (the limiter releases them at 2.5 s and 3 s).
    assert!(
        at[9].duration_since(at[0]) >= Duration::from_secs(2),
        "{:?}",
        at[9] - at[0]
    );
}

/// Every default window, driven by a fake clock: no window of `per` ever admits more than
/// `requests`, and the limiter does admit traffic at a steady rate.
#[test]
fn each_quota_never_exceeds_its_window() {
    for window in Limits::default()
        .per_conversation
        .into_iter()
        .chain(Limits::default().per_app)
    {
        let clock = FakeRelativeClock::default();
        let limiter = RateLimiter::direct_with_clock(window.quota(), clock.clone());
        let step = window.per / 100;
        let start = clock.now();
        let mut admitted = Vec::new();
        for _ in 0..1000 {
            while limiter.check().is_ok() {
                admitted.push(Duration::from(clock.now().duration_since(start)));
            }
            clock.advance(step);
        }
        for (i, first) in admitted.iter().enumerate() {
            let in_window = admitted[i..]
                .iter()
                .take_while(|t| **t - *first < window.per)
                .count();
            assert!(
                in_window <= window.requests as usize,
                "{window:?}: {in_window} in one window"
            );
        }
        // Over 10 windows, at least half the limit got through in each.
        let half = (window.requests / 2) as usize;
        assert!(
            admitted.len() >= 10 * half,
            "{window:?}: {}",
            admitted.len()
        );
    }
}

#[test]
fn path_segments_are_encoded_like_encode_uri_component() {
    assert_eq!(segment("a:1b;messageid=2"), "a%3A1b%3Bmessageid%3D2");
    assert_eq!(segment("29:1x-Y_z.~"), "29%3A1x-Y_z.~");
}

#[test]
fn classify_maps_teams_status_codes() {
    let code = |c: &str| json!({ "error": { "code": c, "message": "m" } }).to_string();
    let secs = |s| Some(chrono::Duration::seconds(s));
    let status = |n| StatusCode::from_u16(n).unwrap();
    assert_eq!(classify(status(500), None, "").failure, Failure::Transient);
    assert_eq!(classify(status(408), None, "").failure, Failure::Transient);
    assert_eq!(
        classify(status(503), secs(9), "").failure,
        Failure::RateLimited {
            retry_after: secs(9)
        }
    );
    assert_eq!(
        classify(status(429), None, &code("Throttled")).failure,
        Failure::RateLimited { retry_after: None }
    );
    let bad = classify(status(400), None, &code("BadSyntax"));
    assert_eq!(bad.failure, Failure::Permanent);
    assert!(bad.message.contains("400 BadSyntax"), "{}", bad.message);
    assert!(is_unreachable(&classify(
        status(403),
        None,
        &code("ConversationBlockedByUser")
    )));
    let disabled = classify(status(403), None, &code("BotDisabledByAdmin"));
    assert_eq!(disabled.failure, Failure::Permanent);
    assert!(!is_unreachable(&disabled));
}
