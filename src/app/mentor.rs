//! The mentor's side: answering a theme's questions and starting it, pausing or stopping it,
//! and setting preferred 1on1 hours. A mentor acts only on their own certifications.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::errors::{Message, MessageArg};
use super::outbox::queue_home_refresh;
use super::screens::{PreviewScreen, SetupResultScreen};
use super::App;
use crate::domain::availability::{free_slots, Hours, Slot};
use crate::domain::{
    answer_is_valid, unanswered_required, CertStatus, HomeCause, Question, Theme, UserId,
};
use crate::storage::{certifications, mentors, themes, Conn, Tx};

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

/// How the setup form was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupEntry {
    /// "Set up" in the certification DM: a theme without questions starts at once.
    SetUp,
    /// "Answers" on the Home: only ever opens the form.
    Answers,
    /// "Start" on the Home: starts a theme without questions at once, or opens the form with
    /// "Start mentoring" ticked.
    Start,
}

/// What pressing Set up, Answers or Start leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetupOutcome {
    /// A theme without questions started with this one click.
    Started(SetupResultScreen),
    /// The setup form.
    Form(SetupScreen),
}

/// How many questions the setup form shows at most (with the intro and the start checkbox
/// they fit one modal of 100 blocks).
pub const SETUP_QUESTIONS_SHOWN: usize = 90;

/// The setup form: the theme's questions (at most [`SETUP_QUESTIONS_SHOWN`]) with the mentor's
/// answers, and whether "Start mentoring this theme" is ticked when it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupScreen {
    pub theme: MentorTheme,
    pub start_ticked: bool,
}

impl SetupScreen {
    /// A started (or waiting) theme opens ticked, so saving keeps it; a certified one only when
    /// the mentor came to start it (Set up, Start), never from Answers, so editing answers
    /// never makes them visible by itself; a paused one opens unticked (saving keeps the pause).
    pub fn decide(mut theme: MentorTheme, entry: SetupEntry) -> Self {
        theme.questions.truncate(SETUP_QUESTIONS_SHOWN);
        let start_ticked = match theme.status {
            CertStatus::Started | CertStatus::NeedsAnswers => true,
            CertStatus::Certified => matches!(entry, SetupEntry::SetUp | SetupEntry::Start),
            CertStatus::Paused | CertStatus::Revoked => entry == SetupEntry::Start,
        };
        Self {
            theme,
            start_ticked,
        }
    }
}

/// Whether pressing `entry` on this theme starts it without a form: only a theme without
/// questions that is not started yet, from "Set up" or "Start".
pub fn starts_in_one_click(theme: &MentorTheme, entry: SetupEntry) -> bool {
    theme.questions.is_empty()
        && theme.status == CertStatus::Certified
        && matches!(entry, SetupEntry::SetUp | SetupEntry::Start)
}

