//! Sending what the outbox holds through Slack (the app's `Messenger` port): DMs with their
//! delivery key in message metadata, calendar files, redrawn DMs, the App Home; and finding a
//! DM or file again after a crash.

use chrono::{DateTime, Utc};

use async_trait::async_trait;
use slack_morphism::prelude::*;

use super::gateway::{SlackGateway, DELIVERY_EVENT_TYPE};
use crate::app::ports::{Messenger, Outgoing, PortError};
use crate::app::screens::HomeScreen;
use crate::domain::calendar;
use crate::domain::{ChannelId, Reader, UserId};
use crate::slack::blocks::render;

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
        if let Outgoing::File {
            file_name,
            title,
            bytes,
            comment,
        } = message
        {
            let name = crate::slack::outbound::upload::tagged_file_name(file_name, key);
            let comment = crate::slack::blocks::render::message_text(reader.lang, comment);
            self.upload_file(channel, &name, title, bytes.clone(), &comment)
                .await?;
            return Ok(format!("file:{name}"));
        }
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
        if let Outgoing::File { file_name, .. } = message {
            let name = crate::slack::outbound::upload::tagged_file_name(file_name, key);
            let found = self.find_shared_file(channel, &name, since).await?;
            return Ok(found.map(|_| format!("file:{name}")));
        }
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
