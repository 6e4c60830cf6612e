//! The fake refuses what Microsoft refuses, records why, and fails on demand.

use fake_teams::{Call, Config, Failure, FakeTeams, NewUser, User};
use serde_json::{json, Value};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");

async fn fake() -> FakeTeams {
    FakeTeams::start(Config {
        app_id: "00000000-0000-4000-8000-00000000b07a".into(),
        app_password: "test-secret".into(),
        tenant_id: "11111111-2222-4333-8444-555555555555".into(),
    })
    .await
}

fn aiko(fake: &FakeTeams) -> User {
    fake.add_user(NewUser {
        aad_object_id: "6b1f3a52-0000-4000-8000-0000000000a1".into(),
        name: "Aiko Tanaka".into(),
        email: "aiko@example.com".into(),
        locale: "ja-JP".into(),
        timezone: "Asia/Tokyo".into(),
    })
}

fn fixture(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{path}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn token_form(fake: &FakeTeams) -> Vec<(&'static str, String)> {
    vec![
        ("grant_type", "client_credentials".into()),
        ("client_id", fake.app_id()),
        ("client_secret", "test-secret".into()),
        ("scope", "https://api.botframework.com/.default".into()),
    ]
}

async fn get_json(url: &str) -> Value {
    let response = reqwest::get(url).await.unwrap();
    response.json().await.unwrap()
}

async fn access_token(fake: &FakeTeams) -> String {
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
async fn call(fake: &FakeTeams, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
    let token = access_token(fake).await;
    call_with(fake, method, path, body, Some(&token)).await
}

async fn call_with(
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

fn card(version: &str) -> Value {
    json!({
        "type": "AdaptiveCard", "version": version,
        "body": [{ "type": "TextBlock", "text": "Hello", "wrap": true }],
    })
}

fn card_message(card: Value) -> Value {
    json!({ "type": "message", "attachments": [{
        "contentType": "application/vnd.microsoft.card.adaptive", "content": card }] })
}

fn sends(user: &User) -> String {
    format!("v3/conversations/{}/activities", user.conversation_id)
}

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

#[tokio::test]
async fn unknown_routes_and_conversations_are_404() {
    let fake = fake().await;
    let aiko = aiko(&fake);
    let message = json!({ "type": "message", "text": "hi" });
    let (status, _) = call(
        &fake,
        "POST",
        "v3/conversation/x/activities",
        Some(&message),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = call(&fake, "DELETE", &sends(&aiko), None).await;
    assert_eq!(status, 404);
    let (status, body) = call(
        &fake,
        "POST",
        "v3/conversations/a%3Anope/activities",
        Some(&message),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("ConversationNotFound"))
    );
    let (status, body) = call(
        &fake,
        "PUT",
        &format!("{}/999", sends(&aiko)),
        Some(&message),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("ActivityNotFound"))
    );
    let rejections = fake.rejections();
    assert_eq!(rejections.len(), 4, "{rejections:?}");
    assert!(rejections[0].contains("no such Connector route"));
}

#[tokio::test]
async fn cards_must_be_version_1_5_or_lower_valid_against_the_schema_and_typed_as_cards() {
    let fake = fake().await;
    let aiko = aiko(&fake);
    let refused = [
        card_message(card("1.6")),
        card_message(json!({ "type": "AdaptiveCard", "version": "1.5",
            "body": [{ "type": "TextBlock", "text": "x", "size": "enormous" }] })),
        card_message(
            json!({ "type": "AdaptiveCard", "version": "1.5", "body": [], "msteams": { "width": "Full" } }),
        ),
        json!({ "type": "message", "attachments": [{ "contentType": "application/json", "content": card("1.5") }] }),
        json!({ "type": "message" }),
        json!({ "type": "event", "text": "hi" }),
    ];
    for body in &refused {
        let (status, answer) = call(&fake, "POST", &sends(&aiko), Some(body)).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(answer["error"]["code"], "BadArgument");
    }
    assert_eq!(fake.rejections().len(), refused.len());
    assert!(fake.rejections()[0].contains("1.6 > 1.5"));
    assert!(fake.rejections()[1].contains("schema 1.5.0"));
    let (status, answer) = call(
        &fake,
        "POST",
        &sends(&aiko),
        Some(&card_message(card("1.5"))),
    )
    .await;
    assert_eq!(status, 201);
    assert!(answer["id"].is_string());
    assert_eq!(fake.chat(&aiko).len(), 1);
}

#[tokio::test]
async fn check_card_agrees_with_the_fixtures_readme() {
    let fake = fake().await;
    assert!(fake
        .check_card(&fixture(
            "cards/action_execute_mode.v1.5.adaptivecards.json"
        ))
        .is_ok());
    assert!(fake
        .check_card(
            &fixture("responses/task.continue.card.msteams-docs.json")["task"]["value"]["card"]
                ["content"]
        )
        .is_ok());
    let fails = fake
        .check_card(&fixture(
            "cards/inputs_with_validation.v1.5.adaptivecards.json",
        ))
        .unwrap_err();
    assert!(fails.contains("schema"), "{fails}");
    assert!(fake
        .check_card(&fixture(
            "cards/universal_action_refresh.v1.4.adaptivecards-docs.json"
        ))
        .is_err());
}

#[tokio::test]
async fn messages_over_100_kb_as_utf16_are_413() {
    let fake = fake().await;
    let aiko = aiko(&fake);
    // 40 000 Japanese characters are 120 KB in UTF-8 but 80 KB in UTF-16: accepted.
    let fits = json!({ "type": "message", "text": "あ".repeat(40_000) });
    assert_eq!(call(&fake, "POST", &sends(&aiko), Some(&fits)).await.0, 201);
    let too_big = json!({ "type": "message", "text": "a".repeat(52_000) });
    let (status, body) = call(&fake, "POST", &sends(&aiko), Some(&too_big)).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (413, Some("MessageSizeTooBig"))
    );
}

#[tokio::test]
async fn create_conversation_is_as_strict_as_teams() {
    let fake = fake().await;
    let aiko = aiko(&fake);
    let tenant = fake.tenant_id();
    let good = json!({ "isGroup": false, "bot": { "id": fake.bot_id() }, "members": [{ "id": aiko.mri }],
        "tenantId": tenant, "channelData": { "tenant": { "id": tenant } } });
    let (status, body) = call(&fake, "POST", "v3/conversations", Some(&good)).await;
    assert_eq!(
        (status, body["id"].as_str()),
        (201, Some(aiko.conversation_id.as_str()))
    );
    let (_, again) = call(&fake, "POST", "v3/conversations", Some(&good)).await;
    assert_eq!(again["id"], body["id"]);
    // The minimal captured form (no bot, tenantId only) works too.
    let minimal = json!({ "isGroup": false, "members": [{ "id": aiko.mri }], "tenantId": tenant });
    assert_eq!(
        call(&fake, "POST", "v3/conversations", Some(&minimal))
            .await
            .0,
        201
    );

    let mut bad = Vec::new();
    let mut with = |pointer: &str, value: Value| {
        let mut body = good.clone();
        *body.pointer_mut(pointer).unwrap() = value;
        bad.push(body);
    };
    with("/isGroup", json!(true));
    with(
        "/members",
        json!([{ "id": aiko.mri }, { "id": "29:other" }]),
    );
    with("/members", json!([{ "id": aiko.aad_object_id }]));
    with("/tenantId", json!("another-tenant"));
    with("/bot/id", json!("28:another-bot"));
    let mut no_tenant = good.clone();
    no_tenant.as_object_mut().unwrap().remove("tenantId");
    no_tenant.as_object_mut().unwrap().remove("channelData");
    bad.push(no_tenant);
    for body in &bad {
        let (status, _) = call(&fake, "POST", "v3/conversations", Some(body)).await;
        assert_eq!(status, 400, "{body}");
    }
    let mut both_wrong = good.clone();
    both_wrong["tenantId"] = json!("another-tenant");
    both_wrong["channelData"]["tenant"]["id"] = json!("another-tenant");
    assert_eq!(
        call(&fake, "POST", "v3/conversations", Some(&both_wrong))
            .await
            .0,
        403
    );
    let stranger = json!({ "members": [{ "id": "29:stranger" }], "tenantId": tenant });
    assert_eq!(
        call(&fake, "POST", "v3/conversations", Some(&stranger))
            .await
            .0,
        403
    );
    assert_eq!(fake.rejections().len(), bad.len() + 2);
}

#[tokio::test]
async fn failures_can_be_injected_per_call() {
    let fake = fake().await;
    let aiko = aiko(&fake);
    let message = json!({ "type": "message", "text": "hi" });
    fake.fail_next(
        Call::Send,
        Failure::Throttled {
            retry_after_secs: 4,
        },
        1,
    );
    fake.fail_next(Call::Send, Failure::PreconditionFailed, 1);
    fake.fail_next(Call::Send, Failure::BadGateway, 1);
    fake.fail_next(Call::Send, Failure::GatewayTimeout, 1);
    fake.fail_next(Call::Send, Failure::WritesBlocked, 1);
    let token = access_token(&fake).await;
    let url = format!("{}{}", fake.service_url(), sends(&aiko));
    let mut seen = Vec::new();
    for _ in 0..6 {
        let response = reqwest::Client::new()
            .post(&url)
            .bearer_auth(&token)
            .json(&message)
            .send()
            .await
            .unwrap();
        let retry_after = response
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap().to_string());
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap();
        seen.push((status, retry_after, body));
    }
    let statuses: Vec<u16> = seen.iter().map(|s| s.0).collect();
    assert_eq!(statuses, [429, 412, 502, 504, 403, 201]);
    assert_eq!(seen[0].1.as_deref(), Some("4"));
    let blocked: Value = serde_json::from_str(seen[4].2["message"].as_str().unwrap()).unwrap();
    assert_eq!(blocked["subCode"], "MessageWritesBlocked");
    assert_eq!(fake.sent().len(), 1);

    // Per kind: an update failure does not touch sends; the token endpoint can throttle too.
    fake.fail_next(Call::Update, Failure::BadGateway, 1);
    let (status, _) = call(&fake, "POST", &sends(&aiko), Some(&message)).await;
    assert_eq!(status, 201);
    let id = fake.sent()[0].activity_id.clone();
    let (status, _) = call(
        &fake,
        "PUT",
        &format!("{}/{id}", sends(&aiko)),
        Some(&message),
    )
    .await;
    assert_eq!(status, 502);
    fake.fail_next(
        Call::Token,
        Failure::Throttled {
            retry_after_secs: 2,
        },
        1,
    );
    let response = reqwest::Client::new()
        .post(fake.token_url())
        .form(&token_form(&fake))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    fake.fail_next(Call::Create, Failure::GatewayTimeout, 2);
    let create = json!({ "members": [{ "id": aiko.mri }], "tenantId": fake.tenant_id() });
    assert_eq!(
        call(&fake, "POST", "v3/conversations", Some(&create))
            .await
            .0,
        504
    );
    assert_eq!(
        call(&fake, "POST", "v3/conversations", Some(&create))
            .await
            .0,
        504
    );
    assert_eq!(
        call(&fake, "POST", "v3/conversations", Some(&create))
            .await
            .0,
        201
    );
}

