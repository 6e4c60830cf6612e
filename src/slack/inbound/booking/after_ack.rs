//! Find's presses (the Home's Find, Next/previous page, New search) acknowledged first: the
//! search and `views.open`/`views.update` run after the empty 200, bounded like `/mentor find`
//! by the pending budget. When the budget and its queue are full, the press holds its ack a
//! moment for a queue place (the client waits rather than its press being lost); if none frees,
//! a small "busy, try again" notice is pushed over the person's modal (their results stay below
//! it). Notices wait a moment for their own bounded budget; only past every bound is a press
//! dropped (and logged), so overload never grows memory.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::Semaphore;

use crate::app::actions::{BookingAction, Form};
use crate::domain::UserId;
use crate::i18n::t;
use crate::slack::blocks::booking as views;
use crate::slack::inbound::context::{show_modal, SlackState};
use crate::slack::inbound::payload::ViewRef;

/// Busy notices being sent at once (each is one small Web API call).
static BUSY_NOTICES: Semaphore = Semaphore::const_new(16);
/// Busy notices waiting for one of those places.
static NOTICES_WAITING: Semaphore = Semaphore::const_new(256);
/// How long a press holds its ack for a queue place, and a notice waits for a place: together
/// with the queue's own wait, well inside the 3 s a trigger id (for `views.push`) lives.
const HOLD: Duration = Duration::from_millis(800);

/// Whether `action` is one of find's presses, answered before its work is done.
pub fn acks_first(action: &BookingAction) -> bool {
    matches!(
        action,
        BookingAction::Find | BookingAction::NewSearch | BookingAction::Page(_)
    )
}

/// Runs a find press after the ack (see the module comment); returns at once, or within
/// [`HOLD`] when the queue is full.
pub async fn press_after_ack(
    state: &Arc<SlackState>,
    user: &UserId,
    trigger_id: Option<&str>,
    action: BookingAction,
    view: Option<&ViewRef>,
    form: Option<&Form>,
    now: DateTime<Utc>,
) {
    let state = state.clone();
    let (user, trigger_id) = (user.clone(), trigger_id.map(str::to_string));
    let (view, form) = (view.cloned(), form.cloned());
    let Some(place) = state.pending.enter_within(HOLD).await else {
        return busy_notice(state, user, trigger_id, view);
    };
    tokio::spawn(async move {
        let Some(_permit) = place.ready().await else {
            return busy_notice(state, user, trigger_id, view);
        };
        let (trigger_id, view, form) = (trigger_id.as_deref(), view.as_ref(), form.as_ref());
        super::on_action(&state, &user, trigger_id, action, view, form, now).await;
    });
}

/// Pushes "busy, try again" over the person's modal, once one of the notices' places is free
/// within [`HOLD`]; past that, or when too many notices wait already, the press is dropped and
/// logged.
fn busy_notice(
    state: Arc<SlackState>,
    user: UserId,
    trigger_id: Option<String>,
    view: Option<ViewRef>,
) {
    let Ok(waiting) = NOTICES_WAITING.try_acquire() else {
        tracing::warn!(user = %user, "busy: find press dropped (busy notices full too)");
        return;
    };
    tokio::spawn(async move {
        let notice = tokio::time::timeout(HOLD, BUSY_NOTICES.acquire()).await;
        drop(waiting);
        let Ok(Ok(_notice)) = notice else {
            tracing::warn!(user = %user, "busy: find press dropped (no notice place in time)");
            return;
        };
        let lang = state.app.known_lang(&user).await;
        let busy = views::done(lang, t(lang, "busy-try-again"));
        if let Err(e) = show_modal(&state, trigger_id.as_deref(), view.as_ref(), busy).await {
            tracing::debug!(user = %user, error = %e, "busy notice not shown");
        }
    });
}
