//! Parsing at the edge: Slack's bodies become typed values, or a clear error. Lenient where
//! Slack is loose in the wild (`"team": null` from org-wide installs, `state: {}`), strict
//! about what we act on (user ids, action ids).

use serde::Deserialize;
use serde_json::Value;

use crate::app::events::AppTab;
use crate::domain::UserId;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    #[error("body is not a valid form: {0}")]
    Form(String),
    #[error("body is not valid JSON: {0}")]
    Json(String),
    #[error("missing field {0}")]
    Missing(&'static str),
    #[error("field {0} is invalid: {1}")]
    Invalid(&'static str, String),
}

/// A `/mentor …` invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlashCommand {
    pub user: UserId,
    pub team_id: Option<String>,
    pub api_app_id: Option<String>,
    pub command: String,
    pub text: String,
    pub trigger_id: Option<String>,
}

#[derive(Deserialize)]
struct RawCommand {
    user_id: Option<String>,
    team_id: Option<String>,
    api_app_id: Option<String>,
    command: Option<String>,
    text: Option<String>,
    trigger_id: Option<String>,
}

impl SlashCommand {
    /// From the `application/x-www-form-urlencoded` body Slack posts.
    pub fn from_form(body: &[u8]) -> Result<Self, PayloadError> {
        let raw: RawCommand =
            serde_urlencoded::from_bytes(body).map_err(|e| PayloadError::Form(e.to_string()))?;
        Self::from_raw(raw)
    }

    /// From a Socket Mode `slash_commands` payload (the same fields as JSON).
    pub fn from_json(value: Value) -> Result<Self, PayloadError> {
        let raw: RawCommand =
            serde_json::from_value(value).map_err(|e| PayloadError::Json(e.to_string()))?;
        Self::from_raw(raw)
    }

    fn from_raw(raw: RawCommand) -> Result<Self, PayloadError> {
        Ok(Self {
            user: user_id(raw.user_id.as_deref())?,
            team_id: raw.team_id.filter(|s| !s.is_empty()),
            api_app_id: raw.api_app_id.filter(|s| !s.is_empty()),
            command: raw.command.ok_or(PayloadError::Missing("command"))?,
            text: raw.text.unwrap_or_default(),
            trigger_id: raw.trigger_id.filter(|s| !s.is_empty()),
        })
    }
}

fn user_id(value: Option<&str>) -> Result<UserId, PayloadError> {
    let value = value.ok_or(PayloadError::Missing("user id"))?;
    UserId::parse(value).map_err(|e| PayloadError::Invalid("user id", e.to_string()))
}

/// A pressed button (or other block element).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pressed {
    pub action_id: String,
    pub value: Option<String>,
    pub action_ts: Option<String>,
}

/// The view an interaction came from or submitted.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewRef {
    pub id: Option<String>,
    /// `modal` or `home`: a button on the App Home also carries its view.
    pub kind: Option<String>,
    pub hash: Option<String>,
    pub callback_id: Option<String>,
    pub private_metadata: Option<String>,
    /// `state.values` as Slack sent it (`{}` when the view has no inputs).
    pub values: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Interaction {
    BlockActions {
        user: UserId,
        trigger_id: Option<String>,
        actions: Vec<Pressed>,
        view: Option<ViewRef>,
    },
    ViewSubmission {
        user: UserId,
        trigger_id: Option<String>,
        view: ViewRef,
    },
    ViewClosed {
        user: UserId,
        view: ViewRef,
    },
    /// An external select asks for options matching what the person typed.
    Suggestion {
        user: UserId,
        action_id: String,
        value: String,
    },
    /// Shortcuts, message actions…: acknowledged, nothing to do yet.
    Other {
        kind: String,
    },
}

#[derive(Deserialize)]
struct RawInteraction {
    #[serde(rename = "type")]
    kind: Option<String>,
    /// block_suggestion: the element asking and the text typed so far.
    action_id: Option<String>,
    value: Option<String>,
    user: Option<RawUser>,
    trigger_id: Option<String>,
    #[serde(default)]
    actions: Vec<RawAction>,
    view: Option<RawView>,
}

#[derive(Deserialize)]
struct RawUser {
    id: Option<String>,
}

#[derive(Deserialize)]
struct RawAction {
    action_id: Option<String>,
    value: Option<String>,
    /// Overflow menus and selects send their choice here instead of `value`.
    selected_option: Option<RawOption>,
    action_ts: Option<String>,
}

#[derive(Deserialize)]
struct RawOption {
    value: Option<String>,
}

#[derive(Deserialize)]
struct RawView {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    hash: Option<String>,
    callback_id: Option<String>,
    private_metadata: Option<String>,
    state: Option<Value>,
}

