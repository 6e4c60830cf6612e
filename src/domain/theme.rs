//! Themes (what mentors can talk about), their questions, and the rules for valid answers.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// The five categories of PRODUCT.md, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 年次等・属性: "joined in 20XX", "mid-career hire within 1 year".
    Tenure,
    /// 業務経験: previous department, project themes.
    Work,
    /// 業務外経験: certifications, TOEIC, study groups.
    NonWork,
    /// 制度の利用: parental leave, short hours, overseas posting.
    Programs,
    /// その他: hobby circles, sports, home region.
    Other,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Tenure,
        Category::Work,
        Category::NonWork,
        Category::Programs,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Tenure => "tenure",
            Category::Work => "work",
            Category::NonWork => "non_work",
            Category::Programs => "programs",
            Category::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

/// Limits that keep every theme and question displayable in Slack.
pub const THEME_NAME_MAX: usize = 80;
pub const THEME_DESCRIPTION_MAX: usize = 1000;
pub const QUESTION_LABEL_MAX: usize = 150;
pub const OPTION_MAX: usize = 75;
pub const OPTIONS_MAX: usize = 100;
/// All choices together, one per line: they are edited in one Slack text field.
pub const OPTIONS_TEXT_MAX: usize = 3000;

/// A problem with what an admin typed, shown next to the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    Empty,
    TooLong {
        max: usize,
    },
    /// A theme with the same name (ignoring case, width and spaces) exists.
    DuplicateName {
        existing: String,
    },
    /// A single-choice question needs at least two options.
    TooFewOptions,
    TooManyOptions {
        max: usize,
    },
    OptionTooLong {
        option: String,
        max: usize,
    },
    DuplicateOption {
        option: String,
    },
    UnknownChoice,
}

/// Which form field an error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    ThemeName,
    ThemeCategory,
    ThemeDescription,
    QuestionLabel,
    QuestionKind,
    QuestionOptions,
    TopicName,
}

pub type FieldErrors = Vec<(Field, FieldError)>;

/// A theme name: trimmed, one line, at most `THEME_NAME_MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeName(String);

impl ThemeName {
    pub fn parse(raw: &str) -> Result<ThemeName, FieldError> {
        let name = collapse_spaces(raw);
        if name.is_empty() {
            return Err(FieldError::Empty);
        }
        if name.chars().count() > THEME_NAME_MAX {
            return Err(FieldError::TooLong {
                max: THEME_NAME_MAX,
            });
        }
        Ok(ThemeName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The uniqueness key: 「ＤＸ推進」, "dx推進" and " DX  推進 " are the same theme.
    pub fn key(&self) -> String {
        name_key(&self.0)
    }
}

/// NFKC (full-width → half-width), lower case, no white space at all: 「DX 推進」 is
/// 「DX推進」. A key therefore never contains a space (storage relies on that to park the
/// key of a legacy duplicate where no name can reach it).
pub fn name_key(raw: &str) -> String {
    raw.nfkc()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

fn collapse_spaces(raw: &str) -> String {
    raw.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A valid theme as submitted by an admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeDraft {
    pub name: ThemeName,
    pub category: Category,
    pub description: String,
}

impl ThemeDraft {
    pub fn parse(
        name: &str,
        category: Option<&str>,
        description: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = Vec::new();
        let name = ThemeName::parse(name)
            .map_err(|e| errors.push((Field::ThemeName, e)))
            .ok();
        let category = match category.map(str::trim).filter(|c| !c.is_empty()) {
            None => {
                errors.push((Field::ThemeCategory, FieldError::Empty));
                None
            }
            Some(c) => Category::parse(c).or_else(|| {
                errors.push((Field::ThemeCategory, FieldError::UnknownChoice));
                None
            }),
        };
        let description = description.trim().to_string();
        if description.chars().count() > THEME_DESCRIPTION_MAX {
            errors.push((
                Field::ThemeDescription,
                FieldError::TooLong {
                    max: THEME_DESCRIPTION_MAX,
                },
            ));
        }
        match (name, category) {
            (Some(name), Some(category)) if errors.is_empty() => Ok(ThemeDraft {
                name,
                category,
                description,
            }),
            _ => Err(errors),
        }
    }
}

/// How a question is answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    Text,
    Choice(Vec<String>),
}

impl QuestionKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            QuestionKind::Text => "text",
            QuestionKind::Choice(_) => "choice",
        }
    }

    pub fn options(&self) -> &[String] {
        match self {
            QuestionKind::Text => &[],
            QuestionKind::Choice(options) => options,
        }
    }
}

/// A valid question as submitted by an admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionDraft {
    pub label: String,
    pub kind: QuestionKind,
    pub required: bool,
}

