//! The Slack Web API through slack-morphism: the implementation of the app's ports, with
//! Slack's rate tiers applied and its errors classified for the retry policy.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;

use crate::app::ports::{Directory, Messenger, Outgoing, PortError};
use crate::app::screens::HomeScreen;
use crate::config::SlackConfig;
use crate::domain::calendar;
use crate::domain::{ChannelId, DirectoryProfile, Failure, Reader, UserId};
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
        let connector = SlackClientHyperConnector::with_connector(https)
            .with_slack_api_url(&config.api_url)
            // Paces calls to Slack's tiers (chat.postMessage about 1/s); a 429 still comes
            // back to us (no retries here) so the outbox can wait it out durably.
            .with_rate_control(SlackApiRateControlConfig::new());
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
        self.call("views.push", self.session().views_push(&request))
            .await
            .map(|_| ())
    }

    /// Replaces an open modal's content (e.g. the console after a change made in a child modal).
    pub async fn update_view(&self, view_id: &str, view: SlackView) -> Result<(), PortError> {
        let request = SlackApiViewsUpdateRequest::new(view).with_view_id(view_id.into());
        self.call("views.update", self.session().views_update(&request))
            .await
            .map(|_| ())
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
        self.call("views.open", self.session().views_open(&request))
            .await
            .map(|_| ())
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

fn is_code(error: &SlackClientError, codes: &[&str]) -> bool {
    matches!(error, SlackClientError::ApiError(e) if codes.contains(&e.code.as_str()))
}

#[async_trait]
impl Directory for SlackGateway {
    async fn describe(&self, user: &UserId) -> Result<Option<DirectoryProfile>, PortError> {
        let request = SlackApiUsersInfoRequest::new(user.as_str().into()).with_include_locale(true);
        match self
            .call_raw("users.info", self.session().users_info(&request))
            .await?
        {
            Ok(response) => {
                let u = response.user;
                let profile_name = u.profile.as_ref().and_then(|p| {
                    p.display_name
                        .clone()
                        .filter(|n| !n.trim().is_empty())
                        .or_else(|| p.real_name.clone())
                });
                let email = u
                    .profile
                    .as_ref()
                    .and_then(|p| p.email.as_ref())
                    .map(|e| e.to_string());
                Ok(Some(DirectoryProfile {
                    email,
                    display_name: profile_name.or(u.real_name).or(u.name).unwrap_or_default(),
                    tz: u.tz,
                    locale: u.locale.map(|l| l.to_string()),
                    is_bot: u.flags.is_bot.unwrap_or(false),
                    deleted: u.deleted.unwrap_or(false),
                }))
            }
            Err(e)
                if is_code(
                    &e,
                    &["user_not_found", "users_not_found", "account_inactive"],
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(classify(e)),
        }
    }

    async fn find_by_email(&self, email: &str) -> Result<Option<UserId>, PortError> {
        let request = SlackApiUsersLookupByEmailRequest::new(email.into());
        match self
            .call_raw(
                "users.lookupByEmail",
                self.session().users_lookup_by_email(&request),
            )
            .await?
        {
            Ok(response) => Ok(UserId::parse(response.user.id.as_ref()).ok()),
            Err(e) if is_code(&e, &["users_not_found", "user_not_found"]) => Ok(None),
            Err(e) => Err(classify(e)),
        }
    }
}

#[async_trait]
impl Messenger for SlackGateway {
    async fn open_dm(&self, user: &UserId) -> Result<ChannelId, PortError> {
        let request =
            SlackApiConversationsOpenRequest::new().with_users(vec![user.as_str().into()]);
        let response = self
            .call(
                "conversations.open",
                self.session().conversations_open(&request),
            )
            .await?;
        ChannelId::parse(response.channel.id.as_ref())
            .map_err(|e| PortError::permanent(format!("conversations.open returned {e}")))
    }

    async fn send_dm(
        &self,
        channel: &ChannelId,
        message: &Outgoing,
        reader: &Reader,
        key: &str,
    ) -> Result<String, PortError> {
        if let Outgoing::Invite { invite, cancel } = message {
            let method = if *cancel {
                calendar::Method::Cancel
            } else {
                calendar::Method::Request
            };
            // The name carries `key`, so a crash mid-upload can be told from no upload.
            let name =
                crate::slack::outbound::upload::tagged_file_name(&calendar::file_name(invite), key);
            let ics = calendar::invite_ics(invite, method);
            let comment = crate::slack::blocks::booking::invite_comment(reader, *cancel);
            self.upload_file(channel, &name, &invite.summary, ics.into_bytes(), &comment)
                .await?;
            return Ok(format!("file:{name}"));
        }
        let content = crate::slack::blocks::booking::outgoing_message(message, reader)
            .with_metadata(SlackMessageMetadata {
                event_type: DELIVERY_EVENT_TYPE.into(),
                event_payload: Some([("key".to_string(), key.to_string())].into()),
            });
        let request = SlackApiChatPostMessageRequest::new(channel.as_str().into(), content);
        let response = self
            .call(
                "chat.postMessage",
                self.session().chat_post_message(&request),
            )
            .await?;
        Ok(response.ts.to_string())
    }

    async fn update_dm(
        &self,
        channel: &ChannelId,
        ts: &str,
        message: &Outgoing,
        reader: &Reader,
    ) -> Result<(), PortError> {
        let content = crate::slack::blocks::booking::outgoing_message(message, reader);
        let request = SlackApiChatUpdateRequest::new(channel.as_str().into(), content, ts.into());
        self.call("chat.update", self.session().chat_update(&request))
            .await
            .map(|_| ())
    }

    async fn find_sent(
        &self,
        channel: &ChannelId,
        message: &Outgoing,
        key: &str,
        since: DateTime<Utc>,
    ) -> Result<Option<String>, PortError> {
        if let Outgoing::Invite { invite, .. } = message {
            let name =
                crate::slack::outbound::upload::tagged_file_name(&calendar::file_name(invite), key);
            let found = self.find_shared_file(channel, &name, since).await?;
            return Ok(found.map(|_| format!("file:{name}")));
        }
        // Slack's `oldest` is a message ts: seconds since the epoch with microseconds.
        let oldest = format!(
            "{}.{:06}",
            since.timestamp(),
            since.timestamp_subsec_micros()
        );
        let mut cursor: Option<SlackCursorId> = None;
        loop {
            let request = SlackApiConversationsHistoryRequest::new()
                .with_channel(channel.as_str().into())
                .with_oldest(oldest.clone().into())
                .with_limit(200)
                .with_include_all_metadata(true)
                .opt_cursor(cursor.clone());
            let response = self
                .call(
                    "conversations.history",
                    self.session().conversations_history(&request),
                )
                .await?;
            let found = response.messages.iter().find(|m| {
                m.content.metadata.as_ref().is_some_and(|meta| {
                    meta.event_type == DELIVERY_EVENT_TYPE
                        && meta
                            .event_payload
                            .as_ref()
                            .and_then(|p| p.get("key"))
                            .is_some_and(|k| k == key)
                })
            });
            if let Some(m) = found {
                return Ok(Some(m.origin.ts.to_string()));
            }
            cursor = response
                .response_metadata
                .and_then(|m| m.next_cursor)
                .filter(|c| !c.as_ref().is_empty());
            if cursor.is_none() {
                return Ok(None);
            }
        }
    }

    async fn publish_home(&self, home: &HomeScreen) -> Result<(), PortError> {
        let request = SlackApiViewsPublishRequest::new(
            home.reader.user.as_str().into(),
            render::home_view(home),
        );
        self.call("views.publish", self.session().views_publish(&request))
            .await
            .map(|_| ())
    }
}
