//! Tests of the fake Slack itself, driven through the real slack-morphism client so that every
//! response shape the fake produces is proven to parse.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use fake_slack::{
    validate_blocks, FakeSlack, FakeUser, Fault, APP_TOKEN, BOT_ID, BOT_TOKEN, BOT_USER_ID,
    FILE_DOWNLOAD_METHOD, FILE_UPLOADER_ID, FILE_UPLOAD_METHOD, TEAM_ID,
};
use futures::{SinkExt, StreamExt};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use slack_morphism::errors::{SlackClientApiError, SlackClientError};
use slack_morphism::prelude::*;
use tokio_tungstenite::tungstenite::Message;

type Connector = SlackClientHyperConnector<HttpConnector>;
type Client = SlackClient<Connector>;

const WAIT: Duration = Duration::from_secs(5);

fn client(fake: &FakeSlack) -> Client {
    let connector = SlackClientHyperConnector::with_connector(HttpConnector::new())
        .with_slack_api_url(&fake.api_url);
    SlackClient::new(connector)
}

fn token(value: &str) -> SlackApiToken {
    SlackApiToken::new(value.into())
}

/// The Slack `error` code of a failed call; panics on success or a non-API error.
fn api_error<T: std::fmt::Debug>(result: ClientResult<T>) -> SlackClientApiError {
    match result {
        Err(SlackClientError::ApiError(error)) => error,
        other => panic!("expected a Slack API error, got {other:?}"),
    }
}

async fn started_with_user(user: FakeUser) -> (FakeSlack, Client) {
    let fake = FakeSlack::start().await;
    fake.add_user(user);
    let client = client(&fake);
    (fake, client)
}

async fn open_dm(client: &Client, user: &str) -> SlackChannelId {
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let request = SlackApiConversationsOpenRequest::new().with_users(vec![user.into()]);
    session
        .conversations_open(&request)
        .await
        .expect("conversations.open")
        .channel
        .id
}

async fn post(
    client: &Client,
    channel: SlackChannelId,
    content: SlackMessageContent,
) -> ClientResult<SlackApiChatPostMessageResponse> {
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    session
        .chat_post_message(&SlackApiChatPostMessageRequest::new(channel, content))
        .await
}

fn text(value: &str) -> SlackMessageContent {
    SlackMessageContent::new().with_text(value.to_string())
}

fn modal(title: &str) -> SlackView {
    let blocks = vec![SlackSectionBlock::new().with_text(md!("Hello")).into()];
    SlackView::Modal(SlackModalView::new(title.into(), blocks))
}

// ----- users ---------------------------------------------------------------------------------

#[tokio::test]
async fn users_info_round_trips_tz_and_locale() {
    let user = FakeUser::new("U100")
        .with_tz("America/New_York")
        .with_locale("en-US")
        .with_name("Ann");
    let (_fake, client) = started_with_user(user).await;
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);

    let request = SlackApiUsersInfoRequest::new("U100".into()).with_include_locale(true);
    let user = session.users_info(&request).await.expect("users.info").user;

    assert_eq!(user.tz.as_deref(), Some("America/New_York"));
    assert_eq!(
        user.locale.map(|l| l.to_string()),
        Some("en-US".to_string())
    );
    assert!(matches!(user.tz_offset, Some(-18000) | Some(-14400)));
    assert_eq!(user.team_id, Some(TEAM_ID.into()));
    let profile = user.profile.expect("profile");
    assert_eq!(profile.display_name.as_deref(), Some("Ann"));
    assert_eq!(
        profile.email.map(|e| e.to_string()),
        Some("U100@example.com".to_string())
    );
}

#[tokio::test]
async fn users_info_leaves_out_the_locale_unless_asked() {
    let (_fake, client) = started_with_user(FakeUser::new("U100")).await;
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);

    let user = session
        .users_info(&SlackApiUsersInfoRequest::new("U100".into()))
        .await
        .expect("users.info")
        .user;

    assert_eq!(user.locale, None);
    assert_eq!(user.tz.as_deref(), Some("Asia/Tokyo"));
    assert_eq!(user.tz_offset, Some(9 * 3600));
}

#[tokio::test]
async fn unknown_users_are_user_not_found_and_emails_users_not_found() {
    let (_fake, client) =
        started_with_user(FakeUser::new("U100").with_email("ann@example.com")).await;
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);

    let missing = session
        .users_info(&SlackApiUsersInfoRequest::new("U404".into()))
        .await;
    assert_eq!(api_error(missing).code, "user_not_found");

    let found = session
        .users_lookup_by_email(&SlackApiUsersLookupByEmailRequest::new(
            "Ann@Example.com".into(),
        ))
        .await
        .expect("users.lookupByEmail");
    assert_eq!(found.user.id, "U100".into());
    let unknown = session
        .users_lookup_by_email(&SlackApiUsersLookupByEmailRequest::new(
            "nobody@example.com".into(),
        ))
        .await;
    assert_eq!(api_error(unknown).code, "users_not_found");
}

// ----- auth ----------------------------------------------------------------------------------

#[tokio::test]
async fn a_wrong_token_is_invalid_auth_and_every_call_is_recorded() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let wrong = token("xoxb-wrong");
    let session = client.open_session(&wrong);

    let result = session
        .users_info(&SlackApiUsersInfoRequest::new("U100".into()))
        .await;

    assert_eq!(api_error(result).code, "invalid_auth");
    let calls = fake.calls_to("users.info");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].token.as_deref(), Some("xoxb-wrong"));
    assert_eq!(calls[0].params["user"], "U100");
    assert_eq!(calls[0].error(), Some("invalid_auth"));
}

#[tokio::test]
async fn tokens_of_the_wrong_type_are_not_allowed() {
    let (_fake, client) = started_with_user(FakeUser::new("U100")).await;

    let with_app_token = client.open_session(&token(APP_TOKEN)).auth_test().await;
    assert_eq!(api_error(with_app_token).code, "not_allowed_token_type");

    let request = SlackApiAppsConnectionOpenRequest::new();
    let with_bot_token = client
        .open_session(&token(BOT_TOKEN))
        .apps_connections_open(&request)
        .await;
    assert_eq!(api_error(with_bot_token).code, "not_allowed_token_type");
}

#[tokio::test]
async fn auth_test_identifies_the_bot() {
    let (_fake, client) = started_with_user(FakeUser::new("U100")).await;

    let identity = client
        .open_session(&token(BOT_TOKEN))
        .auth_test()
        .await
        .expect("auth.test");

    assert_eq!(identity.team_id, TEAM_ID.into());
    assert_eq!(identity.bot_id, Some(BOT_ID.into()));
}

