//! The Slack client's side of a workspace: what a person did, as the signed request Slack
//! sends the bot (slash command, `block_actions`, `view_submission`, `view_closed`,
//! `block_suggestion`, `app_home_opened`), and the modal stack moved as Slack moves it.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use serde_json::{json, Value};

use super::{Outcome, Workspace};
use crate::slack::transport::verify::sign;

impl Workspace {
    /// `/mentor <text>` typed by `user`.
    pub async fn command(&self, user: &str, text: &str) -> Outcome {
        let trigger = self.fake.issue_trigger_id();
        let body = serde_urlencoded::to_string([
            ("token", "sandbox"),
            ("team_id", fake_slack::TEAM_ID),
            ("team_domain", "sandbox"),
            ("channel_id", "D0SANDBOX"),
            ("channel_name", "directmessage"),
            ("user_id", user),
            ("user_name", user),
            ("command", "/mentor"),
            ("text", text),
            ("api_app_id", fake_slack::APP_ID),
            ("response_url", "http://127.0.0.1/sandbox/response-url"),
            ("trigger_id", &trigger),
        ])
        .unwrap_or_default();
        let reply = self
            .post("/slack/commands", "application/x-www-form-urlencoded", body)
            .await;
        match reply {
            Ok((status, reply)) if status < 300 => {
                if reply.is_object() {
                    self.ui()
                        .ephemerals
                        .entry(user.to_string())
                        .or_default()
                        .push(reply);
                }
                self.follow_trigger(user, &trigger);
                Outcome { error: None }
            }
            Ok((status, _)) => Outcome {
                error: Some(format!("the bot answered HTTP {status}")),
            },
            Err(e) => Outcome {
                error: Some(e.to_string()),
            },
        }
    }

    /// A button, menu or picker pressed by `user`; `view_id` when inside a modal or the Home,
    /// `message_ts` when in a message; `action` is the element's part of `actions[]`, `values`
    /// the modal's `state.values`.
    pub async fn action(
        &self,
        user: &str,
        view_id: Option<&str>,
        message_ts: Option<&str>,
        action: Value,
        values: Value,
    ) -> Outcome {
        let trigger = self.fake.issue_trigger_id();
        let mut action = action;
        action["action_ts"] = json!(format!("{}.000100", self.clock.now().timestamp()));
        let mut payload = json!({
            "type": "block_actions",
            "user": user_json(user),
            "api_app_id": fake_slack::APP_ID,
            "token": "sandbox",
            "trigger_id": trigger,
            "team": {"id": fake_slack::TEAM_ID, "domain": "sandbox"},
            "actions": [action],
        });
        if let Some(view) = view_id.and_then(|id| self.view(id)) {
            let mut view = view;
            view["state"] = json!({ "values": values });
            payload["container"] = json!({"type": "view", "view_id": view["id"]});
            payload["view"] = view;
        } else {
            let ts = message_ts.unwrap_or_default();
            let channel = self.fake.dm_channel_of(user).unwrap_or_default();
            payload["container"] = json!({"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": false});
            payload["channel"] = json!({"id": channel, "name": "directmessage"});
            payload["message"] = json!({"ts": ts, "type": "message"});
        }
        let outcome = self.interaction(user, &payload).await;
        self.follow_trigger(user, &trigger);
        match outcome {
            Ok(_) => Outcome { error: None },
            Err(e) => Outcome { error: Some(e) },
        }
    }

