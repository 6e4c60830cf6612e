//! Teams: a survey's exports given as files the way Teams takes them — the admin asks from the
//! console's survey list, each file comes as a file consent card; Allow uploads it to the
//! session Teams opened (bytes checked: CSV with a BOM and the expected rows, a PNG), sends the
//! file info card and closes the offer; Decline closes it and uploads nothing; a double Allow
//! uploads once; a failed upload is retried and lands once; an expired session says so; a
//! forged answer by a non-admin or another admin changes nothing. Japanese and English.

use crate::support::bot::eventually;
use crate::support::teams::{actions, card_of, card_text, kana, liam, TeamsBot};
use crate::teams_admin::{ask, closing};
use crate::teams_survey_admin::define;

use chrono::{Duration, Utc};
use fake_teams::User;
use mentor_bot::domain::{Lang, UserId};
use mentor_bot::i18n::{t as tr, t_args};
use mentor_bot::teams::cards::kit::md;
use serde_json::{json, Value};

const CONSENT: &str = "application/vnd.microsoft.teams.card.file.consent";
const INFO: &str = "application/vnd.microsoft.teams.card.file.info";

/// The program admins: Kana (Japanese), and Liam (English) when `liam_too`.
fn admins(liam_too: bool) -> impl FnOnce(&mut mentor_bot::config::Config) {
    move |c| {
        c.settings
            .admins
            .push(UserId::teams(&kana().aad_object_id).unwrap());
        if liam_too {
            c.settings
                .admins
                .push(UserId::teams(&liam().aad_object_id).unwrap());
        }
    }
}

/// The offers (file consent cards) sent to `user`: (activity id, attachment), first versions.
fn offers(t: &TeamsBot, user: &User) -> Vec<(String, Value)> {
    t.teams
        .sent()
        .into_iter()
        .filter(|s| s.conversation_id == user.conversation_id && !s.updated)
        .map(|s| (s.activity_id, s.activity["attachments"][0].clone()))
        .filter(|(_, a)| a["contentType"] == CONSENT)
        .collect()
}

/// The file info cards in `user`'s chat.
fn infos(t: &TeamsBot, user: &User) -> Vec<Value> {
    t.chat(user)
        .into_iter()
        .map(|a| a["attachments"][0].clone())
        .filter(|a| a["contentType"] == INFO)
        .collect()
}

/// The latest version of activity `id`, as its card's text.
fn shown(t: &TeamsBot, id: &str) -> String {
    let latest = t
        .teams
        .sent()
        .into_iter()
        .rfind(|s| s.activity_id == id)
        .expect("the activity");
    card_text(&card_of(&latest.activity))
}

/// From the console (`admin_word`), the survey list, then the CSV button of the survey; waits
/// for the three offers. Returns the dialog's closing message.
async fn ask_for_exports(t: &TeamsBot, user: &User, admin_word: &str, lang: Lang) -> String {
    let console = ask(t, user, admin_word).await;
    let list_button = actions(&console)
        .into_iter()
        .find(|a| a["title"].as_str() == Some(&tr(lang, "button-surveys-plain")))
        .expect("the Surveys button")["data"]
        .clone();
    let list = t.fetch_dialog(user, list_button).await;
    let csv = actions(&list)
        .into_iter()
        .find(|a| a["title"].as_str() == Some(&tr(lang, "button-survey-export-plain")))
        .unwrap_or_else(|| panic!("a CSV button in {list}"))["data"]
        .clone();
    let (status, body) = t.post(&t.teams.task_fetch(user, csv)).await;
    assert_eq!(status, 200, "{body}");
    eventually("three offers", || offers(t, user).len() == 3).await;
    closing(&body)
}

/// `user` presses Allow on `offer`; the bot answers the invoke with an empty 200.
async fn allow(t: &TeamsBot, user: &User, offer: &(String, Value)) {
    let info = t.teams.allow_upload(&offer.0);
    answer(t, user, offer, "accept", Some(info)).await;
}

async fn answer(
    t: &TeamsBot,
    user: &User,
    offer: &(String, Value),
    action: &str,
    info: Option<Value>,
) {
    let context = &offer.1["content"]["acceptContext"];
    let activity = t.teams.file_consent(user, &offer.0, action, context, info);
    let (status, body) = t.post(&activity).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        Value::Null,
        "the invoke is answered with an empty 200"
    );
}

