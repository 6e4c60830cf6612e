//! Tips between mentors: in a matching brief (up to 3, newest), hidden by the office.

use super::*;

#[tokio::test]
async fn a_tip_reaches_a_matching_brief_by_other_mentors_until_the_office_hides_it() {
    let bot = TestBot::start().await;
    let theme = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    bot.started_mentor_with_hours("UADMIN", "キャリア相談", "work", None)
        .await;

    // The admin (a mentor too) writes a tip from the Home: one unsigned, one signed.
    bot.event(&app_home_opened("Ev1", "UADMIN", "home"), &[])
        .await;
    eventually("the admin's Home", || {
        bot.fake.published_home("UADMIN").is_some()
    })
    .await;
    let home = bot.fake.published_home("UADMIN").unwrap();
    for (body, signed) in [
        ("ask what they would regret not trying", false),
        ("let silence work", true),
    ] {
        bot.press("UADMIN", "insight.tip.new", "tip", &home).await;
        let form = shown(&bot, "insight.tip.save");
        let mut entries = vec![
            choice_value("insight.topic", "career"),
            choice_value("insight.response", "listen"),
            text_value("insight.body", body),
        ];
        if signed {
            entries.push(checked_value("insight.signed", &["signed"]));
        }
        let (_, reply) = bot
            .interaction_reply(&view_submission("UADMIN", &form, values(entries)))
            .await;
        assert!(text_of(&reply["view"]).contains("Saved"), "{reply}");
    }
    // An empty tip is a field error; Emma's own tip never shows in her brief.
    let form = shown(&bot, "insight.tip.save");
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UADMIN",
            &form,
            values(vec![
                choice_value("insight.topic", "career"),
                choice_value("insight.response", "listen"),
                text_value("insight.body", "  "),
            ]),
        ))
        .await;
    assert_eq!(reply["errors"]["insight.body"], "Write the tip.");
    bot.app()
        .write_tip(
            &uid("UEN"),
            mentor_bot::app::insight::TipDraft {
                topic: Some("career".into()),
                response: Some("listen".into()),
                body: "my own tip".into(),
                signed: true,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(bot.count("SELECT COUNT(*) FROM mentor_tips"), 3);

    // 佐藤 books Emma on career × listen: her brief shows the two tips by another mentor.
    let book = |nth: usize, topic: &'static str| {
        crate::after::confirmed_one(&bot, theme, nth, topic, "listen")
    };
    let one = book(2, "career").await;
    let gateway = SlackGateway::new(bot.config.slack.as_ref().unwrap()).unwrap();
    run_due(
        bot.app(),
        &gateway,
        &RetryPolicy::default(),
        one.start - Duration::days(1),
    )
    .await
    .unwrap();
    let with_tips = || {
        bot.fake
            .messages_to("UEN")
            .into_iter()
            .filter(|m| m.blocks.to_string().contains("Tips from other mentors"))
            .collect::<Vec<_>>()
    };
    eventually("the brief with tips", || with_tips().len() == 1).await;
    let text = text_of(&with_tips()[0].blocks);
    assert!(text.contains("• let silence work — <@UADMIN>"), "{text}");
    assert!(
        text.contains("• ask what they would regret not trying"),
        "{text}"
    );
    assert!(
        !text.contains("trying — <@"),
        "unsigned tips name nobody: {text}"
    );
    assert!(!text.contains("my own tip"), "{text}");

    // The office hides the unsigned tip from Program stats; the next brief leaves it out.
    command(&bot, "UADMIN", "stats").await;
    let stats = shown(&bot, "insight.view");
    let hidden: i64 = bot
        .db()
        .query_row(
            "SELECT id FROM mentor_tips WHERE body LIKE 'ask%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    bot.press(
        "UADMIN",
        &format!("insight.tip.hide.{hidden}"),
        &hidden.to_string(),
        &stats,
    )
    .await;
    assert!(text_of(&shown(&bot, "insight.view")).contains("The tip is hidden"));
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM audit_log WHERE action = 'tip.hide'"),
        1
    );
    let two = book(5, "career").await;
    run_due(
        bot.app(),
        &gateway,
        &RetryPolicy::default(),
        two.start - Duration::days(1),
    )
    .await
    .unwrap();
    eventually("the second brief", || with_tips().len() == 2).await;
    let text = text_of(&with_tips()[1].blocks);
    assert!(text.contains("let silence work"), "{text}");
    assert!(!text.contains("regret"), "hidden: {text}");

    // A 1on1 on another topic gets no tips.
    let other = book(8, "goals").await;
    run_due(
        bot.app(),
        &gateway,
        &RetryPolicy::default(),
        other.start - Duration::days(1),
    )
    .await
    .unwrap();
    eventually("the third brief", || {
        bot.fake
            .messages_to("UEN")
            .iter()
            .filter(|m| m.blocks.to_string().contains("Before your 1on1"))
            .count()
            == 3
    })
    .await;
    assert_eq!(with_tips().len(), 2, "no tips for goals × listen");
}

#[tokio::test]
async fn a_brief_shows_at_most_three_tips_the_newest() {
    let bot = TestBot::start().await;
    let theme = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    bot.started_mentor_with_hours("UADMIN", "キャリア相談", "work", None)
        .await;
    let now = Utc::now();
    for (i, body) in ["first tip", "second tip", "third tip", "fourth tip"]
        .into_iter()
        .enumerate()
    {
        bot.app()
            .write_tip(
                &uid("UADMIN"),
                mentor_bot::app::insight::TipDraft {
                    topic: Some("career".into()),
                    response: Some("listen".into()),
                    body: body.into(),
                    signed: false,
                },
                now + Duration::seconds(i as i64),
            )
            .await
            .unwrap();
    }
    let one = crate::after::confirmed_one(&bot, theme, 2, "career", "listen").await;
    let gateway = SlackGateway::new(bot.config.slack.as_ref().unwrap()).unwrap();
    run_due(
        bot.app(),
        &gateway,
        &RetryPolicy::default(),
        one.start - Duration::days(1),
    )
    .await
    .unwrap();
    let brief = || {
        bot.fake
            .messages_to("UEN")
            .into_iter()
            .find(|m| m.blocks.to_string().contains("Tips from other mentors"))
    };
    eventually("the brief with tips", || brief().is_some()).await;
    let text = text_of(&brief().unwrap().blocks);
    let tips = text.split("*Tips from other mentors*\n").nth(1).unwrap();
    assert!(
        tips.starts_with("• fourth tip\n• third tip\n• second tip"),
        "{text}"
    );
    assert!(!text.contains("first tip"), "{text}");
}
