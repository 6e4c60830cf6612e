//! What an import reports to the person who ran it, as catalog messages decided once for every
//! channel (Slack's DM, the CLI's terminal, later Teams): the result, or every problem with
//! where it is.

use super::errors::Message;
use super::import::{ImportOutcome, Problem, RowProblem};
use crate::domain::mentor_csv::CsvErrorKind;

/// How many problems a report lists before saying how many more there are.
pub const PROBLEMS_SHOWN: usize = 30;

/// The report's first line, then (for a rejected file) one line per problem, at most
/// [`PROBLEMS_SHOWN`], and how many more there are.
pub fn import_report(file: &str, outcome: &ImportOutcome) -> Vec<ReportLine> {
    match outcome {
        ImportOutcome::Imported(r) => vec![ReportLine::Head(
            Message::new("import-done")
                .text("file", file)
                .number("rows", r.rows)
                .number("certified", r.certified)
                .number("already", r.already)
                .number("started", r.started),
        )],
        ImportOutcome::Rejected(problems) => {
            let mut lines = vec![ReportLine::Head(
                Message::new("import-rejected")
                    .text("file", file)
                    .number("count", problems.len()),
            )];
            lines.extend(
                problems
                    .iter()
                    .take(PROBLEMS_SHOWN)
                    .map(|p| ReportLine::Problem(problem_place(p), problem_message(&p.problem))),
            );
            if problems.len() > PROBLEMS_SHOWN {
                lines.push(ReportLine::Head(
                    Message::new("import-more-problems")
                        .number("count", problems.len() - PROBLEMS_SHOWN),
                ));
            }
            lines
        }
    }
}

/// One line of a report: a sentence, or a problem as "where: what".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportLine {
    Head(Message),
    Problem(Message, Message),
}

/// Where a problem is: a row and column, a row, a column, or the whole file.
pub fn problem_place(p: &RowProblem) -> Message {
    match (&p.row, &p.column) {
        (Some(row), Some(col)) => Message::new("import-at-row-column")
            .number("row", *row)
            .text("column", col),
        (Some(row), None) => Message::new("import-at-row").number("row", *row),
        (None, Some(col)) => Message::new("import-at-column").text("column", col),
        (None, None) => Message::new("import-at-file"),
    }
}

/// What is wrong.
pub fn problem_message(problem: &Problem) -> Message {
    match problem {
        Problem::UnknownTheme { theme } => {
            Message::new("import-unknown-theme").text("theme", theme)
        }
        Problem::ArchivedTheme { theme } => {
            Message::new("import-archived-theme").text("theme", theme)
        }
        Problem::UnknownColumn => Message::new("import-unknown-column"),
        Problem::NotAQuestionOf { theme } => {
            Message::new("import-not-a-question").text("theme", theme)
        }
        Problem::InvalidChoice { value, options } => Message::new("import-invalid-choice")
            .text("value", value)
            .text("options", options.join(" / ")),
        Problem::MissingRequiredAnswer { question } => {
            Message::new("import-missing-answer").text("question", question)
        }
        Problem::UnknownEmail { email } => {
            Message::new("import-unknown-email").text("email", email)
        }
        Problem::Csv(kind) => csv_message(kind),
    }
}

fn csv_message(kind: &CsvErrorKind) -> Message {
    match kind {
        CsvErrorKind::NotUtf8OrShiftJis => Message::new("csv-encoding"),
        CsvErrorKind::MissingHeader => Message::new("csv-missing-header"),
        CsvErrorKind::MissingColumn(column) => {
            Message::new("csv-missing-column").text("column", *column)
        }
        CsvErrorKind::DuplicateColumn { column, same_as } => Message::new("csv-duplicate-column")
            .text("column", column)
            .text("same", same_as),
        CsvErrorKind::EmptyColumnName { position } => {
            Message::new("csv-empty-column-name").number("position", *position)
        }
        CsvErrorKind::TooManyRows { limit } => {
            Message::new("csv-too-many-rows").number("limit", *limit)
        }
        CsvErrorKind::Malformed(detail) => Message::new("csv-malformed").text("detail", detail),
        CsvErrorKind::TooManyCells { found, expected } => Message::new("csv-too-many-cells")
            .number("found", *found)
            .number("expected", *expected),
        CsvErrorKind::CellTooLong => Message::new("csv-cell-too-long"),
        CsvErrorKind::MissingPerson => Message::new("csv-missing-person"),
        CsvErrorKind::BadPerson { value } => Message::new("csv-bad-person").text("value", value),
        CsvErrorKind::MissingTheme => Message::new("csv-missing-theme"),
        CsvErrorKind::ThemeMismatch { given, found } => Message::new("csv-theme-mismatch")
            .text("given", given)
            .text("found", found),
        CsvErrorKind::BadStarted { value } => Message::new("csv-bad-started").text("value", value),
        CsvErrorKind::DuplicateOf { first_row } => {
            Message::new("csv-duplicate-of").number("row", *first_row)
        }
    }
}
