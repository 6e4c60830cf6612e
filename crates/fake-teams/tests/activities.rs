//! Activities as the fake Teams sends them, and posting them to a bot with a valid token.

mod common;

use common::*;
use serde_json::{json, Value};

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
