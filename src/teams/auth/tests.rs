//! Tests of teams::auth against the strict fake Microsoft (crate fake-teams) on loopback.

use super::*;
use crate::teams::token::tests::fake;
use fake_teams::{Call, Failure as Fail, FakeTeams, SigningKey, TokenAlg, TokenSpec};

fn verifier(fake: &FakeTeams, allowed_hosts: Vec<String>) -> Verifier {
    let config = AuthConfig {
        openid_metadata_url: fake.openid_metadata_url(),
        issuer: fake.issuer(),
        allowed_service_url_hosts: allowed_hosts,
        ..AuthConfig::microsoft(&fake.app_id())
    };
    Verifier::new(config, reqwest::Client::new())
}

async fn setup() -> (FakeTeams, Verifier) {
    let fake = fake().await;
    let verifier = verifier(&fake, vec![fake.service_host()]);
    (fake, verifier)
}

/// Verifies `token` for an activity from the fake's serviceUrl in channel msteams:
/// Ok or the HTTP status the bot would answer.
async fn outcome(fake: &FakeTeams, verifier: &Verifier, token: &str) -> Result<(), u16> {
    let verified = verifier
        .verify(Some(&format!("Bearer {token}")))
        .await
        .map_err(|e| e.status())?;
    verified
        .check_activity(&fake.service_url(), "msteams")
        .map_err(|e| e.status())
}

fn spec(fake: &FakeTeams) -> TokenSpec {
    TokenSpec::new(&fake.service_url())
}

#[tokio::test]
async fn a_token_from_the_connector_is_accepted() {
    let (fake, verifier) = setup().await;
    assert_eq!(
        outcome(&fake, &verifier, &fake.token_for(&fake.service_url())).await,
        Ok(())
    );
    assert_eq!((fake.metadata_requests(), fake.jwks_requests()), (1, 1));
    // Keys are cached.
    assert_eq!(
        outcome(&fake, &verifier, &fake.token_for(&fake.service_url())).await,
        Ok(())
    );
    assert_eq!((fake.metadata_requests(), fake.jwks_requests()), (1, 1));
}

#[tokio::test]
async fn no_header_or_another_scheme_is_unauthorized() {
    let (fake, verifier) = setup().await;
    assert_eq!(verifier.verify(None).await.unwrap_err().status(), 401);
    let basic = format!("Basic {}", fake.token_for(&fake.service_url()));
    assert_eq!(
        verifier.verify(Some(&basic)).await.unwrap_err().status(),
        401
    );
    assert_eq!(
        verifier
            .verify(Some("Bearer not-a-jwt"))
            .await
            .unwrap_err()
            .status(),
        401
    );
}

#[tokio::test]
async fn a_wrong_issuer_is_refused() {
    let (fake, verifier) = setup().await;
    let token = fake.token_with(&TokenSpec {
        issuer: Some("https://sts.windows.net/someone-else/".into()),
        ..spec(&fake)
    });
    assert_eq!(outcome(&fake, &verifier, &token).await, Err(401));
}

#[tokio::test]
async fn a_wrong_audience_is_refused_and_the_newer_sdk_audiences_are_accepted() {
    let (fake, verifier) = setup().await;
    let other = fake.token_with(&TokenSpec {
        audience: Some("another-bot".into()),
        ..spec(&fake)
    });
    assert_eq!(outcome(&fake, &verifier, &other).await, Err(401));
    for audience in [
        format!("api://{}", fake.app_id()),
        format!("api://botid-{}", fake.app_id()),
    ] {
        let token = fake.token_with(&TokenSpec {
            audience: Some(audience.clone()),
            ..spec(&fake)
        });
        assert_eq!(
            outcome(&fake, &verifier, &token).await,
            Ok(()),
            "{audience}"
        );
    }
}

#[tokio::test]
async fn expiry_and_not_before_allow_five_minutes_of_skew_and_no_more() {
    let (fake, verifier) = setup().await;
    let with = |exp: i64, nbf: i64| {
        fake.token_with(&TokenSpec {
            expires_in_secs: exp,
            not_before_secs: nbf,
            ..spec(&fake)
        })
    };
    assert_eq!(outcome(&fake, &verifier, &with(-240, -3600)).await, Ok(()));
    assert_eq!(
        outcome(&fake, &verifier, &with(-360, -3600)).await,
        Err(401)
    );
    assert_eq!(outcome(&fake, &verifier, &with(3600, 240)).await, Ok(()));
    assert_eq!(outcome(&fake, &verifier, &with(3600, 360)).await, Err(401));
}

#[tokio::test]
async fn the_serviceurl_claim_must_equal_the_activitys_exactly() {
    let (fake, verifier) = setup().await;
    let other = fake.token_for(&format!("http://{}/other/", fake.service_host()));
    assert_eq!(outcome(&fake, &verifier, &other).await, Err(401));
    let case_only = fake.token_for(&fake.service_url().replace("/teams/", "/TEAMS/"));
    assert_eq!(outcome(&fake, &verifier, &case_only).await, Err(401));
    let missing = fake.token_with(&TokenSpec {
        service_url: None,
        ..spec(&fake)
    });
    assert_eq!(outcome(&fake, &verifier, &missing).await, Err(401));
}

#[tokio::test]
async fn alg_none_is_refused() {
    let (fake, verifier) = setup().await;
    let token = fake.token_with(&TokenSpec {
        alg: TokenAlg::None,
        ..spec(&fake)
    });
    assert_eq!(outcome(&fake, &verifier, &token).await, Err(401));
}

