//! Files through the consent flow: consent and info cards checked like Teams, and upload
//! sessions that take one PUT of the offered size (Content-Range, no bearer token).

mod common;

use common::*;
use serde_json::{json, Value};

fn consent(size: Value, name: &str, accept: Value) -> Value {
    json!({"type": "message", "attachments": [{
        "contentType": "application/vnd.microsoft.teams.card.file.consent",
        "name": name,
        "content": {"description": "d", "sizeInBytes": size,
                    "acceptContext": accept, "declineContext": {"k": 1}},
    }]})
}

fn info(fields: Value) -> Value {
    json!({"type": "message", "attachments": [{
        "contentType": "application/vnd.microsoft.teams.card.file.info",
        "name": "a.csv",
        "contentUrl": fields["contentUrl"],
        "content": {"uniqueId": fields["uniqueId"], "fileType": fields["fileType"]},
    }]})
}

#[tokio::test]
async fn file_consent_and_info_cards_are_checked_like_teams() {
    let fake = fake().await;
    let aiko = aiko(&fake);
    for bad in [
        consent(json!(0), "a.csv", json!({})),
        consent(json!("12"), "a.csv", json!({})),
        consent(json!(12), "", json!({})),
        consent(json!(12), "a.csv", json!("ctx")),
        info(json!({"uniqueId": "u", "fileType": "csv"})),
        info(json!({"contentUrl": "https://x/a.csv", "fileType": "csv"})),
    ] {
        let (status, body) = call(&fake, "POST", &sends(&aiko), Some(&bad)).await;
        assert_eq!(status, 400, "{bad} → {body}");
    }
    let (status, _) = call(
        &fake,
        "POST",
        &sends(&aiko),
        Some(&consent(json!(12), "a.csv", json!({}))),
    )
    .await;
    assert_eq!(status, 201);
    let good = info(json!({"contentUrl": "https://x/a.csv", "uniqueId": "u", "fileType": "csv"}));
    let (status, _) = call(&fake, "POST", &sends(&aiko), Some(&good)).await;
    assert_eq!(status, 201);
}

async fn put(url: &str, body: &[u8], range: &str, token: bool) -> u16 {
    let mut request = reqwest::Client::new()
        .put(url)
        .header("Content-Range", range)
        .body(body.to_vec());
    if token {
        request = request.bearer_auth("t");
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn an_upload_session_takes_one_put_of_the_offered_size() {
    let fake = fake().await;
    let aiko = aiko(&fake);
    let (_, sent) = call(
        &fake,
        "POST",
        &sends(&aiko),
        Some(&consent(json!(4), "a.csv", json!({}))),
    )
    .await;
    let info = fake.allow_upload(sent["id"].as_str().unwrap());
    assert_eq!(info["name"], "a.csv");
    assert_eq!(info["fileType"], "csv");
    let url = info["uploadUrl"].as_str().unwrap();

    assert_eq!(
        put(url, b"abcd", "bytes 0-3/4", true).await,
        400,
        "no bearer token"
    );
    assert_eq!(
        put(url, b"abc", "bytes 0-2/3", false).await,
        400,
        "the offered size"
    );
    assert_eq!(
        put(url, b"abcd", "bytes 0-2/4", false).await,
        400,
        "Content-Range"
    );
    fake.fail_next_upload(500, 1);
    assert_eq!(put(url, b"abcd", "bytes 0-3/4", false).await, 500);
    assert_eq!(put(url, b"abcd", "bytes 0-3/4", false).await, 201);
    assert_eq!(put(url, b"abcd", "bytes 0-3/4", false).await, 409);
    let unknown = url.replace("/upload/", "/upload/x");
    assert_eq!(put(&unknown, b"abcd", "bytes 0-3/4", false).await, 404);
    let uploads = fake.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].bytes.as_deref(), Some(&b"abcd"[..]));
    assert_eq!(uploads[0].puts, 6);
}
