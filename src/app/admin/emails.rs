//! People named by email address (the Teams console's certify dialog, where no people picker
//! exists): each address looked up in the app's directory, Slack's first, then the Teams
//! people who have written to the bot.

use super::{Actor, AdminError, AdminResult};
use crate::app::App;
use crate::domain::UserId;

/// Who the addresses name, in the order given, and the addresses nobody has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ByEmail {
    pub found: Vec<UserId>,
    pub unknown: Vec<String>,
}

impl App {
    /// Looks up each address once, for an admin only (a non-admin learns nothing about who
    /// has which address).
    pub async fn people_by_email(&self, actor: &Actor, emails: &[String]) -> AdminResult<ByEmail> {
        self.require_admin(actor).await?;
        let mut out = ByEmail::default();
        for email in emails {
            let user = self.directory.find_by_email(email).await.map_err(|e| {
                AdminError::Internal(anyhow::Error::new(e).context(format!("looking up {email}")))
            })?;
            match user {
                Some(user) if !out.found.contains(&user) => out.found.push(user),
                Some(_) => {}
                None => out.unknown.push(email.clone()),
            }
        }
        Ok(out)
    }
}
