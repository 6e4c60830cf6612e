//! The rest of the office's console in Teams: the topics dialog (add, rename, retire), the
//! auto-share dialog (list, add by email, remove) and the nudge settings dialog. The use cases check the role on every action, so a non-admin's
//! forged press or submit is refused and changes nothing.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::actions::{dialog, dialog_message, text};
use super::admin::{actor, input, keyed, refused_dialog, unknown};
use super::{Reply, Sender, TeamsState};
use crate::app::actions::{AdminAction, AdminCtx, AdminForm, TopicOp};
use crate::app::admin::AdminError;
use crate::app::errors::{Message, MessageArg, UserError};
use crate::app::forms::{admin_field_errors, TopicInput};
use crate::app::nudges::NudgeError;
use crate::app::screens::{AutoShareScreen, ShareField, ShareInput, ShareScopeView, TopicsScreen};
use crate::domain::UserId;
use crate::teams::cards::admin2::{share_inputs, ShareTyped};
use crate::teams::cards::{admin2 as views, kit::error_texts};

fn topics_dialog(
    sender: &Sender,
    screen: &TopicsScreen,
    typed: &str,
    errors: &[(&str, Message)],
) -> Reply {
    let errors = error_texts(&sender.reader, errors);
    let card = views::topics(screen, &sender.reader, typed, &errors);
    dialog(
        &crate::i18n::t(sender.reader.lang, "topics-title-plain"),
        card,
    )
}

/// The topics list with the field to add one, or the refusal.
async fn topics_list(
    state: &TeamsState,
    sender: &Sender,
    typed: &str,
    errors: &[(&str, Message)],
) -> anyhow::Result<Reply> {
    match state.app.topics_screen(&actor(sender), None).await {
        Ok(screen) => Ok(topics_dialog(sender, &screen, typed, errors)),
        Err(e) => refused_dialog(sender, e),
    }
}

async fn rename_dialog(
    state: &TeamsState,
    sender: &Sender,
    topic: i64,
    typed: Option<&str>,
    errors: &[(&str, Message)],
) -> anyhow::Result<Reply> {
    let screen = match state.app.topic_rename_screen(&actor(sender), topic).await {
        Ok(screen) => screen,
        Err(e) => return refused_dialog(sender, e),
    };
    let errors = error_texts(&sender.reader, errors);
    let card = views::topic_rename(&screen, &sender.reader, typed, &errors);
    Ok(dialog(
        &crate::i18n::t(sender.reader.lang, "topic-rename-title-plain"),
        card,
    ))
}

/// "Topics" on the console, or a topic's Rename / Retire in the topics dialog.
pub(super) async fn topics_fetch(
    state: &TeamsState,
    sender: &Sender,
    action: &AdminAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    match *action {
        AdminAction::Topic {
            topic,
            op: TopicOp::Rename,
        } => rename_dialog(state, sender, topic, None, &[]).await,
        AdminAction::Topic {
            topic,
            op: TopicOp::Retire,
        } => match state.app.retire_topic(&actor(sender), topic, now).await {
            Ok(screen) => Ok(topics_dialog(sender, &screen, "", &[])),
            Err(e) => refused_dialog(sender, e),
        },
        _ => topics_list(state, sender, "", &[]).await,
    }
}

/// The topics dialog submitted (a topic added) or the rename dialog (`ctx.topic` renamed);
/// the dialog again with the field errors when the name is refused.
pub(super) async fn topics_submit(
    state: &TeamsState,
    sender: &Sender,
    form: AdminForm,
    ctx: &AdminCtx,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let who = actor(sender);
    let typed = input(data, views::TOPIC_NAME);
    let entered = TopicInput {
        name: typed.clone(),
    };
    let rename = match (form, ctx.topic) {
        (AdminForm::TopicRename, Some(topic)) => Some(topic),
        (AdminForm::TopicRename, None) => return refused_dialog(sender, AdminError::NotFound),
        _ => None,
    };
    let errors = match entered.validate() {
        Err(errors) => keyed(errors),
        Ok(name) => {
            let saved = match rename {
                Some(topic) => app
                    .rename_topic(&who, topic, name.as_str(), now)
                    .await
                    .map(|()| None),
                None => app.add_topic(&who, name.as_str(), now).await.map(Some),
            };
            match saved {
                Ok(Some(added)) => {
                    return match app.topics_after_add(&who, added).await {
                        Ok(screen) => Ok(topics_dialog(sender, &screen, "", &[])),
                        Err(e) => refused_dialog(sender, e),
                    }
                }
                Ok(None) => return topics_list(state, sender, "", &[]).await,
                Err(AdminError::Invalid(errors)) => keyed(admin_field_errors(&errors)),
                Err(e) => return refused_dialog(sender, e),
            }
        }
    };
    match rename {
        Some(topic) => rename_dialog(state, sender, topic, Some(&typed), &errors).await,
        None => topics_list(state, sender, &typed, &errors).await,
    }
}

/// "Nudge settings" pressed: the dialog with the weeks set, or the refusal.
pub(super) async fn nudge_fetch(state: &TeamsState, sender: &Sender) -> anyhow::Result<Reply> {
    if let Err(e) = state.app.require_admin(&actor(sender)).await {
        return refused_dialog(sender, e);
    }
    let weeks = state.app.rebook_weeks().await?;
    Ok(nudge_dialog(sender, &weeks.to_string(), &[]))
}

