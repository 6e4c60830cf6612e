//! The office's and advisors' analytics: every theme or the scope, small groups hidden.

use super::*;

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
    // Months in the workspace's zone, Tokyo (UTC+9 all year), where the office counts them.
    let mut stmt = db
        .prepare("SELECT strftime('%Y-%m', created_at, '+9 hours'), COUNT(*) FROM one_on_ones GROUP BY 1")
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
    // Within this week in the workspace's zone (Tokyo), where the office counts caps: in half
    // an hour, or an hour ago when the week ends before then (late on Sunday in Tokyo).
    use chrono::Datelike;
    let week = |t: chrono::DateTime<Utc>| {
        t.with_timezone(&chrono_tz::Asia::Tokyo)
            .date_naive()
            .iso_week()
    };
    let start = if week(now + Duration::minutes(30)) == week(now) {
        now + Duration::minutes(30)
    } else {
        now - Duration::hours(1)
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
