//! The fake Connector's routes, create-conversation rules, members, chat history, and failure injection.

mod common;

use common::*;
use fake_teams::{Call, Failure};
use serde_json::{json, Value};

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
