//! The DMs: people named in bold, times in each reader's zone, the buttons, the meeting link, files.

use super::*;

#[test]
fn a_request_to_the_mentor_names_the_mentee_in_bold_in_their_zone_with_accept_and_decline() {
    let message = Outgoing::Notice(Notice::RequestReceived { booking: booking() });
    let extras = DmExtras {
        names: names(),
        ..DmExtras::default()
    };
    let card = outgoing(&message, &ja(), &extras);
    let text = all_text(&card);
    // The mentee's name, in bold, with their typed `*` escaped; the time in Tokyo.
    assert!(text.contains(r"**Hanako \*Yamada\***"), "{text}");
    assert!(text.contains("2026年12月7日(月) 10:00"), "{text}");
    assert!(text.contains("育休からの復職"), "{text}");
    // The note as typed, its Markdown escaped.
    assert!(text.contains(r"\*相談\*"), "{text}");
    assert!(
        text.contains("したいです\n\n\\[link\\](https://x.example)"),
        "{text}"
    );
    let buttons = &card["actions"];
    assert_eq!(buttons[0]["title"], "承諾する");
    assert_eq!(
        parse_action(&buttons[0]["data"]),
        Some(Ok(Action::Booking(BookingAction::Accept {
            one_on_one: 41
        })))
    );
    // Decline opens the decline dialog (its confirmation).
    assert_eq!(buttons[1]["data"]["msteams"]["type"], "task/fetch");
    assert_eq!(
        parse_action(&buttons[1]["data"]),
        Some(Ok(Action::Booking(BookingAction::Decline {
            one_on_one: 41
        })))
    );
}

#[test]
fn a_confirmed_1on1_reads_in_each_readers_language_and_zone_and_offers_the_meeting() {
    let message = Outgoing::Notice(Notice::Confirmed {
        booking: booking(),
        auto: false,
    });
    let link = "https://teams.microsoft.com/l/meeting/new?subject=1on1".to_string();
    let extras = DmExtras {
        meeting_link: Some(link.clone()),
        names: names(),
        file_link: None,
    };
    let en_card = outgoing(&message, &en(), &extras);
    let text = all_text(&en_card);
    assert!(
        text.contains("Your 1on1 with **佐藤 健** is confirmed."),
        "{text}"
    );
    assert!(text.contains("Sun, Dec 6, 2026 20:00"), "{text}");
    let titles: Vec<&str> = en_card["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Reschedule"), "{titles:?}");
    assert!(
        titles.contains(&"Cancel the 1on1 (both of you are told)"),
        "{titles:?}"
    );
    let meeting = en_card["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "Action.OpenUrl")
        .expect("the meeting button");
    assert_eq!(meeting["title"], "Create the Teams meeting");
    assert_eq!(meeting["url"], link);
    let ja_text = all_text(&outgoing(&message, &ja(), &extras));
    assert!(ja_text.contains("**Hanako \\*Yamada\\***"), "{ja_text}");
    assert!(ja_text.contains("2026年12月7日(月) 10:00"), "{ja_text}");
    // Without names, nobody is shown as a Slack id.
    let unnamed = all_text(&outgoing(&message, &en(), &DmExtras::default()));
    assert!(unnamed.contains("**a colleague**"), "{unnamed}");
    assert!(!unnamed.contains(mentor().as_str()), "{unnamed}");
}

#[test]
fn the_mentors_brief_shows_the_latest_shared_memo_and_tips() {
    let brief = Brief {
        sessions: 2,
        memo: (0..400)
            .map(|i| {
                (
                    mentee().to_string(),
                    format!("メモ{i}：復職面談の準備について"),
                )
            })
            .collect(),
        tips: vec![(None, "最初に期待値を確認する".into())],
    };
    let card = outgoing(
        &Outgoing::Reminder {
            booking: booking(),
            brief: Some(brief),
        },
        &ja(),
        &DmExtras {
            names: names(),
            ..DmExtras::default()
        },
    );
    assert_valid("brief", &card);
    let text = all_text(&card);
    assert!(text.contains("メモ399"), "the newest entry is kept");
    assert!(!text.contains("メモ0："), "the oldest is left out");
    assert!(text.contains("…"));
    assert!(text.contains("最初に期待値を確認する"));
}

#[test]
fn a_file_names_itself_and_links_to_it_when_the_caller_can() {
    let file = outgoing_messages().pop().unwrap();
    let text = all_text(&outgoing(&file, &en(), &DmExtras::default()));
    assert!(
        text.contains("survey-3.csv") && text.contains("Slack"),
        "{text}"
    );
    let linked = outgoing(
        &file,
        &en(),
        &DmExtras {
            file_link: Some("https://bot.example.com/files/1".into()),
            ..DmExtras::default()
        },
    );
    assert_valid("file", &linked);
    assert_eq!(
        linked["actions"][0]["url"],
        "https://bot.example.com/files/1"
    );
}

#[test]
fn the_meeting_link_opens_a_new_meeting_with_both_attendees_at_the_booked_time() {
    let link = meeting_link(
        "1on1: 育休 & 復職",
        start(),
        start() + Duration::minutes(30),
        &["ken.sato@example.com".into(), "hanako+y@example.com".into()],
        "Topic: career",
    );
    assert_eq!(
        link,
        "https://teams.microsoft.com/l/meeting/new?subject=1on1%3A%20%E8%82%B2%E4%BC%91%20%26%20%E5%BE%A9%E8%81%B7\
         &startTime=2026-12-07T01%3A00%3A00Z&endTime=2026-12-07T01%3A30%3A00Z\
         &attendees=ken.sato%40example.com,hanako%2By%40example.com&content=Topic%3A%20career"
    );
}