#[tokio::test]
async fn raw_requests_get_slack_like_errors() {
    let fake = FakeSlack::start().await;
    let http = reqwest::Client::new();
    let url = |method: &str| format!("{}/{method}", fake.api_url);

    let no_token: Value = http
        .get(url("auth.test"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(no_token, json!({"ok": false, "error": "not_authed"}));

    let bad_json = http
        .post(url("chat.postMessage"))
        .bearer_auth(BOT_TOKEN)
        .header("content-type", "application/json; charset=utf-8")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_json.status(), 200);
    let content_type = bad_json.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(content_type, "application/json; charset=utf-8");
    let bad_json: Value = bad_json.json().await.unwrap();
    assert_eq!(bad_json["error"], "invalid_json");

    let unknown: Value = http
        .post(url("chat.scheduleMessage"))
        .bearer_auth(BOT_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(unknown["error"], "unknown_method");

    let form: Value = http
        .post(url("users.info"))
        .bearer_auth(BOT_TOKEN)
        .form(&[("user", "UBOT"), ("include_locale", "true")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(form["user"]["is_bot"], true);
    assert_eq!(fake.calls().len(), 4);
}

// ----- conversations and chat ----------------------------------------------------------------

#[tokio::test]
async fn a_posted_message_with_metadata_is_found_in_history() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;
    let payload = HashMap::from([("pairing_id".to_string(), "42".to_string())]);
    let metadata =
        SlackMessageMetadata::new("mentoring_reminder".to_string()).with_event_payload(payload);

    let posted = post(
        &client,
        channel.clone(),
        text("Hi!").with_metadata(metadata.clone()),
    )
    .await
    .expect("chat.postMessage");

    assert_eq!(posted.channel, channel);
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let request = SlackApiConversationsHistoryRequest::new()
        .with_channel(channel.clone())
        .with_include_all_metadata(true);
    let history = session
        .conversations_history(&request)
        .await
        .expect("conversations.history");
    assert_eq!(history.messages.len(), 1);
    assert_eq!(history.messages[0].origin.ts, posted.ts);
    assert_eq!(history.messages[0].content.metadata, Some(metadata));
    assert_eq!(history.messages[0].sender.bot_id, Some(BOT_ID.into()));

    let without = SlackApiConversationsHistoryRequest::new().with_channel(channel);
    let history = session
        .conversations_history(&without)
        .await
        .expect("conversations.history");
    assert_eq!(history.messages[0].content.metadata, None);
    let recorded = fake.messages_to("U100");
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].user, "U100");
    assert_eq!(
        recorded[0].metadata.as_ref().unwrap()["event_payload"]["pairing_id"],
        "42"
    );
}

#[tokio::test]
async fn history_is_newest_first_and_honours_oldest_and_limit() {
    let (_fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;
    let mut stamps = Vec::new();
    for n in 0..3 {
        stamps.push(
            post(&client, channel.clone(), text(&format!("m{n}")))
                .await
                .expect("post")
                .ts,
        );
    }
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);

    let newer = SlackApiConversationsHistoryRequest::new()
        .with_channel(channel.clone())
        .with_oldest(stamps[0].clone());
    let texts: Vec<_> = session
        .conversations_history(&newer)
        .await
        .expect("history")
        .messages
        .into_iter()
        .map(|m| m.content.text.unwrap())
        .collect();
    assert_eq!(texts, vec!["m2", "m1"]);

    let first_page = SlackApiConversationsHistoryRequest::new()
        .with_channel(channel)
        .with_limit(2);
    let page = session
        .conversations_history(&first_page)
        .await
        .expect("history");
    assert_eq!(page.messages.len(), 2);
    assert_eq!(page.has_more, Some(true));
    assert!(page.response_metadata.and_then(|m| m.next_cursor).is_some());
}

#[tokio::test]
async fn a_dm_channel_is_stable_and_bots_or_deactivated_users_cannot_be_messaged() {
    let fake = FakeSlack::start().await;
    fake.add_user(FakeUser::new("U100"));
    fake.add_user(FakeUser::new("U200").deactivated());
    fake.add_user(FakeUser::new("B300").bot());
    let client = client(&fake);
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);

    let first = open_dm(&client, "U100").await;
    let full = SlackApiConversationsOpenRequest::new().with_users(vec!["U100".into()]);
    let again = session
        .conversations_open_full(&full)
        .await
        .expect("conversations.open");
    assert_eq!(again.channel.id, first);
    assert_eq!(fake.dm_channel_of("U100"), Some(first.to_string()));
    assert!(first.to_string().starts_with('D'));

    for (user, code) in [
        ("U200", "user_disabled"),
        ("B300", "cannot_dm_bot"),
        ("U404", "user_not_found"),
    ] {
        let request = SlackApiConversationsOpenRequest::new().with_users(vec![user.into()]);
        assert_eq!(
            api_error(session.conversations_open(&request).await).code,
            code,
            "{user}"
        );
    }
}

#[tokio::test]
async fn posting_to_an_unknown_channel_or_without_text_is_rejected() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;

    let unknown = post(&client, "C404".into(), text("hi")).await;
    assert_eq!(api_error(unknown).code, "channel_not_found");
    let empty = post(&client, channel, SlackMessageContent::new()).await;
    assert_eq!(api_error(empty).code, "no_text");
    assert!(fake.messages().is_empty());
}

#[tokio::test]
async fn posting_to_a_user_id_or_an_added_channel_is_accepted() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    fake.add_channel("C100");

    let to_user = post(&client, "U100".into(), text("dm"))
        .await
        .expect("post to a user id");
    post(&client, "C100".into(), text("announcement"))
        .await
        .expect("post to a channel");

    assert_eq!(
        Some(to_user.channel.to_string()),
        fake.dm_channel_of("U100")
    );
    assert_eq!(fake.messages_to("U100")[0].text.as_deref(), Some("dm"));
    assert_eq!(fake.messages_in("C100")[0].user, "");
    assert!(
        to_user.ts.to_string() < fake.messages_in("C100")[0].ts,
        "ts increases"
    );
}

#[tokio::test]
async fn text_over_40000_characters_is_msg_too_long() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;

    let too_long = post(&client, channel.clone(), text(&"あ".repeat(40_001))).await;
    assert_eq!(api_error(too_long).code, "msg_too_long");

    post(&client, channel, text(&"あ".repeat(40_000)))
        .await
        .expect("exactly 40,000 characters is fine");
    assert_eq!(fake.messages().len(), 1);
}

#[tokio::test]
async fn more_than_50_blocks_are_rejected() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;
    let blocks = |n: usize| vec![SlackBlock::Divider(SlackDividerBlock::new()); n];

    let rejected =
        api_error(post(&client, channel.clone(), text("x").with_blocks(blocks(51))).await);

    assert_eq!(rejected.code, "invalid_blocks");
    assert!(rejected.errors.unwrap()[0].contains("no more than 50"));
    post(&client, channel, text("x").with_blocks(blocks(50)))
        .await
        .expect("50 blocks are fine");
    assert_eq!(fake.messages().len(), 1);
}

#[tokio::test]
async fn a_duplicate_block_id_is_rejected() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;
    let divider = SlackBlock::Divider(SlackDividerBlock::new().with_block_id("same".into()));

    let rejected = api_error(
        post(
            &client,
            channel,
            text("x").with_blocks(vec![divider.clone(), divider]),
        )
        .await,
    );

    assert_eq!(rejected.code, "invalid_blocks");
    assert!(rejected.errors.unwrap()[0].contains("duplicate block_id `same`"));
    assert!(fake.messages().is_empty());
}

async fn update(
    client: &Client,
    channel: SlackChannelId,
    ts: SlackTs,
    content: SlackMessageContent,
) -> ClientResult<SlackApiChatUpdateResponse> {
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    session
        .chat_update(&SlackApiChatUpdateRequest::new(channel, content, ts))
        .await
}

fn section_block(text: &str) -> SlackBlock {
    SlackSectionBlock::new().with_text(md!(text)).into()
}

#[tokio::test]
async fn chat_update_changes_the_stored_message_and_counts_edits() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;
    let posted = post(
        &client,
        channel.clone(),
        text("v1").with_blocks(vec![section_block("first")]),
    )
    .await
    .expect("chat.postMessage");

    let updated = update(
        &client,
        channel.clone(),
        posted.ts.clone(),
        text("v2").with_blocks(vec![section_block("second")]),
    )
    .await
    .expect("chat.update");

    assert_eq!(updated.channel, channel);
    assert_eq!(updated.ts, posted.ts);
    assert_eq!(updated.message.content.text.as_deref(), Some("v2"));
    assert_eq!(updated.message.sender.bot_id, Some(BOT_ID.into()));
    let edited = updated.message.edited.expect("edited");
    assert_eq!(edited.user, BOT_USER_ID.into());
    let stored = &fake.messages()[0];
    assert_eq!(stored.text.as_deref(), Some("v2"));
    assert_eq!(stored.blocks[0]["text"]["text"], "second");
    assert_eq!(stored.edits, 1);
    assert_eq!(stored.edited_ts.as_deref(), Some(edited.ts.as_ref()));
    assert_eq!(fake.calls_to("chat.update")[0].response["text"], "v2");

    update(&client, channel.clone(), posted.ts.clone(), text("v3"))
        .await
        .expect("text only");
    let stored = &fake.messages()[0];
    assert_eq!(stored.text.as_deref(), Some("v3"));
    assert_eq!(
        stored.blocks[0]["text"]["text"], "second",
        "blocks left out are kept"
    );
    assert_eq!(stored.edits, 2);
    update(
        &client,
        channel.clone(),
        posted.ts.clone(),
        text("v4").with_blocks(Vec::new()),
    )
    .await
    .expect("empty blocks");
    assert_eq!(
        fake.messages()[0].blocks,
        Value::Null,
        "blocks: [] removes them"
    );

    let bot = token(BOT_TOKEN);
    let history = client
        .open_session(&bot)
        .conversations_history(&SlackApiConversationsHistoryRequest::new().with_channel(channel))
        .await
        .expect("conversations.history");
    assert_eq!(history.messages.len(), 1);
    assert_eq!(history.messages[0].content.text.as_deref(), Some("v4"));
}

