//! The gateway's file upload (Slack's upload flow) against the strict fake Slack.

use crate::support;

use chrono::{Duration, TimeZone, Utc};
use mentor_bot::app::ports::Messenger;
use mentor_bot::config::{Secret, SlackConfig};
use mentor_bot::domain::calendar::{self, Attendee, Invite, Method};
use mentor_bot::domain::{ChannelId, Failure, UserId};
use mentor_bot::slack::outbound::gateway::SlackGateway;
use support::fake_slack::{FakeSlack, FakeUser, Fault, BOT_TOKEN, FILE_UPLOAD_METHOD};

fn gateway(fake: &FakeSlack) -> SlackGateway {
    let config = SlackConfig {
        bot_token: Secret::new(BOT_TOKEN),
        signing_secret: Some(Secret::new("test-signing-secret")),
        app_token: None,
        api_url: fake.api_url.clone(),
        max_pending: mentor_bot::config::DEFAULT_MAX_PENDING,
    };
    SlackGateway::new(&config).expect("a gateway")
}

fn invite() -> Invite {
    let mentor = Attendee {
        name: "Emma".to_string(),
        email: Some("emma@example.com".to_string()),
        slack_id: "UEN".to_string(),
    };
    let mentee = Attendee {
        name: "佐藤".to_string(),
        email: None,
        slack_id: "UJA".to_string(),
    };
    let start = Utc.with_ymd_and_hms(2026, 11, 24, 1, 30, 0).unwrap();
    Invite {
        uid: "one-on-one-42@mentor-bot".to_string(),
        sequence: 0,
        start,
        end: start + Duration::minutes(30),
        summary: "1on1: 育休からの復帰 (Emma × 佐藤)".to_string(),
        description: "テーマ: 育休からの復帰".to_string(),
        organizer: mentor.clone(),
        attendees: vec![mentor, mentee],
        stamp: Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap(),
        tz: chrono_tz::Asia::Tokyo,
    }
}

#[tokio::test]
async fn a_calendar_invite_is_shared_in_the_users_dm_with_its_comment() {
    let fake = FakeSlack::start().await;
    fake.add_user(FakeUser::new("UJA").with_tz("Asia/Tokyo"));
    let gateway = gateway(&fake);
    let channel = gateway
        .open_dm(&UserId::parse("UJA").unwrap())
        .await
        .expect("conversations.open");
    let invite = invite();
    let name = calendar::file_name(&invite);
    let ics = calendar::invite_ics(&invite, Method::Request).into_bytes();

    gateway
        .upload_file(
            &channel,
            &name,
            &invite.summary,
            ics.clone(),
            "カレンダーに追加してください",
        )
        .await
        .expect("the upload");

    assert_eq!(
        fake.shared_files("UJA"),
        [(
            "1on1-2026-11-24.ics".to_string(),
            ics,
            Some("カレンダーに追加してください".to_string())
        )]
    );
    let upload = &fake.calls_to(FILE_UPLOAD_METHOD)[0];
    assert_eq!(upload.params["content_type"], "text/calendar");
    let complete = &fake.calls_to("files.completeUploadExternal")[0];
    assert_eq!(complete.params["files"][0]["title"], invite.summary);
}

#[tokio::test]
async fn a_failed_upload_is_classified_for_the_retry_policy() {
    let fake = FakeSlack::start().await;
    let gateway = gateway(&fake);
    let nowhere = ChannelId::parse("D404").unwrap();
    fake.add_user(FakeUser::new("UJA"));
    let dm = gateway
        .open_dm(&UserId::parse("UJA").unwrap())
        .await
        .unwrap();

    let unknown_channel = gateway
        .upload_file(&nowhere, "a.ics", "a", b"abc".to_vec(), "")
        .await
        .unwrap_err();
    fake.fail_next(FILE_UPLOAD_METHOD, 1, Fault::Http(503));
    let upload_down = gateway
        .upload_file(&dm, "a.ics", "a", b"abc".to_vec(), "")
        .await
        .unwrap_err();

    assert_eq!(unknown_channel.failure, Failure::Permanent);
    assert_eq!(upload_down.failure, Failure::Transient);
    assert!(fake.shared_files("UJA").is_empty());
    let complete = fake.calls_to("files.completeUploadExternal");
    assert_eq!(complete.len(), 1, "no completion after a failed upload");
    assert!(complete[0].params.get("initial_comment").is_none());
}
