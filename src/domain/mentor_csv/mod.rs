//! The CSV an admin uploads to certify many mentors at once: bytes in, typed rows or every bad row out.
//!
//! Pure: it does not know which themes, questions or people exist; the app layer checks that
//! afterwards. Row numbers are the ones a spreadsheet shows: the header is row 1, blank lines
//! count, and a quoted cell spanning several lines is still one row.

use std::collections::HashMap;
use std::fmt;

use crate::domain::{name_key, UserId};

mod errors;
mod sheet;

pub use errors::{CsvError, CsvErrorKind};
use sheet::{decode, Header, SheetRows};

/// More data rows than this and the whole file is refused.
pub const MAX_ROWS: usize = 50_000;
/// Longer cells (in characters) are a row error.
pub const MAX_CELL_CHARS: usize = 5_000;

const PERSON_COLUMNS: &[&str] = &[
    "person",
    "user",
    "user_id",
    "slack_id",
    "email",
    "mentor",
    "ユーザー",
    "ユーザーID",
    "メールアドレス",
    "メール",
    "メンター",
];
const THEME_COLUMNS: &[&str] = &["theme", "テーマ"];
const STARTED_COLUMNS: &[&str] = &["started", "already_started", "開始済み", "開始済"];
const STARTED_TRUE: &[&str] = &["true", "yes", "1", "はい", "済", "✓", "x"];
const STARTED_FALSE: &[&str] = &["false", "no", "0", "いいえ", "未"];

/// Who a row certifies: a Slack user, or an email the app layer looks up.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PersonRef {
    User(UserId),
    /// Lowercased.
    Email(String),
}

/// One mentor to certify for one theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// As a spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub person: PersonRef,
    /// As written and trimmed; when a theme was given to the parser, that one.
    pub theme: String,
    /// The mentor already started this theme (e.g. moved over from a previous system).
    pub started: bool,
    /// Every answer column in header order: (column name, value, possibly empty).
    pub answers: Vec<(String, String)>,
}

/// A whole file that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedCsv {
    pub rows: Vec<CsvRow>,
    /// The answer columns' names (trimmed, as written), in header order.
    pub answer_columns: Vec<String>,
}

/// A file whose header could be read: its clean rows, what could still be read of the rows
/// with a problem, and every problem found so far. The app layer goes on checking themes,
/// answers and people of *every* row, so one upload lists every problem of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvSheet {
    pub rows: Vec<CsvRow>,
    pub flawed: Vec<FlawedRow>,
    pub answer_columns: Vec<String>,
    /// Row problems (and file problems met while reading rows), in row order.
    pub errors: Vec<CsvError>,
}

/// A row with a problem in its person or started cell (listed in `CsvSheet::errors`) whose
/// theme and answers can still be checked. Duplicates and misshapen rows are not here: the
/// fix for those is deleting or re-typing the row, so their cells would only add noise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlawedRow {
    pub row: usize,
    /// `None`: the person cell itself is the problem.
    pub person: Option<PersonRef>,
    pub theme: String,
    /// `None`: the started cell itself is the problem (so required answers are not checked).
    pub started: Option<bool>,
    pub answers: Vec<(String, String)>,
}

/// Parses an uploaded file; `theme` is the one chosen in the modal or passed as `--theme`.
/// Any error, in the file or in a row, rejects the whole file: all of them are returned
/// (whole-file ones first, then by row) and no rows.
pub fn parse_mentor_csv(bytes: &[u8], theme: Option<&str>) -> Result<ParsedCsv, Vec<CsvError>> {
    let sheet = read_mentor_csv(bytes, theme)?;
    if !sheet.errors.is_empty() {
        return Err(sheet.errors);
    }
    Ok(ParsedCsv {
        rows: sheet.rows,
        answer_columns: sheet.answer_columns,
    })
}

