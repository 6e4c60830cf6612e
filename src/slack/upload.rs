//! Posting a file into a conversation with Slack's upload flow: `files.getUploadURLExternal`,
//! the bytes to the URL it returns, then `files.completeUploadExternal` to share the file.
//! Needs the bot scope `files:write`.

use slack_morphism::prelude::*;

use super::gateway::{classify, SlackGateway};
use crate::app::ports::PortError;
use crate::domain::ChannelId;

impl SlackGateway {
    /// Uploads `bytes` as `file_name` and shares it in `channel` (a DM is fine) with `comment`
    /// as the message introducing it (none when empty).
    ///
    /// Not idempotent: a retry after a failed last step uploads and shares a second copy.
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

/// The media type Slack stores with the upload (it shows a calendar file as one).
fn content_type(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("ics") => "text/calendar",
        Some("csv") => "text/csv",
        Some("txt") => "text/plain",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_files_are_sent_as_text_calendar() {
        assert_eq!(content_type("1on1-2026-11-24.ics"), "text/calendar");
        assert_eq!(content_type("REPORT.CSV"), "text/csv");
        assert_eq!(content_type("no-extension"), "application/octet-stream");
    }
}
