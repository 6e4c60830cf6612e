//! Tests of teams::token against the strict fake Microsoft (crate fake-teams) on loopback.

use super::*;
use fake_teams::{Call, Config, Failure as Fail, FakeTeams};

/// A fake Microsoft with the bot's registration (shared by the teams tests).
pub(crate) async fn fake() -> FakeTeams {
    FakeTeams::start(Config {
        app_id: "00000000-0000-4000-8000-00000000b07a".into(),
        app_password: "test-secret".into(),
        tenant_id: "11111111-2222-4333-8444-555555555555".into(),
    })
    .await
}

/// The bot's token client pointed at the fake's token endpoint.
pub(crate) fn client(fake: &FakeTeams, password: &str) -> TokenClient {
    let credentials = Credentials {
        token_url: fake.token_url(),
        ..Credentials::microsoft(&fake.tenant_id(), &fake.app_id(), password)
    };
    TokenClient::new(credentials, reqwest::Client::new())
}

#[test]
fn microsoft_defaults_name_the_single_tenant_authority_and_the_bot_framework_scope() {
    let c = Credentials::microsoft("t-1", "app", "pw");
    assert_eq!(
        c.token_url,
        "https://login.microsoftonline.com/t-1/oauth2/v2.0/token"
    );
    assert_eq!(c.scope, "https://api.botframework.com/.default");
}

#[tokio::test]
async fn the_token_is_fetched_once_and_reused_while_fresh() {
    let fake = fake().await;
    let tokens = client(&fake, "test-secret");
    let first = tokens.bearer().await.unwrap();
    let second = tokens.bearer().await.unwrap();
    assert_eq!(first, second);
    assert_eq!(fake.token_requests(), 1);
    assert!(fake.rejections().is_empty(), "{:?}", fake.rejections());
}

#[tokio::test]
async fn concurrent_callers_wait_for_one_refresh() {
    let fake = fake().await;
    let tokens = client(&fake, "test-secret");
    let calls = (0..8).map(|_| {
        let tokens = tokens.clone();
        tokio::spawn(async move { tokens.bearer().await.unwrap() })
    });
    let got: Vec<String> = futures::future::join_all(calls)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert!(got.iter().all(|t| *t == got[0]));
    assert_eq!(fake.token_requests(), 1);
}

#[tokio::test]
async fn a_token_within_five_minutes_of_expiry_is_refreshed_before_use() {
    let fake = fake().await;
    // 299 s left is inside the 5-minute margin: never reused.
    fake.set_token_lifetime(299);
    let tokens = client(&fake, "test-secret");
    let first = tokens.bearer().await.unwrap();
    let second = tokens.bearer().await.unwrap();
    assert_ne!(first, second);
    assert_eq!(fake.token_requests(), 2);
    // 3600 s: kept.
    fake.set_token_lifetime(3600);
    let third = tokens.bearer().await.unwrap();
    assert_eq!(tokens.bearer().await.unwrap(), third);
    assert_eq!(fake.token_requests(), 3);
}

#[tokio::test]
async fn invalidate_forgets_the_cached_token() {
    let fake = fake().await;
    let tokens = client(&fake, "test-secret");
    let first = tokens.bearer().await.unwrap();
    tokens.invalidate_token("some other token");
    assert_eq!(tokens.bearer().await.unwrap(), first);
    tokens.invalidate();
    assert_ne!(tokens.bearer().await.unwrap(), first);
    assert_eq!(fake.token_requests(), 2);
}

#[tokio::test]
async fn a_wrong_secret_is_refused_by_the_token_endpoint_and_retried_later() {
    let fake = fake().await;
    let error = client(&fake, "wrong").bearer().await.unwrap_err();
    assert_eq!(
        error.failure,
        Failure::RateLimited {
            retry_after: Some(super::TOKEN_RETRY)
        }
    );
    assert!(
        error.message.contains("401 invalid_client"),
        "{}",
        error.message
    );
    assert_eq!(
        fake.rejections(),
        ["token: invalid_client: invalid client secret"]
    );
}

#[tokio::test]
async fn a_throttled_token_request_carries_retry_after() {
    let fake = fake().await;
    fake.fail_next(
        Call::Token,
        Fail::Throttled {
            retry_after_secs: 7,
        },
        1,
    );
    let tokens = client(&fake, "test-secret");
    let error = tokens.bearer().await.unwrap_err();
    assert_eq!(
        error.failure,
        Failure::RateLimited {
            retry_after: Some(chrono::Duration::seconds(7))
        }
    );
    assert!(tokens.bearer().await.is_ok());
    assert_eq!(fake.token_requests(), 2);
}