impl From<RawView> for ViewRef {
    fn from(v: RawView) -> Self {
        let values = v
            .state
            .and_then(|s| s.get("values").cloned())
            .unwrap_or_else(|| Value::Object(Default::default()));
        ViewRef {
            id: v.id.filter(|s| !s.is_empty()),
            kind: v.kind.filter(|s| !s.is_empty()),
            hash: v.hash.filter(|s| !s.is_empty()),
            callback_id: v.callback_id.filter(|s| !s.is_empty()),
            private_metadata: v.private_metadata.filter(|s| !s.is_empty()),
            values,
        }
    }
}

impl ViewRef {
    /// Whether the interaction came from inside an open modal (where `views.push` works),
    /// rather than from the App Home or a message.
    pub fn is_modal(&self) -> bool {
        self.kind.as_deref() == Some("modal")
    }

    /// The submitted state of one input block (`state.values[block][action]`; our inputs use
    /// the block id as action id, and a block holds one input element).
    pub fn input(&self, block_id: &str) -> Option<&Value> {
        let block = self.values.get(block_id)?;
        block
            .get(block_id)
            .or_else(|| block.as_object()?.values().next())
    }

    /// A plain_text_input's text (trimmed input is the caller's job).
    pub fn text(&self, block_id: &str) -> String {
        self.input(block_id)
            .and_then(|v| v.get("value"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    }

    /// A static select's or radio group's chosen value.
    pub fn choice(&self, block_id: &str) -> Option<String> {
        self.input(block_id)?
            .get("selected_option")?
            .get("value")?
            .as_str()
            .map(str::to_string)
    }

    /// A select's chosen value read as a date (`YYYY-MM-DD`).
    pub fn date_choice(&self, block_id: &str) -> Option<chrono::NaiveDate> {
        let text = self.choice(block_id)?;
        chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
    }

    /// A datepicker's date.
    pub fn date(&self, block_id: &str) -> Option<chrono::NaiveDate> {
        let text = self.input(block_id)?.get("selected_date")?.as_str()?;
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    /// The values ticked in a checkbox group.
    pub fn checked(&self, block_id: &str) -> Vec<String> {
        self.input(block_id)
            .and_then(|v| v.get("selected_options"))
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|o| o.get("value").and_then(Value::as_str).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The people picked in a users select (single or multi); ids that do not parse are dropped.
    pub fn users(&self, block_id: &str) -> Vec<UserId> {
        let Some(input) = self.input(block_id) else {
            return Vec::new();
        };
        let single = input.get("selected_user").and_then(Value::as_str);
        let many = input.get("selected_users").and_then(Value::as_array);
        single
            .into_iter()
            .chain(many.into_iter().flatten().filter_map(Value::as_str))
            .filter_map(|u| UserId::parse(u).ok())
            .collect()
    }

    /// The ids of files uploaded through a file_input.
    pub fn file_ids(&self, block_id: &str) -> Vec<String> {
        self.input(block_id)
            .and_then(|v| v.get("files"))
            .and_then(Value::as_array)
            .map(|files| {
                files
                    .iter()
                    .filter_map(|f| f.get("id").and_then(Value::as_str).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Interaction {
    /// From the HTTP form body `payload=<url-encoded JSON>`.
    pub fn from_form(body: &[u8]) -> Result<Self, PayloadError> {
        #[derive(Deserialize)]
        struct Form {
            payload: Option<String>,
        }
        let form: Form =
            serde_urlencoded::from_bytes(body).map_err(|e| PayloadError::Form(e.to_string()))?;
        let json = form.payload.ok_or(PayloadError::Missing("payload"))?;
        let value: Value =
            serde_json::from_str(&json).map_err(|e| PayloadError::Json(e.to_string()))?;
        Self::from_json(value)
    }

    pub fn from_json(value: Value) -> Result<Self, PayloadError> {
        let raw: RawInteraction =
            serde_json::from_value(value).map_err(|e| PayloadError::Json(e.to_string()))?;
        let kind = raw.kind.ok_or(PayloadError::Missing("type"))?;
        let user = || user_id(raw.user.as_ref().and_then(|u| u.id.as_deref()));
        match kind.as_str() {
            "block_actions" => Ok(Interaction::BlockActions {
                user: user()?,
                trigger_id: raw.trigger_id.clone(),
                actions: raw
                    .actions
                    .into_iter()
                    .map(|a| {
                        Ok(Pressed {
                            action_id: a.action_id.ok_or(PayloadError::Missing("action_id"))?,
                            value: a.value.or(a.selected_option.and_then(|o| o.value)),
                            action_ts: a.action_ts,
                        })
                    })
                    .collect::<Result<_, PayloadError>>()?,
                view: raw.view.map(ViewRef::from),
            }),
            "view_submission" => Ok(Interaction::ViewSubmission {
                user: user()?,
                trigger_id: raw.trigger_id.clone(),
                view: raw.view.ok_or(PayloadError::Missing("view"))?.into(),
            }),
            "block_suggestion" => Ok(Interaction::Suggestion {
                user: user()?,
                action_id: raw
                    .action_id
                    .clone()
                    .ok_or(PayloadError::Missing("action_id"))?,
                value: raw.value.clone().unwrap_or_default(),
            }),
            "view_closed" => Ok(Interaction::ViewClosed {
                user: user()?,
                view: raw.view.ok_or(PayloadError::Missing("view"))?.into(),
            }),
            _ => Ok(Interaction::Other { kind }),
        }
    }
}

/// An Events API request body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventBody {
    UrlVerification { challenge: String },
    Callback { event_id: String, event: Event },
    Other { kind: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    AppHomeOpened { user: UserId, tab: AppTab },
    Other { kind: String },
}

impl EventBody {
    pub fn from_json_bytes(body: &[u8]) -> Result<Self, PayloadError> {
        let value: Value =
            serde_json::from_slice(body).map_err(|e| PayloadError::Json(e.to_string()))?;
        Self::from_json(value)
    }

    pub fn from_json(value: Value) -> Result<Self, PayloadError> {
        let kind = value
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        match kind {
            "url_verification" => Ok(EventBody::UrlVerification {
                challenge: value
                    .get("challenge")
                    .and_then(Value::as_str)
                    .ok_or(PayloadError::Missing("challenge"))?
                    .to_string(),
            }),
            // Socket Mode hands over the callback without its outer `type`.
            "event_callback" | "" if value.get("event").is_some() => Self::callback(&value),
            other => Ok(EventBody::Other {
                kind: other.to_string(),
            }),
        }
    }

    fn callback(value: &Value) -> Result<Self, PayloadError> {
        let event_id = value
            .get("event_id")
            .and_then(Value::as_str)
            .ok_or(PayloadError::Missing("event_id"))?
            .to_string();
        let event = value.get("event").ok_or(PayloadError::Missing("event"))?;
        let kind = event
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let event = match kind {
            "app_home_opened" => {
                let user = user_id(event.get("user").and_then(Value::as_str))?;
                let tab = match event.get("tab").and_then(Value::as_str) {
                    Some("messages") => AppTab::Messages,
                    _ => AppTab::Home,
                };
                Event::AppHomeOpened { user, tab }
            }
            other => Event::Other {
                kind: other.to_string(),
            },
        };
        Ok(EventBody::Callback { event_id, event })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slash_command_form_parses() {
        let body = b"token=x&team_id=T111&user_id=W111&command=%2Fmentor&text=help+me&trigger_id=1.2.x&api_app_id=A1";
        let cmd = SlashCommand::from_form(body).unwrap();
        assert_eq!(cmd.user.as_str(), "W111");
        assert_eq!(cmd.text, "help me");
        assert_eq!(cmd.api_app_id.as_deref(), Some("A1"));
    }

    #[test]
    fn a_command_without_a_valid_user_is_rejected() {
        assert_eq!(
            SlashCommand::from_form(b"command=%2Fmentor").unwrap_err(),
            PayloadError::Missing("user id")
        );
        assert!(matches!(
            SlashCommand::from_form(b"command=%2Fmentor&user_id=%3Cscript%3E").unwrap_err(),
            PayloadError::Invalid(..)
        ));
    }

    #[test]
    fn an_interaction_with_team_null_still_parses() {
        let json = serde_json::json!({
            "type": "view_submission", "team": null,
            "user": {"id": "W111"},
            "view": {"id": "V1", "callback_id": "cb", "state": {}}
        });
        let Interaction::ViewSubmission { user, view, .. } = Interaction::from_json(json).unwrap()
        else {
            panic!("expected a view submission");
        };
        assert_eq!(user.as_str(), "W111");
        assert_eq!(view.values, serde_json::json!({}));
    }

    #[test]
    fn events_parse_by_type_and_unknown_ones_are_kept_as_other() {
        let body = br#"{"type":"event_callback","event_id":"Ev1","event":{"type":"app_home_opened","user":"U1","tab":"messages"}}"#;
        assert_eq!(
            EventBody::from_json_bytes(body).unwrap(),
            EventBody::Callback {
                event_id: "Ev1".into(),
                event: Event::AppHomeOpened {
                    user: UserId::parse("U1").unwrap(),
                    tab: AppTab::Messages
                }
            }
        );
        let other =
            br#"{"type":"event_callback","event_id":"Ev2","event":{"type":"reaction_added"}}"#;
        assert!(matches!(
            EventBody::from_json_bytes(other).unwrap(),
            EventBody::Callback {
                event: Event::Other { .. },
                ..
            }
        ));
        assert!(EventBody::from_json_bytes(b"not json").is_err());
    }
}
