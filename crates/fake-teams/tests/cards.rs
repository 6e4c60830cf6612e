//! What the fake Connector checks in a message: card version and schema, content types, size.

mod common;

use common::*;
use serde_json::json;

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
