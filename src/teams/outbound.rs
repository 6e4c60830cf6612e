//! The app's ports for Teams users: who they are (from their own activities) and sending what
//! the outbox holds as Adaptive Cards through the Bot Connector.
//!
//! Teams has no way to list a chat's messages, so `find_sent` cannot tell whether a send
//! interrupted by a crash reached Teams: such a row (the few milliseconds between the
//! Connector's answer and the commit) is sent again. Everything else is exactly once: the
//! outbox claims each row once, and Home cards and closed DMs are updated in place.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::cards::{self, DmExtras};
use super::connector::{self, Connector};
use crate::app::ports::{Directory, Messenger, Outgoing, PortError};
use crate::app::screens::HomeScreen;

use crate::domain::{ChannelId, DirectoryProfile, Notice, OutboxKey, Reader, UserId};
use crate::storage::teams_people::TeamsPerson;
use crate::storage::Db;

mod files_out;

/// Sends to Teams users through the Connector. It holds the database, not the app: the app
/// is built over these ports, and `teams_people` is this adapter's own table.
pub struct TeamsMessenger {
    pub db: Db,
    pub connector: Connector,
    /// Download links for calendar files, when `TEAMS_PUBLIC_URL` is set.
    pub files: Option<super::files::FileLinks>,
}

/// Teams users as their activities described them.
pub struct TeamsDirectory {
    pub db: Db,
}

async fn teams_person(db: &Db, user: &UserId) -> anyhow::Result<Option<TeamsPerson>> {
    let id = user.clone();
    db.read(move |c| crate::storage::teams_people::get_person(c, &id))
        .await
}

fn transient(e: anyhow::Error) -> PortError {
    PortError::transient(format!("{e:#}"))
}

#[async_trait]
impl Directory for TeamsDirectory {
    async fn describe(&self, user: &UserId) -> Result<Option<DirectoryProfile>, PortError> {
        let person = teams_person(&self.db, user).await.map_err(transient)?;
        Ok(person.map(|p| DirectoryProfile {
            display_name: p.name,
            email: p.email,
            tz: p.tz,
            locale: p.locale,
            is_bot: false,
            deleted: false,
        }))
    }

    async fn find_by_email(&self, email: &str) -> Result<Option<UserId>, PortError> {
        let email = email.to_string();
        self.db
            .read(move |c| crate::storage::teams_people::find_by_email(c, &email))
            .await
            .map_err(transient)
    }
}

impl TeamsMessenger {
    async fn person(&self, user: &UserId) -> Result<TeamsPerson, PortError> {
        let person = teams_person(&self.db, user)
            .await
            .map_err(transient)?
            .ok_or_else(|| {
                PortError::permanent(format!(
                    "{user} has never written to the bot in Teams, so it cannot write to them"
                ))
            })?;
        if let Some(reason) = &person.unreachable_reason {
            return Err(PortError::permanent(format!("unreachable: {reason}")));
        }
        Ok(person)
    }

    /// The personal chat with `person`, created (and remembered) the first time.
    async fn conversation(&self, person: &TeamsPerson) -> Result<String, PortError> {
        if let Some(id) = &person.conversation_id {
            return Ok(id.clone());
        }
        let created = self
            .connector
            .create_personal_conversation(
                &person.service_url,
                &person.tenant_id,
                &person.bot_id,
                &person.teams_id,
            )
            .await;
        let id = self.checked(&person.user_id, created).await?;
        let (user, remembered) = (person.user_id.clone(), id.clone());
        self.db
            .write(move |c| {
                crate::storage::teams_people::update_conversation(c, &user, &remembered)
            })
            .await
            .map_err(transient)?;
        Ok(id)
    }

    /// A 403 MessageWritesBlocked means the person blocked or removed the bot: it is recorded
    /// (shown to admins) before the error is returned, so the next row to them fails at once
    /// without calling the Connector; the error stays permanent, so nothing retries it.
    async fn note_unreachable(&self, user: &UserId, error: PortError) -> PortError {
        if connector::is_unreachable(&error) {
            let (user, reason) = (user.clone(), error.message.clone());
            let now = Utc::now();
            let marked = self
                .db
                .write(move |c| {
                    crate::storage::teams_people::update_unreachable(c, &user, &reason, now)
                })
                .await;
            if let Err(e) = marked {
                tracing::warn!(error = %e, "could not record an unreachable Teams user");
            }
        }
        error
    }

