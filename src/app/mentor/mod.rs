//! The mentor's side: answering a theme's questions and starting it, pausing or stopping it,
//! and setting preferred 1on1 hours. A mentor acts only on their own certifications.

use chrono::{DateTime, Utc};

mod hours;
mod setup;

pub use hours::HoursScreen;
pub use setup::{
    starts_in_one_click, SetupEntry, SetupOutcome, SetupScreen, SETUP_QUESTIONS_SHOWN,
};

use super::errors::{Message, MessageArg};
use super::outbox::queue_home_refresh;
use super::screens::PreviewScreen;
use super::App;
use crate::domain::{unanswered_required, CertStatus, HomeCause, Question, Theme, UserId};
use crate::storage::{certifications, themes, Conn};

/// Why a mentor action did not happen. Everything but `Internal` is shown to the mentor.
#[derive(Debug, thiserror::Error)]
pub enum MentorError {
    /// Not certified for this theme (or the certification was revoked).
    #[error("you are not a mentor for this theme")]
    NotCertified,
    /// Not a mentor of any theme (hours are for mentors).
    #[error("you are not a mentor")]
    NotMentor,
    /// The theme is archived (no longer offered to mentees).
    #[error("the theme is archived")]
    Archived,
    /// Starting needs these required questions answered (question ids).
    #[error("required questions are unanswered")]
    Missing(Vec<i64>),
    /// An answer that is not one of the question's choices (question id).
    #[error("an answer is not one of the choices")]
    InvalidChoice(i64),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type MentorResult<T> = Result<T, MentorError>;

/// A certification's status before and after a mentor's action, so the confirmation can say
/// what changed ("you stopped mentoring", "you are mentoring again").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChange {
    pub before: CertStatus,
    pub after: CertStatus,
}

impl StatusChange {
    /// Whether the mentor was mentoring this theme (visible, or waiting for answers) and has
    /// now stopped it.
    pub fn stopped(&self) -> bool {
        matches!(
            self.before,
            CertStatus::Started | CertStatus::NeedsAnswers | CertStatus::Paused
        ) && self.after == CertStatus::Certified
    }
}

/// One theme as its mentor sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorTheme {
    pub theme: Theme,
    pub status: CertStatus,
    /// Each current question with the mentor's answer, if any.
    pub questions: Vec<(Question, Option<String>)>,
}

impl MentorTheme {
    pub fn answers(&self) -> Vec<(i64, String)> {
        self.questions
            .iter()
            .filter_map(|(q, a)| a.clone().map(|a| (q.id, a)))
            .collect()
    }
}

/// What a mentor is told after Pause, Resume or Stop, decided by what really changed (a stale
/// Home may offer Pause on a theme already stopped elsewhere).
pub fn status_change_message(theme: &str, change: StatusChange) -> Message {
    let key = match (change.before, change.after) {
        (before, after) if before == after => "mentor-unchanged",
        (_, CertStatus::Paused) => "mentor-paused",
        (CertStatus::Paused, CertStatus::Started) => "mentor-resumed",
        (CertStatus::Paused, CertStatus::NeedsAnswers) => "mentor-resumed-needs",
        (_, CertStatus::Certified) => "mentor-stopped",
        (_, CertStatus::Started) => "setup-started",
        _ => "mentor-unchanged",
    };
    let message = Message::new(key).text("theme", theme);
    if key == "mentor-unchanged" {
        return message.with(
            "status",
            MessageArg::Key(format!("status-{}", change.after.as_str())),
        );
    }
    message
}

/// A mentor as mentees see them: started themes only, with answers, and the next free slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentorCard {
    pub mentor: UserId,
    pub name: String,
    pub themes: Vec<MentorTheme>,
    pub next_slot: Option<DateTime<Utc>>,
}

impl App {
    /// The mentor's view of one certified theme.
    pub async fn mentor_theme(&self, user: &UserId, theme_id: i64) -> MentorResult<MentorTheme> {
        let user = user.clone();
        self.db
            .read(move |c| load_mentor_theme(c, &user, theme_id))
            .await?
            .ok_or(MentorError::NotCertified)
    }

    /// Every theme the person is certified for (not revoked), by theme name.
    pub async fn mentor_themes(&self, user: &UserId) -> anyhow::Result<Vec<MentorTheme>> {
        let user = user.clone();
        self.db
            .read(move |c| -> anyhow::Result<_> {
                let mut out = Vec::new();
                for theme_id in certifications::list_theme_ids_for_user(c, &user)? {
                    if let Some(mt) = load_mentor_theme(c, &user, theme_id)? {
                        out.push(mt);
                    }
                }
                out.sort_by(|a, b| a.theme.name.cmp(&b.theme.name));
                Ok(out)
            })
            .await
    }