/// `user` answers `offer` (not theirs, or forged): the reply in their chat, which must say
/// `key` in `lang`.
async fn refused(
    t: &TeamsBot,
    user: &User,
    offer: &(String, Value),
    (action, info): (&str, Option<Value>),
    (lang, key): (Lang, &str),
) {
    let before = t.chat(user).len();
    answer(t, user, offer, action, info).await;
    eventually("the refusal", || t.chat(user).len() > before).await;
    let refusal = card_text(&card_of(t.chat(user).last().unwrap()));
    assert!(refusal.contains(&md(&tr(lang, key))), "{refusal}");
}

fn answers(t: &TeamsBot) -> i64 {
    t.bot
        .count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'survey-export:%:consent'")
}

fn uploaded(t: &TeamsBot) -> Vec<(String, Vec<u8>)> {
    t.teams
        .uploads()
        .into_iter()
        .filter_map(|u| u.bytes.map(|b| (u.name, b)))
        .collect()
}

#[tokio::test]
async fn a_teams_admin_allows_each_offered_export_and_it_is_saved_once_with_its_info_card() {
    let t = TeamsBot::start_with(admins(false)).await;
    let kana = t.installed(kana()).await;
    let theme = t
        .bot
        .started_mentor_with_hours("UEN", "育休からの復帰", "programs", None)
        .await;
    crate::surveys_slack::met(&t.bot, "UJA", "UEN", theme, 0).await;
    let survey = define(&t).await;
    let ja = |key: &str| tr(Lang::Ja, key);

    let said = ask_for_exports(&t, &kana, "管理", Lang::Ja).await;
    assert_eq!(said, ja("teams-fileout-queued"));
    let offered = offers(&t, &kana);
    let mut names: Vec<&str> = offered
        .iter()
        .map(|(_, a)| a["name"].as_str().unwrap())
        .collect();
    names.sort();
    let answers_csv = format!("survey-{survey}-answers.csv");
    let chart = format!("survey-{survey}-chart.png");
    assert_eq!(
        names,
        ["1on1-statistics.csv", answers_csv.as_str(), chart.as_str()]
    );
    let descriptions: Vec<&str> = offered
        .iter()
        .map(|(_, a)| a["content"]["description"].as_str().unwrap())
        .collect();
    assert!(
        descriptions.contains(&ja("survey-export-answers-comment").as_str()),
        "{descriptions:?}"
    );
    assert!(uploaded(&t).is_empty(), "nothing is saved before Allow");

    for offer in &offered {
        allow(&t, &kana, offer).await;
    }
    eventually("three files saved and shown", || {
        uploaded(&t).len() == 3 && infos(&t, &kana).len() == 3
    })
    .await;
    let files = uploaded(&t);
    let file = |name: &str| &files.iter().find(|(n, _)| n == name).unwrap().1;
    let csv = String::from_utf8(file(&answers_csv).clone()).unwrap();
    assert!(csv.starts_with('\u{feff}'), "a BOM for Excel");
    assert!(
        csv.lines().next().unwrap().ends_with(
            "run,user_id,theme,growth,answered_at,How useful were your 1on1s?,Format,Anything else?"
        ),
        "{csv}"
    );
    let stats = String::from_utf8(file("1on1-statistics.csv").clone()).unwrap();
    assert!(stats.starts_with('\u{feff}'));
    let rows: Vec<&str> = stats.lines().collect();
    assert_eq!(rows.len(), 2, "{stats}");
    assert!(rows[1].contains(",育休からの復帰,0,<3,0,0,0"), "{stats}");
    assert!(file(&chart).starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]));

    // Each offer now says where the file went; the info cards name the saved files.
    for (id, offer) in &offered {
        let name = offer["name"].as_str().unwrap();
        let line = md(&t_args(Lang::Ja, "teams-fileout-saved", &[("file", name)]));
        eventually("the offer closed", || shown(&t, id).contains(&line)).await;
    }
    for info in infos(&t, &kana) {
        assert!(
            info["contentUrl"].as_str().unwrap().contains("/files/"),
            "{info}"
        );
    }

    // A second Allow on the same offer (a double press) opens a session nobody fills.
    allow(&t, &kana, &offered[0]).await;
    t.run_due(Utc::now()).await;
    assert_eq!(answers(&t), 3);
    assert_eq!(uploaded(&t).len(), 3, "uploaded once");
    assert_eq!(t.teams.uploads().len(), 4);
    assert_eq!(infos(&t, &kana).len(), 3);
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}

