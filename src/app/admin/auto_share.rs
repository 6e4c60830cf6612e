//! The office's auto-share (自動共有) rules: list, add and remove, each checked for the admin
//! role and audited. A removed rule's recipient gets nothing more (summaries are resolved when
//! sent, against the rules as they are then).

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{Actor, AdminError, AdminResult};
use crate::app::errors::{Message, MessageArg};
use crate::app::screens::AutoShareScreen;
use crate::app::App;
use crate::domain::UserId;
use crate::storage::auto_share::{self, ShareScope};
use crate::storage::themes;

impl App {
    /// The rules and the add form; `flash` says what the last change did.
    pub async fn auto_share_screen(
        &self,
        actor: &Actor,
        flash: Option<Message>,
    ) -> AdminResult<AutoShareScreen> {
        self.require_admin(actor).await?;
        let (themes, rules) = self
            .db
            .read(|c| -> anyhow::Result<_> {
                let (themes, _) = themes::list_theme_summaries(c, true, 0, 100_000)?;
                Ok((
                    themes.into_iter().map(|(t, _)| t).collect::<Vec<_>>(),
                    auto_share::list_rules(c)?,
                ))
            })
            .await?;
        Ok(AutoShareScreen::decide(&themes, rules, flash))
    }

    /// Adds a rule: `recipient` also receives the summary of every held 1on1 in `scope`.
    /// Returns the screen, saying whether it was new.
    pub async fn add_auto_share_rule(
        &self,
        actor: &Actor,
        scope: ShareScope,
        recipient: UserId,
        now: DateTime<Utc>,
    ) -> AdminResult<AutoShareScreen> {
        let by = actor.label();
        let who = recipient.clone();
        let added = self
            .admin_tx(actor, now, move |tx| {
                if let ShareScope::Theme(id) = scope {
                    themes::get_theme(tx, id)?.ok_or(AdminError::NotFound)?;
                }
                let added = auto_share::insert_rule(tx, &scope, &recipient, &by, now)?;
                let detail =
                    json!({ "scope": format!("{scope:?}"), "recipient": recipient.as_str() });
                Ok((added, "auto_share.add", detail))
            })
            .await?;
        let key = if added { "share-added" } else { "share-exists" };
        let flash = Message::new(key).with("user", MessageArg::User(who));
        self.auto_share_screen(actor, Some(flash)).await
    }

    /// Removes rule `rule`: its recipient gets no summary from now on, not even one queued
    /// and not yet sent.
    pub async fn remove_auto_share_rule(
        &self,
        actor: &Actor,
        rule: i64,
        now: DateTime<Utc>,
    ) -> AdminResult<AutoShareScreen> {
        self.admin_tx(actor, now, move |tx| {
            if !auto_share::delete_rule(tx, rule)? {
                return Err(AdminError::NotFound);
            }
            Ok(((), "auto_share.remove", json!({ "rule": rule })))
        })
        .await?;
        self.auto_share_screen(actor, Some(Message::new("share-removed")))
            .await
    }
}
