//! Teams operations an office sees: the Teams people the bot can no longer write to, on the
//! admins' Home in Slack and in Teams (never on anyone else's).

use std::time::Duration;

use fake_teams::{Call, Failure};
use mentor_bot::config::Config;
use mentor_bot::domain::UserId;

use crate::support::bot::{app_home_opened, eventually, text_of, ADMIN};
use crate::support::teams::{card_text, kana, liam, teams_uid, TeamsBot};

const WAIT: Duration = Duration::from_secs(10);

/// Kana (Teams, Japanese) is an admin besides the Slack admin.
fn kana_admin(c: &mut Config) {
    c.settings
        .admins
        .push(UserId::teams(&kana().aad_object_id).unwrap());
}

#[tokio::test]
async fn admins_see_who_in_teams_the_bot_can_no_longer_write_to_and_mentors_do_not() {
    let t = TeamsBot::start_with(kana_admin).await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    t.bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    let liam_id = teams_uid(&liam);
    eventually("the welcomes are out", || {
        t.bot
            .count("SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')")
            == 0
    })
    .await;

    // Liam blocked the bot: the next card to him is refused with MessageWritesBlocked.
    t.teams.fail_next(Call::Send, Failure::WritesBlocked, 1);
    t.say(&liam, "home").await;
    eventually("Liam is unreachable", || {
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM teams_people WHERE user_id = '{liam_id}'
             AND unreachable_at IS NOT NULL"
        )) == 1
    })
    .await;

    // The Slack admin's Home: how many, who, why and when.
    t.bot
        .event(&app_home_opened("EvAdm", ADMIN, "home"), &[])
        .await;
    eventually("the admin's Home", || {
        t.bot.fake.published_home(ADMIN).is_some()
    })
    .await;
    let home = text_of(&t.bot.fake.published_home(ADMIN).unwrap());
    assert!(
        home.contains("the bot can no longer write to 1 person"),
        "{home}"
    );
    assert!(
        home.contains("Liam Walsh: blocked or uninstalled the app ("),
        "{home}"
    );

    // A mentor's Home in Slack does not show it.
    let publishes = t
        .bot
        .fake
        .wait_for_calls("views.publish", 1, WAIT)
        .await
        .len();
    t.bot
        .event(&app_home_opened("EvMen", "UEN", "home"), &[])
        .await;
    t.bot
        .fake
        .wait_for_calls("views.publish", publishes + 1, WAIT)
        .await;
    let mentor_home = text_of(&t.bot.fake.published_home("UEN").unwrap());
    assert!(mentor_home.contains("育休からの復帰"), "{mentor_home}");
    assert!(!mentor_home.contains("Liam Walsh"), "{mentor_home}");
    assert!(!mentor_home.contains("Teams"), "{mentor_home}");

    // Kana, an admin in Teams, types "home": her Home card says it in Japanese.
    assert_eq!(t.say(&kana, "home").await, 200);
    let card = t.card_containing(&kana, "Liam Walsh").await;
    let text = card_text(&card);
    assert!(
        text.contains("ボットがメッセージを送れなくなった人が 1 人います"),
        "{text}"
    );
    assert!(
        text.contains("Liam Walsh：アプリをブロックまたはアンインストール（"),
        "{text}"
    );

    // Liam writes again: reachable, and the admins' Home no longer lists him.
    assert_eq!(t.say(&liam, "help").await, 200);
    t.bot
        .event(&app_home_opened("EvAdm2", ADMIN, "home"), &[])
        .await;
    eventually("the admin's Home without Liam", || {
        t.bot
            .fake
            .published_home(ADMIN)
            .is_some_and(|h| !text_of(&h).contains("Liam Walsh"))
    })
    .await;
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}
