//! A theme's questions: add, edit, remove, reorder; started mentors are checked again after each change.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::{Actor, AdminError, AdminResult};
use crate::app::outbox::{queue_dm, queue_home_refresh};
use crate::app::App;
use crate::domain::{
    unanswered_required, AdminChange, CertStatus, HomeCause, Notice, OutboxKey, QuestionDraft,
    Theme,
};
use crate::storage::{certifications, themes, Tx};

impl App {
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
