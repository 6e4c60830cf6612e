//! The bot with Teams beside Slack, against the strict fake of Microsoft's side (`fake_teams`):
//! activities signed with the fake's keys, POSTed to `/api/messages`, and what the bot sent
//! read back from the fake's Bot Connector.

use chrono::{DateTime, Utc};
use fake_teams::{Config as FakeConfig, FakeTeams, NewUser, User};
use mentor_bot::config::{Secret, TeamsConfig};
use mentor_bot::domain::{RetryPolicy, UserId};
use mentor_bot::scheduler::run_due;
use mentor_bot::startup;
use serde_json::Value;

use super::bot::{eventually, TestBot};

pub const APP_ID: &str = "3c2b1a09-8f7e-4d6c-9b5a-0123456789ab";
pub const APP_PASSWORD: &str = "test-only-client-secret";
pub const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";

/// The Slack test bot (UEN, UJA, the admin) with Teams configured against a fake tenant.
pub struct TeamsBot {
    pub bot: TestBot,
    pub teams: FakeTeams,
}

/// Kana (ja, Tokyo) and Liam (en, New York), Teams users of the fake tenant.
pub fn kana() -> NewUser {
    NewUser {
        aad_object_id: "0b7e3c1a-5d2f-4e8a-9c6b-1a2b3c4d5e6f".into(),
        name: "小林 加奈".into(),
        email: "kana@contoso.example".into(),
        locale: "ja-JP".into(),
        timezone: "Asia/Tokyo".into(),
    }
}

pub fn liam() -> NewUser {
    NewUser {
        aad_object_id: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a".into(),
        name: "Liam Walsh".into(),
        email: "liam@contoso.example".into(),
        locale: "en-US".into(),
        timezone: "America/New_York".into(),
    }
}

/// The bot's id for a Teams user.
pub fn teams_uid(user: &User) -> UserId {
    UserId::teams(&user.aad_object_id).unwrap()
}

impl TeamsBot {
    pub async fn start() -> TeamsBot {
        Self::start_with(|_| {}).await
    }

    /// [`TeamsBot::start`] with the configuration adjusted (e.g. a Teams person as an admin).
    pub async fn start_with(adjust: impl FnOnce(&mut mentor_bot::config::Config)) -> TeamsBot {
        let teams = FakeTeams::start(FakeConfig {
            app_id: APP_ID.into(),
            app_password: APP_PASSWORD.into(),
            tenant_id: TENANT.into(),
        })
        .await;
        let config = TeamsConfig {
            app_id: APP_ID.into(),
            app_password: Secret::new(APP_PASSWORD),
            tenant_id: TENANT.into(),
            openid_metadata_url: teams.openid_metadata_url(),
            issuer: teams.issuer(),
            token_url: teams.token_url(),
            service_url_hosts: vec![teams.service_host()],
            public_url: None,
            file_hosts: vec!["sharepoint.com".into()],
        };
        let bot = TestBot::start_with(|c| {
            c.teams = Some(config);
            adjust(c);
        })
        .await;
        TeamsBot { bot, teams }
    }

    pub fn messages_url(&self) -> String {
        format!("{}/api/messages", self.bot.url)
    }

    /// A person of the tenant who installed the app: the bot got the conversationUpdate and
    /// the installationUpdate Teams sends for it.
    pub async fn installed(&self, user: NewUser) -> User {
        let user = self.teams.add_user(user);
        let (status, _) = self.post(&self.teams.installed(&user)).await;
        assert_eq!(status, 200, "conversationUpdate accepted");
        let (status, _) = self
            .post(&self.teams.installation_update(&user, "add"))
            .await;
        assert_eq!(status, 200, "installationUpdate accepted");
        // The welcome comes through the outbox: wait for it, so what a test does next is
        // answered after it, in order.
        eventually("the welcome card", || !self.chat(&user).is_empty()).await;
        user
    }

    pub async fn post(&self, activity: &Value) -> (u16, Value) {
        self.teams.post(&self.messages_url(), activity).await
    }

    /// `user` types `text` in the personal chat.
    pub async fn say(&self, user: &User, text: &str) -> u16 {
        self.post(&self.teams.message(user, text)).await.0
    }