#[tokio::test]
async fn chat_update_rejects_unknown_messages_and_bad_content() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;
    let posted = post(&client, channel.clone(), text("v1"))
        .await
        .expect("chat.postMessage");

    let unknown_ts = update(&client, channel.clone(), "1.000001".into(), text("x")).await;
    assert_eq!(api_error(unknown_ts).code, "message_not_found");
    let unknown_channel = update(&client, "C404".into(), posted.ts.clone(), text("x")).await;
    assert_eq!(api_error(unknown_channel).code, "channel_not_found");
    let user_as_channel = update(&client, "U100".into(), posted.ts.clone(), text("x")).await;
    assert_eq!(
        api_error(user_as_channel).code,
        "channel_not_found",
        "chat.update needs the DM id, not the user id"
    );
    let empty = update(
        &client,
        channel.clone(),
        posted.ts.clone(),
        SlackMessageContent::new(),
    )
    .await;
    assert_eq!(api_error(empty).code, "no_text");
    let too_long = update(
        &client,
        channel.clone(),
        posted.ts.clone(),
        text(&"x".repeat(40_001)),
    )
    .await;
    assert_eq!(api_error(too_long).code, "msg_too_long");
    let divider = SlackBlock::Divider(SlackDividerBlock::new());
    let too_many = update(
        &client,
        channel,
        posted.ts,
        text("x").with_blocks(vec![divider; 51]),
    )
    .await;
    assert_eq!(api_error(too_many).code, "invalid_blocks");

    let stored = &fake.messages()[0];
    assert_eq!(stored.text.as_deref(), Some("v1"));
    assert_eq!(stored.edits, 0);
}

async fn post_ephemeral(
    client: &Client,
    channel: SlackChannelId,
    user: &str,
    content: SlackMessageContent,
) -> ClientResult<SlackApiChatPostEphemeralResponse> {
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let request = SlackApiChatPostEphemeralRequest::new(channel, user.into(), content);
    session.chat_post_ephemeral(&request).await
}

#[tokio::test]
async fn chat_post_ephemeral_is_stored_apart_from_messages() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    fake.add_user(FakeUser::new("U200"));
    fake.add_channel("C100");
    let channel = open_dm(&client, "U100").await;

    post_ephemeral(
        &client,
        channel.clone(),
        "U100",
        text("only you").with_blocks(vec![section_block("*only you*")]),
    )
    .await
    .expect("chat.postEphemeral");
    post_ephemeral(&client, "C100".into(), "U200", text("in a channel"))
        .await
        .expect("chat.postEphemeral in a public channel");

    let ephemerals = fake.ephemerals();
    assert_eq!(ephemerals.len(), 2);
    assert_eq!(ephemerals[0].channel, channel.to_string());
    assert_eq!(ephemerals[0].user, "U100");
    assert_eq!(ephemerals[0].blocks[0]["text"]["text"], "*only you*");
    let call = &fake.calls_to("chat.postEphemeral")[0];
    assert_eq!(call.response["message_ts"], ephemerals[0].ts.as_str());
    assert!(
        fake.messages().is_empty(),
        "ephemeral messages are not posts"
    );

    let outsider = post_ephemeral(&client, channel.clone(), "U200", text("x")).await;
    assert_eq!(api_error(outsider).code, "user_not_in_channel");
    let unknown_user = post_ephemeral(&client, channel.clone(), "U404", text("x")).await;
    assert_eq!(api_error(unknown_user).code, "user_not_found");
    let unknown_channel = post_ephemeral(&client, "C404".into(), "U100", text("x")).await;
    assert_eq!(api_error(unknown_channel).code, "channel_not_found");
    let empty = post_ephemeral(&client, channel.clone(), "U100", SlackMessageContent::new()).await;
    assert_eq!(api_error(empty).code, "no_text");
    let header = SlackHeaderBlock::new("h".repeat(151).as_str().into()).into();
    let bad_blocks = post_ephemeral(
        &client,
        channel,
        "U100",
        text("x").with_blocks(vec![header]),
    )
    .await;
    assert_eq!(api_error(bad_blocks).code, "invalid_blocks");
    assert_eq!(fake.ephemerals().len(), 2);
}

// ----- Block Kit rules -----------------------------------------------------------------------

fn section(text: &str) -> Value {
    json!({"type": "section", "text": {"type": "mrkdwn", "text": text}})
}

fn button(label: &str, action_id: &str) -> Value {
    json!({"type": "button", "text": {"type": "plain_text", "text": label}, "action_id": action_id, "value": "v"})
}

#[test]
fn block_rules_accept_a_typical_message() {
    let blocks = json!([
        {"type": "header", "text": {"type": "plain_text", "text": "今週のメンタリング"}},
        section("*Hi*"),
        {"type": "section", "fields": [{"type": "mrkdwn", "text": "a"}, {"type": "plain_text", "text": "b"}]},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "note"}]},
        {"type": "divider"},
        {"type": "actions", "elements": [button("Yes", "yes"), button("No", "no")]},
        {"type": "input", "label": {"type": "plain_text", "text": "Goal"},
         "element": {"type": "static_select", "action_id": "goal",
                     "options": [{"text": {"type": "plain_text", "text": "A"}, "value": "a"}],
                     "initial_option": {"text": {"type": "plain_text", "text": "A"}, "value": "a"}}}
    ]);
    assert_eq!(validate_blocks(&blocks, 50), Ok(()));
}

#[test]
fn block_rules_reject_what_slack_rejects() {
    let many_options: Vec<Value> = (0..101)
        .map(|n| json!({"text": {"type": "plain_text", "text": "o"}, "value": n.to_string()}))
        .collect();
    let cases = [
        (json!([section(&"x".repeat(3001))]), "at most 3000"),
        (json!([section("")]), "more than 0"),
        (json!([{"type": "section"}]), "`text` or `fields`"),
        (
            json!([{"type": "section", "fields": vec![json!({"type": "mrkdwn", "text": "f"}); 11]}]),
            "no more than 10",
        ),
        (
            json!([{"type": "header", "text": {"type": "mrkdwn", "text": "h"}}]),
            "must be plain_text",
        ),
        (
            json!([{"type": "header", "text": {"type": "plain_text", "text": "h".repeat(151)}}]),
            "at most 150",
        ),
        (
            json!([{"type": "actions", "elements": [button(&"b".repeat(76), "a")]}]),
            "at most 75",
        ),
        (
            json!([{"type": "actions", "elements": [button("a", "same"), button("b", "same")]}]),
            "duplicate action_id",
        ),
        (
            json!([{"type": "actions", "elements": vec![button("b", "x"); 26]}]),
            "no more than 25",
        ),
        (
            json!([{"type": "context", "elements": vec![json!({"type": "mrkdwn", "text": "c"}); 11]}]),
            "no more than 10",
        ),
        (
            json!([{"type": "input", "element": {"type": "plain_text_input"}}]),
            "input label",
        ),
        (
            json!([{"type": "input", "label": {"type": "plain_text", "text": "l"}}]),
            "needs an `element`",
        ),
        (
            json!([{"type": "actions", "elements": [{"type": "static_select", "options": many_options}]}]),
            "no more than 100",
        ),
        (
            json!([{"type": "actions", "elements": [{"type": "plain_text_input"}]}]),
            "not allowed in an actions block",
        ),
        (json!([{"type": "carousel"}]), "unsupported block type"),
        (
            json!([{"type": "divider", "block_id": "b".repeat(256)}]),
            "block_id must be at most 255",
        ),
    ];
    for (blocks, expected) in cases {
        let error = validate_blocks(&blocks, 50).expect_err(&blocks.to_string());
        assert!(
            error.contains(expected),
            "{error} should mention {expected}"
        );
        assert!(error.contains("[json-pointer:/blocks"), "{error}");
    }
}

fn plain(text: &str) -> Value {
    json!({"type": "plain_text", "text": text})
}

fn opt(label: &str, value: &str) -> Value {
    json!({"text": plain(label), "value": value})
}

fn opts(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| opt(&format!("o{i}"), &format!("v{i}")))
        .collect()
}

fn input(element: Value) -> Value {
    json!({"type": "input", "label": plain("Label"), "element": element})
}

