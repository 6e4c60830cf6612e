//! Teams: the program office's console typed as `管理` / `admin` — the themes card, the theme
//! dialog with its field errors, archive, and certifying Slack and Teams people by email (each
//! told on their own platform), questions and roles; a non-admin's forged presses and submits
//! change nothing (`forged`).

use crate::support::teams::{
    actions, again, card_text, kana, liam, submit_data, teams_uid, with_inputs, TeamsBot,
};

use std::time::Duration;

use fake_teams::User;
use mentor_bot::domain::{Lang, UserId};
use mentor_bot::i18n::{t as tr, t_args};
use mentor_bot::teams::cards::kit::md;
use serde_json::Value;

use crate::support::bot::{eventually, text_of};
mod forged;

/// Kana (Teams, Japanese) is a program admin besides the Slack admin.
fn kana_admin(c: &mut mentor_bot::config::Config) {
    c.settings
        .admins
        .push(UserId::teams(&kana().aad_object_id).unwrap());
}

/// `user` types `words`; returns the card answering it.
pub(crate) async fn ask(t: &TeamsBot, user: &User, words: &str) -> Value {
    let before = t.chat(user).len();
    assert_eq!(t.say(user, words).await, 200);
    eventually("the answer", || t.chat(user).len() > before).await;
    crate::support::teams::card_of(t.chat(user).last().unwrap())
}

/// The data of the button titled exactly `title`.
fn button(card: &Value, title: &str) -> Value {
    actions(card)
        .into_iter()
        .find(|a| a["title"].as_str() == Some(title))
        .unwrap_or_else(|| panic!("no button {title:?} in {card}"))["data"]
        .clone()
}

pub(crate) fn closing(body: &Value) -> String {
    assert_eq!(body["task"]["type"], "message", "{body}");
    body["task"]["value"].as_str().unwrap().to_string()
}

pub(crate) fn themes(t: &TeamsBot) -> i64 {
    t.bot.count("SELECT COUNT(*) FROM themes")
}

pub(crate) fn certifications(t: &TeamsBot) -> i64 {
    t.bot.count("SELECT COUNT(*) FROM certifications")
}

