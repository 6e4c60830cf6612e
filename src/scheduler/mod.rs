//! Time-driven work: the delivery worker and the scheduled jobs, all through durable rows.
//! `run_due` does once, at a given instant, what the running loop does continuously.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use futures::future::BoxFuture;
use tokio::sync::watch;

use crate::app::delivery::DeliveryReport;
use crate::app::ports::Messenger;
use crate::app::App;
use crate::domain::RetryPolicy;
use crate::storage;

/// A job that runs on a cron schedule (seconds minutes hours day-of-month month day-of-week, UTC):
/// its name (stored in `job_runs`, printed by `run-due`), its schedule and its runner, together.
pub struct Job {
    pub name: &'static str,
    pub schedule: &'static str,
    pub what: &'static str,
    pub run: JobRunner,
}

/// What a job does at `now`; a plain function so that every job is one entry of [`JOBS`].
pub type JobRunner = for<'a> fn(&'a App, DateTime<Utc>) -> BoxFuture<'a, anyhow::Result<()>>;

/// Every scheduled job. A test checks that each schedule parses.
pub const JOBS: &[Job] = &[
    Job {
        name: "housekeeping",
        schedule: "0 17 3 * * *",
        what: "forget processed event ids after 7 days and finished outbox rows after 90 days",
        run: housekeeping,
    },
    Job {
        name: "expire-requests",
        schedule: "0 * * * * *",
        what: "expire 1on1 requests nobody answered in time (both are told; the slot is freed)",
        run: expire_requests,
    },
    Job {
        name: "nudges",
        schedule: "0 7 * * * *",
        what: "nudge mentees with no 1on1 for N weeks and mentors with a request waiting over a day (once per period)",
        run: nudges,
    },
    Job {
        name: "surveys",
        schedule: "0 * * * * *",
        what: "open each survey occurrence that is due and still open (in the workspace's zone), once, and queue its DMs",
        run: surveys,
    },
];

fn surveys(app: &App, now: DateTime<Utc>) -> BoxFuture<'_, anyhow::Result<()>> {
    Box::pin(async move {
        let opened = app.queue_surveys(now).await?;
        if opened > 0 {
            tracing::info!(opened, "opened survey runs");
        }
        Ok(())
    })
}

fn nudges(app: &App, now: DateTime<Utc>) -> BoxFuture<'_, anyhow::Result<()>> {
    Box::pin(async move {
        let queued = app.queue_nudges(now).await?;
        if queued > 0 {
            tracing::info!(queued, "queued nudges");
        }
        Ok(())
    })
}

fn housekeeping(app: &App, now: DateTime<Utc>) -> BoxFuture<'_, anyhow::Result<()>> {
    Box::pin(async move {
        let (events, rows) = app.housekeeping(now).await?;
        tracing::info!(events, rows, "housekeeping done");
        Ok(())
    })
}

fn expire_requests(app: &App, now: DateTime<Utc>) -> BoxFuture<'_, anyhow::Result<()>> {
    Box::pin(async move {
        let expired = app.expire_requests(now).await?;
        if expired > 0 {
            tracing::info!(expired, "expired unanswered 1on1 requests");
        }
        Ok(())
    })
}

/// Rows left `sending` longer than this by another process are taken to be abandoned.
pub const ABANDONED_AFTER: Duration = Duration::minutes(2);
/// The worker looks at the queue at least this often even when nothing wakes it.
const IDLE_POLL: StdDuration = StdDuration::from_secs(30);

/// What one `run_due` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DueReport {
    pub delivery: DeliveryReport,
    pub jobs_run: Vec<&'static str>,
}

