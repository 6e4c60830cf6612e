//! A mentor's insight (figures only from 3 ratings) and refusals for people not entitled.

use super::*;

#[tokio::test]
async fn a_mentor_sees_their_figures_for_a_combination_only_from_three_ratings() {
    let bot = TestBot::start().await;
    let theme = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    // Two ratings for career × listen (Emma's), three by another mentor in the same cell;
    // three for goals × advice.
    rated(&bot, "UEN", theme, "career", "listen", &[5, 5], 2);
    rated(&bot, "UOTHER", theme, "career", "listen", &[2, 3, 4], 1);
    rated(&bot, "UEN", theme, "goals", "advice", &[3, 4, 4], 1);

    command(&bot, "UEN", "insight").await;
    let view = shown(&bot, "insight.view");
    let text = text_of(&view);
    let career = text
        .split("Future career × Just listen")
        .nth(1)
        .expect("the career × listen cell");
    assert!(
        career.starts_with(
            "*\nYou: not enough ratings yet\nProgram: スッキリ度 3.8 · got the response 60% (n=5)"
        ),
        "two ratings of hers are not shown, the program's five are: {text}"
    );
    assert!(
        text.contains("You: スッキリ度 3.7 · got the response 33% (n=3)"),
        "{text}"
    );
    assert!(
        !text.contains("Strongest"),
        "one shown cell has no strongest and weakest"
    );

    // A third rating: her figures for the cell appear, and so do the extremes.
    rated(&bot, "UEN", theme, "career", "listen", &[5], 1);
    command(&bot, "UEN", "insight").await;
    let text = text_of(&shown(&bot, "insight.view"));
    assert!(
        text.contains("You: スッキリ度 5.0 · got the response 100% (n=3)"),
        "{text}"
    );
    assert!(
        text.contains("Strongest: Future career × Just listen"),
        "{text}"
    );
    assert!(
        text.contains("Weakest: Progress on goals × I want concrete advice"),
        "{text}"
    );
    assert!(!text.contains("UMENTEE"), "no mentee is named");
}

#[tokio::test]
async fn people_not_entitled_are_refused_and_change_nothing() {
    let bot = TestBot::start().await;
    let theme = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    // A mentee asks for an insight and for the program's analytics.
    let reply = command(&bot, "UJA", "insight").await;
    assert!(
        reply.contains("インサイトとヒントはメンターのみ"),
        "{reply}"
    );
    let reply = command(&bot, "UJA", "stats").await;
    assert!(reply.contains("事務局とアドバイザーのみ"), "{reply}");
    assert!(bot.view_by_callback("insight.view").is_none());

    // A forged "Program stats" button from the mentee: a refusal, no figures.
    bot.press_in_message("UJA", "insight.stats.", "all").await;
    let text = text_of(&shown(&bot, "insight.view"));
    assert!(text.contains("事務局とアドバイザーのみ"), "{text}");

    // A mentor hides a tip with a forged button: refused, the tip stays.
    let tip = bot
        .app()
        .write_tip(
            &uid("UEN"),
            mentor_bot::app::insight::TipDraft {
                topic: Some("career".into()),
                response: Some("listen".into()),
                body: "ask what they would regret not trying".into(),
                signed: false,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    bot.press_in_message("UEN", &format!("insight.tip.hide.{tip}"), &tip.to_string())
        .await;
    assert!(text_of(&shown(&bot, "insight.view")).contains("Only program admins"));
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM mentor_tips WHERE hidden_at IS NULL"),
        1
    );

    // A mentor sets an advisor's scope with a forged form: refused, no scope written.
    bot.app()
        .grant_role(&Actor::Cli, uid("UJA"), Role::Advisor, Utc::now())
        .await
        .unwrap();
    let form = json!({
        "id": "VFORGED", "type": "modal", "callback_id": "insight.scope.save",
        "private_metadata": "UJA", "blocks": []
    });
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UEN",
            &form,
            values(vec![checked_value("insight.themes", &[&theme.to_string()])]),
        ))
        .await;
    assert!(
        text_of(&reply["view"]).contains("Only program admins"),
        "{reply}"
    );
    assert_eq!(bot.count("SELECT COUNT(*) FROM advisor_themes"), 0);
}
