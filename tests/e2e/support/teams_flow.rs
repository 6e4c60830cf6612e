//! A Teams mentee's request to a Teams mentor, step by step, and the outbox rows it makes:
//! what the Teams delivery and operations tests drive.

use chrono::{DateTime, Utc};
use fake_teams::User;
use mentor_bot::domain::Lang;
use mentor_bot::i18n;
use serde_json::Value;

use super::bot::eventually;
use super::teams::{
    action_titled, actions, card_of, card_text, choices, kana, teams_uid, with_inputs, TeamsBot,
};

/// One outbox row as the test reads it.
#[derive(Debug)]
pub struct Row {
    pub status: String,
    pub attempts: i64,
    pub failures: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
}

pub fn row(t: &TeamsBot, key: &str) -> Row {
    t.bot
        .db()
        .query_row(
            "SELECT status, attempts, failures, next_attempt_at, last_error FROM outbox
             WHERE dedupe_key = ?1",
            [key],
            |r| {
                Ok(Row {
                    status: r.get(0)?,
                    attempts: r.get(1)?,
                    failures: r.get(2)?,
                    next_attempt_at: r.get::<_, String>(3)?.parse().unwrap(),
                    last_error: r.get(4)?,
                })
            },
        )
        .unwrap_or_else(|e| panic!("no outbox row {key}: {e}"))
}

/// Kana (Teams, Japanese) installed the app and mentors 育休からの復帰 with hours.
pub async fn kana_mentors(t: &TeamsBot) -> User {
    let kana = t.installed(kana()).await;
    t.bot
        .started_mentor_with_hours(
            teams_uid(&kana).as_str(),
            "育休からの復帰",
            "programs",
            None,
        )
        .await;
    kana
}

/// Kana mentors; `mentee` (Teams) is installed; every welcome is out.
pub async fn with_mentor(t: &TeamsBot, mentee: fake_teams::NewUser) -> (User, User) {
    let kana = kana_mentors(t).await;
    let mentee = t.installed(mentee).await;
    settled(t).await;
    (kana, mentee)
}

/// Waits until nothing is left in the outbox that the worker should send now.
pub async fn settled(t: &TeamsBot) {
    eventually("the outbox is idle", || {
        t.bot
            .count("SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')")
            == 0
    })
    .await;
}

/// `mentee` finds Kana and opens the request dialog (the results card is itself a send).
pub async fn open_request(t: &TeamsBot, mentee: &User) -> Value {
    assert_eq!(
        t.say(mentee, "find 育休").await,
        200,
        "{:?}",
        t.teams.rejections()
    );
    let results = t.card_containing(mentee, "育休からの復帰").await;
    let data = actions(&results)
        .into_iter()
        .map(|a| a["data"].clone())
        .find(|d| {
            d["mb_action"]
                .as_str()
                .is_some_and(|a| a.starts_with("booking.request"))
        })
        .expect("a request button");
    t.fetch_dialog(mentee, data).await
}

/// `mentee` sends the request from the dialog; returns the 1on1's id.
pub async fn submit_request(t: &TeamsBot, mentee: &User, dialog: &Value, slot: usize) -> i64 {
    let slot = choices(dialog, "slot")[slot].1.clone();
    let topic = choices(dialog, "topic")[0].1.clone();
    let response = choices(dialog, "response")[0].1.clone();
    let lang = if mentee.locale.starts_with("ja") {
        Lang::Ja
    } else {
        Lang::En
    };
    let submit = action_titled(dialog, &i18n::t(lang, "button-send-plain"))["data"].clone();
    let body = t
        .submit_dialog(
            mentee,
            with_inputs(
                &submit,
                &[("slot", &slot), ("topic", &topic), ("response", &response)],
            ),
        )
        .await;
    assert_eq!(body["task"]["type"], "message", "{body}");
    t.bot
        .db()
        .query_row(
            "SELECT id FROM one_on_ones WHERE mentee_id = ?1 ORDER BY id DESC LIMIT 1",
            [teams_uid(mentee).as_str()],
            |r| r.get(0),
        )
        .unwrap()
}

/// The request cards (with an Accept button) that reached `mentor`'s chat, naming `mentee`.
pub fn request_cards(t: &TeamsBot, mentor: &User, mentee_name: &str) -> Vec<Value> {
    t.teams
        .sent()
        .into_iter()
        .filter(|s| !s.updated && s.conversation_id == mentor.conversation_id)
        .map(|s| card_of(&s.activity))
        .filter(|c| card_text(c).contains(mentee_name))
        .filter(|c| {
            actions(c).iter().any(|a| {
                a["data"]["mb_action"]
                    .as_str()
                    .is_some_and(|id| id.starts_with("booking.accept"))
            })
        })
        .collect()
}

/// Waits until the worker has tried the row at least once.
pub async fn tried(t: &TeamsBot, key: &str) {
    eventually(&format!("{key} tried"), || {
        t.bot.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key = '{key}' AND attempts > 0
             AND status != 'sending'"
        )) == 1
    })
    .await;
}
