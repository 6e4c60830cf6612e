//! Surveys (issue 11 items 1–3): the office defines them, the `surveys` job opens each
//! occurrence once and queues its DMs (and one reminder) through the outbox, recipients answer
//! and may change their answers until the run closes, and the office (or an advisor, for the
//! themes of their scope) reads the results (`results`).

mod answers;
pub mod chart;
mod edit;
pub mod export;
pub mod offer;
mod opt_in;
pub mod readable;
pub mod results;

use chrono::{DateTime, Duration, Utc};

use super::admin::{Actor, AdminError};
use super::errors::{Message, UserError};
use super::outbox as queue;
use super::App;
use crate::domain::booking::{Owed, Owing};
use crate::domain::survey::{
    parse_low_growth, parse_open_days, parse_questions, Audience, QuestionsError, Schedule,
    QUESTIONS_MAX, REMINDER_BEFORE,
};
use crate::domain::{Notice, OutboxKey};
use crate::storage::surveys::{self as store, NewSurvey, QuestionRow, SurveyRow};

/// A field of the survey form, for its error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyField {
    Title,
    Schedule,
    OpenDays,
    Audience,
    Questions,
    LowGrowth,
}

#[derive(Debug, thiserror::Error)]
pub enum SurveyError {
    #[error("only the program office does this")]
    NotAdmin,
    #[error("no such survey")]
    NotFound,
    #[error("this survey was not sent to them")]
    NotRecipient,
    #[error("the survey has closed")]
    Closed,
    #[error("invalid fields")]
    Fields(Vec<(SurveyField, Message)>),
    /// Required answers missing: by question id (`None` for the growth feeling).
    #[error("required answers missing")]
    Missing(Vec<Option<i64>>),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl UserError for SurveyError {
    fn message(&self) -> Message {
        match self {
            SurveyError::NotAdmin => Message::new("admin-only"),
            SurveyError::NotFound => Message::new("survey-not-found"),
            SurveyError::NotRecipient => Message::new("survey-not-yours"),
            SurveyError::Closed => Message::new("survey-closed"),
            SurveyError::Fields(_) => Message::new("survey-fields-invalid"),
            SurveyError::Missing(_) => Message::new("survey-answer-required"),
            SurveyError::Internal(_) => Message::new("error-generic"),
        }
    }
}

/// The survey form as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SurveyInput {
    pub title: String,
    pub schedule: String,
    pub open_days: String,
    pub audience: Option<String>,
    pub themes: Vec<i64>,
    pub questions: String,
    /// The follow-up threshold (1–4; empty is the default, 2).
    pub low_growth: String,
}

impl SurveyInput {
    /// A valid survey, or every field's error.
    pub fn validate(&self) -> Result<NewSurvey, Vec<(SurveyField, Message)>> {
        let mut errors = Vec::new();
        let title = self.title.trim().to_string();
        if title.is_empty() || title.chars().count() > 100 {
            errors.push((SurveyField::Title, Message::new("survey-title-invalid")));
        }
        let schedule = Schedule::parse(&self.schedule);
        if schedule.is_none() {
            errors.push((
                SurveyField::Schedule,
                Message::new("survey-schedule-invalid"),
            ));
        }
        let open_days = parse_open_days(&self.open_days);
        if open_days.is_none() {
            errors.push((
                SurveyField::OpenDays,
                Message::new("survey-open-days-invalid"),
            ));
        }
        let audience = Audience::parse(self.audience.as_deref().unwrap_or("had_1on1"));
        match audience {
            None => errors.push((
                SurveyField::Audience,
                Message::new("survey-audience-invalid"),
            )),
            Some(Audience::Themes) if self.themes.is_empty() => errors.push((
                SurveyField::Audience,
                Message::new("survey-audience-themes-missing"),
            )),
            Some(_) => {}
        }
        let questions = match parse_questions(&self.questions) {
            Ok(questions) => Some(questions),
            Err(e) => {
                let message = match e {
                    QuestionsError::TooMany { count } => Message::new("survey-questions-too-many")
                        .number("max", QUESTIONS_MAX)
                        .number("count", count),
                    QuestionsError::Unreadable { line } => {
                        Message::new("survey-question-unreadable").number("line", line)
                    }
                    QuestionsError::Choices { line } => {
                        Message::new("survey-question-choices").number("line", line)
                    }
                };
                errors.push((SurveyField::Questions, message));
                None
            }
        };
        let low_growth = parse_low_growth(&self.low_growth);
        if low_growth.is_none() {
            errors.push((
                SurveyField::LowGrowth,
                Message::new("survey-low-growth-invalid"),
            ));
        }
        match (schedule, open_days, audience, questions, low_growth) {
            (
                Some(schedule),
                Some(open_days),
                Some(audience),
                Some(questions),
                Some(low_growth),
            ) if errors.is_empty() => Ok(NewSurvey {
                title,
                schedule,
                open_days,
                audience,
                themes: match audience {
                    Audience::Themes => self.themes.clone(),
                    Audience::Had1on1 | Audience::OptedIn => Vec::new(),
                },
                questions,
                low_growth,
            }),
            _ => Err(errors),
        }
    }
}

/// What a recipient's answer form shows: the questions, and their earlier answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerScreen {
    pub run: i64,
    pub title: String,
    pub closes_at: DateTime<Utc>,
    pub questions: Vec<QuestionRow>,
    pub growth: Option<u8>,
    /// (question id, earlier answer).
    pub answers: Vec<(i64, String)>,
}

impl App {
    pub(crate) async fn require_survey_admin(&self, actor: &Actor) -> Result<(), SurveyError> {
        match self.require_admin(actor).await {
            Ok(()) => Ok(()),
            Err(AdminError::Internal(e)) => Err(e.into()),
            Err(_) => Err(SurveyError::NotAdmin),
        }
    }