/// Reads an uploaded file as far as it can be read. `Err` only when the file as a whole
/// cannot be (encoding, header); row problems are in `CsvSheet::errors`, beside the rows.
pub fn read_mentor_csv(bytes: &[u8], theme: Option<&str>) -> Result<CsvSheet, Vec<CsvError>> {
    let text = decode(bytes).map_err(|e| vec![e])?;
    let given = theme.map(str::trim).filter(|t| !t.is_empty());
    let mut records = SheetRows::new(&text);
    let header = match records.next() {
        None => return Err(vec![CsvError::file(CsvErrorKind::MissingHeader)]),
        Some(Err(e)) => return Err(vec![e]),
        Some(Ok((_, record))) => Header::parse(&record, given.is_some())?,
    };
    let mut collector = Collector {
        header: &header,
        given,
        seen: HashMap::new(),
        rows: Vec::new(),
        flawed: Vec::new(),
        errors: Vec::new(),
    };
    let mut data_rows = 0;
    for item in records {
        let (row, record) = match item {
            Ok(numbered) => numbered,
            Err(e) => {
                collector.errors.push(e);
                break;
            }
        };
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        data_rows += 1;
        if data_rows > MAX_ROWS {
            let limit = MAX_ROWS;
            collector
                .errors
                .push(CsvError::file(CsvErrorKind::TooManyRows { limit }));
            break;
        }
        collector.add(row, &cells);
    }
    collector.finish()
}

impl fmt::Display for PersonRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PersonRef::User(id) => f.write_str(id.as_str()),
            PersonRef::Email(email) => f.write_str(email),
        }
    }
}

/// Checks rows one at a time, remembering what duplicates need.
struct Collector<'a> {
    header: &'a Header,
    given: Option<&'a str>,
    /// (person, theme's `name_key`) → the row it first appeared on.
    seen: HashMap<(PersonRef, String), usize>,
    rows: Vec<CsvRow>,
    flawed: Vec<FlawedRow>,
    errors: Vec<CsvError>,
}

impl Collector<'_> {
    /// Checks each cell on its own, so one bad cell does not hide another.
    fn add(&mut self, row: usize, cells: &[&str]) {
        if !self.shape_is_ok(row, cells) {
            return;
        }
        let h = self.header;
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        let person = parse_person(cell(h.person));
        let theme = parse_theme(h.theme.map(cell), self.given);
        let started = h.started.map_or(Ok(false), |i| parse_started(cell(i)));
        let errors_before = self.errors.len();
        if let (Ok(person), Ok(theme)) = (&person, &theme) {
            let key = (person.clone(), name_key(theme));
            if let Some(&first_row) = self.seen.get(&key) {
                let kind = CsvErrorKind::DuplicateOf { first_row };
                self.errors
                    .push(CsvError::cell(row, &h.names[h.person], kind));
            } else {
                self.seen.insert(key, row);
            }
        }
        let duplicate = self.errors.len() != errors_before;
        let answers = || {
            h.answers
                .iter()
                .map(|&i| (h.names[i].clone(), cell(i).to_string()))
                .collect()
        };
        match (person, theme, started) {
            (Ok(person), Ok(theme), Ok(started)) if !duplicate => {
                self.rows.push(CsvRow {
                    row,
                    person,
                    theme,
                    started,
                    answers: answers(),
                });
            }
            (person, theme, started) => {
                if let (Ok(theme), false) = (&theme, duplicate) {
                    self.flawed.push(FlawedRow {
                        row,
                        person: person.as_ref().ok().cloned(),
                        theme: theme.clone(),
                        started: started.as_ref().ok().copied(),
                        answers: answers(),
                    });
                }
                let problems = [
                    (Some(h.person), person.err()),
                    (h.theme, theme.err()),
                    (h.started, started.err()),
                ];
                for (column, kind) in problems {
                    if let Some(kind) = kind {
                        let column = column.map(|i| h.names[i].clone());
                        self.errors.push(CsvError::new(Some(row), column, kind));
                    }
                }
            }
        }
    }

    /// Too many cells, or a cell too long, makes the rest of the row not worth reading.
    fn shape_is_ok(&mut self, row: usize, cells: &[&str]) -> bool {
        let expected = self.header.names.len();
        if cells.len() > expected {
            let kind = CsvErrorKind::TooManyCells {
                found: cells.len(),
                expected,
            };
            self.errors.push(CsvError::new(Some(row), None, kind));
            return false;
        }
        let before = self.errors.len();
        for (i, cell) in cells.iter().enumerate() {
            if cell.chars().count() > MAX_CELL_CHARS {
                let column = &self.header.names[i];
                self.errors
                    .push(CsvError::cell(row, column, CsvErrorKind::CellTooLong));
            }
        }
        self.errors.len() == before
    }

    fn finish(mut self) -> Result<CsvSheet, Vec<CsvError>> {
        // Stable: within a row, errors stay in column order.
        self.errors.sort_by_key(|e| e.row.unwrap_or(0));
        let h = self.header;
        let answer_columns = h.answers.iter().map(|&i| h.names[i].clone()).collect();
        Ok(CsvSheet {
            rows: self.rows,
            flawed: self.flawed,
            answer_columns,
            errors: self.errors,
        })
    }
}

