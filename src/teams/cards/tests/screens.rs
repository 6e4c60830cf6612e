//! The dialogs and screens: request, hours, Home, results, help; Slack mrkdwn read as Teams Markdown.

use super::*;

#[test]
fn the_request_dialog_lists_every_free_slot_in_the_readers_zone_with_errors_under_their_field() {
    let free = slots(12);
    let screen = request_screen(&ja(), &free);
    let errors = [(inputs::SLOT, Message::new("request-busy"))];
    let card = request_dialog(&screen, &free, &ja(), &errors);
    let body = card["body"].as_array().unwrap();
    let ids: Vec<&str> = body.iter().filter_map(|e| e["id"].as_str()).collect();
    assert_eq!(
        ids,
        ["slot", "topic", "other", "response", "note", "every", "count"]
    );
    let slot_at = body.iter().position(|e| e["id"] == "slot").unwrap();
    let slot = &body[slot_at];
    let choices = slot["choices"].as_array().unwrap();
    assert_eq!(choices.len(), 12);
    assert_eq!(choices[0]["title"], "2026年12月7日(月) 10:00–10:30");
    assert_eq!(choices[0]["value"], "2026-12-07T01:00:00Z");
    assert_eq!(choices[4]["title"], "2026年12月8日(火) 10:00–10:30");
    // The error right under the slot, in the attention colour.
    let error = &body[slot_at + 1];
    assert_eq!(error["color"], "attention");
    assert!(error["text"].as_str().unwrap().contains("1on1"), "{error}");
    // What was entered is kept.
    let topic = body.iter().find(|e| e["id"] == "topic").unwrap();
    assert_eq!(topic["value"], "custom:3");
    assert!(topic["choices"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["title"] == "保活"));
    let submit = &card["actions"][0];
    assert_eq!(submit["type"], "Action.Submit");
    assert_eq!(
        parse_form(&submit["data"]),
        Some(Ok(Form::Booking(BookingForm::Request {
            mentor: mentor(),
            theme: 7,
            version: 0,
        })))
    );
    // In English and New York, the same slot is the evening before.
    let en_card = request_dialog(&request_screen(&en(), &free), &free, &en(), &[]);
    let text = all_text(&en_card);
    assert!(text.contains("Sun, Dec 6, 2026 20:00–20:30"), "{text}");
    // Hundreds of slots are cut to the soonest, and the dialog says so.
    let many = slots(400);
    let card = request_dialog(&request_screen(&ja(), &many), &many, &ja(), &[]);
    let slot = card["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "slot")
        .unwrap()
        .clone();
    assert_eq!(
        slot["choices"].as_array().unwrap().len(),
        request::SLOTS_SHOWN
    );
    assert!(all_text(&card).contains("近い日時から表示"));
}

#[test]
fn the_hours_dialog_shows_the_hours_as_hours_input_reads_them() {
    let screen = HoursScreen {
        hours: hours(),
        tz: chrono_tz::Asia::Tokyo,
    };
    let errors = [("d0", Message::new("hours-error-empty"))];
    let card = hours_dialog(&screen, &ja(), &errors);
    let body = card["body"].as_array().unwrap();
    let input = |id: &str| body.iter().find(|e| e["id"] == id).unwrap().clone();
    assert_eq!(input("d0")["value"], "10:00-12:00, 14:00-15:30");
    assert_eq!(input("d0")["label"], "月曜日");
    assert_eq!(input("d3")["value"], "19:00-20:00");
    assert!(input("d1").get("value").is_none());
    assert_eq!(input("slot_minutes")["value"], "30");
    assert_eq!(input("horizon_days")["value"], "28");
    assert_eq!(input("notice_hours")["value"], "24");
    assert_eq!(input("cap")["value"], "week:4");
    assert_eq!(input("away_until")["type"], "Input.Date");
    assert_eq!(input("away_until")["value"], "2026-12-24");
    assert_eq!(input("auto_accept")["type"], "Input.Toggle");
    assert_eq!(input("auto_accept")["value"], "true");
    let d0 = body.iter().position(|e| e["id"] == "d0").unwrap();
    assert_eq!(body[d0 + 1]["color"], "attention");
    assert!(all_text(&card).contains("Asia/Tokyo"));
    assert_eq!(
        parse_form(&card["actions"][0]["data"]),
        Some(Ok(Form::Mentor(crate::app::actions::MentorForm::Hours)))
    );
    let en_card = hours_dialog(&screen, &en(), &[]);
    assert!(all_text(&en_card).contains("Monday"));
}

#[test]
fn the_home_lists_requests_to_answer_and_refreshes_itself() {
    let card = home_with(&home_screen(&ja()), &ja(), &names());
    let text = all_text(&card);
    assert!(text.contains("佐藤 健"), "greeting: {text}");
    assert!(text.contains("**Hanako \\*Yamada\\***"), "{text}");
    assert!(text.contains("引き継ぎ資料を共有する"));
    assert!(text.contains("Asia/Tokyo"));
    let actions: Vec<Action> = buttons(&card)
        .iter()
        .filter(|b| b["type"] != "Action.Submit" || b["data"].get("msteams").is_some())
        .filter_map(|b| parse_action(&b["data"]).and_then(Result::ok))
        .collect();
    for expected in [
        Action::Booking(BookingAction::Accept { one_on_one: 42 }),
        Action::Booking(BookingAction::Cancel { one_on_one: 41 }),
        Action::Booking(BookingAction::Find),
        Action::Memo(MemoAction::TodoDone { todo: 5 }),
        Action::Mentor(crate::app::actions::MentorAction::Hours),
    ] {
        assert!(actions.contains(&expected), "{expected:?} in {actions:?}");
    }
    assert_eq!(card["refresh"]["action"]["type"], "Action.Execute");
    assert_eq!(
        parse_action(&card["refresh"]["action"]["data"]),
        Some(Ok(Action::Home(crate::app::actions::HomeAction::Refresh)))
    );
    let en_text = all_text(&home(&home_screen(&en()), &en()));
    assert!(
        en_text.contains("Hello Hanako \\*Yamada\\* 👋"),
        "{en_text}"
    );
}

#[test]
fn results_show_each_mentor_by_name_with_a_request_dialog_per_theme_and_paging() {
    let card = find_results_with(&results_screen(), &en(), &names());
    let text = all_text(&card);
    assert!(text.contains("**佐藤 健**"), "{text}");
    assert!(text.contains("保育園探しと時短勤務"), "{text}");
    assert!(text.contains("Page 2"), "{text}");
    let found = buttons(&card);
    let request = found
        .iter()
        .find(|b| b["title"] == "Request a 1on1 — 育休からの復職")
        .expect("a request button");
    assert_eq!(request["data"]["msteams"]["type"], "task/fetch");
    assert_eq!(
        parse_action(&request["data"]),
        Some(Ok(Action::Booking(BookingAction::Request {
            mentor: mentor(),
            theme: 7,
        })))
    );
    let titles: Vec<&str> = found.iter().filter_map(|b| b["title"].as_str()).collect();
    assert!(
        titles.contains(&"◀ Previous") && titles.contains(&"Next ▶"),
        "{titles:?}"
    );
    // Searching again submits the form with the search it shows.
    let search = found.iter().find(|b| b["title"] == "Search").unwrap();
    assert_eq!(
        parse_form(&search["data"]),
        Some(Ok(Form::Booking(BookingForm::Results(FindCtx {
            words: "育休".into(),
            theme: Some(7),
            page: 1,
        }))))
    );
    let form = find_form(&FindScreen::decide(&[theme()], "育休"), &ja());
    let body = form["body"].as_array().unwrap();
    let theme_input = body.iter().find(|e| e["id"] == "theme").unwrap();
    assert_eq!(
        theme_input["choices"][0]["title"],
        "制度の利用 · 育休からの復職"
    );
    assert_eq!(theme_input["choices"][0]["value"], "7");
    assert_eq!(
        body.iter().find(|e| e["id"] == "words").unwrap()["value"],
        "育休"
    );
}

#[test]
fn the_help_lists_the_commands_people_type_in_teams() {
    let screen = HelpScreen {
        reader: ja(),
        roles: Roles::default(),
    };
    let text = all_text(&help(&screen, &ja()));
    assert!(text.contains("- **find [キーワード]** — "), "{text}");
    assert!(!text.contains("/mentor"), "{text}");
    assert!(
        !text.contains("**admin**"),
        "a mentee is not offered admin: {text}"
    );
    assert!(text.contains("Teams の設定"), "{text}");
}

#[test]
fn slack_mrkdwn_reads_as_teams_markdown_and_typed_text_stays_text() {
    assert_eq!(kit::md("*Your 1on1s*"), "**Your 1on1s**");
    assert_eq!(kit::md("Hello Ann :wave:"), "Hello Ann 👋");
    assert_eq!(
        kit::md("the *Home* tab: <https://x.example/a|open it here>"),
        "the **Home** tab: [open it here](https://x.example/a)"
    );
    assert_eq!(kit::md("`/mentor nudges off`"), "**nudges off**");
    // Bold already written the Teams way, and escaped characters, are kept.
    assert_eq!(
        kit::md("with **Ann** and \\*x\\*"),
        "with **Ann** and \\*x\\*"
    );
    assert_eq!(kit::md("*{**Ann**}*"), "**{**Ann**}**");
    assert_eq!(kit::escape("*hi* [x](y) <b>"), "\\*hi\\* \\[x\\](y) \\<b>");
    // A link typed the Slack way stays text.
    assert_eq!(
        kit::md(&kit::escape("<https://evil.example|click>")),
        "\\<https://evil.example|click>"
    );
    assert_eq!(kit::md(&kit::escape("a_b*c")), "a\\_b\\*c");
    // A line break stays one (Teams joins lines of a paragraph); a list stays a list.
    assert_eq!(
        kit::text("a\nb\n\n- x\n- y".into())["text"],
        "a\n\nb\n\n- x\n- y"
    );
}

#[test]
fn the_use_cases_field_errors_land_under_the_dialogs_inputs() {
    use crate::app::forms::HoursField;
    use crate::domain::after::RatingField;
    use crate::domain::booking::{RequestField, RequestFieldError};
    let request = request_errors(&[
        (RequestField::Slot, RequestFieldError::Unknown),
        (
            RequestField::TopicOther,
            RequestFieldError::TooLong { max: 80 },
        ),
        (RequestField::Note, RequestFieldError::Empty),
    ]);
    let ids: Vec<&str> = request.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, ["slot", "other", "note"]);
    let free = slots(4);
    let card = request_dialog(&request_screen(&en(), &free), &free, &en(), &request);
    let body = card["body"].as_array().unwrap();
    for id in ["slot", "other", "note"] {
        let at = body.iter().position(|e| e["id"] == id).unwrap();
        assert_eq!(body[at + 1]["color"], "attention", "{id}: {card:#}");
    }
    let hours = hours_errors(&[(HoursField::Day(6), Message::new("hours-error-empty"))]);
    assert_eq!(hours[0].0, "d6");
    let rating = rating_errors(&[RatingField::Clarity, RatingField::Got, RatingField::Comment]);
    let ids: Vec<&str> = rating.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, ["score", "got", "comment"]);
    let card = rate_dialog(&ja(), 41, &rating);
    let text = all_text(&card);
    assert!(text.contains("1〜5から選んでください"), "{text}");
    assert_eq!(
        parse_form(&card["actions"][0]["data"]),
        Some(Ok(Form::Booking(BookingForm::Rate { one_on_one: 41 })))
    );
}