#[tokio::test]
async fn declining_retrying_and_an_expired_session_in_english() {
    let t = TeamsBot::start_with(admins(true)).await;
    let liam = t.installed(liam()).await;
    define(&t).await;
    let en = |key: &str| tr(Lang::En, key);

    let said = ask_for_exports(&t, &liam, "admin", Lang::En).await;
    assert_eq!(said, en("teams-fileout-queued"));
    let offered = offers(&t, &liam);

    // Decline: the offer says how to get the file again; nothing is uploaded.
    answer(&t, &liam, &offered[0], "decline", None).await;
    eventually("the declined offer", || {
        shown(&t, &offered[0].0).contains(&md(&en("teams-fileout-declined")))
    })
    .await;
    assert!(t.teams.uploads().is_empty());

    // An upload refused once with 503 is retried and lands once.
    t.teams.fail_next_upload(503, 1);
    allow(&t, &liam, &offered[1]).await;
    let failures = || {
        t.bot.count(
            "SELECT COALESCE(MAX(failures), 0) FROM outbox WHERE dedupe_key LIKE '%:consent'",
        )
    };
    eventually("the failed upload", || failures() == 1).await;
    assert!(uploaded(&t).is_empty());
    t.run_due(Utc::now() + Duration::minutes(5)).await;
    eventually("the retried upload", || infos(&t, &liam).len() == 1).await;
    let session = &t.teams.uploads()[0];
    assert_eq!(session.puts, 2, "one refused PUT, then the one that landed");
    assert!(session.bytes.is_some());

    // A session that no longer exists (expired): the row fails for good and the offer says so.
    let mut info = t.teams.allow_upload(&offered[2].0);
    info["uploadUrl"] = json!(format!(
        "{}upload/gone",
        t.teams.service_url().trim_end_matches("teams/")
    ));
    answer(&t, &liam, &offered[2], "accept", Some(info)).await;
    eventually("the expired offer", || {
        shown(&t, &offered[2].0).contains(&md(&en("teams-fileout-offer-expired")))
    })
    .await;
    eventually("the failed row", || {
        t.bot.count(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE '%:consent' AND status = 'failed'",
        ) == 1
    })
    .await;
    assert_eq!(infos(&t, &liam).len(), 1);
    assert_eq!(uploaded(&t).len(), 1);
}

#[tokio::test]
async fn a_forged_answer_to_someone_elses_offer_changes_nothing() {
    let t = TeamsBot::start_with(admins(false)).await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    let survey = define(&t).await;
    ask_for_exports(&t, &kana, "管理", Lang::Ja).await;
    let offer = offers(&t, &kana).remove(0);
    let info = t.teams.allow_upload(&offer.0);

    // Liam (not an admin) replays Kana's Allow in his own chat: refused in English.
    refused(
        &t,
        &liam,
        &offer,
        ("accept", Some(info.clone())),
        (Lang::En, "admin-only"),
    )
    .await;

    // Kana's own offer with its survey changed in the context: refused too.
    let mut forged = offer.clone();
    forged.1["content"]["acceptContext"]["survey"] = json!(survey + 1);
    refused(
        &t,
        &kana,
        &forged,
        ("accept", Some(info)),
        (Lang::Ja, "teams-fileout-not-yours"),
    )
    .await;
    t.run_due(Utc::now()).await;
    assert_eq!(answers(&t), 0);
    assert!(uploaded(&t).is_empty());
    assert!(infos(&t, &kana).is_empty());
}

#[tokio::test]
async fn another_admin_cannot_answer_an_offer_made_to_someone_else() {
    let t = TeamsBot::start_with(admins(true)).await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    define(&t).await;
    ask_for_exports(&t, &kana, "管理", Lang::Ja).await;
    let offer = offers(&t, &kana).remove(0);
    refused(
        &t,
        &liam,
        &offer,
        ("decline", None),
        (Lang::En, "teams-fileout-not-yours"),
    )
    .await;
    t.run_due(Utc::now()).await;
    assert_eq!(answers(&t), 0);
    assert!(!shown(&t, &offer.0).contains(&md(&tr(Lang::Ja, "teams-fileout-declined"))));
}
