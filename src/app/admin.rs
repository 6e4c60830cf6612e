//! The program office's use cases: themes, questions, certification, roles. Every one checks
//! the actor's role on the server and writes an audit row in the same transaction.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::forms::parse_topic_name;
use super::outbox::{queue_dm, queue_home_refresh};
use super::App;
use crate::domain::{
    unanswered_required, AdminChange, CertStatus, Certified, Field, FieldError, FieldErrors,
    HomeCause, MentorCounts, Notice, OutboxKey, Question, QuestionDraft, Role, Theme, ThemeDraft,
    UserId,
};
use crate::storage::{audit, bookings, certifications, roles, themes, Tx};

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

    pub async fn add_question(
        &self,
        actor: &Actor,
        theme_id: i64,
        draft: QuestionDraft,
        now: DateTime<Utc>,
    ) -> AdminResult<i64> {
        self.admin_tx(actor, now, move |tx| {
            let theme = themes::get_theme(tx, theme_id)?.ok_or(AdminError::NotFound)?;
            let id = themes::insert_question(tx, theme_id, &draft, now)?;
            let change = AdminChange::QuestionAdded { question: id };
            recheck_started_mentors(tx, &theme, change, now)?;
            let detail = json!({"theme_id": theme_id, "question_id": id, "label": draft.label, "required": draft.required});
            Ok((id, "question.add", detail))
        })
        .await
    }

    pub async fn update_question(
        &self,
        actor: &Actor,
        question_id: i64,
        draft: QuestionDraft,
        now: DateTime<Utc>,
    ) -> AdminResult<()> {
        self.admin_tx(actor, now, move |tx| {
            let question = themes::get_question(tx, question_id)?.ok_or(AdminError::NotFound)?;
            let theme = themes::get_theme(tx, question.theme_id)?.ok_or(AdminError::NotFound)?;
            themes::update_question(tx, question_id, &draft, now)?;
            // The revision after this edit names the change.
            let change = AdminChange::QuestionUpdated {
                question: question_id,
                revision: question.revision + 1,
            };
            recheck_started_mentors(tx, &theme, change, now)?;
            let detail = json!({"question_id": question_id, "label": draft.label, "required": draft.required});
            Ok(((), "question.update", detail))
        })
        .await
    }

    pub async fn remove_question(
        &self,
        actor: &Actor,
        question_id: i64,
        now: DateTime<Utc>,
    ) -> AdminResult<()> {
        self.admin_tx(actor, now, move |tx| {
            let question = themes::get_question(tx, question_id)?.ok_or(AdminError::NotFound)?;
            let theme = themes::get_theme(tx, question.theme_id)?.ok_or(AdminError::NotFound)?;
            themes::update_question_removed(tx, question_id, now)?;
            themes::update_renumber_positions(tx, theme.id)?;
            let change = AdminChange::QuestionRemoved {
                question: question_id,
            };
            recheck_started_mentors(tx, &theme, change, now)?;
            Ok((
                (),
                "question.remove",
                json!({"question_id": question_id, "label": question.label}),
            ))
        })
        .await
    }

    /// Moves a question one place up or down (a no-op at either end).
    pub async fn move_question(
        &self,
        actor: &Actor,
        question_id: i64,
        up: bool,
        now: DateTime<Utc>,
    ) -> AdminResult<()> {
        self.admin_tx(actor, now, move |tx| {
            let question = themes::get_question(tx, question_id)?.ok_or(AdminError::NotFound)?;
            themes::update_renumber_positions(tx, question.theme_id)?;
            let list = themes::list_questions(tx, question.theme_id)?;
            let at = list
                .iter()
                .position(|q| q.id == question_id)
                .ok_or(AdminError::NotFound)?;
            let other = if up {
                at.checked_sub(1)
            } else {
                Some(at + 1).filter(|i| *i < list.len())
            };
            if let Some(other) = other {
                themes::update_swap_positions(tx, &list[at], &list[other])?;
            }
            let detail =
                json!({"question_id": question_id, "direction": if up { "up" } else { "down" }});
            Ok(((), "question.move", detail))
        })
        .await
    }

    /// Certifies people for a theme; each newly certified person gets one DM.
    pub async fn certify(
        &self,
        actor: &Actor,
        theme_id: i64,
        users: Vec<UserId>,
        now: DateTime<Utc>,
    ) -> AdminResult<CertifyReport> {
        let by = actor.label();
        self.admin_tx(actor, now, move |tx| {
            let theme = themes::get_theme(tx, theme_id)?.ok_or(AdminError::NotFound)?;
            if theme.archived {
                return Err(AdminError::Archived);
            }
            let questions = themes::list_questions(tx, theme_id)?;
            let mut report = CertifyReport::default();
            for user in users {
                match certify_one(tx, &theme, &questions, &user, CertStatus::Certified, &by, now)? {
                    true => report.certified.push(user),
                    false => report.already.push(user),
                }
            }
            let detail = json!({"theme_id": theme_id, "certified": report.certified, "already": report.already});
            Ok((report, "certification.grant", detail))
        })
        .await
    }

    /// Revokes a certification; the mentor is told. Returns false if they were not certified.
    pub async fn revoke_certification(
        &self,
        actor: &Actor,
        theme_id: i64,
        user: UserId,
        now: DateTime<Utc>,
    ) -> AdminResult<bool> {
        self.admin_tx(actor, now, move |tx| {
            let theme = themes::get_theme(tx, theme_id)?.ok_or(AdminError::NotFound)?;
            let cert = certifications::get_certification(tx, theme_id, &user)?;
            let Some(cert) = cert.filter(|c| c.status != CertStatus::Revoked) else {
                return Ok((
                    false,
                    "certification.revoke",
                    json!({"theme_id": theme_id, "user": user, "noop": true}),
                ));
            };
            certifications::update_certification_status(tx, cert.id, CertStatus::Revoked, now)?;
            let notice = Notice::CertificationRevoked {
                theme: theme.name.clone(),
            };
            let (certification, generation) = (cert.id, cert.generation);
            let key = OutboxKey::Revoked {
                certification,
                generation,
            };
            queue_dm(tx, key, &user, notice, now)?;
            let change = AdminChange::Revoked {
                certification,
                generation,
            };
            queue_home_refresh(tx, &user, HomeCause::Change(change), now)?;
            Ok((
                true,
                "certification.revoke",
                json!({"theme_id": theme_id, "user": user}),
            ))
        })
        .await
    }

    /// The theme's mentors who are not revoked (oldest first, at most `limit`).
    pub async fn theme_mentors(
        &self,
        actor: &Actor,
        theme_id: i64,
        limit: usize,
    ) -> AdminResult<Vec<(UserId, CertStatus)>> {
        self.require_admin(actor).await?;
        let rows = self
            .db
            .read(move |c| certifications::list_certifications_for_theme(c, theme_id, limit))
            .await?;
        Ok(rows.into_iter().map(|r| (r.user, r.status)).collect())
    }

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

    /// The admin-added topics mentees can choose (besides the defaults and "other").
    pub async fn custom_topics(&self, actor: &Actor) -> AdminResult<Vec<(i64, String)>> {
        self.require_admin(actor).await?;
        Ok(self.db.read(bookings::list_custom_topics).await?)
    }

    /// Adds a topic for requests; names are unique regardless of case, width and spaces.
    pub async fn add_topic(
        &self,
        actor: &Actor,
        name: &str,
        now: DateTime<Utc>,
    ) -> AdminResult<i64> {
        self.require_admin(actor).await?;
        let name =
            parse_topic_name(name).map_err(|e| AdminError::Invalid(vec![(Field::TopicName, e)]))?;
        let by = actor.label();
        self.admin_tx(actor, now, move |tx| {
            match bookings::insert_topic(tx, name.as_str(), &name.key(), &by, now)? {
                Ok(id) => Ok((
                    id,
                    "topic.add",
                    json!({"topic_id": id, "name": name.as_str()}),
                )),
                Err(existing) => Err(duplicate_topic(existing)),
            }
        })
        .await
    }

    /// Renames a topic. 1on1s requested with it keep the name it had then.
    pub async fn rename_topic(
        &self,
        actor: &Actor,
        id: i64,
        name: &str,
        now: DateTime<Utc>,
    ) -> AdminResult<()> {
        self.require_admin(actor).await?;
        let name =
            parse_topic_name(name).map_err(|e| AdminError::Invalid(vec![(Field::TopicName, e)]))?;
        self.admin_tx(actor, now, move |tx| {
            match bookings::update_topic_name(tx, id, name.as_str(), &name.key())? {
                Ok(true) => Ok((
                    (),
                    "topic.rename",
                    json!({"topic_id": id, "name": name.as_str()}),
                )),
                Ok(false) => Err(AdminError::NotFound),
                Err(existing) => Err(duplicate_topic(existing)),
            }
        })
        .await
    }

    /// Retires a topic: no longer offered to mentees; 1on1s that used it keep its name.
    pub async fn archive_topic(
        &self,
        actor: &Actor,
        id: i64,
        now: DateTime<Utc>,
    ) -> AdminResult<()> {
        self.admin_tx(actor, now, move |tx| {
            if !bookings::update_topic_archived(tx, id, now)? {
                return Err(AdminError::NotFound);
            }
            Ok(((), "topic.archive", json!({"topic_id": id})))
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

fn duplicate_topic(existing: String) -> AdminError {
    AdminError::Invalid(vec![(
        Field::TopicName,
        FieldError::DuplicateName { existing },
    )])
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

/// Certifies one person (in the caller's transaction); returns whether they are newly certified.
pub(crate) fn certify_one(
    tx: &Tx<'_>,
    theme: &Theme,
    questions: &[Question],
    user: &UserId,
    status: CertStatus,
    by: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    match certifications::upsert_certification(tx, theme.id, user, status, by, now)? {
        Certified::Already { .. } => Ok(false),
        Certified::New { id, generation } => {
            let notice = Notice::Certified {
                theme_id: theme.id,
                theme: theme.name.clone(),
                questions: questions.len(),
                required: questions.iter().filter(|q| q.required).count(),
                started: status == CertStatus::Started,
            };
            let key = OutboxKey::Certified {
                certification: id,
                generation,
            };
            queue_dm(tx, key, user, notice, now)?;
            Ok(true)
        }
    }
}

/// After a question changed: started mentors missing a required answer are hidden and asked
/// (once per question revision); mentors whose answers suffice again are visible again.
/// Whoever's status changes gets a fresh Home (keyed by `change`, in the same transaction).
fn recheck_started_mentors(
    tx: &Tx<'_>,
    theme: &Theme,
    change: AdminChange,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let questions = themes::list_questions(tx, theme.id)?;
    for cert in certifications::list_certifications_for_theme(tx, theme.id, usize::MAX >> 1)? {
        if !matches!(cert.status, CertStatus::Started | CertStatus::NeedsAnswers) {
            continue;
        }
        let answers = certifications::list_answers(tx, cert.id)?;
        let missing = unanswered_required(&questions, &answers);
        match (cert.status, missing.is_empty()) {
            (CertStatus::Started, false) => {
                certifications::update_certification_status(
                    tx,
                    cert.id,
                    CertStatus::NeedsAnswers,
                    now,
                )?;
                let notice = Notice::AnswersNeeded {
                    theme_id: theme.id,
                    theme: theme.name.clone(),
                    questions: missing.iter().map(|q| q.label.clone()).collect(),
                };
                let key = OutboxKey::AnswersNeeded {
                    certification: cert.id,
                    questions: missing.iter().map(|q| (q.id, q.revision)).collect(),
                };
                queue_dm(tx, key, &cert.user, notice, now)?;
                queue_home_refresh(tx, &cert.user, HomeCause::Change(change), now)?;
            }
            (CertStatus::NeedsAnswers, true) => {
                certifications::update_certification_status(tx, cert.id, CertStatus::Started, now)?;
                queue_home_refresh(tx, &cert.user, HomeCause::Change(change), now)?;
            }
            _ => {}
        }
    }
    Ok(())
}