    /// `result`, with a MessageWritesBlocked refusal recorded first (see `note_unreachable`).
    async fn checked<T>(
        &self,
        user: &UserId,
        result: Result<T, PortError>,
    ) -> Result<T, PortError> {
        match result {
            Ok(value) => Ok(value),
            Err(e) => Err(self.note_unreachable(user, e).await),
        }
    }

    /// What a DM shows besides its card: the Teams meeting link on a confirmed 1on1.
    async fn extras(&self, message: &Outgoing) -> DmExtras {
        let booking = match message {
            Outgoing::Notice(Notice::Confirmed { booking, .. }) => Some(booking),
            Outgoing::Notice(Notice::Moved { booking, .. }) => Some(booking),
            Outgoing::Reminder { booking, .. } => Some(booking),
            _ => None,
        };
        let Some(booking) = booking else {
            return DmExtras {
                names: self.names(message).await,
                ..DmExtras::default()
            };
        };
        let mut attendees = Vec::new();
        for user in [&booking.mentee, &booking.mentor] {
            if let Ok(Some(email)) = self.email_of(user).await {
                attendees.push(email);
            }
        }
        DmExtras {
            names: self.names(message).await,
            file_link: None,
            meeting_link: Some(cards::meeting_link(
                &format!("1on1 · {}", booking.theme),
                booking.start,
                booking.end,
                &attendees,
                "",
            )),
        }
    }

    /// The names of the people `message` names (a card writes people by name).
    async fn names(&self, message: &Outgoing) -> cards::Names {
        let mut names = cards::Names::new();
        for user in people_in(message) {
            if names.contains_key(&user) {
                continue;
            }
            let name = match self.name_of(&user).await {
                Ok(Some(name)) => Some(name),
                _ => crate::app::names::name_of(&user),
            };
            if let Some(name) = name {
                crate::app::names::remember(&user, &name);
                names.insert(user, name);
            }
        }
        names
    }

    async fn names_of(&self, users: Vec<UserId>) -> cards::Names {
        let mut names = cards::Names::new();
        for user in users {
            if let Ok(Some(name)) = self.name_of(&user).await {
                names.insert(user, name);
            }
        }
        names
    }

    async fn name_of(&self, user: &UserId) -> anyhow::Result<Option<String>> {
        let id = user.clone();
        let stored = self
            .db
            .read(move |c| crate::storage::users::get_user(c, &id))
            .await?;
        Ok(stored.map(|p| p.display_name))
    }

    async fn email_of(&self, user: &UserId) -> anyhow::Result<Option<String>> {
        let id = user.clone();
        let stored = self
            .db
            .read(move |c| crate::storage::users::get_user(c, &id))
            .await?;
        Ok(stored.and_then(|p| p.email))
    }

    /// An invite's download link (valid until a day after the 1on1 ends), from its outbox key
    /// `invite:{id}:{sequence}:{user}`.
    fn file_link(&self, message: &Outgoing, key: &str) -> Option<String> {
        let Outgoing::Invite { invite, .. } = message else {
            return None;
        };
        let files = self.files.as_ref()?;
        match OutboxKey::parse_one_on_one(key)? {
            OutboxKey::Invite {
                one_on_one, user, ..
            } => Some(files.link(one_on_one, &user, invite.end + chrono::Duration::days(1))),
            _ => None,
        }
    }

    fn activity(card: Value) -> Value {
        cards::message(card)
    }
}

/// The first message in a new personal chat: what the bot does and the words to type.
fn welcome_card(reader: &Reader) -> Value {
    use crate::app::actions::{Action, BookingAction, HomeAction};
    use crate::i18n::t;
    let lang = reader.lang;
    cards::kit::card(
        vec![
            cards::kit::heading(t(lang, "welcome-fallback")),
            cards::kit::text(t(lang, "teams-welcome-text")),
        ],
        vec![
            cards::kit::action_button(lang, &Action::Booking(BookingAction::Find)),
            cards::kit::action_button(lang, &Action::Home(HomeAction::Help)),
        ],
    )
}

