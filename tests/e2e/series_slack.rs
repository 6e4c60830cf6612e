//! Recurring 1on1s through Slack (issue 10): the series fields of the request form (a count
//! above the maximum refused with a field error), one request DM for the series, and only the
//! mentor deciding it (forged presses by the mentee and by someone else change nothing).

use crate::support;

use serde_json::Value;
use support::bot::*;

/// The series fields of a request form, with the first offered time.
fn series_values(form: &Value, every: &str, count: &str) -> Value {
    let slot = form["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| {
            b["block_id"]
                .as_str()
                .is_some_and(|id| id.starts_with("booking.slot"))
        })
        .expect("a time select")["element"]["options"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();
    values(vec![
        choice_value("booking.slot", &slot),
        choice_value("booking.topic", "career"),
        choice_value("booking.response", "think_together"),
        choice_value("series.every", every),
        text_value("series.count", count),
    ])
}

/// Who saw which one-message modal (`booking.done`) after pressing a button.
fn done_texts(bot: &TestBot) -> Vec<String> {
    bot.fake
        .opened_views()
        .iter()
        .filter(|v| v["callback_id"] == "booking.done")
        .map(text_of)
        .collect()
}

#[tokio::test]
async fn a_mentee_asks_for_a_series_in_the_request_form_and_only_the_mentor_accepts_it() {
    let bot = TestBot::start().await;
    let theme = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    bot.press_in_message(
        "UJA",
        &format!("booking.request.UEN.{theme}"),
        &format!("UEN:{theme}"),
    )
    .await;
    let form = bot
        .view_by_callback("booking.request.send")
        .expect("the request form");
    let text = text_of(&form);
    assert!(
        text.contains("繰り返し") && text.contains("2〜12"),
        "{text}"
    );

    // More than twelve is refused with a field error above the count; nothing is saved.
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &form,
            series_values(&form, "2", "13"),
        ))
        .await;
    assert_eq!(reply["response_action"], "errors", "{reply}");
    assert!(reply["errors"]["series.count"]
        .as_str()
        .unwrap()
        .contains("12"));
    assert_eq!(bot.count("SELECT COUNT(*) FROM one_on_ones"), 0);

    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UJA",
            &form,
            series_values(&form, "1", "３"),
        ))
        .await;
    assert_eq!(reply["response_action"], "update", "{reply}");
    assert!(
        text_of(&reply["view"]).contains("3 回分の依頼を送りました"),
        "{}",
        text_of(&reply["view"])
    );
    assert_eq!(
        bot.count(
            "SELECT COUNT(*) FROM one_on_ones WHERE series_id IS NOT NULL AND status = 'requested'"
        ),
        3
    );
    let series: i64 = bot
        .db()
        .query_row("SELECT id FROM series", [], |r| r.get(0))
        .unwrap();

    let dm = bot.dm_containing("UEN", "asks for a series").await;
    let accept = format!("series.accept.{series}");
    assert!(
        serde_json::to_string(&dm.blocks).unwrap().contains(&accept),
        "the DM offers one Accept for the series"
    );

    // Forged presses: the mentee, and someone else, cannot accept or decline the series.
    bot.press_in_message("UJA", &accept, &series.to_string())
        .await;
    bot.press_in_message(
        "UADMIN",
        &format!("series.decline.{series}"),
        &series.to_string(),
    )
    .await;
    eventually("two refusals shown", || done_texts(&bot).len() >= 2).await;
    let refusals = done_texts(&bot);
    assert!(
        refusals.iter().any(|t| t.contains("メンターだけ")),
        "{refusals:?}"
    );
    assert!(
        refusals
            .iter()
            .any(|t| t.contains("Only the people in this 1on1")),
        "{refusals:?}"
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'requested'"),
        3,
        "nothing changed"
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM series WHERE status = 'requested'"),
        1
    );

    // One occurrence's own Accept (as the mentor's Home lists it) is refused while the series
    // waits: the series is decided as a whole.
    let first: i64 = bot
        .db()
        .query_row(
            "SELECT MIN(id) FROM one_on_ones WHERE series_id = ?1",
            [series],
            |r| r.get(0),
        )
        .unwrap();
    bot.press_in_message(
        "UEN",
        &format!("booking.accept.{first}"),
        &first.to_string(),
    )
    .await;
    eventually("the occurrence's Accept refused", || {
        done_texts(&bot)
            .iter()
            .any(|t| t.contains("part of a series"))
    })
    .await;
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'requested'"),
        3,
        "nothing changed"
    );

    // The mentor accepts once: all three are confirmed, the mentee is told once.
    bot.press_in_message("UEN", &accept, &series.to_string())
        .await;
    eventually("the series accepted", || {
        bot.count("SELECT COUNT(*) FROM one_on_ones WHERE status = 'confirmed'") == 3
    })
    .await;
    bot.dm_containing("UJA", "繰り返し（3 回）を承認しました")
        .await;
    // Pressing again says it was already decided.
    bot.press_in_message("UEN", &accept, &series.to_string())
        .await;
    eventually("already decided", || {
        done_texts(&bot).iter().any(|t| t.contains("already"))
    })
    .await;
}
