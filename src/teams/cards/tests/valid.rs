//! Every card validates against the Adaptive Card 1.5 schema, and every button parses back.

use super::*;

#[test]
fn every_card_is_a_valid_adaptive_card_1_5_in_both_languages() {
    for reader in [ja(), en()] {
        for (name, card) in every_card(&reader) {
            assert_valid(&format!("{name} ({})", reader.lang.code()), &card);
            let text = all_text(&card);
            // Nothing written for Slack leaks into Teams.
            for slack in ["<@", ":wave:", "/mentor ", "&lt;", "&gt;"] {
                assert!(!text.contains(slack), "{name}: {slack} in {text}");
            }
        }
    }
    // The wrappers Teams receives.
    let card = notice(&Message::new("error-generic"), &en());
    assert_eq!(
        message(card.clone()),
        json!({"type": "message", "attachments": [{"contentType": CONTENT_TYPE, "content": card}]})
    );
    assert_eq!(
        dialog("Request", card.clone())["task"]["value"]["card"]["contentType"],
        "application/vnd.microsoft.card.adaptive"
    );
}

#[test]
fn every_button_carries_an_action_or_form_that_parses_back() {
    for reader in [ja(), en()] {
        for (name, card) in every_card(&reader) {
            for button in buttons(&card) {
                match button["type"].as_str().unwrap() {
                    "Action.OpenUrl" => {
                        assert!(button["url"].as_str().unwrap().starts_with("https://"))
                    }
                    "Action.Execute" => {
                        assert_eq!(button["verb"], "mb", "{name}");
                        assert_eq!(button["fallback"]["type"], "Action.Submit", "{name}");
                        assert_eq!(button["fallback"]["data"], button["data"], "{name}");
                        assert_parses(&name, &button["data"]);
                    }
                    "Action.Submit" => assert_parses(&name, &button["data"]),
                    other => panic!("{name}: unexpected {other}"),
                }
            }
        }
    }
}

fn assert_parses(name: &str, data: &Value) {
    let action = parse_action(data).map(|r| r.map(|_| ()));
    let form = parse_form(data).map(|r| r.map(|_| ()));
    assert!(
        matches!((action, form), (Some(Ok(())), None) | (None, Some(Ok(())))),
        "{name}: {data}"
    );
}

#[test]
fn every_typed_action_and_form_round_trips_through_card_data() {
    for action in examples::actions() {
        let button = kit::button(&action, "x");
        let data = &button["data"];
        assert_eq!(
            parse_action(data),
            Some(Ok(action.clone())),
            "{action:?}: {data}"
        );
        assert_eq!(parse_form(data), None);
        if opens_dialog(&action) {
            assert_eq!(button["type"], "Action.Submit");
            assert_eq!(data["msteams"]["type"], "task/fetch");
        } else {
            assert_eq!(button["type"], "Action.Execute");
        }
    }
    for form in examples::forms() {
        let data = kit::form_data(&form);
        assert_eq!(
            parse_form(&data),
            Some(Ok(form.clone())),
            "{form:?}: {data}"
        );
        assert_eq!(parse_action(&data), None);
    }
    // Teams merges the dialog's inputs into the same object.
    let mut submitted = kit::form_data(&Form::Booking(BookingForm::Decline { one_on_one: 41 }));
    submitted["message"] = json!("今月は難しいです");
    assert_eq!(
        parse_form(&submitted),
        Some(Ok(Form::Booking(BookingForm::Decline { one_on_one: 41 })))
    );
}

#[test]
fn data_without_an_action_is_none_and_a_forged_one_is_an_error() {
    assert_eq!(
        parse_action(&json!({"msteams": {"type": "task/fetch"}})),
        None
    );
    assert_eq!(parse_form(&json!({"slot": "2026-12-07T01:00:00Z"})), None);
    assert!(matches!(
        parse_action(&json!({"mb_action": "booking.nope", "mb_value": "1"})),
        Some(Err(_))
    ));
    assert!(matches!(
        parse_action(&json!({"mb_action": 5})),
        Some(Err(_))
    ));
    assert!(matches!(
        parse_form(&json!({"mb_form": "no.such.form"})),
        Some(Err(_))
    ));
}
