//! Certifying many mentors from a CSV file (Slack upload or CLI): the whole file is checked
//! first — format, themes, answers, people — and nothing is imported until it is clean.
//! Importing the same file again changes nothing and sends nothing.

use std::collections::{BTreeSet, HashMap};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde_json::json;

use super::admin::{certify_one, Actor, AdminError, AdminResult};
use super::App;
use crate::domain::mentor_csv::{read_mentor_csv, CsvError, CsvErrorKind, PersonRef};
use crate::domain::{
    answer_is_valid, name_key, unanswered_required, CertStatus, Question, QuestionKind, Theme,
    UserId,
};
use crate::storage::{audit, certifications, email_lookups, themes};

/// Why a row (or, without a row, the file) cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Csv(CsvErrorKind),
    UnknownTheme {
        theme: String,
    },
    ArchivedTheme {
        theme: String,
    },
    /// An answer column that is no question of any theme in the file.
    UnknownColumn,
    /// An answer given for a question the row's theme does not have.
    NotAQuestionOf {
        theme: String,
    },
    InvalidChoice {
        value: String,
        options: Vec<String>,
    },
    MissingRequiredAnswer {
        question: String,
    },
    UnknownEmail {
        email: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: Option<usize>,
    pub column: Option<String>,
    pub problem: Problem,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: usize,
    /// Newly certified (each gets one DM).
    pub certified: usize,
    /// Already certified before: no DM.
    pub already: usize,
    /// Of all rows, how many are marked as already started.
    pub started: usize,
    pub answers_changed: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    Imported(ImportReport),
    /// Nothing was imported; every problem found, file-level first, then by row.
    Rejected(Vec<RowProblem>),
}

/// Where an import is, for showing progress to the admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportStage {
    Checking { rows: usize },
    LookingUpEmails { done: usize, total: usize },
    Importing { rows: usize },
}

#[async_trait]
pub trait ImportProgress: Send + Sync {
    async fn stage(&self, stage: ImportStage);
}

/// Ignores progress (tests, callers with nowhere to show it).
pub struct NoProgress;

#[async_trait]
impl ImportProgress for NoProgress {
    async fn stage(&self, _: ImportStage) {}
}

/// A row whose theme and answers check out: which theme (index into the file's themes),
/// what status, which answers (question id, value).
struct Checked {
    row: usize,
    person: PersonRef,
    theme: usize,
    started: bool,
    answers: Vec<(i64, String)>,
}

/// A checked row whose person is known: ready to import.
struct Planned {
    user: UserId,
    row: Checked,
}

/// A file that checked out: every row planned, with the themes (and their questions) it names.
pub(super) struct CleanFile {
    plans: Vec<Planned>,
    themes: Vec<(Theme, Vec<Question>)>,
}

impl CleanFile {
    /// Each row's person and theme id, in file order.
    pub(super) fn people(&self) -> impl Iterator<Item = (&UserId, i64, bool)> {
        self.plans
            .iter()
            .map(|p| (&p.user, self.themes[p.row.theme].0.id, p.row.started))
    }
}

impl App {
    pub async fn import_mentors(
        &self,
        actor: &Actor,
        bytes: Vec<u8>,
        theme: Option<String>,
        progress: &dyn ImportProgress,
        now: DateTime<Utc>,
    ) -> AdminResult<ImportOutcome> {
        let clean = match self
            .check_import(actor, bytes, theme, progress, now)
            .await?
        {
            Ok(clean) => clean,
            Err(problems) => return Ok(ImportOutcome::Rejected(problems)),
        };
        let CleanFile {
            plans,
            themes: themes_only,
        } = clean;
        progress
            .stage(ImportStage::Importing { rows: plans.len() })
            .await;
        let label = match actor {
            Actor::User(u) => u.to_string(),
            Actor::Cli => "cli".to_string(),
        };
        let report = self
            .db
            .write(move |tx| -> anyhow::Result<_> {
                let mut report = ImportReport {
                    rows: plans.len(),
                    ..ImportReport::default()
                };
                for plan in &plans {
                    let (theme, questions) = &themes_only[plan.row.theme];
                    let started = plan.row.started;
                    let status = if started {
                        CertStatus::Started
                    } else {
                        CertStatus::Certified
                    };
                    report.started += started as usize;
                    if certify_one(tx, theme, questions, &plan.user, status, &label, now)? {
                        report.certified += 1;
                    } else {
                        report.already += 1;
                    }
                    let cert = certifications::get_certification(tx, theme.id, &plan.user)?
                        .ok_or_else(|| anyhow::anyhow!("certification vanished mid-import"))?;
                    for (question, value) in &plan.row.answers {
                        report.answers_changed +=
                            certifications::upsert_answer(tx, cert.id, *question, value, now)?
                                as usize;
                    }
                    // Moving an existing program over: complete answers make a mentor started.
                    let answers = certifications::list_answers(tx, cert.id)?;
                    if started
                        && matches!(
                            cert.status,
                            CertStatus::Certified | CertStatus::NeedsAnswers
                        )
                        && unanswered_required(questions, &answers).is_empty()
                    {
                        certifications::update_certification_status(
                            tx,
                            cert.id,
                            CertStatus::Started,
                            now,
                        )?;
                    }
                }
                let detail = json!({
                    "rows": report.rows, "certified": report.certified, "already": report.already,
                    "started": report.started, "answers_changed": report.answers_changed
                });
                audit::insert_audit(tx, &label, "certification.import", &detail, now)?;
                Ok(report)
            })
            .await?;
        self.wake_delivery();
        Ok(ImportOutcome::Imported(report))
    }

