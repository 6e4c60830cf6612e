//! Files through Teams' consent flow (msteams-docs `bots-filesv4.md`): a file the outbox holds
//! is offered with a file consent card whose context names its outbox row; the reader's answer
//! (`inbound/file_consent.rs`) is an outbox row of its own, delivered here: the bytes PUT to the
//! upload session, the offer replaced by its outcome, then the file info card.
//!
//! Retries are safe: a session that already has the bytes answers 409 (an earlier attempt's
//! PUT landed), replacing the offer again draws the same card, and the info card is sent last.

use serde_json::{json, Value};

use super::TeamsMessenger;
use crate::app::ports::{Outgoing, PortError};
use crate::domain::file_offer::UploadTarget;
use crate::domain::{OutboxKey, Reader, UserId};
use crate::storage::teams_people::TeamsPerson;
use crate::teams::cards::files_out::{self as view, Outcome};
use crate::teams::cards::{self, kit};
use crate::teams::connector::is_expired_upload;

/// The chat a file goes to.
pub(super) struct Chat<'a> {
    pub user: &'a UserId,
    pub person: &'a TeamsPerson,
    pub conversation: &'a str,
}

impl TeamsMessenger {
    /// Sends `message` if it is a file or an answer to an offered one; `None` for anything else.
    pub(super) async fn send_file(
        &self,
        chat: &Chat<'_>,
        message: &Outgoing,
        reader: &Reader,
        key: &str,
    ) -> Option<Result<String, PortError>> {
        match message {
            Outgoing::File {
                file_name,
                bytes,
                comment,
                ..
            } => {
                let context = offer_context(key)?;
                let markup = kit::TeamsMarkup {
                    lang: reader.lang,
                    names: &cards::Names::new(),
                };
                let description = crate::i18n::message(reader.lang, reader.tz, comment, &markup);
                let offer = view::consent(file_name, &description, bytes.len(), &context);
                let sent = self
                    .connector
                    .send(
                        &chat.person.service_url,
                        chat.conversation,
                        &view::message_with(offer),
                    )
                    .await;
                Some(self.checked(chat.user, sent).await)
            }
            Outgoing::OfferAnswered { offer_ts, upload } => Some(
                self.deliver_answer(chat, offer_ts.as_deref(), upload.as_ref(), reader)
                    .await,
            ),
            _ => None,
        }
    }

    async fn deliver_answer(
        &self,
        chat: &Chat<'_>,
        offer_ts: Option<&str>,
        upload: Option<&(UploadTarget, Vec<u8>)>,
        reader: &Reader,
    ) -> Result<String, PortError> {
        let Some((target, bytes)) = upload else {
            self.close_offer(chat, offer_ts, reader, Outcome::Declined)
                .await?;
            return Ok(offer_ts.unwrap_or_default().to_string());
        };
        if let Err(e) = self
            .connector
            .upload(&target.upload_url, bytes.clone())
            .await
        {
            if is_expired_upload(&e) {
                // Told in place of the offer; the row fails for good (nothing to retry).
                let told = self
                    .close_offer(chat, offer_ts, reader, Outcome::Expired)
                    .await;
                if let Err(told) = told {
                    tracing::warn!(error = %told, "could not close an expired file offer");
                }
            }
            return Err(e);
        }
        self.close_offer(chat, offer_ts, reader, Outcome::Saved(&target.name))
            .await?;
        let sent = self
            .connector
            .send(
                &chat.person.service_url,
                chat.conversation,
                &view::message_with(view::info(target)),
            )
            .await;
        self.checked(chat.user, sent).await
    }

    /// Replaces the offer's card (when its message id is known) with `outcome`.
    async fn close_offer(
        &self,
        chat: &Chat<'_>,
        offer_ts: Option<&str>,
        reader: &Reader,
        outcome: Outcome<'_>,
    ) -> Result<(), PortError> {
        let Some(ts) = offer_ts else {
            return Ok(());
        };
        let mut activity = cards::message(view::closed(reader, outcome));
        activity["id"] = Value::String(ts.to_string());
        let updated = self
            .connector
            .update(&chat.person.service_url, chat.conversation, ts, &activity)
            .await;
        self.checked(chat.user, updated).await
    }
}

/// What the offer's Allow and Decline send back: its outbox key, the survey and the kind (the
/// invoke is checked against the row the key names). `None` when the file is not an export.
fn offer_context(key: &str) -> Option<Value> {
    match OutboxKey::parse_survey_export(key)? {
        OutboxKey::SurveyExport { survey, kind, .. } => {
            Some(json!({"offer": key, "survey": survey, "kind": kind}))
        }
        _ => None,
    }
}