/// Runs every job whose schedule had an occurrence in (last run, now]. Missed occurrences
/// collapse into the latest one; a job that never ran looks back one day.
///
/// "Last run" is the latest occurrence claimed *at or before* `now`: occurrences a `run-due`
/// with a later `--now` claimed ahead of time never hold back the live scheduler (each
/// occurrence still runs at most once, as `job_runs` is unique on it).
pub async fn run_jobs_due(app: &App, now: DateTime<Utc>) -> anyhow::Result<Vec<&'static str>> {
    let mut ran = Vec::new();
    for job in JOBS {
        let schedule = cron::Schedule::from_str(job.schedule)
            .map_err(|e| anyhow::anyhow!("job {} has a bad schedule: {e}", job.name))?;
        let name = job.name;
        let last = app
            .db
            .call(move |c| storage::jobs::get_last_job_run(c, name, now))
            .await?
            .unwrap_or(now - Duration::days(1));
        let Some(occurrence) = schedule.after(&last).take_while(|t| *t <= now).last() else {
            continue;
        };
        let claimed = app
            .db
            .call(move |c| storage::jobs::insert_job_run(c, name, occurrence, now))
            .await?;
        if !claimed {
            continue;
        }
        (job.run)(app, now)
            .await
            .map_err(|e| e.context(format!("job {name}")))?;
        ran.push(name);
    }
    Ok(ran)
}

/// Everything due at `now`, once: abandoned sends recovered, due jobs run, then due rows
/// delivered until none is left due at `now` — including the DMs the jobs just queued, so one
/// run does all that is due at `now`. For operators catching up and for tests.
pub async fn run_due(
    app: &App,
    messenger: &dyn Messenger,
    policy: &RetryPolicy,
    now: DateTime<Utc>,
) -> anyhow::Result<DueReport> {
    // A `--now` in the future must not take a live bot's in-flight sends for abandoned ones.
    let recover_at = now.min(Utc::now());
    app.recover_in_doubt(recover_at, ABANDONED_AFTER).await?;
    let jobs_run = run_jobs_due(app, now).await?;
    let mut total = DeliveryReport::default();
    loop {
        let pass = app.deliver_due(messenger, policy, &|| now).await?;
        total.sent += pass.sent;
        total.retried += pass.retried;
        total.failed += pass.failed;
        total.dropped += pass.dropped;
        if pass == DeliveryReport::default() {
            break;
        }
    }
    Ok(DueReport {
        delivery: total,
        jobs_run,
    })
}

/// The delivery worker: sends due rows, runs due jobs, sleeps until the next due row, a
/// wake-up from a new row, or shutdown.
pub async fn run_worker(
    app: App,
    messenger: Arc<dyn Messenger>,
    policy: RetryPolicy,
    mut shutdown: watch::Receiver<bool>,
) {
    let wake = app.outbox_wake();
    loop {
        let now = Utc::now();
        if let Err(e) = app
            .deliver_due(messenger.as_ref(), &policy, &Utc::now)
            .await
        {
            tracing::error!(error = ?e, "delivery pass failed");
        }
        if let Err(e) = run_jobs_due(&app, now).await {
            tracing::error!(error = ?e, "scheduled jobs failed");
        }
        let pause = match app.next_delivery_at().await {
            Ok(Some(at)) => (at - Utc::now())
                .to_std()
                .unwrap_or(StdDuration::ZERO)
                .min(IDLE_POLL),
            Ok(None) => IDLE_POLL,
            Err(e) => {
                tracing::error!(error = ?e, "could not read the queue");
                IDLE_POLL
            }
        };
        tokio::select! {
            _ = tokio::time::sleep(pause) => {}
            _ = wake.notified() => {}
            _ = shutdown.changed() => return,
        }
        if *shutdown.borrow() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_schedule_parses_and_names_are_unique() {
        let mut names = std::collections::HashSet::new();
        for job in JOBS {
            assert!(
                cron::Schedule::from_str(job.schedule).is_ok(),
                "{}",
                job.name
            );
            assert!(names.insert(job.name), "duplicate job {}", job.name);
            assert!(!job.what.is_empty());
        }
    }
}
