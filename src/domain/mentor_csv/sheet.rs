//! Reading the file itself: its encoding, its rows numbered as a spreadsheet shows them, and
//! which column holds what.

use std::borrow::Cow;

use super::errors::{CsvError, CsvErrorKind};
use super::*;

/// UTF-8 (with or without BOM), else Shift_JIS as Excel in Japan writes it. WHATWG's
/// Shift_JIS is CP932 / Windows-31J, so NEC and IBM extensions (①, ㈱, 髙) decode too.
pub(super) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, CsvError> {
    let not_text = || CsvError::file(CsvErrorKind::NotUtf8OrShiftJis);
    // NUL is valid UTF-8 but never in a CSV: it means UTF-16 ("Unicode text") or a binary file.
    if bytes.contains(&0) {
        return Err(not_text());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|_| not_text());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(not_text());
    }
    Ok(text)
}

/// CSV records numbered as spreadsheet rows.
///
/// The csv crate skips blank lines, which a spreadsheet shows as rows, and its line numbers
/// count newlines inside quoted cells, which a spreadsheet does not. So a record's row is its
/// start line minus the newlines quoted inside the records before it.
pub(super) struct SheetRows<'a> {
    reader: csv::Reader<&'a [u8]>,
    quoted_newlines: u64,
    last_row: usize,
    failed: bool,
}

impl<'a> SheetRows<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        Self {
            reader,
            quoted_newlines: 0,
            last_row: 0,
            failed: false,
        }
    }

    fn row_at(&self, line: u64) -> usize {
        let row = line.saturating_sub(self.quoted_newlines) as usize;
        // Lone-CR line ends never advance the line count; keep rows increasing anyway.
        row.max(self.last_row + 1)
    }
}

impl Iterator for SheetRows<'_> {
    type Item = Result<(usize, csv::StringRecord), CsvError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let mut record = csv::StringRecord::new();
        match self.reader.read_record(&mut record) {
            Ok(false) => None,
            Ok(true) => {
                let row = self.row_at(record.position().map_or(0, |p| p.line()));
                let newlines = record.as_slice().bytes().filter(|&b| b == b'\n').count();
                self.quoted_newlines += newlines as u64;
                self.last_row = row;
                Some(Ok((row, record)))
            }
            Err(e) => {
                self.failed = true;
                let row = e.position().map(|p| self.row_at(p.line()));
                let kind = CsvErrorKind::Malformed(e.to_string());
                Some(Err(CsvError::new(row, None, kind)))
            }
        }
    }
}

/// Which column holds what; every column without a known role is an answer.
pub(super) struct Header {
    pub(super) names: Vec<String>,
    pub(super) person: usize,
    pub(super) theme: Option<usize>,
    pub(super) started: Option<usize>,
    pub(super) answers: Vec<usize>,
}

impl Header {
    pub(super) fn parse(
        record: &csv::StringRecord,
        theme_given: bool,
    ) -> Result<Self, Vec<CsvError>> {
        let names: Vec<String> = record.iter().map(|n| n.trim().to_string()).collect();
        let mut errors = Vec::new();
        let (mut person, mut theme, mut started) = (None, None, None);
        let mut answers = Vec::new();
        let mut answer_keys: HashMap<String, usize> = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            if name.is_empty() {
                let kind = CsvErrorKind::EmptyColumnName { position: i + 1 };
                errors.push(CsvError::file(kind));
                continue;
            }
            let key = name_key(name);
            let first = if is_one_of(&key, PERSON_COLUMNS) {
                *person.get_or_insert(i)
            } else if is_one_of(&key, THEME_COLUMNS) {
                *theme.get_or_insert(i)
            } else if is_one_of(&key, STARTED_COLUMNS) {
                *started.get_or_insert(i)
            } else {
                let first = *answer_keys.entry(key).or_insert(i);
                if first == i {
                    answers.push(i);
                }
                first
            };
            if first != i {
                let (column, same_as) = (name.clone(), names[first].clone());
                let kind = CsvErrorKind::DuplicateColumn { column, same_as };
                errors.push(CsvError::new(None, Some(name.clone()), kind));
            }
        }
        if person.is_none() {
            errors.push(CsvError::file(CsvErrorKind::MissingColumn("person")));
        }
        if theme.is_none() && !theme_given {
            errors.push(CsvError::file(CsvErrorKind::MissingColumn("theme")));
        }
        match person {
            Some(person) if errors.is_empty() => Ok(Self {
                names,
                person,
                theme,
                started,
                answers,
            }),
            _ => Err(errors),
        }
    }
}

/// Column and theme names compare as theme names do everywhere: NFKC, lower case, spaces
/// ignored (so `ＴＨＥＭＥ` and half-width `ﾃｰﾏ` from Shift_JIS files match too).
pub(super) fn is_one_of(key: &str, names: &[&str]) -> bool {
    names.iter().any(|n| name_key(n) == key)
}