fn confirm_dialog(title: &str, deny: &str) -> Value {
    json!({"title": plain(title), "text": {"type": "mrkdwn", "text": "Sure?"},
           "confirm": plain("Yes"), "deny": plain(deny), "style": "danger"})
}

#[test]
fn block_rules_accept_every_element_the_bot_may_use_where_slack_accepts_it() {
    let blocks = json!([
        input(json!({"type": "file_input", "action_id": "csv", "filetypes": ["csv"], "max_files": 1})),
        {"type": "input", "label": plain("Mentors"), "hint": plain(&"h".repeat(2000)),
         "optional": true, "dispatch_action": false,
         "element": {"type": "multi_users_select", "action_id": "mentors", "max_selected_items": 5,
                     "initial_users": ["U100"], "focus_on_load": true}},
        input(json!({"type": "users_select", "action_id": "mentee", "initial_user": "U100"})),
        input(json!({"type": "radio_buttons", "action_id": "role",
                     "options": [opt("Mentor", "mentor"),
                                 {"text": {"type": "mrkdwn", "text": "*Mentee*"}, "value": "mentee",
                                  "description": plain("d")}],
                     "initial_option": opt("Mentor", "mentor")})),
        input(json!({"type": "checkboxes", "action_id": "themes", "options": opts(10),
                     "initial_options": [opt("o1", "v1")]})),
        input(json!({"type": "plain_text_input", "action_id": "note", "multiline": true,
                     "min_length": 1, "max_length": 3000, "initial_value": "x".repeat(3000),
                     "dispatch_action_config": {"trigger_actions_on": ["on_enter_pressed"]}})),
        input(json!({"type": "external_select", "action_id": "theme", "min_query_length": 0})),
        input(json!({"type": "static_select", "action_id": "grouped",
                     "option_groups": vec![json!({"label": plain("g"), "options": [opt("a", "a")]}); 100]})),
        {"type": "section", "text": {"type": "mrkdwn", "text": "Pick"},
         "accessory": {"type": "multi_users_select", "action_id": "acc_users"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "More"},
         "accessory": {"type": "overflow", "action_id": "more",
                       "options": [opt("a", "a"), {"text": plain("b"), "value": "b", "url": "https://example.com"}]}},
        {"type": "actions", "elements": [
            {"type": "multi_users_select", "action_id": "act_users", "max_selected_items": 1},
            {"type": "users_select", "action_id": "act_user"},
            {"type": "overflow", "action_id": "act_more", "options": opts(5)},
            {"type": "button", "action_id": "remove", "text": plain("Remove"), "value": "1",
             "confirm": confirm_dialog(&"t".repeat(100), &"n".repeat(30))},
            {"type": "static_select", "action_id": "act_pick", "options": opts(100),
             "confirm": confirm_dialog("Change?", "No")}
        ]}
    ]);
    assert_eq!(validate_blocks(&blocks, 100), Ok(()));
}

#[test]
fn block_rules_reject_bad_elements_the_way_slack_does() {
    let file_input = json!({"type": "file_input", "action_id": "csv"});
    let button_with = |confirm: Value| json!({"type": "button", "text": plain("b"), "action_id": "b", "confirm": confirm});
    let cases = [
        (
            json!([{"type": "actions", "elements": [{"type": "overflow", "options": opts(6)}]}]),
            "no more than 5 items allowed in `options`",
        ),
        (
            json!([{"type": "actions", "elements": [{"type": "overflow", "options": opts(1)}]}]),
            "`options` needs at least 2",
        ),
        (
            json!([{"type": "actions", "elements": [file_input.clone()]}]),
            "`file_input` is not allowed in an actions block",
        ),
        (
            json!([{"type": "section", "text": plain("s"), "accessory": file_input}]),
            "`file_input` is not allowed in a section accessory",
        ),
        (
            json!([input(json!({"type": "file_input", "max_files": 11}))]),
            "max_files must be at most 10",
        ),
        (
            json!([input(json!({"type": "file_input", "max_files": 0}))]),
            "max_files must be at least 1",
        ),
        (
            json!([input(json!({"type": "file_input", "filetypes": "csv"}))]),
            "filetypes must be an array",
        ),
        (
            json!([input(
                json!({"type": "multi_users_select", "max_selected_items": 0})
            )]),
            "max_selected_items must be at least 1",
        ),
        (
            json!([input(json!({"type": "checkboxes", "options": opts(11)}))]),
            "no more than 10 items",
        ),
        (
            json!([input(
                json!({"type": "radio_buttons", "options": [opt(&"r".repeat(76), "r")]})
            )]),
            "option text must be at most 75",
        ),
        (
            json!([input(
                json!({"type": "static_select", "options": [{"text": plain("a"), "value": "a", "url": "https://x"}]})
            )]),
            "only overflow menu options can have a url",
        ),
        (
            json!([input(
                json!({"type": "static_select", "options": [{"text": {"type": "mrkdwn", "text": "a"}, "value": "a"}]})
            )]),
            "option text must be plain_text",
        ),
        (
            json!([input(
                json!({"type": "static_select", "option_groups": vec![json!({"label": plain("g"), "options": [opt("a", "a")]}); 101]})
            )]),
            "no more than 100 items allowed in `option_groups`",
        ),
        (
            json!([input(
                json!({"type": "external_select", "min_query_length": -1})
            )]),
            "min_query_length must be a non-negative integer",
        ),
        (
            json!([{"type": "actions", "elements": [button_with(confirm_dialog(&"t".repeat(101), "No"))]}]),
            "confirm title must be at most 100",
        ),
        (
            json!([{"type": "actions", "elements": [button_with(confirm_dialog("T", &"n".repeat(31)))]}]),
            "deny button text must be at most 30",
        ),
        (
            json!([{"type": "actions", "elements": [button_with(json!({"title": plain("T"), "text": plain(&"x".repeat(301)), "confirm": plain("Y"), "deny": plain("N")}))]}]),
            "confirm text must be at most 300",
        ),
        (
            json!([{"type": "actions", "elements": [button_with(json!({"title": plain("T"), "text": plain("x"), "confirm": plain("Y")}))]}]),
            "deny button text must be a text object",
        ),
        (
            json!([input(
                json!({"type": "plain_text_input", "max_length": 3001})
            )]),
            "max_length must be at most 3000",
        ),
        (
            json!([input(
                json!({"type": "plain_text_input", "max_length": 5, "initial_value": "123456"})
            )]),
            "initial_value must be at most 5 characters",
        ),
        (
            json!([input(
                json!({"type": "plain_text_input", "min_length": 10, "max_length": 5})
            )]),
            "must not exceed max_length",
        ),
        (
            json!([input(
                json!({"type": "plain_text_input", "multiline": "yes"})
            )]),
            "multiline must be a boolean",
        ),
        (
            json!([{"type": "input", "label": plain("l"), "hint": plain(&"h".repeat(2001)), "element": {"type": "plain_text_input"}}]),
            "input hint must be at most 2000",
        ),
        (
            json!([{"type": "input", "label": plain("l"), "optional": "true", "element": {"type": "plain_text_input"}}]),
            "optional must be a boolean",
        ),
        (
            json!([{"type": "input", "label": plain("l"), "dispatch_action": 1, "element": {"type": "plain_text_input"}}]),
            "dispatch_action must be a boolean",
        ),
        (
            json!([
                input(json!({"type": "plain_text_input", "action_id": "a", "focus_on_load": true})),
                input(json!({"type": "users_select", "action_id": "b", "focus_on_load": true}))
            ]),
            "only one element can set focus_on_load",
        ),
    ];
    for (blocks, expected) in cases {
        let error = validate_blocks(&blocks, 50).expect_err(&blocks.to_string());
        assert!(
            error.contains(expected),
            "{error} should mention {expected}"
        );
        assert!(error.contains("[json-pointer:/blocks"), "{error}");
    }
}

// ----- views ---------------------------------------------------------------------------------

#[tokio::test]
async fn a_trigger_id_works_once_then_is_exchanged() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let trigger = fake.issue_trigger_id();

    let opened = session
        .views_open(&SlackApiViewsOpenRequest::new(
            trigger.clone().into(),
            modal("面談の記録"),
        ))
        .await
        .expect("views.open");
    let again = session
        .views_open(&SlackApiViewsOpenRequest::new(
            trigger.into(),
            modal("Again"),
        ))
        .await;

    assert_eq!(api_error(again).code, "exchanged_trigger_id");
    assert!(opened.view.state_params.id.to_string().starts_with('V'));
    assert_eq!(
        opened.view.state_params.state,
        Some(SlackViewState::new(HashMap::new()))
    );
    let recorded = fake.opened_views();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0]["title"]["text"], "面談の記録");
    let unknown = session
        .views_open(&SlackApiViewsOpenRequest::new("1.2.abc".into(), modal("x")))
        .await;
    assert_eq!(api_error(unknown).code, "invalid_trigger_id");
}