fn nudge_dialog(sender: &Sender, weeks: &str, errors: &[(&str, Message)]) -> Reply {
    let lang = sender.reader.lang;
    let errors = error_texts(&sender.reader, errors);
    let card = views::nudge_settings(lang, weeks, &errors);
    dialog(&crate::i18n::t(lang, "nudge-settings-title-plain"), card)
}

/// The nudge settings submitted: saved (admins only, checked by the use case), or the dialog
/// again with the field error.
pub(super) async fn nudge_submit(
    state: &TeamsState,
    sender: &Sender,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let typed = input(data, views::WEEKS);
    match state
        .app
        .set_rebook_weeks(&actor(sender), &typed, now)
        .await
    {
        Ok(weeks) => Ok(dialog_message(text(
            sender,
            &Message::new("nudge-settings-saved")
                .with("weeks", MessageArg::Number(i64::from(weeks))),
        ))),
        Err(NudgeError::Weeks) => Ok(nudge_dialog(
            sender,
            &typed,
            &[(views::WEEKS, NudgeError::Weeks.message())],
        )),
        Err(NudgeError::Internal(e)) => Err(e),
        Err(NudgeError::NotAdmin) => refused_dialog(sender, AdminError::NotAdmin),
    }
}

/// The auto-share dialog with the names of the people it shows.
async fn share_dialog(
    state: &TeamsState,
    sender: &Sender,
    screen: &AutoShareScreen,
    typed: &ShareTyped,
    errors: &[(&str, Message)],
) -> anyhow::Result<Reply> {
    let mut people: Vec<UserId> = Vec::new();
    for row in &screen.rules {
        people.push(row.recipient.clone());
        if let ShareScopeView::Mentee(mentee) = &row.scope {
            people.push(mentee.clone());
        }
    }
    for (_, arg) in screen.flash.iter().flat_map(|f| &f.args) {
        if let MessageArg::User(user) = arg {
            people.push(user.clone());
        }
    }
    let names = state.app.display_names(people).await?;
    let errors = error_texts(&sender.reader, errors);
    let card = views::auto_share(screen, &sender.reader, &names, typed, &errors);
    let title = crate::i18n::t(sender.reader.lang, "share-title-plain");
    Ok(dialog(&title, card))
}

/// "Auto-share" on the console, or a rule's remove button in the dialog.
pub(super) async fn share_fetch(
    state: &TeamsState,
    sender: &Sender,
    action: &AdminAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let who = actor(sender);
    let screen = match *action {
        AdminAction::RemoveAutoShare { rule } => {
            state.app.remove_auto_share_rule(&who, rule, now).await
        }
        _ => state.app.auto_share_screen(&who, None).await,
    };
    match screen {
        Ok(screen) => share_dialog(state, sender, &screen, &ShareTyped::default(), &[]).await,
        Err(e) => refused_dialog(sender, e),
    }
}

/// The add-a-rule form submitted: the addresses looked up, the rule checked as in Slack,
/// then added; else the dialog again with the field errors.
pub(super) async fn share_submit(
    state: &TeamsState,
    sender: &Sender,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let who = actor(sender);
    let typed = ShareTyped {
        theme: input(data, share_inputs::THEME),
        mentee: input(data, share_inputs::MENTEE),
        recipient: input(data, share_inputs::RECIPIENT),
    };
    let mut errors: Vec<(&str, Message)> = Vec::new();
    let email = |typed: &str| typed.trim_matches(|c| c == '<' || c == '>').to_string();
    let mut people = [
        (share_inputs::MENTEE, email(&typed.mentee), None::<UserId>),
        (share_inputs::RECIPIENT, email(&typed.recipient), None),
    ];
    for (id, email, user) in people.iter_mut() {
        if email.is_empty() {
            continue;
        }
        let found = match app.people_by_email(&who, std::slice::from_ref(email)).await {
            Ok(found) => found,
            Err(e) => return refused_dialog(sender, e),
        };
        match found.found.into_iter().next() {
            Some(found) => *user = Some(found),
            None => errors.push((*id, unknown(std::slice::from_ref(email)))),
        }
    }
    let [(_, _, mentee), (_, _, recipient)] = people;
    let rule = ShareInput {
        theme: Some(typed.theme.clone()).filter(|t| !t.is_empty()),
        mentee,
        recipient,
    }
    .validate();
    let rule = match rule {
        Ok(rule) if errors.is_empty() => Some(rule),
        Ok(_) => None,
        Err(found) => {
            for (field, message) in found {
                let id = match field {
                    ShareField::Scope => share_inputs::MENTEE,
                    ShareField::Recipient => share_inputs::RECIPIENT,
                };
                // An unknown address already says what is wrong with its field.
                if !errors.iter().any(|(e, _)| *e == id) {
                    errors.push((id, message));
                }
            }
            None
        }
    };
    let screen = match rule {
        Some((scope, recipient)) => {
            let added = app.add_auto_share_rule(&who, scope, recipient, now).await;
            match added {
                Ok(screen) => {
                    let typed = ShareTyped::default();
                    return share_dialog(state, sender, &screen, &typed, &[]).await;
                }
                Err(e) => return refused_dialog(sender, e),
            }
        }
        None => app.auto_share_screen(&who, None).await,
    };
    match screen {
        Ok(screen) => share_dialog(state, sender, &screen, &typed, &errors).await,
        Err(e) => refused_dialog(sender, e),
    }
}
