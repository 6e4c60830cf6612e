//! Teams: a non-admin's forged console presses and dialog submits (themes, certification,
//! questions, roles) are refused as in Slack and change nothing.

use mentor_bot::app::actions::{Action, AdminAction, AdminCtx, AdminForm, Form, ThemeOp};
use mentor_bot::app::admin::Actor;
use mentor_bot::domain::{Lang, UserId};
use mentor_bot::i18n::t as tr;
use mentor_bot::teams::cards::kit::{action_data, form_data};

use super::{ask, certifications, closing, themes};
use crate::support::teams::{card_text, liam, teams_uid, with_inputs, TeamsBot};

#[tokio::test]
async fn a_non_admins_forged_console_presses_and_submits_are_refused_and_change_nothing() {
    let t = TeamsBot::start().await;
    let liam = t.installed(liam()).await;
    let theme = t
        .bot
        .started_mentor_with_hours("UEN", "TOEIC", "programs", Some(("目標", "800")))
        .await;
    let refusal = tr(Lang::En, "admin-only");

    // Typed: the same refusal as Slack's.
    let card = ask(&t, &liam, "admin").await;
    assert_eq!(card_text(&card).trim(), refusal);

    // A forged archive press.
    let archive = Action::Admin(AdminAction::Theme {
        theme,
        op: ThemeOp::Archive,
    });
    let pressed = t.execute(&liam, action_data(&archive)).await;
    assert_eq!(card_text(&pressed).trim(), refusal);
    // Forged dialogs: new theme and certify.
    for action in [
        Action::Admin(AdminAction::NewTheme),
        Action::Admin(AdminAction::Theme {
            theme,
            op: ThemeOp::Certify,
        }),
    ] {
        let (_, opened) = t
            .post(&t.teams.task_fetch(&liam, action_data(&action)))
            .await;
        assert_eq!(closing(&opened), refusal);
    }
    // Forged submits: a theme, a rename, and certifying himself.
    let new = form_data(&Form::Admin(AdminForm::Theme, AdminCtx::default()));
    let inputs = [("name", "Forged"), ("category", "work")];
    let forged = t.submit_dialog(&liam, with_inputs(&new, &inputs)).await;
    assert_eq!(closing(&forged), refusal);
    let ctx = AdminCtx {
        theme: Some(theme),
        ..AdminCtx::default()
    };
    let rename = form_data(&Form::Admin(AdminForm::Theme, ctx.clone()));
    let forged = t.submit_dialog(&liam, with_inputs(&rename, &inputs)).await;
    assert_eq!(closing(&forged), refusal);
    let certify = form_data(&Form::Admin(AdminForm::Certify, ctx.clone()));
    let forged = t
        .submit_dialog(
            &liam,
            with_inputs(&certify, &[("emails", "liam@contoso.example")]),
        )
        .await;
    assert_eq!(closing(&forged), refusal);
    // Forged questions: adding one, and removing one with the theme it names.
    let live = "SELECT COUNT(*) FROM theme_questions WHERE removed_at IS NULL";
    let before = t.bot.count(live);
    assert_eq!(before, 1);
    let question = form_data(&Form::Admin(AdminForm::Question, ctx.clone()));
    let inputs = [("label", "Forged"), ("kind", "text")];
    let forged = t
        .submit_dialog(&liam, with_inputs(&question, &inputs))
        .await;
    assert_eq!(closing(&forged), refusal);
    let mut remove = action_data(&Action::Admin(AdminAction::Question {
        question: t.bot.count("SELECT id FROM theme_questions"),
        op: mentor_bot::app::actions::QuestionOp::Remove,
    }));
    remove["mb_theme"] = serde_json::json!(theme);
    let (_, forged) = t.post(&t.teams.task_fetch(&liam, remove)).await;
    assert_eq!(closing(&forged), refusal);
    assert_eq!(t.bot.count(live), before);
    // Forged roles: making himself an admin, and revoking Emma's advisor role.
    let emma = UserId::parse("UEN").unwrap();
    let advisor = mentor_bot::domain::Role::Advisor;
    t.bot
        .app()
        .grant_role(&Actor::Cli, emma.clone(), advisor, chrono::Utc::now())
        .await
        .unwrap();
    let roles = form_data(&Form::Admin(AdminForm::Roles, AdminCtx::default()));
    let inputs = [("email", "liam@contoso.example"), ("role", "admin")];
    let forged = t.submit_dialog(&liam, with_inputs(&roles, &inputs)).await;
    assert_eq!(closing(&forged), refusal);
    let revoke = Action::Admin(AdminAction::RevokeRole {
        role: advisor,
        user: emma,
    });
    let (_, forged) = t
        .post(&t.teams.task_fetch(&liam, action_data(&revoke)))
        .await;
    assert_eq!(closing(&forged), refusal);
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM user_roles WHERE role = 'admin'"),
        0
    );
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM user_roles WHERE role = 'advisor'"),
        1
    );

    assert_eq!(themes(&t), 1);
    assert_eq!(
        t.bot
            .count("SELECT COUNT(*) FROM themes WHERE name = 'TOEIC' AND archived_at IS NULL"),
        1
    );
    assert_eq!(certifications(&t), 1, "only Emma's from the setup");
    assert_eq!(
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE actor = '{}'",
            teams_uid(&liam)
        )),
        0
    );
}
