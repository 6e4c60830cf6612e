//! CSV import from Slack: the admin uploads a file in a modal; the bot answers at once, then
//! downloads, checks and imports it in the background, showing progress in a DM it updates.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::app::admin::{Actor, AdminError};
use crate::app::forms::{ImportInput, ImportRequest};
use crate::app::import::{ImportOutcome, ImportProgress, ImportStage, Problem, RowProblem};
use crate::app::ports::Messenger;
use crate::domain::mentor_csv::CsvErrorKind;
use crate::domain::{ChannelId, Lang};
use crate::i18n::{t, t_args, t_with};
use crate::slack::blocks::admin::{self as views, inputs, Ctx};
use crate::slack::blocks::render::escape;
use crate::slack::inbound::context::{InteractionReply, SlackState};
use crate::slack::inbound::payload::ViewRef;

/// Problems listed in the result message; the rest are counted.
const PROBLEMS_SHOWN: usize = 30;

pub async fn on_submission(
    state: &Arc<SlackState>,
    actor: &Actor,
    lang: Lang,
    view: &ViewRef,
    _ctx: &Ctx,
    now: DateTime<Utc>,
) -> Result<InteractionReply, AdminError> {
    state.app.require_admin(actor).await?;
    let input = ImportInput {
        files: view.file_ids(inputs::IMPORT_FILE),
        theme: view.text(inputs::IMPORT_THEME),
    };
    let ImportRequest {
        file: file_id,
        theme,
    } = match input.validate() {
        Ok(request) => request,
        Err(errors) => return Ok(InteractionReply::Errors(views::field_errors(lang, &errors))),
    };
    let Actor::User(admin) = actor.clone() else {
        return Err(AdminError::NotAdmin);
    };
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(e) = run(&state, admin.clone(), lang, &file_id, theme, now).await {
            tracing::error!(user = %admin, file_id, error = ?e, "CSV import failed");
        }
    });
    Ok(InteractionReply::Update(views::notice(
        lang,
        "import-title-plain",
        t(lang, "import-started"),
    )))
}

/// Shows progress by editing one DM, at most about once a second.
struct DmProgress {
    state: Arc<SlackState>,
    channel: ChannelId,
    ts: String,
    lang: Lang,
    last: Mutex<Option<Instant>>,
}

#[async_trait]
impl ImportProgress for DmProgress {
    async fn stage(&self, stage: ImportStage) {
        {
            let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            if last.is_some_and(|at| at.elapsed() < Duration::from_secs(1))
                && !matches!(stage, ImportStage::Importing { .. })
            {
                return;
            }
            *last = Some(Instant::now());
        }
        let text = match stage {
            ImportStage::Checking { rows } => {
                t_with(self.lang, "import-checking", &[("rows", rows.into())])
            }
            ImportStage::LookingUpEmails { done, total } => t_with(
                self.lang,
                "import-emails",
                &[("done", done.into()), ("total", total.into())],
            ),
            ImportStage::Importing { rows } => {
                t_with(self.lang, "import-importing", &[("rows", rows.into())])
            }
        };
        if let Err(e) = self
            .state
            .gateway
            .update_text(&self.channel, &self.ts, &text)
            .await
        {
            tracing::warn!(error = %e, "could not update import progress");
        }
    }
}

async fn run(
    state: &Arc<SlackState>,
    admin: crate::domain::UserId,
    lang: Lang,
    file_id: &str,
    theme: Option<String>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let channel = state.gateway.open_dm(&admin).await?;
    let ts = state
        .gateway
        .post_text(&channel, &t(lang, "import-downloading"))
        .await?;
    let progress = DmProgress {
        state: state.clone(),
        channel: channel.clone(),
        ts: ts.clone(),
        lang,
        last: Mutex::new(None),
    };
    let result = match state.gateway.download_file(file_id).await {
        Err(e) => t_args(lang, "import-download-failed", &[("error", &e.message)]),
        Ok((name, bytes)) => {
            match state
                .app
                .import_mentors(&Actor::User(admin), bytes, theme, &progress, now)
                .await
            {
                Ok(outcome) => result_text(lang, &name, &outcome),
                Err(AdminError::Internal(e)) => {
                    tracing::error!(error = ?e, "import failed");
                    t(lang, "error-generic")
                }
                Err(other) => views::error_text(lang, &other),
            }
        }
    };
    state.gateway.update_text(&channel, &ts, &result).await?;
    Ok(())
}

