//! What the results of a survey show, decided once for every surface: response rate, the
//! growth feeling's distribution and its trend by month and by theme, each custom question
//! aggregated — every aggregate hidden below `MIN_GROUP` answers — and, for admins only, the
//! free-text answers and the low growth scores with names for follow-up. An advisor sees the
//! same aggregates limited to the themes of their scope.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::SurveyError;
use crate::app::App;
use crate::domain::survey::{average_tenths, distribution, QuestionKind, MIN_GROUP};
use crate::domain::UserId;
use crate::storage::surveys::{self as store, AnswerRow, QuestionRow, RecipientRow, SurveyRow};
use crate::storage::{roles, themes};

/// Whose answers an aggregate may count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SurveyScope {
    /// The whole program (admins).
    All,
    /// Recipients reached through these themes only (an advisor's scope).
    Themes(Vec<i64>),
}

impl SurveyScope {
    fn covers(&self, theme: Option<i64>) -> bool {
        match self {
            SurveyScope::All => true,
            SurveyScope::Themes(ids) => theme.is_some_and(|t| ids.contains(&t)),
        }
    }
}

/// A count, or hidden because the group is smaller than `MIN_GROUP`.
pub type Shown<T> = Option<T>;

/// One row of a trend: its label (a month `YYYY-MM` in the workspace's zone, or a theme
/// name), how many answered, and their average growth feeling in tenths (hidden below 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendRow {
    pub label: String,
    pub answered: usize,
    pub average_tenths: Shown<u32>,
}

/// A custom question's aggregate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionSummary {
    /// Fewer than `MIN_GROUP` answers.
    Hidden,
    /// A 1–5 scale: the average in tenths.
    Average(u32),
    /// A single choice: each option's count.
    Choices(Vec<(String, usize)>),
    /// Free text: only counted here; the texts are in `SurveyResults::free_text` (admins).
    Texts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionResult {
    pub text: String,
    pub answered: usize,
    pub summary: QuestionSummary,
}

/// A low growth feeling, for follow-up (admins only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LowScore {
    pub user: UserId,
    pub growth: u8,
    pub occurs_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyResults {
    pub survey_id: i64,
    pub title: String,
    pub sent: usize,
    pub answered: usize,
    /// Answered per 100 sent; hidden when fewer than `MIN_GROUP` were sent.
    pub response_percent: Shown<usize>,
    pub distribution: Shown<[usize; 5]>,
    pub by_month: Vec<TrendRow>,
    pub by_theme: Vec<TrendRow>,
    pub questions: Vec<QuestionResult>,
    /// (question, answers) — `None` unless the reader is an admin.
    pub free_text: Option<Vec<(String, Vec<String>)>>,
    /// Growth feelings at or below the threshold, with names — `None` unless an admin reads.
    pub low_scores: Option<Vec<LowScore>>,
    /// The survey's follow-up threshold (what `low_scores` lists at or below).
    pub low_growth: u8,
}

impl SurveyResults {
    /// The response-rate line, the same on every platform (or why it is hidden).
    pub fn rate_line(&self, lang: crate::domain::Lang) -> String {
        use crate::i18n::{t, t_with};
        match self.response_percent {
            Some(percent) => t_with(
                lang,
                "survey-results-rate",
                &[
                    ("answered", self.answered.into()),
                    ("sent", self.sent.into()),
                    ("percent", percent.into()),
                ],
            ),
            None => format!(
                "{}\n{}",
                t(lang, "survey-results-rate-label"),
                t(lang, "survey-results-hidden")
            ),
        }
    }

    /// The growth-feeling distribution line, the same on every platform (or why it is hidden).
    pub fn growth_line(&self, lang: crate::domain::Lang) -> String {
        use crate::i18n::{t, t_with};
        match self.distribution {
            Some(d) => t_with(
                lang,
                "survey-results-distribution",
                &[
                    ("s1", d[0].into()),
                    ("s2", d[1].into()),
                    ("s3", d[2].into()),
                    ("s4", d[3].into()),
                    ("s5", d[4].into()),
                ],
            ),
            None => format!(
                "{}\n{}",
                t(lang, "survey-results-growth-label"),
                t(lang, "survey-results-hidden")
            ),
        }
    }
}