#[tokio::test]
async fn a_trigger_id_older_than_3_seconds_is_expired() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let trigger = fake.issue_trigger_id();
    tokio::time::sleep(Duration::from_millis(3100)).await;

    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let result = session
        .views_open(&SlackApiViewsOpenRequest::new(
            trigger.into(),
            modal("Late"),
        ))
        .await;

    assert_eq!(api_error(result).code, "expired_trigger_id");
    assert!(fake.opened_views().is_empty());
}

#[tokio::test]
async fn a_modal_breaking_view_rules_is_invalid_arguments() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);

    let long_title =
        SlackApiViewsOpenRequest::new(fake.issue_trigger_id().into(), modal(&"t".repeat(25)));
    let error = api_error(session.views_open(&long_title).await);
    assert_eq!(error.code, "invalid_arguments");
    assert!(error.errors.unwrap()[0].contains("/view/title"));

    let input: SlackBlock = SlackInputBlock::new(
        "Goal".into(),
        SlackBlockPlainTextInputElement::new()
            .with_action_id("goal".into())
            .into(),
    )
    .into();
    let no_submit = SlackView::Modal(SlackModalView::new("Goal".into(), vec![input]));
    let request = SlackApiViewsOpenRequest::new(fake.issue_trigger_id().into(), no_submit);
    let error = api_error(session.views_open(&request).await);
    assert!(error.errors.unwrap()[0].contains("submit"));
}

#[tokio::test]
async fn views_update_replaces_an_opened_view() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let opened = session
        .views_open(&SlackApiViewsOpenRequest::new(
            fake.issue_trigger_id().into(),
            modal("Loading"),
        ))
        .await
        .expect("views.open");
    let view_id = opened.view.state_params.id.clone();

    let update = SlackApiViewsUpdateRequest::new(modal("Loaded")).with_view_id(view_id.clone());
    let updated = session.views_update(&update).await.expect("views.update");

    assert_eq!(updated.view.state_params.id, view_id);
    assert_ne!(
        updated.view.state_params.hash,
        opened.view.state_params.hash
    );
    assert_eq!(
        fake.current_view(view_id.as_ref()).unwrap()["title"]["text"],
        "Loaded"
    );
    let unknown = SlackApiViewsUpdateRequest::new(modal("x")).with_view_id("V404".into());
    assert_eq!(
        api_error(session.views_update(&unknown).await).code,
        "not_found"
    );
}

#[tokio::test]
async fn a_published_home_view_is_stored_per_user() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let blocks = vec![SlackHeaderBlock::new("ホーム".into()).into()];
    let home = SlackView::Home(SlackHomeView::new(blocks).with_callback_id("home".into()));

    let published = session
        .views_publish(&SlackApiViewsPublishRequest::new(
            "U100".into(),
            home.clone(),
        ))
        .await
        .expect("views.publish");

    assert!(matches!(published.view.view, SlackView::Home(_)));
    let stored = fake.published_home("U100").expect("home view");
    assert_eq!(stored["blocks"][0]["text"]["text"], "ホーム");
    assert_eq!(stored["callback_id"], "home");
    assert_eq!(fake.published_home("U200"), None);
    let unknown_user = session
        .views_publish(&SlackApiViewsPublishRequest::new("U404".into(), home))
        .await;
    assert_eq!(api_error(unknown_user).code, "user_not_found");
    let modal_as_home = session
        .views_publish(&SlackApiViewsPublishRequest::new("U100".into(), modal("x")))
        .await;
    assert_eq!(api_error(modal_as_home).code, "invalid_arguments");
}

#[tokio::test]
async fn views_push_needs_a_fresh_trigger_and_a_valid_modal() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let opened = session
        .views_open(&SlackApiViewsOpenRequest::new(
            fake.issue_trigger_id().into(),
            modal("Import"),
        ))
        .await
        .expect("views.open");
    let trigger = fake.issue_trigger_id();

    let pushed = session
        .views_push(&SlackApiViewsPushRequest::new(
            trigger.clone().into(),
            modal("Confirm import"),
        ))
        .await
        .expect("views.push");

    let pushed_id = pushed.view.state_params.id.clone();
    assert_ne!(pushed_id, opened.view.state_params.id);
    assert!(pushed_id.to_string().starts_with('V'));
    let recorded = fake.pushed_views();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0]["title"]["text"], "Confirm import");
    assert_eq!(fake.opened_views().len(), 1, "a push is not an open");
    assert_eq!(
        fake.current_view(pushed_id.as_ref()).unwrap()["title"]["text"],
        "Confirm import"
    );
    let again = session
        .views_push(&SlackApiViewsPushRequest::new(trigger.into(), modal("x")))
        .await;
    assert_eq!(api_error(again).code, "exchanged_trigger_id");
    let unknown = session
        .views_push(&SlackApiViewsPushRequest::new("1.2.abc".into(), modal("x")))
        .await;
    assert_eq!(api_error(unknown).code, "invalid_trigger_id");
    let long_title = session
        .views_push(&SlackApiViewsPushRequest::new(
            fake.issue_trigger_id().into(),
            modal(&"t".repeat(25)),
        ))
        .await;
    assert_eq!(api_error(long_title).code, "invalid_arguments");
    assert_eq!(fake.pushed_views().len(), 1);
}

#[tokio::test]
async fn views_push_with_an_expired_trigger_is_refused() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let trigger = fake.issue_trigger_id();
    tokio::time::sleep(Duration::from_millis(3100)).await;

    let bot = token(BOT_TOKEN);
    let pushed = client
        .open_session(&bot)
        .views_push(&SlackApiViewsPushRequest::new(
            trigger.into(),
            modal("Late"),
        ))
        .await;

    assert_eq!(api_error(pushed).code, "expired_trigger_id");
    assert!(fake.pushed_views().is_empty());
}

#[tokio::test]
async fn views_update_checks_the_hash_and_the_new_view() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let opened = session
        .views_open(&SlackApiViewsOpenRequest::new(
            fake.issue_trigger_id().into(),
            modal("Loading"),
        ))
        .await
        .expect("views.open");
    let view_id = opened.view.state_params.id.clone();
    let first_hash = opened.view.state_params.hash.clone();

    let update = SlackApiViewsUpdateRequest::new(modal("Step 2"))
        .with_view_id(view_id.clone())
        .with_hash(first_hash.clone());
    let updated = session.views_update(&update).await.expect("views.update");
    let stale = SlackApiViewsUpdateRequest::new(modal("Step 3"))
        .with_view_id(view_id.clone())
        .with_hash(first_hash);
    assert_eq!(
        api_error(session.views_update(&stale).await).code,
        "hash_conflict"
    );
    let fresh = SlackApiViewsUpdateRequest::new(modal("Step 3"))
        .with_view_id(view_id.clone())
        .with_hash(updated.view.state_params.hash.clone());
    session.views_update(&fresh).await.expect("a fresh hash");

    let input: SlackBlock = SlackInputBlock::new(
        "CSV".into(),
        SlackBlockFileInputElement::new()
            .with_action_id("csv".into())
            .with_filetypes(vec!["csv".into()])
            .with_max_files(1)
            .into(),
    )
    .into();
    let no_submit = SlackView::Modal(SlackModalView::new("Import".into(), vec![input.clone()]));
    let rejected = SlackApiViewsUpdateRequest::new(no_submit).with_view_id(view_id.clone());
    let error = api_error(session.views_update(&rejected).await);
    assert_eq!(error.code, "invalid_arguments");
    assert!(error.errors.unwrap()[0].contains("submit"));
    let long_title =
        SlackApiViewsUpdateRequest::new(modal(&"t".repeat(25))).with_view_id(view_id.clone());
    assert_eq!(
        api_error(session.views_update(&long_title).await).code,
        "invalid_arguments"
    );
    let home = SlackView::Home(SlackHomeView::new(vec![section_block("home")]));
    let wrong_type = SlackApiViewsUpdateRequest::new(home).with_view_id(view_id.clone());
    assert_eq!(
        api_error(session.views_update(&wrong_type).await).code,
        "invalid_arguments"
    );
    assert_eq!(
        fake.current_view(view_id.as_ref()).unwrap()["title"]["text"],
        "Step 3"
    );

    let form = SlackView::Modal(
        SlackModalView::new("Import".into(), vec![input]).with_submit("Upload".into()),
    );
    let with_file_input = SlackApiViewsUpdateRequest::new(form).with_view_id(view_id.clone());
    session
        .views_update(&with_file_input)
        .await
        .expect("a file_input in an input block");
    let current = fake.current_view(view_id.as_ref()).unwrap();
    assert_eq!(current["blocks"][0]["element"]["type"], "file_input");
    assert_eq!(current["blocks"][0]["element"]["max_files"], 1);
}

