//! Themes: the console's page of them, create, edit, archive and restore.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{Actor, AdminError, AdminResult, ThemePage, THEMES_PER_PAGE};
use crate::app::outbox::{queue_dm, queue_home_refresh};
use crate::app::App;
use crate::domain::{
    AdminChange, Field, FieldError, HomeCause, Notice, OutboxKey, Question, Theme, ThemeDraft,
};
use crate::storage::{certifications, themes, Tx};

impl App {
    pub async fn theme_page(
        &self,
        actor: &Actor,
        page: usize,
        include_archived: bool,
    ) -> AdminResult<ThemePage> {
        self.require_admin(actor).await?;
        let (themes, total) = self
            .db
            .read(move |c| {
                themes::list_theme_summaries(
                    c,
                    include_archived,
                    page * THEMES_PER_PAGE,
                    THEMES_PER_PAGE,
                )
            })
            .await?;
        let pages = total.div_ceil(THEMES_PER_PAGE).max(1);
        if page >= pages && page > 0 {
            return Box::pin(self.theme_page(actor, pages - 1, include_archived)).await;
        }
        Ok(ThemePage {
            themes,
            page,
            pages,
            total,
            include_archived,
        })
    }

    pub async fn theme_with_questions(
        &self,
        actor: &Actor,
        theme_id: i64,
    ) -> AdminResult<(Theme, Vec<Question>)> {
        self.require_admin(actor).await?;
        let found = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                let Some(theme) = themes::get_theme(c, theme_id)? else {
                    return Ok(None);
                };
                Ok(Some((theme, themes::list_questions(c, theme_id)?)))
            })
            .await?;
        found.ok_or(AdminError::NotFound)
    }

    pub async fn create_theme(
        &self,
        actor: &Actor,
        draft: ThemeDraft,
        now: DateTime<Utc>,
    ) -> AdminResult<i64> {
        let by = actor.label();
        self.admin_tx(actor, now, move |tx| {
            refuse_duplicate_name(tx, &draft, None)?;
            let id = themes::insert_theme(tx, &draft, &by, now)?;
            let detail = json!({"theme_id": id, "name": draft.name.as_str(), "category": draft.category.as_str()});
            Ok((id, "theme.create", detail))
        })
        .await
    }

    pub async fn update_theme(
        &self,
        actor: &Actor,
        id: i64,
        draft: ThemeDraft,
        now: DateTime<Utc>,
    ) -> AdminResult<()> {
        self.admin_tx(actor, now, move |tx| {
            refuse_duplicate_name(tx, &draft, Some(id))?;
            if !themes::update_theme(tx, id, &draft, now)? {
                return Err(AdminError::NotFound);
            }
            let detail = json!({"theme_id": id, "name": draft.name.as_str(), "category": draft.category.as_str()});
            Ok(((), "theme.update", detail))
        })
        .await
    }

    /// Archives (hidden from mentees, history kept) or restores a theme. Its mentors get one
    /// DM each and a fresh Home, in the same transaction; doing it twice changes nothing.
    pub async fn set_theme_archived(
        &self,
        actor: &Actor,
        id: i64,
        archived: bool,
        now: DateTime<Utc>,
    ) -> AdminResult<()> {
        self.admin_tx(actor, now, move |tx| {
            let theme = themes::get_theme(tx, id)?.ok_or(AdminError::NotFound)?;
            let action = if archived {
                "theme.archive"
            } else {
                "theme.restore"
            };
            if theme.archived == archived {
                return Ok(((), action, json!({"theme_id": id, "noop": true})));
            }
            themes::update_theme_archived(tx, id, archived.then_some(now), now)?;
            // One archive (or restore) is one change: its instant tells it from a later one.
            let at_ms = now.timestamp_millis();
            let change = if archived {
                AdminChange::ThemeArchived { theme: id, at_ms }
            } else {
                AdminChange::ThemeRestored { theme: id, at_ms }
            };
            for cert in certifications::list_certifications_for_theme(tx, id, usize::MAX >> 1)? {
                let (theme_id, name) = (theme.id, theme.name.clone());
                let notice = if archived {
                    Notice::ThemeArchived {
                        theme_id,
                        theme: name,
                    }
                } else {
                    Notice::ThemeRestored {
                        theme_id,
                        theme: name,
                    }
                };
                let key = OutboxKey::ThemeArchived {
                    change,
                    certification: cert.id,
                };
                queue_dm(tx, key, &cert.user, notice, now)?;
                queue_home_refresh(tx, &cert.user, HomeCause::Change(change), now)?;
            }
            Ok(((), action, json!({"theme_id": id})))
        })
        .await
    }
}

fn refuse_duplicate_name(tx: &Tx<'_>, draft: &ThemeDraft, except: Option<i64>) -> AdminResult<()> {
    match themes::get_theme_by_key(tx, &draft.name.key())? {
        Some(existing) if Some(existing.id) != except => Err(AdminError::Invalid(vec![(
            Field::ThemeName,
            FieldError::DuplicateName {
                existing: existing.name,
            },
        )])),
        _ => Ok(()),
    }
}