#[test]
fn a_1on1_moves_to_another_free_slot_and_the_mentee_reads_what_was_sent() {
    let free = slots(8);
    let card = reschedule_dialog(&reschedule_screen(&en(), &free), &free, &en(), &[]);
    let slot = card["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "slot")
        .unwrap()
        .clone();
    assert_eq!(slot["label"], "New time");
    assert_eq!(slot["choices"][0]["title"], "Sun, Dec 6, 2026 20:00–20:30");
    assert_eq!(slot["choices"][0]["value"], "2026-12-07T01:00:00Z");
    assert_eq!(
        parse_form(&card["actions"][0]["data"]),
        Some(Ok(Form::Booking(BookingForm::Reschedule {
            one_on_one: 41,
            version: 0,
        })))
    );
    let sent = all_text(&request_sent(
        &ja(),
        &one_on_one(crate::domain::booking::BookingStatus::Requested),
        &booking(),
        &names(),
    ));
    assert!(sent.contains("**佐藤 健**"), "{sent}");
    assert!(sent.contains("2026年12月7日(月) 10:00"), "{sent}");
    let series = all_text(&series_sent_card(&en(), &series(), &names()));
    assert!(series.contains("**佐藤 健**"), "{series}");
    assert!(series.contains("- Mon, Dec 21, 2026 20:00"), "{series}");
    assert!(series.contains("left out"), "{series}");
    assert_eq!(
        series.matches("\n- ").count(),
        4,
        "three 1on1s and one left out: {series}"
    );
}

#[test]
fn a_mentor_previews_their_card_as_mentees_see_it() {
    let view = results_screen().results.cards[0].card.clone();
    let card = preview(
        &crate::app::screens::PreviewScreen { card: Some(view) },
        &ja(),
        &names(),
    );
    let text = all_text(&card);
    assert!(text.contains("**佐藤 健**"), "{text}");
    assert!(text.contains("保育園探しと時短勤務"), "{text}");
    assert!(text.contains("2026年12月7日(月) 10:00"), "{text}");
    let none = all_text(&preview(
        &crate::app::screens::PreviewScreen { card: None },
        &en(),
        &names(),
    ));
    assert!(
        none.contains(&crate::i18n::t(crate::domain::Lang::En, "preview-none")),
        "{none}"
    );
}

#[test]
fn an_unknown_word_is_answered_with_the_nearest_command_people_type_in_teams() {
    let text = all_text(&unknown_command(
        &en(),
        "fnd *x*",
        Some(crate::domain::SubCommand::Find),
    ));
    assert!(text.contains("I don't know **fnd \\*x\\***."), "{text}");
    assert!(text.contains("Did you mean **find**?"), "{text}");
    assert!(text.contains("Type **help** to see"), "{text}");
    let ja_text = all_text(&unknown_command(&ja(), "ヘルプー", None));
    assert!(
        ja_text.contains("**ヘルプー** は分かりませんでした。"),
        "{ja_text}"
    );
    assert!(!ja_text.contains("のことですか"), "{ja_text}");
}
