//! Teams: certifying mentors by attaching a CSV file in the personal chat. The console's
//! Import button explains it; an admin's file is downloaded from an allowed host, checked as
//! Slack's import checks it and previewed (or every problem reported, nothing imported); Import
//! imports exactly the file previewed, once. A non-admin's file or forged Import, a link on
//! another host and a file that is not CSV change nothing.

use crate::support::bot::{eventually, text_of};
use crate::support::teams::{
    button_data, card_of, card_text, closing, kana, liam, teams_uid, TeamsBot,
};

use chrono::Utc;
use fake_teams::{AttachedFile, User};
use mentor_bot::app::admin::Actor;
use mentor_bot::domain::{Lang, ThemeDraft, UserId};
use mentor_bot::i18n::{t as tr, t_args};
use mentor_bot::teams::cards::kit::md;
use serde_json::Value;

/// Liam (Teams, English) is a program admin besides the Slack admin; downloads are allowed
/// from the fake's loopback host.
async fn start_with_admin(admin: fn() -> fake_teams::NewUser) -> TeamsBot {
    let admin = UserId::teams(&admin().aad_object_id).unwrap();
    let t = TeamsBot::start_with(move |c| {
        c.settings.admins.push(admin);
        c.teams.as_mut().unwrap().file_hosts = vec!["127.0.0.1".into()];
    })
    .await;
    t.bot
        .app()
        .create_theme(
            &Actor::Cli,
            ThemeDraft::parse("育休", Some("programs"), "").unwrap(),
            Utc::now(),
        )
        .await
        .unwrap();
    t
}

/// Both Teams people installed, their emails known from the member lookup.
async fn people(t: &TeamsBot) -> (User, User) {
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    eventually("the Teams people's emails", || {
        t.bot
            .count("SELECT COUNT(*) FROM teams_people WHERE email IS NOT NULL")
            == 2
    })
    .await;
    (kana, liam)
}

/// `user` sends `file` (with `text`); returns the card the bot answers with.
async fn send(t: &TeamsBot, user: &User, text: &str, attachment: &Value) -> Value {
    let before = t.chat(user).len();
    let (status, _) = t.post(&t.teams.file_message(user, text, attachment)).await;
    assert_eq!(status, 200);
    eventually("the answer to the file", || t.chat(user).len() > before).await;
    let card = card_of(t.chat(user).last().unwrap());
    t.teams.check_card(&card).expect("a valid card");
    card
}

fn certifications(t: &TeamsBot) -> i64 {
    t.bot.count("SELECT COUNT(*) FROM certifications")
}

fn certified_dms(t: &TeamsBot) -> i64 {
    t.bot
        .count("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'certified:%'")
}

/// Kana (by email) and Emma (a Slack person, by email) for 育休; Emma already started.
const CLEAN: &str = "person,theme,started\n\
                     kana@contoso.example,育休,no\n\
                     UEN@example.com,育休,yes\n";

fn attach(t: &TeamsBot, name: &str, csv: &str) -> AttachedFile {
    t.teams.attach_file(name, csv.as_bytes())
}