#[tokio::test]
async fn a_teams_admin_runs_themes_questions_certification_by_email_and_roles_from_the_console() {
    let t = TeamsBot::start_with(kana_admin).await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    eventually("Liam's email from the member lookup", || {
        t.bot
            .count("SELECT COUNT(*) FROM teams_people WHERE email = 'liam@contoso.example'")
            == 1
    })
    .await;

    // Kana types 管理: the console, in Japanese, with no themes yet.
    let console = ask(&t, &kana, "管理").await;
    let text = card_text(&console);
    assert!(text.contains(&tr(Lang::Ja, "admin-title-plain")), "{text}");
    assert!(
        text.contains(&md(&tr(Lang::Ja, "admin-console-empty"))),
        "{text}"
    );
    t.teams.check_card(&console).expect("a valid card");

    // New theme: an empty name comes back with its field error, nothing created.
    let dialog = t
        .fetch_dialog(
            &kana,
            button(&console, &tr(Lang::Ja, "button-new-theme-plain")),
        )
        .await;
    assert!(card_text(&dialog).contains(&tr(Lang::Ja, "theme-name-label-plain")));
    let submit = submit_data(&dialog);
    let empty = t
        .submit_dialog(
            &kana,
            with_inputs(&submit, &[("name", "  "), ("category", "programs")]),
        )
        .await;
    assert!(
        card_text(&again(&t, &empty)).contains(&tr(Lang::Ja, "field-empty")),
        "{empty}"
    );
    assert_eq!(themes(&t), 0);
    let inputs = [
        ("name", "TOEIC"),
        ("category", "programs"),
        ("description", "英語の試験"),
    ];
    let saved = t.submit_dialog(&kana, with_inputs(&submit, &inputs)).await;
    assert_eq!(
        closing(&saved),
        t_args(Lang::Ja, "teams-admin-theme-saved", &[("name", "TOEIC")])
    );
    assert_eq!(themes(&t), 1);
    // The same name again (case and width ignored): its field error, typed values kept.
    let twice = t
        .submit_dialog(
            &kana,
            with_inputs(&submit, &[("name", "ｔｏｅｉｃ"), ("category", "work")]),
        )
        .await;
    let twice = again(&t, &twice);
    let duplicate = t_args(Lang::Ja, "field-duplicate-name", &[("existing", "TOEIC")]);
    assert!(card_text(&twice).contains(&duplicate), "{twice}");
    assert!(card_text(&twice).contains("ｔｏｅｉｃ"), "{twice}");
    assert_eq!(themes(&t), 1);

    // The console lists it with its counts; Kana certifies from its button.
    let console = ask(&t, &kana, "管理").await;
    assert!(card_text(&console).contains("TOEIC"), "{console}");
    let dialog = t
        .fetch_dialog(&kana, button(&console, &tr(Lang::Ja, "menu-certify-plain")))
        .await;
    let submit = submit_data(&dialog);
    // An unknown address: refused with the field's error naming it, nobody certified.
    let unknown = t
        .submit_dialog(
            &kana,
            with_inputs(
                &submit,
                &[("emails", "UEN@example.com\nnobody@contoso.example")],
            ),
        )
        .await;
    let unknown = again(&t, &unknown);
    assert!(
        card_text(&unknown).contains("nobody@contoso.example"),
        "{unknown}"
    );
    assert_eq!(certifications(&t), 0);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(t.bot.fake.messages_to("UEN").is_empty());

    // A Slack person and a Teams person by email: both certified, each told on their platform.
    let done = t
        .submit_dialog(
            &kana,
            with_inputs(
                &submit,
                &[("emails", "UEN@example.com\nliam@contoso.example")],
            ),
        )
        .await;
    let done = again(&t, &done);
    assert!(card_text(&done).contains("2 人を認定しました"), "{done}");
    assert_eq!(certifications(&t), 2);
    let liam_id = teams_uid(&liam);
    assert_eq!(
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM certifications WHERE user_id IN ('UEN', '{liam_id}')"
        )),
        2
    );
    eventually("Emma's DM in Slack", || {
        !t.bot.fake.messages_to("UEN").is_empty()
    })
    .await;
    let dm = &t.bot.fake.messages_to("UEN")[0];
    assert!(
        text_of(&dm.blocks).contains("certified as a mentor for *TOEIC*"),
        "{}",
        text_of(&dm.blocks)
    );
    let card = t.card_containing(&liam, "certified as a mentor for").await;
    assert!(card_text(&card).contains("TOEIC"), "{card}");

    // Edit: the dialog shows the theme's values; a new description is saved.
    let dialog = t
        .fetch_dialog(&kana, button(&console, &tr(Lang::Ja, "menu-edit-plain")))
        .await;
    assert!(card_text(&dialog).contains("英語の試験"), "{dialog}");
    let inputs = [
        ("name", "TOEIC"),
        ("category", "programs"),
        ("description", "英語の試験（L&R）"),
    ];
    let saved = t
        .submit_dialog(&kana, with_inputs(&submit_data(&dialog), &inputs))
        .await;
    closing(&saved);
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM themes WHERE description = '英語の試験（L&R）'"),
        1
    );

    // Questions: a choice with one option comes back with its error; two questions are added,
    // the second moved up, the first removed.
    let list = t
        .fetch_dialog(
            &kana,
            button(&console, &tr(Lang::Ja, "menu-questions-plain")),
        )
        .await;
    assert!(
        card_text(&list).contains(&tr(Lang::Ja, "questions-empty")),
        "{list}"
    );
    let add = |list: &Value| button(list, &tr(Lang::Ja, "button-add-question-plain"));
    let form = t.fetch_dialog(&kana, add(&list)).await;
    let submit = submit_data(&form);
    let one = [
        ("label", "目標スコア"),
        ("kind", "choice"),
        ("options", "600"),
        ("required", "true"),
    ];
    let one = t.submit_dialog(&kana, with_inputs(&submit, &one)).await;
    assert!(
        card_text(&again(&t, &one)).contains(&tr(Lang::Ja, "field-too-few-options")),
        "{one}"
    );
    let questions =
        "SELECT label FROM theme_questions WHERE removed_at IS NULL ORDER BY position, id";
    assert_eq!(t.bot.count("SELECT COUNT(*) FROM theme_questions"), 0);
    let first = [
        ("label", "目標スコア"),
        ("kind", "choice"),
        ("options", "600\n800"),
        ("required", "true"),
    ];
    let list = again(
        &t,
        &t.submit_dialog(&kana, with_inputs(&submit, &first)).await,
    );
    let form = t.fetch_dialog(&kana, add(&list)).await;
    let second = [("label", "勉強法"), ("kind", "text"), ("required", "false")];
    let list = again(
        &t,
        &t.submit_dialog(&kana, with_inputs(&submit_data(&form), &second))
            .await,
    );
    let labels = |t: &TeamsBot| -> Vec<String> {
        let db = t.bot.db();
        let mut stmt = db.prepare(questions).unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(labels(&t), ["目標スコア", "勉強法"]);
    let up = button(&list, &tr(Lang::Ja, "menu-question-up-plain"));
    let list = again(&t, &t.submit_dialog(&kana, up).await);
    assert_eq!(labels(&t), ["勉強法", "目標スコア"]);
    let remove = actions(&list)
        .into_iter()
        .rev()
        .find(|a| a["title"] == tr(Lang::Ja, "menu-question-remove-plain"))
        .unwrap()["data"]
        .clone();
    again(&t, &t.submit_dialog(&kana, remove).await);
    assert_eq!(labels(&t), ["勉強法"]);

    // Roles: Liam is made an advisor by his address (an unknown one is refused first), then
    // the role is revoked from the same dialog.
    let dialog = t
        .fetch_dialog(&kana, button(&console, &tr(Lang::Ja, "button-roles-plain")))
        .await;
    let submit = submit_data(&dialog);
    let unknown = t
        .submit_dialog(
            &kana,
            with_inputs(
                &submit,
                &[("email", "nobody@contoso.example"), ("role", "advisor")],
            ),
        )
        .await;
    assert!(
        card_text(&again(&t, &unknown)).contains("nobody@contoso.example"),
        "{unknown}"
    );
    let advisors = "SELECT COUNT(*) FROM user_roles WHERE role = 'advisor'";
    assert_eq!(t.bot.count(advisors), 0);
    let granted = t
        .submit_dialog(
            &kana,
            with_inputs(
                &submit,
                &[("email", "liam@contoso.example"), ("role", "advisor")],
            ),
        )
        .await;
    let granted = again(&t, &granted);
    assert!(card_text(&granted).contains("Liam Walsh"), "{granted}");
    assert_eq!(t.bot.count(advisors), 1);
    let revoke = actions(&granted)
        .into_iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|s| s.contains("Liam Walsh"))
        })
        .expect("a revoke button naming Liam")["data"]
        .clone();
    // A button inside a dialog comes back as the dialog's submit.
    let revoked = t.submit_dialog(&kana, revoke).await;
    again(&t, &revoked);
    assert_eq!(t.bot.count(advisors), 0);

    // Archive from the console: the card redrawn in place says so.
    let archived = t
        .execute(&kana, button(&console, &tr(Lang::Ja, "menu-archive-plain")))
        .await;
    assert!(card_text(&archived).contains(&tr(Lang::Ja, "button-show-archived-plain")));
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM themes WHERE archived_at IS NOT NULL"),
        1
    );
    assert!(
        t.teams.rejections().is_empty(),
        "{:?}",
        t.teams.rejections()
    );
}
