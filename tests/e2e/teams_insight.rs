//! Teams: `insight` (インサイト) for mentors and `stats` (統計) for the office and advisors,
//! drawn from the same view models as Slack: groups under 3 ratings say "not enough", an
//! advisor sees only their themes, the tip dialog saves through the same use case, and
//! refusals (a mentee, a forged tip submit, a theme outside an advisor's scope) change nothing.

use crate::support::teams::{
    button_data, card_text, closing, kana, liam, submit_data, teams_uid, with_inputs, TeamsBot,
};

use chrono::Utc;
use fake_teams::User;
use mentor_bot::app::actions::{Action, InsightAction};
use mentor_bot::app::admin::Actor;
use mentor_bot::app::insight::TipDraft;
use mentor_bot::domain::{Lang, Role, UserId};
use mentor_bot::i18n::t as tr;
use mentor_bot::teams::cards::kit::action_data;
use serde_json::Value;

use crate::insight::rated;
use crate::support::bot::ADMIN;
use crate::teams_after::mia;

/// The text of every TextBlock of `card` that contains `needle`, joined.
fn blocks_with(card: &Value, needle: &str) -> String {
    card["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["text"].as_str())
        .filter(|text| text.contains(needle))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `user` types `words`; returns the card answering it (the newest containing `marker`).
pub(crate) async fn ask(t: &TeamsBot, user: &User, words: &str, marker: &str) -> Value {
    let before = t.chat(user).len();
    assert_eq!(t.say(user, words).await, 200);
    crate::support::bot::eventually("the answer", || t.chat(user).len() > before).await;
    t.card_containing(user, marker).await
}

fn tips(t: &TeamsBot) -> i64 {
    t.bot.count("SELECT COUNT(*) FROM mentor_tips")
}

#[tokio::test]
async fn a_mentor_reads_their_insight_in_japanese_and_writes_a_tip_while_small_groups_and_mentees_see_nothing(
) {
    let t = TeamsBot::start().await;
    let kana = t.installed(kana()).await;
    let mia = t.installed(mia()).await;
    let liam = t.installed(liam()).await;
    let (kana_id, mia_id) = (teams_uid(&kana), teams_uid(&mia));
    let theme = t
        .bot
        .started_mentor_with_hours(kana_id.as_str(), "育休からの復帰", "programs", None)
        .await;
    let other = t
        .bot
        .started_mentor_with_hours(mia_id.as_str(), "キャリア相談", "work", None)
        .await;
    rated(
        &t.bot,
        kana_id.as_str(),
        theme,
        "career",
        "listen",
        &[5, 5, 5],
        3,
    );
    rated(
        &t.bot,
        kana_id.as_str(),
        theme,
        "goals",
        "advice",
        &[2, 3, 4],
        1,
    );
    rated(
        &t.bot,
        mia_id.as_str(),
        other,
        "goals",
        "listen",
        &[4, 5],
        1,
    );

    // Kana (three ratings per cell) reads her figures beside the program's, in Japanese.
    let card = ask(
        &t,
        &kana,
        "インサイト",
        &tr(Lang::Ja, "insight-title-plain"),
    )
    .await;
    let text = card_text(&card);
    let career = format!(
        "{} × {}",
        tr(Lang::Ja, "topic-career"),
        tr(Lang::Ja, "response-listen")
    );
    let cell = blocks_with(&card, &format!("**{career}**"));
    assert!(
        cell.contains("あなた：スッキリ度 5.0・期待どおりの対応 100%（3件）")
            && cell.contains("プログラム全体：スッキリ度 5.0・期待どおりの対応 100%（3件）"),
        "{cell}"
    );
    let goals = blocks_with(&card, &format!("**{}", tr(Lang::Ja, "topic-goals")));
    assert!(
        goals.contains("あなた：スッキリ度 3.0・期待どおりの対応 33%（3件）"),
        "{goals}"
    );
    assert!(
        text.contains(&format!("得意な組み合わせ：{career}")),
        "{text}"
    );
    assert!(
        !text.contains(&tr(Lang::Ja, "insight-not-enough")),
        "{text}"
    );

    // Mia has two ratings: not enough, for her and for the program's figure beside.
    let card = ask(&t, &mia, "insight", &tr(Lang::En, "insight-title-plain")).await;
    let cell = blocks_with(&card, "You:");
    assert!(
        cell.contains("You: not enough ratings yet")
            && cell.contains("Program: not enough ratings yet"),
        "{cell}"
    );
    assert!(!card_text(&card).contains("(n=2)"), "{}", card_text(&card));

    // Liam is a mentee: the same refusal as in Slack.
    let refused = ask(&t, &liam, "insight", "Only mentors").await;
    assert_eq!(
        card_text(&refused).trim(),
        tr(Lang::En, "insight-not-mentor")
    );

    // Kana writes a tip from her insight card: an empty one comes back with the field's error.
    let card = t.card_containing(&kana, &career).await;
    let dialog = t
        .fetch_dialog(&kana, button_data(&card, "insight.tip.new"))
        .await;
    let submit = submit_data(&dialog);
    let empty = t
        .submit_dialog(
            &kana,
            with_inputs(
                &submit,
                &[("topic", "career"), ("response", "listen"), ("tip", "  ")],
            ),
        )
        .await;
    let again = &empty["task"]["value"]["card"]["content"];
    t.teams.check_card(again).expect("a valid dialog card");
    assert!(
        card_text(again).contains(&tr(Lang::Ja, "insight-tip-empty")),
        "{empty}"
    );
    assert_eq!(tips(&t), 0);
    let inputs = [
        ("topic", "career"),
        ("response", "listen"),
        ("tip", "まず最後まで聞く"),
        ("signed", "true"),
    ];
    let saved = t.submit_dialog(&kana, with_inputs(&submit, &inputs)).await;
    assert_eq!(closing(&saved), tr(Lang::Ja, "insight-tip-saved"));
    let row: (String, String, String, String, bool) = t
        .bot
        .db()
        .query_row(
            "SELECT author_id, topic, expected_response, body, signed FROM mentor_tips",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        (
            kana_id.to_string(),
            "career".into(),
            "listen".into(),
            "まず最後まで聞く".into(),
            true
        )
    );

    // Liam forges the same dialog's submit: refused, nothing saved; the button too.
    let forged = t.submit_dialog(&liam, with_inputs(&submit, &inputs)).await;
    assert_eq!(closing(&forged), tr(Lang::En, "insight-not-mentor"));
    let (_, opened) = t
        .post(&t.teams.task_fetch(
            &liam,
            action_data(&Action::Insight(InsightAction::WriteTip)),
        ))
        .await;
    assert_eq!(closing(&opened), tr(Lang::En, "insight-not-mentor"));
    assert_eq!(tips(&t), 1, "a forged submit saves nothing");
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn the_office_reads_every_theme_in_english_and_an_advisor_only_their_own_themes() {
    // Liam (English) is a program admin; Kana (Japanese) will be an advisor.
    let t = TeamsBot::start_with(|c| {
        c.settings
            .admins
            .push(UserId::teams(&liam().aad_object_id).unwrap())
    })
    .await;
    let liam = t.installed(liam()).await;
    let kana = t.installed(kana()).await;
    let mia = t.installed(mia()).await;
    let small = t
        .bot
        .started_mentor_with_hours("UEN", "キャリア相談", "work", None)
        .await;
    let large = t
        .bot
        .started_mentor_with_hours("UJA", "育休からの復帰", "programs", None)
        .await;
    rated(&t.bot, "UEN", small, "career", "listen", &[4, 5], 1);
    rated(&t.bot, "UJA", large, "goals", "advice", &[3, 4, 5], 3);
    let tip = TipDraft {
        topic: Some("career".into()),
        response: Some("listen".into()),
        body: "Ask before advising".into(),
        signed: false,
    };
    t.bot
        .app()
        .write_tip(&UserId::parse("UEN").unwrap(), tip, Utc::now())
        .await
        .unwrap();

    // The admin's stats: every theme, counts under 3 shown to the office, ratings under 3 not.
    let card = ask(&t, &liam, "stats", "Every theme").await;
    let small_line = blocks_with(&card, "**キャリア相談**");
    assert!(
        small_line.contains("requested 2 · held 2")
            && small_line.contains("Ratings: not enough ratings yet"),
        "{small_line}"
    );
    let large_line = blocks_with(&card, "**育休からの復帰**");
    assert!(
        large_line.contains("requested 3 · held 3")
            && large_line.contains("Ratings: スッキリ度 4.0 · got the response 100% (n=3)"),
        "{large_line}"
    );
    let text = card_text(&card);
    assert!(text.contains(&tr(Lang::En, "stats-title-plain")), "{text}");
    let db = t.bot.db();
    // Months in the workspace's zone, Tokyo (UTC+9 all year), where the office counts them.
    let mut months = db
        .prepare("SELECT strftime('%Y-%m', created_at, '+9 hours'), COUNT(*) FROM one_on_ones GROUP BY 1")
        .unwrap();
    let months: Vec<(String, i64)> = months
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (month, n) in months {
        let line = format!("{month}: requested {n} · held {n} · cancelled 0 · expired 0");
        assert!(text.contains(&line), "{line} in {text}");
    }
    assert!(
        text.contains("Progress on goals × I want concrete advice (3)"),
        "{text}"
    );
    assert!(
        text.contains("Ask before advising"),
        "the office sees tips: {text}"
    );
    let hide = button_data(&card, "insight.tip.hide.");

    // The theme filter: one theme's analytics in a dialog.
    let narrowed = t
        .fetch_dialog(
            &liam,
            action_data(&Action::Insight(InsightAction::Stats {
                theme: Some(large),
            })),
        )
        .await;
    let narrowed = card_text(&narrowed);
    assert!(narrowed.contains("Theme: 育休からの復帰"), "{narrowed}");
    assert!(!narrowed.contains("キャリア相談"), "{narrowed}");

    // Kana becomes an advisor for 育休からの復帰 only: her stats (in Japanese) leave the other out.
    let app = t.bot.app();
    let kana_id = teams_uid(&kana);
    app.grant_role(&Actor::Cli, kana_id.clone(), Role::Advisor, Utc::now())
        .await
        .unwrap();
    app.set_advisor_scope(
        &UserId::parse(ADMIN).unwrap(),
        &kana_id,
        vec![large],
        Utc::now(),
    )
    .await
    .unwrap();
    let card = ask(&t, &kana, "統計", "担当テーマ（1件）").await;
    let text = card_text(&card);
    assert!(text.contains("育休からの復帰"), "{text}");
    assert!(!text.contains("キャリア相談"), "{text}");
    let line = blocks_with(&card, "**育休からの復帰**");
    assert!(line.contains("申込 3・実施 3"), "{line}");

    // A theme outside her scope, forged: refused.
    let (_, body) = t
        .post(&t.teams.task_fetch(
            &kana,
            action_data(&Action::Insight(InsightAction::Stats {
                theme: Some(small),
            })),
        ))
        .await;
    assert_eq!(closing(&body), tr(Lang::Ja, "insight-outside-scope"));
    assert!(
        !text.contains("Ask before advising"),
        "advisors never see free text: {text}"
    );

    // Hide is the office's: Kana's forged press is refused, Liam's hides the tip.
    let hidden = || {
        t.bot
            .count("SELECT COUNT(*) FROM mentor_tips WHERE hidden_at IS NOT NULL")
    };
    let refused = t.execute(&kana, hide.clone()).await;
    assert_eq!(card_text(&refused).trim(), tr(Lang::Ja, "admin-only"));
    assert_eq!(hidden(), 0);
    let done = t.execute(&liam, hide).await;
    assert_eq!(card_text(&done).trim(), tr(Lang::En, "insight-tip-hidden"));
    assert_eq!(hidden(), 1);

    // Mia holds no role: refused.
    let refused = ask(&t, &mia, "stats", "program office").await;
    assert_eq!(
        card_text(&refused).trim(),
        tr(Lang::En, "insight-not-office")
    );
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}
