//! The Slack Web API through slack-morphism: the client, the calls the handlers make (views,
//! files, progress messages), and Slack's errors classified for the retry policy. The app's
//! ports are implemented beside it (`directory.rs`, `messenger.rs`).

use std::sync::Arc;

use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;

use crate::app::ports::PortError;
use crate::config::SlackConfig;
use crate::domain::{ChannelId, Failure};
use crate::slack::blocks::render;
use crate::slack::outbound::rate::Pauses;

pub type Connector = SlackClientHyperConnector<HttpsConnector<HttpConnector>>;
pub type Client = SlackClient<Connector>;

/// Tags every DM so a send interrupted by a crash can be found again.
pub const DELIVERY_EVENT_TYPE: &str = "mentor_bot_delivery";

pub struct SlackGateway {
    client: Arc<Client>,
    token: SlackApiToken,
    /// Methods on hold after a 429, shared by every caller (the worker, handlers, Socket Mode).
    pub(super) pauses: Arc<Pauses>,
    /// For downloading uploaded files (slack-morphism has no download call).
    files: hyper_util::client::legacy::Client<
        HttpsConnector<HttpConnector>,
        http_body_util::Empty<bytes::Bytes>,
    >,
}

/// The largest upload we read (a 50,000-row CSV is a few MB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

impl SlackGateway {
    pub fn new(config: &SlackConfig) -> anyhow::Result<Self> {
        Self::paced(config, true)
    }

    /// `new`, optionally without pacing to Slack's tiers: for the local sandbox, whose
    /// in-process fake Slack answers at once (its demo seed sends some thirty DMs).
    pub fn paced(config: &SlackConfig, pace: bool) -> anyhow::Result<Self> {
        // https for Slack itself; plain http only matters for a loopback fake in tests.
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .enable_http2()
            .build();
        let files =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build(https.clone());
        let connector =
            SlackClientHyperConnector::with_connector(https).with_slack_api_url(&config.api_url);
        // Paces calls to Slack's tiers (chat.postMessage about 1/s); a 429 still comes
        // back to us (no retries here) so the outbox can wait it out durably.
        let connector = if pace {
            connector.with_rate_control(SlackApiRateControlConfig::new())
        } else {
            connector
        };
        Ok(Self {
            client: Arc::new(SlackClient::new(connector)),
            token: SlackApiToken::new(config.bot_token.expose().into()),
            pauses: Arc::new(Pauses::default()),
            files,
        })
    }

    pub fn client(&self) -> Arc<Client> {
        self.client.clone()
    }