    /// Presses an `Action.Execute` button whose data is `data`; returns the card that replaces it.
    pub async fn execute(&self, user: &User, data: Value) -> Value {
        let (status, body) = self
            .post(&self.teams.card_action(user, "mb", data, None))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["statusCode"], 200, "{body}");
        let card = body["value"].clone();
        if card.is_object() {
            self.teams.check_card(&card).expect("a valid card");
        }
        card
    }

    /// Opens a dialog (`task/fetch`) from a button's data; returns the dialog's card.
    pub async fn fetch_dialog(&self, user: &User, data: Value) -> Value {
        let (status, body) = self.post(&self.teams.task_fetch(user, data)).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["task"]["type"], "continue", "{body}");
        let card = body["task"]["value"]["card"]["content"].clone();
        self.teams.check_card(&card).expect("a valid dialog card");
        card
    }

    /// Submits a dialog (`task/submit`) with the submit button's data and the inputs.
    pub async fn submit_dialog(&self, user: &User, data: Value) -> Value {
        let (status, body) = self.post(&self.teams.task_submit(user, data)).await;
        assert_eq!(status, 200, "{body}");
        body
    }

    /// The cards of `user`'s personal chat (latest version of each), oldest first.
    pub fn chat(&self, user: &User) -> Vec<Value> {
        self.teams.chat(user)
    }

    /// Waits until a card in `user`'s chat contains `marker`, and returns it.
    pub async fn card_containing(&self, user: &User, marker: &str) -> Value {
        let found = || {
            self.chat(user)
                .into_iter()
                .rev()
                .map(|a| card_of(&a))
                .find(|c| card_text(c).contains(marker))
        };
        eventually(&format!("a Teams card with {marker:?}"), || {
            found().is_some()
        })
        .await;
        found().expect("found above")
    }

    /// Everything due at `now`, as the scheduler would run it (Slack and Teams alike).
    pub async fn run_due(&self, now: DateTime<Utc>) {
        let db = startup::open_db(&self.bot.config).await.unwrap();
        let (app, platforms) = startup::build(&self.bot.config, db).unwrap();
        run_due(&app, platforms.ports.as_ref(), &RetryPolicy::default(), now)
            .await
            .unwrap();
    }
}

/// The Adaptive Card of a sent message activity.
pub fn card_of(activity: &Value) -> Value {
    activity["attachments"][0]["content"].clone()
}

/// Every text a person reads on a card: TextBlocks, fact titles and values, button titles,
/// choices.
pub fn card_text(v: &Value) -> String {
    let mut out = String::new();
    collect(v, &mut out);
    out
}

fn collect(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            for key in ["text", "title", "value", "placeholder", "label"] {
                if let Some(Value::String(t)) = map.get(key) {
                    out.push_str(t);
                    out.push('\n');
                }
            }
            for (k, child) in map {
                if k != "data" {
                    collect(child, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
        _ => {}
    }
}

/// Every action on a card (actions of ActionSets, card-level actions, selectActions), depth first.
pub fn actions(card: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    walk_actions(card, &mut out);
    out
}

fn walk_actions(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(t)) = map.get("type") {
                if t.starts_with("Action.") {
                    out.push(v.clone());
                }
            }
            for child in map.values() {
                walk_actions(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| walk_actions(i, out)),
        _ => {}
    }
}

/// The first action whose title contains `title`.
pub fn action_titled(card: &Value, title: &str) -> Value {
    actions(card)
        .into_iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains(title)))
        .unwrap_or_else(|| panic!("no action titled {title:?} in {card}"))
}

/// The choices of the `Input.ChoiceSet` with this id: (title, value).
pub fn choices(card: &Value, id: &str) -> Vec<(String, String)> {
    fn find(v: &Value, id: &str) -> Option<Value> {
        match v {
            Value::Object(map) => {
                if map.get("id").and_then(Value::as_str) == Some(id) {
                    return Some(v.clone());
                }
                map.values().find_map(|c| find(c, id))
            }
            Value::Array(items) => items.iter().find_map(|c| find(c, id)),
            _ => None,
        }
    }
    let input = find(card, id).unwrap_or_else(|| panic!("no input {id:?} in {card}"));
    input["choices"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|c| {
            (
                c["title"].as_str().unwrap_or_default().to_string(),
                c["value"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// A button's data with the dialog's inputs merged in, as Teams submits them.
pub fn with_inputs(data: &Value, inputs: &[(&str, &str)]) -> Value {
    let mut data = data.clone();
    for (k, v) in inputs {
        data[*k] = Value::String(v.to_string());
    }
    data
}

/// The data of the first button whose typed action starts with `prefix` (e.g. `booking.accept`).
pub fn button_data(card: &Value, prefix: &str) -> Value {
    actions(card)
        .into_iter()
        .map(|a| a["data"].clone())
        .find(|d| {
            d["mb_action"]
                .as_str()
                .is_some_and(|id| id.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no {prefix} button in {card}"))
}

/// The data of a dialog's submit button (it carries the form, `mb_form`).
pub fn submit_data(card: &Value) -> Value {
    actions(card)
        .into_iter()
        .map(|a| a["data"].clone())
        .find(|d| d["mb_form"].is_string())
        .unwrap_or_else(|| panic!("no submit button in {card}"))
}

/// What a closed dialog said (a `task/submit` answered with a message).
pub fn closing(body: &Value) -> String {
    assert_eq!(body["task"]["type"], "message", "{body}");
    body["task"]["value"]
        .as_str()
        .expect("a dialog's closing message is text")
        .to_string()
}

/// The dialog a `task/submit` answered with (it came back, e.g. with field errors), checked
/// against the card schema.
pub fn again(t: &TeamsBot, body: &Value) -> Value {
    assert_eq!(body["task"]["type"], "continue", "{body}");
    let card = body["task"]["value"]["card"]["content"].clone();
    t.teams.check_card(&card).expect("a valid dialog card");
    card
}