#[tokio::test]
async fn an_admin_attaches_a_clean_csv_sees_a_preview_and_imports_it_once() {
    let t = start_with_admin(liam).await;
    let (kana, liam) = people(&t).await;

    // The console's Import button explains how: attach the file here; columns; a sample.
    let console = crate::teams_admin::ask(&t, &liam, "admin").await;
    let how = t
        .fetch_dialog(&liam, button_data(&console, "admin.import.open"))
        .await;
    let text = card_text(&how);
    assert!(
        text.contains(&md(&tr(Lang::En, "teams-filein-how"))),
        "{text}"
    );
    assert!(
        text.contains(&md(&tr(Lang::En, "import-columns"))),
        "{text}"
    );
    assert!(
        text.contains("person,theme,started\nkana@contoso.example"),
        "{text}"
    );

    // The file: a preview, nothing imported yet.
    let file = attach(&t, "mentors.csv", CLEAN);
    let preview = send(&t, &liam, "", &file.attachment).await;
    let text = card_text(&preview);
    assert!(
        text.contains("**mentors.csv** is ready to import: 2 rows — 2 to certify (they get a DM), 0 certified already (nothing sent), 1 marked as already started."),
        "{text}"
    );
    assert_eq!(certifications(&t), 0);
    assert_eq!(certified_dms(&t), 0);

    // Import: both certified, each told on their own platform through the outbox.
    let done = t
        .execute(&liam, button_data(&preview, "admin.import.confirm"))
        .await;
    let text = card_text(&done);
    assert!(
        text.contains("Import of **mentors.csv** done: 2 rows — 2 newly certified"),
        "{text}"
    );
    assert_eq!(certifications(&t), 2);
    let kana_id = teams_uid(&kana);
    assert_eq!(
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM certifications WHERE (user_id = '{kana_id}' AND status = 'certified') OR (user_id = 'UEN' AND status = 'started')"
        )),
        2
    );
    assert_eq!(certified_dms(&t), 2);
    let card = t.card_containing(&kana, "育休").await;
    assert!(card_text(&card).contains("メンター"), "{card}");
    eventually("Emma's DM in Slack", || {
        t.bot
            .fake
            .messages_to("UEN")
            .iter()
            .any(|m| text_of(&m.blocks).contains("育休"))
    })
    .await;

    // The same file again: nothing new to certify, and importing it changes nothing.
    let again = attach(&t, "mentors.csv", CLEAN);
    let preview = send(&t, &liam, "", &again.attachment).await;
    assert!(
        card_text(&preview).contains("0 to certify (they get a DM), 2 certified already"),
        "{}",
        card_text(&preview)
    );
    let done = t
        .execute(&liam, button_data(&preview, "admin.import.confirm"))
        .await;
    assert!(
        card_text(&done).contains("0 newly certified (they get a DM), 2 already certified"),
        "{}",
        card_text(&done)
    );
    assert_eq!(certifications(&t), 2);
    assert_eq!(certified_dms(&t), 2);

    // Cancel leaves a previewed file unimported.
    let other = attach(&t, "more.csv", "person,theme\nliam@contoso.example,育休\n");
    let preview = send(&t, &liam, "", &other.attachment).await;
    let cancelled = t
        .execute(&liam, button_data(&preview, "admin.import.cancel"))
        .await;
    assert!(card_text(&cancelled).contains(&tr(Lang::En, "teams-filein-cancelled")));
    assert_eq!(certifications(&t), 2);
}

#[tokio::test]
async fn a_file_with_bad_rows_is_reported_row_by_row_and_nothing_is_imported() {
    let t = start_with_admin(liam).await;
    let (_kana, liam) = people(&t).await;
    let csv = "person,theme,started\n\
               kana@contoso.example,育休,no\n\
               nobody@contoso.example,育休,no\n\
               liam@contoso.example,Chess,maybe\n";
    let file = attach(&t, "bad.csv", csv);
    let report = send(&t, &liam, "", &file.attachment).await;
    let text = card_text(&report);
    assert!(
        text.contains("Nothing was imported from **bad.csv**"),
        "{text}"
    );
    assert!(
        text.contains("Row 3: nobody in this Slack workspace has the email nobody@contoso.example"),
        "{text}"
    );
    assert!(
        text.contains("Row 4 (started): “maybe” is not a yes/no value"),
        "{text}"
    );
    assert!(text.contains("Row 4: there is no theme “Chess”"), "{text}");
    assert!(
        !text.contains(&tr(Lang::En, "teams-filein-import-plain")),
        "no Import button"
    );
    assert_eq!(certifications(&t), 0);
    assert_eq!(certified_dms(&t), 0);
}

#[tokio::test]
async fn a_japanese_admin_reads_the_preview_and_the_report_in_japanese() {
    let t = start_with_admin(kana).await;
    let (kana, liam) = people(&t).await;

    let bad = attach(
        &t,
        "メンター.csv",
        "ユーザー,テーマ\nliam@contoso.example,囲碁\n",
    );
    let report = send(&t, &kana, "", &bad.attachment).await;
    let text = card_text(&report);
    assert!(
        text.contains("**メンター.csv** からは何も取り込んでいません"),
        "{text}"
    );
    assert!(text.contains("2 行目"), "{text}");
    assert_eq!(certifications(&t), 0);

    // No theme column: the theme is written in the message the file is attached to.
    let good = attach(&t, "メンター.csv", "ユーザー\nliam@contoso.example\n");
    let preview = send(&t, &kana, "育休", &good.attachment).await;
    let text = card_text(&preview);
    assert!(
        text.contains("**メンター.csv** を取り込めます: 1 行 — 新たに認定 1 人"),
        "{text}"
    );
    assert!(
        text.contains(&tr(Lang::Ja, "teams-filein-import-plain")),
        "{text}"
    );
    let done = t
        .execute(&kana, button_data(&preview, "admin.import.confirm"))
        .await;
    assert!(
        card_text(&done).contains("**メンター.csv** の取り込みが完了しました"),
        "{}",
        card_text(&done)
    );
    let liam_id = teams_uid(&liam);
    assert_eq!(
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM certifications WHERE user_id = '{liam_id}'"
        )),
        1
    );
    let card = t.card_containing(&liam, "certified as a mentor for").await;
    assert!(card_text(&card).contains("育休"), "{card}");
}

