//! The after-1on1 screens at their largest keep within Slack's limits, in both languages: the
//! after DMs and the auto-share summary (a long shared memo), the rating form, the auto-share
//! modal with more rules than it lists, and the request form after an earlier 1on1.

use chrono::{TimeZone, Utc};
use mentor_bot::app::errors::{Message, MessageArg};
use mentor_bot::app::ports::Outgoing;
use mentor_bot::app::screens::AutoShareScreen;
use mentor_bot::domain::booking::Topic;
use mentor_bot::domain::{BookingInfo, Category, Theme, UserId};
use mentor_bot::slack::blocks::after as views;
use mentor_bot::slack::blocks::booking::outgoing_message;
use mentor_bot::storage::auto_share::{ShareRule, ShareScope};
use serde_json::Value;

use crate::render_limits::readers;
use crate::support::fake_slack::validate_blocks;

fn user(i: usize) -> UserId {
    UserId::parse(&format!("U{i:08}")).unwrap()
}

fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

#[test]
fn after_dms_and_summaries_fit_slacks_limits_with_a_long_shared_memo() {
    let start = Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap();
    let booking = BookingInfo {
        id: 7,
        mentor: user(1),
        mentee: user(2),
        theme: "<&>".repeat(70),
        start,
        end: start + chrono::Duration::hours(1),
        topic: Topic::Other {
            text: "話".repeat(100),
        },
        response: "think_together".into(),
        note: String::new(),
    };
    let memo: Vec<(UserId, String)> = (0..60).map(|i| (user(i), "メモ".repeat(1000))).collect();
    for reader in readers() {
        for message in [
            Outgoing::AfterPrompt {
                booking: booking.clone(),
                for_mentor: false,
                reminder: true,
            },
            Outgoing::AfterPrompt {
                booking: booking.clone(),
                for_mentor: true,
                reminder: false,
            },
            Outgoing::Summary {
                booking: booking.clone(),
                memo: memo.clone(),
            },
        ] {
            let v = json(&outgoing_message(&message, &reader));
            validate_blocks(&v["blocks"], 50).unwrap_or_else(|e| panic!("{e}: {message:?}"));
            assert!(!v["text"].as_str().unwrap().is_empty());
        }
    }
}

#[test]
fn the_rating_form_and_the_auto_share_modal_fit_slacks_limits_at_their_largest() {
    let themes: Vec<Theme> = (0..150)
        .map(|i| Theme {
            id: i,
            name: "テ<&>".repeat(25),
            category: Category::Work,
            description: String::new(),
            archived: false,
        })
        .collect();
    let rules: Vec<ShareRule> = (0..120)
        .map(|i| ShareRule {
            id: i as i64,
            scope: match i % 2 {
                0 => ShareScope::Theme(i as i64),
                _ => ShareScope::Mentee(user(i)),
            },
            recipient: user(i + 1000),
        })
        .collect();
    let flash = Message::new("share-added").with("user", MessageArg::User(user(3)));
    let screen = AutoShareScreen::decide(&themes, rules, Some(flash));
    assert!(screen.more > 0, "more rules than the modal lists");
    for reader in readers() {
        let lang = reader.lang;
        for view in [
            views::rating_form(lang, 7),
            views::auto_share(lang, &screen, &Default::default()),
            views::auto_share(
                lang,
                &AutoShareScreen::decide(&[], vec![], None),
                &Default::default(),
            ),
        ] {
            let v = json(&view);
            validate_blocks(&v["blocks"], 100)
                .unwrap_or_else(|e| panic!("{e}: {}", v["callback_id"]));
            assert!(v["title"]["text"].as_str().unwrap().chars().count() <= 24);
        }
    }
}
