//! Certifying mentors for a theme and revoking a certification.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{Actor, AdminError, AdminResult, CertifyReport};
use crate::app::outbox::{queue_dm, queue_home_refresh};
use crate::app::App;
use crate::domain::{
    AdminChange, CertStatus, Certified, HomeCause, Notice, OutboxKey, Question, Theme, UserId,
};
use crate::storage::{certifications, themes, Tx};

impl App {
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
