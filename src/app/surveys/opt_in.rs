//! Opting in to surveys (issue 11): anyone turns them on or off for themselves
//! (`/mentor survey on|off`); a survey whose audience is "opted in" goes to those who are on.

use chrono::{DateTime, Utc};

use crate::app::App;
use crate::domain::UserId;
use crate::storage::survey_opt_ins as store;

impl App {
    /// Whether `user` receives surveys sent to everyone who opted in.
    pub async fn survey_opted_in(&self, user: &UserId) -> anyhow::Result<bool> {
        let user = user.clone();
        self.db.read(move |c| store::get_opted_in(c, &user)).await
    }

    /// Turns surveys on or off for `user` (anyone, for themselves only).
    pub async fn set_survey_opt_in(
        &self,
        user: &UserId,
        on: bool,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let user = user.clone();
        self.db
            .write(move |tx| store::upsert_opt_in(tx, &user, on, now))
            .await
    }
}