// ----- files ---------------------------------------------------------------------------------

#[tokio::test]
async fn an_added_file_looks_like_a_file_input_upload_and_files_info_parses() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let csv = b"email,role\nann@example.com,mentor\n".to_vec();

    let file = fake.add_file("mentors.csv", csv.clone());

    let id = file["id"].as_str().unwrap().to_string();
    assert!(id.starts_with('F'));
    for (key, expected) in [
        ("name", json!("mentors.csv")),
        ("title", json!("mentors.csv")),
        ("mimetype", json!("text/csv")),
        ("filetype", json!("csv")),
        ("pretty_type", json!("CSV")),
        ("size", json!(csv.len())),
        ("user", json!(FILE_UPLOADER_ID)),
        ("is_public", json!(false)),
        ("mode", json!("hosted")),
    ] {
        assert_eq!(file[key], expected, "{key}");
    }
    assert!(file["created"].is_i64() && file["timestamp"].is_i64());
    let base = fake.api_url.trim_end_matches("/api");
    assert_eq!(
        file["url_private"],
        format!("{base}/files-pri/{TEAM_ID}-{id}/mentors.csv")
    );
    assert_eq!(
        file["url_private_download"],
        format!("{base}/files-pri/{TEAM_ID}-{id}/download/mentors.csv")
    );

    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let info = session
        .files_info(&SlackApiFilesInfoRequest::new(id.clone().into()))
        .await
        .expect("files.info");
    assert_eq!(info.file.id, id.clone().into());
    assert_eq!(info.file.name.as_deref(), Some("mentors.csv"));
    assert_eq!(info.file.mimetype, Some("text/csv".into()));
    assert_eq!(info.file.filetype, Some("csv".into()));
    assert_eq!(info.file.user, Some(FILE_UPLOADER_ID.into()));
    assert_eq!(info.file.flags.is_public, Some(false));
    assert_eq!(
        info.file.url_private.map(|u| u.to_string()),
        file["url_private"].as_str().map(str::to_string)
    );
    let unknown = session
        .files_info(&SlackApiFilesInfoRequest::new("F404".into()))
        .await;
    assert_eq!(api_error(unknown).code, "file_not_found");
    let with_app_token = client
        .open_session(&token(APP_TOKEN))
        .files_info(&SlackApiFilesInfoRequest::new(id.into()))
        .await;
    assert_eq!(api_error(with_app_token).code, "not_allowed_token_type");
}