    /// Every survey, for the office's list (admins only).
    pub async fn surveys(&self, actor: &Actor) -> Result<Vec<SurveyRow>, SurveyError> {
        self.require_survey_admin(actor).await?;
        Ok(self.db.read(store::list_surveys).await?)
    }

    /// The themes a new survey may be sent to (admins only).
    pub async fn survey_themes(&self, actor: &Actor) -> Result<Vec<(i64, String)>, SurveyError> {
        self.require_survey_admin(actor).await?;
        Ok(self.db.read(store::list_theme_names).await?)
    }

    /// Saves a new survey (admins only; every field checked first).
    pub async fn create_survey(
        &self,
        actor: &Actor,
        input: &SurveyInput,
        now: DateTime<Utc>,
    ) -> Result<i64, SurveyError> {
        self.require_survey_admin(actor).await?;
        let survey = input.validate().map_err(SurveyError::Fields)?;
        let by = match actor {
            Actor::User(user) => user.to_string(),
            Actor::Cli => "cli".to_string(),
        };
        Ok(self
            .db
            .write(move |tx| store::insert_survey(tx, &survey, &by, now))
            .await?)
    }

    /// Pauses a survey (no further runs open) or resumes it. Admins only.
    pub async fn pause_survey(
        &self,
        actor: &Actor,
        survey: i64,
        paused: bool,
    ) -> Result<(), SurveyError> {
        self.require_survey_admin(actor).await?;
        let found = self
            .db
            .write(move |tx| store::update_paused(tx, survey, paused))
            .await?;
        found.then_some(()).ok_or(SurveyError::NotFound)
    }

    /// The answer form of a survey as a recipient will see it (admins only).
    pub async fn preview_survey(
        &self,
        actor: &Actor,
        survey: i64,
        now: DateTime<Utc>,
    ) -> Result<AnswerScreen, SurveyError> {
        self.require_survey_admin(actor).await?;
        let (row, questions) = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                Ok((
                    store::get_survey(c, survey)?,
                    store::list_questions(c, survey)?,
                ))
            })
            .await?;
        let row = row.ok_or(SurveyError::NotFound)?;
        Ok(AnswerScreen {
            run: 0,
            title: row.title,
            closes_at: now + Duration::days(row.open_days as i64),
            questions,
            growth: None,
            answers: Vec::new(),
        })
    }

    /// Opens each survey occurrence due by `now` that is still open, once: its recipients and
    /// their DMs (due now, dropped if unsent when it closes) and reminders are written with the
    /// run in one transaction. A run missed while the bot was down opens on the next pass.
    /// Returns how many runs opened.
    pub async fn queue_surveys(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let tz = self.settings.default_tz;
        let surveys = self.db.read(store::list_surveys).await?;
        let mut opened = 0;
        for survey in surveys.into_iter().filter(|s| !s.paused) {
            let open = Duration::days(survey.open_days as i64);
            let since = survey.created_at.max(now - open);
            for occurs_at in survey.schedule.occurrences(tz, since, now) {
                let closes_at = occurs_at + open;
                if closes_at <= now {
                    continue;
                }
                let survey = survey.clone();
                let new = self
                    .db
                    .write(move |tx| open_run(tx, &survey, occurs_at, closes_at, now))
                    .await?;
                opened += new as usize;
            }
        }
        if opened > 0 {
            self.wake_delivery();
        }
        Ok(opened)
    }
}

/// Recipients reached through a theme.
fn with_theme(
    people: Vec<(crate::domain::UserId, i64)>,
) -> Vec<(crate::domain::UserId, Option<i64>)> {
    people.into_iter().map(|(u, t)| (u, Some(t))).collect()
}

/// Opens one occurrence if it is new: the run, its recipients, their DMs and reminders.
fn open_run(
    tx: &crate::storage::Tx<'_>,
    survey: &SurveyRow,
    occurs_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let Some(run) = store::insert_run(tx, survey.id, occurs_at, closes_at)? else {
        return Ok(false);
    };
    let recipients = match survey.audience {
        Audience::Had1on1 => {
            let since = store::get_last_run_before(tx, survey.id, occurs_at)?
                .map(|r| r.occurs_at)
                .unwrap_or(occurs_at - Duration::days(31));
            with_theme(store::list_mentees_met(tx, since, occurs_at)?)
        }
        Audience::Themes => with_theme(store::list_mentees_of_themes(tx, &survey.themes)?),
        Audience::OptedIn => crate::storage::survey_opt_ins::list_opted_in(tx)?
            .into_iter()
            .map(|user| (user, None))
            .collect(),
    };
    for (user, theme) in recipients {
        store::insert_recipient(tx, run, &user, theme)?;
        let notice = |reminder| Notice::Survey {
            run_id: run,
            title: survey.title.clone(),
            closes_at,
            reminder,
        };
        queue::queue(
            tx,
            &Owed {
                key: OutboxKey::Survey {
                    run,
                    user: user.clone(),
                },
                to: user.clone(),
                what: Owing::Dm(notice(false)),
                due_at: now,
                expires_at: Some(closes_at),
            },
            now,
        )?;
        let remind_at = closes_at - REMINDER_BEFORE;
        if remind_at > now {
            queue::queue(
                tx,
                &Owed {
                    key: OutboxKey::SurveyReminder {
                        run,
                        user: user.clone(),
                    },
                    to: user.clone(),
                    what: Owing::Dm(notice(true)),
                    due_at: remind_at,
                    expires_at: Some(closes_at),
                },
                now,
            )?;
        }
    }
    Ok(true)
}