/// Everyone a DM may name: the pair of its 1on1, memo authors, and any user id its stored
/// notice carries (ids are read from the notice's JSON, so new notices need no change here).
fn people_in(message: &Outgoing) -> Vec<UserId> {
    fn scan(v: &Value, out: &mut Vec<UserId>) {
        match v {
            Value::String(s) => {
                if let Ok(user) = UserId::parse(s) {
                    out.push(user);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| scan(i, out)),
            Value::Object(map) => map.values().for_each(|i| scan(i, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut booking = |b: &crate::domain::BookingInfo| {
        out.push(b.mentor.clone());
        out.push(b.mentee.clone());
    };
    match message {
        Outgoing::Reminder { booking: b, .. }
        | Outgoing::Closed { booking: b, .. }
        | Outgoing::AfterPrompt { booking: b, .. } => booking(b),
        Outgoing::Summary { booking: b, memo } => {
            booking(b);
            out.extend(memo.iter().map(|(author, _)| author.clone()));
        }
        Outgoing::Notice(notice) => {
            if let Ok(json) = serde_json::to_value(notice) {
                scan(&json, &mut out);
            }
        }
        Outgoing::File { .. } | Outgoing::Invite { .. } | Outgoing::OfferAnswered { .. } => {}
    }
    out
}

#[async_trait]
impl Messenger for TeamsMessenger {
    async fn open_dm(&self, user: &UserId) -> Result<ChannelId, PortError> {
        let person = self.person(user).await?;
        self.conversation(&person).await?;
        Ok(ChannelId::teams_dm(user))
    }

    async fn send_dm(
        &self,
        channel: &ChannelId,
        message: &Outgoing,
        reader: &Reader,
        key: &str,
    ) -> Result<String, PortError> {
        let user = channel
            .teams_user()
            .ok_or_else(|| PortError::permanent(format!("{channel} is not a Teams chat")))?;
        let person = self.person(&user).await?;
        let conversation = self.conversation(&person).await?;
        // Files are offered with a consent card, and saved once the reader allows it.
        let chat = files_out::Chat {
            user: &user,
            person: &person,
            conversation: &conversation,
        };
        if let Some(sent) = self.send_file(&chat, message, reader, key).await {
            return sent;
        }
        let card = match message {
            // Slack's welcome points at `/mentor help` and the Home tab; Teams has neither.
            Outgoing::Notice(Notice::Welcome) => welcome_card(reader),
            _ => {
                let mut extras = self.extras(message).await;
                extras.file_link = self.file_link(message, key);
                cards::outgoing(message, reader, &extras)
            }
        };
        let activity = Self::activity(card);
        let sent = self
            .connector
            .send(&person.service_url, &conversation, &activity)
            .await;
        self.checked(&user, sent).await
    }

    async fn find_sent(
        &self,
        _channel: &ChannelId,
        _message: &Outgoing,
        _key: &str,
        _since: DateTime<Utc>,
    ) -> Result<Option<String>, PortError> {
        // See the module comment: Teams cannot list what a chat holds.
        Ok(None)
    }

    async fn update_dm(
        &self,
        channel: &ChannelId,
        ts: &str,
        message: &Outgoing,
        reader: &Reader,
    ) -> Result<(), PortError> {
        let user = channel
            .teams_user()
            .ok_or_else(|| PortError::permanent(format!("{channel} is not a Teams chat")))?;
        let person = self.person(&user).await?;
        let conversation = self.conversation(&person).await?;
        let extras = self.extras(message).await;
        let mut activity = Self::activity(cards::outgoing(message, reader, &extras));
        activity["id"] = Value::String(ts.to_string());
        let updated = self
            .connector
            .update(&person.service_url, &conversation, ts, &activity)
            .await;
        self.checked(&user, updated).await
    }

    /// The Home is a card in the personal chat: posted once, then refreshed in place.
    async fn publish_home(&self, home: &HomeScreen) -> Result<(), PortError> {
        let user = home.reader.user.clone();
        let person = self.person(&user).await?;
        // Slack's Home is a tab nobody sees until they open it; in Teams a Home card is a
        // message, so it appears only when asked for (`home`) and is then kept up to date.
        if person.home_activity_id.is_none() {
            return Ok(());
        }
        let conversation = self.conversation(&person).await?;
        let people = crate::teams::inbound::home_people(home);
        let names = self.names_of(people).await;
        let activity = Self::activity(cards::home_with(home, &home.reader, &names));
        if let Some(id) = &person.home_activity_id {
            let mut activity = activity.clone();
            activity["id"] = Value::String(id.clone());
            match self
                .connector
                .update(&person.service_url, &conversation, id, &activity)
                .await
            {
                Ok(()) => return Ok(()),
                // The card was deleted in Teams: post a new one below.
                Err(e) if e.message.contains("NotFound") => {}
                Err(e) => return Err(self.note_unreachable(&user, e).await),
            }
        }
        let sent = self
            .connector
            .send(&person.service_url, &conversation, &activity)
            .await;
        let id = self.checked(&user, sent).await?;
        self.db
            .write(move |c| crate::storage::teams_people::update_home_activity(c, &user, &id))
            .await
            .map_err(transient)
    }
}
