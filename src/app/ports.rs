//! What the use cases need from the chat platform, without naming it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::screens::HomeScreen;
use crate::domain::booking::DmOutcome;
use crate::domain::calendar::Invite;
use crate::domain::{
    BookingInfo, Brief, ChannelId, DirectoryProfile, Failure, Notice, Reader, UserId,
};

/// A DM as it is sent: a stored notice, or one resolved from the database when due.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing {
    Notice(Notice),
    /// A file made when sent (a survey's CSV export), with the line introducing it.
    File {
        file_name: String,
        title: String,
        bytes: Vec<u8>,
        comment: super::errors::Message,
    },
    /// A reminder before a confirmed 1on1; `brief` for the mentor.
    Reminder {
        booking: BookingInfo,
        brief: Option<Brief>,
    },
    /// A calendar file (REQUEST, or CANCEL).
    Invite {
        invite: Invite,
        cancel: bool,
    },
    /// What an earlier DM about a 1on1 shows once its buttons no longer apply: the outcome and
    /// the 1on1 as it is now, without buttons.
    Closed {
        booking: BookingInfo,
        outcome: DmOutcome,
    },
    /// After the 1on1: "How was it?" to the mentee, held / not held to the mentor
    /// (`reminder`: the one gentle reminder).
    AfterPrompt {
        booking: BookingInfo,
        for_mentor: bool,
        reminder: bool,
    },
    /// An auto-share recipient's summary of a held 1on1: `booking` without the note, and the
    /// 1on1's shared memo (never a private memo, never the rating).
    Summary {
        booking: BookingInfo,
        memo: Vec<(UserId, String)>,
    },
    /// The reader answered a file offered to save (Teams' file consent card): the offer's
    /// message id (`offer_ts`), to close it with the outcome, and on accept where to upload
    /// the file and its bytes, made now.
    OfferAnswered {
        offer_ts: Option<String>,
        upload: Option<(crate::domain::file_offer::UploadTarget, Vec<u8>)>,
    },
}

/// A failed call to the platform, classified for the retry policy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PortError {
    pub failure: Failure,
    pub message: String,
}

impl PortError {
    pub fn transient(message: impl Into<String>) -> Self {
        Self {
            failure: Failure::Transient,
            message: message.into(),
        }
    }
    pub fn permanent(message: impl Into<String>) -> Self {
        Self {
            failure: Failure::Permanent,
            message: message.into(),
        }
    }
}

/// Who people are (Slack's `users.info`).
#[async_trait]
pub trait Directory: Send + Sync {
    /// `Ok(None)` when the platform cannot describe this person (unknown, deactivated…).
    async fn describe(&self, user: &UserId) -> Result<Option<DirectoryProfile>, PortError>;

    /// The person with this email address, if the platform knows one.
    async fn find_by_email(&self, email: &str) -> Result<Option<UserId>, PortError>;
}

/// Sending what the outbox holds.
#[async_trait]
pub trait Messenger: Send + Sync {
    /// The direct-message channel with `user`, opened if needed.
    async fn open_dm(&self, user: &UserId) -> Result<ChannelId, PortError>;

    /// Sends `message` rendered for `reader`, tagged with `key` so it can be found again.
    /// Returns the message's id (Slack `ts`; for a file, its name).
    async fn send_dm(
        &self,
        channel: &ChannelId,
        message: &Outgoing,
        reader: &Reader,
        key: &str,
    ) -> Result<String, PortError>;

    /// The id of `message` as sent tagged `key` to `channel` since `since`, if it was: used
    /// after a crash to learn whether an interrupted send reached the platform (a message or
    /// a shared file alike).
    async fn find_sent(
        &self,
        channel: &ChannelId,
        message: &Outgoing,
        key: &str,
        since: DateTime<Utc>,
    ) -> Result<Option<String>, PortError>;

