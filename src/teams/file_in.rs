//! Files people attach in the personal chat (the manifest's `supportsFiles`): Teams stores the
//! file in the sender's OneDrive and the message carries a `file.download.info` attachment
//! with a pre-authorized, short-lived `downloadUrl`. The bot GETs it with no token, only from
//! the hosts `TEAMS_FILE_HOSTS` allows (redirects included), and no more than Slack's import
//! takes.

use std::time::Duration;

use reqwest::Url;
use serde_json::Value;

use super::activity::Activity;
use crate::slack::outbound::gateway::MAX_FILE_BYTES;

/// The attachment content type of a file sent to the bot in a personal chat.
pub const DOWNLOAD_INFO: &str = "application/vnd.microsoft.teams.file.download.info";

/// A file attached to a message, as its attachment describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedFile {
    pub name: String,
    pub download_url: String,
    /// The extension Teams reports (`csv`, `xlsx`, …), lower case.
    pub file_type: String,
}

impl AttachedFile {
    /// The first file attached to `activity`, if any (a message's other attachments, such as
    /// the `text/html` copy of what was typed, are not files).
    pub fn of(activity: &Activity) -> Option<AttachedFile> {
        activity
            .attachments
            .iter()
            .filter(|a| a.content_type == DOWNLOAD_INFO)
            .find_map(|a| {
                let content = a.content.as_ref()?;
                let field = |k: &str| content.get(k).and_then(Value::as_str).map(str::to_string);
                let name = a.name.clone().unwrap_or_default();
                let file_type = field("fileType")
                    .or_else(|| name.rsplit_once('.').map(|(_, ext)| ext.to_string()))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                Some(AttachedFile {
                    download_url: field("downloadUrl")?,
                    name,
                    file_type,
                })
            })
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownloadError {
    /// The link names a host `TEAMS_FILE_HOSTS` does not allow: not fetched.
    HostNotAllowed,
    /// The link no longer works (expired, or the file is gone): attach it again.
    Expired,
    TooLarge,
    Failed(String),
}

/// Downloads attached files from the allowed hosts.
#[derive(Clone)]
pub struct FileDownloads {
    hosts: Vec<String>,
    http: reqwest::Client,
}

impl FileDownloads {
    /// `hosts` are host suffixes (`sharepoint.com` allows `contoso.sharepoint.com`).
    pub fn new(hosts: Vec<String>) -> anyhow::Result<Self> {
        let allowed = hosts.clone();
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() > 5 || !host_allowed(&allowed, attempt.url()) {
                attempt.stop()
            } else {
                attempt.follow()
            }
        });
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .redirect(policy)
            .build()?;
        Ok(Self { hosts, http })
    }

    /// Whether `url` may be fetched: https on an allowed host (plain http only on loopback,
    /// where tests serve files).
    pub fn allows(&self, url: &str) -> bool {
        Url::parse(url).is_ok_and(|u| host_allowed(&self.hosts, &u))
    }

    /// The file's bytes.
    pub async fn get(&self, url: &str) -> Result<Vec<u8>, DownloadError> {
        if !self.allows(url) {
            return Err(DownloadError::HostNotAllowed);
        }
        let mut response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| DownloadError::Failed(e.without_url().to_string()))?;
        let status = response.status();
        if matches!(status.as_u16(), 401 | 403 | 404 | 410) {
            return Err(DownloadError::Expired);
        }
        if !status.is_success() {
            return Err(DownloadError::Failed(format!("HTTP {status}")));
        }
        if response
            .content_length()
            .is_some_and(|n| n > MAX_FILE_BYTES as u64)
        {
            return Err(DownloadError::TooLarge);
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| DownloadError::Failed(e.without_url().to_string()))?
        {
            if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                return Err(DownloadError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }
}

fn host_allowed(hosts: &[String], url: &Url) -> bool {
    let Some(host) = url
        .host_str()
        .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
    else {
        return false;
    };
    let loopback = matches!(host.as_str(), "127.0.0.1" | "[::1]" | "localhost");
    let secure = url.scheme() == "https" || (url.scheme() == "http" && loopback);
    secure
        && hosts
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::teams::activity::Attachment;
    use serde_json::json;

    #[test]
    fn only_https_links_on_allowed_host_suffixes_are_fetched() {
        let d = FileDownloads::new(vec!["sharepoint.com".into(), "127.0.0.1".into()]).unwrap();
        assert!(d.allows("https://contoso-my.sharepoint.com/personal/x/download.aspx?t=1"));
        assert!(d.allows("https://sharepoint.com/a"));
        assert!(d.allows("http://127.0.0.1:4000/download/1?token=x"));
        assert!(
            !d.allows("http://contoso-my.sharepoint.com/a"),
            "plain http"
        );
        assert!(!d.allows("https://evilsharepoint.com/a"), "not a subdomain");
        assert!(!d.allows("https://sharepoint.com.evil.example/a"));
        assert!(!d.allows("https://169.254.169.254/latest"));
        assert!(!d.allows("not a url"));
    }

    #[test]
    fn the_first_file_attachment_is_read_and_other_attachments_are_not_files() {
        let activity = Activity {
            attachments: vec![
                Attachment {
                    content_type: "text/html".into(),
                    content: Some(json!("<p>hi</p>")),
                    ..Default::default()
                },
                Attachment {
                    content_type: DOWNLOAD_INFO.into(),
                    name: Some("Mentors.CSV".into()),
                    content: Some(
                        json!({"downloadUrl": "https://x.sharepoint.com/d", "uniqueId": "1"}),
                    ),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let file = AttachedFile::of(&activity).unwrap();
        assert_eq!(
            (file.name.as_str(), file.file_type.as_str()),
            ("Mentors.CSV", "csv")
        );
        assert_eq!(file.download_url, "https://x.sharepoint.com/d");
        assert_eq!(AttachedFile::of(&Activity::default()), None);
    }
}
