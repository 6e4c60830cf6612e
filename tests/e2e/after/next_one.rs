//! "Book the next 1on1": the request form for the same mentor and theme, prefilled.

use chrono::Utc;

use super::*;

#[tokio::test]
async fn book_the_next_1on1_opens_the_request_form_prefilled_from_the_last_one() {
    let bot = TestBot::start().await;
    let theme = emma_mentors(&bot).await;
    let id = confirmed(&bot, theme, 0, "skills", "opinion").await;
    let_it_happen(&bot, id);
    run_due_at(&bot, Utc::now()).await;
    let asked = &wait_dms(&bot, "UJA", "after:", 1).await[0];
    let (next_id, next_value) = buttons(asked)[1].clone();
    assert_eq!(next_id, format!("booking.next.{id}"));

    bot.press_in_message("UJA", &next_id, &next_value).await;
    let form = bot
        .view_by_callback("booking.request.send")
        .expect("the request form");
    let meta: Value = serde_json::from_str(form["private_metadata"].as_str().unwrap()).unwrap();
    assert_eq!(
        (meta["mentor"].as_str(), meta["theme"].as_i64()),
        (Some("UEN"), Some(theme))
    );
    let block = |id: &str| {
        form["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["block_id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
            .clone()
    };
    let topic = block("booking.topic");
    assert_eq!(
        topic["element"]["options"][0]["value"], "skills",
        "the last topic is offered first"
    );
    assert_eq!(topic["element"]["initial_option"]["value"], "career");
    assert_eq!(
        block("booking.response")["element"]["initial_option"]["value"],
        "think_together"
    );
    let suggested = text_of(&block("request.suggested"));
    assert!(
        suggested.contains("今後のキャリア") && suggested.contains("一緒に考えてほしい"),
        "{suggested}"
    );
    // The prefilled form sends like any request.
    let slot = crate::booking_slack::first_slot(&form);
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &form,
            values(vec![
                choice_value("booking.slot", &slot),
                choice_value("booking.topic", "career"),
                choice_value("booking.response", "think_together"),
            ]),
        ))
        .await;
    assert!(
        text_of(&reply["view"]).contains("依頼を送りました"),
        "{reply}"
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM one_on_ones WHERE topic = 'career' AND expected_response = 'think_together'"
        ),
        1
    );
}
