//! A survey export offered as a file to save (Teams' file consent card) and its reader's
//! answer: checked against the offer's own outbox row (only its recipient, still an admin, may
//! answer), queued once per offer under `OutboxKey::SurveyExportAnswer`, and resolved when
//! sent — the file made again from the database, like the export itself.

use chrono::{DateTime, Utc};

use super::SurveyError;
use crate::app::admin::Actor;
use crate::app::errors::{Message, UserError};
use crate::app::outbox as queue;
use crate::app::ports::Outgoing;
use crate::app::App;
use crate::domain::file_offer::OfferAnswer;
use crate::domain::survey::ExportKind;
use crate::domain::{Notice, OutboxKey, UserId};
use crate::storage::outbox as rows;

/// Why an answer to an offered export changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum OfferError {
    #[error("only the program office does this")]
    NotAdmin,
    /// The offer was made to someone else, or is not the one its context names (forged).
    #[error("this file was offered to someone else")]
    NotYours,
    /// The offer's row is gone (cleaned up long after it was sent).
    #[error("the offer is too old")]
    Gone,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl UserError for OfferError {
    fn message(&self) -> Message {
        match self {
            OfferError::NotAdmin => Message::new("admin-only"),
            OfferError::NotYours => Message::new("teams-fileout-not-yours"),
            OfferError::Gone => Message::new("teams-fileout-offer-expired"),
            OfferError::Internal(_) => Message::new("error-generic"),
        }
    }
}

/// What the offer's context says it is: the offer row's key, the survey and the export kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferContext {
    pub offer_key: String,
    pub survey: i64,
    pub kind: String,
}

impl App {
    /// `actor` accepted (with where to upload) or declined the export offered under
    /// `context.offer_key`: one answer row per offer, in one transaction; `Ok(false)` when the
    /// offer was already answered (a double press, a redelivered invoke), which changes nothing.
    pub async fn answer_export_offer(
        &self,
        actor: &Actor,
        context: &OfferContext,
        answer: OfferAnswer,
        now: DateTime<Utc>,
    ) -> Result<bool, OfferError> {
        match self.require_survey_admin(actor).await {
            Ok(()) => {}
            Err(SurveyError::Internal(e)) => return Err(e.into()),
            Err(_) => return Err(OfferError::NotAdmin),
        }
        let Actor::User(user) = actor.clone() else {
            return Err(OfferError::NotAdmin);
        };
        let Some(offer) = OutboxKey::parse_survey_export(&context.offer_key) else {
            return Err(OfferError::NotYours);
        };
        let OutboxKey::SurveyExport {
            survey,
            kind,
            user: recipient,
            ..
        } = &offer
        else {
            return Err(OfferError::NotYours);
        };
        let (Some(answer_key), Some(export)) = (offer.offer_answer(), ExportKind::parse(kind))
        else {
            return Err(OfferError::NotYours);
        };
        if *recipient != user || *survey != context.survey || *kind != context.kind {
            return Err(OfferError::NotYours);
        }
        let notice = Notice::SurveyExportAnswer {
            survey_id: *survey,
            kind: export,
            offer_key: context.offer_key.clone(),
            answer,
        };
        let offer_key = context.offer_key.clone();
        let queued = self
            .db
            .write(move |tx| -> Result<bool, OfferError> {
                let Some(offer) = rows::get_outbox_by_key(tx, &offer_key)? else {
                    return Err(OfferError::Gone);
                };
                // Only an offer that reached its reader can be answered, and only by them.
                if offer.recipient != user || offer.status != "sent" {
                    return Err(OfferError::NotYours);
                }
                Ok(queue::queue_dm(tx, answer_key, &user, notice, now)?)
            })
            .await?;
        if queued {
            self.wake_delivery();
        }
        Ok(queued)
    }

    /// The answer to an offered export as it is sent: `None` for any other notice,
    /// `Some(None)` when there is nothing to send (the survey is gone).
    pub(crate) async fn resolve_export_answer(
        &self,
        notice: &Notice,
        recipient: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<Option<Outgoing>>> {
        let Notice::SurveyExportAnswer {
            survey_id,
            kind,
            offer_key,
            answer,
        } = notice
        else {
            return Ok(None);
        };
        let key = offer_key.clone();
        let offer_ts = self
            .db
            .read(move |c| rows::get_outbox_by_key(c, &key))
            .await?
            .and_then(|offer| offer.message_ts);
        let upload = match answer {
            OfferAnswer::Declined => None,
            OfferAnswer::Accepted { upload } => {
                let export = Notice::SurveyExport {
                    survey_id: *survey_id,
                    kind: *kind,
                };
                match self.resolve_survey_export(&export, recipient, now).await? {
                    Some(Outgoing::File { bytes, .. }) => Some((upload.clone(), bytes)),
                    _ => return Ok(Some(None)),
                }
            }
        };
        Ok(Some(Some(Outgoing::OfferAnswered { offer_ts, upload })))
    }
}