    /// Checks the whole file (admins only) without changing anything but the email lookup
    /// cache: every row planned, or every problem found, file-level first, then by row.
    pub(super) async fn check_import(
        &self,
        actor: &Actor,
        bytes: Vec<u8>,
        theme: Option<String>,
        progress: &dyn ImportProgress,
        now: DateTime<Utc>,
    ) -> AdminResult<Result<CleanFile, Vec<RowProblem>>> {
        self.require_admin(actor).await?;
        let sheet = tokio::task::spawn_blocking(move || read_mentor_csv(&bytes, theme.as_deref()))
            .await
            .map_err(|e| AdminError::Internal(e.into()))?;
        let sheet = match sheet {
            Ok(sheet) => sheet,
            Err(errors) => return Ok(Err(errors.into_iter().map(csv_problem).collect())),
        };
        progress
            .stage(ImportStage::Checking {
                rows: sheet.rows.len() + sheet.flawed.len(),
            })
            .await;

        // Every row whose theme could be read is checked against the themes and questions,
        // also when another cell of it is wrong: one upload names every problem of the file.
        let keys: BTreeSet<String> = (sheet.rows.iter().map(|r| &r.theme))
            .chain(sheet.flawed.iter().map(|r| &r.theme))
            .map(|t| name_key(t))
            .collect();
        let catalog = self
            .db
            .read(move |c| -> anyhow::Result<_> {
                let mut found = Vec::new();
                for key in keys {
                    if let Some(theme) = themes::get_theme_by_key(c, &key)? {
                        let questions = themes::list_questions(c, theme.id)?;
                        found.push((key, theme, questions));
                    }
                }
                Ok(found)
            })
            .await?;
        let by_key: HashMap<&str, usize> = catalog
            .iter()
            .enumerate()
            .map(|(i, (k, _, _))| (k.as_str(), i))
            .collect();

        let mut problems: Vec<RowProblem> = sheet.errors.into_iter().map(csv_problem).collect();
        problems.extend(unknown_columns(&sheet.answer_columns, &catalog));
        let check_row = |row: usize,
                         theme: &str,
                         started: bool,
                         answers: &[(String, String)],
                         problems: &mut Vec<RowProblem>| {
            let Some(&theme_index) = by_key.get(name_key(theme).as_str()) else {
                let theme = theme.to_string();
                problems.push(problem(row, None, Problem::UnknownTheme { theme }));
                return None;
            };
            let (_, theme, questions) = &catalog[theme_index];
            if theme.archived {
                let theme = theme.name.clone();
                problems.push(problem(row, None, Problem::ArchivedTheme { theme }));
                return None;
            }
            match check_answers(row, answers, started, theme, questions, problems) {
                Ok(answers) => Some((theme_index, answers)),
                Err(mut row_problems) => {
                    problems.append(&mut row_problems);
                    None
                }
            }
        };
        let mut checked: Vec<Checked> = Vec::new();
        for row in &sheet.rows {
            if let Some((theme, answers)) = check_row(
                row.row,
                &row.theme,
                row.started,
                &row.answers,
                &mut problems,
            ) {
                checked.push(Checked {
                    row: row.row,
                    person: row.person.clone(),
                    theme,
                    started: row.started,
                    answers,
                });
            }
        }
        let mut flawed_emails: Vec<(usize, String)> = Vec::new();
        for row in &sheet.flawed {
            let started = row.started.unwrap_or(false);
            check_row(row.row, &row.theme, started, &row.answers, &mut problems);
            if let Some(PersonRef::Email(email)) = &row.person {
                flawed_emails.push((row.row, email.clone()));
            }
        }

        let emails: BTreeSet<String> = checked
            .iter()
            .filter_map(|c| match &c.person {
                PersonRef::Email(e) => Some(e.clone()),
                PersonRef::User(_) => None,
            })
            .chain(flawed_emails.iter().map(|(_, e)| e.clone()))
            .collect();
        let resolved = self.resolve_emails(emails, progress, now).await?;
        let mut plans = Vec::with_capacity(checked.len());
        for row in checked {
            match &row.person {
                PersonRef::User(user) => plans.push(Planned {
                    user: user.clone(),
                    row,
                }),
                PersonRef::Email(email) => match resolved.get(email).cloned().flatten() {
                    Some(user) => plans.push(Planned { user, row }),
                    None => problems.push(problem(
                        row.row,
                        None,
                        Problem::UnknownEmail {
                            email: email.clone(),
                        },
                    )),
                },
            }
        }
        for (row, email) in flawed_emails {
            if resolved.get(&email).cloned().flatten().is_none() {
                problems.push(problem(row, None, Problem::UnknownEmail { email }));
            }
        }
        if !problems.is_empty() {
            // Stable: within a row, the file's own problems first, then the rest.
            problems.sort_by_key(|p| (p.row.is_some(), p.row));
            return Ok(Err(problems));
        }
        let themes = catalog.into_iter().map(|(_, t, q)| (t, q)).collect();
        Ok(Ok(CleanFile { plans, themes }))
    }

