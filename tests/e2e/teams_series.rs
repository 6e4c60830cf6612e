//! Teams: a series asked for in the request dialog ("every … weeks, … times"), its errors in
//! the dialog, and the mentor's Accept on the series card deciding every occurrence (a forged
//! press by the mentee is refused).

use mentor_bot::domain::Lang;
use mentor_bot::i18n::t as tr;
use serde_json::Value;

use crate::support::teams::{
    button_data, card_text, choices, kana, liam, submit_data, teams_uid, with_inputs, TeamsBot,
};
use crate::teams_after::card_with_button;

#[tokio::test]
async fn a_series_is_asked_for_in_the_request_dialog_and_accepted_at_once_on_the_card() {
    let t = TeamsBot::start().await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    t.bot
        .started_mentor_with_hours(
            teams_uid(&kana).as_str(),
            "育休からの復帰",
            "programs",
            None,
        )
        .await;
    assert_eq!(t.say(&liam, "find 育休").await, 200);
    let results = card_with_button(&t, &liam, "booking.request").await;
    let dialog = t
        .fetch_dialog(&liam, button_data(&results, "booking.request"))
        .await;
    let slot = choices(&dialog, "slot")[0].1.clone();
    let topic = choices(&dialog, "topic")[0].1.clone();
    let response = choices(&dialog, "response")[0].1.clone();
    let every = choices(&dialog, "every")
        .into_iter()
        .map(|(_, v)| v)
        .find(|v| v != "once")
        .expect("a repetition is offered");
    let send = submit_data(&dialog);
    let entered = |count: &'static str| -> Value {
        with_inputs(
            &send,
            &[
                ("slot", &slot),
                ("topic", &topic),
                ("response", &response),
                ("every", &every),
                ("count", count),
            ],
        )
    };

    // Too many: the dialog again with the error under the count, nothing asked.
    let body = t.submit_dialog(&liam, entered("99")).await;
    assert_eq!(body["task"]["type"], "continue", "{body}");
    let again = body["task"]["value"]["card"]["content"].clone();
    t.teams.check_card(&again).unwrap();
    let range = tr(Lang::En, "series-count-range");
    let range = range.split('{').next().unwrap().trim();
    assert!(card_text(&again).contains(range), "{again}");
    assert_eq!(t.bot.count("SELECT COUNT(*) FROM one_on_ones"), 0);

    let body = t.submit_dialog(&liam, entered("3")).await;
    assert_eq!(body["task"]["type"], "continue", "{body}");
    let sent = body["task"]["value"]["card"]["content"].clone();
    t.teams.check_card(&sent).unwrap();
    assert!(card_text(&sent).contains("小林 加奈"), "{sent}");
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'requested'"),
        3
    );

    // Kana's series card: Liam forging Accept is refused; Kana's Accept confirms all three.
    let card = card_with_button(&t, &kana, "series.accept").await;
    let accept = button_data(&card, "series.accept");
    let forged = t.execute(&liam, accept.clone()).await;
    assert!(
        !card_text(&forged).contains(&tr(Lang::En, "series-accepted-reply")),
        "{forged}"
    );
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'confirmed'"),
        0
    );
    let accepted = t.execute(&kana, accept).await;
    assert!(
        card_text(&accepted).contains(&tr(Lang::Ja, "series-accepted-reply")),
        "{accepted}"
    );
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'confirmed'"),
        3
    );
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}
