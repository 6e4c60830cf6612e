//! The program office's console in Teams: `admin` typed in the chat, the console card's
//! buttons, and its dialogs (new / edit theme, certify by email). The same use cases as
//! Slack's console check the role on every action, so a non-admin's forged press or submit
//! gets "only program admins can do this" and changes nothing.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::actions::{dialog, dialog_message, text};
use super::{Reply, Sender, TeamsState};
use crate::app::actions::{AdminAction, AdminCtx, AdminForm, ThemeOp};
use crate::app::admin::{Actor, AdminError};
use crate::app::errors::{Message, MessageArg, UserError};
use crate::app::forms::{admin_field_errors, AdminField, AdminFieldErrors, ThemeInput};
use crate::domain::FieldError;
use crate::teams::cards::{self, admin as views};

mod questions;
mod roles;

pub(super) fn actor(sender: &Sender) -> Actor {
    Actor::User(sender.user.clone())
}

/// A refusal as a card, or the error when it is the bot's own.
fn refused(sender: &Sender, error: AdminError) -> anyhow::Result<Value> {
    match error {
        AdminError::Internal(e) => Err(e),
        e => Ok(cards::notice(&e.message(), &sender.reader)),
    }
}

/// A refusal closing the dialog, or the error when it is the bot's own.
pub(super) fn refused_dialog(sender: &Sender, error: AdminError) -> anyhow::Result<Reply> {
    match error {
        AdminError::Internal(e) => Err(e),
        e => Ok(dialog_message(text(sender, &e.message()))),
    }
}

/// `admin` typed in the chat: the console's first page, or the refusal Slack gives.
pub(super) async fn command(state: &TeamsState, sender: &Sender) -> anyhow::Result<Value> {
    console(state, sender, 0, false).await
}

async fn console(
    state: &TeamsState,
    sender: &Sender,
    page: usize,
    archived: bool,
) -> anyhow::Result<Value> {
    match state
        .app
        .console_screen(&actor(sender), page, archived)
        .await
    {
        Ok(screen) => Ok(views::console(&screen, &sender.reader)),
        Err(e) => refused(sender, e),
    }
}

/// A console button pressed on the card (`Action.Execute`): the console redrawn in place.
pub(super) async fn press(
    state: &TeamsState,
    sender: &Sender,
    action: &AdminAction,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    let page = data
        .get(views::PAGE_KEY)
        .and_then(Value::as_u64)
        .unwrap_or(0) as usize;
    let archived = data
        .get(views::ARCHIVED_KEY)
        .and_then(Value::as_bool)
        .unwrap_or(false);
    match *action {
        AdminAction::Page(page) => console(state, sender, page, archived).await,
        AdminAction::ShowArchived(archived) => console(state, sender, 0, archived).await,
        AdminAction::Theme {
            theme,
            op: op @ (ThemeOp::Archive | ThemeOp::Restore),
        } => {
            let archive = op == ThemeOp::Archive;
            match state
                .app
                .set_theme_archived(&actor(sender), theme, archive, now)
                .await
            {
                Ok(()) => console(state, sender, page, archived).await,
                Err(e) => refused(sender, e),
            }
        }
        _ => {
            // The role first: a non-admin is refused as in Slack, whatever they pressed.
            if let Err(e) = state.app.require_admin(&actor(sender)).await {
                return refused(sender, e);
            }
            Ok(cards::notice(
                &Message::new("teams-admin-more-in-slack"),
                &sender.reader,
            ))
        }
    }
}