    /// The top modal of `user` submitted with `values`.
    pub async fn submit(&self, user: &str, view_id: &str, values: Value) -> Outcome {
        let Some(mut view) = self.view(view_id) else {
            return Outcome {
                error: Some("that modal is no longer open".into()),
            };
        };
        let trigger = self.fake.issue_trigger_id();
        view["state"] = json!({ "values": values });
        let payload = json!({
            "type": "view_submission",
            "team": {"id": fake_slack::TEAM_ID, "domain": "sandbox"},
            "user": user_json(user),
            "api_app_id": fake_slack::APP_ID,
            "token": "sandbox",
            "trigger_id": trigger,
            "view": view,
            "response_urls": [],
        });
        let reply = match self.interaction(user, &payload).await {
            Ok(reply) => reply,
            Err(e) => return Outcome { error: Some(e) },
        };
        let mut guard = self.ui();
        let ui = &mut *guard;
        ui.errors.remove(view_id);
        let stack = ui.stacks.entry(user.to_string()).or_default();
        match reply["response_action"].as_str() {
            Some("errors") => {
                let errors = reply["errors"]
                    .as_object()
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                            .collect()
                    })
                    .unwrap_or_default();
                ui.errors.insert(view_id.to_string(), errors);
            }
            Some("update") => {
                let hash = self.fake.current_view(view_id).map(|v| v["hash"].clone());
                ui.counter += 1;
                let mut updated = reply["view"].clone();
                updated["id"] = json!(view_id);
                updated["hash"] = json!(format!("sandbox-{}", ui.counter));
                let fake_hash = hash
                    .and_then(|h| h.as_str().map(str::to_string))
                    .unwrap_or_default();
                ui.overrides
                    .insert(view_id.to_string(), (updated, fake_hash));
            }
            Some("push") => {
                ui.counter += 1;
                let id = format!("VSANDBOX{}", ui.counter);
                let mut pushed = reply["view"].clone();
                pushed["id"] = json!(id);
                pushed["hash"] = json!(format!("sandbox-{}", ui.counter));
                stack.push(id.clone());
                ui.overrides.insert(id, (pushed, String::new()));
            }
            Some("clear") => stack.clear(),
            _ => {
                if let Some(pos) = stack.iter().position(|v| v == view_id) {
                    stack.truncate(pos);
                }
            }
        }
        drop(guard);
        self.follow_trigger(user, &trigger);
        Outcome { error: None }
    }

    /// The Close button of the top modal.
    pub async fn close(&self, user: &str, view_id: &str) -> Outcome {
        let view = self.view(view_id);
        {
            let mut ui = self.ui();
            let stack = ui.stacks.entry(user.to_string()).or_default();
            if let Some(pos) = stack.iter().position(|v| v == view_id) {
                stack.truncate(pos);
            }
        }
        if let Some(view) = view.filter(|v| v["notify_on_close"] == true) {
            let payload = json!({"type": "view_closed", "user": user_json(user), "view": view, "is_cleared": false});
            if let Err(e) = self.interaction(user, &payload).await {
                return Outcome { error: Some(e) };
            }
        }
        Outcome { error: None }
    }

    /// The App Home tab opened by `user` (`app_home_opened`).
    pub async fn open_home(&self, user: &str) -> Outcome {
        self.ui().counter += 1;
        let n = self.ui().counter;
        let ts = self.clock.now().timestamp();
        let body = json!({
            "token": "sandbox",
            "team_id": fake_slack::TEAM_ID,
            "api_app_id": fake_slack::APP_ID,
            "event": {"type": "app_home_opened", "user": user, "channel": self.fake.dm_channel_of(user).unwrap_or_default(), "tab": "home", "event_ts": format!("{ts}.{n:06}")},
            "type": "event_callback",
            "event_id": format!("EvSANDBOX{n}"),
            "event_time": ts,
        });
        match self
            .post("/slack/events", "application/json", body.to_string())
            .await
        {
            Ok((status, _)) if status < 300 => Outcome { error: None },
            Ok((status, _)) => Outcome {
                error: Some(format!("the bot answered HTTP {status}")),
            },
            Err(e) => Outcome {
                error: Some(e.to_string()),
            },
        }
    }

    /// The options of an external select for what `user` typed (`block_suggestion`).
    pub async fn suggest(
        &self,
        user: &str,
        view_id: &str,
        action_id: &str,
        block_id: &str,
        value: &str,
    ) -> Value {
        let mut payload = json!({
            "type": "block_suggestion",
            "user": user_json(user),
            "team": {"id": fake_slack::TEAM_ID, "domain": "sandbox"},
            "api_app_id": fake_slack::APP_ID,
            "token": "sandbox",
            "action_id": action_id,
            "block_id": block_id,
            "value": value,
        });
        if let Some(view) = self.view(view_id) {
            payload["view"] = view;
        }
        self.interaction(user, &payload)
            .await
            .unwrap_or(Value::Null)
    }

    /// A file `user` picked in a `file_input`: stored in the fake as Slack stores uploads.
    pub fn upload(&self, user: &str, name: &str, bytes: Vec<u8>) -> Value {
        self.fake.add_file_from(user, name, bytes)
    }

    /// Moves the modal stack as Slack does for what the bot did with `trigger`, now or, when
    /// the bot acknowledged first, once its call arrives (see [`Workspace::settle_triggers`]).
    fn follow_trigger(&self, user: &str, trigger: &str) {
        if !self.apply_trigger(user, trigger) {
            self.ui().pending_triggers.push((
                user.to_string(),
                trigger.to_string(),
                std::time::Instant::now(),
            ));
        }
    }

    /// Applies the bot's calls spent on pending trigger ids; a trigger unused for 3 seconds
    /// has expired, as in Slack.
    pub(super) fn settle_triggers(&self) {
        let pending = std::mem::take(&mut self.ui().pending_triggers);
        let mut still = Vec::new();
        for (user, trigger, issued) in pending {
            if !self.apply_trigger(&user, &trigger)
                && issued.elapsed() < std::time::Duration::from_secs(3)
            {
                still.push((user, trigger, issued));
            }
        }
        self.ui().pending_triggers.extend(still);
    }

    /// The stack moves of the calls made with `trigger`; false when there was none yet.
    fn apply_trigger(&self, user: &str, trigger: &str) -> bool {
        let calls = self.fake.calls();
        let mut ui = self.ui();
        let mut applied = false;
        for call in calls
            .iter()
            .filter(|c| c.params["trigger_id"].as_str() == Some(trigger))
        {
            applied = true;
            let Some(id) = call.response["view"]["id"].as_str() else {
                continue;
            };
            let stack = ui.stacks.entry(user.to_string()).or_default();
            match call.method.as_str() {
                "views.open" => *stack = vec![id.to_string()],
                "views.push" => stack.push(id.to_string()),
                _ => {}
            }
        }
        applied
    }

    async fn interaction(&self, user: &str, payload: &Value) -> Result<Value, String> {
        let body =
            serde_urlencoded::to_string([("payload", payload.to_string())]).unwrap_or_default();
        match self
            .post(
                "/slack/interactions",
                "application/x-www-form-urlencoded",
                body,
            )
            .await
        {
            Ok((status, reply)) if status < 300 => Ok(reply),
            Ok((status, _)) => Err(format!(
                "the bot answered HTTP {status} to {user}'s {}",
                payload["type"]
            )),
            Err(e) => Err(e.to_string()),
        }
    }

    /// POSTs `body` to the bot signed as Slack signs it; the status and the JSON answer.
    async fn post(
        &self,
        path: &str,
        content_type: &str,
        body: String,
    ) -> anyhow::Result<(u16, Value)> {
        let ts = chrono::Utc::now().timestamp().to_string();
        let signature = sign(&self.secret, &ts, body.as_bytes());
        let request = hyper::Request::post(format!("{}{path}", self.bot_url))
            .header("content-type", content_type)
            .header("x-slack-request-timestamp", ts)
            .header("x-slack-signature", signature)
            .body(Full::new(Bytes::from(body)))?;
        let response = self.client.request(request).await?;
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await?.to_bytes();
        Ok((
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        ))
    }
}

fn user_json(user: &str) -> Value {
    json!({"id": user, "username": user.to_lowercase(), "name": user.to_lowercase(), "team_id": fake_slack::TEAM_ID})
}
