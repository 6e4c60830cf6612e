//! The rest of the office's console in Teams: the topics dialog (add, rename, retire) and the
//! nudge settings dialog. The use cases check the role on every action, so a non-admin's
//! forged press or submit is refused and changes nothing.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::actions::{dialog, dialog_message, text};
use super::admin::{actor, input, keyed, refused_dialog};
use super::{Reply, Sender, TeamsState};
use crate::app::actions::{AdminAction, AdminCtx, AdminForm, TopicOp};
use crate::app::admin::AdminError;
use crate::app::errors::{Message, MessageArg, UserError};
use crate::app::forms::{admin_field_errors, TopicInput};
use crate::app::nudges::NudgeError;
use crate::app::screens::TopicsScreen;
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
