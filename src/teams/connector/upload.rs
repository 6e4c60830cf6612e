//! The bytes of a file the user agreed to save, PUT to the upload session OneDrive opened for
//! it (msteams-docs `bots-filesv4.md`): one request for a file under 4 MB, no bearer token
//! (the URL is the credential), `Content-Range: bytes 0-{n-1}/{n}`.

use reqwest::StatusCode;

use super::{retry_after, Connector};
use crate::app::ports::PortError;
use crate::domain::Failure;

/// The largest file sent in one PUT; OneDrive wants larger ones in chunks (none of ours is).
pub const SINGLE_PUT_MAX: usize = 4 * 1024 * 1024;

/// How an upload ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Uploaded {
    /// The session took the bytes now.
    Now,
    /// The session already has them (409: an earlier attempt's PUT landed, its answer was lost).
    Before,
}

impl Connector {
    /// PUTs `bytes` to `upload_url`. 429 and 5xx are retried by the outbox (honouring
    /// `Retry-After`); any other refusal is permanent: the session expired or was never valid.
    pub async fn upload(&self, upload_url: &str, bytes: Vec<u8>) -> Result<Uploaded, PortError> {
        let n = bytes.len();
        if n == 0 || n > SINGLE_PUT_MAX {
            return Err(PortError::permanent(format!(
                "teams upload: {n} bytes is not a file for one PUT"
            )));
        }
        let response = self
            .inner
            .http
            .put(upload_url)
            .header("Content-Length", n.to_string())
            .header("Content-Range", format!("bytes 0-{}/{n}", n - 1))
            .body(bytes)
            .send()
            .await
            .map_err(|e| PortError::transient(format!("teams upload: {e}")))?;
        let status = response.status();
        let wait = retry_after(response.headers());
        let text = format!("teams upload {}", status.as_u16());
        match status {
            s if s.is_success() => Ok(Uploaded::Now),
            StatusCode::CONFLICT => Ok(Uploaded::Before),
            StatusCode::TOO_MANY_REQUESTS => Err(PortError {
                failure: Failure::RateLimited { retry_after: wait },
                message: text,
            }),
            s if s.is_server_error() && wait.is_some() => Err(PortError {
                failure: Failure::RateLimited { retry_after: wait },
                message: text,
            }),
            s if s.is_server_error() || s == StatusCode::REQUEST_TIMEOUT => {
                Err(PortError::transient(text))
            }
            _ => Err(PortError::permanent(format!("{EXPIRED}{text}"))),
        }
    }
}

/// What an upload refused for good starts with (the session expired or is unknown).
const EXPIRED: &str = "upload session refused: ";

/// Whether `error` is an upload the session refused for good (tell the user to export again).
pub fn is_expired_upload(error: &PortError) -> bool {
    error.failure == Failure::Permanent && error.message.starts_with(EXPIRED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::teams::connector::Limits;
    use crate::teams::token::tests::{client, fake};
    use serde_json::json;

    #[tokio::test]
    async fn one_put_lands_a_repeat_is_known_and_failures_are_classified() {
        let fake = fake().await;
        let aiko = fake.add_user(fake_teams::NewUser {
            aad_object_id: "6b1f3a52-0000-4000-8000-0000000000a2".into(),
            name: "Aiko".into(),
            email: "aiko@example.com".into(),
            locale: "ja-JP".into(),
            timezone: "Asia/Tokyo".into(),
        });
        let teams = Connector::new(
            client(&fake, "test-secret"),
            reqwest::Client::new(),
            Limits::default(),
        );
        let bytes = b"\xEF\xBB\xBFmonth,theme\n".to_vec();
        let offer = json!({"type": "message", "attachments": [{
            "contentType": "application/vnd.microsoft.teams.card.file.consent",
            "name": "a.csv",
            "content": {"description": "CSV", "sizeInBytes": bytes.len(),
                        "acceptContext": {}, "declineContext": {}},
        }]});
        let id = teams
            .send(&fake.service_url(), &aiko.conversation_id, &offer)
            .await
            .unwrap();
        let url = |info: serde_json::Value| info["uploadUrl"].as_str().unwrap().to_string();

        let session = url(fake.allow_upload(&id));
        fake.fail_next_upload(503, 1);
        let failed = teams.upload(&session, bytes.clone()).await.unwrap_err();
        assert_eq!(failed.failure, Failure::Transient);
        assert_eq!(
            teams.upload(&session, bytes.clone()).await,
            Ok(Uploaded::Now)
        );
        assert_eq!(
            teams.upload(&session, bytes.clone()).await,
            Ok(Uploaded::Before)
        );
        assert_eq!(fake.uploads()[0].bytes.as_deref(), Some(bytes.as_slice()));

        let wrong_size = teams
            .upload(&url(fake.allow_upload(&id)), vec![b'x'; 3])
            .await;
        assert!(is_expired_upload(&wrong_size.unwrap_err()));
        let gone = session.replace("/upload/s1", "/upload/none");
        assert!(is_expired_upload(
            &teams.upload(&gone, bytes).await.unwrap_err()
        ));
    }
}
