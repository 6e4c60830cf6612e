//! Teams: the rest of the office's console — topics (add, rename, retire), auto-share rules (by
//! email) and nudge settings as dialogs from the console card, with their field errors; a
//! non-admin's forged presses and submits are refused and change nothing.

use crate::support::teams::{
    actions, again, card_text, kana, liam, submit_data, with_inputs, TeamsBot,
};

use fake_teams::User;
use mentor_bot::app::actions::{Action, AdminAction, AdminCtx, AdminForm, Form, TopicOp};
use mentor_bot::domain::{Lang, UserId};
use mentor_bot::i18n::{t as tr, t_with, Arg};
use mentor_bot::teams::cards::kit::{action_data, form_data, md};
use serde_json::Value;

use crate::support::bot::eventually;
use crate::teams_admin::{ask, closing};

/// Kana (Teams, Japanese) is a program admin.
fn kana_admin(c: &mut mentor_bot::config::Config) {
    c.settings
        .admins
        .push(UserId::teams(&kana().aad_object_id).unwrap());
}

/// The data of the card's button titled exactly `title`.
fn button_data(card: &Value, title: &str) -> Value {
    actions(card)
        .into_iter()
        .find(|a| a["title"].as_str() == Some(title))
        .unwrap_or_else(|| panic!("no button {title:?} in {card}"))["data"]
        .clone()
}

/// The rebook weeks saved by `by` (0 before anyone saves; -1 when someone else saved).
fn saved(t: &TeamsBot, by: &str) -> i64 {
    if t.bot.count("SELECT COUNT(*) FROM nudge_settings") == 0 {
        return 0;
    }
    let sql = format!("SELECT COUNT(*) FROM nudge_settings WHERE updated_by = '{by}'");
    if t.bot.count(&sql) != 1 {
        return -1;
    }
    t.bot.count("SELECT rebook_weeks FROM nudge_settings")
}

async fn weeks_dialog(t: &TeamsBot, user: &User) -> Value {
    let console = ask(t, user, "管理").await;
    t.teams.check_card(&console).expect("a valid console card");
    let gone = tr(Lang::Ja, "teams-admin-more-in-slack");
    assert!(!gone.contains("リマインド"), "{gone}");
    let data = button_data(&console, &tr(Lang::Ja, "button-nudge-settings-plain"));
    t.fetch_dialog(user, data).await
}

