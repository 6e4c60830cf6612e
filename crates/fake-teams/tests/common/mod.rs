//! Helpers shared by the fake's strictness tests: a fake with a bot registration, a user,
//! fixtures, and raw Connector / token endpoint calls.
#![allow(dead_code)]

use fake_teams::{Config, FakeTeams, NewUser, User};
use serde_json::{json, Value};

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");

pub async fn fake() -> FakeTeams {
    FakeTeams::start(Config {
        app_id: "00000000-0000-4000-8000-00000000b07a".into(),
        app_password: "test-secret".into(),
        tenant_id: "11111111-2222-4333-8444-555555555555".into(),
    })
    .await
}

pub fn aiko(fake: &FakeTeams) -> User {
    fake.add_user(NewUser {
        aad_object_id: "6b1f3a52-0000-4000-8000-0000000000a1".into(),
        name: "Aiko Tanaka".into(),
        email: "aiko@example.com".into(),
        locale: "ja-JP".into(),
        timezone: "Asia/Tokyo".into(),
    })
}

pub fn fixture(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{path}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

pub fn token_form(fake: &FakeTeams) -> Vec<(&'static str, String)> {
    vec![
        ("grant_type", "client_credentials".into()),
        ("client_id", fake.app_id()),
        ("client_secret", "test-secret".into()),
        ("scope", "https://api.botframework.com/.default".into()),
    ]
}

pub async fn get_json(url: &str) -> Value {
    let response = reqwest::get(url).await.unwrap();
    response.json().await.unwrap()
}

pub async fn access_token(fake: &FakeTeams) -> String {
    let response = reqwest::Client::new()
        .post(fake.token_url())
        .form(&token_form(fake))
        .send()
        .await
        .unwrap();
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["token_type"], "Bearer");
    answer["access_token"].as_str().unwrap().to_string()
}

/// A Connector call with the bot's token: (status, body).
pub async fn call(
    fake: &FakeTeams,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> (u16, Value) {
    let token = access_token(fake).await;
    call_with(fake, method, path, body, Some(&token)).await
}

pub async fn call_with(
    fake: &FakeTeams,
    method: &str,
    path: &str,
    body: Option<&Value>,
    token: Option<&str>,
) -> (u16, Value) {
    let url = format!("{}{path}", fake.service_url());
    let mut request = reqwest::Client::new().request(method.parse().unwrap(), url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

pub fn card(version: &str) -> Value {
    json!({
        "type": "AdaptiveCard", "version": version,
        "body": [{ "type": "TextBlock", "text": "Hello", "wrap": true }],
    })
}

pub fn card_message(card: Value) -> Value {
    json!({ "type": "message", "attachments": [{
        "contentType": "application/vnd.microsoft.card.adaptive", "content": card }] })
}

pub fn sends(user: &User) -> String {
    format!("v3/conversations/{}/activities", user.conversation_id)
}
