//! Mentor insight, tips and program analytics (issue 11 items 4–7) through Slack: every
//! aggregate hides groups under 3 (proven with 2 and 3 ratings), advisors see only their
//! themes (scope set by an admin in the Roles modal), a tip reaches a matching brief and the
//! office hides it, and forged presses from people not entitled change nothing.

use crate::support;

use chrono::{Duration, Utc};
use mentor_bot::app::admin::Actor;
use mentor_bot::domain::booking::RequestDraft;
use mentor_bot::domain::{RetryPolicy, Role, UserId};
use mentor_bot::scheduler::run_due;
use mentor_bot::slack::outbound::gateway::SlackGateway;
use serde_json::{json, Value};
use support::bot::*;

fn uid(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

/// Adds held 1on1s of `mentor` in `theme` on `topic` × `response`, each rated with one of
/// `clarities` ("got the response": yes for the first `yes` of them), by distinct mentees.
fn rated(
    bot: &TestBot,
    mentor: &str,
    theme: i64,
    topic: &str,
    response: &str,
    clarities: &[i64],
    yes: usize,
) {
    let db = bot.db();
    for (i, clarity) in clarities.iter().enumerate() {
        let n: i64 = db
            .query_row("SELECT COUNT(*) FROM one_on_ones", [], |r| r.get(0))
            .unwrap();
        let start = Utc::now() - Duration::days(30) + Duration::hours(n);
        let at = |t: chrono::DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
        db.execute(
            "INSERT INTO one_on_ones (mentor_id, mentee_id, theme_id, starts_at, ends_at, status,
                                      topic, expected_response, created_at, updated_at, held)
             VALUES (?1, ?2, ?3, ?4, ?5, 'confirmed', ?6, ?7, ?4, ?4, 'held')",
            rusqlite::params![
                mentor,
                format!("UMENTEE{n}"),
                theme,
                at(start),
                at(start + Duration::hours(1)),
                topic,
                response
            ],
        )
        .unwrap();
        let id = db.last_insert_rowid();
        db.execute(
            "INSERT INTO one_on_one_ratings (one_on_one_id, mentee_id, clarity, got_response, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![
                id,
                format!("UMENTEE{n}"),
                clarity,
                if i < yes { "yes" } else { "no" },
                at(start)
            ],
        )
        .unwrap();
    }
}

/// Runs `/mentor <text>` as `user`: the modal it opened (by callback id), or the ephemeral
/// reply's text.
async fn command(bot: &TestBot, user: &str, text: &str) -> String {
    let (status, body) = bot.command_with_trigger(user, text).await;
    assert_eq!(status, 200);
    body
}

fn shown(bot: &TestBot, callback: &str) -> Value {
    bot.view_by_callback(callback).expect(callback)
}

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