/// A console button that opens a dialog (`task/fetch`).
pub(super) async fn fetch(
    state: &TeamsState,
    sender: &Sender,
    action: &AdminAction,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    match *action {
        AdminAction::NewTheme => theme_dialog(state, sender, None, None, &[]).await,
        AdminAction::Theme {
            theme,
            op: ThemeOp::Edit,
        } => theme_dialog(state, sender, Some(theme), None, &[]).await,
        AdminAction::Theme {
            theme,
            op: ThemeOp::Certify,
        } => certify_dialog(state, sender, theme, "", &[]).await,
        AdminAction::OpenRoles => roles::dialog(state, sender, None, "", &[]).await,
        AdminAction::OpenTopics | AdminAction::Topic { .. } => {
            super::admin2::topics_fetch(state, sender, action, now).await
        }
        AdminAction::OpenAutoShare | AdminAction::RemoveAutoShare { .. } => {
            super::admin2::share_fetch(state, sender, action, now).await
        }
        AdminAction::Theme {
            theme,
            op: ThemeOp::Questions,
        } => questions::list(state, sender, theme).await,
        AdminAction::AddQuestion { theme } => {
            questions::form(state, sender, theme, None, None, &[]).await
        }
        AdminAction::Question { question, op } => {
            questions::press(state, sender, question, op, data, now).await
        }
        AdminAction::RevokeRole { role, ref user } => {
            let revoked = state
                .app
                .revoke_role(&actor(sender), user.clone(), role, now)
                .await;
            match revoked {
                Ok(_) => roles::dialog(state, sender, None, "", &[]).await,
                Err(e) => refused_dialog(sender, e),
            }
        }
        _ => {
            let card = press(state, sender, action, data, now).await?;
            Ok(dialog("mentor-bot", card))
        }
    }
}

/// The theme dialog: the theme's values (or what was typed) and the field errors.
async fn theme_dialog(
    state: &TeamsState,
    sender: &Sender,
    theme: Option<i64>,
    entered: Option<ThemeInput>,
    errors: &[(&str, Message)],
) -> anyhow::Result<Reply> {
    let screen = match state.app.theme_form_screen(&actor(sender), theme).await {
        Ok(screen) => screen,
        Err(e) => return refused_dialog(sender, e),
    };
    let entered = entered.unwrap_or_else(|| match &screen.theme {
        Some(t) => ThemeInput {
            name: t.name.as_str().to_string(),
            category: Some(t.category.as_str().to_string()),
            description: t.description.clone(),
        },
        None => ThemeInput::default(),
    });
    let ctx = AdminCtx {
        theme,
        ..AdminCtx::default()
    };
    let errors = cards::kit::error_texts(&sender.reader, errors);
    let card = views::theme_dialog(&screen, &sender.reader, &entered, &errors, &ctx);
    let title = if theme.is_some() {
        "theme-edit-title-plain"
    } else {
        "theme-new-title-plain"
    };
    Ok(dialog(&crate::i18n::t(sender.reader.lang, title), card))
}

/// The certify dialog, with the addresses typed and the field errors.
async fn certify_dialog(
    state: &TeamsState,
    sender: &Sender,
    theme: i64,
    emails: &str,
    errors: &[(&str, Message)],
) -> anyhow::Result<Reply> {
    let screen = match state.app.certify_screen(&actor(sender), theme).await {
        Ok(screen) => screen,
        Err(e) => return refused_dialog(sender, e),
    };
    let people = screen.mentors.iter().map(|m| m.user.clone()).collect();
    let names = state.app.display_names(people).await?;
    let ctx = AdminCtx {
        theme: Some(theme),
        ..AdminCtx::default()
    };
    let errors = cards::kit::error_texts(&sender.reader, errors);
    let card = views::certify_dialog(&screen, &sender.reader, &names, emails, &errors, &ctx);
    let title = crate::i18n::t(sender.reader.lang, "certify-title-plain");
    Ok(dialog(&title, card))
}

pub(super) fn input(data: &Value, id: &str) -> String {
    data.get(id)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The dialog input each admin field is shown under.
fn input_id(field: AdminField) -> &'static str {
    match field {
        AdminField::ThemeCategory => views::inputs::CATEGORY,
        AdminField::ThemeDescription => views::inputs::DESCRIPTION,
        AdminField::CertifyUsers => views::inputs::EMAILS,
        AdminField::RoleUser => views::inputs::EMAIL,
        AdminField::QuestionLabel => views::inputs::LABEL,
        AdminField::QuestionKind => views::inputs::KIND,
        AdminField::QuestionOptions => views::inputs::OPTIONS,
        _ => views::inputs::NAME,
    }
}

pub(super) fn keyed(errors: AdminFieldErrors) -> Vec<(&'static str, Message)> {
    errors.into_iter().map(|(f, m)| (input_id(f), m)).collect()
}

/// The addresses typed, one a line (commas, semicolons and spaces separate them too).
fn emails(typed: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for email in typed
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(|e| e.trim_matches(|c| c == '<' || c == '>'))
        .filter(|e| !e.is_empty())
    {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(email)) {
            out.push(email.to_string());
        }
    }
    out
}

