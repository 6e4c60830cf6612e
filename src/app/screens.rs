//! What each screen shows, decided here and drawn by the platform adapter.

use chrono::{DateTime, Utc};

use super::App;
use crate::domain::{MentorCounts, Reader, Roles, UserId};
use crate::storage;

/// `/mentor help` and the help modal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpScreen {
    pub reader: Reader,
    pub roles: Roles,
}

/// The App Home tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeScreen {
    pub reader: Reader,
    pub roles: Roles,
    pub updated_at: DateTime<Utc>,
    /// For admins: active themes and the mentor counts over them.
    pub admin: Option<(i64, MentorCounts)>,
}

impl App {
    pub async fn help_screen(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<HelpScreen> {
        let (reader, roles) = self.reader_and_roles(user, now).await?;
        Ok(HelpScreen { reader, roles })
    }

    pub async fn home_screen(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<HomeScreen> {
        let (reader, roles) = self.reader_and_roles(user, now).await?;
        let admin = match roles.admin {
            true => Some(self.db.call(storage::themes::get_overview).await?),
            false => None,
        };
        Ok(HomeScreen {
            reader,
            roles,
            updated_at: now,
            admin,
        })
    }
}
