//! Teams: the rest of the office's console — nudge settings as a dialog from the console card,
//! with its field error; a non-admin's forged press and submit are refused and change nothing.

use fake_teams::User;
use mentor_bot::domain::{Lang, UserId};
use mentor_bot::i18n::{t as tr, t_with, Arg};
use mentor_bot::teams::cards::kit::{action_data, form_data, md};
use serde_json::Value;

use crate::support::teams::{actions, card_text, kana, liam, with_inputs, TeamsBot};
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
    let press = action_data(&mentor_bot::app::actions::Action::Nudge(
        mentor_bot::app::actions::NudgeAction::Settings,
    ));
    let (_, opened) = t.post(&t.teams.task_fetch(&liam, press)).await;
    assert_eq!(closing(&opened), refusal);
    let form = form_data(&mentor_bot::app::actions::Form::Nudge(
        mentor_bot::app::actions::NudgeForm::Settings,
    ));
    let forged = t
        .submit_dialog(&liam, with_inputs(&form, &[("weeks", "1")]))
        .await;
    assert_eq!(closing(&forged), refusal);
    assert_eq!(saved(&t, &kana_id), 6);
}
