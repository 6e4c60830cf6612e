//! Insight, program analytics and tips in Teams: `insight` / `stats` typed in the chat (インサイト,
//! 統計), their buttons (the Home's, a theme's analytics, Write a tip, Hide) and the tip dialog's
//! submit. Every permission is checked by the use cases in `app::insight`, as in Slack, so a
//! forged press gets the same refusal and changes nothing.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::actions::{dialog, dialog_message, text};
use super::{Reply, Sender, TeamsState};
use crate::app::actions::{InsightAction, InsightForm};
use crate::app::errors::{Message, UserError};
use crate::app::insight::{InsightError, TipDraft};
use crate::app::surveys::SurveyError;
use crate::domain::insight::TipError;
use crate::domain::SubCommand;
use crate::i18n::t;
use crate::teams::cards::{self, tip_inputs};

/// A refusal's message; a failure goes up.
fn refusal(user: &crate::domain::UserId, error: InsightError) -> anyhow::Result<Message> {
    match error {
        InsightError::Internal(e) => Err(e),
        e => {
            tracing::info!(user = %user, error = %e, "insight refused in Teams");
            Ok(e.message())
        }
    }
}

/// The card `action` shows, or why not.
async fn shown(
    state: &TeamsState,
    sender: &Sender,
    action: &InsightAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Value, Message>> {
    let app = &state.app;
    let (user, reader) = (&sender.user, &sender.reader);
    let result = match action {
        InsightAction::Mine => app
            .mentor_insight(user)
            .await
            .map(|s| cards::insight_card(&s, reader)),
        InsightAction::Stats { theme } => match app.program_stats(user, *theme, now).await {
            Ok(screen) => {
                let names = app.display_names(cards::stats_people(&screen)).await?;
                let card = cards::stats_card(&screen, reader, &names);
                // The surveys' results the same reader may open (advisors: their themes').
                match app.readable_surveys(user).await {
                    Ok(readable) => Ok(cards::with_survey_results(card, reader.lang, &readable)),
                    Err(SurveyError::Internal(e)) => return Err(e),
                    Err(_) => Ok(card),
                }
            }
            Err(e) => Err(e),
        },
        InsightAction::WriteTip => app
            .tip_form(user)
            .await
            .map(|f| cards::tip_dialog(&f, reader, &TipDraft::default(), &[])),
        InsightAction::HideTip { tip } => app
            .hide_tip(user, *tip, now)
            .await
            .map(|()| cards::notice(&Message::new("insight-tip-hidden"), reader)),
        // An advisor's scope is edited in the Roles modal, which Teams does not draw yet.
        InsightAction::Scope { .. } => return Ok(Err(Message::new("teams-open-in-dialog"))),
    };
    match result {
        Ok(card) => Ok(Ok(card)),
        Err(e) => Ok(Err(refusal(user, e)?)),
    }
}

/// `insight` / `stats` typed in the chat: the card, or the refusal as a card.
pub(super) async fn command(
    state: &Arc<TeamsState>,
    sender: &Sender,
    sub: SubCommand,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    let action = match sub {
        SubCommand::Insight => InsightAction::Mine,
        _ => InsightAction::Stats { theme: None },
    };
    card(state, sender, &action, now).await
}

/// An insight button pressed on a card (`Action.Execute`): the card that replaces it.
pub(super) async fn card(
    state: &Arc<TeamsState>,
    sender: &Sender,
    action: &InsightAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    Ok(match shown(state, sender, action, now).await? {
        Ok(card) => card,
        Err(message) => cards::notice(&message, &sender.reader),
    })
}

/// An insight button that opens a dialog (`task/fetch`, or a button inside a dialog).
pub(super) async fn fetch(
    state: &Arc<TeamsState>,
    sender: &Sender,
    action: &InsightAction,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let title = match action {
        InsightAction::Stats { .. } => "stats-title-plain",
        InsightAction::WriteTip => "insight-tip-title-plain",
        _ => "insight-title-plain",
    };
    Ok(match shown(state, sender, action, now).await? {
        Ok(card) => dialog(&t(sender.reader.lang, title), card),
        Err(message) => dialog_message(text(sender, &message)),
    })
}

fn field(data: &Value, id: &str) -> String {
    data.get(id)
        .and_then(Value::as_str)
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// The tip dialog, submitted: saved through the same use case as Slack's, or shown again with
/// the field's error.
pub(super) async fn submit(
    state: &Arc<TeamsState>,
    sender: &Sender,
    form: InsightForm,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let app = &state.app;
    let (user, reader) = (&sender.user, &sender.reader);
    if form != InsightForm::Tip {
        return Ok(dialog_message(text(
            sender,
            &Message::new("teams-open-in-dialog"),
        )));
    }
    let chosen = |id| Some(field(data, id)).filter(|s| !s.is_empty());
    let draft = TipDraft {
        topic: chosen(tip_inputs::TOPIC),
        response: chosen(tip_inputs::RESPONSE),
        body: field(data, tip_inputs::BODY),
        signed: field(data, tip_inputs::SIGNED) == "true",
    };
    match app.write_tip(user, draft.clone(), now).await {
        Ok(_) => Ok(dialog_message(t(reader.lang, "insight-tip-saved"))),
        Err(e @ InsightError::Tip(kind)) => {
            let input = match kind {
                TipError::Unknown => tip_inputs::TOPIC,
                TipError::Empty | TipError::TooLong => tip_inputs::BODY,
            };
            let form = match app.tip_form(user).await {
                Ok(form) => form,
                Err(e) => return Ok(dialog_message(text(sender, &refusal(user, e)?))),
            };
            let errors = [(input, e.message())];
            Ok(dialog(
                &t(reader.lang, "insight-tip-title-plain"),
                cards::tip_dialog(&form, reader, &draft, &errors),
            ))
        }
        Err(e) => Ok(dialog_message(text(sender, &refusal(user, e)?))),
    }
}
