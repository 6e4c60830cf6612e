//! Who someone is: profile (refreshed from the directory after a day) and roles.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::App;
use crate::domain::{Reader, Roles, UserId, UserProfile};
use crate::storage;

/// How long a request in Slack's 3-second window may wait for the directory on first contact.
const FIRST_CONTACT_BUDGET: Duration = Duration::from_millis(1200);

impl App {
    /// The profile to render for `user`. A stored, fresh profile is used as is; a stale one is
    /// used now and refreshed in the background; an unknown person is looked up (within a
    /// time budget) and falls back to the workspace defaults.
    pub async fn profile(&self, user: &UserId, now: DateTime<Utc>) -> anyhow::Result<UserProfile> {
        match self.stored_profile(user, now).await? {
            Some(p) if !p.is_stale(now) => Ok(p),
            Some(p) => {
                let app = self.clone();
                let id = user.clone();
                tokio::spawn(async move {
                    if let Err(e) = app.refresh_profile(&id, now).await {
                        tracing::warn!(user = %id, error = %e, "background profile refresh failed");
                    }
                });
                Ok(p)
            }
            None => {
                match tokio::time::timeout(FIRST_CONTACT_BUDGET, self.refresh_profile(user, now))
                    .await
                {
                    Ok(result) => result,
                    Err(_) => {
                        tracing::warn!(user = %user, "directory too slow on first contact; using defaults");
                        Ok(UserProfile::resolve(
                            user.clone(),
                            None,
                            self.settings.default_tz,
                            now,
                        ))
                    }
                }
            }
        }
    }