/// The field error naming the addresses nobody has.
pub(super) fn unknown(emails: &[String]) -> Message {
    Message::new("teams-admin-emails-unknown")
        .with("emails", MessageArg::Text(emails.join(", ")))
        .with("count", MessageArg::Number(emails.len() as i64))
}

/// A submitted admin dialog.
pub(super) async fn submit(
    state: &TeamsState,
    sender: &Sender,
    form: AdminForm,
    ctx: &AdminCtx,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let who = actor(sender);
    // The role first: a non-admin learns nothing from the form's errors.
    if let Err(e) = app.require_admin(&who).await {
        return refused_dialog(sender, e);
    }
    match form {
        AdminForm::Theme => {
            let entered = ThemeInput {
                name: input(data, views::inputs::NAME),
                category: Some(input(data, views::inputs::CATEGORY)).filter(|c| !c.is_empty()),
                description: input(data, views::inputs::DESCRIPTION),
            };
            let draft = match entered.validate() {
                Ok(draft) => draft,
                Err(errors) => {
                    let errors = keyed(errors);
                    return theme_dialog(state, sender, ctx.theme, Some(entered), &errors).await;
                }
            };
            let name = draft.name.as_str().to_string();
            let saved = match ctx.theme {
                Some(id) => app.update_theme(&who, id, draft, now).await,
                None => app.create_theme(&who, draft, now).await.map(|_| ()),
            };
            match saved {
                Ok(()) => Ok(dialog_message(crate::i18n::t_args(
                    sender.reader.lang,
                    "teams-admin-theme-saved",
                    &[("name", &name)],
                ))),
                Err(AdminError::Invalid(errors)) => {
                    let errors = keyed(admin_field_errors(&errors));
                    theme_dialog(state, sender, ctx.theme, Some(entered), &errors).await
                }
                Err(e) => refused_dialog(sender, e),
            }
        }
        AdminForm::Certify => {
            let Some(theme) = ctx.theme else {
                return refused_dialog(sender, AdminError::NotFound);
            };
            let typed = input(data, views::inputs::EMAILS);
            let list = emails(&typed);
            if list.is_empty() {
                let errors = [(views::inputs::EMAILS, FieldError::Empty.message())];
                return certify_dialog(state, sender, theme, &typed, &errors).await;
            }
            let found = match app.people_by_email(&who, &list).await {
                Ok(found) => found,
                Err(e) => return refused_dialog(sender, e),
            };
            if !found.unknown.is_empty() {
                // Nobody is certified while an address is wrong: the admin fixes the list.
                let errors = [(views::inputs::EMAILS, unknown(&found.unknown))];
                return certify_dialog(state, sender, theme, &typed, &errors).await;
            }
            let report = match app.certify(&who, theme, found.found, now).await {
                Ok(report) => report,
                Err(e) => return refused_dialog(sender, e),
            };
            let screen = match app.certify_result_screen(&who, theme, report).await {
                Ok(screen) => screen,
                Err(e) => return refused_dialog(sender, e),
            };
            let names = app.display_names(screen.report.already.clone()).await?;
            let title = crate::i18n::t(sender.reader.lang, "certify-title-plain");
            Ok(dialog(
                &title,
                views::certify_result(&screen, &sender.reader, &names),
            ))
        }
        AdminForm::Question => questions::submit(state, sender, ctx, data, now).await,
        AdminForm::Roles => roles::submit(state, sender, data, now).await,
        AdminForm::Topics | AdminForm::TopicRename => {
            super::admin2::topics_submit(state, sender, form, ctx, data, now).await
        }
        AdminForm::AutoShare => super::admin2::share_submit(state, sender, data, now).await,
        _ => Ok(dialog_message(text(
            sender,
            &Message::new("teams-admin-more-in-slack"),
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::emails;

    #[test]
    fn addresses_are_read_one_a_line_or_separated_and_each_once() {
        assert_eq!(
            emails("a@x.example\n b@x.example, <c@x.example>;A@X.example\n\n"),
            vec!["a@x.example", "b@x.example", "c@x.example"]
        );
        assert!(emails(" \n ,").is_empty());
    }
}
