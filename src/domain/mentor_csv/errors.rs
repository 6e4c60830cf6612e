//! What can be wrong with an uploaded CSV, and the English sentence for each problem (the app
//! layer says it in the reader's language).

use std::fmt;

use super::{
    column_letter, MAX_CELL_CHARS, PERSON_COLUMNS, STARTED_FALSE, STARTED_TRUE, THEME_COLUMNS,
};

/// One problem: with a row for a bad row, without one for the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// `None` means the whole file.
    pub row: Option<usize>,
    /// The column's header name as written, when the problem is in one cell.
    pub column: Option<String>,
    /// What went wrong, with the values needed to say it in another language.
    pub kind: CsvErrorKind,
    /// The English sentence for `kind`.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvErrorKind {
    // Whole file.
    NotUtf8OrShiftJis,
    /// No rows at all, so no header.
    MissingHeader,
    /// `"person"` or `"theme"`.
    MissingColumn(&'static str),
    /// Two columns with the same role (`user` and `email`) or the same answer name.
    DuplicateColumn {
        column: String,
        same_as: String,
    },
    /// `position` is 1-based.
    EmptyColumnName {
        position: usize,
    },
    TooManyRows {
        limit: usize,
    },
    /// The csv reader gave up.
    Malformed(String),
    // One row.
    TooManyCells {
        found: usize,
        expected: usize,
    },
    CellTooLong,
    MissingPerson,
    BadPerson {
        value: String,
    },
    MissingTheme,
    ThemeMismatch {
        given: String,
        found: String,
    },
    BadStarted {
        value: String,
    },
    DuplicateOf {
        first_row: usize,
    },
}

impl CsvError {
    pub(super) fn file(kind: CsvErrorKind) -> Self {
        Self::new(None, None, kind)
    }

    pub(super) fn cell(row: usize, column: &str, kind: CsvErrorKind) -> Self {
        Self::new(Some(row), Some(column.to_string()), kind)
    }

    pub(super) fn new(row: Option<usize>, column: Option<String>, kind: CsvErrorKind) -> Self {
        let reason = kind.to_string();
        Self {
            row,
            column,
            kind,
            reason,
        }
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, &self.column) {
            (None, _) => write!(f, "file: {}", self.reason),
            (Some(row), None) => write!(f, "row {row}: {}", self.reason),
            (Some(row), Some(column)) => write!(f, "row {row} ({column}): {}", self.reason),
        }
    }
}

impl std::error::Error for CsvError {}

impl fmt::Display for CsvErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CsvErrorKind::*;
        match self {
            NotUtf8OrShiftJis => f.write_str(
                "the file is neither UTF-8 nor Shift_JIS; in Excel, save it as \"CSV UTF-8\"",
            ),
            MissingHeader => f.write_str("the file is empty; the first row must name the columns"),
            MissingColumn(role) => {
                let names = if *role == "theme" { THEME_COLUMNS } else { PERSON_COLUMNS };
                write!(f, "the header has no {role} column (name it one of: {})", names.join(", "))
            }
            DuplicateColumn { column, same_as } => write!(
                f,
                "column \"{column}\" means the same as column \"{same_as}\"; keep only one"
            ),
            EmptyColumnName { position } => {
                let letter = column_letter(*position);
                write!(f, "column {position} ({letter}) of the header has no name")
            }
            TooManyRows { limit } => {
                write!(f, "the file has more than {limit} rows; split it into smaller files")
            }
            Malformed(detail) => write!(f, "the file is not valid CSV: {detail}"),
            TooManyCells { found, expected } => {
                write!(f, "row has {found} cells but the header has {expected}")
            }
            CellTooLong => write!(f, "cell is longer than {MAX_CELL_CHARS} characters"),
            MissingPerson => f.write_str("person is missing"),
            BadPerson { value } => write!(
                f,
                "\"{value}\" is neither a Slack user id (U…) nor an email address"
            ),
            MissingTheme => f.write_str("theme is missing"),
            ThemeMismatch { given, found } => write!(
                f,
                "theme \"{found}\" differs from the chosen theme \"{given}\"; leave it blank or write \"{given}\""
            ),
            BadStarted { value } => write!(
                f,
                "\"{value}\" is not a started value; use {} for started, or blank, {} for not started",
                STARTED_TRUE.join(", "),
                STARTED_FALSE.join(", ")
            ),
            DuplicateOf { first_row } => write!(f, "duplicate of row {first_row}"),
        }
    }
}