#[tokio::test]
async fn a_file_download_needs_the_bot_token_or_gets_the_login_page() {
    let fake = FakeSlack::start().await;
    let csv = "名前,メール\n花子,hanako@example.com\n".as_bytes().to_vec();
    let file = fake.add_file_from("U100", "メンター一覧.csv", csv.clone());
    let url = file["url_private"].as_str().unwrap();
    let download_url = file["url_private_download"].as_str().unwrap();
    assert!(
        url.ends_with("/%E3%83%A1%E3%83%B3%E3%82%BF%E3%83%BC%E4%B8%80%E8%A6%A7.csv"),
        "{url}"
    );
    assert_eq!(file["user"], "U100");
    let http = reqwest::Client::new();

    let with_token = http.get(url).bearer_auth(BOT_TOKEN).send().await.unwrap();
    assert_eq!(with_token.status(), 200);
    assert_eq!(with_token.headers()["content-type"], "text/csv");
    assert_eq!(with_token.bytes().await.unwrap().to_vec(), csv);
    let download = http
        .get(download_url)
        .bearer_auth(BOT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    let disposition = download.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert_eq!(download.bytes().await.unwrap().to_vec(), csv);

    for request in [
        http.get(url),
        http.get(url).bearer_auth("xoxb-wrong"),
        http.get(download_url).bearer_auth(APP_TOKEN),
    ] {
        let page = request.send().await.unwrap();
        assert_eq!(
            page.status(),
            200,
            "Slack answers 200 with its sign-in page"
        );
        let content_type = page.headers()["content-type"].to_str().unwrap().to_string();
        assert!(content_type.starts_with("text/html"), "{content_type}");
        let body = page.text().await.unwrap();
        assert!(body.contains("<html"), "{body}");
        assert!(!body.contains("hanako"));
    }

    let missing = http
        .get(url.replace(file["id"].as_str().unwrap(), "F404"))
        .bearer_auth(BOT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    let calls = fake.calls_to(FILE_DOWNLOAD_METHOD);
    assert_eq!(calls.len(), 6);
    assert_eq!(calls[0].token.as_deref(), Some(BOT_TOKEN));
    assert_eq!(calls[0].params["file"], file["id"]);
    assert_eq!(calls[0].params["name"], "メンター一覧.csv");
    assert_eq!(calls[0].params["download"], false);
    assert_eq!(calls[1].params["download"], true);
    assert_eq!(calls[0].response["bytes"], csv.len());
    assert_eq!(calls[2].token, None);
    assert_eq!(calls[2].response["page"], "login");
    assert_eq!(calls[5].response_status, 404);
}

#[tokio::test]
async fn file_downloads_take_faults_like_api_methods() {
    let fake = FakeSlack::start().await;
    let file = fake.add_file("mentors.csv", b"a,b\n".to_vec());
    let url = file["url_private_download"].as_str().unwrap();
    fake.fail_next(FILE_DOWNLOAD_METHOD, 1, Fault::Http(503));
    let http = reqwest::Client::new();

    let failed = http.get(url).bearer_auth(BOT_TOKEN).send().await.unwrap();
    let served = http.get(url).bearer_auth(BOT_TOKEN).send().await.unwrap();

    assert_eq!(failed.status(), 503);
    assert_eq!(served.status(), 200);
    assert_eq!(served.bytes().await.unwrap().as_ref(), b"a,b\n");
}

// ----- the bot's uploads ---------------------------------------------------------------------

async fn upload_url(
    client: &Client,
    name: &str,
    length: usize,
) -> ClientResult<SlackApiFilesGetUploadUrlExternalResponse> {
    let bot = token(BOT_TOKEN);
    let request = SlackApiFilesGetUploadUrlExternalRequest::new(name.into(), length);
    client
        .open_session(&bot)
        .get_upload_url_external(&request)
        .await
}

async fn upload_bytes(
    client: &Client,
    url: &SlackFileUploadUrl,
    bytes: &[u8],
) -> ClientResult<SlackApiFilesUploadViaUrlResponse> {
    let bot = token(BOT_TOKEN);
    let request =
        SlackApiFilesUploadViaUrlRequest::new(url.clone(), bytes.to_vec(), "text/calendar".into());
    client
        .open_session(&bot)
        .files_upload_via_url(&request)
        .await
}

async fn complete(
    client: &Client,
    file_id: &SlackFileId,
    channel: &str,
    comment: &str,
) -> ClientResult<SlackApiFilesCompleteUploadExternalResponse> {
    let bot = token(BOT_TOKEN);
    let file = SlackApiFilesComplete::new(file_id.clone()).with_title("1on1 (11/24)".into());
    let request = SlackApiFilesCompleteUploadExternalRequest::new(vec![file])
        .with_channel_id(channel.into())
        .with_initial_comment(comment.into());
    client
        .open_session(&bot)
        .files_complete_upload_external(&request)
        .await
}

async fn list_files(
    client: &Client,
    request: SlackApiFilesListRequest,
) -> ClientResult<SlackApiFilesListResponse> {
    client
        .open_session(&token(BOT_TOKEN))
        .files_list(&request)
        .await
}

#[tokio::test]
async fn files_list_shows_files_shared_in_a_channel_filtered_by_time_and_paged() {
    let (_fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;
    let before = chrono::Utc::now().timestamp();
    let mut ids = Vec::new();
    for name in ["a.ics", "b.ics"] {
        let ticket = upload_url(&client, name, 3).await.unwrap();
        upload_bytes(&client, &ticket.upload_url, b"abc")
            .await
            .unwrap();
        complete(&client, &ticket.file_id, channel.as_ref(), "")
            .await
            .unwrap();
        ids.push(ticket.file_id);
    }
    let in_dm = || SlackApiFilesListRequest::new().with_channel(channel.clone());

    let all = list_files(&client, in_dm()).await.expect("files.list");
    let names: Vec<_> = all.files.iter().map(|f| f.name.clone().unwrap()).collect();
    assert_eq!(names, ["b.ics", "a.ics"], "newest first");
    assert_eq!(all.files[0].title.as_deref(), Some("1on1 (11/24)"));
    assert_eq!(all.paging.unwrap().total, Some(2));
    let later = list_files(&client, in_dm().with_ts_from(before + 3600))
        .await
        .unwrap();
    assert!(later.files.is_empty(), "ts_from filters on created");
    let second = list_files(&client, in_dm().with_count(1).with_page(2))
        .await
        .unwrap();
    assert_eq!(second.files[0].id, ids[0]);
    assert_eq!(second.paging.unwrap().pages, Some(2));
    let unknown = list_files(
        &client,
        SlackApiFilesListRequest::new().with_channel("D404".into()),
    )
    .await;
    assert_eq!(api_error(unknown).code, "channel_not_found");
}

/// The HTTP status of a failed non-API call (the upload URL); panics on anything else.
fn http_status<T: std::fmt::Debug>(result: ClientResult<T>) -> u16 {
    match result {
        Err(SlackClientError::HttpError(error)) => error.status_code.as_u16(),
        other => panic!("expected an HTTP error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_uploaded_file_is_shared_in_the_dm_with_its_comment() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;
    let ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".as_bytes();

    let ticket = upload_url(&client, "1on1-2026-11-24.ics", ics.len())
        .await
        .expect("files.getUploadURLExternal");
    let base = fake.api_url.trim_end_matches("/api");
    let url = ticket.upload_url.0.to_string();
    assert!(url.starts_with(&format!("{base}/upload/v1/")), "{url}");
    assert!(ticket.file_id.0.starts_with('F'));
    upload_bytes(&client, &ticket.upload_url, ics)
        .await
        .expect("the upload");
    assert!(
        fake.shared_files("U100").is_empty(),
        "shared only once completed"
    );
    let completed = complete(
        &client,
        &ticket.file_id,
        channel.as_ref(),
        "日程が決まりました",
    )
    .await
    .expect("files.completeUploadExternal");

    assert_eq!(completed.files.len(), 1);
    assert_eq!(completed.files[0].id, ticket.file_id);
    assert_eq!(completed.files[0].title.as_deref(), Some("1on1 (11/24)"));
    let shared = vec![(
        "1on1-2026-11-24.ics".to_string(),
        ics.to_vec(),
        Some("日程が決まりました".to_string()),
    )];
    assert_eq!(fake.shared_files("U100"), shared);
    assert_eq!(fake.shared_files(channel.as_ref()), shared);
    assert!(fake.shared_files("U200").is_empty());
    let file = fake.file(ticket.file_id.as_ref()).expect("a stored file");
    assert_eq!(file.user, BOT_USER_ID);
    assert_eq!(file.bytes, ics);
    let upload = &fake.calls_to(FILE_UPLOAD_METHOD)[0];
    assert_eq!(upload.params["file"], ticket.file_id.0.as_str());
    assert_eq!(upload.params["content_type"], "text/calendar");
    assert_eq!(upload.params["bytes"], ics.len());
    assert_eq!(upload.response["text"], format!("OK - {}", ics.len()));
}

#[tokio::test]
async fn an_upload_url_needs_a_filename_a_length_and_the_bot_token() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let http = reqwest::Client::new();
    let url = format!("{}/files.getUploadURLExternal", fake.api_url);

    let no_name = upload_url(&client, "", 3).await;
    assert_eq!(api_error(no_name).code, "invalid_arguments");
    for query in [
        &[("filename", "a.ics")][..],
        &[("filename", "a.ics"), ("length", "-1")],
    ] {
        let answer: Value = http
            .get(&url)
            .bearer_auth(BOT_TOKEN)
            .query(query)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(answer["error"], "invalid_arguments", "{query:?}");
    }
    let app_token = client
        .open_session(&token(APP_TOKEN))
        .get_upload_url_external(&SlackApiFilesGetUploadUrlExternalRequest::new(
            "a.ics".into(),
            3,
        ))
        .await;
    assert_eq!(api_error(app_token).code, "not_allowed_token_type");
}

#[tokio::test]
async fn an_upload_of_another_length_is_refused_and_cannot_be_completed() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;
    let ticket = upload_url(&client, "a.ics", 10).await.unwrap();

    let short = upload_bytes(&client, &ticket.upload_url, b"12345").await;
    let early = complete(&client, &ticket.file_id, channel.as_ref(), "hi").await;

    assert_eq!(http_status(short), 400);
    assert_eq!(api_error(early).code, "file_not_uploaded");
    assert!(fake.shared_files("U100").is_empty());
    upload_bytes(&client, &ticket.upload_url, b"1234567890")
        .await
        .expect("the announced length");
    complete(&client, &ticket.file_id, channel.as_ref(), "hi")
        .await
        .expect("complete after the upload");
    assert_eq!(fake.shared_files("U100").len(), 1);
}

#[tokio::test]
async fn completing_an_unknown_file_or_into_an_unknown_channel_is_refused() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;
    let ticket = upload_url(&client, "a.ics", 3).await.unwrap();
    upload_bytes(&client, &ticket.upload_url, b"abc")
        .await
        .unwrap();

    let unknown_file = complete(&client, &"F404".into(), channel.as_ref(), "hi").await;
    let unknown_channel = complete(&client, &ticket.file_id, "D404", "hi").await;
    let by_user_id = complete(&client, &ticket.file_id, "U100", "hi").await;

    assert_eq!(api_error(unknown_file).code, "file_not_found");
    assert_eq!(api_error(unknown_channel).code, "channel_not_found");
    assert_eq!(api_error(by_user_id).code, "channel_not_found");
    assert!(fake.shared_files("U100").is_empty());
    complete(&client, &ticket.file_id, channel.as_ref(), "hi")
        .await
        .expect("a refused completion changes nothing");
    let again = complete(&client, &ticket.file_id, channel.as_ref(), "hi").await;
    assert_eq!(api_error(again).code, "file_not_found");
    let late = upload_bytes(&client, &ticket.upload_url, b"abc").await;
    assert_eq!(
        http_status(late),
        404,
        "the upload URL is gone once completed"
    );
    assert_eq!(fake.shared_files("U100").len(), 1);
}

#[tokio::test]
async fn uploads_take_faults_like_api_methods() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let ticket = upload_url(&client, "a.ics", 3).await.unwrap();
    fake.fail_next(FILE_UPLOAD_METHOD, 1, Fault::Http(503));

    let failed = upload_bytes(&client, &ticket.upload_url, b"abc").await;
    let served = upload_bytes(&client, &ticket.upload_url, b"abc").await;

    assert_eq!(http_status(failed), 503);
    served.expect("the fault applied once");
    let statuses: Vec<u16> = fake
        .calls_to(FILE_UPLOAD_METHOD)
        .iter()
        .map(|c| c.response_status)
        .collect();
    assert_eq!(statuses, [503, 200]);
}

// ----- faults --------------------------------------------------------------------------------

#[tokio::test]
async fn a_rate_limit_fault_surfaces_as_rate_limit_error_with_retry_after() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;
    fake.fail_next(
        "chat.postMessage",
        1,
        Fault::RateLimited {
            retry_after_secs: 7,
        },
    );

    let limited = post(&client, channel.clone(), text("hi")).await;

    match limited {
        Err(SlackClientError::RateLimitError(error)) => {
            assert_eq!(error.retry_after, Some(Duration::from_secs(7)))
        }
        other => panic!("expected a rate limit error, got {other:?}"),
    }
    assert!(
        fake.messages().is_empty(),
        "a faulted call has no side effect"
    );
    post(&client, channel, text("hi"))
        .await
        .expect("the fault applied once");
    let calls = fake.calls_to("chat.postMessage");
    assert_eq!(
        calls.iter().map(|c| c.response_status).collect::<Vec<_>>(),
        vec![429, 200]
    );
}

