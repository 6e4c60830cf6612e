//! What every handler shares: the state, the reader's language, showing a modal, and the
//! answer to an interaction. Kept apart from the router so feature handlers never import it.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use slack_morphism::prelude::*;

use crate::app::App;
use crate::domain::{Lang, UserId};
use crate::slack::inbound::payload::ViewRef;
use crate::slack::outbound::gateway::SlackGateway;

/// Everything a handler needs.
pub struct SlackState {
    pub app: App,
    pub gateway: Arc<SlackGateway>,
    /// Requests acknowledged whose work (a modal to open) still runs; when none is left and
    /// the short queue is full too, the bot answers "busy", so memory stays bounded under
    /// overload.
    pub pending: crate::slack::inbound::pending::Pending,
    /// Find modals drawn for every reader who mentors nothing.
    pub drawn: crate::slack::inbound::booking::drawn::DrawnFinds,
}

/// The reader's language, or the workspace default when even that cannot be loaded.
pub async fn user_lang(state: &SlackState, user: &UserId, now: DateTime<Utc>) -> Lang {
    match state.app.profile(user, now).await {
        Ok(profile) => state.app.reader(&profile).lang,
        Err(_) => state.app.settings.default_lang,
    }
}

/// Shows a modal: pushed over the modal the interaction came `from`, or opened on its own
/// when it came from a message or the App Home (whose payloads carry a `home` view, and where
/// `views.push` is not allowed).
pub async fn show_modal(
    state: &SlackState,
    trigger_id: Option<&str>,
    from: Option<&ViewRef>,
    view: SlackView,
) -> anyhow::Result<()> {
    let Some(trigger_id) = trigger_id else {
        anyhow::bail!("no trigger_id to open a modal with");
    };
    if from.is_some_and(ViewRef::is_modal) {
        state.gateway.push_view(trigger_id, view).await?;
    } else {
        state.gateway.open_view(trigger_id, view).await?;
    }
    Ok(())
}

/// [`show_modal`] for a view already serialised (see `booking::drawn`).
pub async fn show_drawn_modal(
    state: &SlackState,
    trigger_id: Option<&str>,
    from: Option<&ViewRef>,
    view: &serde_json::value::RawValue,
) -> anyhow::Result<()> {
    let Some(trigger_id) = trigger_id else {
        anyhow::bail!("no trigger_id to open a modal with");
    };
    let method = if from.is_some_and(ViewRef::is_modal) {
        "views.push"
    } else {
        "views.open"
    };
    state
        .gateway
        .show_drawn_view(method, trigger_id, view)
        .await?;
    Ok(())
}

/// The answer to an interaction: a plain ack, or (for a submitted modal) field errors or a
/// replacement view.
#[derive(Debug, Clone)]
pub enum InteractionReply {
    Ack,
    /// `response_action: errors`, keyed by input block id.
    Errors(HashMap<String, String>),
    /// `response_action: update`.
    Update(SlackView),
    /// The options an external select asked for (`block_suggestion`).
    Options(Value),
}

impl InteractionReply {
    /// The response body Slack expects (HTTP body or Socket Mode ack payload).
    pub fn body(&self) -> Option<Value> {
        match self {
            InteractionReply::Ack => None,
            InteractionReply::Errors(errors) => {
                Some(json!({"response_action": "errors", "errors": errors}))
            }
            InteractionReply::Update(view) => {
                Some(json!({"response_action": "update", "view": view}))
            }
            InteractionReply::Options(options) => Some(options.clone()),
        }
    }
}