#[tokio::test]
async fn members_and_chat_history_answer_like_the_connector() {
    let fake = fake().await;
    let aiko = aiko(&fake);
    let path = format!(
        "v3/conversations/{}/members/{}",
        aiko.conversation_id, aiko.mri
    );
    let (status, member) = call(&fake, "GET", &path, None).await;
    assert_eq!(status, 200);
    assert_eq!(member["email"], "aiko@example.com");
    assert_eq!(member["userPrincipalName"], "aiko@example.com");
    assert_eq!(member["aadObjectId"], aiko.aad_object_id.as_str());
    assert_eq!(member["name"], "Aiko Tanaka");
    let (status, _) = call(
        &fake,
        "GET",
        &format!("v3/conversations/{}/members/29:x", aiko.conversation_id),
        None,
    )
    .await;
    assert_eq!(status, 404);

    let first = json!({ "type": "message", "text": "one" });
    let second = json!({ "type": "message", "text": "two" });
    let (_, sent) = call(&fake, "POST", &sends(&aiko), Some(&first)).await;
    call(&fake, "POST", &sends(&aiko), Some(&second)).await;
    let edited = json!({ "type": "message", "text": "one, edited" });
    let id = sent["id"].as_str().unwrap();
    assert_eq!(
        call(
            &fake,
            "PUT",
            &format!("{}/{id}", sends(&aiko)),
            Some(&edited)
        )
        .await
        .0,
        200
    );
    let texts: Vec<Value> = fake.chat(&aiko).iter().map(|a| a["text"].clone()).collect();
    assert_eq!(texts, [json!("one, edited"), json!("two")]);
    assert_eq!(fake.sent().len(), 3);
    assert!(fake.sent()[2].updated);
}

