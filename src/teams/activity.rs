//! The Bot Framework activities the bot reads, hand-written (serde) with only the fields it
//! uses; every other field is kept in `extra`, so nothing is lost when one is echoed back.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelAccount {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aad_object_id: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationAccount {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A message's attachment (a file the person attached arrives as
/// `application/vnd.microsoft.teams.file.download.info`, its `content` saying where it is).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    #[serde(default)]
    pub content_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An incoming activity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    pub service_url: String,
    #[serde(default)]
    pub channel_id: String,
    #[serde(default)]
    pub from: ChannelAccount,
    #[serde(default)]
    pub recipient: ChannelAccount,
    #[serde(default)]
    pub conversation: ConversationAccount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// An invoke's payload, or an `Action.Submit`'s data on a message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// An invoke's name (`adaptiveCard/action`, `task/fetch`, `task/submit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `installationUpdate`: `add`, `remove` (and `-upgrade` forms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_data: Option<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members_added: Vec<ChannelAccount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members_removed: Vec<ChannelAccount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Activity {
    /// The tenant: `channelData.tenant.id` (passed in every context), else the conversation's.
    pub fn tenant_id(&self) -> Option<&str> {
        self.channel_data
            .as_ref()
            .and_then(|d| d.pointer("/tenant/id"))
            .and_then(Value::as_str)
            .or(self.conversation.tenant_id.as_deref())
    }

    /// The sender's IANA zone and locale from the `clientInfo` entity.
    pub fn client_info(&self) -> (Option<&str>, Option<&str>) {
        let info = self
            .entities
            .iter()
            .find(|e| e.get("type").and_then(Value::as_str) == Some("clientInfo"));
        let get = |k: &str| info.and_then(|e| e.get(k)).and_then(Value::as_str);
        (get("timezone"), get("locale"))
    }

    /// A personal (1:1) chat with the bot.
    pub fn is_personal(&self) -> bool {
        self.conversation.conversation_type.as_deref() == Some("personal")
    }

    /// The typed text with `<at>…</at>` mentions and markup removed, as a command line.
    pub fn command_text(&self) -> String {
        let text = self.text.as_deref().unwrap_or_default();
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("<at>") {
            out.push_str(&rest[..start]);
            rest = match rest[start..].find("</at>") {
                Some(end) => &rest[start + end + "</at>".len()..],
                None => "",
            };
        }
        out.push_str(rest);
        let mut plain = String::with_capacity(out.len());
        let mut in_tag = false;
        for c in out.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => plain.push(c),
                _ => {}
            }
        }
        plain
            .replace("&nbsp;", " ")
            .replace("&amp;", "&")
            .trim()
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Activity {
        let path = format!(
            "{}/crates/fake-teams/fixtures/activities/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
    }

    #[test]
    fn microsofts_sample_activities_parse_and_keep_unknown_fields() {
        let a = fixture("message.personal.text.msteams-docs.json");
        assert_eq!(a.kind, "message");
        assert!(a.from.aad_object_id.is_some());
        assert!(a.tenant_id().is_some());
        assert!(a.client_info().0.is_some(), "clientInfo timezone");
        let back = serde_json::to_value(&a).unwrap();
        let original: Value = serde_json::from_str(
            &std::fs::read_to_string(format!(
                "{}/crates/fake-teams/fixtures/activities/message.personal.text.msteams-docs.json",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        )
        .unwrap();
        for key in original.as_object().unwrap().keys() {
            assert!(back.get(key).is_some(), "{key} kept");
        }
        let invoke = fixture("invoke.adaptiveCard_action.personal.teams-net.json");
        assert_eq!(invoke.kind, "invoke");
        assert_eq!(invoke.name.as_deref(), Some("adaptiveCard/action"));
        assert!(invoke
            .value
            .as_ref()
            .unwrap()
            .pointer("/action/data")
            .is_some());
        let added = fixture("conversationUpdate.membersAdded.personal.msteams-docs.json");
        assert_eq!(added.members_added.len(), 2);
        let mention = fixture("message.channel.mention.teams-net.json");
        assert!(!mention.command_text().contains("<at>"));
    }

    #[test]
    fn command_text_drops_mentions_and_markup() {
        let a = Activity {
            text: Some("<at>Mentor Bot</at> find&nbsp;育休 <p>x</p>".into()),
            ..Default::default()
        };
        assert_eq!(a.command_text(), "find 育休 x");
    }
}