#[tokio::test]
async fn the_office_sees_every_theme_and_an_advisor_only_their_scope_without_small_groups() {
    let bot = TestBot::start().await;
    let small = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    let large = bot
        .started_mentor_with_hours("UADMIN", "キャリア相談", "work", None)
        .await;
    rated(&bot, "UEN", small, "career", "listen", &[4, 5], 1);
    rated(&bot, "UADMIN", large, "goals", "advice", &[3, 4, 5], 3);

    // The admin opens the console and presses "Program stats".
    command(&bot, "UADMIN", "admin").await;
    let console = shown(&bot, "admin.console");
    bot.press("UADMIN", "insight.stats.", "all", &console).await;
    let text = text_of(&shown(&bot, "insight.view"));
    assert!(text.contains("Every theme"), "{text}");
    let small_line = text.split("*育休からの復帰*").nth(1).unwrap();
    assert!(
        small_line.contains("requested 2 · held 2\nRatings: not enough ratings yet"),
        "two ratings are not shown, even to the office: {text}"
    );
    let large_line = text.split("*キャリア相談*").nth(1).unwrap();
    assert!(
        large_line.contains(
            "requested 3 · held 3\nRatings: スッキリ度 4.0 · got the response 100% (n=3)"
        ),
        "{text}"
    );

    // Each month's line is what the database holds; load, most asked and the rest follow.
    let db = bot.db();
    let mut stmt = db
        .prepare("SELECT substr(created_at, 1, 7), COUNT(*) FROM one_on_ones GROUP BY 1")
        .unwrap();
    let months: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (month, n) in months {
        assert!(
            text.contains(&format!(
                "• {month}: requested {n} · held {n} · cancelled 0 · expired 0"
            )),
            "{text}"
        );
    }
    assert!(text.contains("• <@UADMIN> 3\n• <@UEN> 2"), "{text}");
    assert!(
        text.contains(
            "• Progress on goals × I want concrete advice (3)\n• Future career × Just listen (2)"
        ),
        "{text}"
    );
    assert!(text.contains("Started mentors never booked: 0"), "{text}");
    assert!(
        text.contains("*Themes with no started mentor*\nnone"),
        "{text}"
    );

    // The admin makes 佐藤 an advisor for the small theme from the Roles modal.
    bot.app()
        .grant_role(&Actor::Cli, uid("UJA"), Role::Advisor, Utc::now())
        .await
        .unwrap();
    bot.press("UADMIN", "admin.roles.open", "roles", &console)
        .await;
    let roles = shown(&bot, "admin.roles");
    bot.press("UADMIN", "insight.scope.UJA", "UJA", &roles)
        .await;
    let scope = shown(&bot, "insight.scope.save");
    assert!(text_of(&scope).contains("<@UJA>"));
    let (_, reply) = bot
        .interaction_reply(&view_submission(
            "UADMIN",
            &scope,
            values(vec![checked_value("insight.themes", &[&small.to_string()])]),
        ))
        .await;
    assert!(
        text_of(&reply["view"]).contains("now sees one theme"),
        "{reply}"
    );
    assert_eq!(
        bot.count(&format!(
            "SELECT COUNT(*) FROM advisor_themes WHERE user_id = 'UJA' AND theme_id = {small}"
        )),
        1
    );
    assert_eq!(
        bot.count("SELECT COUNT(*) FROM audit_log WHERE action = 'advisor.scope'"),
        1
    );

    // The advisor sees their theme only, and counts under 3 are hidden from them.
    command(&bot, "UJA", "stats").await;
    let text = text_of(&shown(&bot, "insight.view"));
    assert!(text.contains("担当テーマ（1件）"), "{text}");
    assert!(text.contains("育休からの復帰"), "{text}");
    assert!(!text.contains("キャリア相談"), "outside the scope: {text}");
    assert!(text.contains("申込 3未満・実施 3未満"), "{text}");
    assert!(text.contains("評価：まだ評価が足りません"), "{text}");
    assert!(!text.contains("ヒント"), "advisors see no free text");
    assert!(text.contains("• <@UEN> 3未満"), "{text}");
    assert!(!text.contains("UADMIN"), "{text}");

    // A forged press for the theme outside the scope is refused.
    bot.press_in_message("UJA", &format!("insight.stats.{large}"), &large.to_string())
        .await;
    let text = text_of(&shown(&bot, "insight.view"));
    assert!(text.contains("担当範囲外"), "{text}");

    // With a third 1on1 in the theme, the advisor's counts appear.
    rated(&bot, "UEN", small, "career", "listen", &[3], 0);
    command(&bot, "UJA", "stats").await;
    let text = text_of(&shown(&bot, "insight.view"));
    assert!(text.contains("申込 3・実施 3"), "{text}");
    assert!(text.contains("評価：スッキリ度 4.0"), "{text}");
}

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
        let bot = &bot;
        async move {
            let now = Utc::now();
            let start = bot.app().free_slots(&uid("UEN"), now).await.unwrap()[nth].start;
            let draft = RequestDraft::parse(
                Some(&start.timestamp().to_string()),
                Some(topic),
                "",
                Some("listen"),
                "note",
                &[],
            )
            .unwrap();
            let (one, _) = bot
                .app()
                .request_one_on_one(&uid("UJA"), &uid("UEN"), theme, draft, now)
                .await
                .unwrap();
            bot.app()
                .accept_request(&uid("UEN"), one.id, now)
                .await
                .unwrap();
            one
        }
    };
    let one = book(2, "career").await;
    let gateway = SlackGateway::new(&bot.config.slack).unwrap();
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
async fn the_office_sees_mentors_at_their_cap_never_booked_and_time_to_a_first_1on1() {
    let bot = TestBot::start().await;
    let theme = bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    bot.started_mentor_with_hours("UADMIN", "キャリア相談", "work", None)
        .await;
    let draft =
        mentor_bot::domain::ThemeDraft::parse("介護との両立", Some("non_work"), "").unwrap();
    bot.app()
        .create_theme(&Actor::Cli, draft, Utc::now())
        .await
        .unwrap();
    // Emma takes one 1on1 a week and has one this week, in an hour.
    let db = bot.db();
    db.execute(
        "UPDATE mentor_hours SET cap_count = 1, cap_period = 'week' WHERE user_id = 'UEN'",
        [],
    )
    .unwrap();
    let at = |t: chrono::DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
    let now = Utc::now();
    // Within this UTC week whatever the day: an hour ago if it is late on Sunday.
    let start = if now.format("%u").to_string() == "7" && now.format("%H").to_string() == "23" {
        now - Duration::hours(1)
    } else {
        now + Duration::minutes(30)
    };
    db.execute(
        "INSERT INTO one_on_ones (mentor_id, mentee_id, theme_id, starts_at, ends_at, status,
                                  topic, expected_response, created_at, updated_at)
         VALUES ('UEN', 'UJA', ?1, ?2, ?2, 'confirmed', 'career', 'listen', ?3, ?3)",
        rusqlite::params![theme, at(start), at(now)],
    )
    .unwrap();

    command(&bot, "UADMIN", "stats").await;
    let text = text_of(&shown(&bot, "insight.view"));
    assert!(text.contains("At their cap now: <@UEN>"), "{text}");
    assert!(
        text.contains("Started mentors never booked: 1 <@UADMIN>"),
        "{text}"
    );
    assert!(
        text.contains("*Themes with no started mentor*\n• 介護との両立"),
        "{text}"
    );
    assert!(
        text.contains("(90 days)*: 2, of whom 1 had a 1on1; average days to the first: 0.0"),
        "{text}"
    );
}

