//! Posting a file into a conversation with Slack's upload flow: `files.getUploadURLExternal`,
//! the bytes to the URL it returns, then `files.completeUploadExternal` to share the file.
//! Needs the bot scopes `files:write`, and `files:read` to find a file shared before a crash.

use chrono::{DateTime, Utc};
use slack_morphism::prelude::*;

use crate::app::ports::PortError;
use crate::domain::ChannelId;
use crate::slack::outbound::gateway::{classify, SlackGateway};

/// Files listed per `files.list` page.
const FILES_PAGE: u32 = 100;

/// `file_name` with the delivery key worked in before the extension, so the shared file can
/// be found again after a crash (Slack files carry no metadata): `1on1-2026-11-24.ics` with
/// `invite:12:3:U1` is `1on1-2026-11-24_invite-12-3-U1.ics`.
pub fn tagged_file_name(file_name: &str, key: &str) -> String {
    let tag: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    match file_name.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}_{tag}.{extension}"),
        None => format!("{file_name}_{tag}"),
    }
}

impl SlackGateway {
    /// Uploads `bytes` as `file_name` and shares it in `channel` (a DM is fine) with `comment`
    /// as the message introducing it (none when empty).
    ///
    /// Not idempotent: a retry after a failed last step uploads and shares a second copy, so
    /// a caller in doubt looks for the first with [`SlackGateway::find_shared_file`].
    pub async fn upload_file(
        &self,
        channel: &ChannelId,
        file_name: &str,
        title: &str,
        bytes: Vec<u8>,
        comment: &str,
    ) -> Result<(), PortError> {
        let session = self.session();
        let request = SlackApiFilesGetUploadUrlExternalRequest::new(file_name.into(), bytes.len());
        let ticket = self
            .call(
                "files.getUploadURLExternal",
                session.get_upload_url_external(&request),
            )
            .await?;

        let upload = SlackApiFilesUploadViaUrlRequest::new(
            ticket.upload_url,
            bytes,
            content_type(file_name).into(),
        );
        session
            .files_upload_via_url(&upload)
            .await
            .map_err(classify)?;

        let file = SlackApiFilesComplete::new(ticket.file_id).with_title(title.into());
        let request = SlackApiFilesCompleteUploadExternalRequest::new(vec![file])
            .with_channel_id(channel.as_str().into())
            .opt_initial_comment((!comment.is_empty()).then(|| comment.to_string()));
        self.call(
            "files.completeUploadExternal",
            session.files_complete_upload_external(&request),
        )
        .await
        .map(|_| ())
    }
}

impl SlackGateway {
    /// The id of a file named `file_name` shared in `channel` since `since`, if there is one
    /// (`files.list`, newest first, page by page).
    pub async fn find_shared_file(
        &self,
        channel: &ChannelId,
        file_name: &str,
        since: DateTime<Utc>,
    ) -> Result<Option<String>, PortError> {
        let mut page = 1;
        loop {
            let request = SlackApiFilesListRequest::new()
                .with_channel(channel.as_str().into())
                .with_ts_from(since.timestamp())
                .with_count(FILES_PAGE)
                .with_page(page);
            let response = self
                .call("files.list", self.session().files_list(&request))
                .await?;
            let found = response
                .files
                .iter()
                .find(|f| f.name.as_deref() == Some(file_name));
            if let Some(file) = found {
                return Ok(Some(file.id.to_string()));
            }
            let pages = response.paging.and_then(|p| p.pages).unwrap_or(1);
            if page >= pages || response.files.is_empty() {
                return Ok(None);
            }
            page += 1;
        }
    }
}

/// The media type Slack stores with the upload (it shows a calendar file as one).
fn content_type(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("ics") => "text/calendar",
        Some("csv") => "text/csv",
        Some("txt") => "text/plain",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delivery_key_is_worked_into_the_file_name_before_its_extension() {
        assert_eq!(
            tagged_file_name("1on1-2026-11-24.ics", "invite:12:3:U1"),
            "1on1-2026-11-24_invite-12-3-U1.ics"
        );
        assert_eq!(tagged_file_name("plain", "k/1"), "plain_k-1");
        assert_eq!(
            content_type(&tagged_file_name("a.ics", "x:y")),
            "text/calendar"
        );
    }

    #[test]
    fn calendar_files_are_sent_as_text_calendar() {
        assert_eq!(content_type("1on1-2026-11-24.ics"), "text/calendar");
        assert_eq!(content_type("REPORT.CSV"), "text/csv");
        assert_eq!(content_type("no-extension"), "application/octet-stream");
    }
}