    /// The profile to render for `user`, refreshed first (not in the background) when it is
    /// missing or stale: for work that is not racing Slack's 3 seconds.
    pub async fn fresh_profile(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<UserProfile> {
        match self.stored_profile(user, now).await? {
            Some(p) if !p.is_stale(now) => Ok(p),
            _ => self.refresh_profile(user, now).await,
        }
    }

    /// The stored profile, from memory while no profile was written since it was read (and
    /// for a minute at most, for writes by another process): every request reads its sender's.
    async fn stored_profile(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<UserProfile>> {
        let at = (self.db.people_generation(), now.timestamp().div_euclid(60));
        if let Some(profile) = self.profiles.at(at).get(user) {
            return Ok(Some(profile.clone()));
        }
        let id = user.clone();
        let profile = self
            .db
            .read(move |c| storage::users::get_user(c, &id))
            .await?;
        if let Some(profile) = &profile {
            self.profiles.at(at).put(profile.clone());
        }
        Ok(profile)
    }

    /// Asks the directory about `user` and stores the answer. A person the directory cannot
    /// describe is stored with the workspace defaults; a failed call stores nothing.
    pub async fn refresh_profile(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<UserProfile> {
        let described = match self.directory.describe(user).await {
            Ok(described) => described,
            Err(e) => {
                tracing::warn!(user = %user, error = %e, "directory lookup failed; using defaults for now");
                return Ok(self.stored_profile(user, now).await?.unwrap_or_else(|| {
                    UserProfile::resolve(user.clone(), None, self.settings.default_tz, now)
                }));
            }
        };
        let profile = UserProfile::resolve(user.clone(), described, self.settings.default_tz, now);
        let to_store = profile.clone();
        self.db
            .write(move |c| storage::users::upsert_user(c, &to_store, now))
            .await?;
        Ok(profile)
    }

    pub async fn roles(&self, user: &UserId) -> anyhow::Result<Roles> {
        let id = user.clone();
        let granted = self
            .db
            .read(move |c| storage::roles::list_roles(c, &id))
            .await?;
        Ok(Roles::from_granted(
            granted,
            self.settings.admins.contains(user),
        ))
    }

    pub fn reader(&self, profile: &UserProfile) -> Reader {
        profile.reader(self.settings.default_lang, self.settings.default_tz)
    }

    pub async fn reader_and_roles(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<(Reader, Roles)> {
        let profile = self.profile(user, now).await?;
        Ok((self.reader(&profile), self.roles(user).await?))
    }
}

impl App {
    /// Remembers what a Teams activity says about its sender: the conversation reference (so
    /// the bot can write to them later) and their profile (name, locale, zone), in one
    /// transaction. A locale or zone the activity does not carry keeps the one stored.
    pub async fn remember_teams_person(
        &self,
        person: storage::teams_people::TeamsPerson,
        now: DateTime<Utc>,
    ) -> anyhow::Result<UserProfile> {
        let default_tz = self.settings.default_tz;
        self.db
            .write(move |c| {
                let stored = storage::users::get_user(c, &person.user_id)?;
                let known = storage::teams_people::get_person(c, &person.user_id)?;
                let described = crate::domain::DirectoryProfile {
                    display_name: person.name.clone(),
                    email: person
                        .email
                        .clone()
                        .or_else(|| known.as_ref().and_then(|k| k.email.clone())),
                    tz: person
                        .tz
                        .clone()
                        .or_else(|| stored.as_ref().map(|s| s.tz.clone())),
                    locale: person
                        .locale
                        .clone()
                        .or_else(|| stored.as_ref().and_then(|s| s.locale.clone())),
                    is_bot: false,
                    deleted: false,
                };
                let profile =
                    UserProfile::resolve(person.user_id.clone(), Some(described), default_tz, now);
                storage::teams_people::upsert_from_activity(c, &person, now)?;
                storage::users::upsert_user(c, &profile, now)?;
                super::names::remember(&person.user_id, &person.name);
                Ok(profile)
            })
            .await
    }

    /// How to reach a Teams person, if they ever wrote to the bot.
    pub async fn teams_person(
        &self,
        user: &UserId,
    ) -> anyhow::Result<Option<storage::teams_people::TeamsPerson>> {
        let id = user.clone();
        self.db
            .read(move |c| storage::teams_people::get_person(c, &id))
            .await
    }
}

impl App {
    /// The stored display names of `users` (for channels that write people by name).
    pub async fn display_names(
        &self,
        users: Vec<UserId>,
    ) -> anyhow::Result<std::collections::HashMap<UserId, String>> {
        if users.is_empty() {
            return Ok(Default::default());
        }
        let rows = self
            .db
            .read(move |c| storage::users::get_display_names(c, &users))
            .await?;
        Ok(rows.into_iter().collect())
    }
}

impl App {
    /// What the Connector's member lookup says of a Teams person: their name (install
    /// events carry none) and email, on their profile and their conversation reference.
    pub async fn remember_teams_member(
        &self,
        user: &UserId,
        name: Option<String>,
        email: Option<String>,
    ) -> anyhow::Result<()> {
        let id = user.clone();
        let name = name.filter(|n| !n.trim().is_empty());
        if let Some(name) = &name {
            super::names::remember(user, name);
        }
        self.db
            .write(move |c| {
                storage::teams_people::update_member(c, &id, name.as_deref(), email.as_deref())
            })
            .await
    }
}

impl App {
    /// The Home card posted in a Teams person's chat, which later refreshes update in place.
    pub async fn remember_teams_home(
        &self,
        user: &UserId,
        activity_id: &str,
    ) -> anyhow::Result<()> {
        let (id, activity) = (user.clone(), activity_id.to_string());
        self.db
            .write(move |c| storage::teams_people::update_home_activity(c, &id, &activity))
            .await
    }
}

/// Profiles as last read, per people generation and minute (see `App::stored_profile`).
#[derive(Default)]
pub(super) struct Profiles {
    inner: std::sync::Mutex<KeptProfiles>,
}

#[derive(Default)]
pub(super) struct KeptProfiles {
    at: (u64, i64),
    by_user: std::collections::HashMap<UserId, UserProfile>,
}

/// How many profiles are kept before starting over (about 200 bytes each).
const KEPT_PROFILES: usize = 8_192;

impl Profiles {
    fn at(&self, at: (u64, i64)) -> std::sync::MutexGuard<'_, KeptProfiles> {
        let mut kept = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if kept.at != at {
            *kept = KeptProfiles {
                at,
                by_user: std::collections::HashMap::new(),
            };
        }
        kept
    }
}

impl KeptProfiles {
    fn get(&self, user: &UserId) -> Option<&UserProfile> {
        self.by_user.get(user)
    }

    fn put(&mut self, profile: UserProfile) {
        if self.by_user.len() >= KEPT_PROFILES {
            self.by_user.clear();
        }
        self.by_user.insert(profile.id.clone(), profile);
    }
}
