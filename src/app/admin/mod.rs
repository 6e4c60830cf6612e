//! The program office's use cases: themes, questions, certification, roles, topics. Every one
//! checks the actor's role on the server and writes an audit row in the same transaction.

use chrono::{DateTime, Utc};

use super::App;
use crate::domain::{FieldErrors, MentorCounts, Theme, UserId};
use crate::storage::{audit, Tx};

/// Who is acting: a person in Slack (checked for the admin role) or the operator's CLI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    User(UserId),
    Cli,
}

impl Actor {
    fn label(&self) -> String {
        match self {
            Actor::User(u) => u.to_string(),
            Actor::Cli => "cli".into(),
        }
    }
}

/// Why an admin action did not happen. Everything but `Internal` is shown to the admin.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("only program admins can do this")]
    NotAdmin,
    #[error("that theme or question no longer exists")]
    NotFound,
    #[error("the theme is archived")]
    Archived,
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    #[error("{0} is an admin through MENTOR_BOT_ADMINS")]
    ConfiguredAdmin(UserId),
    #[error("you cannot remove your own admin role")]
    OwnAdminRole,
    #[error("only the admin and advisor roles are granted by hand")]
    NotGrantable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AdminResult<T> = Result<T, AdminError>;

pub use super::screens::THEMES_PER_PAGE;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemePage {
    pub themes: Vec<(Theme, MentorCounts)>,
    /// 0-based.
    pub page: usize,
    pub pages: usize,
    pub total: usize,
    pub include_archived: bool,
}

/// What certifying a list of people did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertifyReport {
    pub certified: Vec<UserId>,
    pub already: Vec<UserId>,
}

impl App {
    /// Fails with `NotAdmin` unless `actor` is an admin (the CLI always is: it has the database).
    pub async fn require_admin(&self, actor: &Actor) -> AdminResult<()> {
        match actor {
            Actor::Cli => Ok(()),
            Actor::User(user) if self.roles(user).await?.admin => Ok(()),
            Actor::User(user) => {
                tracing::warn!(user = %user, "refused an admin action from a non-admin");
                Err(AdminError::NotAdmin)
            }
        }
    }

    /// Runs `f` in one transaction after checking the role; `f` returns the audit entry too.
    async fn admin_tx<R, F>(&self, actor: &Actor, now: DateTime<Utc>, f: F) -> AdminResult<R>
    where
        F: FnOnce(&Tx<'_>) -> AdminResult<(R, &'static str, serde_json::Value)> + Send + 'static,
        R: Send + 'static,
    {
        self.require_admin(actor).await?;
        let label = actor.label();
        let result = self
            .db
            .write(move |tx| -> AdminResult<R> {
                let (r, action, detail) = f(tx)?;
                audit::insert_audit(tx, &label, action, &detail, now)?;
                Ok(r)
            })
            .await?;
        self.wake_delivery();
        Ok(result)
    }
}

mod auto_share;
mod certify;
mod emails;
mod questions;
mod roles;
mod themes;
mod topics;

pub(crate) use certify::certify_one;
pub use emails::ByEmail;
