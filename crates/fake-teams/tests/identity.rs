//! The fake's identity side: OpenID metadata + JWKS, the token endpoint, and the Connector's bearer check.

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn openid_metadata_names_the_jwks_with_endorsed_keys() {
    let fake = fake().await;
    let metadata = get_json(&fake.openid_metadata_url()).await;
    assert_eq!(metadata["issuer"], "https://api.botframework.com");
    assert_eq!(
        metadata["id_token_signing_alg_values_supported"],
        json!(["RS256"])
    );
    let jwks_uri = metadata["jwks_uri"].as_str().unwrap();
    let jwks = get_json(jwks_uri).await;
    let listed: Vec<(String, Value)> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["kid"].as_str().unwrap().to_string(),
                k["endorsements"].clone(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("fake-teams-test-msteams".to_string(), json!(["msteams"])),
            ("fake-teams-test-webchat".to_string(), json!(["webchat"])),
        ]
    );
    fake.publish_unlisted_key();
    let jwks = get_json(jwks_uri).await;
    assert_eq!(jwks["keys"].as_array().unwrap().len(), 3);
    assert_eq!((fake.metadata_requests(), fake.jwks_requests()), (1, 2));
}

#[tokio::test]
async fn the_token_endpoint_checks_the_client_credentials_form() {
    let fake = fake().await;
    let http = reqwest::Client::new();
    for (field, value, status, error) in [
        ("grant_type", "password", 400, "unsupported_grant_type"),
        ("client_id", "someone-else", 400, "unauthorized_client"),
        ("client_secret", "wrong", 401, "invalid_client"),
        (
            "scope",
            "https://graph.microsoft.com/.default",
            400,
            "invalid_scope",
        ),
    ] {
        let form: Vec<(&str, String)> = token_form(&fake)
            .into_iter()
            .map(|(k, v)| {
                if k == field {
                    (k, value.to_string())
                } else {
                    (k, v)
                }
            })
            .collect();
        let response = http
            .post(fake.token_url())
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), status, "{field}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], error);
    }
    assert_eq!(fake.rejections().len(), 4);
    let answer: Value = http
        .post(fake.token_url())
        .form(&token_form(&fake))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (answer["token_type"].as_str(), answer["expires_in"].as_u64()),
        (Some("Bearer"), Some(3600))
    );
    assert_eq!(fake.token_requests(), 5);
}

#[tokio::test]
async fn the_connector_wants_a_token_it_issued_and_that_has_not_expired() {
    let fake = fake().await;
    let aiko = aiko(&fake);
    let message = json!({ "type": "message", "text": "hi" });
    let (status, _) = call_with(&fake, "POST", &sends(&aiko), Some(&message), None).await;
    assert_eq!(status, 401);
    let forged = fake.token_for(&fake.service_url());
    let (status, _) = call_with(&fake, "POST", &sends(&aiko), Some(&message), Some(&forged)).await;
    assert_eq!(status, 401);
    fake.set_token_lifetime(0);
    let expired = access_token(&fake).await;
    let (status, _) = call_with(&fake, "POST", &sends(&aiko), Some(&message), Some(&expired)).await;
    assert_eq!(status, 401);
    assert_eq!(fake.rejections().len(), 3);
    assert!(fake.sent().is_empty());
}
