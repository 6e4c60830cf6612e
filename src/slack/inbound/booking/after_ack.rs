//! Find's presses (the Home's Find, Next/previous page, New search) acknowledged first: the
//! search and `views.open`/`views.update` run after the empty 200, bounded like `/mentor find`
//! by the pending budget. When the budget and its queue are full, the press holds its ack a
//! moment for a queue place (the client waits rather than its press being lost); if none frees,
//! a small "busy, try again" notice is pushed over the person's modal (their results stay below
//! it). Notices wait a moment for their own bounded budget; only past every bound is a press
//! dropped (and logged), so overload never grows memory.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

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
/// How long a press holds its ack for a queue place, and a notice waits for a place.
const HOLD: Duration = Duration::from_millis(800);
/// A busy notice is pushed with the press's trigger id, which lives 3 s from the click (part of
/// which went on the way to us): past this long after the press arrived (holding, then the
/// queue's 0.4 s, then waiting for a notice place), the notice is given up.
const NOTICE_DEADLINE: Duration = Duration::from_millis(1600);
/// Presses dropped since the last warning, and the second (Unix time) of that warning: under
/// sustained overload the log gets a line a second with a count, not a line per press.
static DROPPED: AtomicU64 = AtomicU64::new(0);
static WARNED_AT: AtomicU64 = AtomicU64::new(0);

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
    let arrived = tokio::time::Instant::now();
    let state = state.clone();
    let (user, trigger_id) = (user.clone(), trigger_id.map(str::to_string));
    let (view, form) = (view.cloned(), form.cloned());
    let Some(place) = state.pending.enter_within(HOLD).await else {
        return busy_notice(state, user, trigger_id, view, arrived);
    };
    tokio::spawn(async move {
        let Some(_permit) = place.ready().await else {
            return busy_notice(state, user, trigger_id, view, arrived);
        };
        let (trigger_id, view, form) = (trigger_id.as_deref(), view.as_ref(), form.as_ref());
        super::on_action(&state, &user, trigger_id, action, view, form, now).await;
    });
}

/// Pushes "busy, try again" over the person's modal, once one of the notices' places is free
/// within [`HOLD`] and before [`NOTICE_DEADLINE`]; past that, or when too many notices wait
/// already, the press is dropped and counted in the log.
fn busy_notice(
    state: Arc<SlackState>,
    user: UserId,
    trigger_id: Option<String>,
    view: Option<ViewRef>,
    arrived: tokio::time::Instant,
) {
    let Ok(waiting) = NOTICES_WAITING.try_acquire() else {
        return dropped(&user, "256 busy notices waiting already");
    };
    tokio::spawn(async move {
        let left =
            (arrived + NOTICE_DEADLINE).saturating_duration_since(tokio::time::Instant::now());
        // A zero wait still takes a place that is free now (the permit is tried first).
        let notice = tokio::time::timeout(left.min(HOLD), BUSY_NOTICES.acquire()).await;
        drop(waiting);
        let Ok(Ok(_notice)) = notice else {
            return dropped(
                &user,
                "no busy notice place before the trigger id would expire",
            );
        };
        let lang = state.app.known_lang(&user).await;
        let busy = views::done(lang, t(lang, "busy-try-again"));
        if let Err(e) = show_modal(&state, trigger_id.as_deref(), view.as_ref(), busy).await {
            tracing::debug!(user = %user, error = %e, "busy notice not shown");
        }
    });
}

/// Counts a press that got no answer at all, and warns at most once a second with the count.
fn dropped(user: &UserId, why: &str) {
    DROPPED.fetch_add(1, Ordering::Relaxed);
    let second = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let last = WARNED_AT.load(Ordering::Relaxed);
    if second != last
        && WARNED_AT
            .compare_exchange(last, second, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    {
        let count = DROPPED.swap(0, Ordering::Relaxed);
        tracing::warn!(user = %user, dropped = count, reason = why, "busy: find presses dropped without an answer since the last warning");
    }
}