#[tokio::test]
async fn a_teams_admin_sets_the_nudge_weeks_from_the_console_and_a_forged_one_is_refused() {
    let t = TeamsBot::start_with(kana_admin).await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;

    // Kana opens the dialog from the console: the default weeks are filled in.
    let dialog = weeks_dialog(&t, &kana).await;
    let text = card_text(&dialog);
    assert!(
        text.contains(&md(&tr(Lang::Ja, "nudge-settings-intro"))),
        "{text}"
    );
    assert!(dialog.to_string().contains(r#""value":"4""#), "{dialog}");
    let submit = actions(&dialog)
        .into_iter()
        .map(|a| a["data"].clone())
        .find(|d| d["mb_form"].is_string())
        .expect("a submit button");

    // Out of range: the dialog again with the field error, nothing saved.
    for typed in ["0", "53", "x"] {
        let body = t
            .submit_dialog(&kana, with_inputs(&submit, &[("weeks", typed)]))
            .await;
        assert_eq!(body["task"]["type"], "continue", "{body}");
        let again = body["task"]["value"]["card"]["content"].clone();
        t.teams.check_card(&again).expect("a valid dialog card");
        assert!(
            card_text(&again).contains(&md(&tr(Lang::Ja, "nudge-weeks-invalid"))),
            "{again}"
        );
        assert!(again.to_string().contains(&format!(r#""value":"{typed}""#)));
    }
    let kana_id = UserId::teams(&kana.aad_object_id).unwrap().to_string();
    assert_eq!(saved(&t, &kana_id), 0);

    // Six weeks: saved by Kana, and the dialog closes saying so.
    let body = t
        .submit_dialog(&kana, with_inputs(&submit, &[("weeks", " 6 ")]))
        .await;
    let said = t_with(
        Lang::Ja,
        "nudge-settings-saved",
        &[("weeks", Arg::Number(6))],
    );
    assert_eq!(closing(&body), said.replace('*', ""));
    assert_eq!(saved(&t, &kana_id), 6);
    // The dialog opened again shows the weeks saved.
    let dialog = weeks_dialog(&t, &kana).await;
    assert!(dialog.to_string().contains(r#""value":"6""#), "{dialog}");

    // Liam is no admin: his forged press and submit are refused, nothing changes.
    let refusal = tr(Lang::En, "admin-only");
    let press = action_data(&Action::Nudge(
        mentor_bot::app::actions::NudgeAction::Settings,
    ));
    let (_, opened) = t.post(&t.teams.task_fetch(&liam, press)).await;
    assert_eq!(closing(&opened), refusal);
    let form = form_data(&Form::Nudge(mentor_bot::app::actions::NudgeForm::Settings));
    let forged = t
        .submit_dialog(&liam, with_inputs(&form, &[("weeks", "1")]))
        .await;
    assert_eq!(closing(&forged), refusal);
    assert_eq!(saved(&t, &kana_id), 6);
}

fn live_topics(t: &TeamsBot) -> i64 {
    t.bot
        .count("SELECT COUNT(*) FROM topics WHERE archived_at IS NULL")
}

#[tokio::test]
async fn a_teams_admin_adds_renames_and_retires_topics_and_a_forged_one_is_refused() {
    let t = TeamsBot::start_with(kana_admin).await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    let ja = |key: &str| tr(Lang::Ja, key);

    // Kana opens Topics from the console: none yet.
    let console = ask(&t, &kana, "管理").await;
    let dialog = t
        .fetch_dialog(&kana, button_data(&console, &ja("button-topics-plain")))
        .await;
    let text = card_text(&dialog);
    assert!(text.contains(&md(&ja("topics-intro"))), "{text}");
    assert!(text.contains(&md(&ja("topics-none"))), "{text}");
    let add = submit_data(&dialog);

    // An empty name comes back with its field error; nothing added.
    let body = t
        .submit_dialog(&kana, with_inputs(&add, &[("name", "  ")]))
        .await;
    assert!(
        card_text(&again(&t, &body)).contains(&md(&ja("field-empty"))),
        "{body}"
    );
    assert_eq!(t.bot.count("SELECT COUNT(*) FROM topics"), 0);

    // 新規事業 is added: the dialog says so and lists it with its buttons.
    let body = t
        .submit_dialog(&kana, with_inputs(&add, &[("name", " 新規事業 ")]))
        .await;
    let listed = again(&t, &body);
    let text = card_text(&listed);
    assert!(text.contains("新規事業"), "{text}");
    assert!(!text.contains(&md(&ja("topics-none"))), "{text}");
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM topics WHERE name = '新規事業' AND archived_at IS NULL"),
        1
    );
    let topic = t.bot.count("SELECT id FROM topics WHERE name = '新規事業'");

    // The same name again (other width): the duplicate error, typed text kept, nothing added.
    let body = t
        .submit_dialog(&kana, with_inputs(&add, &[("name", "新規事業")]))
        .await;
    let dup = again(&t, &body);
    let said = mentor_bot::i18n::t_args(
        Lang::Ja,
        "field-duplicate-name",
        &[("existing", "新規事業")],
    );
    assert!(card_text(&dup).contains(&md(&said)), "{dup}");
    assert_eq!(t.bot.count("SELECT COUNT(*) FROM topics"), 1);

    // Rename: the dialog shows the name; an empty one is refused; a new one is stored.
    let rename = t
        .fetch_dialog(&kana, button_data(&listed, &ja("menu-rename-plain")))
        .await;
    assert!(
        rename.to_string().contains(r#""value":"新規事業""#),
        "{rename}"
    );
    let save = submit_data(&rename);
    let body = t
        .submit_dialog(&kana, with_inputs(&save, &[("name", "")]))
        .await;
    assert!(
        card_text(&again(&t, &body)).contains(&md(&ja("field-empty"))),
        "{body}"
    );
    let body = t
        .submit_dialog(&kana, with_inputs(&save, &[("name", "新規事業の立ち上げ")]))
        .await;
    let listed = again(&t, &body);
    assert!(
        card_text(&listed).contains("新規事業の立ち上げ"),
        "{listed}"
    );
    let sql =
        format!("SELECT COUNT(*) FROM topics WHERE id = {topic} AND name = '新規事業の立ち上げ'");
    assert_eq!(t.bot.count(&sql), 1);

    // Liam is no admin: each forged press and submit is refused, nothing changes.
    let refusal = tr(Lang::En, "admin-only");
    for action in [
        AdminAction::OpenTopics,
        AdminAction::Topic {
            topic,
            op: TopicOp::Rename,
        },
        AdminAction::Topic {
            topic,
            op: TopicOp::Retire,
        },
    ] {
        let press = action_data(&Action::Admin(action));
        let (_, opened) = t.post(&t.teams.task_fetch(&liam, press)).await;
        assert_eq!(closing(&opened), refusal);
    }
    let forged_ctx = AdminCtx {
        topic: Some(topic),
        ..AdminCtx::default()
    };
    for form in [
        Form::Admin(AdminForm::Topics, AdminCtx::default()),
        Form::Admin(AdminForm::TopicRename, forged_ctx),
    ] {
        let forged = t
            .submit_dialog(&liam, with_inputs(&form_data(&form), &[("name", "Forged")]))
            .await;
        assert_eq!(closing(&forged), refusal);
    }
    assert_eq!(t.bot.count("SELECT COUNT(*) FROM topics"), 1);
    assert_eq!(t.bot.count(&sql), 1);
    assert_eq!(live_topics(&t), 1);

    // Retire: gone from the list, kept in the database, the dialog says which.
    let retire = button_data(&listed, &ja("menu-retire-plain"));
    let retired = t.fetch_dialog(&kana, retire).await;
    let text = card_text(&retired);
    let said = mentor_bot::i18n::t_args(
        Lang::Ja,
        "topics-retired",
        &[("name", "新規事業の立ち上げ")],
    );
    assert!(text.contains(&md(&said)), "{text}");
    assert!(text.contains(&md(&ja("topics-none"))), "{text}");
    assert_eq!(live_topics(&t), 0);
    assert_eq!(t.bot.count("SELECT COUNT(*) FROM topics"), 1);
}

fn rules(t: &TeamsBot) -> i64 {
    t.bot.count("SELECT COUNT(*) FROM auto_share_rules")
}

#[tokio::test]
async fn a_teams_admin_adds_and_removes_auto_share_rules_by_email_and_a_forged_one_is_refused() {
    let t = TeamsBot::start_with(kana_admin).await;
    let kana = t.installed(kana()).await;
    let liam = t.installed(liam()).await;
    eventually("Liam's email from the member lookup", || {
        t.bot
            .count("SELECT COUNT(*) FROM teams_people WHERE email = 'liam@contoso.example'")
            == 1
    })
    .await;
    let theme = t
        .bot
        .started_mentor_with_hours("UEN", "TOEIC", "programs", None)
        .await;
    let ja = |key: &str| tr(Lang::Ja, key);
    let liam_id = UserId::teams(&liam.aad_object_id).unwrap().to_string();

    // Kana opens Auto-share from the console: no rules yet.
    let console = ask(&t, &kana, "管理").await;
    let dialog = t
        .fetch_dialog(&kana, button_data(&console, &ja("button-auto-share-plain")))
        .await;
    let text = card_text(&dialog);
    assert!(text.contains(&md(&ja("share-empty"))), "{text}");
    let add = submit_data(&dialog);

    // Nothing chosen: both field errors, nothing added.
    let body = t.submit_dialog(&kana, add.clone()).await;
    let text = card_text(&again(&t, &body));
    assert!(text.contains(&md(&ja("share-scope-one"))), "{text}");
    assert!(text.contains(&md(&ja("share-recipient-missing"))), "{text}");
    // An address nobody has: named in the error, nothing added.
    let theme_id = theme.to_string();
    let inputs = [
        ("share_theme", theme_id.as_str()),
        ("share_recipient", "nobody@contoso.example"),
    ];
    let body = t.submit_dialog(&kana, with_inputs(&add, &inputs)).await;
    let unknown = t_with(
        Lang::Ja,
        "teams-admin-emails-unknown",
        &[
            ("emails", Arg::Text("nobody@contoso.example")),
            ("count", Arg::Number(1)),
        ],
    );
    let text = card_text(&again(&t, &body));
    assert!(text.contains(&md(&unknown)), "{text}");
    assert_eq!(rules(&t), 0);

    // TOEIC's summaries also to Liam: added, and the dialog says so by name.
    let inputs = [
        ("share_theme", theme_id.as_str()),
        ("share_recipient", "liam@contoso.example"),
    ];
    let body = t.submit_dialog(&kana, with_inputs(&add, &inputs)).await;
    let listed = again(&t, &body);
    let text = card_text(&listed);
    assert!(text.contains("TOEIC"), "{text}");
    assert!(!text.contains(&md(&ja("share-empty"))), "{text}");
    let sql = format!(
        "SELECT COUNT(*) FROM auto_share_rules WHERE theme_id = {theme} AND recipient_id = '{liam_id}'"
    );
    assert_eq!(t.bot.count(&sql), 1);
    // A mentee's 1on1s shared with the mentee: refused, nothing added.
    let inputs = [
        ("share_mentee", "kana@contoso.example"),
        ("share_recipient", "kana@contoso.example"),
    ];
    let body = t.submit_dialog(&kana, with_inputs(&add, &inputs)).await;
    let text = card_text(&again(&t, &body));
    assert!(text.contains(&md(&ja("share-recipient-self"))), "{text}");
    assert_eq!(rules(&t), 1);

    // Liam is no admin: his forged presses and submit are refused, the rule stays.
    let refusal = tr(Lang::En, "admin-only");
    let rule = t.bot.count("SELECT id FROM auto_share_rules");
    for action in [
        AdminAction::OpenAutoShare,
        AdminAction::RemoveAutoShare { rule },
    ] {
        let press = action_data(&Action::Admin(action));
        let (_, opened) = t.post(&t.teams.task_fetch(&liam, press)).await;
        assert_eq!(closing(&opened), refusal);
    }
    let form = form_data(&Form::Admin(AdminForm::AutoShare, AdminCtx::default()));
    let inputs = [
        ("share_theme", theme_id.as_str()),
        ("share_recipient", "liam@contoso.example"),
    ];
    let forged = t.submit_dialog(&liam, with_inputs(&form, &inputs)).await;
    assert_eq!(closing(&forged), refusal);
    assert_eq!(t.bot.count(&sql), 1);
    assert_eq!(rules(&t), 1);

    // Kana removes it: the dialog says so, and nothing is left.
    let removed = t
        .fetch_dialog(&kana, button_data(&listed, &ja("button-remove-plain")))
        .await;
    let text = card_text(&removed);
    assert!(text.contains(&md(&ja("share-removed"))), "{text}");
    assert!(text.contains(&md(&ja("share-empty"))), "{text}");
    assert_eq!(rules(&t), 0);
}