    /// Replaces a DM sent earlier (`ts` in `channel`) with `message` rendered for `reader`.
    async fn update_dm(
        &self,
        channel: &ChannelId,
        ts: &str,
        message: &Outgoing,
        reader: &Reader,
    ) -> Result<(), PortError>;

    /// Replaces the person's App Home with `home`.
    async fn publish_home(&self, home: &HomeScreen) -> Result<(), PortError>;
}

/// Routes each call to the platform the person is on: Slack, or Teams when it is configured.
/// One deployment serves Slack, Teams or both; a person is identified per platform
/// ([`UserId::platform`]), so nothing above this needs to know which.
pub struct ByPlatform {
    pub slack: Option<(std::sync::Arc<dyn Messenger>, std::sync::Arc<dyn Directory>)>,
    pub teams: Option<(std::sync::Arc<dyn Messenger>, std::sync::Arc<dyn Directory>)>,
}

impl ByPlatform {
    fn messenger(&self, user: &UserId) -> Result<&dyn Messenger, PortError> {
        match user.platform() {
            crate::domain::Platform::Slack => {
                self.slack.as_ref().map(|(m, _)| m.as_ref()).ok_or_else(|| {
                    PortError::permanent("Slack is not configured (SLACK_BOT_TOKEN)")
                })
            }
            crate::domain::Platform::Teams => self
                .teams
                .as_ref()
                .map(|(m, _)| m.as_ref())
                .ok_or_else(|| PortError::permanent("Teams is not configured (TEAMS_APP_ID)")),
        }
    }

    fn channel_messenger(&self, channel: &ChannelId) -> Result<&dyn Messenger, PortError> {
        match (channel.teams_user(), &self.slack) {
            (Some(user), _) => self.messenger(&user),
            (None, Some((slack, _))) => Ok(slack.as_ref()),
            (None, None) => Err(PortError::permanent(
                "Slack is not configured (SLACK_BOT_TOKEN)",
            )),
        }
    }
}

#[async_trait]
impl Directory for ByPlatform {
    async fn describe(&self, user: &UserId) -> Result<Option<DirectoryProfile>, PortError> {
        let directory = match user.platform() {
            crate::domain::Platform::Slack => &self.slack,
            crate::domain::Platform::Teams => &self.teams,
        };
        match directory {
            Some((_, directory)) => directory.describe(user).await,
            None => Ok(None),
        }
    }

    /// Slack's directory first, then the Teams people who have written to the bot.
    async fn find_by_email(&self, email: &str) -> Result<Option<UserId>, PortError> {
        for (_, directory) in self.slack.iter().chain(&self.teams) {
            if let Some(user) = directory.find_by_email(email).await? {
                return Ok(Some(user));
            }
        }
        Ok(None)
    }
}

#[async_trait]
impl Messenger for ByPlatform {
    async fn open_dm(&self, user: &UserId) -> Result<ChannelId, PortError> {
        self.messenger(user)?.open_dm(user).await
    }

    async fn send_dm(
        &self,
        channel: &ChannelId,
        message: &Outgoing,
        reader: &Reader,
        key: &str,
    ) -> Result<String, PortError> {
        self.channel_messenger(channel)?
            .send_dm(channel, message, reader, key)
            .await
    }

    async fn find_sent(
        &self,
        channel: &ChannelId,
        message: &Outgoing,
        key: &str,
        since: DateTime<Utc>,
    ) -> Result<Option<String>, PortError> {
        self.channel_messenger(channel)?
            .find_sent(channel, message, key, since)
            .await
    }

    async fn update_dm(
        &self,
        channel: &ChannelId,
        ts: &str,
        message: &Outgoing,
        reader: &Reader,
    ) -> Result<(), PortError> {
        self.channel_messenger(channel)?
            .update_dm(channel, ts, message, reader)
            .await
    }

    async fn publish_home(&self, home: &HomeScreen) -> Result<(), PortError> {
        self.messenger(&home.reader.user)?.publish_home(home).await
    }
}