    pub(crate) fn session(&self) -> SlackClientSession<'_, Connector> {
        self.client.open_session(&self.token)
    }

    /// The holds placed after 429s (Socket Mode shares them for `apps.connections.open`).
    pub fn pauses(&self) -> Arc<Pauses> {
        self.pauses.clone()
    }

    /// Pushes a modal on top of the open one (needs a fresh trigger_id).
    pub async fn push_view(&self, trigger_id: &str, view: SlackView) -> Result<(), PortError> {
        let request = SlackApiViewsPushRequest::new(trigger_id.into(), view);
        self.view_call("views.push", &request).await
    }

    /// Replaces an open modal's content (e.g. the console after a change made in a child modal).
    pub async fn update_view(&self, view_id: &str, view: SlackView) -> Result<(), PortError> {
        let request = SlackApiViewsUpdateRequest::new(view).with_view_id(view_id.into());
        self.view_call("views.update", &request).await
    }

    /// Downloads a file someone uploaded. The URL comes from `files.info` (Slack's answer),
    /// never from the interaction payload, so a forged payload cannot make us send our token
    /// elsewhere. Returns the file name and its bytes.
    pub async fn download_file(&self, file_id: &str) -> Result<(String, Vec<u8>), PortError> {
        use http_body_util::BodyExt;
        let request = SlackApiFilesInfoRequest::new(file_id.into());
        let info = self
            .call("files.info", self.session().files_info(&request))
            .await?;
        let file = info.file;
        let url = file
            .url_private_download
            .or(file.url_private)
            .ok_or_else(|| PortError::permanent("the file has no download URL"))?;
        let request = hyper::Request::get(url.as_str())
            .header(
                "authorization",
                format!("Bearer {}", self.token.token_value.as_ref()),
            )
            .body(http_body_util::Empty::new())
            .map_err(|e| PortError::permanent(format!("bad download URL: {e}")))?;
        let response = self
            .files
            .request(request)
            .await
            .map_err(|e| PortError::transient(format!("download failed: {e}")))?;
        if !response.status().is_success() {
            return Err(PortError::transient(format!(
                "download answered HTTP {}",
                response.status()
            )));
        }
        // Slack answers a download without a valid token with its HTML login page.
        let is_html = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("text/html"));
        if is_html {
            return Err(PortError::permanent(
                "Slack returned a login page instead of the file (check the files:read scope)",
            ));
        }
        let body = http_body_util::Limited::new(response.into_body(), MAX_FILE_BYTES)
            .collect()
            .await
            .map_err(|e| PortError::permanent(format!("could not read the file: {e}")))?
            .to_bytes();
        Ok((
            file.name.unwrap_or_else(|| file_id.to_string()),
            body.to_vec(),
        ))
    }

    /// Posts a plain message (progress reports), returning its ts.
    pub async fn post_text(&self, channel: &ChannelId, text: &str) -> Result<String, PortError> {
        let content = render::plain_message(text);
        let request = SlackApiChatPostMessageRequest::new(channel.as_str().into(), content);
        let response = self
            .call(
                "chat.postMessage",
                self.session().chat_post_message(&request),
            )
            .await?;
        Ok(response.ts.to_string())
    }

    /// Replaces a message posted with `post_text`.
    pub async fn update_text(
        &self,
        channel: &ChannelId,
        ts: &str,
        text: &str,
    ) -> Result<(), PortError> {
        let request = SlackApiChatUpdateRequest::new(
            channel.as_str().into(),
            render::plain_message(text),
            ts.into(),
        );
        self.call("chat.update", self.session().chat_update(&request))
            .await
            .map(|_| ())
    }

    /// Opens a modal with a trigger_id (valid for 3 s, once).
    pub async fn open_view(&self, trigger_id: &str, view: SlackView) -> Result<(), PortError> {
        let request = SlackApiViewsOpenRequest::new(trigger_id.into(), view);
        self.view_call("views.open", &request).await
    }

    /// `views.open` or `views.push` (`method`) of a view already serialised.
    pub async fn show_drawn_view(
        &self,
        method: &'static str,
        trigger_id: &str,
        view: &serde_json::value::RawValue,
    ) -> Result<(), PortError> {
        #[derive(serde::Serialize)]
        struct Show<'a> {
            trigger_id: &'a str,
            view: &'a serde_json::value::RawValue,
        }
        self.view_call(method, &Show { trigger_id, view }).await
    }

    /// A `views.*` call whose answer is only checked for `ok`: Slack echoes the whole view
    /// back, and reading it into slack-morphism's typed view costs more than building it (the
    /// find benchmark's hottest step). slack-morphism still sends it and reads `ok`/`error`.
    async fn view_call<R: serde::Serialize + Send + Sync>(
        &self,
        method: &'static str,
        request: &R,
    ) -> Result<(), PortError> {
        /// Nothing of the answer but the envelope slack-morphism checks itself.
        #[derive(serde::Deserialize)]
        struct Answered {}
        let session = self.session();
        let call = session.http_session_api.http_post::<R, Answered>(
            method,
            request,
            Some(&slack_morphism::prelude::SLACK_TIER4_METHOD_CONFIG),
        );
        self.call(method, call).await.map(|_| ())
    }
}

/// Slack error codes that no retry will fix.
const PERMANENT_CODES: &[&str] = &[
    "channel_not_found",
    "user_not_found",
    "users_not_found",
    "cannot_dm_bot",
    "user_disabled",
    "account_inactive",
    "invalid_blocks",
    "invalid_blocks_format",
    "invalid_arguments",
    "msg_too_long",
    "no_text",
    "not_in_channel",
    "is_archived",
    "invalid_trigger_id",
    "expired_trigger_id",
    "exchanged_trigger_id",
];

/// Sorts a client error into the retry policy's classes.
pub fn classify(error: SlackClientError) -> PortError {
    let failure = match &error {
        SlackClientError::RateLimitError(e) => Failure::RateLimited {
            retry_after: e
                .retry_after
                .and_then(|d| chrono::Duration::from_std(d).ok()),
        },
        SlackClientError::ApiError(e) if e.code == "ratelimited" => {
            Failure::RateLimited { retry_after: None }
        }
        SlackClientError::ApiError(e) if PERMANENT_CODES.contains(&e.code.as_str()) => {
            Failure::Permanent
        }
        SlackClientError::HttpError(e) if e.status_code.is_client_error() => Failure::Permanent,
        _ => Failure::Transient,
    };
    let message = match &error {
        SlackClientError::ApiError(e) => format!("slack error {}", e.code),
        SlackClientError::HttpError(e) => format!("slack http status {}", e.status_code),
        SlackClientError::RateLimitError(e) => {
            format!("rate limited (retry after {:?})", e.retry_after)
        }
        other => other.to_string(),
    };
    PortError { failure, message }
}

pub(super) fn is_code(error: &SlackClientError, codes: &[&str]) -> bool {
    matches!(error, SlackClientError::ApiError(e) if codes.contains(&e.code.as_str()))
}