#[tokio::test]
async fn a_non_admins_file_and_forged_import_change_nothing() {
    let t = start_with_admin(kana).await;
    let (kana, liam) = people(&t).await;

    // Liam is no admin: his file is not even downloaded.
    let file = attach(&t, "mentors.csv", CLEAN);
    let refused = send(&t, &liam, "", &file.attachment).await;
    assert!(
        card_text(&refused).contains(&tr(Lang::En, "teams-filein-admins-only")),
        "{refused}"
    );
    assert_eq!(t.teams.download_gets(&file.id), 0);

    // Nor does the console's Import dialog open for him.
    let data = serde_json::json!({"mb_action": "admin.import.open", "mb_value": "import"});
    let (status, body) = t.post(&t.teams.task_fetch(&liam, data)).await;
    assert_eq!(status, 200);
    assert_eq!(closing(&body), tr(Lang::En, "admin-only"), "{body}");

    // Kana previews the file; Liam presses a copy of its Import button: refused.
    let preview = send(&t, &kana, "", &file.attachment).await;
    let confirm = button_data(&preview, "admin.import.confirm");
    let gets = t.teams.download_gets(&file.id);
    let forged = t.execute(&liam, confirm.clone()).await;
    assert!(
        card_text(&forged).contains(&tr(Lang::En, "teams-filein-admins-only")),
        "{forged}"
    );
    assert_eq!(t.teams.download_gets(&file.id), gets, "not downloaded");
    assert_eq!(certifications(&t), 0);
    assert_eq!(certified_dms(&t), 0);
}

#[tokio::test]
async fn a_link_on_a_host_not_allowed_or_a_file_that_is_not_csv_is_not_fetched() {
    let t = start_with_admin(liam).await;
    let (_kana, liam) = people(&t).await;

    // The same fake file, named by a host TEAMS_FILE_HOSTS does not list.
    let file = attach(&t, "mentors.csv", CLEAN);
    let mut elsewhere = file.attachment.clone();
    let url = file.download_url.replace("127.0.0.1", "localhost");
    elsewhere["content"]["downloadUrl"] = Value::String(url);
    let refused = send(&t, &liam, "", &elsewhere).await;
    assert!(
        card_text(&refused).contains(&md(&tr(Lang::En, "teams-filein-host-refused"))),
        "{refused}"
    );
    assert_eq!(t.teams.download_gets(&file.id), 0);

    // A workbook, not CSV: refused with how to save it, not fetched.
    let sheet = t.teams.attach_file("mentors.xlsx", b"PK\x03\x04");
    let refused = send(&t, &liam, "", &sheet.attachment).await;
    let expected = t_args(
        Lang::En,
        "teams-filein-not-csv",
        &[("file", "mentors.xlsx")],
    );
    assert!(card_text(&refused).contains(&md(&expected)), "{refused}");
    assert_eq!(t.teams.download_gets(&sheet.id), 0);
    assert_eq!(certifications(&t), 0);
}

#[tokio::test]
async fn import_takes_only_the_file_previewed_while_its_link_works() {
    let t = start_with_admin(liam).await;
    let (_kana, liam) = people(&t).await;

    // The file changed after the preview: nothing imported, attach it again.
    let file = attach(&t, "mentors.csv", CLEAN);
    let preview = send(&t, &liam, "", &file.attachment).await;
    t.teams.replace_file(
        &file.id,
        b"person,theme\nliam@contoso.example,\xe8\x82\xb2\xe4\xbc\x91\n",
    );
    let changed = t
        .execute(&liam, button_data(&preview, "admin.import.confirm"))
        .await;
    let expected = t_args(Lang::En, "teams-filein-changed", &[("file", "mentors.csv")]);
    assert!(card_text(&changed).contains(&md(&expected)), "{changed}");
    assert_eq!(certifications(&t), 0);

    // The link expired after the preview: nothing imported, attach it again.
    let file = attach(&t, "mentors.csv", CLEAN);
    let preview = send(&t, &liam, "", &file.attachment).await;
    t.teams.expire_download(&file.id);
    let expired = t
        .execute(&liam, button_data(&preview, "admin.import.confirm"))
        .await;
    assert!(
        card_text(&expired).contains(&md(&tr(Lang::En, "teams-filein-expired"))),
        "{expired}"
    );
    assert_eq!(certifications(&t), 0);
    assert_eq!(certified_dms(&t), 0);
}
