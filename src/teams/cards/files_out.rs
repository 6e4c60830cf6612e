//! Files the bot gives in a personal chat, the way Teams takes them (msteams-docs
//! `bots-filesv4.md`): a file consent card offering the file (Allow / Decline), the file info
//! card once it is saved in the reader's OneDrive, and the card that replaces the offer with
//! its outcome.

use serde_json::{json, Value};

use super::kit::{card, escape, md, text};
use crate::domain::file_offer::UploadTarget;
use crate::domain::Reader;
use crate::i18n::{t, t_args};

pub const CONSENT: &str = "application/vnd.microsoft.teams.card.file.consent";
pub const INFO: &str = "application/vnd.microsoft.teams.card.file.info";

/// A message whose only attachment is `attachment`.
pub fn message_with(attachment: Value) -> Value {
    json!({"type": "message", "attachments": [attachment]})
}

/// The offer of `file_name` (`size` bytes): Teams draws it with Allow / Decline and sends
/// `context` back in the `fileConsent/invoke` either way.
pub fn consent(file_name: &str, description: &str, size: usize, context: &Value) -> Value {
    json!({
        "contentType": CONSENT,
        "name": file_name,
        "content": {
            "description": description,
            "sizeInBytes": size,
            "acceptContext": context,
            "declineContext": context,
        },
    })
}

/// The saved file, as Teams shows a file in a chat (opens from the reader's OneDrive).
pub fn info(target: &UploadTarget) -> Value {
    json!({
        "contentType": INFO,
        "name": target.name,
        "contentUrl": target.content_url,
        "content": {"uniqueId": target.unique_id, "fileType": target.file_type},
    })
}

/// What happened to an offer, drawn in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// Saved to OneDrive under this name.
    Saved(&'a str),
    Declined,
    /// The upload session was refused for good: nothing saved.
    Expired,
}

/// The card that replaces an answered offer.
pub fn closed(reader: &Reader, outcome: Outcome<'_>) -> Value {
    let lang = reader.lang;
    let line = match outcome {
        Outcome::Saved(name) => t_args(lang, "teams-fileout-saved", &[("file", &escape(name))]),
        Outcome::Declined => t(lang, "teams-fileout-declined"),
        Outcome::Expired => t(lang, "teams-fileout-offer-expired"),
    };
    card(vec![text(md(&line))], Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Lang, UserId};

    fn reader(lang: Lang) -> Reader {
        Reader {
            user: UserId::parse("UEN").unwrap(),
            name: "Ellen".into(),
            lang,
            tz: chrono_tz::Asia::Tokyo,
        }
    }

    #[test]
    fn an_offer_carries_its_size_and_context_both_ways_and_the_outcomes_are_valid_cards() {
        let context = json!({"offer": "survey-export:3:answers:UEN:1", "survey": 3});
        let offer = consent("survey-3-answers.csv", "Answers", 120, &context);
        assert_eq!(offer["content"]["sizeInBytes"], 120);
        assert_eq!(offer["content"]["acceptContext"], context);
        assert_eq!(offer["content"]["declineContext"], context);
        for lang in [Lang::En, Lang::Ja] {
            for outcome in [
                Outcome::Saved("a*b.csv"),
                Outcome::Declined,
                Outcome::Expired,
            ] {
                let shown = closed(&reader(lang), outcome);
                fake_teams::validate_card(&shown).unwrap();
            }
        }
    }
}
