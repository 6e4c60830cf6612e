//! Setting up a theme: the setup form, the one-click start, and saving answers with the
//! "Start mentoring" box.

use chrono::{DateTime, Utc};

use super::{
    load_mentor_theme, refresh_own_home, MentorError, MentorResult, MentorTheme, StatusChange,
};
use crate::app::screens::SetupResultScreen;
use crate::app::App;
use crate::domain::{answer_is_valid, unanswered_required, CertStatus, Question, UserId};
use crate::storage::{certifications, Tx};

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

impl App {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Category, QuestionKind, Theme};

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
