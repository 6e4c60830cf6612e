//! Activities as Teams sends them to the bot, shaped like the fixtures in `fixtures/activities/`.

use crate::{FakeTeams, User};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl FakeTeams {
    /// The fields every activity in the personal chat with `user` carries.
    fn base_activity(&self, user: &User, kind: &str) -> Value {
        let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let now = chrono::Utc::now();
        json!({
            "type": kind,
            "id": format!("{}{:04}", now.timestamp_millis(), n % 10_000),
            "timestamp": now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "serviceUrl": self.service_url(),
            "channelId": "msteams",
            "from": { "id": user.mri, "name": user.name, "aadObjectId": user.aad_object_id },
            "recipient": { "id": self.bot_id(), "name": "mentor-bot" },
            "conversation": {
                "conversationType": "personal",
                "id": user.conversation_id,
                "tenantId": self.tenant_id(),
            },
            "channelData": { "tenant": { "id": self.tenant_id() } },
            "locale": user.locale,
            "entities": [{
                "type": "clientInfo", "locale": user.locale, "country": "JP",
                "platform": "Web", "timezone": user.timezone,
            }],
        })
    }

    /// A message typed in the personal chat.
    pub fn message(&self, user: &User, text: &str) -> Value {
        let mut activity = self.base_activity(user, "message");
        activity["text"] = json!(text);
        activity["textFormat"] = json!("plain");
        activity
    }

    /// `invoke` `adaptiveCard/action`: an `Action.Execute` pressed on a card the bot sent.
    pub fn card_action(
        &self,
        user: &User,
        verb: &str,
        data: Value,
        reply_to_id: Option<&str>,
    ) -> Value {
        let mut activity = self.base_activity(user, "invoke");
        activity["name"] = json!("adaptiveCard/action");
        activity["value"] = json!({
            "action": { "type": "Action.Execute", "verb": verb, "data": data },
            "trigger": "manual",
        });
        if let Some(id) = reply_to_id {
            activity["replyToId"] = json!(id);
        }
        activity
    }

    /// A message carrying `value`: what an `Action.Submit` (the fallback) sends.
    pub fn submit_action(&self, user: &User, data: Value, reply_to_id: Option<&str>) -> Value {
        let mut activity = self.base_activity(user, "message");
        activity["value"] = data;
        if let Some(id) = reply_to_id {
            activity["replyToId"] = json!(id);
        }
        activity
    }

    /// `invoke` `task/fetch`: a dialog is being opened.
    pub fn task_fetch(&self, user: &User, data: Value) -> Value {
        self.task_invoke(user, "task/fetch", data)
    }

    /// `invoke` `task/submit`: a dialog's form was submitted.
    pub fn task_submit(&self, user: &User, data: Value) -> Value {
        self.task_invoke(user, "task/submit", data)
    }

    fn task_invoke(&self, user: &User, name: &str, data: Value) -> Value {
        let mut activity = self.base_activity(user, "invoke");
        activity["name"] = json!(name);
        activity["value"] = json!({ "data": data, "context": { "theme": "default" } });
        activity
    }

    /// `conversationUpdate` with `membersAdded` = the bot and the user: the app was installed
    /// in the user's personal scope. Like msteams-docs' sample it has no `locale`, no
    /// `clientInfo` entity and no `from.name`.
    pub fn installed(&self, user: &User) -> Value {
        let mut activity = self.base_activity(user, "conversationUpdate");
        let fields = activity.as_object_mut().expect("object");
        fields.remove("locale");
        fields.remove("entities");
        activity["from"] = json!({ "id": user.mri, "aadObjectId": user.aad_object_id });
        activity["membersAdded"] = json!([
            { "id": self.bot_id() },
            { "id": user.mri, "aadObjectId": user.aad_object_id },
        ]);
        activity
    }

    /// `installationUpdate` with `action` (`add`, `remove`, `add-upgrade`, …). Like
    /// msteams-docs' sample its `clientInfo` entity has the locale only (no time zone).
    pub fn installation_update(&self, user: &User, action: &str) -> Value {
        let mut activity = self.base_activity(user, "installationUpdate");
        activity["action"] = json!(action);
        activity["entities"] = json!([{ "type": "clientInfo", "locale": user.locale }]);
        activity
    }
}