/// The final report: what was imported, or every problem (nothing imported).
pub fn result_text(lang: Lang, file: &str, outcome: &ImportOutcome) -> String {
    match outcome {
        ImportOutcome::Imported(r) => t_with(
            lang,
            "import-done",
            &[
                ("file", (&escape(file)).into()),
                ("rows", r.rows.into()),
                ("certified", r.certified.into()),
                ("already", r.already.into()),
                ("started", r.started.into()),
            ],
        ),
        ImportOutcome::Rejected(problems) => {
            let mut lines = vec![t_with(
                lang,
                "import-rejected",
                &[
                    ("file", (&escape(file)).into()),
                    ("count", problems.len().into()),
                ],
            )];
            lines.extend(
                problems
                    .iter()
                    .take(PROBLEMS_SHOWN)
                    .map(|p| format!("• {}", problem_line(lang, p))),
            );
            if problems.len() > PROBLEMS_SHOWN {
                lines.push(t_with(
                    lang,
                    "import-more-problems",
                    &[("count", (problems.len() - PROBLEMS_SHOWN).into())],
                ));
            }
            lines.join("\n")
        }
    }
}

/// "row 5 (email): …" in the reader's language.
pub fn problem_line(lang: Lang, p: &RowProblem) -> String {
    let place = match (&p.row, &p.column) {
        (Some(row), Some(col)) => t_with(
            lang,
            "import-at-row-column",
            &[("row", row.into()), ("column", (&escape(col)).into())],
        ),
        (Some(row), None) => t_with(lang, "import-at-row", &[("row", row.into())]),
        (None, Some(col)) => t_args(lang, "import-at-column", &[("column", &escape(col))]),
        (None, None) => t(lang, "import-at-file"),
    };
    format!("{place}: {}", problem_text(lang, &p.problem))
}

fn problem_text(lang: Lang, problem: &Problem) -> String {
    let e = |s: &str| escape(s);
    match problem {
        Problem::UnknownTheme { theme } => {
            t_args(lang, "import-unknown-theme", &[("theme", &e(theme))])
        }
        Problem::ArchivedTheme { theme } => {
            t_args(lang, "import-archived-theme", &[("theme", &e(theme))])
        }
        Problem::UnknownColumn => t(lang, "import-unknown-column"),
        Problem::NotAQuestionOf { theme } => {
            t_args(lang, "import-not-a-question", &[("theme", &e(theme))])
        }
        Problem::InvalidChoice { value, options } => t_args(
            lang,
            "import-invalid-choice",
            &[("value", &e(value)), ("options", &e(&options.join(" / ")))],
        ),
        Problem::MissingRequiredAnswer { question } => {
            t_args(lang, "import-missing-answer", &[("question", &e(question))])
        }
        Problem::UnknownEmail { email } => {
            t_args(lang, "import-unknown-email", &[("email", &e(email))])
        }
        Problem::Csv(kind) => csv_problem_text(lang, kind),
    }
}

fn csv_problem_text(lang: Lang, kind: &CsvErrorKind) -> String {
    let e = |s: &str| escape(s);
    match kind {
        CsvErrorKind::NotUtf8OrShiftJis => t(lang, "csv-encoding"),
        CsvErrorKind::MissingHeader => t(lang, "csv-missing-header"),
        CsvErrorKind::MissingColumn(column) => {
            t_args(lang, "csv-missing-column", &[("column", column)])
        }
        CsvErrorKind::DuplicateColumn { column, same_as } => t_args(
            lang,
            "csv-duplicate-column",
            &[("column", &e(column)), ("same", &e(same_as))],
        ),
        CsvErrorKind::EmptyColumnName { position } => t_with(
            lang,
            "csv-empty-column-name",
            &[("position", position.into())],
        ),
        CsvErrorKind::TooManyRows { limit } => {
            t_with(lang, "csv-too-many-rows", &[("limit", limit.into())])
        }
        CsvErrorKind::Malformed(detail) => t_args(lang, "csv-malformed", &[("detail", &e(detail))]),
        CsvErrorKind::TooManyCells { found, expected } => t_with(
            lang,
            "csv-too-many-cells",
            &[("found", found.into()), ("expected", expected.into())],
        ),
        CsvErrorKind::CellTooLong => t(lang, "csv-cell-too-long"),
        CsvErrorKind::MissingPerson => t(lang, "csv-missing-person"),
        CsvErrorKind::BadPerson { value } => {
            t_args(lang, "csv-bad-person", &[("value", &e(value))])
        }
        CsvErrorKind::MissingTheme => t(lang, "csv-missing-theme"),
        CsvErrorKind::ThemeMismatch { given, found } => t_args(
            lang,
            "csv-theme-mismatch",
            &[("given", &e(given)), ("found", &e(found))],
        ),
        CsvErrorKind::BadStarted { value } => {
            t_args(lang, "csv-bad-started", &[("value", &e(value))])
        }
        CsvErrorKind::DuplicateOf { first_row } => {
            t_with(lang, "csv-duplicate-of", &[("row", first_row.into())])
        }
    }
}
