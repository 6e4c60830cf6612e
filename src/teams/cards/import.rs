//! The CSV import in Teams: how to send the file, the check's report (the same lines as
//! Slack's, from `app::import_report`), and the preview whose Import button carries the
//! file's link and digest, so the file imported is the one previewed.

use serde_json::{json, Value};

use super::kit::{action_data, action_set, card, execute_data, heading, md, message_md, text};
use super::Names;
use crate::app::actions::{Action, AdminAction};
use crate::app::errors::Message;
use crate::app::import::ImportOutcome;
use crate::app::import_preview::ImportPreview;
use crate::app::import_report::{import_report, ReportLine};
use crate::domain::Reader;
use crate::i18n::t;

/// The keys the Import button carries beside its action.
pub const FILE_URL_KEY: &str = "mb_file_url";
pub const FILE_NAME_KEY: &str = "mb_file_name";
pub const FILE_DIGEST_KEY: &str = "mb_file_sha256";
pub const FILE_THEME_KEY: &str = "mb_file_theme";

/// The file a preview was made from, as its Import button carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewedFile {
    pub name: String,
    pub download_url: String,
    /// SHA-256 of the bytes previewed, hex.
    pub digest: String,
    /// The theme typed with the file, for a file without a theme column.
    pub theme: Option<String>,
}

impl PreviewedFile {
    /// Read back from a pressed Import button's data.
    pub fn from_data(data: &Value) -> Option<PreviewedFile> {
        let get = |k: &str| data.get(k).and_then(Value::as_str).map(str::to_string);
        Some(PreviewedFile {
            name: get(FILE_NAME_KEY).unwrap_or_default(),
            download_url: get(FILE_URL_KEY)?,
            digest: get(FILE_DIGEST_KEY)?,
            theme: get(FILE_THEME_KEY).filter(|t| !t.is_empty()),
        })
    }
}

/// How to import: attach the CSV in this chat; the columns and a sample line.
pub fn how_to(reader: &Reader) -> Value {
    let lang = reader.lang;
    card(
        vec![
            heading(t(lang, "import-title-plain")),
            text(md(&t(lang, "teams-filein-how"))),
            text(md(&t(lang, "import-columns"))),
            text(md(&t(lang, "teams-filein-sample-intro"))),
            json!({
                "type": "TextBlock",
                "text": t(lang, "teams-filein-sample"),
                "fontType": "Monospace",
                "wrap": true,
            }),
            text(md(&t(lang, "teams-filein-theme-tip"))),
        ],
        Vec::new(),
    )
}

/// The check's or the import's result, line by line as Slack shows it.
pub fn report(reader: &Reader, file: &str, outcome: &ImportOutcome) -> Value {
    let names = Names::new();
    let say = |m: &Message| message_md(reader, &names, m);
    let lines = import_report(file, outcome)
        .iter()
        .map(|line| match line {
            ReportLine::Head(m) => text(say(m)),
            ReportLine::Problem(place, what) => text(format!("- {}: {}", say(place), say(what))),
        })
        .collect();
    card(lines, Vec::new())
}

/// A clean file: what importing it would do, with Import and Cancel.
pub fn preview(reader: &Reader, file: &PreviewedFile, preview: &ImportPreview) -> Value {
    let lang = reader.lang;
    let summary = Message::new("teams-filein-preview")
        .text("file", &file.name)
        .number("rows", preview.rows)
        .number("new", preview.new)
        .number("already", preview.already)
        .number("started", preview.started);
    let mut confirm = action_data(&Action::Admin(AdminAction::ConfirmImport));
    confirm[FILE_URL_KEY] = json!(file.download_url);
    confirm[FILE_NAME_KEY] = json!(file.name);
    confirm[FILE_DIGEST_KEY] = json!(file.digest);
    if let Some(theme) = &file.theme {
        confirm[FILE_THEME_KEY] = json!(theme);
    }
    let cancel = action_data(&Action::Admin(AdminAction::CancelImport));
    let buttons = vec![
        execute_data(&t(lang, "teams-filein-import-plain"), confirm, true),
        execute_data(&t(lang, "teams-filein-cancel-plain"), cancel, false),
    ];
    let mut body = vec![
        heading(t(lang, "import-title-plain")),
        text(message_md(reader, &Names::new(), &summary)),
        text(md(&t(lang, "teams-filein-preview-note"))),
    ];
    body.extend(action_set(buttons));
    card(body, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::import::{Problem, RowProblem};
    use crate::domain::Lang;

    fn reader(lang: Lang) -> Reader {
        Reader {
            user: crate::domain::UserId::parse("UEN").unwrap(),
            name: "Emma".into(),
            lang,
            tz: chrono_tz::Asia::Tokyo,
        }
    }

    #[test]
    fn the_preview_carries_the_file_and_reads_it_back() {
        let file = PreviewedFile {
            name: "mentors.csv".into(),
            download_url: "https://x.sharepoint.com/d?t=1".into(),
            digest: "ab".repeat(32),
            theme: Some("育休".into()),
        };
        let counts = ImportPreview {
            rows: 3,
            new: 2,
            already: 1,
            started: 0,
        };
        let card = preview(&reader(Lang::En), &file, &counts);
        fake_teams::validate_card(&card).unwrap();
        let buttons = card.to_string();
        assert!(
            buttons.contains("admin.import.confirm") && buttons.contains("admin.import.cancel")
        );
        let confirm = &card["body"][3]["actions"][0]["data"];
        assert_eq!(PreviewedFile::from_data(confirm), Some(file));
    }

    #[test]
    fn a_report_lists_each_problem_where_it_is_in_the_readers_language() {
        let outcome = ImportOutcome::Rejected(vec![RowProblem {
            row: Some(3),
            column: None,
            problem: Problem::UnknownTheme {
                theme: "x*y".into(),
            },
        }]);
        let card = report(&reader(Lang::Ja), "m.csv", &outcome);
        fake_teams::validate_card(&card).unwrap();
        let all = card.to_string();
        assert!(all.contains("x\\\\*y"), "typed text escaped: {all}");
        assert!(how_to(&reader(Lang::Ja))
            .to_string()
            .contains("ユーザー,テーマ,開始済み"));
    }
}
