//! The budget of work acknowledged but not done yet (find's searches and modals): a request
//! that finds the budget spent waits a moment for a place, in a bounded queue, before it is
//! answered "busy, try again". A burst is served instead of refused, sustained overload is
//! still refused within `wait`, and memory stays bounded by `running + queued`.
//!
//! A press acknowledged before its work runs has no answer of its own to say "busy" with (a
//! slash command's ack can carry the text; a button's cannot), so when the queue is full too
//! it may hold its ack a little for a queue place ([`Pending::enter_within`]): the client
//! waits instead of its press being dropped, and a closed loop of presses slows to what the
//! bot can serve. Holders are bounded as well. Places go to whoever waits first, so while
//! presses hold, a `/mentor find` that finds the budget and queue full is answered "busy" at
//! once rather than after its 0.4 s.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How long a request waits for a place before "busy": far inside Slack's 3 s for the ack.
pub const QUEUE_WAIT: Duration = Duration::from_millis(400);

pub struct Pending {
    running: Arc<Semaphore>,
    queue: Arc<Semaphore>,
    /// Requests holding their ack for a queue place.
    holding: Semaphore,
    wait: Duration,
}

/// A request's place: running now, or queued for a running place.
pub enum Place {
    Running(OwnedSemaphorePermit),
    Queued {
        slot: OwnedSemaphorePermit,
        running: Arc<Semaphore>,
        wait: Duration,
    },
}

impl Pending {
    /// `running` pieces of work at once, as many again waiting at most.
    pub fn new(running: usize) -> Self {
        Self::with(running, running, QUEUE_WAIT)
    }

    pub fn with(running: usize, queued: usize, wait: Duration) -> Self {
        Self {
            running: Arc::new(Semaphore::new(running)),
            queue: Arc::new(Semaphore::new(queued)),
            holding: Semaphore::new(running + queued),
            wait,
        }
    }

    /// A place for one more request, or `None` when both the budget and the queue are full
    /// (answer "busy" at once). Never waits: the caller may spawn with the place it got.
    pub fn enter(&self) -> Option<Place> {
        if let Ok(permit) = self.running.clone().try_acquire_owned() {
            return Some(Place::Running(permit));
        }
        let slot = self.queue.clone().try_acquire_owned().ok()?;
        Some(Place::Queued {
            slot,
            running: self.running.clone(),
            wait: self.wait,
        })
    }

    /// [`Self::enter`], or, when the budget and the queue are full, waiting at most `hold` for
    /// a queue place (bounded: as many hold at once as run and queue; past that, and after
    /// `hold`, `None` for busy).
    pub async fn enter_within(&self, hold: Duration) -> Option<Place> {
        if let Some(place) = self.enter() {
            return Some(place);
        }
        let _holding = self.holding.try_acquire().ok()?;
        let slot = tokio::time::timeout(hold, self.queue.clone().acquire_owned())
            .await
            .ok()?
            .ok()?;
        Some(Place::Queued {
            slot,
            running: self.running.clone(),
            wait: self.wait,
        })
    }

    /// [`Self::enter`], then waiting out a queued place: the permit to run, or `None` for busy.
    pub async fn acquire(&self) -> Option<OwnedSemaphorePermit> {
        self.enter()?.ready().await
    }
}

impl Place {
    /// The permit to run, once a running place frees up within the wait; `None`: busy.
    pub async fn ready(self) -> Option<OwnedSemaphorePermit> {
        match self {
            Place::Running(permit) => Some(permit),
            Place::Queued {
                slot,
                running,
                wait,
            } => {
                let permit = tokio::time::timeout(wait, running.acquire_owned()).await;
                drop(slot);
                permit.ok()?.ok()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_full_budget_queues_briefly_then_says_busy_and_a_full_queue_says_busy_at_once() {
        let pending = Pending::with(1, 1, Duration::from_millis(400));
        let first = pending.acquire().await.expect("a free place runs at once");
        // One waits for the running place; it gets it when the first ends within the wait.
        let queued = pending.enter().expect("the queue has room");
        assert!(
            pending.enter().is_none(),
            "budget and queue full: busy at once"
        );
        let waiter = tokio::spawn(queued.ready());
        tokio::time::sleep(Duration::from_millis(100)).await;
        drop(first);
        let second = waiter.await.unwrap().expect("served once the first ended");
        // Nobody ends within the wait: busy after it, and the queue place is given back.
        let started = tokio::time::Instant::now();
        assert!(pending.acquire().await.is_none());
        assert_eq!(started.elapsed(), Duration::from_millis(400));
        assert!(matches!(pending.enter(), Some(Place::Queued { .. })));
        drop(second);
        assert!(matches!(pending.enter(), Some(Place::Running(_))));
    }

    #[tokio::test(start_paused = true)]
    async fn a_full_queue_holds_a_press_for_a_place_and_bounds_the_holders() {
        let pending = Arc::new(Pending::with(1, 1, Duration::from_millis(400)));
        let hold = Duration::from_millis(1000);
        let _running = pending.acquire().await.expect("runs");
        let queued = pending.enter().expect("queued");
        // Budget and queue full: a press holds for the queue place, and gets it when the
        // queued one gives up.
        let holder = tokio::spawn({
            let pending = pending.clone();
            async move { pending.enter_within(hold).await }
        });
        tokio::time::sleep(Duration::from_millis(10)).await;
        // Two hold at most (running + queued): the third is refused at once.
        let second = tokio::spawn({
            let pending = pending.clone();
            async move { pending.enter_within(hold).await.is_some() }
        });
        tokio::time::sleep(Duration::from_millis(10)).await;
        let started = tokio::time::Instant::now();
        assert!(pending.enter_within(hold).await.is_none());
        assert_eq!(started.elapsed(), Duration::ZERO, "refused without waiting");
        assert!(queued.ready().await.is_none(), "busy after its wait");
        let held = holder.await.unwrap();
        assert!(
            matches!(held, Some(Place::Queued { .. })),
            "the freed queue place went to the holder"
        );
        // Nothing frees for the other within the hold (the holder keeps its place): busy.
        assert!(!second.await.unwrap());
        drop(held);
    }
}