#[tokio::test]
async fn slack_error_and_http_faults_last_until_cleared() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let bot = token(BOT_TOKEN);
    let session = client.open_session(&bot);
    let request = SlackApiUsersInfoRequest::new("U100".into());

    fake.fail_always("users.info", Fault::SlackError("fatal_error"));
    assert_eq!(
        api_error(session.users_info(&request).await).code,
        "fatal_error"
    );
    assert_eq!(
        api_error(session.users_info(&request).await).code,
        "fatal_error"
    );

    fake.fail_always("users.info", Fault::Http(503));
    let unavailable = session.users_info(&request).await;
    assert!(
        matches!(unavailable, Err(SlackClientError::HttpError(ref e)) if e.status_code.as_u16() == 503),
        "{unavailable:?}"
    );

    fake.clear_faults();
    session.users_info(&request).await.expect("faults cleared");
}

#[tokio::test]
async fn a_delayed_response_is_recorded_and_applied_before_the_answer() {
    let (fake, client) = started_with_user(FakeUser::new("U100")).await;
    let channel = open_dm(&client, "U100").await;
    fake.delay_response("chat.postMessage", Duration::from_secs(30));

    let pending = tokio::spawn(async move { post(&client, channel, text("hi")).await });
    let calls = fake.wait_for_calls("chat.postMessage", 1, WAIT).await;

    assert_eq!(calls[0].response["ok"], true);
    assert_eq!(
        fake.messages().len(),
        1,
        "Slack accepted the message before answering"
    );
    assert!(!pending.is_finished());
    pending.abort();
}

#[tokio::test]
#[should_panic(expected = "expected 1 call(s) to views.open")]
async fn waiting_for_calls_that_never_come_panics_with_the_calls_seen() {
    let fake = FakeSlack::start().await;
    fake.wait_for_calls("views.open", 1, Duration::from_millis(50))
        .await;
}

// ----- Socket Mode ---------------------------------------------------------------------------

async fn socket_url(client: &Client) -> String {
    let app = token(APP_TOKEN);
    let session = client.open_session(&app);
    let opened = session
        .apps_connections_open(&SlackApiAppsConnectionOpenRequest::new())
        .await
        .expect("apps.connections.open");
    opened.url.value().to_string()
}

async fn next_json<S>(socket: &mut S) -> Value
where
    S: futures::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    loop {
        let frame = tokio::time::timeout(WAIT, socket.next())
            .await
            .expect("a frame in time");
        if let Some(Ok(Message::Text(text))) = frame {
            return serde_json::from_str(text.as_str()).expect("a JSON frame");
        }
        assert!(frame.is_some(), "socket closed");
    }
}

#[tokio::test]
async fn a_socket_mode_envelope_is_acked_by_the_client() {
    let fake = FakeSlack::start().await;
    let client = client(&fake);
    let url = socket_url(&client).await;
    let (mut socket, _) = tokio_tungstenite::connect_async(url.as_str())
        .await
        .expect("connect");

    let hello = next_json(&mut socket).await;
    assert_eq!(hello["type"], "hello");
    assert_eq!(hello["connection_info"]["app_id"], "A0001");
    fake.wait_socket_connected(WAIT).await;
    let responder = tokio::spawn(async move {
        let envelope = next_json(&mut socket).await;
        let ack = json!({"envelope_id": envelope["envelope_id"], "payload": {"text": "pong"}});
        socket
            .send(Message::text(ack.to_string()))
            .await
            .expect("send ack");
        socket
    });

    let envelope = json!({"type": "slash_commands", "envelope_id": "env-1", "accepts_response_payload": true, "payload": {}});
    let ack = fake.socket_send(envelope, WAIT).await;

    assert_eq!(
        ack,
        json!({"envelope_id": "env-1", "payload": {"text": "pong"}})
    );
    let mut socket = responder.await.unwrap();
    socket.close(None).await.unwrap();
    let deadline = tokio::time::Instant::now() + WAIT;
    while fake.socket_connections() > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        fake.socket_connections(),
        0,
        "closed connections are dropped"
    );
}

#[tokio::test]
async fn a_socket_ticket_is_single_use() {
    let fake = FakeSlack::start().await;
    let url = socket_url(&client(&fake)).await;

    let (_first, _) = tokio_tungstenite::connect_async(url.as_str())
        .await
        .expect("first connect");
    let second = tokio_tungstenite::connect_async(url.as_str()).await;

    assert!(second.is_err(), "a used ticket is refused");
}

#[tokio::test]
async fn socket_disconnect_all_tells_clients_and_drops_them() {
    let fake = FakeSlack::start().await;
    let url = socket_url(&client(&fake)).await;
    let (mut socket, _) = tokio_tungstenite::connect_async(url.as_str())
        .await
        .expect("connect");
    assert_eq!(next_json(&mut socket).await["type"], "hello");

    fake.socket_disconnect_all();

    assert_eq!(next_json(&mut socket).await["type"], "disconnect");
    assert_eq!(fake.socket_connections(), 0);
}

#[tokio::test]
async fn an_ack_on_a_link_slack_has_disconnected_is_ignored_but_counts_on_another_link() {
    let fake = FakeSlack::start().await;
    let client = client(&fake);
    let (mut older, _) = tokio_tungstenite::connect_async(socket_url(&client).await.as_str())
        .await
        .expect("connect");
    assert_eq!(next_json(&mut older).await["type"], "hello");
    let (mut newer, _) = tokio_tungstenite::connect_async(socket_url(&client).await.as_str())
        .await
        .expect("connect");
    assert_eq!(next_json(&mut newer).await["type"], "hello");
    fake.wait_socket_connected(WAIT).await;
    let sender = fake.clone();
    let envelope = json!({"type": "slash_commands", "envelope_id": "env-moved", "payload": {}});
    let acked = tokio::spawn(async move { sender.socket_send(envelope, WAIT).await });
    assert_eq!(next_json(&mut newer).await["envelope_id"], "env-moved");

    fake.socket_disconnect_newest("refresh_requested");
    assert_eq!(next_json(&mut newer).await["reason"], "refresh_requested");
    let late = json!({"envelope_id": "env-moved", "payload": {"text": "on the closed link"}});
    let _ = newer.send(Message::text(late.to_string())).await;
    let live = json!({"envelope_id": "env-moved", "payload": {"text": "on the live link"}});
    older
        .send(Message::text(live.to_string()))
        .await
        .expect("send ack");

    assert_eq!(acked.await.unwrap(), live);
    assert_eq!(fake.socket_connections(), 1);
}

static PUSH_EVENTS: AtomicUsize = AtomicUsize::new(0);

async fn count_push_event(
    _event: SlackPushEventCallback,
    _client: Arc<Client>,
    _state: SlackClientEventsUserState,
) -> UserCallbackResult<()> {
    PUSH_EVENTS.fetch_add(1, Ordering::SeqCst);
    Ok(())
}

#[tokio::test]
async fn slack_morphism_socket_mode_connects_and_acks_events() {
    let fake = FakeSlack::start().await;
    let client = Arc::new(client(&fake));
    let environment = Arc::new(SlackClientEventsListenerEnvironment::new(client));
    let callbacks = SlackSocketModeListenerCallbacks::new().with_push_events(count_push_event);
    let config = SlackClientSocketModeConfig::new().with_initial_backoff_in_seconds(1);
    let listener = SlackClientSocketModeListener::new(&config, environment, callbacks);
    listener
        .listen_for(&token(APP_TOKEN))
        .await
        .expect("listen");
    listener.start().await;

    fake.wait_socket_connected(WAIT).await;
    let event = json!({
        "type": "events_api",
        "envelope_id": "env-42",
        "accepts_response_payload": false,
        "payload": {
            "team_id": TEAM_ID, "api_app_id": "A0001", "event_id": "Ev1", "event_time": 1700000000,
            "type": "event_callback",
            "event": {"type": "app_home_opened", "user": "U100", "channel": "D1", "tab": "home"}
        }
    });
    let ack = fake.socket_send(event, WAIT).await;

    assert_eq!(ack["envelope_id"], "env-42");
    assert_eq!(PUSH_EVENTS.load(Ordering::SeqCst), 1);
    listener.shutdown().await;
}
