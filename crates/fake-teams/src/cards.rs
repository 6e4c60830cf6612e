//! What the Connector checks in a message: Adaptive Cards (version ≤ 1.5, the 1.5.0 schema),
//! attachment content types, and the 100 KB size limit counted as UTF-16.

use serde_json::Value;
use std::sync::OnceLock;

pub(crate) const ADAPTIVE: &str = "application/vnd.microsoft.card.adaptive";
/// msteams-docs `format-your-bot-messages.md`: 100 KB, the whole payload encoded as UTF-16.
pub(crate) const MAX_MESSAGE_BYTES: usize = 100 * 1024;

fn schema() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let text = include_str!("../fixtures/cards/schema/adaptive-card.1.5.0.schema.json");
        let schema: Value = serde_json::from_str(text).expect("fake Teams: card schema JSON");
        jsonschema::validator_for(&schema).expect("fake Teams: card schema compiles")
    })
}

/// An Adaptive Card as Teams accepts it: `type` AdaptiveCard, `version` ≤ 1.5, valid against
/// the 1.5.0 schema.
pub fn check_card(card: &Value) -> Result<(), String> {
    if card.get("type").and_then(Value::as_str) != Some("AdaptiveCard") {
        return Err("card: type is not \"AdaptiveCard\"".into());
    }
    let version = card
        .get("version")
        .and_then(Value::as_str)
        .ok_or("card: no version")?;
    let parsed = version
        .split_once('.')
        .and_then(|(major, minor)| Some((major.parse::<u32>().ok()?, minor.parse::<u32>().ok()?)))
        .ok_or_else(|| format!("card: version {version:?} is not MAJOR.MINOR"))?;
    if parsed > (1, 5) {
        return Err(format!(
            "card: version {version} > 1.5 (Teams renders up to 1.5)"
        ));
    }
    let errors: Vec<String> = schema()
        .iter_errors(card)
        .take(5)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!("card: schema 1.5.0: {}", errors.join("; ")))
    }
}

/// The payload's size as Teams counts it: UTF-16 bytes of the JSON.
pub(crate) fn utf16_bytes(body: &Value) -> usize {
    body.to_string().encode_utf16().count() * 2
}

/// Checks a message activity's shape and attachments; `Err((code, message))` is a 400.
pub(crate) fn check_message(activity: &Value) -> Result<(), (&'static str, String)> {
    let Some(object) = activity.as_object() else {
        return Err(("BadSyntax", "activity is not a JSON object".into()));
    };
    if object.get("type").and_then(Value::as_str) != Some("message") {
        return Err(("BadArgument", "activity type is not \"message\"".into()));
    }
    let text = object.get("text").and_then(Value::as_str).unwrap_or("");
    let attachments = match object.get("attachments") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.clone(),
        Some(_) => return Err(("BadSyntax", "attachments is not an array".into())),
    };
    if text.is_empty() && attachments.is_empty() {
        return Err((
            "BadArgument",
            "message has neither text nor attachments".into(),
        ));
    }
    for (i, attachment) in attachments.iter().enumerate() {
        let content_type = attachment
            .get("contentType")
            .and_then(Value::as_str)
            .unwrap_or("");
        let content = attachment.get("content").unwrap_or(&Value::Null);
        let looks_like_card = content.get("type").and_then(Value::as_str) == Some("AdaptiveCard");
        if content_type.is_empty() {
            return Err(("BadArgument", format!("attachments[{i}]: no contentType")));
        }
        if looks_like_card && content_type != ADAPTIVE {
            return Err((
                "BadArgument",
                format!("attachments[{i}]: an Adaptive Card with contentType {content_type:?}"),
            ));
        }
        crate::uploads::check_attachment(content_type, attachment)
            .map_err(|e| ("BadArgument", format!("attachments[{i}]: {e}")))?;
        if content_type == ADAPTIVE {
            check_card(content).map_err(|e| ("BadArgument", format!("attachments[{i}]: {e}")))?;
        }
    }
    Ok(())
}