fn parse_person(cell: &str) -> Result<PersonRef, CsvErrorKind> {
    if cell.is_empty() {
        return Err(CsvErrorKind::MissingPerson);
    }
    if let Ok(id) = UserId::parse(cell) {
        return Ok(PersonRef::User(id));
    }
    if is_email(cell) {
        return Ok(PersonRef::Email(cell.to_lowercase()));
    }
    Err(CsvErrorKind::BadPerson {
        value: shorten(cell),
    })
}

/// Loose on purpose: the directory lookup afterwards is the real check.
fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
}

/// Blank means the given theme; a theme cell may repeat it but not contradict it.
fn parse_theme(cell: Option<&str>, given: Option<&str>) -> Result<String, CsvErrorKind> {
    let cell = cell.filter(|c| !c.is_empty());
    match (given, cell) {
        (Some(given), None) => Ok(given.to_string()),
        (Some(given), Some(found)) if name_key(found) == name_key(given) => Ok(given.to_string()),
        (Some(given), Some(found)) => Err(CsvErrorKind::ThemeMismatch {
            given: given.to_string(),
            found: shorten(found),
        }),
        (None, Some(found)) => Ok(found.to_string()),
        (None, None) => Err(CsvErrorKind::MissingTheme),
    }
}

fn parse_started(cell: &str) -> Result<bool, CsvErrorKind> {
    let value = cell.to_lowercase();
    if value.is_empty() || STARTED_FALSE.contains(&value.as_str()) {
        Ok(false)
    } else if STARTED_TRUE.contains(&value.as_str()) {
        Ok(true)
    } else {
        Err(CsvErrorKind::BadStarted {
            value: shorten(cell),
        })
    }
}

/// A bad value quoted back to the admin, cut so a pasted paragraph does not flood the list.
fn shorten(value: &str) -> String {
    const MAX: usize = 80;
    if value.chars().count() <= MAX {
        return value.to_string();
    }
    value.chars().take(MAX).chain(['…']).collect()
}