    /// Looks up each email once (answers are cached, so a re-import asks Slack nothing).
    async fn resolve_emails(
        &self,
        emails: BTreeSet<String>,
        progress: &dyn ImportProgress,
        now: DateTime<Utc>,
    ) -> AdminResult<HashMap<String, Option<UserId>>> {
        let list: Vec<String> = emails.into_iter().collect();
        let cached = {
            let list = list.clone();
            self.db
                .read(move |c| -> anyhow::Result<_> {
                    let mut found = HashMap::new();
                    for email in list {
                        if let Some(user) = email_lookups::get_email_lookup(c, &email)? {
                            found.insert(email, user);
                        }
                    }
                    Ok(found)
                })
                .await?
        };
        let mut resolved = cached;
        let missing: Vec<String> = list
            .into_iter()
            .filter(|e| !resolved.contains_key(e))
            .collect();
        let total = missing.len();
        for (done, email) in missing.into_iter().enumerate() {
            if done % 10 == 0 {
                progress
                    .stage(ImportStage::LookingUpEmails { done, total })
                    .await;
            }
            let user = self.directory.find_by_email(&email).await.map_err(|e| {
                AdminError::Internal(
                    anyhow::Error::new(e).context(format!("looking up {email} in Slack")),
                )
            })?;
            let (stored_email, stored_user) = (email.clone(), user.clone());
            self.db
                .write(move |c| {
                    email_lookups::upsert_email_lookup(c, &stored_email, stored_user.as_ref(), now)
                })
                .await?;
            resolved.insert(email, user);
        }
        Ok(resolved)
    }
}

fn csv_problem(e: CsvError) -> RowProblem {
    RowProblem {
        row: e.row,
        column: e.column,
        problem: Problem::Csv(e.kind),
    }
}

fn problem(row: usize, column: Option<String>, problem: Problem) -> RowProblem {
    RowProblem {
        row: Some(row),
        column,
        problem,
    }
}

/// Answer columns that name no question of any theme in the file.
fn unknown_columns(
    columns: &[String],
    catalog: &[(String, Theme, Vec<Question>)],
) -> Vec<RowProblem> {
    columns
        .iter()
        .filter(|column| {
            !catalog.iter().any(|(_, _, questions)| {
                questions
                    .iter()
                    .any(|q| name_key(&q.label) == name_key(column))
            })
        })
        .map(|column| RowProblem {
            row: None,
            column: Some(column.clone()),
            problem: Problem::UnknownColumn,
        })
        .collect()
}

/// The row's answers as (question id, value), or what is wrong with them. Columns already
/// reported for the whole file are not reported per row, and a question whose value was
/// refused is not reported as missing too.
fn check_answers(
    row: usize,
    row_answers: &[(String, String)],
    started: bool,
    theme: &Theme,
    questions: &[Question],
    file_problems: &[RowProblem],
) -> Result<Vec<(i64, String)>, Vec<RowProblem>> {
    let reported_column = |column: &str| {
        file_problems
            .iter()
            .any(|p| p.row.is_none() && p.column.as_deref() == Some(column))
    };
    let mut answers = Vec::new();
    let mut problems = Vec::new();
    let mut refused: Vec<i64> = Vec::new();
    for (column, value) in row_answers
        .iter()
        .filter(|(c, v)| !v.is_empty() && !reported_column(c))
    {
        let Some(question) = questions
            .iter()
            .find(|q| name_key(&q.label) == name_key(column))
        else {
            problems.push(problem(
                row,
                Some(column.clone()),
                Problem::NotAQuestionOf {
                    theme: theme.name.clone(),
                },
            ));
            continue;
        };
        // A choice matches its option whatever the case or width the spreadsheet used.
        let value = match &question.kind {
            QuestionKind::Choice(options) => options
                .iter()
                .find(|o| name_key(o) == name_key(value))
                .cloned()
                .unwrap_or_else(|| value.clone()),
            QuestionKind::Text => value.clone(),
        };
        if !answer_is_valid(&question.kind, &value) {
            refused.push(question.id);
            problems.push(problem(
                row,
                Some(column.clone()),
                Problem::InvalidChoice {
                    value,
                    options: question.kind.options().to_vec(),
                },
            ));
            continue;
        }
        answers.push((question.id, value));
    }
    if started {
        for q in unanswered_required(questions, &answers)
            .into_iter()
            .filter(|q| !refused.contains(&q.id))
        {
            problems.push(problem(
                row,
                Some(q.label.clone()),
                Problem::MissingRequiredAnswer {
                    question: q.label.clone(),
                },
            ));
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}