impl QuestionDraft {
    /// `options_text` has one option per line (used for single choice only).
    pub fn parse(
        label: &str,
        kind: Option<&str>,
        options_text: &str,
        required: bool,
    ) -> Result<Self, FieldErrors> {
        let mut errors = Vec::new();
        let label = collapse_spaces(label);
        if label.is_empty() {
            errors.push((Field::QuestionLabel, FieldError::Empty));
        } else if label.chars().count() > QUESTION_LABEL_MAX {
            errors.push((
                Field::QuestionLabel,
                FieldError::TooLong {
                    max: QUESTION_LABEL_MAX,
                },
            ));
        }
        let kind = match kind.map(str::trim) {
            Some("text") => Some(QuestionKind::Text),
            Some("choice") => match parse_options(options_text) {
                Ok(options) => Some(QuestionKind::Choice(options)),
                Err(e) => {
                    errors.push((Field::QuestionOptions, e));
                    None
                }
            },
            None | Some("") => {
                errors.push((Field::QuestionKind, FieldError::Empty));
                None
            }
            Some(_) => {
                errors.push((Field::QuestionKind, FieldError::UnknownChoice));
                None
            }
        };
        match kind {
            Some(kind) if errors.is_empty() => Ok(QuestionDraft {
                label,
                kind,
                required,
            }),
            _ => Err(errors),
        }
    }
}

fn parse_options(text: &str) -> Result<Vec<String>, FieldError> {
    let mut options: Vec<String> = Vec::new();
    for line in text.lines().map(collapse_spaces).filter(|l| !l.is_empty()) {
        if line.chars().count() > OPTION_MAX {
            return Err(FieldError::OptionTooLong {
                option: line,
                max: OPTION_MAX,
            });
        }
        if options.iter().any(|o| name_key(o) == name_key(&line)) {
            return Err(FieldError::DuplicateOption { option: line });
        }
        options.push(line);
    }
    match options.len() {
        0 | 1 => Err(FieldError::TooFewOptions),
        n if n > OPTIONS_MAX => Err(FieldError::TooManyOptions { max: OPTIONS_MAX }),
        _ if options.join("\n").chars().count() > OPTIONS_TEXT_MAX => Err(FieldError::TooLong {
            max: OPTIONS_TEXT_MAX,
        }),
        _ => Ok(options),
    }
}

/// A stored theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub id: i64,
    pub name: String,
    pub category: Category,
    pub description: String,
    pub archived: bool,
}

/// A stored question of a theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: i64,
    pub theme_id: i64,
    pub position: i64,
    pub label: String,
    pub kind: QuestionKind,
    pub required: bool,
    pub revision: i64,
}

/// Where a certified mentor stands on a theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertStatus {
    /// Certified; has not started yet (the mentor answers the questions, then starts).
    Certified,
    /// Visible to mentees.
    Started,
    /// Was started, but a required question changed and needs their answer again.
    NeedsAnswers,
    Paused,
    Revoked,
}

impl CertStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CertStatus::Certified => "certified",
            CertStatus::Started => "started",
            CertStatus::NeedsAnswers => "needs_answers",
            CertStatus::Paused => "paused",
            CertStatus::Revoked => "revoked",
        }
    }

    pub fn parse(value: &str) -> Option<CertStatus> {
        [
            CertStatus::Certified,
            CertStatus::Started,
            CertStatus::NeedsAnswers,
            CertStatus::Paused,
            CertStatus::Revoked,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// Per theme: how many mentors are certified (not revoked), started, and waiting for answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MentorCounts {
    pub certified: i64,
    pub started: i64,
    pub waiting: i64,
}

/// The questions a started mentor no longer answers validly: required ones with no valid answer.
pub fn unanswered_required<'q>(
    questions: &'q [Question],
    answers: &[(i64, String)],
) -> Vec<&'q Question> {
    questions
        .iter()
        .filter(|q| q.required)
        .filter(|q| {
            !answers
                .iter()
                .any(|(id, value)| *id == q.id && answer_is_valid(&q.kind, value))
        })
        .collect()
}