/// The hours form: the mentor's hours (the defaults until saved) in their own zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursScreen {
    pub hours: Hours,
    pub tz: Tz,
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

    /// Saves answers, and sets whether the mentor mentors this theme: `start` set starts it
    /// (or keeps it started), which needs every required question answered — otherwise nothing
    /// is saved and the missing ones are named; `start` unset leaves a paused theme paused and
    /// otherwise stops it (not visible, answers kept). Returns the status before and after.
    pub async fn save_answers(
        &self,
        user: &UserId,
        theme_id: i64,
        answers: Vec<(i64, String)>,
        start: bool,
        now: DateTime<Utc>,
    ) -> MentorResult<StatusChange> {
        let user = user.clone();
        let result = self
            .db
            .write(move |tx| save_answers_tx(tx, &user, theme_id, &answers, start, now))
            .await?;
        self.wake_delivery();
        Ok(result)
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

    /// What pressing Set up, Answers or Start leads to (see [`starts_in_one_click`]).
    pub async fn open_setup(
        &self,
        user: &UserId,
        theme_id: i64,
        entry: SetupEntry,
        now: DateTime<Utc>,
    ) -> MentorResult<SetupOutcome> {
        let theme = self.mentor_theme(user, theme_id).await?;
        if !starts_in_one_click(&theme, entry) {
            return Ok(SetupOutcome::Form(SetupScreen::decide(theme, entry)));
        }
        let change = self
            .save_answers(user, theme_id, Vec::new(), true, now)
            .await?;
        let screen = self
            .setup_result(user, theme.theme.name, change, now)
            .await?;
        Ok(SetupOutcome::Started(screen))
    }

    /// What saving a setup did, with the card as mentees now see it.
    pub async fn setup_result(
        &self,
        user: &UserId,
        theme: String,
        change: StatusChange,
        now: DateTime<Utc>,
    ) -> anyhow::Result<SetupResultScreen> {
        let card = self.mentor_card(user, now).await?;
        Ok(SetupResultScreen::decide(theme, change, &card))
    }

    /// The mentor's preview of their card.
    pub async fn preview_screen(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<PreviewScreen> {
        Ok(PreviewScreen::decide(&self.mentor_card(user, now).await?))
    }

    /// The hours form, for mentors only.
    pub async fn hours_screen(
        &self,
        user: &UserId,
        now: DateTime<Utc>,
    ) -> MentorResult<HoursScreen> {
        if !self.roles(user).await?.mentor {
            return Err(MentorError::NotMentor);
        }
        let (hours, _) = self.hours(user).await?;
        let tz = self.reader(&self.profile(user, now).await?).tz;
        Ok(HoursScreen { hours, tz })
    }

    /// The mentor's hours (the defaults until they save theirs), and whether they were saved.
    pub async fn hours(&self, user: &UserId) -> anyhow::Result<(Hours, bool)> {
        let user = user.clone();
        let saved = self.db.read(move |c| mentors::get_hours(c, &user)).await?;
        Ok(match saved {
            Some(h) => (h, true),
            None => (Hours::default(), false),
        })
    }

    /// Saves hours (already validated by the caller's parsing). Only mentors have hours.
    pub async fn save_hours(
        &self,
        user: &UserId,
        hours: Hours,
        now: DateTime<Utc>,
    ) -> MentorResult<()> {
        if !self.roles(user).await?.mentor {
            return Err(MentorError::NotMentor);
        }
        let user = user.clone();
        self.db
            .write(move |tx| -> anyhow::Result<()> {
                mentors::upsert_hours(tx, &user, &hours, now)?;
                let cause = HomeCause::Named(format!("hours:{}", now.timestamp_millis()));
                queue_home_refresh(tx, &user, cause, now)?;
                Ok(())
            })
            .await?;
        self.wake_delivery();
        Ok(())
    }

    /// The mentor's free slots from `now`, as UTC instants.
    pub async fn free_slots(
        &self,
        mentor: &UserId,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<Slot>> {
        let (hours, _) = self.hours(mentor).await?;
        let tz: Tz = self
            .profile(mentor, now)
            .await?
            .tz
            .parse()
            .unwrap_or(self.settings.default_tz);
        let id = mentor.clone();
        // A month back, so 1on1s earlier in this week or month count towards a cap.
        let taken = self
            .db
            .read(move |c| mentors::list_held_slots(c, &id, now - Duration::days(32)))
            .await?;
        Ok(free_slots(&hours, tz, &taken, now))
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

fn save_answers_tx(
    tx: &Tx<'_>,
    user: &UserId,
    theme_id: i64,
    answers: &[(i64, String)],
    start: bool,
    now: DateTime<Utc>,
) -> MentorResult<StatusChange> {
    let mt = load_mentor_theme(tx, user, theme_id)?.ok_or(MentorError::NotCertified)?;
    if mt.theme.archived {
        return Err(MentorError::Archived);
    }
    let questions: Vec<Question> = mt.questions.iter().map(|(q, _)| q.clone()).collect();
    // Only answers to this theme's current questions; blank means "no answer".
    let answers: Vec<(i64, String)> = answers
        .iter()
        .filter(|(id, v)| questions.iter().any(|q| q.id == *id) && !v.trim().is_empty())
        .map(|(id, v)| (*id, v.trim().to_string()))
        .collect();
    for (id, value) in &answers {
        let question = questions
            .iter()
            .find(|q| q.id == *id)
            .expect("filtered above");
        if !answer_is_valid(&question.kind, value) {
            return Err(MentorError::InvalidChoice(*id));
        }
    }
    let missing: Vec<i64> = unanswered_required(&questions, &answers)
        .iter()
        .map(|q| q.id)
        .collect();
    if start && !missing.is_empty() {
        return Err(MentorError::Missing(missing));
    }
    let cert =
        certifications::get_certification(tx, theme_id, user)?.ok_or(MentorError::NotCertified)?;
    // Answers to removed questions are left as they are (still readable).
    for question in &questions {
        match answers.iter().find(|(id, _)| *id == question.id) {
            Some((_, value)) => {
                certifications::upsert_answer(tx, cert.id, question.id, value, now)?;
            }
            None => certifications::delete_answer(tx, cert.id, question.id)?,
        }
    }
    // The form's "Start mentoring this theme" box is what the mentor wants: ticked is started
    // (refused above while required answers are missing), unticked is stopped — except that
    // saving answers does not end a pause.
    let status = match (start, mt.status) {
        (true, _) => CertStatus::Started,
        (false, CertStatus::Paused) => CertStatus::Paused,
        (false, _) => CertStatus::Certified,
    };
    certifications::update_certification_status(tx, cert.id, status, now)?;
    let change = StatusChange {
        before: mt.status,
        after: status,
    };
    refresh_own_home(tx, user, theme_id, change, now)?;
    Ok(change)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Category, QuestionKind};

    #[test]
    fn the_setup_form_shows_at_most_90_questions() {
        let screen = SetupScreen::decide(theme(CertStatus::Certified, 120), SetupEntry::SetUp);
        assert_eq!(screen.theme.questions.len(), SETUP_QUESTIONS_SHOWN);
    }

    fn theme(status: CertStatus, questions: usize) -> MentorTheme {
        MentorTheme {
            theme: Theme {
                id: 1,
                name: "ゴルフ部".into(),
                category: Category::Other,
                description: String::new(),
                archived: false,
            },
            status,
            questions: (0..questions as i64)
                .map(|id| {
                    let q = Question {
                        id,
                        theme_id: 1,
                        position: id,
                        label: "q".into(),
                        kind: QuestionKind::Text,
                        required: true,
                        revision: 1,
                    };
                    (q, None)
                })
                .collect(),
        }
    }

    #[test]
    fn only_set_up_or_start_on_a_theme_without_questions_not_yet_started_is_one_click() {
        use SetupEntry::*;
        assert!(starts_in_one_click(&theme(CertStatus::Certified, 0), SetUp));
        assert!(starts_in_one_click(&theme(CertStatus::Certified, 0), Start));
        assert!(!starts_in_one_click(
            &theme(CertStatus::Certified, 0),
            Answers
        ));
        assert!(!starts_in_one_click(
            &theme(CertStatus::Certified, 2),
            SetUp
        ));
        assert!(!starts_in_one_click(&theme(CertStatus::Paused, 0), Start));
        assert!(!starts_in_one_click(&theme(CertStatus::Started, 0), SetUp));
    }

    #[test]
    fn the_start_box_opens_ticked_unless_the_theme_is_paused_and_start_was_not_pressed() {
        use SetupEntry::*;
        let ticked = |status, entry| SetupScreen::decide(theme(status, 1), entry).start_ticked;
        assert!(ticked(CertStatus::Started, Answers));
        assert!(ticked(CertStatus::NeedsAnswers, Answers));
        assert!(ticked(CertStatus::Certified, SetUp));
        assert!(ticked(CertStatus::Certified, Start));
        assert!(
            !ticked(CertStatus::Certified, Answers),
            "editing answers of a stopped theme does not start it"
        );
        assert!(!ticked(CertStatus::Paused, Answers));
        assert!(ticked(CertStatus::Paused, Start));
    }
}