/// Builds the results from what the database holds, counting only recipients in `scope`;
/// `private` adds the free text and the named low scores (admins only: the caller decides).
#[allow(clippy::too_many_arguments)]
pub fn build(
    survey: &SurveyRow,
    questions: &[QuestionRow],
    recipients: &[RecipientRow],
    answers: &[AnswerRow],
    theme_names: &BTreeMap<i64, String>,
    scope: &SurveyScope,
    private: bool,
    tz: chrono_tz::Tz,
) -> SurveyResults {
    let recipients: Vec<&RecipientRow> = recipients
        .iter()
        .filter(|r| scope.covers(r.theme_id))
        .collect();
    let counted = |run: i64, user: &UserId| {
        recipients
            .iter()
            .any(|r| r.run_id == run && &r.user == user && r.growth.is_some())
    };
    let answers: Vec<&AnswerRow> = answers
        .iter()
        .filter(|a| counted(a.run_id, &a.user))
        .collect();
    let scores: Vec<u8> = recipients.iter().filter_map(|r| r.growth).collect();
    let sent = recipients.len();
    let answered = scores.len();
    let trend = |key: &dyn Fn(&RecipientRow) -> Option<String>| -> Vec<TrendRow> {
        let mut groups: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for r in &recipients {
            if let (Some(label), Some(g)) = (key(r), r.growth) {
                groups.entry(label).or_default().push(g);
            }
        }
        groups
            .into_iter()
            .map(|(label, values)| TrendRow {
                label,
                answered: values.len(),
                average_tenths: average_tenths(&values),
            })
            .collect()
    };
    let by_month = trend(&|r| Some(r.occurs_at.with_timezone(&tz).format("%Y-%m").to_string()));
    let by_theme = trend(&|r| r.theme_id.and_then(|t| theme_names.get(&t).cloned()));
    let of = |q: &QuestionRow| -> Vec<&str> {
        answers
            .iter()
            .filter(|a| a.question_id == q.id)
            .map(|a| a.value.as_str())
            .collect()
    };
    let results = questions
        .iter()
        .map(|q| {
            let values = of(q);
            let summary = if values.len() < MIN_GROUP {
                QuestionSummary::Hidden
            } else {
                match q.def.kind {
                    QuestionKind::Scale => {
                        let nums: Vec<u8> = values.iter().filter_map(|v| v.parse().ok()).collect();
                        average_tenths(&nums)
                            .map_or(QuestionSummary::Hidden, QuestionSummary::Average)
                    }
                    QuestionKind::Choice => QuestionSummary::Choices(
                        q.def
                            .choices
                            .iter()
                            .map(|c| (c.clone(), values.iter().filter(|v| **v == c).count()))
                            .collect(),
                    ),
                    QuestionKind::Text => QuestionSummary::Texts,
                }
            };
            QuestionResult {
                text: q.def.text.clone(),
                answered: values.len(),
                summary,
            }
        })
        .collect();
    let free_text = private.then(|| {
        questions
            .iter()
            .filter(|q| q.def.kind == QuestionKind::Text)
            .map(|q| {
                (
                    q.def.text.clone(),
                    of(q).into_iter().map(String::from).collect(),
                )
            })
            .collect()
    });
    let low_scores = private.then(|| {
        recipients
            .iter()
            .filter_map(|r| {
                let growth = r.growth.filter(|g| *g <= survey.low_growth)?;
                Some(LowScore {
                    user: r.user.clone(),
                    growth,
                    occurs_at: r.occurs_at,
                })
            })
            .collect()
    });
    SurveyResults {
        survey_id: survey.id,
        title: survey.title.clone(),
        sent,
        answered,
        response_percent: (sent >= MIN_GROUP).then(|| (answered * 100 + sent / 2) / sent),
        distribution: distribution(&scores),
        by_month,
        by_theme,
        questions: results,
        free_text,
        low_scores,
        low_growth: survey.low_growth,
    }
}

/// The names of the themes the recipients were reached through.
pub(crate) fn theme_names(
    conn: &crate::storage::Conn,
    recipients: &[RecipientRow],
) -> anyhow::Result<BTreeMap<i64, String>> {
    let mut names = BTreeMap::new();
    for t in recipients.iter().filter_map(|r| r.theme_id) {
        if names.contains_key(&t) {
            continue;
        }
        if let Some(theme) = themes::get_theme(conn, t)? {
            names.insert(t, theme.name);
        }
    }
    Ok(names)
}

impl App {
    /// The results of `survey` for `reader`: admins see everything, advisors the aggregates of
    /// their themes, anyone else is refused (checked here, whatever a button said).
    pub async fn survey_results(
        &self,
        reader: &UserId,
        survey: i64,
    ) -> Result<SurveyResults, SurveyError> {
        let roles = self.roles(reader).await?;
        let who = reader.clone();
        let scope = if roles.admin {
            SurveyScope::All
        } else if roles.advisor {
            SurveyScope::Themes(
                self.db
                    .read(move |c| roles::list_advisor_themes(c, &who))
                    .await?,
            )
        } else {
            tracing::warn!(user = %reader, survey, "refused survey results to a non-admin");
            return Err(SurveyError::NotAdmin);
        };
        self.survey_results_in(survey, &scope, roles.admin).await
    }

    /// The results within `scope`; `private` adds free text and named low scores.
    pub async fn survey_results_in(
        &self,
        survey: i64,
        scope: &SurveyScope,
        private: bool,
    ) -> Result<SurveyResults, SurveyError> {
        let loaded = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                let Some(row) = store::get_survey(c, survey)? else {
                    return Ok(None);
                };
                let questions = store::list_questions_with_answered(c, survey)?;
                let recipients = store::list_recipients(c, survey)?;
                let answers = store::list_answers(c, survey)?;
                let names = theme_names(c, &recipients)?;
                Ok(Some((row, questions, recipients, answers, names)))
            })
            .await?;
        let (row, questions, recipients, answers, names) = loaded.ok_or(SurveyError::NotFound)?;
        Ok(build(
            &row,
            &questions,
            &recipients,
            &answers,
            &names,
            scope,
            private,
            self.settings.default_tz,
        ))
    }
}