/// The letters a spreadsheet shows above a 1-based column: 1 → A, 27 → AA.
fn column_letter(mut position: usize) -> String {
    let mut letters = Vec::new();
    while position > 0 {
        position -= 1;
        letters.push(char::from(b'A' + (position % 26) as u8));
        position /= 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ParsedCsv, Vec<CsvError>> {
        parse_mentor_csv(text.as_bytes(), None)
    }

    fn rows(text: &str) -> Vec<CsvRow> {
        parse(text).expect("the file parses").rows
    }

    fn errors(text: &str, theme: Option<&str>) -> Vec<CsvError> {
        parse_mentor_csv(text.as_bytes(), theme).expect_err("the file is rejected")
    }

    fn shown(errors: &[CsvError]) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    fn user(id: &str) -> PersonRef {
        PersonRef::User(UserId::parse(id).unwrap())
    }

    #[test]
    fn utf8_with_a_bom_parses_and_the_bom_is_not_part_of_the_first_column_name() {
        let bytes = b"\xEF\xBB\xBFperson,theme\r\nU111,DX\r\n";

        let parsed = parse_mentor_csv(bytes, None).unwrap();

        assert_eq!(parsed.rows.len(), 1);
        assert_eq!(parsed.rows[0].person, user("U111"));
        assert_eq!(parsed.rows[0].row, 2);
    }

    #[test]
    fn utf8_without_a_bom_parses_into_typed_rows_with_answers() {
        let text = "user,theme,Which department were you in?,started\n\
                    U111,Parental leave,Sales,yes\n\
                    W222,DX,,\n";

        let parsed = parse(text).unwrap();

        assert_eq!(parsed.answer_columns, ["Which department were you in?"]);
        let dept = "Which department were you in?".to_string();
        let expected = vec![
            CsvRow {
                row: 2,
                person: user("U111"),
                theme: "Parental leave".into(),
                started: true,
                answers: vec![(dept.clone(), "Sales".into())],
            },
            CsvRow {
                row: 3,
                person: user("W222"),
                theme: "DX".into(),
                started: false,
                answers: vec![(dept, String::new())],
            },
        ];
        assert_eq!(parsed.rows, expected);
    }

    #[test]
    fn shift_jis_from_excel_in_japan_parses_with_japanese_headers() {
        let text = "ユーザー,テーマ,前の部署,開始済み\r\nU111,育休からの復帰,営業部①課,はい\r\n";
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err(), "really Shift_JIS");

        let parsed = parse_mentor_csv(&bytes, None).unwrap();

        assert_eq!(parsed.answer_columns, ["前の部署"]);
        let row = &parsed.rows[0];
        assert_eq!(row.person, user("U111"));
        assert_eq!(row.theme, "育休からの復帰");
        assert!(row.started);
        assert_eq!(
            row.answers,
            [("前の部署".to_string(), "営業部①課".to_string())]
        );
    }

    #[test]
    fn bytes_that_are_neither_utf8_nor_shift_jis_are_a_file_error() {
        let errors = parse_mentor_csv(b"person,theme\n\xFF\xFF,DX\n", None).unwrap_err();
        let utf16 = parse_mentor_csv(b"p\0e\0r\0s\0o\0n\0", None).unwrap_err();

        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind, CsvErrorKind::NotUtf8OrShiftJis);
        assert!(errors[0].to_string().starts_with("file: "));
        assert!(errors[0].reason.contains("CSV UTF-8"));
        assert_eq!(utf16[0].kind, CsvErrorKind::NotUtf8OrShiftJis);
    }

    #[test]
    fn a_quoted_cell_with_newlines_and_commas_is_one_row_for_later_row_numbers() {
        let text = "person,theme,note\r\n\
                    U111,DX,\"first line\r\nsecond, with a comma\nthird\"\r\n\
                    nobody,DX,\r\n";

        let errors = errors(text, None);

        assert_eq!(
            shown(&errors),
            ["row 3 (person): \"nobody\" is neither a Slack user id (U…) nor an email address"]
        );
    }

    #[test]
    fn a_broken_row_among_good_ones_rejects_the_file_with_its_row_number() {
        let text = "person,theme\nU111,DX\nU222,\nU333,DX\n";

        let errors = errors(text, None);

        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].row, Some(3));
        assert_eq!(errors[0].column.as_deref(), Some("theme"));
        assert_eq!(errors[0].kind, CsvErrorKind::MissingTheme);
    }

    #[test]
    fn every_bad_row_is_reported_in_row_order() {
        let text = "person,theme,started\n\
                    ,DX,\n\
                    U111,DX,\n\
                    U222,DX,maybe\n\
                    U333,,\n";

        let errors = errors(text, None);

        let kinds: Vec<_> = errors.iter().map(|e| (e.row, e.kind.clone())).collect();
        let bad_started = CsvErrorKind::BadStarted {
            value: "maybe".into(),
        };
        assert_eq!(
            kinds,
            [
                (Some(2), CsvErrorKind::MissingPerson),
                (Some(4), bad_started),
                (Some(5), CsvErrorKind::MissingTheme),
            ]
        );
    }

    #[test]
    fn the_same_person_and_theme_twice_is_a_duplicate_of_the_first_row() {
        let text = "email,theme\n\
                    Hanako@Example.com,DX\n\
                    U111,DX\n\
                    hanako@example.com, dx \n\
                    U111,Parental leave\n\
                    U111,ＤＸ\n";

        let errors = errors(text, None);

        assert_eq!(
            shown(&errors),
            [
                "row 4 (email): duplicate of row 2",
                "row 6 (email): duplicate of row 3",
            ]
        );
    }

    #[test]
    fn with_a_theme_given_a_blank_or_equal_theme_cell_is_fine_and_another_is_an_error() {
        let text = "person,theme\nU111,\nU222,dx\nU333,Parental leave\n";

        let errors = errors(text, Some("DX"));

        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].row, Some(4));
        let found = "Parental leave".to_string();
        let mismatch = CsvErrorKind::ThemeMismatch {
            given: "DX".into(),
            found,
        };
        assert_eq!(errors[0].kind, mismatch);
        let ok = parse_mentor_csv(b"person,theme\nU111,\nU222,dx\n", Some("DX")).unwrap();
        assert!(ok.rows.iter().all(|r| r.theme == "DX"));
        let no_column = parse_mentor_csv(b"person\nU111\n", Some("DX")).unwrap();
        assert_eq!(no_column.rows[0].theme, "DX");
    }

    #[test]
    fn blank_lines_and_empty_rows_are_skipped_but_still_counted_as_rows() {
        let text = "person,theme\n\nU111,DX\n,,\n ,\u{3000}\nbad,DX\n\n";

        let errors = errors(text, None);

        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].row, Some(6));
        assert_eq!(rows("person,theme\n\nU111,DX\n,\n\n").len(), 1);
    }

    #[test]
    fn a_row_with_a_bad_person_still_hands_over_its_theme_and_answers_but_a_duplicate_does_not() {
        let text = "person,theme,started,前の部署\n\
                    taro,DX,yes,経理\n\
                    U111,DX,maybe,開発\n\
                    U222,DX,,\n\
                    U222,dx,,\n";

        let sheet = read_mentor_csv(text.as_bytes(), None).unwrap();

        let kinds: Vec<_> = sheet.errors.iter().map(|e| e.row).collect();
        assert_eq!(kinds, [Some(2), Some(3), Some(5)]);
        let dept = "前の部署".to_string();
        assert_eq!(
            sheet.flawed,
            [
                FlawedRow {
                    row: 2,
                    person: None,
                    theme: "DX".into(),
                    started: Some(true),
                    answers: vec![(dept.clone(), "経理".into())],
                },
                FlawedRow {
                    row: 3,
                    person: Some(user("U111")),
                    theme: "DX".into(),
                    started: None,
                    answers: vec![(dept, "開発".into())],
                },
            ]
        );
        assert_eq!(sheet.rows.len(), 1, "row 4 is clean");
    }

    #[test]
    fn emails_are_lowercased() {
        let rows = rows("メールアドレス,テーマ\nTaro.Yamada@Example.CO.JP,DX\n");

        assert_eq!(
            rows[0].person,
            PersonRef::Email("taro.yamada@example.co.jp".into())
        );
    }

    #[test]
    fn people_that_are_neither_user_ids_nor_emails_are_rejected() {
        for bad in [
            "u111",
            "taro",
            "a@b",
            "a@@b.com",
            "a b@c.com",
            "@c.com",
            "a@.com",
        ] {
            let text = format!("person,theme\n{bad},DX\n");

            let errors = errors(&text, None);

            let value = bad.to_string();
            assert_eq!(errors[0].kind, CsvErrorKind::BadPerson { value }, "{bad}");
        }
    }

    #[test]
    fn full_width_spaces_are_trimmed_and_full_or_half_width_column_names_match() {
        let text = "\u{3000}ユーザーＩＤ,\u{3000}ﾃｰﾏ \u{3000}, 前の部署\u{3000}\n\
                    \u{3000}U111\u{3000},\u{3000}DX ,\u{3000}営業部\u{3000}\n";

        let parsed = parse(text).unwrap();

        assert_eq!(parsed.answer_columns, ["前の部署"]);
        assert_eq!(parsed.rows[0].person, user("U111"));
        assert_eq!(parsed.rows[0].theme, "DX");
        assert_eq!(parsed.rows[0].answers[0].1, "営業部");
    }

    #[test]
    fn started_accepts_the_usual_yes_and_no_words_in_both_languages() {
        let text = "person,theme,Started\nU1,A,済\nU2,A,未\nU3,A,X\nU4,A,No\nU5,A,✓\nU6,A,いいえ\n";

        let started: Vec<bool> = rows(text).iter().map(|r| r.started).collect();

        assert_eq!(started, [true, false, true, false, true, false]);
    }

    #[test]
    fn an_unknown_started_value_is_a_row_error_listing_the_accepted_ones() {
        let errors = errors("person,theme,開始済み\nU111,DX,done\n", None);

        assert_eq!(errors[0].column.as_deref(), Some("開始済み"));
        assert_eq!(
            errors[0].kind,
            CsvErrorKind::BadStarted {
                value: "done".into()
            }
        );
        assert!(errors[0].reason.contains("true, yes, 1, はい, 済, ✓, x"));
        assert!(errors[0].reason.contains("false, no, 0, いいえ, 未"));
    }

    #[test]
    fn a_row_with_more_cells_than_the_header_is_an_error_and_fewer_means_blanks() {
        let errors = errors("person,theme\nU111,DX,extra\n", None);

        assert_eq!(
            shown(&errors),
            ["row 2: row has 3 cells but the header has 2"]
        );
        let rows = rows("person,theme,note,started\nU111,DX\n");
        assert_eq!(rows[0].answers, [("note".to_string(), String::new())]);
        assert!(!rows[0].started);
    }

    #[test]
    fn a_cell_longer_than_the_limit_is_a_row_error() {
        let text = format!(
            "person,theme,note\nU111,DX,{}\n",
            "あ".repeat(MAX_CELL_CHARS + 1)
        );

        let errors = errors(&text, None);

        assert_eq!(errors[0].kind, CsvErrorKind::CellTooLong);
        assert_eq!(errors[0].column.as_deref(), Some("note"));
        let longest = "あ".repeat(MAX_CELL_CHARS);
        assert_eq!(
            rows(&format!("person,theme,note\nU1,DX,{longest}\n")).len(),
            1
        );
    }

    #[test]
    fn a_file_without_a_header_a_person_column_or_a_theme_column_is_a_file_error() {
        let no_person = errors("name,theme\nU111,DX\n", None);
        let no_theme = errors("person\nU111\n", None);
        let empty = errors("\n\n", None);

        assert_eq!(no_person.len(), 1);
        assert_eq!(no_person[0].row, None);
        assert_eq!(no_person[0].kind, CsvErrorKind::MissingColumn("person"));
        let shown = no_person[0].to_string();
        assert!(
            shown.starts_with("file: the header has no person column"),
            "{shown}"
        );
        assert_eq!(no_theme[0].kind, CsvErrorKind::MissingColumn("theme"));
        assert_eq!(empty[0].kind, CsvErrorKind::MissingHeader);
    }

    #[test]
    fn a_header_with_clashing_or_empty_column_names_is_a_file_error_naming_them() {
        let errors = errors("User,theme,Email,Dept,dept,,\nU111,DX,,,,,\n", None);

        assert_eq!(
            shown(&errors),
            [
                "file: column \"Email\" means the same as column \"User\"; keep only one",
                "file: column \"dept\" means the same as column \"Dept\"; keep only one",
                "file: column 6 (F) of the header has no name",
                "file: column 7 (G) of the header has no name",
            ]
        );
        assert_eq!(errors[0].column.as_deref(), Some("Email"));
    }

    #[test]
    fn a_file_with_more_rows_than_the_limit_is_refused() {
        let mut text = String::from("person,theme\n");
        for i in 0..=MAX_ROWS {
            text.push_str(&format!("U{i},DX\n"));
        }

        let errors = errors(&text, None);

        assert_eq!(errors.len(), 1);
        let limit = MAX_ROWS;
        assert_eq!(errors[0].kind, CsvErrorKind::TooManyRows { limit });
    }

    #[test]
    fn ten_thousand_rows_parse() {
        let mut text = String::from("person,theme,前の部署,started\r\n");
        for i in 0..10_000 {
            text.push_str(&format!("user{i}@example.com,DX,\"営業部\n{i}\",yes\r\n"));
        }

        let rows = rows(&text);

        assert_eq!(rows.len(), 10_000);
        assert_eq!(rows[9_999].row, 10_001);
    }

    #[test]
    fn spreadsheet_column_letters_follow_excel() {
        let letters: Vec<String> = [1, 26, 27, 52, 703]
            .into_iter()
            .map(column_letter)
            .collect();

        assert_eq!(letters, ["A", "Z", "AA", "AZ", "AAA"]);
    }
}
