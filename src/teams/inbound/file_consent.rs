//! `invoke` `fileConsent/invoke`: the reader pressed Allow or Decline on a file the bot offered
//! (msteams-docs `bots-filesv4.md`). The card's context names the offer's outbox row; the use
//! case checks the presser is its recipient and still an admin, and queues the one answer
//! (upload, or the offer closed). Answered at once with an empty 200; anyone else's or a
//! malformed press gets a refusal card and changes nothing.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{commands, Reply, Sender, TeamsState};
use crate::app::admin::Actor;
use crate::app::errors::UserError;
use crate::app::surveys::offer::{OfferContext, OfferError};
use crate::domain::file_offer::{OfferAnswer, UploadTarget};
use crate::teams::activity::Activity;
use crate::teams::cards;

pub(super) async fn on_file_consent(
    state: &TeamsState,
    activity: &Activity,
    sender: &Sender,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let value = activity.value.clone().unwrap_or(Value::Null);
    let answered = match parse(&value) {
        Some((context, answer)) => {
            let actor = Actor::User(sender.user.clone());
            state
                .app
                .answer_export_offer(&actor, &context, answer, now)
                .await
        }
        None => Err(OfferError::NotYours),
    };
    match answered {
        Ok(queued) => {
            tracing::info!(user = %sender.user, queued, "file offer answered");
            Ok(Reply::Empty)
        }
        Err(OfferError::Internal(e)) => Err(e),
        Err(e) => {
            tracing::info!(user = %sender.user, error = %e, "file offer answer refused");
            let card = cards::notice(&e.message(), &sender.reader);
            commands::reply(state, activity, card).await?;
            Ok(Reply::Empty)
        }
    }
}

/// The invoke's value as typed values: the offer's context and the answer (an accept must
/// carry where to upload).
fn parse(value: &Value) -> Option<(OfferContext, OfferAnswer)> {
    if value.get("type").and_then(Value::as_str) != Some("fileUpload") {
        return None;
    }
    let context = value.get("context")?;
    let offer = OfferContext {
        offer_key: context.get("offer")?.as_str()?.to_string(),
        survey: context.get("survey")?.as_i64()?,
        kind: context.get("kind")?.as_str()?.to_string(),
    };
    let answer = match value.get("action")?.as_str()? {
        "accept" => {
            let info = value.get("uploadInfo")?;
            let field = |k: &str| info.get(k).and_then(Value::as_str).map(str::to_string);
            OfferAnswer::Accepted {
                upload: UploadTarget {
                    upload_url: field("uploadUrl").filter(|u| u.starts_with("http"))?,
                    content_url: field("contentUrl")?,
                    name: field("name")?,
                    unique_id: field("uniqueId")?,
                    file_type: field("fileType")?,
                },
            }
        }
        "decline" => OfferAnswer::Declined,
        _ => return None,
    };
    Some((offer, answer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_accept_needs_its_upload_info_and_a_decline_needs_none() {
        let context =
            json!({"offer": "survey-export:3:answers:UEN:1", "survey": 3, "kind": "answers"});
        let info = json!({"uploadUrl": "https://up.example/1", "contentUrl": "https://c.example/f",
                          "name": "f.csv", "uniqueId": "u1", "fileType": "csv"});
        let accept = json!({"type": "fileUpload", "action": "accept", "context": context, "uploadInfo": info});
        let (offer, answer) = parse(&accept).unwrap();
        assert_eq!(offer.survey, 3);
        assert!(matches!(answer, OfferAnswer::Accepted { upload } if upload.name == "f.csv"));
        let decline = json!({"type": "fileUpload", "action": "decline", "context": context});
        assert_eq!(parse(&decline).unwrap().1, OfferAnswer::Declined);
        let mut no_info = accept.clone();
        no_info["uploadInfo"] = Value::Null;
        assert!(parse(&no_info).is_none());
        let mut other = decline.clone();
        other["action"] = json!("maybe");
        assert!(parse(&other).is_none());
        assert!(parse(&json!({"type": "fileUpload", "action": "decline"})).is_none());
    }
}