#[tokio::test]
async fn activities_are_shaped_like_teams_and_posted_with_a_valid_token() {
    use axum::{http::HeaderMap, routing::post, Json, Router};
    let fake = fake().await;
    let aiko = aiko(&fake);
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(String, Value)>::new()));
    let record = seen.clone();
    let app = Router::new().route(
        "/api/messages",
        post(move |headers: HeaderMap, Json(activity): Json<Value>| {
            let record = record.clone();
            async move {
                let auth = headers["authorization"].to_str().unwrap().to_string();
                record.lock().unwrap().push((auth, activity));
                Json(json!({ "ok": true }))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let bot_url = format!("http://{}/api/messages", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });

    let message = fake.message(&aiko, "find 育休");
    assert_eq!(message["channelId"], "msteams");
    assert_eq!(message["serviceUrl"], fake.service_url().as_str());
    assert_eq!(message["from"]["id"], aiko.mri.as_str());
    assert_eq!(message["from"]["aadObjectId"], aiko.aad_object_id.as_str());
    assert_eq!(message["recipient"]["id"], fake.bot_id().as_str());
    assert_eq!(message["conversation"]["conversationType"], "personal");
    assert_eq!(
        message["conversation"]["tenantId"],
        fake.tenant_id().as_str()
    );
    assert_eq!(
        message["channelData"]["tenant"]["id"],
        fake.tenant_id().as_str()
    );
    assert_eq!(message["entities"][0]["timezone"], "Asia/Tokyo");
    assert_eq!(message["locale"], "ja-JP");

    let action = fake.card_action(
        &aiko,
        "accept",
        json!({ "request": 7 }),
        Some("17000000001"),
    );
    assert_eq!(
        (action["type"].as_str(), action["name"].as_str()),
        (Some("invoke"), Some("adaptiveCard/action"))
    );
    assert_eq!(action["value"]["action"]["verb"], "accept");
    assert_eq!(action["value"]["action"]["data"]["request"], 7);
    assert_eq!(action["replyToId"], "17000000001");
    assert_eq!(
        fake.submit_action(&aiko, json!({ "a": 1 }), None)["value"]["a"],
        1
    );
    assert_eq!(
        fake.task_fetch(&aiko, json!({ "f": 1 }))["value"]["data"]["f"],
        1
    );
    assert_eq!(fake.task_submit(&aiko, json!({}))["name"], "task/submit");
    let installed = fake.installed(&aiko);
    assert_eq!(installed["type"], "conversationUpdate");
    assert_eq!(installed["membersAdded"][0]["id"], fake.bot_id().as_str());
    assert_eq!(installed["membersAdded"][1]["id"], aiko.mri.as_str());
    assert!(installed.get("entities").is_none() && installed["from"].get("name").is_none());
    let removed = fake.installation_update(&aiko, "remove");
    assert_eq!(
        (removed["type"].as_str(), removed["action"].as_str()),
        (Some("installationUpdate"), Some("remove"))
    );
    assert!(removed["entities"][0].get("timezone").is_none());

    let (status, body) = fake.post(&bot_url, &message).await;
    assert_eq!((status, body), (200, json!({ "ok": true })));
    let (status, _) = fake
        .post_with_token(&bot_url, &message, Some("Bearer x"))
        .await;
    assert_eq!(status, 200);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert!(seen[0].0.starts_with("Bearer ey"));
    assert_eq!(seen[0].1["text"], "find 育休");
}

#[tokio::test]
async fn universal_actions_with_refresh_and_a_submit_fallback_pass() {
    let fake = fake().await;
    let card = json!({
        "type": "AdaptiveCard", "version": "1.5",
        "refresh": { "action": { "type": "Action.Execute", "verb": "refresh", "data": {} }, "userIds": [] },
        "body": [
            { "type": "TextBlock", "text": "Request", "wrap": true },
            { "type": "Input.Text", "id": "note", "isMultiline": true, "maxLength": 500 },
            { "type": "Input.ChoiceSet", "id": "slot", "choices": [{ "title": "10:00", "value": "a" }] },
        ],
        "actions": [{
            "type": "Action.Execute", "title": "Accept", "verb": "accept", "data": { "id": 1 },
            "fallback": { "type": "Action.Submit", "title": "Accept", "data": { "id": 1 } },
        }],
    });
    assert_eq!(fake.check_card(&card), Ok(()));
    let mut wrong = card.clone();
    wrong["actions"][0]["fallback"] = json!("Action.Submit");
    assert!(fake.check_card(&wrong).is_err());
}
