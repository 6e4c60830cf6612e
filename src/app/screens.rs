//! What each screen shows, decided here and drawn by the platform adapter.

use chrono::{DateTime, Utc};

use super::mentor::MentorTheme;
use super::App;
use crate::domain::availability::Hours;
use crate::domain::OneOnOne;
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
    /// For mentors: their themes and hours.
    pub mentor: Option<MentorHome>,
    /// Everyone: requested and confirmed 1on1s that have not ended, with their theme names.
    pub upcoming: Vec<(OneOnOne, String)>,
}

/// The mentor's part of the App Home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorHome {
    pub themes: Vec<MentorTheme>,
    pub hours: Hours,
    /// False until they saved hours once (the defaults are shown as "not set").
    pub hours_saved: bool,
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
            true => Some(self.db.read(storage::themes::get_overview).await?),
            false => None,
        };
        let mentor = match roles.mentor {
            true => {
                let themes = self.mentor_themes(user).await?;
                let (hours, hours_saved) = self.hours(user).await?;
                Some(MentorHome {
                    themes,
                    hours,
                    hours_saved,
                })
            }
            false => None,
        };
        let upcoming = self.upcoming(user, now).await?;
        Ok(HomeScreen {
            reader,
            roles,
            updated_at: now,
            admin,
            mentor,
            upcoming,
        })
    }
}