    /// Pauses (hidden from mentees, answers kept) or resumes a started theme.
    pub async fn set_paused(
        &self,
        user: &UserId,
        theme_id: i64,
        paused: bool,
        now: DateTime<Utc>,
    ) -> MentorResult<StatusChange> {
        let user = user.clone();
        self.db
            .write(move |c| {
                let Some(mt) = load_mentor_theme(c, &user, theme_id)? else {
                    return Err(MentorError::NotCertified);
                };
                let cert = certifications::get_certification(c, theme_id, &user)?
                    .ok_or_else(|| anyhow::anyhow!("vanished"))?;
                let status = match (paused, mt.status) {
                    (true, CertStatus::Started | CertStatus::NeedsAnswers) => CertStatus::Paused,
                    (false, CertStatus::Paused) => resumed_status(&mt),
                    (_, status) => status,
                };
                certifications::update_certification_status(c, cert.id, status, now)?;
                let change = StatusChange {
                    before: mt.status,
                    after: status,
                };
                refresh_own_home(c, &user, theme_id, change, now)?;
                Ok(change)
            })
            .await
            .inspect(|_| self.wake_delivery())
    }

    /// Stops mentoring a theme: hidden from mentees until started again (answers kept).
    pub async fn stop_theme(
        &self,
        user: &UserId,
        theme_id: i64,
        now: DateTime<Utc>,
    ) -> MentorResult<StatusChange> {
        let user = user.clone();
        self.db
            .write(move |c| {
                let Some(cert) = certifications::get_certification(c, theme_id, &user)?
                    .filter(|cert| cert.status != CertStatus::Revoked)
                else {
                    return Err(MentorError::NotCertified);
                };
                certifications::update_certification_status(
                    c,
                    cert.id,
                    CertStatus::Certified,
                    now,
                )?;
                let change = StatusChange {
                    before: cert.status,
                    after: CertStatus::Certified,
                };
                refresh_own_home(c, &user, theme_id, change, now)?;
                Ok(change)
            })
            .await
            .inspect(|_| self.wake_delivery())
    }

    /// The mentor's preview of their card.
    pub async fn preview_screen(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<PreviewScreen> {
        Ok(PreviewScreen::decide(&self.mentor_card(user, now).await?))
    }

    /// The card mentees see (only started themes of non-archived themes).
    pub async fn mentor_card(
        &self,
        mentor: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<MentorCard> {
        let profile = self.profile(mentor, now).await?;
        let themes = self
            .mentor_themes(mentor)
            .await?
            .into_iter()
            .filter(|t| t.status == CertStatus::Started && !t.theme.archived)
            .collect();
        let next_slot = self.free_slots(mentor, now).await?.first().map(|s| s.start);
        Ok(MentorCard {
            mentor: mentor.clone(),
            name: profile.display_name,
            themes,
            next_slot,
        })
    }
}

fn load_mentor_theme(
    c: &Conn,
    user: &UserId,
    theme_id: i64,
) -> anyhow::Result<Option<MentorTheme>> {
    let Some(cert) = certifications::get_certification(c, theme_id, user)?
        .filter(|c| c.status != CertStatus::Revoked)
    else {
        return Ok(None);
    };
    let Some(theme) = themes::get_theme(c, theme_id)? else {
        return Ok(None);
    };
    let answers = certifications::list_answers(c, cert.id)?;
    let questions = themes::list_questions(c, theme_id)?
        .into_iter()
        .map(|q| {
            let answer = answers
                .iter()
                .find(|(id, _)| *id == q.id)
                .map(|(_, v)| v.clone());
            (q, answer)
        })
        .collect();
    Ok(Some(MentorTheme {
        theme,
        status: cert.status,
        questions,
    }))
}

/// Started when every required answer is there, otherwise waiting for answers.
fn resumed_status(mt: &MentorTheme) -> CertStatus {
    let questions: Vec<Question> = mt.questions.iter().map(|(q, _)| q.clone()).collect();
    if unanswered_required(&questions, &mt.answers()).is_empty() {
        CertStatus::Started
    } else {
        CertStatus::NeedsAnswers
    }
}

/// The mentor's own Home shows the theme's status: refreshed in the change's transaction.
fn refresh_own_home(
    conn: &Conn,
    user: &UserId,
    theme_id: i64,
    change: StatusChange,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let cause = HomeCause::Named(format!(
        "mentor:{theme_id}:{}:{}",
        change.after.as_str(),
        now.timestamp_millis()
    ));
    queue_home_refresh(conn, user, cause, now)?;
    Ok(())
}
