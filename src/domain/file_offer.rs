//! A file offered to its reader before it is saved (Teams' file consent card): where the
//! platform said to put the bytes once they accepted, and the keys that make an answer count once.

use serde::{Deserialize, Serialize};

use super::survey::ExportKind;
use super::{OutboxKey, UserId};

/// Where the platform asked for the file after the reader accepted (Teams' `uploadInfo`): the
/// URL the bytes go to, the file as it will be shown, and how to name it in the chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadTarget {
    pub upload_url: String,
    pub content_url: String,
    pub name: String,
    pub unique_id: String,
    pub file_type: String,
}

/// The reader's answer to an offered file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum OfferAnswer {
    Accepted { upload: UploadTarget },
    Declined,
}

impl ExportKind {
    /// The kind as its keys write it (`ExportKind::as_str`), read back.
    pub fn parse(text: &str) -> Option<ExportKind> {
        [
            ExportKind::Answers,
            ExportKind::OneOnOnes,
            ExportKind::Chart,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

impl OutboxKey {
    /// Reads back a stored `survey-export:{survey}:{kind}:{user}:{at_ms}` key; `None` for any
    /// other key, and for one not exactly in that format.
    pub fn parse_survey_export(key: &str) -> Option<OutboxKey> {
        let parts: Vec<&str> = key.split(':').collect();
        let ["survey-export", survey, kind, user, at_ms] = parts.as_slice() else {
            return None;
        };
        Some(OutboxKey::SurveyExport {
            survey: survey.parse().ok()?,
            kind: ExportKind::parse(kind)?.as_str(),
            user: UserId::parse(user).ok()?,
            at_ms: at_ms.parse().ok()?,
        })
    }

    /// The key of the one answer to the offer this export's row made; `None` for other keys.
    pub fn offer_answer(&self) -> Option<OutboxKey> {
        match self {
            OutboxKey::SurveyExport {
                survey,
                kind,
                user,
                at_ms,
            } => Some(OutboxKey::SurveyExportAnswer {
                survey: *survey,
                kind,
                user: user.clone(),
                at_ms: *at_ms,
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_key_reads_back_and_its_answer_key_adds_consent() {
        let text = "survey-export:3:1on1s:MT0B7E3C1A5D2F4E8A9C6B1A2B3C4D5E6F:1795000000123";
        let key = OutboxKey::parse_survey_export(text).unwrap();
        assert_eq!(key.to_string(), text);
        assert_eq!(
            key.offer_answer().unwrap().to_string(),
            format!("{text}:consent")
        );
        for bad in [
            "survey-export:3:csv:UEN:1",
            "survey-export:x:answers:UEN:1",
            "survey-export:3:answers:UEN",
            &format!("{text}:consent"),
            "request:7",
        ] {
            assert_eq!(OutboxKey::parse_survey_export(bad), None, "{bad}");
        }
        assert_eq!(OutboxKey::Request { one_on_one: 7 }.offer_answer(), None);
    }
}
