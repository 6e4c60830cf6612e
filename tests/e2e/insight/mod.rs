//! Mentor insight, tips and program analytics (issue 11 items 4–7) through Slack: every
//! aggregate hides groups under 3 (proven with 2 and 3 ratings), advisors see only their
//! themes (scope set by an admin in the Roles modal), a tip reaches a matching brief and the
//! office hides it, and forged presses from people not entitled change nothing.

use crate::support;

use chrono::{Duration, Utc};
use mentor_bot::app::admin::Actor;
use mentor_bot::domain::{RetryPolicy, Role, UserId};
use mentor_bot::scheduler::run_due;
use mentor_bot::slack::outbound::gateway::SlackGateway;
use serde_json::{json, Value};
use support::bot::*;

pub(crate) fn uid(id: &str) -> UserId {
    UserId::parse(id).unwrap()
}

/// Adds held 1on1s of `mentor` in `theme` on `topic` × `response`, each rated with one of
/// `clarities` ("got the response": yes for the first `yes` of them), by distinct mentees.
pub(crate) fn rated(
    bot: &TestBot,
    mentor: &str,
    theme: i64,
    topic: &str,
    response: &str,
    clarities: &[i64],
    yes: usize,
) {
    let db = bot.db();
    for (i, clarity) in clarities.iter().enumerate() {
        let n: i64 = db
            .query_row("SELECT COUNT(*) FROM one_on_ones", [], |r| r.get(0))
            .unwrap();
        let start = Utc::now() - Duration::days(30) + Duration::hours(n);
        let at = |t: chrono::DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
        db.execute(
            "INSERT INTO one_on_ones (mentor_id, mentee_id, theme_id, starts_at, ends_at, status,
                                      topic, expected_response, created_at, updated_at, held)
             VALUES (?1, ?2, ?3, ?4, ?5, 'confirmed', ?6, ?7, ?4, ?4, 'held')",
            rusqlite::params![
                mentor,
                format!("UMENTEE{n}"),
                theme,
                at(start),
                at(start + Duration::hours(1)),
                topic,
                response
            ],
        )
        .unwrap();
        let id = db.last_insert_rowid();
        db.execute(
            "INSERT INTO one_on_one_ratings (one_on_one_id, mentee_id, clarity, got_response, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![
                id,
                format!("UMENTEE{n}"),
                clarity,
                if i < yes { "yes" } else { "no" },
                at(start)
            ],
        )
        .unwrap();
    }
}

/// Runs `/mentor <text>` as `user`: the modal it opened (by callback id), or the ephemeral
/// reply's text.
pub(crate) async fn command(bot: &TestBot, user: &str, text: &str) -> String {
    let (status, body) = bot.command_with_trigger(user, text).await;
    assert_eq!(status, 200);
    body
}

pub(crate) fn shown(bot: &TestBot, callback: &str) -> Value {
    bot.view_by_callback(callback).expect(callback)
}

mod limits;
mod mentor;
mod office;
mod tips;