#[tokio::test]
async fn hs256_signed_with_the_public_key_is_refused() {
    let (fake, verifier) = setup().await;
    let token = fake.token_with(&TokenSpec {
        alg: TokenAlg::Hs256WithPublicKey,
        ..spec(&fake)
    });
    assert_eq!(outcome(&fake, &verifier, &token).await, Err(401));
}

#[tokio::test]
async fn a_key_endorsed_only_for_another_channel_is_forbidden() {
    let (fake, verifier) = setup().await;
    let token = fake.token_with(&TokenSpec {
        key: SigningKey::Webchat,
        ..spec(&fake)
    });
    assert_eq!(outcome(&fake, &verifier, &token).await, Err(403));
    // The same token is fine for the channel its key is endorsed for.
    let verified = verifier
        .verify(Some(&format!("Bearer {token}")))
        .await
        .unwrap();
    assert!(verified
        .check_activity(&fake.service_url(), "webchat")
        .is_ok());
}

#[tokio::test]
async fn a_service_url_on_a_host_not_allowed_is_forbidden() {
    let fake = fake().await;
    let verifier = verifier(&fake, AuthConfig::microsoft("x").allowed_service_url_hosts);
    let loopback = fake.token_for(&fake.service_url());
    assert_eq!(outcome(&fake, &verifier, &loopback).await, Err(403));
    // Microsoft's own hosts pass.
    let teams_url = "https://smba.trafficmanager.net/amer/";
    let token = fake.token_for(teams_url);
    let verified = verifier
        .verify(Some(&format!("Bearer {token}")))
        .await
        .unwrap();
    assert!(verified.check_activity(teams_url, "msteams").is_ok());
}

#[tokio::test]
async fn an_unknown_kid_refetches_the_keys_at_most_hourly() {
    let (fake, verifier) = setup().await;
    let unknown = fake.token_with(&TokenSpec {
        key: SigningKey::Unlisted,
        ..spec(&fake)
    });
    assert_eq!(
        outcome(&fake, &verifier, &fake.token_for(&fake.service_url())).await,
        Ok(())
    );
    assert_eq!(fake.jwks_requests(), 1);
    // Unknown kid: one re-fetch, still unknown → 401.
    assert_eq!(outcome(&fake, &verifier, &unknown).await, Err(401));
    assert_eq!(fake.jwks_requests(), 2);
    // Again within the hour: no re-fetch, even once Microsoft publishes the key.
    assert_eq!(outcome(&fake, &verifier, &unknown).await, Err(401));
    fake.publish_unlisted_key();
    assert_eq!(outcome(&fake, &verifier, &unknown).await, Err(401));
    assert_eq!(fake.jwks_requests(), 2);
    // An hour later the unknown kid re-fetches and the new key is found.
    verifier.advance_clock(Duration::from_secs(3600));
    assert_eq!(outcome(&fake, &verifier, &unknown).await, Ok(()));
    assert_eq!(fake.jwks_requests(), 3);
}

#[tokio::test]
async fn keys_are_refreshed_after_a_day() {
    let (fake, verifier) = setup().await;
    let good = fake.token_for(&fake.service_url());
    assert_eq!(outcome(&fake, &verifier, &good).await, Ok(()));
    verifier.advance_clock(Duration::from_secs(23 * 3600));
    assert_eq!(outcome(&fake, &verifier, &good).await, Ok(()));
    assert_eq!((fake.metadata_requests(), fake.jwks_requests()), (1, 1));
    verifier.advance_clock(Duration::from_secs(3600));
    assert_eq!(outcome(&fake, &verifier, &good).await, Ok(()));
    assert_eq!((fake.metadata_requests(), fake.jwks_requests()), (2, 2));
}

#[tokio::test]
async fn unreachable_metadata_is_unavailable_not_unauthorized() {
    let fake = fake().await;
    let token = fake.token_for(&fake.service_url());
    let config = AuthConfig {
        // Nothing listens on the discard port.
        openid_metadata_url: "http://127.0.0.1:9/v1/.well-known/openidconfiguration".into(),
        issuer: fake.issuer(),
        allowed_service_url_hosts: vec![fake.service_host()],
        ..AuthConfig::microsoft(&fake.app_id())
    };
    let verifier = Verifier::new(config, reqwest::Client::new());
    let error = verifier
        .verify(Some(&format!("Bearer {token}")))
        .await
        .unwrap_err();
    assert_eq!(error.status(), 503, "{error}");
}

#[tokio::test]
async fn a_failed_daily_refresh_keeps_the_cached_keys_and_retries_later() {
    let (fake, verifier) = setup().await;
    let good = fake.token_for(&fake.service_url());
    assert_eq!(outcome(&fake, &verifier, &good).await, Ok(()));
    fake.fail_next(Call::Keys, Fail::BadGateway, 1);
    verifier.advance_clock(Duration::from_secs(24 * 3600));
    assert_eq!(outcome(&fake, &verifier, &good).await, Ok(()));
    assert_eq!(fake.jwks_requests(), 2);
    // Not every request hits Microsoft while it is down: the next attempt is 5 minutes later.
    assert_eq!(outcome(&fake, &verifier, &good).await, Ok(()));
    assert_eq!(fake.jwks_requests(), 2);
    verifier.advance_clock(Duration::from_secs(5 * 60));
    assert_eq!(outcome(&fake, &verifier, &good).await, Ok(()));
    assert_eq!(fake.jwks_requests(), 3);
}

#[tokio::test]
async fn without_any_keys_a_failing_jwks_is_unavailable() {
    let (fake, verifier) = setup().await;
    fake.fail_next(Call::Keys, Fail::GatewayTimeout, 1);
    let good = fake.token_for(&fake.service_url());
    assert_eq!(outcome(&fake, &verifier, &good).await, Err(503));
    assert_eq!(outcome(&fake, &verifier, &good).await, Ok(()));
}