#[test]
fn insight_screens_fit_slacks_limits_at_their_largest() {
    use mentor_bot::app::screens::{
        Coverage, InsightScreen, ScopeForm, StatsData, StatsScreen, TipForm,
    };
    use mentor_bot::domain::insight::{Cell, RatingSums};
    use mentor_bot::domain::Lang;
    use mentor_bot::slack::blocks::insight as views;
    use mentor_bot::storage::insight::{MonthRow, ThemeRow, TipRow};
    use support::fake_slack::validate_blocks;

    let long = "長".repeat(100);
    let custom: Vec<(i64, String)> = (0..150).map(|i| (i, format!("{long}{i}"))).collect();
    let figures = RatingSums {
        ratings: 30,
        clarity_sum: 100,
        got_yes: 20,
    }
    .figures();
    let cells: Vec<Cell> = (0..40)
        .map(|i| Cell {
            topic: format!("custom:{i}"),
            response: "think_together".into(),
            mine: figures,
            program: figures,
        })
        .collect();
    let people: Vec<UserId> = (0..10).map(|i| uid(&format!("UPERSON{i}"))).collect();
    let data = StatsData {
        months: (0..6)
            .map(|i| MonthRow {
                month: format!("2026-0{i}"),
                requested: 1000,
                held: 1000,
                cancelled: 1000,
                expired: 1000,
            })
            .collect(),
        themes: (0..10)
            .map(|i| ThemeRow {
                id: i,
                name: long.clone(),
                category: "non_work".into(),
                requested: 1000,
                held: 1000,
                ratings: RatingSums {
                    ratings: 3,
                    clarity_sum: 12,
                    got_yes: 1,
                },
            })
            .collect(),
        categories: vec![("programs".into(), 1000, 1000); 5],
        load: people.iter().map(|p| (p.clone(), 1000)).collect(),
        at_cap: people.clone(),
        never_booked: (500, people.clone()),
        without_mentor: vec![long.clone(); 10],
        top: vec![("custom:1".into(), "think_together".into(), 1000); 3],
        first: (1000, 999, Some(123.45)),
        tips: (0..10)
            .map(|i| TipRow {
                id: i,
                author: uid("UEN"),
                topic: "custom:2".into(),
                response: "advice".into(),
                body: "あ".repeat(200),
                signed: true,
            })
            .collect(),
        custom_topics: custom.clone(),
    };
    for lang in [Lang::Ja, Lang::En] {
        let scope = ScopeForm {
            advisor: uid("UJA"),
            themes: (0..100).map(|i| (i, long.clone(), i % 2 == 0)).collect(),
        };
        for (restricted, coverage) in [
            (false, Coverage::All),
            (true, Coverage::Scope(100)),
            (false, Coverage::Theme(long.clone())),
        ] {
            let stats = StatsScreen::decide(data.clone(), coverage, restricted);
            let view = serde_json::to_value(views::stats_view(lang, &stats)).unwrap();
            validate_blocks(&view["blocks"], 100).unwrap_or_else(|e| panic!("{e}"));
        }
        for view in [
            views::insight_view(lang, &InsightScreen::decide(&cells, &custom)),
            views::tip_view(lang, &TipForm::decide(&custom)),
            views::scope_view(lang, &scope),
        ] {
            let view = serde_json::to_value(view).unwrap();
            validate_blocks(&view["blocks"], 100)
                .unwrap_or_else(|e| panic!("{e}: {}", view["callback_id"]));
        }
    }
}
