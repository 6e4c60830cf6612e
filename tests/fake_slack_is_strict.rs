//! Tests of the fake Slack itself, driven through the real slack-morphism client so that every
//! response shape the fake produces is proven to parse.

mod support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use slack_morphism::errors::{SlackClientApiError, SlackClientError};
use slack_morphism::prelude::*;
use support::fake_slack::{
    validate_blocks, FakeSlack, FakeUser, Fault, APP_TOKEN, BOT_ID, BOT_TOKEN, TEAM_ID,
};
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
