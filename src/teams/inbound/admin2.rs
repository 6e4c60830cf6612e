//! The rest of the office's console in Teams: the nudge settings dialog. The use case checks
//! the role when saved; the dialog is refused to non-admins too, as in Slack.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::actions::{dialog, dialog_message, text};
use super::{Reply, Sender, TeamsState};
use crate::app::admin::AdminError;
use crate::app::errors::{Message, MessageArg, UserError};
use crate::app::nudges::NudgeError;
use crate::teams::cards::admin2 as views;

/// "Nudge settings" pressed: the dialog with the weeks set, or the refusal.
pub(super) async fn nudge_fetch(state: &TeamsState, sender: &Sender) -> anyhow::Result<Reply> {
    if let Err(e) = state.app.require_admin(&super::admin::actor(sender)).await {
        return super::admin::refused_dialog(sender, e);
    }
    let weeks = state.app.rebook_weeks().await?;
    Ok(nudge_dialog(sender, &weeks.to_string(), &[]))
}

fn nudge_dialog(sender: &Sender, weeks: &str, errors: &[(&str, Message)]) -> Reply {
    let lang = sender.reader.lang;
    let errors = crate::teams::cards::kit::error_texts(&sender.reader, errors);
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
    let typed = super::admin::input(data, views::WEEKS);
    let actor = super::admin::actor(sender);
    match state.app.set_rebook_weeks(&actor, &typed, now).await {
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
        Err(NudgeError::NotAdmin) => super::admin::refused_dialog(sender, AdminError::NotAdmin),
    }
}