/// Whether `value` answers `kind` (an empty text or a choice no longer offered does not).
pub fn answer_is_valid(kind: &QuestionKind, value: &str) -> bool {
    match kind {
        QuestionKind::Text => !value.trim().is_empty(),
        QuestionKind::Choice(options) => options.iter().any(|o| o == value.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names_are_the_same_regardless_of_case_width_and_spaces() {
        let a = ThemeName::parse("  ＤＸ推進  ").unwrap();
        let b = ThemeName::parse("dx推進").unwrap();
        let c = ThemeName::parse("Parental\u{3000}  Leave").unwrap();
        assert_eq!(a.as_str(), "ＤＸ推進");
        assert_eq!(a.key(), b.key());
        assert_eq!(c.as_str(), "Parental Leave");
        assert_eq!(c.key(), "parentalleave");
    }

    #[test]
    fn spaces_inside_a_name_do_not_make_another_theme() {
        let joined = ThemeName::parse("DX推進").unwrap();
        for spaced in ["DX 推進", "D X推進", "ＤＸ\u{3000}推進", " dx  推進\t"] {
            assert_eq!(
                ThemeName::parse(spaced).unwrap().key(),
                joined.key(),
                "{spaced:?}"
            );
        }
        assert!(!name_key("a \u{3000}b\nc").contains(char::is_whitespace));
    }

    #[test]
    fn a_theme_needs_a_name_and_a_category() {
        let errors = ThemeDraft::parse("  ", None, "").unwrap_err();
        assert_eq!(
            errors,
            vec![
                (Field::ThemeName, FieldError::Empty),
                (Field::ThemeCategory, FieldError::Empty)
            ]
        );
        let long = "長".repeat(THEME_NAME_MAX + 1);
        assert_eq!(
            ThemeDraft::parse(&long, Some("work"), "").unwrap_err(),
            vec![(
                Field::ThemeName,
                FieldError::TooLong {
                    max: THEME_NAME_MAX
                }
            )]
        );
        let ok = ThemeDraft::parse("育休からの復帰", Some("programs"), " 経験者 ").unwrap();
        assert_eq!(
            (ok.category, ok.description.as_str()),
            (Category::Programs, "経験者")
        );
    }

    #[test]
    fn a_choice_question_needs_two_distinct_short_options() {
        let err =
            |opts: &str| QuestionDraft::parse("Which?", Some("choice"), opts, true).unwrap_err();
        assert_eq!(
            err(""),
            vec![(Field::QuestionOptions, FieldError::TooFewOptions)]
        );
        assert_eq!(
            err("only\n \n"),
            vec![(Field::QuestionOptions, FieldError::TooFewOptions)]
        );
        assert!(matches!(
            err("a\nA")[0].1,
            FieldError::DuplicateOption { .. }
        ));
        assert!(matches!(
            err(&format!("a\n{}", "x".repeat(76)))[0].1,
            FieldError::OptionTooLong { .. }
        ));
        let long: String = (0..60)
            .map(|i| format!("{i:02}{}\n", "x".repeat(60)))
            .collect();
        assert_eq!(
            err(&long),
            vec![(Field::QuestionOptions, FieldError::TooLong { max: 3000 })]
        );
        let many: String = (0..101).map(|i| format!("o{i}\n")).collect();
        assert_eq!(
            err(&many),
            vec![(
                Field::QuestionOptions,
                FieldError::TooManyOptions { max: 100 }
            )]
        );
        let ok =
            QuestionDraft::parse(" Which  team? ", Some("choice"), "営業\n開発\n", false).unwrap();
        assert_eq!(ok.label, "Which team?");
        assert_eq!(
            ok.kind,
            QuestionKind::Choice(vec!["営業".into(), "開発".into()])
        );
    }

    #[test]
    fn a_text_question_ignores_options_and_needs_a_label() {
        let ok = QuestionDraft::parse("What can you tell?", Some("text"), "ignored", true).unwrap();
        assert_eq!(ok.kind, QuestionKind::Text);
        assert_eq!(
            QuestionDraft::parse("", Some("text"), "", false).unwrap_err(),
            vec![(Field::QuestionLabel, FieldError::Empty)]
        );
    }

    #[test]
    fn a_new_required_question_leaves_a_started_mentor_with_something_to_answer() {
        let q = |id, required, kind| Question {
            id,
            theme_id: 1,
            position: id,
            label: format!("q{id}"),
            kind,
            required,
            revision: 1,
        };
        let questions = vec![
            q(1, true, QuestionKind::Text),
            q(2, false, QuestionKind::Text),
            q(3, true, QuestionKind::Choice(vec!["a".into(), "b".into()])),
        ];
        let answers = vec![(1, "yes".to_string()), (3, "c".to_string())];
        let missing: Vec<i64> = unanswered_required(&questions, &answers)
            .iter()
            .map(|q| q.id)
            .collect();
        assert_eq!(
            missing,
            vec![3],
            "an answer that is no longer an option needs answering again"
        );
        for status in [
            CertStatus::Certified,
            CertStatus::Started,
            CertStatus::NeedsAnswers,
            CertStatus::Paused,
            CertStatus::Revoked,
        ] {
            assert_eq!(CertStatus::parse(status.as_str()), Some(status));
        }
    }

    #[test]
    fn answers_are_valid_only_when_they_answer_the_question_as_it_is_now() {
        let choice = QuestionKind::Choice(vec!["営業".into(), "開発".into()]);
        assert!(answer_is_valid(&choice, "開発"));
        assert!(!answer_is_valid(&choice, "人事"));
        assert!(answer_is_valid(&QuestionKind::Text, "育休から復帰して…"));
        assert!(!answer_is_valid(&QuestionKind::Text, "  "));
    }
}
