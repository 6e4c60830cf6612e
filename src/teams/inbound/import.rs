//! The CSV import in Teams. The console's Import button explains it; a file an admin attaches
//! in the personal chat is downloaded (allowed hosts only), checked exactly as Slack's import
//! checks it, and shown as the same report or as a preview. Like Slack's import (which keeps
//! the file's id and fetches the file when it imports) nothing is stored in between: Import
//! carries the file's link and the digest of the bytes previewed, downloads it again and
//! imports only that file. The role is checked by the use cases, before any download, so a
//! non-admin's file or forged Import changes nothing.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::actions::dialog;
use super::admin::{actor, refused_dialog};
use super::{Reply, Sender, TeamsState};
use crate::app::actions::AdminAction;
use crate::app::admin::AdminError;
use crate::app::errors::{Message, UserError};
use crate::app::import::{ImportOutcome, NoProgress};
use crate::app::import_preview::PreviewOutcome;
use crate::teams::activity::Activity;
use crate::teams::cards::{self, import as views};
use crate::teams::file_in::{AttachedFile, DownloadError};

/// The console's Import button: how to send the file, in a dialog.
pub(super) async fn how_to(state: &TeamsState, sender: &Sender) -> anyhow::Result<Reply> {
    if let Err(e) = state.app.require_admin(&actor(sender)).await {
        return refused_dialog(sender, e);
    }
    let title = crate::i18n::t(sender.reader.lang, "import-title-plain");
    Ok(dialog(&title, views::how_to(&sender.reader)))
}

/// A message with a file attached: the check's report or the preview, as a reply.
pub(super) async fn on_file(
    state: &TeamsState,
    activity: &Activity,
    sender: &Sender,
    file: AttachedFile,
    now: DateTime<Utc>,
) -> anyhow::Result<Reply> {
    let card = file_card(state, activity, sender, file, now).await?;
    super::commands::reply(state, activity, card).await?;
    Ok(Reply::Empty)
}

async fn file_card(
    state: &TeamsState,
    activity: &Activity,
    sender: &Sender,
    file: AttachedFile,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    let reader = &sender.reader;
    let who = actor(sender);
    if let Err(e) = state.app.require_admin(&who).await {
        return refused(sender, e);
    }
    if file.file_type != "csv" {
        let message = Message::new("teams-filein-not-csv").text("file", &file.name);
        return Ok(cards::notice(&message, reader));
    }
    let bytes = match download(state, sender, &file.download_url).await {
        Ok(bytes) => bytes,
        Err(card) => return Ok(card),
    };
    let digest = digest(&bytes);
    // Words typed with the file name its theme (for a file without a theme column).
    let theme = Some(activity.command_text()).filter(|t| !t.is_empty());
    let preview = state
        .app
        .preview_mentor_import(&who, bytes, theme.clone(), now)
        .await;
    match preview {
        Ok(PreviewOutcome::Ready(counts)) => {
            let previewed = views::PreviewedFile {
                name: file.name,
                download_url: file.download_url,
                digest,
                theme,
            };
            Ok(views::preview(reader, &previewed, &counts))
        }
        Ok(PreviewOutcome::Rejected(problems)) => Ok(views::report(
            reader,
            &file.name,
            &ImportOutcome::Rejected(problems),
        )),
        Err(e) => refused(sender, e),
    }
}

/// The import card's buttons: Import (the file previewed), Cancel, and the console's Import
/// pressed where no dialog opens.
pub(super) async fn press(
    state: &TeamsState,
    sender: &Sender,
    action: &AdminAction,
    data: &Value,
    now: DateTime<Utc>,
) -> anyhow::Result<Value> {
    let reader = &sender.reader;
    let who = actor(sender);
    if let Err(e) = state.app.require_admin(&who).await {
        return refused(sender, e);
    }
    match action {
        AdminAction::ConfirmImport => {}
        AdminAction::CancelImport => {
            return Ok(cards::notice(
                &Message::new("teams-filein-cancelled"),
                reader,
            ))
        }
        _ => return Ok(views::how_to(reader)),
    }
    let Some(file) = views::PreviewedFile::from_data(data) else {
        return Ok(cards::notice(&Message::new("error-generic"), reader));
    };
    let bytes = match download(state, sender, &file.download_url).await {
        Ok(bytes) => bytes,
        Err(card) => return Ok(card),
    };
    if digest(&bytes) != file.digest {
        let message = Message::new("teams-filein-changed").text("file", &file.name);
        return Ok(cards::notice(&message, reader));
    }
    match state
        .app
        .import_mentors(&who, bytes, file.theme, &NoProgress, now)
        .await
    {
        Ok(outcome) => Ok(views::report(reader, &file.name, &outcome)),
        Err(e) => refused(sender, e),
    }
}

fn digest(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A refusal as a card, or the error when it is the bot's own.
fn refused(sender: &Sender, error: AdminError) -> anyhow::Result<Value> {
    match error {
        AdminError::Internal(e) => Err(e),
        AdminError::NotAdmin => Ok(cards::notice(
            &Message::new("teams-filein-admins-only"),
            &sender.reader,
        )),
        e => Ok(cards::notice(&e.message(), &sender.reader)),
    }
}

/// The attached file's bytes, or the card saying why they could not be read.
async fn download(state: &TeamsState, sender: &Sender, url: &str) -> Result<Vec<u8>, Value> {
    let error = match state.downloads.get(url).await {
        Ok(bytes) => return Ok(bytes),
        Err(error) => error,
    };
    let message = match error {
        DownloadError::HostNotAllowed => {
            // The host only, never the link itself: it grants access to the file.
            let host = reqwest::Url::parse(url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_string));
            tracing::warn!(
                ?host,
                "a Teams file on a host TEAMS_FILE_HOSTS does not allow"
            );
            Message::new("teams-filein-host-refused")
        }
        DownloadError::Expired => Message::new("teams-filein-expired"),
        DownloadError::TooLarge => Message::new("teams-filein-too-large"),
        DownloadError::Failed(detail) => {
            tracing::warn!(error = %detail, "a Teams file could not be downloaded");
            Message::new("import-download-failed").text("error", &detail)
        }
    };
    Err(cards::notice(&message, &sender.reader))
}
