//! The admin and advisor roles: who holds them, granting and revoking.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{Actor, AdminError, AdminResult};
use crate::app::App;
use crate::domain::{Role, UserId};
use crate::storage::roles;

impl App {
    /// Grants the admin or advisor role.
    pub async fn grant_role(
        &self,
        actor: &Actor,
        user: UserId,
        role: Role,
        now: DateTime<Utc>,
    ) -> AdminResult<bool> {
        self.require_admin(actor).await?;
        if !matches!(role, Role::Admin | Role::Advisor) {
            return Err(AdminError::NotGrantable);
        }
        let by = match actor {
            Actor::User(u) => Some(u.clone()),
            Actor::Cli => None,
        };
        self.admin_tx(actor, now, move |tx| {
            let granted = roles::insert_role(tx, &user, role, by.as_ref(), now)?;
            Ok((
                granted,
                "role.grant",
                json!({"user": user, "role": role.as_str()}),
            ))
        })
        .await
    }

    /// Revokes the admin or advisor role. Admins from MENTOR_BOT_ADMINS stay admins, and nobody
    /// removes their own admin role (so the program is never left without one by accident).
    pub async fn revoke_role(
        &self,
        actor: &Actor,
        user: UserId,
        role: Role,
        now: DateTime<Utc>,
    ) -> AdminResult<bool> {
        // The role check comes first: a non-admin learns nothing about who is configured.
        self.require_admin(actor).await?;
        if !matches!(role, Role::Admin | Role::Advisor) {
            return Err(AdminError::NotGrantable);
        }
        if role == Role::Admin && self.settings.admins.contains(&user) {
            return Err(AdminError::ConfiguredAdmin(user));
        }
        if role == Role::Admin && *actor == Actor::User(user.clone()) {
            return Err(AdminError::OwnAdminRole);
        }
        self.admin_tx(actor, now, move |tx| {
            let revoked = roles::delete_role(tx, &user, role)?;
            Ok((
                revoked,
                "role.revoke",
                json!({"user": user, "role": role.as_str()}),
            ))
        })
        .await
    }

    /// Everyone holding the admin or advisor role: (user, role, from MENTOR_BOT_ADMINS).
    pub async fn role_holders(&self, actor: &Actor) -> AdminResult<Vec<(UserId, Role, bool)>> {
        self.require_admin(actor).await?;
        let granted = self.db.read(roles::list_role_holders).await?;
        let mut holders: Vec<(UserId, Role, bool)> = self
            .settings
            .admins
            .iter()
            .map(|u| (u.clone(), Role::Admin, true))
            .collect();
        holders.sort();
        for (user, role) in granted {
            if !(role == Role::Admin && self.settings.admins.contains(&user)) {
                holders.push((user, role, false));
            }
        }
        Ok(holders)
    }
}
