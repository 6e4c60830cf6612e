//! Teams operations an office sees: the Teams people the bot can no longer write to, on the
//! admins' Home in Slack and in Teams (never on anyone else's); calendar files for Teams
//! users by signed link.

use std::time::Duration;

use chrono::{DateTime, Utc};
use fake_teams::{Call, Failure};
use mentor_bot::config::Config;
use mentor_bot::domain::{Lang, UserId};
use serde_json::Value;

use crate::support::bot::{app_home_opened, eventually, text_of, ADMIN};
use crate::support::teams::{actions, card_of, card_text, kana, liam, teams_uid, TeamsBot};
use crate::support::teams_flow::{open_request, request_cards, submit_request, with_mentor};

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

    // Liam has a Home card; then he blocks the bot: its next refresh is refused with
    // MessageWritesBlocked.
    assert_eq!(t.say(&liam, "home").await, 200);
    t.teams.fail_next(Call::Update, Failure::WritesBlocked, 1);
    let liam_uid = mentor_bot::domain::UserId::parse(&liam_id.to_string()).unwrap();
    t.bot
        .app()
        .request_home_refresh(&liam_uid, "blocked-test", chrono::Utc::now())
        .await
        .unwrap();
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

/// The data of the first button on any of `user`'s cards whose action starts with `prefix`.
fn button_in_chat(t: &TeamsBot, user: &fake_teams::User, prefix: &str) -> Option<Value> {
    t.chat(user)
        .iter()
        .rev()
        .flat_map(|a| actions(&card_of(a)))
        .map(|a| a["data"].clone())
        .find(|d| {
            d["mb_action"]
                .as_str()
                .is_some_and(|a| a.starts_with(prefix))
        })
}

/// The Download button's link on `user`'s newest card that has one.
fn download_link(t: &TeamsBot, user: &fake_teams::User) -> Option<String> {
    let title = mentor_bot::i18n::t(lang_of(user), "teams-button-download");
    t.chat(user)
        .iter()
        .rev()
        .flat_map(|a| actions(&card_of(a)))
        .find(|a| a["type"] == "Action.OpenUrl" && a["title"] == title.as_str())
        .and_then(|a| a["url"].as_str().map(str::to_string))
}

fn lang_of(user: &fake_teams::User) -> Lang {
    if user.locale.starts_with("ja") {
        Lang::Ja
    } else {
        Lang::En
    }
}

const PUBLIC_URL: &str = "https://mentor-bot.contoso.example";

#[tokio::test]
async fn a_confirmed_teams_1on1_has_its_calendar_file_by_a_signed_link() {
    let t = TeamsBot::start_with(|c| {
        c.teams.as_mut().unwrap().public_url = Some(format!("{PUBLIC_URL}/"));
    })
    .await;
    let (kana, liam) = with_mentor(&t, liam()).await;
    let dialog = open_request(&t, &liam).await;
    let id = submit_request(&t, &liam, &dialog, 0).await;
    eventually("the request reaches Kana", || {
        !request_cards(&t, &kana, "Liam Walsh").is_empty()
    })
    .await;
    let accept = button_in_chat(&t, &kana, "booking.accept").expect("an Accept button");
    t.execute(&kana, accept).await;
    eventually("both invites are out", || {
        download_link(&t, &liam).is_some() && download_link(&t, &kana).is_some()
    })
    .await;

    // The link is on the configured public URL; opened, it is the 1on1's calendar, in UTC.
    let link = download_link(&t, &liam).unwrap();
    let path = link
        .strip_prefix(PUBLIC_URL)
        .unwrap_or_else(|| panic!("{link} is on {PUBLIC_URL}"));
    assert!(path.starts_with("/teams/files/"), "{link}");
    let (start, end): (DateTime<Utc>, DateTime<Utc>) = {
        let (s, e): (String, String) = t
            .bot
            .db()
            .query_row(
                "SELECT starts_at, ends_at FROM one_on_ones WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        (s.parse().unwrap(), e.parse().unwrap())
    };
    let http = reqwest::Client::new();
    let get = |path: String| {
        let http = http.clone();
        let url = format!("{}{path}", t.bot.url);
        async move { http.get(url).send().await.unwrap() }
    };
    let response = get(path.to_string()).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"1on1-") && disposition.ends_with(".ics\""),
        "{disposition}"
    );
    let ics = response.text().await.unwrap();
    let stamp = |at: DateTime<Utc>| at.format("%Y%m%dT%H%M%SZ").to_string();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "METHOD:REQUEST".to_string(),
        format!("UID:one-on-one-{id}@mentor-bot"),
        format!("DTSTART:{}", stamp(start)),
        format!("DTEND:{}", stamp(end)),
        "END:VCALENDAR".to_string(),
    ] {
        assert!(ics.contains(&line), "{line} in {ics}");
    }

    // Kana's link is her own, and works too; a tampered token or another person's is a 404.
    let kana_path = download_link(&t, &kana).unwrap().replace(PUBLIC_URL, "");
    assert_ne!(kana_path, path);
    assert_eq!(get(kana_path.clone()).await.status(), 200);
    let tampered = path.replacen(
        &format!("/teams/files/{id}."),
        &format!("/teams/files/{}.", id + 1),
        1,
    );
    assert_ne!(tampered, path);
    assert_eq!(get(tampered).await.status(), 404);
    let mut flipped = path.to_string();
    let last = flipped.pop().unwrap();
    flipped.push(if last == '0' { '1' } else { '0' });
    assert_eq!(get(flipped).await.status(), 404);
    assert_eq!(get("/teams/files/nothing".into()).await.status(), 404);

    // Liam cancels: the same link now gives the cancellation.
    let cancel = button_in_chat(&t, &liam, "booking.cancel").expect("a Cancel button");
    t.execute(&liam, cancel).await;
    eventually("cancelled", || {
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM one_on_ones WHERE id = {id} AND status = 'cancelled'"
        )) == 1
    })
    .await;
    let ics = get(path.to_string()).await.text().await.unwrap();
    assert!(ics.contains("METHOD:CANCEL"), "{ics}");
    assert!(
        ics.contains(&format!("UID:one-on-one-{id}@mentor-bot")),
        "{ics}"
    );
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}
